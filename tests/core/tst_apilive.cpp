// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "api/apieventhub.h"
#include "apitestclient.h"
#include "service/mailservice.h"
#include "smtp/smtpserversettings.h"
#include "smtptestclient.h"
#include "store/messagestore.h"
#include "storefiller.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <arpa/inet.h>
#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

/// The live part of the HTTP API against a real listener, a real store and real SMTP
/// deliveries: GET /api/v1/wait (answered by a commit, already satisfied, timed out, refused,
/// abandoned, held 200 times at once, racing a delivery) and the WebSocket /api/events (its
/// events, its authentication, and a client that never reads).
class TestApiLive : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void waitIsAnsweredByADeliveryAfterIt();
    void waitForThreeMessages();
    void waitAlreadySatisfiedAnswersAtOnce();
    void waitTimesOutWith408AndTheCount();
    void waitRefusesBadParameters_data();
    void waitRefusesBadParameters();
    void waitDropsAClientThatLeaves();
    void twoHundredWaitsAnsweredByOneDelivery();
    void manyQueriesOnlyTheMatchingOneIsAnswered();
    void waitRacingADeliveryNeverMissesIt();
    void waitSeesImportedMessages();
    void waitSeesReadFlagChanges();
    void waitAfterDeleteAllCountsOnlyWhatIsLeft();

    void eventsNewUpdateDeleteTruncate();
    void eventsUpgradeNeedsAuthentication();
    void eventsWithoutUpgradeIs426();
    void eventClientThatNeverReadsIsDropped();

private:
    using Response = ApiTestClient::Response;

    Response request(const QByteArray &method, const QString &path, const QByteArray &body = {},
                     const QByteArray &authorization = {})
    {
        return m_api->request(method, path, body, authorization);
    }
    MailService *service() const { return m_api->service(); }
    qint64 runtimeStat(const QString &name)
    {
        return request("GET", u"/api/v1/info"_s)
            .json()
            .value(u"RuntimeStats"_s)
            .toObject()
            .value(name)
            .toInteger(-1);
    }
    qint64 waiting() { return runtimeStat(u"WaitingRequests"_s); }
    /// Sends messages over SMTP, one session; true when every one got 250.
    bool sendMail(const QList<QByteArray> &subjects, const QByteArray &to = "dev@example.test");
    /// A raw HTTP/1.1 GET on its own connection (QNetworkAccessManager holds at most six per
    /// host).
    std::unique_ptr<QTcpSocket> rawGet(const QByteArray &path, const QByteArray &headers = {});
    /// The status code of a complete answer read from `socket` so far, 0 before it is complete.
    static int rawStatus(QTcpSocket &socket, QByteArray *body = nullptr);
    QUrl eventsUrl() const { return QUrl(u"ws://127.0.0.1:%1/api/events"_s.arg(m_api->port())); }

    std::unique_ptr<ApiTestClient> m_api;
};

namespace {

// The events a QWebSocket received, as JSON objects.
class EventRecorder : public QObject
{
public:
    explicit EventRecorder(QWebSocket *socket)
    {
        connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            events.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
    }
    /// The first event of `type` from `from` on, or an empty object.
    QJsonObject find(const QString &type, qsizetype from = 0) const
    {
        for (qsizetype i = from; i < events.size(); ++i) {
            if (events[i].value(u"Type"_s).toString() == type)
                return events[i];
        }
        return {};
    }
    QList<QJsonObject> events;
};

} // namespace

void TestApiLive::init()
{
    m_api = std::make_unique<ApiTestClient>();
    QVERIFY(m_api->start());
}

void TestApiLive::cleanup()
{
    m_api.reset();
}

bool TestApiLive::sendMail(const QList<QByteArray> &subjects, const QByteArray &to)
{
    SmtpTestClient client;
    if (!client.connectPlain(service()->listenAddress()->port) || client.replyCode() != 220)
        return false;
    client.send("EHLO client.test\r\n"_ba);
    if (client.replyCode() != 250)
        return false;
    for (const QByteArray &subject : subjects) {
        const QByteArray content = "From: a@x.test\r\nTo: " + to + "\r\nSubject: " + subject
                                   + "\r\n\r\nbody of " + subject + "\r\n";
        if (client.sendMessage("a@x.test"_ba, {to}, content) != 250)
            return false;
    }
    client.send("QUIT\r\n"_ba);
    return client.replyCode() == 221;
}

