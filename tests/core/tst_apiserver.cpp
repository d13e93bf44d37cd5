// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apitestclient.h"
#include "resulttext.h"
#include "service/mailservice.h"
#include "smtp/smtpserversettings.h"
#include "store/messagespool.h"
#include "store/messagestore.h"
#include "storefiller.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

/// The HTTP API against a real listener on 127.0.0.1 (port 0), a real store filled through
/// MessageStore::deliver, and MailService making the changes: every route, its errors, auth,
/// `latest`, paging and the request-size guard.
class TestApiServer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void listIsNewestFirstAndPages();
    void listRefusesBadPaging();
    void summaryMarksReadAndAcceptsLatest();
    void bccHoldsEnvelopeRecipientsOutsideToAndCc();
    void headersRawAndPart();
    void activePartIsADownload();
    void unknownIdsRoutesAndMethods();
    void putSetsReadStatus();
    void putRefusesMalformedBodies();
    void deleteByIdsAndAll();
    void infoAndHealth();
    void basicAuth();
    void oversizedBodyIsRefusedUnread();

private:
    using Response = ApiTestClient::Response;

    Response request(const QByteArray &method, const QString &path, const QByteArray &body = {},
                     const QByteArray &authorization = {})
    {
        return m_api->request(method, path, body, authorization);
    }
    qint64 deliverRaw(const QByteArray &bytes, const QList<QByteArray> &recipients)
    {
        return m_api->deliverRaw(bytes, recipients);
    }
    MailService *service() const { return m_api->service(); }

    std::unique_ptr<ApiTestClient> m_api;
};

void TestApiServer::init()
{
    m_api = std::make_unique<ApiTestClient>();
    QVERIFY(m_api->start());
}

void TestApiServer::cleanup()
{
    m_api.reset();
}

void TestApiServer::listIsNewestFirstAndPages()
{
    const QList<qint64> ids = StoreFiller::deliver(*service()->store(), this, 0, 5);
    QCOMPARE(ids.size(), 5);
    const Response all = request("GET", QStringLiteral("/api/v1/messages"));
    QCOMPARE(all.status, 200);
    QCOMPARE(all.headers.value("content-type"), QByteArray("application/json"));
    const QJsonObject list = all.json();
    QCOMPARE(list.value(u"total").toInt(), 5);
    QCOMPARE(list.value(u"unread").toInt(), 5);
    QCOMPARE(list.value(u"messages_count").toInt(), 5);
    QCOMPARE(list.value(u"messages_unread").toInt(), 5);
    QCOMPARE(list.value(u"count").toInt(), 5);
    QCOMPARE(list.value(u"start").toInt(), 0);
    QVERIFY(list.value(u"tags").isArray());
    const QJsonObject first = list.value(u"messages").toArray().at(0).toObject();
    QCOMPARE(first.value(u"ID").toString(), QString::number(ids.last()));
    QCOMPARE(first.value(u"From").toObject().value(u"Address").toString(),
             QStringLiteral("bob@example.test")); // message 4: i % 3 == 1
    QCOMPARE(first.value(u"From").toObject().value(u"Name").toString(), QStringLiteral("bob"));
    QCOMPARE(first.value(u"To").toArray().at(0).toObject().value(u"Address").toString(),
             QStringLiteral("dev4@example.test"));
    QCOMPARE(first.value(u"MessageID").toString(), QStringLiteral("m4@example.test"));
    QCOMPARE(first.value(u"Attachments").toInt(), 1); // i % 4 == 0
    QCOMPARE(first.value(u"Read").toBool(), false);
    QVERIFY(first.value(u"Tags").isArray());
    QVERIFY(first.value(u"Snippet").toString().startsWith(u"Text "));
    QVERIFY(first.value(u"Created").toString().endsWith(u'Z'));
    QVERIFY(QDateTime::fromString(first.value(u"Created").toString(), Qt::ISODateWithMs).isValid());

    const QJsonObject page =
        request("GET", QStringLiteral("/api/v1/messages?start=1&limit=2")).json();
    QCOMPARE(page.value(u"count").toInt(), 2);
    QCOMPARE(page.value(u"start").toInt(), 1);
    QCOMPARE(page.value(u"total").toInt(), 5);
    const QJsonArray messages = page.value(u"messages").toArray();
    QCOMPARE(messages.at(0).toObject().value(u"ID").toString(), QString::number(ids[3]));
    QCOMPARE(messages.at(1).toObject().value(u"ID").toString(), QString::number(ids[2]));
}

