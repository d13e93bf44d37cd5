// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "openstore.h"
#include "resulttext.h"
#include "service/mailservice.h"
#include "smtp/smtpserversettings.h"
#include "smtptestclient.h"
#include "store/messagestore.h"
#include "store/storereader.h"
#include "testconfig.h"

#include <QDir>
#include <QFile>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

namespace {

// Three messages in mboxrd, as MboxWriter writes them: CRLF message lines, a quoted ">From ",
// oldest first, so an export gives back exactly these bytes.
const QByteArray kMbox = "From alice@example.test Mon Nov 23 09:00:00 2026\n"
                         "From: alice@example.test\r\nTo: bob@example.test\r\n"
                         "Subject: First\r\n\r\nHello\r\n>From the start\r\n\n"
                         "From carol@example.test Tue Nov 24 10:30:00 2026\n"
                         "From: carol@example.test\r\nTo: dave@example.test\r\n"
                         "Subject: Second\r\n\r\nBody two\r\n\n"
                         "From erin@example.test Wed Nov 25 11:45:00 2026\n"
                         "From: erin@example.test\r\nTo: frank@example.test\r\n"
                         "Subject: Third\r\n\r\nBody three\r\n\n";

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// A private store, an ephemeral loopback port, no HTTP API.
ServerConfig testSettings(const QString &storeDirectory)
{
    return testConfig(storeDirectory);
}

} // namespace

/// Applying settings from the GUI thread: the store opens, closes and mirrors in the
/// controller's worker, the listeners bind back in the controller's thread, failures name the
/// part of the settings, quick applies coalesce, and destruction mid-apply leaves no lock.
using namespace Qt::StringLiterals;

class TestMailService final : public QObject
{
    Q_OBJECT

private:
    static quint16 port(const MailService &controller)
    {
        const auto address = controller.listenAddress();
        return address ? address->port : 0;
    }

    // Waits for the one applyFinished of what was applied; its arguments, or empty.
    static QList<QVariant> waitFinished(QSignalSpy &finished)
    {
        if (finished.isEmpty() && !finished.wait(20000))
            return {};
        return finished.size() == 1 ? finished.constFirst() : QList<QVariant>();
    }

    static bool succeeded(const QList<QVariant> &result)
    {
        return result.size() == 2 && result.at(0).toBool();
    }

    static Error errorOf(const QList<QVariant> &result)
    {
        return result.size() == 2 ? result.at(1).value<Error>() : Error();
    }

    static MailService::Problem problemOf(const QList<QVariant> &result)
    {
        return MailService::problemOf(errorOf(result));
    }

    static QByteArray greeting(quint16 port)
    {
        SmtpTestClient client;
        return client.connectPlain(port) ? client.reply() : QByteArray();
    }