std::unique_ptr<QTcpSocket> TestApiLive::rawGet(const QByteArray &path, const QByteArray &headers)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QHostAddress::LocalHost, m_api->port());
    socket->write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n");
    return socket;
}

int TestApiLive::rawStatus(QTcpSocket &socket, QByteArray *body)
{
    const QByteArray seen = socket.peek(socket.bytesAvailable());
    const qsizetype end = seen.indexOf("\r\n\r\n");
    if (end < 0)
        return 0;
    const QByteArray head = seen.left(end).toLower();
    const qsizetype length = head.indexOf("content-length:");
    if (length < 0)
        return 0;
    const qsizetype lineEnd = head.indexOf("\r\n", length);
    const qint64 size =
        head.mid(length + 15, lineEnd < 0 ? -1 : lineEnd - length - 15).trimmed().toLongLong();
    if (seen.size() < end + 4 + size)
        return 0;
    if (body)
        *body = seen.mid(end + 4, size);
    return seen.mid(9, 3).toInt();
}

void TestApiLive::waitIsAnsweredByADeliveryAfterIt()
{
    QNetworkReply *reply = m_api->send("GET", u"/api/v1/wait?query=subject:hello&timeout=20"_s);
    QTRY_COMPARE(waiting(), 1);
    QVERIFY(!reply->isFinished());
    QVERIFY(sendMail({"other"_ba}));
    QVERIFY(sendMail({"hello there"_ba}));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    const Response response = ApiTestClient::take(reply);
    QCOMPARE(response.status, 200);
    const QJsonObject json = response.json();
    QCOMPARE(json.value(u"messages_count"_s).toInteger(), 1);
    QCOMPARE(json.value(u"total"_s).toInteger(), 2);
    const QJsonArray messages = json.value(u"messages"_s).toArray();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().toObject().value(u"Subject"_s).toString(), u"hello there"_s);
    QCOMPARE(waiting(), 0);
}

void TestApiLive::waitForThreeMessages()
{
    QNetworkReply *reply =
        m_api->send("GET", u"/api/v1/wait?query=to:three@x.test&count=3&timeout=20"_s);
    QTRY_COMPARE(waiting(), 1);
    QVERIFY(sendMail({"one"_ba, "two"_ba}, "three@x.test"));
    QVERIFY(sendMail({"elsewhere"_ba}, "four@x.test"));
    // Two of three: still waiting.
    QCOMPARE(waiting(), 1);
    QVERIFY(!reply->isFinished());
    QVERIFY(sendMail({"three"_ba}, "three@x.test"));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    const Response response = ApiTestClient::take(reply);
    QCOMPARE(response.status, 200);
    const QJsonObject json = response.json();
    QCOMPARE(json.value(u"messages_count"_s).toInteger(), 3);
    const QJsonArray messages = json.value(u"messages"_s).toArray();
    QCOMPARE(messages.size(), 3);
    QCOMPARE(messages.first().toObject().value(u"Subject"_s).toString(), u"three"_s);
}

void TestApiLive::waitAlreadySatisfiedAnswersAtOnce()
{
    QCOMPARE(StoreFiller::deliver(*service()->store(), this, 0, 5).size(), 5);
    // No store change comes after the request: only the count at registration can answer.
    const Response response = request("GET", u"/api/v1/wait?count=4&timeout=30"_s);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json().value(u"messages_count"_s).toInteger(), 5);
    QCOMPARE(response.json().value(u"messages"_s).toArray().size(), 5);
    const Response bob = request("GET", u"/api/v1/wait?query=from:bob&timeout=30"_s);
    QCOMPARE(bob.status, 200);
    QCOMPARE(bob.json().value(u"messages_count"_s).toInteger(), 2);
    // A page of the matches, as for search.
    const Response page = request("GET", u"/api/v1/wait?count=2&start=1&limit=2"_s);
    QCOMPARE(page.status, 200);
    QCOMPARE(page.json().value(u"start"_s).toInteger(), 1);
    QCOMPARE(page.json().value(u"count"_s).toInteger(), 2);
    QCOMPARE(page.json().value(u"messages_count"_s).toInteger(), 5);
    QCOMPARE(waiting(), 0);
}