void TestApiServer::listRefusesBadPaging()
{
    for (const QString &query : {QStringLiteral("start=-1"), QStringLiteral("limit=abc"),
                                 QStringLiteral("limit=1000000")}) {
        const Response response = request("GET", QStringLiteral("/api/v1/messages?") + query);
        QCOMPARE(response.status, 400);
        QVERIFY2(!response.body.trimmed().isEmpty(), qPrintable(query));
    }
}

void TestApiServer::summaryMarksReadAndAcceptsLatest()
{
    const QList<qint64> ids = StoreFiller::deliver(*service()->store(), this, 0, 3);
    QCOMPARE(ids.size(), 3);
    QSignalSpy changed(service(), &MailService::messagesChanged);
    const Response latest = request("GET", QStringLiteral("/api/v1/message/latest"));
    QCOMPARE(latest.status, 200);
    const QJsonObject message = latest.json();
    QCOMPARE(message.value(u"ID").toString(), QString::number(ids.last()));
    QCOMPARE(message.value(u"Subject").toString().isEmpty(), false);
    QVERIFY(message.value(u"Text").toString().startsWith(u"Text "));
    QVERIFY(message.value(u"Attachments").isArray());
    QVERIFY(message.value(u"Inline").isArray());
    QVERIFY(message.value(u"Date").toString().endsWith(u'Z'));
    // The answer waited for the commit: the list shows it read at once, and the desktop's
    // signal follows.
    const QJsonObject list = request("GET", QStringLiteral("/api/v1/messages")).json();
    QCOMPARE(list.value(u"unread").toInt(), 2);
    QCOMPARE(list.value(u"messages").toArray().at(0).toObject().value(u"Read").toBool(), true);
    QTRY_VERIFY(!changed.isEmpty());
    QCOMPARE(changed.first().at(0).value<QList<qint64>>(), QList<qint64>{ids.last()});

    const Response byId = request("GET", QStringLiteral("/api/v1/message/%1").arg(ids.first()));
    QCOMPARE(byId.status, 200);
    QCOMPARE(byId.json().value(u"ID").toString(), QString::number(ids.first()));
}

void TestApiServer::bccHoldsEnvelopeRecipientsOutsideToAndCc()
{
    const QByteArray bytes = "From: \"Ann Sender\" <sender@example.test>\r\n"
                             "To: Bea <to@example.test>, group: g1@example.test;\r\n"
                             "Cc: cc@example.test\r\nReply-To: reply@example.test\r\n"
                             "Subject: =?UTF-8?B?w6l0w6k=?=\r\n\r\nBody\r\n";
    const qint64 id = deliverRaw(
        bytes, {"to@example.test", "CC@example.test", "g1@example.test", "hidden@example.test"});
    QVERIFY(id > 0);
    const QJsonObject message = request("GET", QStringLiteral("/api/v1/message/%1").arg(id)).json();
    QCOMPARE(message.value(u"Subject").toString(), QStringLiteral("été"));
    QCOMPARE(message.value(u"From").toObject().value(u"Name").toString(),
             QStringLiteral("Ann Sender"));
    const QJsonArray to = message.value(u"To").toArray();
    QCOMPARE(to.size(), 2);
    QCOMPARE(to.at(0).toObject().value(u"Name").toString(), QStringLiteral("Bea"));
    QCOMPARE(to.at(1).toObject().value(u"Address").toString(), QStringLiteral("g1@example.test"));
    QCOMPARE(message.value(u"ReplyTo").toArray().at(0).toObject().value(u"Address").toString(),
             QStringLiteral("reply@example.test"));
    const QJsonArray bcc = message.value(u"Bcc").toArray();
    QCOMPARE(bcc.size(), 1);
    QCOMPARE(bcc.at(0).toObject().value(u"Address").toString(),
             QStringLiteral("hidden@example.test"));
    // The stored bytes are left as they were.
    QCOMPARE(request("GET", QStringLiteral("/api/v1/message/%1/raw").arg(id)).body, bytes);
}

