// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "commandline.h"
#include "headlessrunner.h"
#include "storecommands.h"

#include "events/events.h"

#include <QCoreApplication>

#include <csignal>
#include <cstdio>

int main(int argc, char *argv[])
{
    // A reader that goes away (letterbox list | head) must not kill us with SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    // Qt's own event dispatcher does less per wake-up than the GLib one, and a headless mail
    // server wakes up for every SMTP line.
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("letterbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LETTERBOX_VERSION));
    registerEventMetaTypes();

    const CommandLineResult parsed = parseCommandLine(QCoreApplication::arguments());
    if (!parsed.commandLine) {
        std::FILE *stream = parsed.exitCode == 0 ? stdout : stderr;
        std::fprintf(stream, "%s\n", parsed.output.toLocal8Bit().constData());
        return parsed.exitCode;
    }
    const CommandLine &commandLine = *parsed.commandLine;
    switch (commandLine.command) {
    case CommandLine::Command::List:
        return runList(commandLine);
    case CommandLine::Command::Show:
        return runShow(commandLine);
    case CommandLine::Command::Serve:
        break;
    }
    if (!commandLine.headless) {
        std::fprintf(stderr,
                     "letterbox: this build has no desktop window yet; run with --headless\n");
        return 2;
    }
    return runHeadless(commandLine);
}