void TestApiLive::waitTimesOutWith408AndTheCount()
{
    QCOMPARE(StoreFiller::deliver(*service()->store(), this, 0, 1).size(), 1);
    QElapsedTimer elapsed;
    elapsed.start();
    const Response response = request("GET", u"/api/v1/wait?count=2&timeout=1"_s);
    QCOMPARE(response.status, 408);
    QVERIFY2(elapsed.elapsed() >= 900, QByteArray::number(elapsed.elapsed()).constData());
    const QJsonObject json = response.json();
    QCOMPARE(json.value(u"messages_count"_s).toInteger(), 1);
    QCOMPARE(json.value(u"count"_s).toInteger(), 2);
    QCOMPARE(json.value(u"timeout"_s).toInteger(), 1);
    QVERIFY(json.value(u"error"_s).toString().contains(u"1 of 2"_s));
    // timeout=0 answers at once.
    QCOMPARE(request("GET", u"/api/v1/wait?count=2&timeout=0"_s).status, 408);
    QCOMPARE(waiting(), 0);
}

void TestApiLive::waitRefusesBadParameters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addRow("count-zero") << u"count=0"_s;
    QTest::addRow("count-above-limit") << u"count=1001"_s;
    QTest::addRow("count-not-a-number") << u"count=two"_s;
    QTest::addRow("count-negative") << u"count=-1"_s;
    QTest::addRow("timeout-negative") << u"timeout=-1"_s;
    QTest::addRow("timeout-above-limit") << u"timeout=301"_s;
    QTest::addRow("timeout-fraction") << u"timeout=1.5"_s;
    QTest::addRow("limit-above-limit") << u"limit=1001"_s;
    QTest::addRow("start-negative") << u"start=-1"_s;
    // Queries are in Mailpit's syntax, as search takes them.
    QTest::addRow("query-unsupported-term") << u"query=tag:a"_s;
    QTest::addRow("query-bad-date") << u"query=before:someday"_s;
    QTest::addRow("query-unknown-zone") << u"query=after:2024-01-01&tz=Nowhere/City"_s;
}

void TestApiLive::waitRefusesBadParameters()
{
    QFETCH(QString, query);
    const Response response = request("GET", u"/api/v1/wait?"_s + query);
    QCOMPARE(response.status, 400);
    QVERIFY(!response.body.trimmed().isEmpty());
    QCOMPARE(waiting(), 0);
}

void TestApiLive::waitDropsAClientThatLeaves()
{
    std::unique_ptr<QTcpSocket> socket = rawGet("/api/v1/wait?timeout=60");
    QTRY_COMPARE(waiting(), 1);
    socket->abort();
    QTRY_COMPARE(waiting(), 0);
    // The responder of the dropped waiter is never written to.
    QVERIFY(sendMail({"after the client left"_ba}));
    QCOMPARE(request("GET", u"/api/v1/wait"_s).status, 200);
}

void TestApiLive::twoHundredWaitsAnsweredByOneDelivery()
{
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < 200; ++i)
        sockets.push_back(rawGet("/api/v1/wait?query=subject:crowd&timeout=60"));
    QTRY_COMPARE_WITH_TIMEOUT(waiting(), 200, 20000);
    QVERIFY(sendMail({"crowd"_ba}));
    for (const std::unique_ptr<QTcpSocket> &socket : sockets) {
        QByteArray body;
        QTRY_COMPARE_WITH_TIMEOUT(rawStatus(*socket, &body), 200, 20000);
        QCOMPARE(QJsonDocument::fromJson(body).object().value(u"messages_count"_s).toInteger(), 1);
    }
    QCOMPARE(waiting(), 0);
}