void TestApiServer::headersRawAndPart()
{
    const QList<qint64> ids = StoreFiller::deliver(*service()->store(), this, 0, 1);
    QCOMPARE(ids.size(), 1);
    const Response raw = request("GET", QStringLiteral("/api/v1/message/%1/raw").arg(ids[0]));
    QCOMPARE(raw.status, 200);
    QCOMPARE(raw.body, StoreFiller::message(0));

    const QJsonObject headers =
        request("GET", QStringLiteral("/api/v1/message/latest/headers")).json();
    QCOMPARE(headers.value(u"From").toArray().at(0).toString(),
             QStringLiteral("alice <alice@example.test>"));
    QVERIFY(headers.value(u"Subject").isArray());

    const QJsonObject message = request("GET", QStringLiteral("/api/v1/message/latest")).json();
    const QJsonObject attachment = message.value(u"Attachments").toArray().at(0).toObject();
    QCOMPARE(attachment.value(u"FileName").toString(), QStringLiteral("a.bin"));
    QCOMPARE(attachment.value(u"ContentType").toString(),
             QStringLiteral("application/octet-stream"));
    const QString partId = attachment.value(u"PartID").toString();
    const Response part =
        request("GET", QStringLiteral("/api/v1/message/latest/part/%1").arg(partId));
    QCOMPARE(part.status, 200);
    QCOMPARE(part.body, QByteArray("AAAA"));
    QVERIFY(part.headers.value("content-disposition").contains("a.bin"));

    QCOMPARE(request("GET", QStringLiteral("/api/v1/message/latest/part/99")).status, 404);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/message/latest/part/x")).status, 400);
}

void TestApiServer::activePartIsADownload()
{
    const QByteArray bytes =
        "From: a@example.test\r\nTo: b@example.test\r\nSubject: svg\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
        "hi\r\n--b\r\nContent-Type: image/svg+xml\r\nContent-Disposition: attachment; "
        "filename=x.svg\r\n\r\n<svg><script>alert(1)</script></svg>\r\n--b--\r\n";
    const qint64 id = deliverRaw(bytes, {"b@example.test"});
    QVERIFY(id > 0);
    const QJsonObject message = request("GET", QStringLiteral("/api/v1/message/%1").arg(id)).json();
    const QString partId =
        message.value(u"Attachments").toArray().at(0).toObject().value(u"PartID").toString();
    const Response part =
        request("GET", QStringLiteral("/api/v1/message/%1/part/%2").arg(id).arg(partId));
    QCOMPARE(part.status, 200);
    QCOMPARE(part.headers.value("content-type"), QByteArray("application/octet-stream"));
    QVERIFY(part.headers.value("content-disposition").startsWith("attachment"));
    QCOMPARE(part.headers.value("x-content-type-options"), QByteArray("nosniff"));
}

void TestApiServer::unknownIdsRoutesAndMethods()
{
    StoreFiller::deliver(*service()->store(), this, 0, 1);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/message/999999")).status, 404);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/message/999999/raw")).status, 404);
    const Response bad = request("GET", QStringLiteral("/api/v1/message/abc"));
    QCOMPARE(bad.status, 400);
    QVERIFY(bad.body.contains("abc"));
    QCOMPARE(request("GET", QStringLiteral("/api/v1/nothing")).status, 404);
    QCOMPARE(request("GET", QStringLiteral("/")).status, 404);
    const Response wrong = request("POST", QStringLiteral("/api/v1/messages"), "{}");
    QCOMPARE(wrong.status, 405);
    QCOMPARE(wrong.headers.value("allow"), QByteArray("GET, PUT, DELETE"));
    QCOMPARE(request("DELETE", QStringLiteral("/api/v1/info")).status, 405);
}

void TestApiServer::putSetsReadStatus()
{
    const QList<qint64> ids = StoreFiller::deliver(*service()->store(), this, 0, 3);
    QCOMPARE(ids.size(), 3);
    const QByteArray one = "{\"IDs\":[\"" + QByteArray::number(ids[1]) + "\"],\"Read\":true}";
    const Response put = request("PUT", QStringLiteral("/api/v1/messages"), one);
    QCOMPARE(put.status, 200);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/messages")).json().value(u"unread").toInt(), 2);
    QCOMPARE(request("PUT", QStringLiteral("/api/v1/messages"), "{\"Read\":true}").status, 200);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/messages")).json().value(u"unread").toInt(), 0);
    QCOMPARE(request("PUT", QStringLiteral("/api/v1/messages"), "{\"Read\":false}").status, 200);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/messages")).json().value(u"unread").toInt(), 3);
}

