// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "config/configsetting.h"
#include "config/serverconfig.h"
#include "resulttext.h"
#include "smtp/smtpserversettings.h"
#include "tls/selfsignedcertificate.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Id = ConfigSetting::Id;

/// ServerConfig and its table: the defaults are the table's, every bound is enforced at its
/// edge, and every error names the setting it is about.
class TestServerConfig final : public QObject
{
    Q_OBJECT

private:
    static QStringList fields(const QList<Error> &errors)
    {
        QStringList result;
        for (const Error &error : errors)
            result.append(error.field);
        return result;
    }

    static QString failureOf(const Result<SmtpServerSettings> &result)
    {
        return result ? QString() : result.error().message;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const auto a = SelfSignedCertificate::generate(u"a.letterbox.test"_s, 30);
        QVERIFY2(a, qPrintable(errorText(a)));
        const auto b = SelfSignedCertificate::generate(u"b.letterbox.test"_s, 30);
        QVERIFY2(b, qPrintable(errorText(b)));
        QVERIFY(a->writeTo(path(u"a.crt"_s), path(u"a.key"_s)));
        QVERIFY(b->writeTo(path(u"b.crt"_s), path(u"b.key"_s)));
    }

    /// Keys, options and ids are unique, and every key names its own entry.
    void tableIsConsistent()
    {
        QSet<QString> keys;
        QSet<QString> fileKeys;
        QSet<QString> options;
        for (const ConfigSetting &setting : ConfigSetting::all()) {
            QVERIFY(!setting.key.isEmpty());
            QVERIFY2(!keys.contains(setting.key), setting.key.data());
            keys.insert(setting.key);
            QVERIFY2(!fileKeys.contains(setting.fileKey), setting.key.data());
            fileKeys.insert(setting.fileKey);
            if (!setting.option.isEmpty()) {
                QVERIFY2(!options.contains(setting.option), setting.key.data());
                options.insert(setting.option);
            }
            QCOMPARE(ConfigSetting::byKey(QString(setting.key)), &setting);
            QCOMPARE(&ConfigSetting::of(setting.id), &setting);
            if (setting.kind == ConfigSetting::Kind::Number) {
                QVERIFY2(setting.minimum <= setting.defaultNumber
                             && setting.defaultNumber <= setting.maximum,
                         setting.key.data());
                // A seed counts nothing; every other number has a unit for texts and suffixes.
                QVERIFY2(!setting.unit.isEmpty() || setting.id == ConfigSetting::Id::FaultSeed,
                         setting.key.data());
            }
        }
        QVERIFY(!ConfigSetting::byKey(u"no-such-setting"));
    }

    /// A fresh ServerConfig holds the table's defaults, and the engine's own defaults agree.
    void defaultsEqualTheTable()
    {
        const ServerConfig config;
        for (const ConfigSetting &setting : ConfigSetting::all()) {
            const QVariant value = config.value(setting.id);
            switch (setting.kind) {
            case ConfigSetting::Kind::Number:
                QCOMPARE(value.toLongLong(), setting.defaultNumber);
                break;
            case ConfigSetting::Kind::Flag:
                QCOMPARE(value.toBool(), setting.defaultNumber != 0);
                break;
            case ConfigSetting::Kind::Text:
                QCOMPARE(value.toString(), QString(setting.defaultText));
                break;
            case ConfigSetting::Kind::List:
                QCOMPARE(value.toStringList().join(u','), QString(setting.defaultText));
                break;
            case ConfigSetting::Kind::Secret:
                QVERIFY(value.toByteArray().isEmpty());
                break;
            }
        }
        QVERIFY(config.validate().isEmpty());

        const Result<SmtpServerSettings> built = config.toServerSettings();
        QVERIFY2(built, qPrintable(failureOf(built)));
        const SmtpServerSettings engine;
        QCOMPARE(built->maxMessageSize, engine.maxMessageSize);
        QCOMPARE(built->maxRecipients, engine.maxRecipients);
        QCOMPARE(built->idleTimeout, engine.idleTimeout);
        QCOMPARE(built->maxConnections, engine.maxConnections);
        QCOMPARE(built->maxProtocolErrors, engine.maxProtocolErrors);
        QCOMPARE(built->tlsHandshakeTimeout, engine.tlsHandshakeTimeout);
        QCOMPARE(built->appName, engine.appName);
        QCOMPARE(built->listen->toString(), u"127.0.0.1:1025");
    }

    void boundsAreEnforcedAtTheEdge_data()
    {
        QTest::addColumn<int>("id");
        for (const ConfigSetting &setting : ConfigSetting::all()) {
            if (setting.kind == ConfigSetting::Kind::Number)
                QTest::addRow("%s", setting.key.data()) << int(setting.id);
        }
    }