void TestApiLive::manyQueriesOnlyTheMatchingOneIsAnswered()
{
    // More queries than one statement of the search language holds (SearchQuery::kMaxTerms):
    // they are checked in packs, split down to the one that matches.
    constexpr int kQueries = 300;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < kQueries; ++i)
        sockets.push_back(
            rawGet("/api/v1/wait?timeout=60&query=subject:topic" + QByteArray::number(i)));
    QTRY_COMPARE_WITH_TIMEOUT(waiting(), kQueries, 20000);
    QVERIFY(sendMail({"topic7 and topic270"_ba, "unrelated"_ba}));
    QTRY_COMPARE_WITH_TIMEOUT(rawStatus(*sockets[7]), 200, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(rawStatus(*sockets[270]), 200, 10000);
    QCOMPARE(waiting(), kQueries - 2);
    for (int i = 0; i < kQueries; ++i) {
        if (i != 7 && i != 270)
            QCOMPARE(rawStatus(*sockets[size_t(i)]), 0);
    }
}

void TestApiLive::waitRacingADeliveryNeverMissesIt()
{
    // The SMTP transaction and the wait start together: the commit may land before the wait
    // is read, while it is counted, or after it is registered. Each round has its own subject,
    // so only that delivery can answer it.
    for (int round = 0; round < 20; ++round) {
        const QByteArray subject = "race" + QByteArray::number(round);
        SmtpTestClient client;
        QVERIFY(client.connectPlain(service()->listenAddress()->port));
        QCOMPARE(client.replyCode(), 220);
        client.send("EHLO client.test\r\n"_ba);
        QCOMPARE(client.replyCode(), 250);
        client.send("MAIL FROM:<a@x.test>\r\nRCPT TO:<b@x.test>\r\nDATA\r\n"_ba);
        QCOMPARE(client.replyCode(), 250);
        QCOMPARE(client.replyCode(), 250);
        QCOMPARE(client.replyCode(), 354);
        client.send("Subject: " + subject + "\r\n\r\nbody\r\n.\r\n");
        std::unique_ptr<QTcpSocket> wait =
            rawGet("/api/v1/wait?timeout=10&query=subject:" + subject);
        QCOMPARE(client.replyCode(), 250);
        QByteArray body;
        QTRY_COMPARE_WITH_TIMEOUT(rawStatus(*wait, &body), 200, 10000);
        QCOMPARE(QJsonDocument::fromJson(body).object().value(u"messages_count"_s).toInteger(), 1);
    }
}

void TestApiLive::waitSeesImportedMessages()
{
    QTemporaryDir source;
    QFile eml(source.filePath(u"imported.eml"_s));
    QVERIFY(eml.open(QIODevice::WriteOnly));
    eml.write("From: a@x.test\r\nTo: b@x.test\r\nSubject: imported\r\n\r\nbody\r\n");
    eml.close();
    QNetworkReply *reply = m_api->send("GET", u"/api/v1/wait?query=subject:imported"_s);
    QTRY_COMPARE(waiting(), 1);
    QSignalSpy finished(service(), &MailService::importFinished);
    QVERIFY(service()->importMessages({eml.fileName()}));
    QVERIFY(finished.wait(20000));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    const Response response = ApiTestClient::take(reply);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json().value(u"messages_count"_s).toInteger(), 1);
}

void TestApiLive::waitSeesReadFlagChanges()
{
    const QList<qint64> ids = StoreFiller::deliver(*service()->store(), this, 0, 2);
    QCOMPARE(ids.size(), 2);
    QNetworkReply *reply = m_api->send("GET", u"/api/v1/wait?query=is:read"_s);
    QTRY_COMPARE(waiting(), 1);
    const QByteArray body = "{\"IDs\":[\"" + QByteArray::number(ids.first()) + "\"],\"Read\":true}";
    QCOMPARE(request("PUT", u"/api/v1/messages"_s, body).status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    const Response response = ApiTestClient::take(reply);
    QCOMPARE(response.status, 200);
    const QJsonArray messages = response.json().value(u"messages"_s).toArray();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().toObject().value(u"ID"_s).toString(), QString::number(ids.first()));
}

