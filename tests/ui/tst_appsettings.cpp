// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "settings/appsettings.h"
#include "smtp/smtpserversettings.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

class TestAppSettings final : public QObject
{
    Q_OBJECT

private slots:
    void defaultsMatchTheDesign()
    {
        const AppSettings settings;
        QCOMPARE(settings.listen, u"127.0.0.1:1025");
        const Result<SmtpServerSettings> built = settings.toServerSettings();
        QVERIFY2(built, qPrintable(built ? QString() : built.error().message));
        const SmtpServerSettings &server = *built;
        QCOMPARE(server.listen->toString(), u"127.0.0.1:1025");
        QVERIFY(!server.tlsListen);
        QVERIFY(!server.tls);
        QVERIFY(!server.authHandler);
        QVERIFY(!server.rcptHandler);
    }

    void saveLoadRoundTrip()
    {
        QTemporaryDir dir;
        AppSettings settings;
        settings.listen = QStringLiteral("127.0.0.1:2525");
        settings.tlsListen = QStringLiteral("127.0.0.1:2465");
        settings.maxMessageSize = 1234567;
        settings.acceptRcptPatterns = {QStringLiteral("*@a.test"), QStringLiteral("b@*")};
        settings.authEnabled = true;
        settings.authUsers = {QStringLiteral("u:p:w")};
        settings.authMechanisms = {QStringLiteral("CRAM-MD5")};
        settings.tlsPassphrase = "secret";
        settings.closeToTray = true;
        settings.retainMessages = 5000;
        settings.tlsHandshakeSeconds = 4;
        settings.retainDays = 7;
        settings.appearance = AppSettings::Appearance::Dark;
        settings.faultsEnabled = false;
        settings.faultSeed = 42;
        settings.faultGreylistWindowSeconds = 60;
        {
            QSettings file(dir.filePath(QStringLiteral("a.conf")), QSettings::IniFormat);
            settings.save(file);
        }
        {
            const QSettings file(dir.filePath(QStringLiteral("a.conf")), QSettings::IniFormat);
            QCOMPARE(AppSettings::load(file), settings);
        }
        // Fault rules hold commas, colons, quotes and spaces, one rule or several.
        for (const QStringList &rules :
             {QStringList{QStringLiteral("rcpt,next=2:*:451 4.3.0 busy, \"try\" later")},
              QStringList{QStringLiteral("rcpt,p=0.5:*@x.test:550 5.1.1 no: such user"),
                          QStringLiteral("data-end,off:header.Subject=*a, b*:disconnect")}}) {
            settings.faultRules = rules;
            {
                QSettings file(dir.filePath(QStringLiteral("a.conf")), QSettings::IniFormat);
                settings.save(file);
            }
            const QSettings file(dir.filePath(QStringLiteral("a.conf")), QSettings::IniFormat);
            QCOMPARE(AppSettings::load(file).faultRules, rules);
        }
    }