void TestApiServer::putRefusesMalformedBodies()
{
    const QList<QByteArray> bodies{"{not json",         "[1,2]",
                                   "{\"IDs\":\"1\"}",   "{\"IDs\":[1]}",
                                   "{\"IDs\":[\"x\"]}", "{\"Read\":\"yes\"}"};
    for (const QByteArray &body : bodies) {
        const Response response = request("PUT", QStringLiteral("/api/v1/messages"), body);
        QVERIFY2(response.status == 400, body.constData());
        QVERIFY2(!response.body.trimmed().isEmpty(), body.constData());
    }
}

void TestApiServer::deleteByIdsAndAll()
{
    const QList<qint64> ids = StoreFiller::deliver(*service()->store(), this, 0, 4);
    QCOMPARE(ids.size(), 4);
    QSignalSpy removed(service(), &MailService::messagesRemoved);
    const QByteArray some =
        "{\"IDs\":[\"" + QByteArray::number(ids[0]) + "\",\"" + QByteArray::number(ids[2]) + "\"]}";
    QCOMPARE(request("DELETE", QStringLiteral("/api/v1/messages"), some).status, 200);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/messages")).json().value(u"total").toInt(), 2);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/message/%1").arg(ids[0])).status, 404);
    QTRY_VERIFY(!removed.isEmpty());
    QCOMPARE(request("DELETE", QStringLiteral("/api/v1/messages")).status, 200);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/messages")).json().value(u"total").toInt(), 0);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/message/latest")).status, 404);
}

void TestApiServer::infoAndHealth()
{
    StoreFiller::deliver(*service()->store(), this, 0, 2);
    const QJsonObject info = request("GET", QStringLiteral("/api/v1/info")).json();
    QCOMPARE(info.value(u"Messages").toInt(), 2);
    QCOMPARE(info.value(u"Unread").toInt(), 2);
    QCOMPARE(info.value(u"Version").toString(), QStringLiteral(LETTERBOX_VERSION));
    QVERIFY(info.value(u"Database").toString().startsWith(m_api->storeDirectory()));
    QVERIFY(info.value(u"DatabaseSize").toDouble() > 0);
    QVERIFY(info.value(u"RuntimeStats").isObject());
    QCOMPARE(request("GET", QStringLiteral("/livez")).status, 200);
    QCOMPARE(request("GET", QStringLiteral("/readyz")).status, 200);
}

void TestApiServer::basicAuth()
{
    QVERIFY(m_api->start({QStringLiteral("ann:se:cret"), QStringLiteral("bob:pw")}));
    const Response missing = request("GET", QStringLiteral("/api/v1/messages"));
    QCOMPARE(missing.status, 401);
    QVERIFY(missing.headers.value("www-authenticate").startsWith("Basic"));
    const auto basic = [](const QByteArray &credentials) -> QByteArray {
        return "Basic " + credentials.toBase64();
    };
    QCOMPARE(
        request("GET", QStringLiteral("/api/v1/messages"), QByteArray(), basic("ann:wrong")).status,
        401);
    QCOMPARE(
        request("GET", QStringLiteral("/api/v1/messages"), QByteArray(), basic("eve:pw")).status,
        401);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/messages"), QByteArray(), "Bearer x").status,
             401);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/messages"), QByteArray(), basic("ann:se:cret"))
                 .status,
             200);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/info"), QByteArray(),
                     "basic " + QByteArray("bob:pw").toBase64())
                 .status,
             200);
    // Health checks answer orchestrators without credentials.
    QCOMPARE(request("GET", QStringLiteral("/livez")).status, 200);
}

void TestApiServer::oversizedBodyIsRefusedUnread()
{
    QVERIFY(m_api->start({}, 1024));
    const Response small = request("PUT", QStringLiteral("/api/v1/messages"), "{\"Read\":true}");
    QCOMPARE(small.status, 200);
    const QByteArray big = "{\"IDs\":[\"" + QByteArray(4096, '1') + "\"]}";
    const Response refused = request("PUT", QStringLiteral("/api/v1/messages"), big);
    QCOMPARE(refused.status, 413);
    QVERIFY(refused.body.contains("1024"));
    // The server still serves others.
    QCOMPARE(request("GET", QStringLiteral("/livez")).status, 200);
}

QTEST_GUILESS_MAIN(TestApiServer)
#include "tst_apiserver.moc"