void TestApiLive::waitAfterDeleteAllCountsOnlyWhatIsLeft()
{
    QVERIFY(sendMail({"kept for now"_ba}));
    QNetworkReply *reply = m_api->send("GET", u"/api/v1/wait?count=2&timeout=3"_s);
    QTRY_COMPARE(waiting(), 1);
    QCOMPARE(request("DELETE", u"/api/v1/messages"_s).status, 200);
    QVERIFY(sendMail({"after the reset"_ba}));
    // One message is left: the one deleted must not count towards two.
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    const Response response = ApiTestClient::take(reply);
    QCOMPARE(response.status, 408);
    QCOMPARE(response.json().value(u"messages_count"_s).toInteger(), 1);
}

void TestApiLive::eventsNewUpdateDeleteTruncate()
{
    QWebSocket socket;
    EventRecorder recorder(&socket);
    QSignalSpy connected(&socket, &QWebSocket::connected);
    socket.open(eventsUrl());
    QVERIFY(connected.wait(10000));
    // As Mailpit, the counts come first.
    QTRY_VERIFY(!recorder.find(u"stats"_s).isEmpty());
    QCOMPARE(recorder.find(u"stats"_s).value(u"Data"_s).toObject().value(u"Total"_s).toInteger(),
             0);
    QTRY_COMPARE(runtimeStat(u"EventClients"_s), 1);

    QVERIFY(sendMail({"live one"_ba, "live two"_ba}));
    QTRY_VERIFY(!recorder.find(u"new"_s).isEmpty());
    const QJsonObject first = recorder.find(u"new"_s).value(u"Data"_s).toObject();
    QCOMPARE(first.value(u"Subject"_s).toString(), u"live one"_s);
    QCOMPARE(first.value(u"Read"_s).toBool(true), false);
    QCOMPARE(first.value(u"From"_s).toObject().value(u"Address"_s).toString(), u"a@x.test"_s);
    const QString id = first.value(u"ID"_s).toString();
    QVERIFY(!id.isEmpty());
    // The stats that follow count both.
    QTRY_VERIFY([&] {
        for (const QJsonObject &event : recorder.events) {
            if (event.value(u"Type"_s) == u"stats"_s
                && event.value(u"Data"_s).toObject().value(u"Total"_s).toInteger() == 2)
                return true;
        }
        return false;
    }());

    qsizetype from = recorder.events.size();
    QCOMPARE(
        request("PUT", u"/api/v1/messages"_s, "{\"IDs\":[\"" + id.toUtf8() + "\"],\"Read\":true}")
            .status,
        200);
    QTRY_VERIFY(!recorder.find(u"update"_s, from).isEmpty());
    const QJsonObject update = recorder.find(u"update"_s, from).value(u"Data"_s).toObject();
    QCOMPARE(update.value(u"ID"_s).toString(), id);
    QCOMPARE(update.value(u"Read"_s).toBool(false), true);
    QCOMPARE(update.size(), 2);

    from = recorder.events.size();
    QCOMPARE(request("DELETE", u"/api/v1/messages"_s, "{\"IDs\":[\"" + id.toUtf8() + "\"]}").status,
             200);
    QTRY_VERIFY(!recorder.find(u"delete"_s, from).isEmpty());
    QCOMPARE(recorder.find(u"delete"_s, from).value(u"Data"_s).toObject(),
             QJsonObject({{u"ID"_s, id}}));

    from = recorder.events.size();
    QCOMPARE(request("DELETE", u"/api/v1/messages"_s).status, 200);
    QTRY_VERIFY(!recorder.find(u"truncate"_s, from).isEmpty());
    QVERIFY(recorder.find(u"truncate"_s, from).value(u"Data"_s).isNull());

    socket.close();
    QTRY_COMPARE(runtimeStat(u"EventClients"_s), 0);
}