    /// Passwords live in the settings file, so only its owner may read it, from the first save
    /// on and after QSettings has replaced the file.
    void settingsFileIsPrivate()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/letterbox.conf"));
        constexpr auto kPrivate = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
        AppSettings settings;
        settings.authUsers = {QStringLiteral("alice:secret")};
        for (int round = 0; round < 2; ++round) {
            const std::unique_ptr<QSettings> file = AppSettings::openSettingsFile(path);
            settings.save(*file);
            settings.tlsPassphrase = "changed";
            file->sync();
            QCOMPARE(file->status(), QSettings::NoError);
            const QFileDevice::Permissions permissions = QFile::permissions(path);
            QCOMPARE(permissions & ~(QFileDevice::ReadUser | QFileDevice::WriteUser), kPrivate);
        }
        const std::unique_ptr<QSettings> file = AppSettings::openSettingsFile(path);
        QCOMPARE(AppSettings::load(*file).authUsers, settings.authUsers);
    }

    void errorsNameTheField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expectedField");
        QTest::addColumn<ErrorCode>("code");
        QTest::addRow("bad-listen") << "listen"
                                    << "nonsense"
                                    << "listen" << ErrorCode::InvalidValue;
        QTest::addRow("tls-listen-without-cert") << "tlsListen"
                                                 << "127.0.0.1:1465"
                                                 << "tls-listen" << ErrorCode::Conflict;
        QTest::addRow("missing-cert") << "cert"
                                      << "/nonexistent/cert.pem"
                                      << "tls.certificate" << ErrorCode::CertificateUnreadable;
        QTest::addRow("auth-without-users") << "auth"
                                            << ""
                                            << "auth.users" << ErrorCode::Conflict;
        QTest::addRow("bad-user") << "auth"
                                  << "nocolon"
                                  << "auth.users" << ErrorCode::InvalidValue;
    }

    void errorsNameTheField()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, expectedField);
        QFETCH(ErrorCode, code);
        AppSettings settings;
        if (field == u"listen") {
            settings.listen = value;
        } else if (field == u"tlsListen") {
            settings.tlsListen = value;
        } else if (field == u"cert") {
            settings.tlsCertFile = value;
            settings.tlsKeyFile = value;
        } else if (field == u"auth") {
            settings.authEnabled = true;
            if (!value.isEmpty())
                settings.authUsers = {value};
        }
        const Result<SmtpServerSettings> built = settings.toServerSettings();
        QVERIFY(!built);
        QCOMPARE(built.error().field, expectedField);
        QCOMPARE(built.error().code, code);
        QVERIFY(!built.error().message.isEmpty());
    }

    void authAndPatternsBecomeHooks()
    {
        AppSettings settings;
        settings.authEnabled = true;
        settings.authUsers = {QStringLiteral("alice:secret")};
        settings.authMechanisms = {QStringLiteral("PLAIN")};
        settings.allowInsecureAuth = true;
        settings.acceptRcptPatterns = {QStringLiteral("*@example.test")};
        const Result<SmtpServerSettings> built = settings.toServerSettings();
        QVERIFY(built);
        const SmtpServerSettings &server = *built;
        QVERIFY(server.authHandler);
        QCOMPARE(server.authMechanisms, QSet<SaslMechanism::Type>({SaslMechanism::Type::Plain}));
        QVERIFY(server.authMechanismsBeforeTls.contains(SaslMechanism::Type::Plain));
        AuthRequest good;
        good.username = "alice";
        good.password = "secret";
        QVERIFY(server.authHandler(good));
        good.password = "wrong";
        QVERIFY(!server.authHandler(good));
        QVERIFY(server.rcptHandler(QString(), {}, "x@example.test"));
        QVERIFY(!server.rcptHandler(QString(), {}, "x@other.test"));
    }

    void limitsReachTheEngine()
    {
        AppSettings settings;
        settings.timeoutSeconds = 42;
        settings.tlsHandshakeSeconds = 7;
        settings.maxConnections = 9;
        Result<SmtpServerSettings> server = settings.toServerSettings();
        QVERIFY(server);
        QCOMPARE(server->idleTimeout, std::chrono::seconds(42));
        QCOMPARE(server->tlsHandshakeTimeout, std::chrono::seconds(7));
        QCOMPARE(server->maxConnections, 9);
        // A hand-edited file cannot switch the handshake timeout off.
        settings.tlsHandshakeSeconds = 0;
        server = settings.toServerSettings();
        QVERIFY(!server);
        QCOMPARE(server.error().code, ErrorCode::OutOfRange);
        QCOMPARE(server.error().field, u"tls.handshake-timeout");
    }

    /// A settings file written by an earlier Letterbox, with its keys as they were, loads into
    /// the same values; and what is saved now uses the same keys.
    void existingSettingsFileLoadsTheSame()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("letterbox.conf"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[server]\n"
                   "listen=127.0.0.1:2525\n"
                   "tlsListen=127.0.0.1:2465\n"
                   "hostName=mx.example.test\n"
                   "appName=Catcher\n"
                   "maxMessageSize=1000\n"
                   "maxRecipients=7\n"
                   "timeoutSeconds=42\n"
                   "maxConnections=9\n"
                   "acceptRcptPatterns=*@a.test, b@*\n"
                   "\n"
                   "[tls]\n"
                   "certificateFile=/etc/letterbox/cert.pem\n"
                   "keyFile=/etc/letterbox/key.pem\n"
                   "passphrase=@ByteArray(secret)\n"
                   "require=true\n"
                   "handshakeTimeoutSeconds=4\n"
                   "\n"
                   "[auth]\n"
                   "enabled=true\n"
                   "required=true\n"
                   "acceptAny=false\n"
                   "users=alice:secret, bob:pass:word\n"
                   "mechanisms=CRAM-MD5\n"
                   "allowInsecure=true\n"
                   "\n"
                   "[storage]\n"
                   "directory=/var/lib/letterbox\n"
                   "maildir=/var/mail/letterbox\n"
                   "retainMessages=5000\n"
                   "retainDays=-3\n"
                   "\n"
                   "[desktop]\n"
                   "notifications=false\n"
                   "closeToTray=true\n"
                   "appearance=dark\n");
        file.close();

        AppSettings expected;
        expected.listen = QStringLiteral("127.0.0.1:2525");
        expected.tlsListen = QStringLiteral("127.0.0.1:2465");
        expected.hostName = QStringLiteral("mx.example.test");
        expected.appName = QStringLiteral("Catcher");
        expected.maxMessageSize = 1000;
        expected.maxRecipients = 7;
        expected.timeoutSeconds = 42;
        expected.maxConnections = 9;
        expected.acceptRcptPatterns = {QStringLiteral("*@a.test"), QStringLiteral("b@*")};
        expected.tlsCertFile = QStringLiteral("/etc/letterbox/cert.pem");
        expected.tlsKeyFile = QStringLiteral("/etc/letterbox/key.pem");
        expected.tlsPassphrase = "secret";
        expected.requireTls = true;
        expected.tlsHandshakeSeconds = 4;
        expected.authEnabled = true;
        expected.authRequired = true;
        expected.authUsers = {QStringLiteral("alice:secret"), QStringLiteral("bob:pass:word")};
        expected.authMechanisms = {QStringLiteral("CRAM-MD5")};
        expected.allowInsecureAuth = true;
        expected.storeDirectory = QStringLiteral("/var/lib/letterbox");
        expected.maildirDirectory = QStringLiteral("/var/mail/letterbox");
        expected.retainMessages = 5000;
        expected.retainDays = 0; // a negative count has always meant "off"
        expected.notifications = false;
        expected.closeToTray = true;
        expected.appearance = AppSettings::Appearance::Dark;
        {
            const QSettings settings(path, QSettings::IniFormat);
            QCOMPARE(AppSettings::load(settings), expected);
        }

        // Saved again, every key of the old file is still there, with the same value.
        {
            QSettings settings(path, QSettings::IniFormat);
            const QStringList before = settings.allKeys();
            AppSettings::load(settings).save(settings);
            for (const QString &key : before)
                QVERIFY2(settings.allKeys().contains(key), qPrintable(key));
        }
        const QSettings settings(path, QSettings::IniFormat);
        QCOMPARE(AppSettings::load(settings), expected);
        // Missing keys take the defaults of the table.
        const QSettings empty(dir.filePath(QStringLiteral("empty.conf")), QSettings::IniFormat);
        QCOMPARE(AppSettings::load(empty), AppSettings());
    }
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