    /// Each bound is accepted at its edge and refused one step outside it, by validate() (the
    /// settings file, the API) and by the command-line parser of the same setting.
    void boundsAreEnforcedAtTheEdge()
    {
        QFETCH(int, id);
        const ConfigSetting &setting = ConfigSetting::of(Id(id));
        for (const qint64 edge : {setting.minimum, setting.maximum}) {
            ServerConfig config;
            config.setValue(setting.id, edge);
            QVERIFY2(config.validate().isEmpty(), qPrintable(fields(config.validate()).join(u',')));
        }
        for (const qint64 outside : {setting.minimum - 1, setting.maximum + 1}) {
            ServerConfig config;
            config.setValue(setting.id, outside);
            const QList<Error> errors = config.validate();
            QCOMPARE(errors.size(), 1);
            QCOMPARE(errors.first().code, ErrorCode::OutOfRange);
            QCOMPARE(errors.first().field, QString(setting.key));
            QVERIFY(!errors.first().message.contains(u'\n'));
            const Result<SmtpServerSettings> built = config.toServerSettings();
            QVERIFY(!built);
            QCOMPARE(built.error().field, QString(setting.key));
        }
        if (setting.option.isEmpty())
            return;
        QCOMPARE(setting.parseOption(QString::number(setting.optionMinimum())).valueOr(-1),
                 setting.optionMinimum());
        QCOMPARE(setting.parseOption(QString::number(setting.maximum)).valueOr(-1),
                 setting.maximum);
        for (const qint64 outside : {setting.optionMinimum() - 1, setting.maximum + 1}) {
            const Result<qint64> parsed = setting.parseOption(QString::number(outside));
            QVERIFY(!parsed);
            QCOMPARE(parsed.error().code, ErrorCode::OutOfRange);
            QCOMPARE(parsed.error().field, QString(setting.key));
            QVERIFY2(parsed.error().message.startsWith(u"--"_s + setting.option),
                     qPrintable(parsed.error().message));
        }
        const Result<qint64> garbage = setting.parseOption(u"12x"_s);
        QVERIFY(!garbage);
        QCOMPARE(garbage.error().code, ErrorCode::InvalidValue);
    }

