// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "openstore.h"
#include "resulttext.h"
#include "smtptestclient.h"

#include "smtp/credentialchecker.h"
#include "smtp/smtpserver.h"
#include "store/messagestore.h"
#include "store/storereader.h"
#include "tls/selfsignedcertificate.h"
#include "tls/tlssettings.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>
#include <vector>

using namespace Qt::StringLiterals;

/// The engine over real loopback sockets, with real TLS handshakes and a real SQLite store.
class TestSmtpServer final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QSslConfiguration m_tls;

    struct Running
    {
        std::unique_ptr<QTemporaryDir> dir = std::make_unique<QTemporaryDir>();
        std::unique_ptr<MessageStore> store;
        std::unique_ptr<SmtpServer> server;
        quint16 port = 0;
        quint16 tlsPort = 0;
    };

    SmtpServerSettings baseSettings() const
    {
        SmtpServerSettings settings;
        settings.listen = ListenAddress{QHostAddress(QHostAddress::LocalHost), 0};
        settings.hostName = u"mx.letterbox.test"_s;
        return settings;
    }

    std::unique_ptr<Running> startServer(const SmtpServerSettings &settings)
    {
        auto running = std::make_unique<Running>();
        QString error;
        running->store = openStore(running->dir->path(), &error);
        if (!running->store) {
            qWarning() << error;
            return nullptr;
        }
        running->server = std::make_unique<SmtpServer>(running->store.get());
        if (const Result<void> started = running->server->start(settings); !started) {
            qWarning() << started.error().message;
            return nullptr;
        }
        if (auto address = running->server->listenAddress())
            running->port = address->port;
        if (auto address = running->server->tlsListenAddress())
            running->tlsPort = address->port;
        return running;
    }

    static bool hasNote(const QSignalSpy &lines, const QByteArray &text)
    {
        for (const QList<QVariant> &arguments : lines) {
            const auto line = arguments.front().value<ProtocolLine>();
            if (line.direction == Direction::Note && line.bytes == text)
                return true;
        }
        return false;
    }

    static QByteArray readStored(Running &running, qint64 id)
    {
        QString error;
        auto readerOpened = StoreReader::open(running.dir->path());
        if (!readerOpened)
            error = readerOpened.error().message;
        const auto reader = readerOpened ? std::move(*readerOpened) : nullptr;
        return reader ? reader->raw(id) : QByteArray();
    }

