// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "api/apireply.h"
#include "api/apirequestguard.h"
#include "api/apitcpserver.h"
#include "apitestclient.h"
#include "service/mailservice.h"
#include "smtptestclient.h"
#include "store/messagestore.h"
#include "storefiller.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

namespace {

/// Answers every request with the same large body, counting the requests it handled: an
/// HTTP server on the API's own socket layer (ApiTcpServer, hence ApiSocket and
/// ApiRequestGuard) whose work the test can watch, in the test's thread.
class LargeAnswerServer final : public QAbstractHttpServer
{
public:
    static constexpr qsizetype kBodyBytes = 1024 * 1024;

    LargeAnswerServer()
        : m_body(kBodyBytes, 'b')
    {}

    /// Requests handled on each connection.
    QHash<const QTcpSocket *, int> handled;
    /// The most answer bytes a connection held unsent right after an answer was written.
    qint64 mostUnsent = 0;
    QPointer<QTcpSocket> first; ///< the first connection

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *connection) override
    {
        ++handled[connection];
        if (!first)
            first = connection;
        QHttpServerResponder responder = makeResponder(request, connection);
        ApiReply reply;
        reply.body = m_body;
        reply.sendTo(responder, connection);
        mostUnsent = qMax(mostUnsent, connection->bytesToWrite());
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override {}

private:
    QByteArray m_body;
};

/// The length of the first complete answer at the start of `bytes` (by its Content-Length),
/// or -1 while it is incomplete.
qsizetype answerLength(const QByteArray &bytes)
{
    const qsizetype headEnd = bytes.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return -1;
    const qsizetype field = bytes.left(headEnd).toLower().indexOf("content-length:");
    if (field < 0)
        return -1;
    const qsizetype lineEnd = bytes.indexOf("\r\n", field);
    const qint64 length = bytes.mid(field + 15, lineEnd - field - 15).trimmed().toLongLong();
    const qsizetype total = headEnd + 4 + length;
    return bytes.size() >= total ? total : -1;
}

} // namespace

/// Loose ends of the HTTP API, each against a real MailService with its API on 127.0.0.1:0:
/// what RuntimeStats count, `Connection: close`, an explicit API address that is busy, and the
/// bound on unsent answers of a client that pipelines without reading.
class TestApiLoose : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void deletedCountsEveryDeletion();
    void rejectedCountsRefusedSizeAndRecipients();
    void acceptedCountsApiSend();

    void busyExplicitApiAddressSwitchesNothing();

    void connectionOptions_data();
    void connectionOptions();
    void nothingAfterCloseIsAnswered();

    void unsentAnswersAreBounded();
    void pipelinedRawIsDeliveredWhole();

private:
    using Response = ApiTestClient::Response;

    MailService *service() const { return m_api->service(); }
    /// One field of RuntimeStats in GET /api/v1/info; -1 when the request fails.
    qint64 runtime(const char *field);

    std::unique_ptr<ApiTestClient> m_api;
};

void TestApiLoose::init()
{
    m_api = std::make_unique<ApiTestClient>();
    QVERIFY(m_api->start());
}

void TestApiLoose::cleanup()
{
    m_api.reset();
}

qint64 TestApiLoose::runtime(const char *field)
{
    const Response info = m_api->request("GET", QStringLiteral("/api/v1/info"));
    if (info.status != 200)
        return -1;
    return info.json()
        .value(QStringLiteral("RuntimeStats"))
        .toObject()
        .value(QLatin1StringView(field))
        .toInteger(-1);
}

void TestApiLoose::deletedCountsEveryDeletion()
{
    MessageStore &store = *service()->store();
    const QList<qint64> ids = StoreFiller::deliver(store, this, 0, 10);
    QCOMPARE(ids.size(), 10);
    QCOMPARE(runtime("MessagesDeleted"), 0);

    // By id through the API, and by the desktop app (MailService::remove).
    QCOMPARE(m_api
                 ->request("DELETE", QStringLiteral("/api/v1/messages"),
                           "{\"IDs\": [\"" + QByteArray::number(ids[0]) + "\"]}")
                 .status,
             200);
    QTRY_COMPARE(runtime("MessagesDeleted"), 1);
    service()->remove({ids[1], ids[2]});
    QTRY_COMPARE(runtime("MessagesDeleted"), 3);

    // Retention: keep the newest 5 of the 7 left.
    store.setRetention({5, 0});
    QTRY_COMPARE(runtime("MessagesDeleted"), 5);
    store.setRetention({});

    // Delete-all through the API (no IDs) and from the desktop app (MailService::removeAll):
    // every message it took counts, though messagesRemoved() names none.
    QCOMPARE(m_api->request("DELETE", QStringLiteral("/api/v1/messages")).status, 200);
    QTRY_COMPARE(runtime("MessagesDeleted"), 10);
    QCOMPARE(StoreFiller::deliver(store, this, 10, 4).size(), 4);
    service()->removeAll();
    QTRY_COMPARE(runtime("MessagesDeleted"), 14);
    // Nothing left: another delete-all counts nothing.
    QCOMPARE(m_api->request("DELETE", QStringLiteral("/api/v1/messages")).status, 200);
    QCOMPARE(runtime("MessagesDeleted"), 14);
}