    void validateNamesTheField_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("field");
        QTest::addColumn<ErrorCode>("code");
        QTest::addRow("listen-not-an-address") << "listen"
                                               << "listen" << ErrorCode::InvalidValue;
        QTest::addRow("tls-listen-port") << "tls-listen-port"
                                         << "tls-listen" << ErrorCode::InvalidValue;
        QTest::addRow("tls-listen-without-certificate") << "tls-listen"
                                                        << "tls-listen" << ErrorCode::Conflict;
        QTest::addRow("host-name") << "hostname"
                                   << "hostname" << ErrorCode::InvalidValue;
        QTest::addRow("pattern-with-space") << "pattern"
                                            << "accept-rcpt" << ErrorCode::InvalidValue;
        QTest::addRow("certificate-without-key") << "certificate-only"
                                                 << "tls.key" << ErrorCode::Conflict;
        QTest::addRow("require-tls-without-certificate") << "require-tls"
                                                         << "tls.require" << ErrorCode::Conflict;
        QTest::addRow("auth-without-users") << "auth"
                                            << "auth.users" << ErrorCode::Conflict;
        QTest::addRow("user-without-colon") << "user"
                                            << "auth.users" << ErrorCode::InvalidValue;
        QTest::addRow("unknown-mechanism") << "mechanism"
                                           << "auth.mechanisms" << ErrorCode::InvalidValue;
    }

    void validateNamesTheField()
    {
        QFETCH(QString, setup);
        QFETCH(QString, field);
        QFETCH(ErrorCode, code);
        ServerConfig config;
        if (setup == u"listen") {
            config.listen = u"nonsense"_s;
        } else if (setup == u"tls-listen-port") {
            config.tlsListen = u"127.0.0.1:99999"_s;
            config.tlsCertFile = config.tlsKeyFile = path(u"a.crt"_s);
        } else if (setup == u"tls-listen") {
            config.tlsListen = u"127.0.0.1:1465"_s;
        } else if (setup == u"hostname") {
            config.hostName = u"not a domain"_s;
        } else if (setup == u"pattern") {
            config.acceptRcptPatterns = {u"a b@x.test"_s};
        } else if (setup == u"certificate-only") {
            config.tlsCertFile = path(u"a.crt"_s);
        } else if (setup == u"require-tls") {
            config.requireTls = true;
        } else {
            config.authEnabled = true;
            config.authUsers = {u"alice:secret"_s};
            if (setup == u"auth")
                config.authUsers.clear();
            else if (setup == u"user")
                config.authUsers = {u"nocolon"_s};
            else if (setup == u"mechanism")
                config.authMechanisms = {u"PLAIN"_s, u"NTLM"_s};
        }
        const QList<Error> errors = config.validate();
        QCOMPARE(fields(errors), QStringList{field});
        QCOMPARE(errors.first().code, code);
        const Result<SmtpServerSettings> built = config.toServerSettings();
        QVERIFY(!built);
        QCOMPARE(built.error(), errors.first());
    }

    void certificateProblemsNameTheFile_data()
    {
        QTest::addColumn<QString>("cert");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QByteArray>("passphrase");
        QTest::addColumn<QString>("field");
        QTest::addColumn<ErrorCode>("code");
        QTest::addRow("missing-certificate")
            << "missing.crt"
            << "a.key" << QByteArray() << "tls.certificate" << ErrorCode::CertificateUnreadable;
        QTest::addRow("key-as-certificate")
            << "a.key"
            << "a.key" << QByteArray() << "tls.certificate" << ErrorCode::CertificateUnreadable;
        QTest::addRow("missing-key")
            << "a.crt"
            << "missing.key" << QByteArray() << "tls.key" << ErrorCode::KeyUnreadable;
        QTest::addRow("certificate-as-key")
            << "a.crt"
            << "a.crt" << QByteArray() << "tls.key" << ErrorCode::KeyUnreadable;
        QTest::addRow("key-of-another-certificate")
            << "a.crt"
            << "b.key" << QByteArray() << "tls.key" << ErrorCode::KeyMismatch;
    }

    /// Certificate and key are read by toServerSettings(): a bad file comes back with the code
    /// and the field of the setting to fix.
    void certificateProblemsNameTheFile()
    {
        QFETCH(QString, cert);
        QFETCH(QString, key);
        QFETCH(QByteArray, passphrase);
        QFETCH(QString, field);
        QFETCH(ErrorCode, code);
        ServerConfig config;
        config.tlsCertFile = path(cert);
        config.tlsKeyFile = path(key);
        config.tlsPassphrase = passphrase;
        QVERIFY(config.validate().isEmpty()); // files are not read there
        const Result<SmtpServerSettings> built = config.toServerSettings();
        QVERIFY(!built);
        QCOMPARE(built.error().code, code);
        QCOMPARE(built.error().field, field);
        QVERIFY2(built.error().message.startsWith(path(field == u"tls.certificate" ? cert : key)),
                 qPrintable(built.error().message));
    }

    void goodCertificateEnablesTls()
    {
        ServerConfig config;
        config.tlsCertFile = path(u"a.crt"_s);
        config.tlsKeyFile = path(u"a.key"_s);
        config.requireTls = true;
        config.tlsListen = u"127.0.0.1:0"_s;
        const Result<SmtpServerSettings> built = config.toServerSettings();
        QVERIFY2(built, qPrintable(failureOf(built)));
        QVERIFY(built->tls);
        QVERIFY(built->requireTls);
        QCOMPARE(built->tlsListen->port, 0);
    }

    /// assign() copies exactly the settings named, whatever their values: the command line's
    /// way over the saved settings.
    void assignCopiesExactlyTheGivenSettings()
    {
        ServerConfig saved;
        saved.maxMessageSize = 1000;
        saved.timeoutSeconds = 42;
        saved.authUsers = {u"alice:secret"_s};
        ServerConfig given; // all defaults
        given.listen = u"127.0.0.1:2525"_s;
        saved.assign(given, {Id::MaxMessageSize, Id::Listen});
        QCOMPARE(saved.maxMessageSize, given.maxMessageSize); // the default, given explicitly
        QCOMPARE(saved.listen, u"127.0.0.1:2525");
        QCOMPARE(saved.timeoutSeconds, 42);
        QCOMPARE(saved.authUsers, QStringList{u"alice:secret"_s});
    }

    /// setValue() takes what an INI file gives (strings) for every kind.
    void setValueConvertsFileValues()
    {
        ServerConfig config;
        config.setValue(Id::MaxMessageSize, u"1234"_s);
        config.setValue(Id::RequireTls, u"true"_s);
        config.setValue(Id::AuthMechanisms, u"PLAIN"_s);
        config.setValue(Id::TlsPassphrase, u"secret"_s);
        QCOMPARE(config.maxMessageSize, 1234);
        QVERIFY(config.requireTls);
        QCOMPARE(config.authMechanisms, QStringList{u"PLAIN"_s});
        QCOMPARE(config.tlsPassphrase, "secret");
    }

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestServerConfig)
#include "tst_serverconfig.moc"