private slots:
    void initTestCase()
    {
        registerEventMetaTypes();
        const auto certificate = SelfSignedCertificate::generate(u"mx.letterbox.test"_s, 30);
        QVERIFY2(certificate, qPrintable(errorText(certificate)));
        const QString cert = m_dir.filePath(u"cert.pem"_s);
        const QString key = m_dir.filePath(u"key.pem"_s);
        const Result<void> written = certificate->writeTo(cert, key);
        QVERIFY2(written, qPrintable(errorText(written)));
        const Result<QSslConfiguration> loaded = TlsSettings::load(cert, key);
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().message));
        m_tls = *loaded;
    }

    void plainMessageIsCommittedBeforeTheReply()
    {
        auto running = startServer(baseSettings());
        QVERIFY(running);
        QSignalSpy received(running->server.get(), &SmtpServer::messageReceived);
        SmtpTestClient client;
        QVERIFY(client.connectPlain(running->port));
        QCOMPARE(client.replyCode(), 220);
        client.send("EHLO client.test\r\n"_ba);
        QCOMPARE(client.replyCode(), 250);
        QCOMPARE(
            client.sendMessage("a@x.test"_ba, {"b@y.test"_ba}, "Subject: one\r\n\r\nbody\r\n"_ba),
            250);
        // The 250 came, so a fresh reader must already see the message.
        const QByteArray stored = readStored(*running, 1);
        QVERIFY(stored.startsWith("Received: from client.test ([127.0.0.1])\r\n\tby "
                                  "mx.letterbox.test (Letterbox) with ESMTP\r\n"));
        QVERIFY(stored.endsWith("\r\nSubject: one\r\n\r\nbody\r\n"));
        QVERIFY(received.wait(5000) || received.size() == 1);
        const auto message = received.front().front().value<ReceivedMessage>();
        QCOMPARE(message.storeId, 1);
        QCOMPARE(message.subject, u"one"_s);
        QCOMPARE(message.envelope.mailFrom, "a@x.test"_ba);
    }

    void startTlsUpgradesWithARealHandshake()
    {
        SmtpServerSettings settings = baseSettings();
        settings.tls = m_tls;
        auto running = startServer(settings);
        QVERIFY(running);
        SmtpTestClient client;
        QVERIFY(client.connectPlain(running->port));
        QCOMPARE(client.replyCode(), 220);
        client.send("EHLO client.test\r\n"_ba);
        QVERIFY(client.reply().contains("250-STARTTLS\r\n"));
        QVERIFY(client.startTls());
        QCOMPARE(client.socket()->peerCertificate(), m_tls.localCertificate());
        client.send("EHLO client.test\r\n"_ba);
        QVERIFY(!client.reply().contains("STARTTLS"));
        QCOMPARE(client.sendMessage("a@x.test"_ba, {"b@y.test"_ba}, "Subject: tls\r\n\r\nx\r\n"_ba),
                 250);
        const QByteArray stored = readStored(*running, 1);
        QVERIFY2(stored.contains(" with ESMTPS (TLSv1."), stored.constData());
    }

    void starttlsDiscardsPlaintextPipelinedOverTheSocket()
    {
        SmtpServerSettings settings = baseSettings();
        settings.tls = m_tls;
        auto running = startServer(settings);
        QVERIFY(running);
        SmtpTestClient client;
        QVERIFY(client.connectPlain(running->port));
        QCOMPARE(client.replyCode(), 220);
        client.send("EHLO client.test\r\n"_ba);
        QCOMPARE(client.replyCode(), 250);
        client.send("STARTTLS\r\nMAIL FROM:<injected@x.test>\r\n"_ba);
        QCOMPARE(client.replyCode(), 220);
        client.socket()->startClientEncryption();
        QTRY_VERIFY_WITH_TIMEOUT(client.socket()->isEncrypted(), 10000);
        // Had the injected MAIL survived, this RCPT would be accepted.
        client.send("EHLO client.test\r\nRCPT TO:<r@x.test>\r\n"_ba);
        QCOMPARE(client.replyCode(), 250);
        QCOMPARE(client.replyCode(), 503);
    }

    void implicitTlsListenerGreetsAfterTheHandshake()
    {
        SmtpServerSettings settings = baseSettings();
        settings.tls = m_tls;
        settings.tlsListen = ListenAddress{QHostAddress(QHostAddress::LocalHost), 0};
        auto running = startServer(settings);
        QVERIFY(running);
        QVERIFY(running->tlsPort != 0);
        SmtpTestClient client;
        QVERIFY(client.connectImplicitTls(running->tlsPort));
        QCOMPARE(client.reply(), "220 mx.letterbox.test ESMTP Letterbox\r\n"_ba);
        client.send("EHLO client.test\r\n"_ba);
        QVERIFY(!client.reply().contains("STARTTLS"));
        QCOMPARE(client.sendMessage("a@x.test"_ba, {"b@y.test"_ba}, "x\r\n"_ba), 250);
        QVERIFY(readStored(*running, 1).contains(" with ESMTPS"));
    }

    void plaintextOnTheTlsPortIsNotServed()
    {
        SmtpServerSettings settings = baseSettings();
        settings.tls = m_tls;
        settings.tlsListen = ListenAddress{QHostAddress(QHostAddress::LocalHost), 0};
        auto running = startServer(settings);
        QVERIFY(running);
        QSignalSpy ended(running->server.get(), &SmtpServer::sessionEnded);
        SmtpTestClient client;
        QVERIFY(client.connectPlain(running->tlsPort));
        client.send("EHLO client.test\r\n\r\n\r\n"_ba);
        QVERIFY(client.waitForDisconnected());
        QTRY_COMPARE(ended.size(), 1);
        QCOMPARE(ended.front().front().value<SessionInfo>().endReason, u"TLS handshake failed"_s);
    }

    /// A client on the SMTPS port that never sends a ClientHello is cut off after
    /// tlsHandshakeTimeout, with a reason and a note in the trace.
    void implicitTlsHandshakeTimesOut()
    {
        SmtpServerSettings settings = baseSettings();
        settings.tls = m_tls;
        settings.tlsListen = ListenAddress{QHostAddress(QHostAddress::LocalHost), 0};
        settings.tlsHandshakeTimeout = std::chrono::milliseconds(300);
        auto running = startServer(settings);
        QVERIFY(running);
        QSignalSpy ended(running->server.get(), &SmtpServer::sessionEnded);
        QSignalSpy lines(running->server.get(), &SmtpServer::protocolLine);
        SmtpTestClient client;
        QElapsedTimer elapsed;
        elapsed.start();
        QVERIFY(client.connectPlain(running->tlsPort));
        QVERIFY(client.waitForDisconnected(10000));
        // The timer runs from the server's accept, which comes after our connect started.
        QVERIFY2(elapsed.elapsed() >= 250, qPrintable(QString::number(elapsed.elapsed())));
        QTRY_COMPARE(ended.size(), 1);
        QCOMPARE(ended.front().front().value<SessionInfo>().endReason, u"TLS handshake timeout"_s);
        QTRY_VERIFY(hasNote(lines, "TLS handshake timeout: no handshake within 300 ms"));
    }

    /// STARTTLS answered 220, then silence instead of a ClientHello: the same limit applies.
    void startTlsHandshakeTimesOut()
    {
        SmtpServerSettings settings = baseSettings();
        settings.tls = m_tls;
        settings.tlsHandshakeTimeout = std::chrono::milliseconds(300);
        auto running = startServer(settings);
        QVERIFY(running);
        QSignalSpy ended(running->server.get(), &SmtpServer::sessionEnded);
        QSignalSpy lines(running->server.get(), &SmtpServer::protocolLine);
        SmtpTestClient client;
        QVERIFY(client.connectPlain(running->port));
        QCOMPARE(client.replyCode(), 220);
        client.send("EHLO client.test\r\n"_ba);
        QCOMPARE(client.replyCode(), 250);
        // Timed from before STARTTLS is sent: the server's clock starts after that, so this is a
        // true lower bound however late this client reads the 220.
        QElapsedTimer elapsed;
        elapsed.start();
        client.send("STARTTLS\r\n"_ba);
        QCOMPARE(client.replyCode(), 220);
        QVERIFY(client.waitForDisconnected(10000));
        QVERIFY2(elapsed.elapsed() >= 250, qPrintable(QString::number(elapsed.elapsed())));
        QTRY_COMPARE(ended.size(), 1);
        const auto info = ended.front().front().value<SessionInfo>();
        QCOMPARE(info.endReason, u"TLS handshake timeout"_s);
        QVERIFY(!info.tls);
        QTRY_VERIFY(hasNote(lines, "TLS handshake timeout: no handshake within 300 ms"));
    }

    /// Handshakes that finish in time stop the timer: both sessions outlive the limit.
    void handshakesWithinTheTimeoutKeepTheirSessions()
    {
        SmtpServerSettings settings = baseSettings();
        settings.tls = m_tls;
        settings.tlsListen = ListenAddress{QHostAddress(QHostAddress::LocalHost), 0};
        settings.tlsHandshakeTimeout = std::chrono::milliseconds(1500);
        auto running = startServer(settings);
        QVERIFY(running);
        QSignalSpy ended(running->server.get(), &SmtpServer::sessionEnded);
        SmtpTestClient implicit;
        QVERIFY(implicit.connectImplicitTls(running->tlsPort));
        QCOMPARE(implicit.replyCode(), 220);
        SmtpTestClient upgraded;
        QVERIFY(upgraded.connectPlain(running->port));
        QCOMPARE(upgraded.replyCode(), 220);
        upgraded.send("EHLO client.test\r\n"_ba);
        QCOMPARE(upgraded.replyCode(), 250);
        QVERIFY(upgraded.startTls());
        // Nothing may end while the stopped timers would have fired.
        QVERIFY(!ended.wait(2000));
        for (SmtpTestClient *client : {&implicit, &upgraded}) {
            client->send("EHLO client.test\r\n"_ba);
            QCOMPARE(client->replyCode(), 250);
            QCOMPARE(client->sendMessage("a@x.test"_ba, {"b@y.test"_ba}, "x\r\n"_ba), 250);
        }
        QCOMPARE(ended.size(), 0);
    }

    void zeroHandshakeTimeoutIsRefused()
    {
        SmtpServerSettings settings = baseSettings();
        settings.tlsHandshakeTimeout = std::chrono::milliseconds(0);
        SmtpServer server(nullptr);
        const Result<void> started = server.start(settings);
        QVERIFY(!started);
        QCOMPARE(started.error().code, ErrorCode::OutOfRange);
        QCOMPARE(started.error().field, u"tls.handshake-timeout"_s);
        QCOMPARE(started.error().message, u"limits must be positive"_s);
    }

    /// revealCredentials puts the clear text in the live lines only: the stored trace of the
    /// same session has neither the password nor its base64.
    void storedTraceHasNoCredentialsEvenWhenRevealed()
    {
        SmtpServerSettings settings = baseSettings();
        CredentialChecker credentials;
        credentials.addUser("alice"_ba, "hunter2-pw"_ba);
        settings.authHandler = credentials.handler();
        settings.allowAuthMechanism(SaslMechanism::Type::Plain, true);
        settings.allowAuthMechanism(SaslMechanism::Type::Login, true);
        settings.revealCredentials = true;
        auto running = startServer(settings);
        QVERIFY(running);
        QSignalSpy ended(running->server.get(), &SmtpServer::sessionEnded);
        QSignalSpy lines(running->server.get(), &SmtpServer::protocolLine);
        SmtpTestClient client;
        QVERIFY(client.connectPlain(running->port));
        QCOMPARE(client.replyCode(), 220);
        client.send("EHLO client.test\r\nAUTH PLAIN "_ba + "\0alice\0hunter2-pw-wrong"_ba.toBase64()
                    + "\r\n");
        QCOMPARE(client.replyCode(), 250);
        QCOMPARE(client.replyCode(), 535);
        client.send("AUTH LOGIN\r\n"_ba);
        QCOMPARE(client.replyCode(), 334);
        client.send("alice"_ba.toBase64() + "\r\n");
        QCOMPARE(client.replyCode(), 334);
        client.send("hunter2-pw"_ba.toBase64() + "\r\n");
        QCOMPARE(client.replyCode(), 235);
        QCOMPARE(client.sendMessage("a@x.test"_ba, {"b@y.test"_ba}, "x\r\n"_ba), 250);
        client.send("QUIT\r\n"_ba);
        QCOMPARE(client.replyCode(), 221);
        QTRY_COMPARE(ended.size(), 1);
        const quint64 sessionId = ended.front().front().value<SessionInfo>().sessionId;

        const QList<QByteArray> secrets{"hunter2"_ba, "hunter2-pw"_ba.toBase64(),
                                        "\0alice\0hunter2-pw-wrong"_ba.toBase64()};
        QByteArray revealed;
        for (const QList<QVariant> &arguments : std::as_const(lines))
            revealed += arguments.front().value<ProtocolLine>().revealedBytes;
        QVERIFY2(revealed.contains("password \"hunter2-pw-wrong\"]"), revealed.constData());
        QVERIFY2(revealed.contains("[password \"hunter2-pw\"]"), revealed.constData());

        running->store->flush();
        QString error;
        auto readerOpened = StoreReader::open(running->dir->path());
        QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
        const auto reader = std::move(*readerOpened);
        const QList<ProtocolLine> trace = reader->sessionTrace(sessionId);
        QVERIFY(trace.size() > 10);
        QByteArray stored;
        for (const ProtocolLine &line : trace) {
            QVERIFY(line.revealedBytes.isEmpty());
            stored += line.bytes;
        }
        QVERIFY2(stored.contains("AUTH PLAIN ****\r\n"), stored.constData());
        for (const QByteArray &secret : secrets)
            QVERIFY2(!stored.contains(secret), stored.constData());
    }

    void authenticationOverTlsSucceedsAndFails()
    {
        SmtpServerSettings settings = baseSettings();
        settings.tls = m_tls;
        CredentialChecker credentials;
        credentials.addUser("alice"_ba, "secret"_ba);
        settings.authHandler = credentials.handler();
        settings.authRequired = true;
        auto running = startServer(settings);
        QVERIFY(running);
        QSignalSpy attempts(running->server.get(), &SmtpServer::authAttempted);
        SmtpTestClient client;
        QVERIFY(client.connectPlain(running->port));
        QCOMPARE(client.replyCode(), 220);
        client.send("EHLO client.test\r\n"_ba);
        QCOMPARE(client.replyCode(), 250);
        client.send("MAIL FROM:<a@x.test>\r\n"_ba);
        QCOMPARE(client.replyCode(), 530);
        QVERIFY(client.startTls());
        client.send("EHLO client.test\r\nAUTH PLAIN "_ba + "\0alice\0wrong"_ba.toBase64() + "\r\n");
        QVERIFY(client.reply().contains("AUTH PLAIN LOGIN CRAM-MD5"));
        QCOMPARE(client.replyCode(), 535);
        client.send("AUTH LOGIN\r\n"_ba);
        QCOMPARE(client.replyCode(), 334);
        client.send("alice"_ba.toBase64() + "\r\n");
        QCOMPARE(client.replyCode(), 334);
        client.send("secret"_ba.toBase64() + "\r\n");
        QCOMPARE(client.replyCode(), 235);
        QCOMPARE(client.sendMessage("a@x.test"_ba, {"b@y.test"_ba}, "x\r\n"_ba), 250);
        QTRY_COMPARE(attempts.size(), 2);
        QVERIFY(!attempts.at(0).front().value<AuthAttempt>().success);
        QVERIFY(attempts.at(1).front().value<AuthAttempt>().success);
        QVERIFY(readStored(*running, 1).contains(" with ESMTPSA"));
    }

    void connectionLimitAnswers421()
    {
        SmtpServerSettings settings = baseSettings();
        settings.maxConnections = 2;
        auto running = startServer(settings);
        QVERIFY(running);
        SmtpTestClient first;
        SmtpTestClient second;
        SmtpTestClient third;
        QVERIFY(first.connectPlain(running->port));
        QCOMPARE(first.replyCode(), 220);
        QVERIFY(second.connectPlain(running->port));
        QCOMPARE(second.replyCode(), 220);
        QVERIFY(third.connectPlain(running->port));
        QVERIFY(third.reply().startsWith("421 4.3.2 "));
        QVERIFY(third.waitForDisconnected());
        // A slot frees up when a session ends.
        first.send("QUIT\r\n"_ba);
        QCOMPARE(first.replyCode(), 221);
        QVERIFY(first.waitForDisconnected());
        QTRY_COMPARE(running->server->activeSessions(), 1);
        SmtpTestClient fourth;
        QVERIFY(fourth.connectPlain(running->port));
        QCOMPARE(fourth.replyCode(), 220);
    }

    /// A burst of connections while the server's thread is busy waits in the kernel's queue
    /// instead of being dropped: with Qt's default backlog of 50, the kernel throws away the
    /// SYNs past it and those clients stall for a second or more per retry.
    void burstOfConnectionsWaitsInTheBacklog()
    {
        auto running = startServer(baseSettings());
        QVERIFY(running);
        // The kernel caps every backlog at net.core.somaxconn (4096 on Debian 12).
        QFile somaxconn(u"/proc/sys/net/core/somaxconn"_s);
        const int cap =
            somaxconn.open(QIODevice::ReadOnly) ? somaxconn.readAll().trimmed().toInt() : 4096;
        const int kBurst = qMin(300, cap);
        QVERIFY2(kBurst > 100, "net.core.somaxconn is too small to tell the backlog from Qt's 50");
        int established = 0;
        // Blocks this thread, where the listener lives, until the burst has connected or given
        // up: nothing is accepted meanwhile, so only the backlog holds the connections.
        std::thread burst([port = running->port, kBurst, &established] {
            std::vector<int> sockets;
            for (int i = 0; i < kBurst; ++i) {
                const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
                sockaddr_in address{};
                address.sin_family = AF_INET;
                address.sin_port = htons(port);
                address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
                ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
                sockets.push_back(fd);
            }
            // A dropped SYN is retried after 1 s and dropped again while nothing accepts, so
            // within 3 s a connection is either in the queue or lost.
            QDeadlineTimer deadline(3000);
            std::vector<pollfd> pending;
            for (const int fd : sockets)
                pending.push_back({fd, POLLOUT, 0});
            while (!pending.empty() && !deadline.hasExpired()) {
                if (::poll(pending.data(), pending.size(), int(deadline.remainingTime())) <= 0)
                    break;
                std::erase_if(pending, [&established](const pollfd &p) {
                    if (!(p.revents & (POLLOUT | POLLERR | POLLHUP)))
                        return false;
                    int error = 0;
                    socklen_t length = sizeof error;
                    ::getsockopt(p.fd, SOL_SOCKET, SO_ERROR, &error, &length);
                    if (error == 0)
                        ++established;
                    return true;
                });
            }
            for (const int fd : sockets)
                ::close(fd);
        });
        burst.join();
        QCOMPARE(established, kBurst);
    }

    void stopInBackgroundFreesThePortAtOnce()
    {
        auto running = startServer(baseSettings());
        QVERIFY(running);
        SmtpTestClient client;
        QVERIFY(client.connectPlain(running->port));
        QCOMPARE(client.replyCode(), 220);
        client.send("EHLO client.test\r\n");
        QCOMPARE(client.replyCode(), 250);

        QSignalSpy finished(running->server.get(), &SmtpServer::backgroundStopFinished);
        std::shared_future<void> stopped = running->server->stopInBackground();
        QVERIFY(!running->server->isRunning());
        // The port is free before the open session has said goodbye: a new server takes it.
        SmtpServerSettings same = baseSettings();
        same.listen->port = running->port;
        SmtpServer successor(running->store.get());
        const Result<void> started = successor.start(same);
        QVERIFY2(started, qPrintable(started ? QString() : started.error().message));

        QVERIFY(client.reply().startsWith("421 "));
        QVERIFY(client.waitForDisconnected());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QVERIFY(stopped.wait_for(std::chrono::seconds(0)) == std::future_status::ready);
        QVERIFY(!running->server->isStoppingInBackground());
        SmtpTestClient next;
        QVERIFY(next.connectPlain(running->port));
        QCOMPARE(next.replyCode(), 220);
    }

    void idleSessionsTimeOutWith421()
    {
        SmtpServerSettings settings = baseSettings();
        settings.idleTimeout = std::chrono::milliseconds(300);
        auto running = startServer(settings);
        QVERIFY(running);
        SmtpTestClient client;
        QVERIFY(client.connectPlain(running->port));
        QCOMPARE(client.replyCode(), 220);
        QVERIFY(client.reply().startsWith("421 4.4.2 "));
        QVERIFY(client.waitForDisconnected());
    }

    void tricklingClientIsCutOffByTheCommandDeadline()
    {
        // One byte every 50 ms never completes a command: each read used to restart the
        // timer, so such a client held its connection slot for ever.
        SmtpServerSettings settings = baseSettings();
        settings.idleTimeout = std::chrono::milliseconds(300);
        auto running = startServer(settings);
        QVERIFY(running);
        SmtpTestClient client;
        QVERIFY(client.connectPlain(running->port));
        QCOMPARE(client.replyCode(), 220);
        QTimer drip;
        drip.setInterval(50);
        connect(&drip, &QTimer::timeout, &client, [&client] { client.send("N"_ba); });
        drip.start();
        QVERIFY(client.reply(3000).startsWith("421 4.4.2 "));
        drip.stop();
        QVERIFY(client.waitForDisconnected());
    }

    void concurrentSessionsAllCommitWithDistinctIds()
    {
        auto running = startServer(baseSettings());
        QVERIFY(running);
        QSignalSpy received(running->server.get(), &SmtpServer::messageReceived);
        constexpr int kClients = 16;
        constexpr int kMessages = 5;
        std::vector<std::unique_ptr<SmtpTestClient>> clients;
        for (int i = 0; i < kClients; ++i) {
            clients.push_back(std::make_unique<SmtpTestClient>());
            QVERIFY(clients.back()->connectPlain(running->port));
            QCOMPARE(clients.back()->replyCode(), 220);
            // Pipelined: every client sends all its messages without waiting.
            QByteArray script = "EHLO c" + QByteArray::number(i) + ".test\r\n";
            for (int m = 0; m < kMessages; ++m)
                script += "MAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nDATA\r\nSubject: "
                          + QByteArray::number(i) + '/' + QByteArray::number(m)
                          + "\r\n\r\nx\r\n.\r\n";
            clients.back()->send(script + "QUIT\r\n");
        }
        for (auto &client : clients)
            QVERIFY(client->waitForDisconnected(30000));
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), kClients * kMessages, 30000);
        QSet<qint64> ids;
        for (const QList<QVariant> &arguments : received)
            ids.insert(arguments.front().value<ReceivedMessage>().storeId);
        QCOMPARE(ids.size(), kClients * kMessages);
        QString error;
        auto readerOpened = StoreReader::open(running->dir->path());
        QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
        const auto reader = std::move(*readerOpened);
        QCOMPARE(reader->messageCount(), kClients * kMessages);
        QVERIFY(running->store->commitCount() < quint64(kClients * kMessages + kClients));
    }

    void largeMessageIsStoredExactly()
    {
        auto running = startServer(baseSettings());
        QVERIFY(running);
        QByteArray body;
        for (int i = 0; body.size() < 5 * 1024 * 1024; ++i)
            body +=
                "line " + QByteArray::number(i) + " " + QByteArray(70, char('a' + i % 26)) + "\r\n";
        SmtpTestClient client;
        QVERIFY(client.connectPlain(running->port));
        QCOMPARE(client.replyCode(), 220);
        client.send("EHLO client.test\r\n"_ba);
        QCOMPARE(client.replyCode(), 250);
        QCOMPARE(client.sendMessage("a@x.test"_ba, {"b@y.test"_ba}, body), 250);
        QVERIFY(readStored(*running, 1).endsWith(body));
    }

    void oversizedMessageIsReadToItsEndAndRefused()
    {
        SmtpServerSettings settings = baseSettings();
        settings.maxMessageSize = 100 * 1024;
        auto running = startServer(settings);
        QVERIFY(running);
        SmtpTestClient client;
        QVERIFY(client.connectPlain(running->port));
        QCOMPARE(client.replyCode(), 220);
        client.send("EHLO client.test\r\n"_ba);
        QCOMPARE(client.replyCode(), 250);
        QByteArray body;
        while (body.size() < 2 * 1024 * 1024)
            body += QByteArray(78, 'z') + "\r\n";
        QCOMPARE(client.sendMessage("a@x.test"_ba, {"b@y.test"_ba}, body), 552);
        client.send("NOOP\r\n"_ba);
        QCOMPARE(client.replyCode(), 250);
        QCOMPARE(readStored(*running, 1), QByteArray());
    }

    void stopTellsOpenSessions421()
    {
        auto running = startServer(baseSettings());
        QVERIFY(running);
        SmtpTestClient client;
        QVERIFY(client.connectPlain(running->port));
        QCOMPARE(client.replyCode(), 220);
        // stop() blocks while sessions say goodbye; the client reads afterwards.
        running->server->stop();
        QVERIFY(client.reply().startsWith("421 4.3.2 mx.letterbox.test Service shutting down"));
        QVERIFY(!running->server->isRunning());
    }

    void portInUseIsAClearError()
    {
        auto running = startServer(baseSettings());
        QVERIFY(running);
        SmtpServerSettings settings = baseSettings();
        settings.listen->port = running->port;
        SmtpServer second(running->store.get());
        const Result<void> started = second.start(settings);
        QVERIFY(!started);
        // The code decides (the hint, the settings page); the text names the address.
        QCOMPARE(started.error().code, ErrorCode::AddressInUse);
        QCOMPARE(started.error().field, u"listen"_s);
        const QString &error = started.error().message;
        QVERIFY2(error.startsWith(u"127.0.0.1:"_s + QString::number(running->port) + u": "_s),
                 qPrintable(error));
    }

    void sessionTraceIsStoredWithTheMessage()
    {
        auto running = startServer(baseSettings());
        QVERIFY(running);
        QSignalSpy ended(running->server.get(), &SmtpServer::sessionEnded);
        SmtpTestClient client;
        QVERIFY(client.connectPlain(running->port));
        QCOMPARE(client.replyCode(), 220);
        client.send("EHLO trace.test\r\n"_ba);
        QCOMPARE(client.replyCode(), 250);
        QCOMPARE(client.sendMessage("a@x.test"_ba, {"b@y.test"_ba}, "x\r\n"_ba), 250);
        client.send("QUIT\r\n"_ba);
        QCOMPARE(client.replyCode(), 221);
        QTRY_COMPARE(ended.size(), 1);
        running->store->flush();
        QString error;
        auto readerOpened = StoreReader::open(running->dir->path());
        QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
        const auto reader = std::move(*readerOpened);
        const auto message = reader->message(1);
        QVERIFY(message);
        const QList<ProtocolLine> trace = reader->sessionTrace(message->sessionId);
        QByteArray all;
        for (const ProtocolLine &line : trace)
            all += line.bytes;
        QVERIFY2(all.contains("EHLO trace.test\r\n"), all.constData());
        QVERIFY(all.contains("221 2.0.0 mx.letterbox.test Bye"));
    }
};

QTEST_GUILESS_MAIN(TestSmtpServer)
#include "tst_smtpserver.moc"
