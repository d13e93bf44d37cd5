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
        SmtpServerSettings server;
        QString error;
        QVERIFY2(settings.toServerSettings(&server, &error), qPrintable(error));
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
        {
            QSettings file(dir.filePath(QStringLiteral("a.conf")), QSettings::IniFormat);
            settings.save(file);
        }
        const QSettings file(dir.filePath(QStringLiteral("a.conf")), QSettings::IniFormat);
        QCOMPARE(AppSettings::load(file), settings);
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
        QTest::addColumn<QString>("expected");
        QTest::addRow("bad-listen") << "listen"
                                    << "nonsense"
                                    << "Listen address";
        QTest::addRow("tls-listen-without-cert") << "tlsListen"
                                                 << "127.0.0.1:1465"
                                                 << "certificate";
        QTest::addRow("missing-cert") << "cert"
                                      << "/nonexistent/cert.pem"
                                      << "/nonexistent/cert.pem";
        QTest::addRow("auth-without-users") << "auth"
                                            << ""
                                            << "Authentication";
        QTest::addRow("bad-user") << "auth"
                                  << "nocolon"
                                  << "nocolon";
    }

    void errorsNameTheField()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, expected);
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
        SmtpServerSettings server;
        QString error;
        QVERIFY(!settings.toServerSettings(&server, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void authAndPatternsBecomeHooks()
    {
        AppSettings settings;
        settings.authEnabled = true;
        settings.authUsers = {QStringLiteral("alice:secret")};
        settings.authMechanisms = {QStringLiteral("PLAIN")};
        settings.allowInsecureAuth = true;
        settings.acceptRcptPatterns = {QStringLiteral("*@example.test")};
        SmtpServerSettings server;
        QString error;
        QVERIFY2(settings.toServerSettings(&server, &error), qPrintable(error));
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
        SmtpServerSettings server;
        QString error;
        QVERIFY2(settings.toServerSettings(&server, &error), qPrintable(error));
        QCOMPARE(server.idleTimeout, std::chrono::seconds(42));
        QCOMPARE(server.tlsHandshakeTimeout, std::chrono::seconds(7));
        QCOMPARE(server.maxConnections, 9);
        // A hand-edited file cannot switch the handshake timeout off.
        settings.tlsHandshakeSeconds = 0;
        QVERIFY(settings.toServerSettings(&server, &error));
        QCOMPARE(server.tlsHandshakeTimeout, std::chrono::seconds(1));
    }
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