void TestApiLoose::rejectedCountsRefusedSizeAndRecipients()
{
    ServerConfig config;
    config.maxMessageSize = 2000;
    config.acceptRcptPatterns = {QStringLiteral("*@ok.test")};
    QVERIFY(m_api->startWith(config));
    const std::optional<ListenAddress> smtp = service()->listenAddress();
    QVERIFY(smtp);

    SmtpTestClient client;
    QVERIFY(client.connectPlain(smtp->port));
    QCOMPARE(client.replyCode(), 220);
    client.send("EHLO client.test\r\n");
    QCOMPARE(client.replyCode(), 250);
    // RFC 1870: a declared size over the limit is refused at MAIL.
    client.send("MAIL FROM:<a@ok.test> SIZE=5000\r\n");
    QCOMPARE(client.replyCode(), 552);
    // A recipient the accept-rcpt policy refuses, then one it accepts.
    client.send("MAIL FROM:<a@ok.test>\r\n");
    QCOMPARE(client.replyCode(), 250);
    client.send("RCPT TO:<x@elsewhere.test>\r\n");
    QCOMPARE(client.replyCode(), 550);
    client.send("RCPT TO:<b@ok.test>\r\n");
    QCOMPARE(client.replyCode(), 250);
    // Data over the limit: 552 after the final dot.
    client.send("DATA\r\n");
    QCOMPARE(client.replyCode(), 354);
    client.send("Subject: big\r\n\r\n" + QByteArray(3000, 'x') + "\r\n.\r\n");
    QCOMPARE(client.replyCode(), 552);
    // A message that fits is accepted and not counted as rejected.
    QCOMPARE(client.sendMessage("a@ok.test", {"b@ok.test"}, "Subject: small\r\n\r\nhi\r\n"), 250);

    QTRY_COMPARE(runtime("SMTPRejected"), 3);
    QCOMPARE(runtime("SMTPAccepted"), 1);
    QCOMPARE(runtime("SMTPIgnored"), 0);
}

void TestApiLoose::acceptedCountsApiSend()
{
    const QByteArray body = R"({"From": {"Email": "a@example.test"},
        "To": [{"Email": "b@example.test"}], "Subject": "sent", "Text": "hello"})";
    const Response sent = m_api->request("POST", QStringLiteral("/api/v1/send"), body);
    QCOMPARE(sent.status, 200);
    QCOMPARE(runtime("SMTPAccepted"), 1);
    const Response raw = m_api->request("GET", QStringLiteral("/api/v1/message/latest/raw"));
    QCOMPARE(raw.status, 200);
    QCOMPARE(runtime("SMTPAcceptedSize"), raw.body.size());
}

void TestApiLoose::busyExplicitApiAddressSwitchesNothing()
{
    const std::optional<ListenAddress> smtpBefore = service()->listenAddress();
    const std::optional<ListenAddress> apiBefore = service()->apiAddress();
    QVERIFY(smtpBefore && apiBefore);
    QTcpServer occupant;
    QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));

    // Settings that restart the listeners (another recipient limit) and move the API to a
    // busy address given explicitly.
    ServerConfig config;
    config.storeDirectory = m_api->storeDirectory();
    config.listen = QStringLiteral("127.0.0.1:0");
    config.maxRecipients = 50;
    config.apiListen = QStringLiteral("127.0.0.1:%1").arg(occupant.serverPort());
    QSignalSpy finished(service(), &MailService::applyFinished);
    QSignalSpy running(service(), &MailService::runningChanged);
    service()->apply(config);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(0).toBool(), false);
    const Error error = finished.first().at(1).value<Error>();
    QCOMPARE(error.code, ErrorCode::AddressInUse);
    QCOMPARE(MailService::problemOf(error), MailService::Problem::Api);

    // Nothing was switched: the same SMTP listener (port 0 would have picked another) and the
    // same API, still answering.
    QVERIFY(service()->listenAddress() && service()->apiAddress());
    QCOMPARE(service()->listenAddress()->port, smtpBefore->port);
    QCOMPARE(service()->apiAddress()->port, apiBefore->port);
    QVERIFY(running.isEmpty());
    QCOMPARE(m_api->request("GET", QStringLiteral("/livez")).status, 200);
}

