// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "commandline.h"
#include "relay/relaysettings.h"
#include "store/searchquery.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using Id = ConfigSetting::Id;

/// The command line records which settings it gives, so that exactly those, and all of them,
/// win over the saved settings of the desktop app.
class TestCommandLine final : public QObject
{
    Q_OBJECT

private:
    static CommandLine parse(const QStringList &options)
    {
        const CommandLineResult result = parseCommandLine(QStringList{u"letterbox"_s} + options);
        if (!result.commandLine)
            qWarning() << result.output;
        return result.commandLine.value_or(CommandLine());
    }

private slots:
    /// Regression: the value of an option used to be compared with the default, so
    /// `--max-size 33554432` (the default) could not override a saved 1000.
    void explicitDefaultOverridesSavedValue()
    {
        const CommandLine commandLine = parse({u"--max-size"_s, u"33554432"_s});
        QCOMPARE(commandLine.config.maxMessageSize, 33554432);
        QCOMPARE(commandLine.given, QSet<Id>{Id::MaxMessageSize});
        ServerConfig saved;
        saved.maxMessageSize = 1000;
        saved.timeoutSeconds = 42;
        saved.assign(commandLine.config, commandLine.given);
        QCOMPARE(saved.maxMessageSize, 33554432);
        QCOMPARE(saved.timeoutSeconds, 42); // not given: the saved value stays
    }