    static qint64 storedCount(const QString &store)
    {
        QString error;
        auto readerOpened = StoreReader::open(store);
        if (!readerOpened)
            error = readerOpened.error().message;
        const auto reader = readerOpened ? std::move(*readerOpened) : nullptr;
        return reader ? reader->messageCount() : -1;
    }

private slots:
    void problemFollowsTheField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<MailService::Problem>("problem");
        using P = MailService::Problem;
        QTest::addRow("listen") << u"listen"_s << ErrorCode::AddressInUse << P::Server;
        QTest::addRow("tls-listen") << u"tls-listen"_s << ErrorCode::AddressInUse << P::Tls;
        QTest::addRow("certificate")
            << u"tls.certificate"_s << ErrorCode::CertificateUnreadable << P::Tls;
        QTest::addRow("passphrase") << u"tls.passphrase"_s << ErrorCode::KeyUnreadable << P::Tls;
        QTest::addRow("users") << u"auth.users"_s << ErrorCode::InvalidValue << P::Auth;
        QTest::addRow("mechanisms") << u"auth.mechanisms"_s << ErrorCode::Conflict << P::Auth;
        QTest::addRow("store") << u"store"_s << ErrorCode::StoreInUse << P::Store;
        QTest::addRow("retention") << u"retain-days"_s << ErrorCode::OutOfRange << P::Store;
        QTest::addRow("max-size") << u"max-size"_s << ErrorCode::OutOfRange << P::Server;
        QTest::addRow("no-field-store-code") << QString() << ErrorCode::StoreDamaged << P::Store;
        QTest::addRow("no-field-key-code") << QString() << ErrorCode::KeyMismatch << P::Tls;
        QTest::addRow("cancelled") << QString() << ErrorCode::Cancelled << P::None;
        QTest::addRow("relay-host") << u"relay.host"_s << ErrorCode::InvalidValue << P::Relay;
        QTest::addRow("relay-allow") << u"relay.allow"_s << ErrorCode::NotAllowed << P::Relay;
        QTest::addRow("relay-auth-failed") << QString() << ErrorCode::AuthFailed << P::Relay;
        QTest::addRow("relay-temporary") << QString() << ErrorCode::RemoteTemporary << P::Relay;
    }

    /// The settings page of a failure follows from its field and code; its text says nothing.
    void problemFollowsTheField()
    {
        QFETCH(QString, field);
        QFETCH(ErrorCode, code);
        QFETCH(MailService::Problem, problem);
        QCOMPARE(MailService::problemOf(Error(code, u"in use, TLS, User"_s, field)), problem);
    }

    /// A port in use is refused before anything stops: the listener that was running keeps
    /// running, a session open on it is not cut off, and the failed settings' retention does
    /// not reach the store.
    void busyPortKeepsTheWorkingListener()
    {
        QTemporaryDir store;
        MailService service;
        QSignalSpy finished(&service, &MailService::applyFinished);
        service.apply(testSettings(store.path()));
        QVERIFY(succeeded(waitFinished(finished)));
        const quint16 working = service.listenAddress()->port;
        SmtpTestClient open;
        QVERIFY(open.connectPlain(working));
        QCOMPARE(open.replyCode(), 220);

        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        ServerConfig busy = testSettings(store.path());
        busy.listen = u"127.0.0.1:%1"_s.arg(squatter.serverPort());
        busy.retainMessages = 1; // settings that failed do not prune the store either
        finished.clear();
        service.apply(busy);
        const QList<QVariant> result = waitFinished(finished);
        QVERIFY(!succeeded(result));
        QCOMPARE(errorOf(result).code, ErrorCode::AddressInUse);
        QVERIFY(service.isRunning());
        QCOMPARE(service.listenAddress()->port, working);
        QVERIFY(greeting(working).startsWith("220 "));
        QCOMPARE(SmtpTestClient::deliverSubject(working, "still here"), 250);
        open.send("EHLO client.test\r\n");
        QCOMPARE(open.replyCode(), 250);
        QCOMPARE(SmtpTestClient::deliverSubject(working, "and again"), 250);
        service.store()->flush();
        QCOMPARE(storedCount(store.path()), 2);
    }

    /// An apply that changes nothing the listeners use (retention here; a desktop preference
    /// applies the same settings again) leaves them running: an open session goes on, and the
    /// API keeps its port. A change they use restarts them, which ends idle sessions with 421.
    void unchangedListenersKeepTheirSessions()
    {
        QTemporaryDir store;
        MailService service;
        QSignalSpy finished(&service, &MailService::applyFinished);
        ServerConfig config = testSettings(store.path());
        config.apiListen = u"127.0.0.1:0"_s;
        service.apply(config);
        QVERIFY(succeeded(waitFinished(finished)));
        const quint16 working = port(service);
        QVERIFY(service.apiAddress());
        const quint16 api = service.apiAddress()->port;
        SmtpTestClient open;
        QVERIFY(open.connectPlain(working));
        QCOMPARE(open.replyCode(), 220);
        open.send("EHLO client.test\r\n");
        QCOMPARE(open.replyCode(), 250);

        for (int retainDays : {0, 7}) {
            config.retainDays = retainDays;
            finished.clear();
            service.apply(config);
            QVERIFY(succeeded(waitFinished(finished)));
            QCOMPARE(port(service), working);
            QVERIFY(service.apiAddress());
            QCOMPARE(service.apiAddress()->port, api);
            open.send("NOOP\r\n");
            QCOMPARE(open.replyCode(), 250);
        }

        config.hostName = u"changed.test"_s;
        finished.clear();
        service.apply(config);
        QVERIFY(succeeded(waitFinished(finished)));
        QCOMPARE(open.replyCode(), 421);
        QVERIFY(greeting(port(service)).contains("changed.test"));
    }

    /// A store folder that cannot be opened at run time: the store and the listener that were
    /// working stay, and so does a session open on them.
    void unopenableStoreKeepsTheWorkingOne()
    {
        QTemporaryDir store;
        QTemporaryDir dir;
        QFile blocker(dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        MailService controller;
        QSignalSpy finished(&controller, &MailService::applyFinished);
        QSignalSpy opened(&controller, &MailService::storeOpened);
        controller.apply(testSettings(store.path()));
        QVERIFY(succeeded(waitFinished(finished)));
        const quint16 working = port(controller);
        SmtpTestClient open;
        QVERIFY(open.connectPlain(working));
        QCOMPARE(open.replyCode(), 220);

        finished.clear();
        controller.apply(testSettings(dir.filePath(QStringLiteral("file/store"))));
        const QList<QVariant> result = waitFinished(finished);
        QVERIFY(!succeeded(result));
        QCOMPARE(problemOf(result), MailService::Problem::Store);
        QCOMPARE(controller.storeDirectory(), store.path());
        QVERIFY(controller.store());
        QCOMPARE(opened.size(), 1);
        QVERIFY(controller.isRunning());
        QCOMPARE(port(controller), working);
        open.send("EHLO client.test\r\n");
        QCOMPARE(open.replyCode(), 250);
        QCOMPARE(SmtpTestClient::deliverSubject(working, "kept"), 250);
        controller.store()->flush();
        QCOMPARE(storedCount(store.path()), 1);
    }

    /// A certificate that cannot be read is refused without touching the running listener.
    void badCertificateKeepsTheWorkingListener()
    {
        QTemporaryDir store;
        MailService service;
        QSignalSpy finished(&service, &MailService::applyFinished);
        service.apply(testSettings(store.path()));
        QVERIFY(succeeded(waitFinished(finished)));
        const quint16 working = service.listenAddress()->port;

        ServerConfig broken = testSettings(store.path());
        broken.tlsCertFile = store.filePath(u"missing-cert.pem"_s);
        broken.tlsKeyFile = store.filePath(u"missing-key.pem"_s);
        finished.clear();
        service.apply(broken);
        const QList<QVariant> result = waitFinished(finished);
        QVERIFY(!succeeded(result));
        QCOMPARE(errorOf(result).code, ErrorCode::CertificateUnreadable);
        QVERIFY(service.isRunning());
        QVERIFY(greeting(working).startsWith("220 "));
    }

    /// Changes to the stored messages go through the service and are announced by it.
    void storeChangesAreAnnounced()
    {
        QTemporaryDir store;
        MailService service;
        QSignalSpy finished(&service, &MailService::applyFinished);
        service.apply(testSettings(store.path()));
        QVERIFY(succeeded(waitFinished(finished)));
        QSignalSpy received(&service, &MailService::messageReceived);
        QCOMPARE(SmtpTestClient::deliverSubject(service.listenAddress()->port, "one"), 250);
        QCOMPARE(SmtpTestClient::deliverSubject(service.listenAddress()->port, "two"), 250);
        QTRY_COMPARE(received.size(), 2);
        const qint64 first = received.at(0).at(0).value<ReceivedMessage>().storeId;

        QSignalSpy changed(&service, &MailService::messagesChanged);
        service.setRead({first}, true);
        QVERIFY(changed.wait(10000));
        QCOMPARE(changed.constFirst().at(0).value<QList<qint64>>(), QList<qint64>{first});

        QSignalSpy removed(&service, &MailService::messagesRemoved);
        service.remove({first});
        QVERIFY(removed.wait(10000));
        QCOMPARE(removed.constFirst().at(0).value<QList<qint64>>(), QList<qint64>{first});
        service.removeAll();
        QTRY_VERIFY(removed.size() >= 2);
        QVERIFY(removed.constLast().at(0).value<QList<qint64>>().isEmpty());
        service.store()->flush();
        QCOMPARE(storedCount(store.path()), qint64(0));
    }

    /// apply() comes back before the store exists; the store opens in another thread, arrives
    /// in the controller's, and the listeners deliver into it.
    void applyOpensStoreOffTheGuiThread()
    {
        QTemporaryDir store;
        MailService controller;
        std::atomic<QThread *> openedIn = nullptr;
        controller.setStoreOpener([&openedIn](const QString &directory) {
            openedIn = QThread::currentThread();
            return MessageStore::open(directory);
        });
        QSignalSpy finished(&controller, &MailService::applyFinished);
        QSignalSpy opened(&controller, &MailService::storeOpened);

        controller.apply(testSettings(store.path()));
        QVERIFY(controller.isApplying());
        QVERIFY(!controller.store());
        QVERIFY(!controller.isRunning());
        QVERIFY(finished.isEmpty());

        const QList<QVariant> result = waitFinished(finished);
        QVERIFY2(succeeded(result), qPrintable(errorOf(result).message));
        QVERIFY(!controller.isApplying());
        QVERIFY(openedIn.load());
        QVERIFY(openedIn.load() != QThread::currentThread());
        QVERIFY(controller.store());
        QCOMPARE(controller.store()->thread(), QThread::currentThread());
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.constFirst().constFirst().toString(), store.path());
        QCOMPARE(controller.storeDirectory(), store.path());
        QVERIFY(controller.isRunning());
        QVERIFY(port(controller) != 0);

        QCOMPARE(SmtpTestClient::deliverSubject(port(controller), "one"), 250);
        QCOMPARE(storedCount(store.path()), 1);
    }

    /// A store folder that cannot be created fails as a store problem, and nothing listens.
    void uncreatableStoreFails()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        MailService controller;
        QSignalSpy finished(&controller, &MailService::applyFinished);
        controller.apply(testSettings(dir.filePath(QStringLiteral("file/store"))));
        const QList<QVariant> result = waitFinished(finished);
        QCOMPARE(result.size(), 2);
        QVERIFY(!succeeded(result));
        QCOMPARE(problemOf(result), MailService::Problem::Store);
        QVERIFY(errorOf(result).message.contains(u"file/store"));
        QVERIFY(!controller.store());
        QVERIFY(!controller.isRunning());
    }

    /// A missing certificate fails as a TLS problem; the store opens all the same.
    void missingCertificateFails()
    {
        QTemporaryDir store;
        ServerConfig settings = testSettings(store.path());
        settings.tlsCertFile = store.filePath(QStringLiteral("missing.pem"));
        settings.tlsKeyFile = store.filePath(QStringLiteral("missing.key"));
        MailService controller;
        QSignalSpy finished(&controller, &MailService::applyFinished);
        controller.apply(settings);
        const QList<QVariant> result = waitFinished(finished);
        QCOMPARE(result.size(), 2);
        QVERIFY(!succeeded(result));
        QCOMPARE(problemOf(result), MailService::Problem::Tls);
        QCOMPARE(errorOf(result).code, ErrorCode::CertificateUnreadable);
        QCOMPARE(errorOf(result).field, u"tls.certificate");
        QVERIFY2(errorOf(result).message.contains(u"missing.pem"),
                 qPrintable(errorOf(result).message));
        QVERIFY(controller.store());
        QVERIFY(!controller.isRunning());
    }

    /// A port that is taken fails as a server problem; the store stays open, and fixing the
    /// port starts listening on it.
    void busyPortFails()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir store;
        ServerConfig settings = testSettings(store.path());
        settings.listen = QStringLiteral("127.0.0.1:%1").arg(squatter.serverPort());
        MailService controller;
        QSignalSpy finished(&controller, &MailService::applyFinished);
        controller.apply(settings);
        QList<QVariant> result = waitFinished(finished);
        QCOMPARE(result.size(), 2);
        QVERIFY(!succeeded(result));
        QCOMPARE(problemOf(result), MailService::Problem::Server);
        // Told by the socket's error code, not by the words of its message.
        QCOMPARE(errorOf(result).code, ErrorCode::AddressInUse);
        QCOMPARE(errorOf(result).field, u"listen");
        QVERIFY2(errorOf(result).message.contains(QString::number(squatter.serverPort())),
                 qPrintable(errorOf(result).message));
        QVERIFY(controller.store());
        QVERIFY(!controller.isRunning());

        finished.clear();
        controller.apply(testSettings(store.path()));
        result = waitFinished(finished);
        QVERIFY2(succeeded(result), qPrintable(errorOf(result).message));
        QVERIFY(controller.isRunning());
    }

    /// Switching store folders at run time opens the new store beside the old one, then closes
    /// the old store in the background (its lock goes) and delivers into the new one; switching
    /// back works too.
    void switchingStoresKeepsWorking()
    {
        QTemporaryDir first;
        QTemporaryDir second;
        MailService controller;
        QSignalSpy finished(&controller, &MailService::applyFinished);
        QSignalSpy opened(&controller, &MailService::storeOpened);
        controller.apply(testSettings(first.path()));
        QVERIFY(succeeded(waitFinished(finished)));
        QCOMPARE(SmtpTestClient::deliverSubject(port(controller), "first"), 250);

        finished.clear();
        controller.apply(testSettings(second.path()));
        QCOMPARE(controller.storeDirectory(), first.path()); // serves until the new one works
        QVERIFY(controller.store());
        QVERIFY(succeeded(waitFinished(finished)));
        QCOMPARE(controller.storeDirectory(), second.path());
        QCOMPARE(opened.size(), 2);
        QCOMPARE(opened.constLast().constFirst().toString(), second.path());
        QTRY_VERIFY(!MessageStore::isInUse(first.path()));
        QVERIFY(MessageStore::isInUse(second.path()));
        QCOMPARE(SmtpTestClient::deliverSubject(port(controller), "second"), 250);
        QCOMPARE(storedCount(first.path()), 1);
        QCOMPARE(storedCount(second.path()), 1);

        finished.clear();
        controller.apply(testSettings(first.path()));
        QVERIFY(succeeded(waitFinished(finished)));
        QCOMPARE(SmtpTestClient::deliverSubject(port(controller), "first again"), 250);
        QCOMPARE(storedCount(first.path()), 2);
        QTRY_VERIFY(!MessageStore::isInUse(second.path()));
    }

    /// Applies asked for while one runs coalesce: one result, for the last settings, and the
    /// store of the superseded settings is not left open.
    void quickAppliesEndWithTheLast()
    {
        QTemporaryDir first;
        QTemporaryDir second;
        MailService controller;
        std::atomic<int> opens = 0;
        controller.setStoreOpener([&opens](const QString &directory) {
            ++opens;
            return MessageStore::open(directory);
        });
        QSignalSpy finished(&controller, &MailService::applyFinished);
        QSignalSpy opened(&controller, &MailService::storeOpened);
        ServerConfig last = testSettings(second.path());
        last.appName = QStringLiteral("Second");
        controller.apply(testSettings(first.path()));
        controller.apply(testSettings(first.path()));
        controller.apply(last);
        const QList<QVariant> result = waitFinished(finished);
        QVERIFY2(succeeded(result), qPrintable(errorOf(result).message));
        QVERIFY(!controller.isApplying());
        QCOMPARE(finished.size(), 1);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.constFirst().constFirst().toString(), second.path());
        QCOMPARE(controller.storeDirectory(), second.path());
        QCOMPARE(opens.load(), 2); // the middle request never ran
        QVERIFY(!MessageStore::isInUse(first.path()));
        QVERIFY(greeting(port(controller)).contains("Second"));

        // Same store, new listener settings: the store is kept, the last settings win.
        ServerConfig renamed = last;
        renamed.appName = QStringLiteral("Third");
        ServerConfig latest = last;
        latest.appName = QStringLiteral("Fourth");
        finished.clear();
        controller.apply(renamed);
        controller.apply(latest);
        QVERIFY(succeeded(waitFinished(finished)));
        QCOMPARE(opens.load(), 2);
        QCOMPARE(opened.size(), 1);
        QVERIFY(greeting(port(controller)).contains("Fourth"));
    }

    /// retainMessages reaches the store: of three messages, the newest two remain.
    void retentionReachesTheStore()
    {
        QTemporaryDir store;
        ServerConfig settings = testSettings(store.path());
        settings.retainMessages = 2;
        MailService controller;
        QSignalSpy finished(&controller, &MailService::applyFinished);
        controller.apply(settings);
        QVERIFY(succeeded(waitFinished(finished)));
        QCOMPARE(SmtpTestClient::deliverSubject(port(controller), "one"), 250);
        QCOMPARE(SmtpTestClient::deliverSubject(port(controller), "two"), 250);
        QCOMPARE(SmtpTestClient::deliverSubject(port(controller), "three"), 250);
        QTRY_COMPARE(storedCount(store.path()), 2);
        QString error;
        auto readerOpened = StoreReader::open(store.path());
        QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
        const auto reader = std::move(*readerOpened);
        QStringList subjects;
        for (const StoredMessage &message : reader->list())
            subjects.append(message.subject);
        QCOMPARE(subjects, QStringList({QStringLiteral("two"), QStringLiteral("three")}));
    }

    /// The Maildir mirror is set up by the worker, for a new store and when it changes on the
    /// open one; a Maildir that cannot be created is a store problem, and the store and
    /// listener that were working stay as they were.
    void maildirMirrorFollowsSettings()
    {
        QTemporaryDir store;
        QTemporaryDir mail;
        QTemporaryDir other;
        const QString firstMaildir = mail.filePath(QStringLiteral("first"));
        const QString secondMaildir = mail.filePath(QStringLiteral("second"));
        ServerConfig settings = testSettings(store.path());
        settings.maildirDirectory = firstMaildir;
        MailService controller;
        QSignalSpy finished(&controller, &MailService::applyFinished);
        controller.apply(settings);
        QVERIFY(succeeded(waitFinished(finished)));
        QCOMPARE(SmtpTestClient::deliverSubject(port(controller), "one"), 250);
        controller.store()->flush();
        QCOMPARE(QDir(firstMaildir + QStringLiteral("/new")).entryList(QDir::Files).size(), 1);

        settings.maildirDirectory = secondMaildir;
        finished.clear();
        controller.apply(settings);
        QVERIFY(succeeded(waitFinished(finished)));
        QCOMPARE(SmtpTestClient::deliverSubject(port(controller), "two"), 250);
        controller.store()->flush();
        QCOMPARE(QDir(firstMaildir + QStringLiteral("/new")).entryList(QDir::Files).size(), 1);
        QCOMPARE(QDir(secondMaildir + QStringLiteral("/new")).entryList(QDir::Files).size(), 1);

        QFile blocker(mail.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        ServerConfig broken = testSettings(other.path());
        broken.maildirDirectory = mail.filePath(QStringLiteral("file/maildir"));
        finished.clear();
        controller.apply(broken);
        const QList<QVariant> result = waitFinished(finished);
        QCOMPARE(result.size(), 2);
        QCOMPARE(problemOf(result), MailService::Problem::Store);
        QCOMPARE(errorOf(result).field, u"maildir"_s);
        QVERIFY(controller.store());
        QCOMPARE(controller.storeDirectory(), store.path());
        QVERIFY(controller.isRunning());
        QCOMPARE(SmtpTestClient::deliverSubject(port(controller), "three"), 250);
        QTRY_VERIFY(!MessageStore::isInUse(other.path()));
    }

    /// stop() during an apply: the store still opens, nothing listens, and the result says so
    /// without an error.
    void stopCancelsListening()
    {
        QTemporaryDir store;
        MailService controller;
        QSignalSpy finished(&controller, &MailService::applyFinished);
        controller.apply(testSettings(store.path()));
        controller.stop();
        const QList<QVariant> result = waitFinished(finished);
        QCOMPARE(result.size(), 2);
        QVERIFY(!succeeded(result));
        QCOMPARE(errorOf(result).code, ErrorCode::Cancelled);
        QCOMPARE(problemOf(result), MailService::Problem::None);
        QVERIFY(controller.store());
        QVERIFY(!controller.isRunning());
    }

    /// Destroying the controller while the worker opens a store waits for it and closes what
    /// it opened: the lock is gone and the store opens again at once.
    void destroyDuringOpenIsClean()
    {
        QTemporaryDir store;
        QSemaphore entered;
        QSemaphore proceed;
        {
            MailService controller;
            controller.setStoreOpener([&entered, &proceed](const QString &directory) {
                entered.release();
                proceed.acquire();
                return MessageStore::open(directory);
            });
            controller.apply(testSettings(store.path()));
            QVERIFY(entered.tryAcquire(1, 20000));
            proceed.release();
        }
        QVERIFY(!MessageStore::isInUse(store.path()));
        QString error;
        QVERIFY2(openStore(store.path(), &error), qPrintable(error));
    }

    /// Destroying the controller while the worker closes the old store and opens the next one,
    /// with a listener running before: nothing is left locked.
    void destroyDuringSwitchIsClean()
    {
        QTemporaryDir first;
        QTemporaryDir second;
        {
            MailService controller;
            QSignalSpy finished(&controller, &MailService::applyFinished);
            controller.apply(testSettings(first.path()));
            QVERIFY(succeeded(waitFinished(finished)));
            QCOMPARE(SmtpTestClient::deliverSubject(port(controller), "one"), 250);
            controller.apply(testSettings(second.path()));
            controller.apply(testSettings(first.path()));
        }
        QVERIFY(!MessageStore::isInUse(first.path()));
        QVERIFY(!MessageStore::isInUse(second.path()));
        QCOMPARE(storedCount(first.path()), 1);
    }

    /// An mbox goes into the open store through the service, which announces the new messages,
    /// and comes out of it again byte for byte; the store keeps serving SMTP meanwhile.
    void importAndExportGoThroughTheService()
    {
        QTemporaryDir store;
        QTemporaryDir files;
        const QString source = files.filePath(u"in.mbox"_s);
        QVERIFY(writeFile(source, kMbox));
        MailService service;
        QVERIFY(!service.importMessages({source})); // no store yet
        QSignalSpy finished(&service, &MailService::applyFinished);
        service.apply(testSettings(store.path()));
        QVERIFY(succeeded(waitFinished(finished)));

        QSignalSpy added(&service, &MailService::messagesAdded);
        QSignalSpy imported(&service, &MailService::importFinished);
        QSignalSpy importProgress(&service, &MailService::importProgress);
        QVERIFY(service.importMessages({source}));
        QCOMPARE(service.transfer(), MailService::Transfer::Import);
        QVERIFY(!service.exportMessages(MessageExporter::Selection::all(),
                                        MessageExporter::Format::Mbox,
                                        files.filePath(u"busy.mbox"_s)));
        QVERIFY(imported.wait(20000));
        QCOMPARE(service.transfer(), MailService::Transfer::None);
        const auto report = imported.constFirst().at(0).value<ImportReport>();
        QVERIFY(!report.cancelled);
        QCOMPARE(report.sources, 1);
        QVERIFY2(report.problems.isEmpty(), qPrintable(report.problemLines().join(u'\n')));
        QCOMPARE(report.ids.size(), 3);
        // Announced before the report, with exactly the stored ids.
        QCOMPARE(added.size(), 1);
        QCOMPARE(added.constFirst().at(0).value<QList<qint64>>(), report.ids);
        QVERIFY(!importProgress.isEmpty());
        QCOMPARE(storedCount(store.path()), 3);
        QCOMPARE(SmtpTestClient::deliverSubject(port(service), "smtp meanwhile"), 250);

        QSignalSpy exported(&service, &MailService::exportFinished);
        QSignalSpy exportProgress(&service, &MailService::exportProgress);
        const QString target = files.filePath(u"out.mbox"_s);
        QVERIFY(service.exportMessages(MessageExporter::Selection::ofIds(report.ids),
                                       MessageExporter::Format::Mbox, target));
        QCOMPARE(service.transfer(), MailService::Transfer::Export);
        QVERIFY(exported.wait(20000));
        auto exportReport = exported.takeFirst().at(0).value<ExportReport>();
        QCOMPARE(exportReport.outcome, ExportReport::Outcome::Finished);
        QCOMPARE(exportReport.exported, 3);
        QCOMPARE(exportReport.destination, target);
        QCOMPARE(readFile(target), kMbox);
        QVERIFY(!exportProgress.isEmpty());
        QCOMPARE(exportProgress.constLast().at(0).toLongLong(), 3);

        // The same again refuses to replace the file; the code says so.
        QVERIFY(service.exportMessages(MessageExporter::Selection::ofIds(report.ids),
                                       MessageExporter::Format::Mbox, target));
        QVERIFY(exported.wait(20000));
        exportReport = exported.takeFirst().at(0).value<ExportReport>();
        QCOMPARE(exportReport.outcome, ExportReport::Outcome::Failed);
        QCOMPARE(exportReport.error.code, ErrorCode::FileExists);
        QCOMPARE(readFile(target), kMbox);
    }

    /// A new store folder applied during an import cancels it and opens once it has taken
    /// itself back: nothing is written to a closed store, nothing stays in the old one.
    void storeSwitchWaitsForTheImport()
    {
        QTemporaryDir store;
        QTemporaryDir other;
        QTemporaryDir files;
        QByteArray bulk;
        for (int i = 0; i < 20000; ++i)
            bulk += "From a@example.test Mon Nov 23 09:00:00 2026\nSubject: Bulk "
                    + QByteArray::number(i) + "\r\n\r\nBody\r\n\n";
        const QString source = files.filePath(u"bulk.mbox"_s);
        QVERIFY(writeFile(source, bulk));
        MailService service;
        QSignalSpy finished(&service, &MailService::applyFinished);
        service.apply(testSettings(store.path()));
        QVERIFY(succeeded(waitFinished(finished)));

        QSignalSpy imported(&service, &MailService::importFinished);
        QSignalSpy progress(&service, &MailService::importProgress);
        QSignalSpy added(&service, &MailService::messagesAdded);
        QVERIFY(service.importMessages({source}));
        QVERIFY(progress.wait(20000));
        finished.clear();
        service.apply(testSettings(other.path()));
        QVERIFY(service.isApplying());
        QVERIFY(imported.wait(60000));
        QVERIFY(imported.constFirst().at(0).value<ImportReport>().cancelled);
        QVERIFY(added.isEmpty());
        QVERIFY(succeeded(waitFinished(finished)));
        QCOMPARE(service.storeDirectory(), QDir::cleanPath(other.path()));
        QCOMPARE(storedCount(store.path()), 0);
        QCOMPARE(storedCount(other.path()), 0);
    }
};

QTEST_GUILESS_MAIN(TestMailService)

#include "tst_mailservice.moc"
