// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "bashcompletionwriter.h"
#include "manpagewriter.h"
#include "usagetext.h"

#include <QTest>

using namespace Qt::StringLiterals;

/// The generators of the man page and the bash completion (packaging/docgen), on small inputs;
/// docs_match_help checks their output for the real command line against --help.
class TestDocgen final : public QObject
{
    Q_OBJECT

private slots:
    /// The two columns of the usage text: a synopsis that runs past the column has its
    /// description on the next line, and a continuation indented less than the column belongs
    /// to the synopsis.
    void usageTextSplitsColumns()
    {
        const QString usage = u"Usage:\n"
                              "  letterbox [options]          desktop app\n"
                              "  letterbox show ID [--raw|--json] and a long synopsis\n"
                              "                               one message\n"
                              "  letterbox export [--format F]\n"
                              "            (--all | ID...) DEST\n"
                              "                               copy messages out: to the\n"
                              "                               folder DEST\n"
                              "\n"
                              "Retention when serving: keeps the newest N,\n"
                              "  removes old ones.\n"
                              "Export format: by DEST.\n"_s;
        const UsageText text = UsageText::parse(usage);
        QCOMPARE(text.entries.size(), 3);
        QCOMPARE(text.entries.at(0).synopsis, u"letterbox [options]"_s);
        QCOMPARE(text.entries.at(0).description, u"desktop app"_s);
        QCOMPARE(text.entries.at(1).synopsis,
                 u"letterbox show ID [--raw|--json] and a long synopsis"_s);
        QCOMPARE(text.entries.at(1).description, u"one message"_s);
        QCOMPARE(text.entries.at(2).synopsis,
                 u"letterbox export [--format F] (--all | ID...) DEST"_s);
        QCOMPARE(text.entries.at(2).description, u"copy messages out: to the folder DEST"_s);
        QCOMPARE(text.notes,
                 (QStringList{u"Retention when serving: keeps the newest N, removes old ones."_s,
                              u"Export format: by DEST."_s}));
    }

    /// What roff would take as a request or an escape is escaped; minus signs stay minus signs.
    void escapeKeepsRoffOut()
    {
        QCOMPARE(ManPageWriter::escape(u"a\\b"_s), u"a\\eb"_s);
        QCOMPARE(ManPageWriter::escape(u"--store"_s), u"\\-\\-store"_s);
        QCOMPARE(ManPageWriter::escape(u".hidden\n'quote\nx.y"_s), u"\\&.hidden\n\\&'quote\nx.y"_s);
    }

    void manPageHasEveryOptionAndSection()
    {
        const QList<QCommandLineOption> options{
            QCommandLineOption({u"h"_s, u"help"_s}, u"Show this help."_s),
            QCommandLineOption(u"store"_s, u"Store directory."_s, u"DIR"_s)};
        QCommandLineOption hidden(u"secret"_s, u"Not shown."_s);
        hidden.setFlags(QCommandLineOption::HiddenFromHelp);
        const QString page = ManPageWriter::write(
            {u"1.2.3"_s, options + QList<QCommandLineOption>{hidden},
             u"Usage:\n  letterbox list [QUERY]       stored messages\n"_s, u"QUERY: words\n"_s});
        QVERIFY(page.contains(u".TH LETTERBOX 1 \"\" \"letterbox 1.2.3\""_s));
        QVERIFY(page.contains(u".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nShow this help.\n"_s));
        QVERIFY(page.contains(u".TP\n\\fB\\-\\-store\\fR \\fIDIR\\fR\nStore directory.\n"_s));
        QVERIFY(page.contains(u".TP\n\\fBletterbox list [QUERY]\\fR\nstored messages\n"_s));
        QVERIFY(!page.contains(u"secret"_s));
        for (const QString &section :
             {u"NAME"_s, u"SYNOPSIS"_s, u"DESCRIPTION"_s, u"COMMANDS"_s, u"OPTIONS"_s,
              u"SEARCH QUERIES"_s, u"EXIT STATUS"_s, u"ENVIRONMENT"_s, u"FILES"_s, u"SEE ALSO"_s})
            QVERIFY2(page.contains(u".SH "_s + section + u'\n'), qPrintable(section));
    }

    /// Options whose value is a FILE complete files, a DIR folders, other values nothing.
    void completionKnowsPathOptions()
    {
        const QString script = BashCompletionWriter::write(
            {{QCommandLineOption(u"tls-cert"_s, u"Certificate."_s, u"FILE"_s),
              QCommandLineOption(u"store"_s, u"Store."_s, u"DIR"_s),
              QCommandLineOption(u"limit"_s, u"At most."_s, u"N"_s),
              QCommandLineOption(u"json"_s, u"JSON."_s)},
             {u"list"_s, u"rebuild-index"_s}});
        QVERIFY(script.contains(u"    --tls-cert)\n        _filedir\n"_s));
        QVERIFY(script.contains(u"    --store)\n        _filedir -d\n"_s));
        QVERIFY(script.contains(u"    --tls-cert|--store|--limit)\n        return\n"_s));
        QVERIFY(script.contains(u"compgen -W '--tls-cert --store --limit --json'"_s));
        QVERIFY(script.contains(u"'') COMPREPLY=($(compgen -W 'list rebuild-index'"_s));
        QVERIFY(script.contains(u"complete -F _letterbox letterbox"_s));
    }
};

QTEST_GUILESS_MAIN(TestDocgen)
#include "tst_docgen.moc"