    void everyOptionIsRecorded_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QList<int>>("given");
        const auto ids = [](std::initializer_list<Id> list) {
            QList<int> result;
            for (const Id id : list)
                result.append(int(id));
            return result;
        };
        QTest::addRow("listen-default")
            << QStringList{u"--listen"_s, u"127.0.0.1:1025"_s} << ids({Id::Listen});
        QTest::addRow("tls-listen")
            << QStringList{u"--tls-listen"_s, u":1465"_s, u"--tls-cert"_s, u"c"_s,
                           u"--tls-key"_s,    u"k"_s}
            << ids({Id::TlsListen, Id::TlsCertificate, Id::TlsKey, Id::TlsPassphrase});
        QTest::addRow("names") << QStringList{u"--hostname"_s, u"mx.test"_s, u"--app-name"_s,
                                              u"Letterbox"_s}
                               << ids({Id::HostName, Id::AppName});
        QTest::addRow("limits") << QStringList{u"--max-recipients"_s,
                                               u"1000"_s,
                                               u"--timeout"_s,
                                               u"300"_s,
                                               u"--max-connections"_s,
                                               u"100"_s,
                                               u"--tls-handshake-timeout"_s,
                                               u"15"_s}
                                << ids({Id::MaxRecipients, Id::IdleTimeout, Id::MaxConnections,
                                        Id::TlsHandshakeTimeout});
        QTest::addRow("retention")
            << QStringList{u"--retain-messages"_s, u"5"_s, u"--retain-days"_s, u"1"_s}
            << ids({Id::RetainMessages, Id::RetainDays});
        QTest::addRow("storage") << QStringList{u"--store"_s, u"/tmp/s"_s, u"--maildir"_s,
                                                u"/tmp/m"_s}
                                 << ids({Id::StoreDirectory, Id::MaildirDirectory});
        QTest::addRow("auth") << QStringList{u"--auth-user"_s,          u"a:b"_s,
                                             u"--require-auth"_s,       u"--auth-mechanisms"_s,
                                             u"PLAIN,LOGIN,CRAM-MD5"_s, u"--allow-insecure-auth"_s}
                              << ids({Id::AuthUsers, Id::AuthEnabled, Id::AuthRequired,
                                      Id::AuthMechanisms, Id::AllowInsecureAuth});
        QTest::addRow("accept-any")
            << QStringList{u"--auth-accept-any"_s} << ids({Id::AuthAcceptAny, Id::AuthEnabled});
        QTest::addRow("accept-rcpt")
            << QStringList{u"--accept-rcpt"_s, u"*@a.test"_s} << ids({Id::AcceptRcpt});
        QTest::addRow("relay") << QStringList{u"--relay-host"_s,
                                              u"smtp.test:587"_s,
                                              u"--relay-tls"_s,
                                              u"implicit"_s,
                                              u"--relay-no-verify"_s,
                                              u"--relay-user"_s,
                                              u"u:p"_s,
                                              u"--relay-sender"_s,
                                              u"bounce@test.test"_s,
                                              u"--relay-allow"_s,
                                              u"*@test.test"_s,
                                              u"--relay-allow"_s,
                                              u"me@x.test"_s,
                                              u"--relay-auto"_s,
                                              u"subject:x"_s,
                                              u"--relay-timeout"_s,
                                              u"5"_s}
                               << ids({Id::RelayHost, Id::RelayTls, Id::RelayNoVerify,
                                       Id::RelayUser, Id::RelaySender, Id::RelayAllow,
                                       Id::RelayAuto, Id::RelayTimeout});
        QTest::addRow("nothing") << QStringList{} << QList<int>{};
    }

    /// Every option marks its settings as given, also with the default value.
    void everyOptionIsRecorded()
    {
        QFETCH(QStringList, options);
        QFETCH(QList<int>, given);
        const CommandLine commandLine = parse(options);
        QSet<Id> expected;
        for (const int id : given)
            expected.insert(Id(id));
        QCOMPARE(commandLine.given, expected);
        // Applied over a saved configuration, the given settings take the command line's value.
        ServerConfig saved;
        saved.listen = u"127.0.0.1:2525"_s;
        saved.maxRecipients = 3;
        saved.assign(commandLine.config, commandLine.given);
        for (const Id id : expected)
            QCOMPARE(saved.value(id), commandLine.config.value(id));
    }

    /// Relay values are checked as the settings check them; the message names the option.
    void badRelayValuesAreRefused_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("named");
        QTest::addRow("host") << QStringList{u"--relay-host"_s, u"nohost"_s} << u"--relay-host"_s;
        QTest::addRow("tls") << QStringList{u"--relay-host"_s, u"a.test:25"_s, u"--relay-tls"_s,
                                            u"ssl"_s}
                             << u"--relay-tls"_s;
        QTest::addRow("user") << QStringList{u"--relay-host"_s, u"a.test:25"_s, u"--relay-user"_s,
                                             u"nopassword"_s}
                              << u"--relay-user"_s;
        QTest::addRow("query") << QStringList{u"--relay-host"_s, u"a.test:25"_s, u"--relay-auto"_s,
                                              u"(open"_s}
                               << u"--relay-auto"_s;
        QTest::addRow("auto without host")
            << QStringList{u"--relay-auto"_s, u"subject:x"_s} << u"--relay-auto"_s;
        QTest::addRow("release without host")
            << QStringList{u"release"_s, u"1"_s, u"--to"_s, u"a@b.test"_s} << u"--relay-host"_s;
        QTest::addRow("release without --to")
            << QStringList{u"release"_s, u"1"_s, u"--relay-host"_s, u"a.test:25"_s} << u"--to"_s;
        QTest::addRow("--to elsewhere") << QStringList{u"--to"_s, u"a@b.test"_s} << u"--to"_s;
    }
    void badRelayValuesAreRefused()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, named);
        const CommandLineResult result = parseCommandLine(QStringList{u"letterbox"_s} + options);
        QVERIFY(!result.commandLine);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.output.contains(named), qPrintable(result.output));
    }

    void releaseTakesItsRecipients()
    {
        const CommandLine commandLine =
            parse({u"release"_s, u"--relay-host"_s, u"127.0.0.1:2525"_s, u"--relay-allow"_s, u"*"_s,
                   u"7"_s, u"--to"_s, u"a@b.test"_s, u"--to"_s, u"c@d.test"_s});
        QCOMPARE(commandLine.command, CommandLine::Command::Release);
        QCOMPARE(commandLine.messageId, 7);
        QCOMPARE(commandLine.releaseRecipients, (QStringList{u"a@b.test"_s, u"c@d.test"_s}));
        const Result<RelaySettings> relay = commandLine.config.toRelaySettings();
        QVERIFY(relay);
        QVERIFY(relay->enabled);
        QCOMPARE(relay->target.port, 2525);
        QVERIFY(relay->target.tls == RelayTlsMode::StartTls); // the safe default
        QVERIFY(relay->target.verifyCertificate);
    }

    /// Out-of-range values are refused with the table's bounds in one line, exit code 2.
    void boundsComeFromTheTable()
    {
        for (const ConfigSetting &setting : ConfigSetting::all()) {
            if (setting.kind != ConfigSetting::Kind::Number || setting.option.isEmpty())
                continue;
            const QString option = u"--"_s + setting.option;
            for (const qint64 value : {setting.optionMinimum() - 1, setting.maximum + 1}) {
                const CommandLineResult result =
                    parseCommandLine({u"letterbox"_s, option, QString::number(value)});
                QVERIFY2(!result.commandLine, qPrintable(option));
                QCOMPARE(result.exitCode, 2);
                QVERIFY2(result.output.contains(QString::number(setting.maximum)),
                         qPrintable(result.output));
            }
            for (const qint64 value : {setting.optionMinimum(), setting.maximum}) {
                const CommandLineResult result =
                    parseCommandLine({u"letterbox"_s, option, QString::number(value)});
                QVERIFY2(result.commandLine, qPrintable(result.output));
                QCOMPARE(result.commandLine->config.value(setting.id).toLongLong(), value);
            }
        }
    }

    /// --help prints each setting's default and bounds from the table.
    void helpShowsTheTable()
    {
        const CommandLineResult result = parseCommandLine({u"letterbox"_s, u"--help"_s});
        QCOMPARE(result.exitCode, 0);
        const QString help = result.output.simplified();
        for (const ConfigSetting &setting : ConfigSetting::all()) {
            if (setting.option.isEmpty())
                continue;
            QVERIFY2(help.contains(u"--"_s + setting.option), setting.key.data());
            if (setting.kind == ConfigSetting::Kind::Number)
                QVERIFY2(help.contains(setting.rangeText()), qPrintable(setting.rangeText()));
        }
    }

    /// The QUERY part of --help lists exactly the keywords of the search table, each with its
    /// value form and description, and no keyword the parser does not know.
    void helpShowsTheSearchKeywords()
    {
        const CommandLineResult result = parseCommandLine({u"letterbox"_s, u"--help"_s});
        const QString help = searchLanguageHelp();
        QVERIFY(result.output.contains(help));
        QStringList listed;
        static const QRegularExpression keywordLine(u"^  ([a-z]+):(\\S*) +(.+)$"_s,
                                                    QRegularExpression::MultilineOption);
        for (auto match = keywordLine.globalMatch(help); match.hasNext();) {
            const QRegularExpressionMatch line = match.next();
            const SearchQuery::Keyword *keyword = SearchQuery::keyword(line.captured(1));
            QVERIFY2(keyword, qPrintable(line.captured(0)));
            QCOMPARE(line.captured(2), QString(keyword->argument));
            QCOMPARE(line.captured(3), QString(keyword->description));
            listed.append(line.captured(1));
        }
        QStringList table;
        for (const SearchQuery::Keyword &keyword : SearchQuery::keywords())
            table.append(keyword.name);
        QCOMPARE(listed, table);
    }

    /// commandLineOptions(), what the man page and the bash completion are generated from,
    /// holds exactly the options --help lists (and the parser takes), in the same order.
    void optionListIsTheHelp()
    {
        const CommandLineResult result = parseCommandLine({u"letterbox"_s, u"--help"_s});
        QStringList inHelp;
        static const QRegularExpression optionLine(u"^  (?:-[a-z], )?--([a-z0-9-]+)"_s,
                                                   QRegularExpression::MultilineOption);
        for (auto match = optionLine.globalMatch(result.output); match.hasNext();)
            inHelp.append(match.next().captured(1));
        QStringList listed;
        for (const QCommandLineOption &option : commandLineOptions())
            listed.append(option.names().constLast());
        QVERIFY(listed.size() > qsizetype(ConfigSetting::kCount / 2));
        QCOMPARE(listed, inHelp);
    }

    /// Every listed subcommand is one the parser knows and the usage text describes.
    void subcommandListIsWhatTheParserTakes()
    {
        QVERIFY(!parseCommandLine({u"letterbox"_s, u"lsit"_s}).commandLine);
        for (const QString &name : commandLineSubcommands()) {
            const CommandLineResult result = parseCommandLine({u"letterbox"_s, name});
            QVERIFY2(!result.output.contains(u"unknown command"_s), qPrintable(result.output));
            QVERIFY2(commandLineUsage().contains(u"  letterbox "_s + name + u' '),
                     qPrintable(name));
        }
    }

    /// --quit stops what runs on a store, so it takes nothing but the store.
    void quitTakesOnlyTheStore()
    {
        const CommandLine quit = parse({u"--quit"_s, u"--store"_s, u"/tmp/s1"_s});
        QVERIFY(quit.quit);
        QVERIFY(quit.storeGiven);
        QCOMPARE(quit.storeDirectory, u"/tmp/s1"_s);
        QVERIFY(!parse({u"--quit"_s}).storeGiven);
        for (const QStringList &bad : {QStringList{u"--quit"_s, u"--headless"_s},
                                       {u"--quit"_s, u"list"_s},
                                       {u"--quit"_s, u"--listen"_s, u"127.0.0.1:2525"_s}}) {
            const CommandLineResult result = parseCommandLine(QStringList{u"letterbox"_s} + bad);
            QVERIFY2(!result.commandLine, qPrintable(bad.join(u' ')));
            QCOMPARE(result.exitCode, 2);
            QVERIFY(result.output.contains(u"--quit takes only --store DIR"_s));
        }
    }

    /// --minimized is the desktop app's (the autostart entry's) alone.
    void minimizedGoesWithTheDesktopApp()
    {
        QVERIFY(parse({u"--minimized"_s}).minimized);
        QVERIFY(!parse({}).minimized);
        for (const QStringList &bad :
             {QStringList{u"--minimized"_s, u"--headless"_s}, {u"--minimized"_s, u"list"_s}}) {
            const CommandLineResult result = parseCommandLine(QStringList{u"letterbox"_s} + bad);
            QVERIFY(!result.commandLine);
            QVERIFY(result.output.contains(u"--minimized goes with the desktop app"_s));
        }
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
