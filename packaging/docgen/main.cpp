// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
// letterbox-docgen: writes the man page or the bash completion of letterbox at build time,
// from the same options, usage text and search language that make --help, so the three cannot
// disagree (tests/packaging checks that they do not).
#include "bashcompletionwriter.h"
#include "commandline.h"
#include "manpagewriter.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() != 3
        || (arguments.at(1) != u"man" && arguments.at(1) != u"bash-completion")) {
        std::fprintf(stderr, "usage: letterbox-docgen man|bash-completion OUTPUT\n");
        return 2;
    }
    QString text;
    if (arguments.at(1) == u"man")
        text = ManPageWriter::write({QStringLiteral(LETTERBOX_VERSION), commandLineOptions(),
                                     commandLineUsage(), searchLanguageHelp()});
    else
        text = BashCompletionWriter::write({commandLineOptions(), commandLineSubcommands()});
    QSaveFile file(arguments.at(2));
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        std::fprintf(stderr, "letterbox-docgen: cannot write %s: %s\n", qPrintable(arguments.at(2)),
                     qPrintable(file.errorString()));
        return 1;
    }
    return 0;
}