void TestApiLoose::connectionOptions_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<bool>("closes");
    QTest::addRow("http11") << QByteArray("GET /livez HTTP/1.1\r\nHost: t\r\n\r\n") << false;
    QTest::addRow("http11-close") << QByteArray(
        "GET /livez HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                                  << true;
    QTest::addRow("http11-close-among-options")
        << QByteArray("GET /livez HTTP/1.1\r\nHost: t\r\nConnection: TE, Close\r\nTE: trailers"
                      "\r\n\r\n")
        << true;
    QTest::addRow("http10") << QByteArray("GET /livez HTTP/1.0\r\n\r\n") << true;
    QTest::addRow("http10-keep-alive")
        << QByteArray("GET /livez HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << false;
    QTest::addRow("post-with-body-close")
        << QByteArray("PUT /api/v1/messages HTTP/1.1\r\nHost: t\r\nContent-Length: 14\r\n"
                      "Connection: close\r\n\r\n{\"Read\": true}")
        << true;
}

// RFC 9112 §9.3 and §9.6: the server closes after answering a request with "close" (or an
// HTTP/1.0 request without "keep-alive"), and keeps every other connection open.
void TestApiLoose::connectionOptions()
{
    QFETCH(QByteArray, request);
    QFETCH(bool, closes);
    QTcpSocket socket;
    QByteArray received;
    connect(&socket, &QTcpSocket::readyRead, this, [&] { received += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, m_api->port());
    socket.write(request);
    QTRY_VERIFY_WITH_TIMEOUT(answerLength(received) > 0, 10000);
    const qsizetype first = answerLength(received);
    QVERIFY2(received.startsWith("HTTP/1.1 "), received.constData());
    if (closes) {
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 10000);
        QVERIFY2(received.left(first).contains("\r\nConnection: close\r\n"), received.constData());
        QCOMPARE(received.size(), first);
        return;
    }
    QVERIFY(!received.left(first).contains("Connection: close"));
    // A second request on the same connection is answered too.
    received.remove(0, first);
    socket.write("GET /livez HTTP/1.1\r\nHost: t\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(answerLength(received) > 0, 10000);
    QVERIFY(received.startsWith("HTTP/1.1 200"));
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
}

// RFC 9112 §9.6: requests pipelined behind one that asked to close are not processed.
void TestApiLoose::nothingAfterCloseIsAnswered()
{
    QCOMPARE(StoreFiller::deliver(*service()->store(), this, 0, 1).size(), 1);
    QTcpSocket socket;
    QByteArray received;
    connect(&socket, &QTcpSocket::readyRead, this, [&] { received += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, m_api->port());
    socket.write("GET /livez HTTP/1.1\r\nHost: t\r\n\r\n"
                 "GET /livez HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                 "DELETE /api/v1/messages HTTP/1.1\r\nHost: t\r\n\r\n"
                 "GET /livez HTTP/1.1\r\nHost: t\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 10000);
    received += socket.readAll();
    QCOMPARE(received.count("HTTP/1.1 200"), 2);
    // The DELETE after the close was not run.
    const Response list = m_api->request("GET", QStringLiteral("/api/v1/messages"));
    QCOMPARE(list.json().value(QStringLiteral("total")).toInt(), 1);
}

// A client that pipelines requests for large answers without reading them: the server stops
// handling its requests while more than ApiRequestGuard::kMaxUnsentBytes wait unsent, and
// delivers everything once the client reads.
void TestApiLoose::unsentAnswersAreBounded()
{
    constexpr int kRequests = 48; // 48 MiB of answers, far beyond the kernel's socket buffers
    LargeAnswerServer server;
    auto *tcp = new ApiTcpServer(1024);
    QVERIFY(tcp->listen(QHostAddress::LocalHost, 0));
    server.bind(tcp);

    QTcpSocket client;
    // It reads nothing beyond 64 KiB; the kernel's buffers fill, then TCP stops the server.
    client.setReadBufferSize(64 * 1024);
    client.connectToHost(QHostAddress::LocalHost, tcp->serverPort());
    QByteArray requests;
    for (int i = 0; i < kRequests; ++i)
        requests += "GET /big HTTP/1.1\r\nHost: t\r\n\r\n";
    client.write(requests);

    // Congested: answers pile up in the server's write buffer.
    QTRY_VERIFY_WITH_TIMEOUT(
        server.first && server.first->bytesToWrite() > ApiRequestGuard::kMaxUnsentBytes, 30000);
    const QTcpSocket *congested = server.first;
    QVERIFY2(server.handled.value(congested) < kRequests,
             qPrintable(QString::number(server.handled.value(congested))));
    // A whole answer on a second connection takes many turns of the event loop, in which every
    // request already in the first connection's buffer would be handled, one per turn, had
    // they not been held back. A few are handled meanwhile, as the kernel takes answers until
    // its buffers are full (a few MiB on loopback); far from all of them.
    {
        QTcpSocket other;
        QByteArray answer;
        connect(&other, &QTcpSocket::readyRead, this, [&] { answer += other.readAll(); });
        other.connectToHost(QHostAddress::LocalHost, tcp->serverPort());
        other.write("GET /big HTTP/1.1\r\nHost: t\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(answerLength(answer) > 0, 30000);
    }
    QVERIFY2(server.handled.value(congested) < kRequests / 2,
             qPrintable(QString::number(server.handled.value(congested))));
    QVERIFY2(server.mostUnsent
                 <= ApiRequestGuard::kMaxUnsentBytes + 2 * LargeAnswerServer::kBodyBytes,
             qPrintable(QString::number(server.mostUnsent)));

    // The client reads: every answer arrives, whole.
    qint64 received = 0;
    int answers = 0;
    QByteArray pending;
    const auto take = [&] {
        pending += client.readAll();
        for (qsizetype length; (length = answerLength(pending)) > 0;) {
            QVERIFY(pending.startsWith("HTTP/1.1 200"));
            received += length;
            ++answers;
            pending.remove(0, length);
        }
    };
    connect(&client, &QTcpSocket::readyRead, this, take);
    client.setReadBufferSize(0);
    take();
    QTRY_COMPARE_WITH_TIMEOUT(answers, kRequests, 60000);
    QCOMPARE(server.handled.value(congested), kRequests);
    QVERIFY(pending.isEmpty());
    QVERIFY2(server.mostUnsent
                 <= ApiRequestGuard::kMaxUnsentBytes + 2 * LargeAnswerServer::kBodyBytes,
             qPrintable(QString::number(server.mostUnsent)));
}

// The same through the real API: pipelined GET .../raw of a large message, read late, arrive
// whole and in order.
void TestApiLoose::pipelinedRawIsDeliveredWhole()
{
    constexpr int kRequests = 12;
    QByteArray message = "Subject: large\r\n\r\n";
    while (message.size() < 3 * 1024 * 1024)
        message += "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxy\r\n";
    const qint64 id = m_api->deliverRaw(message, {"b@example.test"});
    QVERIFY(id > 0);
    const Response single = m_api->request("GET", QStringLiteral("/api/v1/message/%1/raw").arg(id));
    QCOMPARE(single.status, 200);
    QVERIFY(single.body.endsWith(message));

    QTcpSocket client;
    client.setReadBufferSize(64 * 1024);
    client.connectToHost(QHostAddress::LocalHost, m_api->port());
    QByteArray requests;
    for (int i = 0; i < kRequests; ++i)
        requests +=
            "GET /api/v1/message/" + QByteArray::number(id) + "/raw HTTP/1.1\r\nHost: t\r\n\r\n";
    client.write(requests);
    QTRY_VERIFY_WITH_TIMEOUT(client.bytesAvailable() >= 64 * 1024, 30000);
    // A round trip on another connection: the API thread has turned since.
    QCOMPARE(m_api->request("GET", QStringLiteral("/livez")).status, 200);

    int answers = 0;
    QByteArray pending;
    const auto take = [&] {
        pending += client.readAll();
        for (qsizetype length; (length = answerLength(pending)) > 0;) {
            QVERIFY(pending.startsWith("HTTP/1.1 200"));
            QCOMPARE(pending.first(length).mid(pending.indexOf("\r\n\r\n") + 4), single.body);
            ++answers;
            pending.remove(0, length);
        }
    };
    connect(&client, &QTcpSocket::readyRead, this, take);
    client.setReadBufferSize(0);
    take();
    QTRY_COMPARE_WITH_TIMEOUT(answers, kRequests, 60000);
    QVERIFY(pending.isEmpty());
}

QTEST_GUILESS_MAIN(TestApiLoose)
#include "tst_apiloose.moc"