void TestApiLive::eventsUpgradeNeedsAuthentication()
{
    m_api->stop();
    QVERIFY(m_api->start({u"tester:secret"_s}));
    const QByteArray upgrade = "Connection: Upgrade\r\nUpgrade: websocket\r\n"
                               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                               "Sec-WebSocket-Version: 13\r\n";
    // Qt 6.4 logs each upgrade it does not hand over.
    for (int i = 0; i < 3; ++i)
        QTest::ignoreMessage(QtWarningMsg,
                             "WebSocket received but no slots connected to "
                             "QWebSocketServer::newConnection or request not handled");
    // Without credentials: 401 with a challenge, and no WebSocket.
    std::unique_ptr<QTcpSocket> refused = rawGet("/api/events", upgrade);
    QTRY_COMPARE_WITH_TIMEOUT(rawStatus(*refused), 401, 10000);
    QVERIFY(refused->peek(4096).toLower().contains("www-authenticate: basic"));
    std::unique_ptr<QTcpSocket> wrong = rawGet(
        "/api/events", upgrade + "Authorization: Basic " + "tester:wrong"_ba.toBase64() + "\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(rawStatus(*wrong), 401, 10000);
    // An upgrade elsewhere is not found.
    std::unique_ptr<QTcpSocket> elsewhere = rawGet(
        "/api/v1/info", upgrade + "Authorization: Basic " + "tester:secret"_ba.toBase64() + "\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(rawStatus(*elsewhere), 404, 10000);

    QWebSocket socket;
    EventRecorder recorder(&socket);
    QSignalSpy connected(&socket, &QWebSocket::connected);
    QNetworkRequest withAuth(eventsUrl());
    withAuth.setRawHeader("Authorization", "Basic " + "tester:secret"_ba.toBase64());
    socket.open(withAuth);
    QVERIFY(connected.wait(10000));
    QTRY_VERIFY(!recorder.find(u"stats"_s).isEmpty());
}

void TestApiLive::eventsWithoutUpgradeIs426()
{
    const Response response = request("GET", u"/api/events"_s);
    QCOMPARE(response.status, 426);
    QCOMPARE(response.headers.value("upgrade"), "websocket"_ba);
}

void TestApiLive::eventClientThatNeverReadsIsDropped()
{
    // The hub on its own, with a small bound, fed through broadcast().
    constexpr qint64 kBound = 64 * 1024;
    ApiEventHub hub(nullptr, nullptr, u"test"_s, kBound);
    QWebSocketServer server(u"test"_s, QWebSocketServer::NonSecureMode);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    connect(&server, &QWebSocketServer::newConnection, this, [&] {
        while (QWebSocket *socket = server.nextPendingConnection())
            hub.addClient(std::unique_ptr<QWebSocket>(socket));
    });

    // A client that reads, and one that completes the handshake and then never reads (a
    // plain socket with a small receive buffer, so the kernel holds little for it).
    QWebSocket reader;
    qint64 received = 0;
    connect(&reader, &QWebSocket::textMessageReceived, this,
            [&received](const QString &text) { received += text.size(); });
    reader.open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(server.serverPort())));
    const int stalled = ::socket(AF_INET, SOCK_STREAM, 0);
    QVERIFY(stalled >= 0);
    const int receiveBuffer = 4096;
    QCOMPARE(::setsockopt(stalled, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer), 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(server.serverPort());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::connect(stalled, reinterpret_cast<const sockaddr *>(&address), sizeof address), 0);
    const QByteArray handshake = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\n"
                                 "Upgrade: websocket\r\nSec-WebSocket-Key: "
                                 "dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    QCOMPARE(::send(stalled, handshake.constData(), size_t(handshake.size()), 0),
             ssize_t(handshake.size()));
    QTRY_COMPARE(hub.clientCount(), 2);

    // Events go out a turn at a time, as they would: the reading client keeps up, the other
    // fills the kernel's buffers, then the hub's bound, and is dropped.
    const QString payload(16 * 1024, u'x');
    qint64 sent = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            hub.broadcast(u"test"_s, payload);
            sent += payload.size();
            return hub.clientCount() == 1;
        }(),
        30000);
    QVERIFY2(sent > kBound, QByteArray::number(sent).constData());
    QCOMPARE(reader.state(), QAbstractSocket::ConnectedState);
    hub.broadcast(u"test"_s, u"last"_s);
    QTRY_VERIFY_WITH_TIMEOUT(received >= sent, 10000);
    ::close(stalled);
}

QTEST_MAIN(TestApiLive)
#include "tst_apilive.moc"
