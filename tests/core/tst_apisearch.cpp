// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "api/apimessage.h"
#include "api/mailpitjson.h"
#include "apitestclient.h"
#include "service/mailservice.h"
#include "smtptestclient.h"
#include "store/messagespool.h"
#include "store/messagestore.h"
#include "store/storereader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>
#include <QUrl>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

/// The search routes of the API (Mailpit's syntax) against a real listener and store: every
/// operator through GET /api/v1/search, paging and counts, `tz`, DELETE /api/v1/search, PUT
/// /api/v1/messages with Search, bad queries (400), and the RuntimeStats of /api/v1/info.
class tst_ApiSearch : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void everyOperator_data();
    void everyOperator();
    void pagesAndCounts();
    void timeZoneMovesTheDay();
    void plusIsASpace();
    void badQueriesAre400_data();
    void badQueriesAre400();
    void deleteSearchRemovesOnlyMatches();
    void putBySearchSetsReadStatus();
    void putRefusesIdsWithSearch();
    void runtimeStatsCount();
    void listItemsAreTheParsedSummaries();

private:
    using Response = ApiTestClient::Response;

    qint64 deliver(const QByteArray &headers, const QByteArray &body, const QByteArray &mailFrom,
                   const QList<QByteArray> &recipients, const QDateTime &received);
    Response search(const QString &query, const QString &extra = {});
    /// The fixture numbers of the messages a search answered with, sorted.
    QList<int> fixtures(const Response &response) const;

    std::unique_ptr<ApiTestClient> m_api;
    QList<qint64> m_ids; ///< the fixtures' ids, by fixture number
};

qint64 tst_ApiSearch::deliver(const QByteArray &headers, const QByteArray &body,
                              const QByteArray &mailFrom, const QList<QByteArray> &recipients,
                              const QDateTime &received)
{
    MessageStore *store = m_api->service()->store();
    auto spool = std::make_shared<MessageSpool>(store->spoolDirectory());
    if (!spool->append(QByteArray(headers + "\r\n" + body)))
        return 0;
    DeliveryRequest delivery;
    delivery.session.sessionId = store->allocateSessionId();
    delivery.session.started = received;
    delivery.session.remoteAddress = QStringLiteral("127.0.0.1");
    delivery.received = received;
    delivery.envelope.mailFrom = mailFrom;
    delivery.envelope.recipients = recipients;
    delivery.data = std::move(spool);
    std::optional<qint64> id;
    store->deliver(std::move(delivery), this,
                   [&id](const DeliveryResult &result) { id = result.ok ? result.storeId : 0; });
    if (!QTest::qWaitFor([&id] { return id.has_value(); }, 30000))
        return 0;
    return *id;
}

void tst_ApiSearch::init()
{
    m_api = std::make_unique<ApiTestClient>();
    QVERIFY(m_api->start());
    const auto utc = [](int month, int day, int hour = 12) {
        return QDateTime(QDate(2024, month, day), QTime(hour, 0), QTimeZone::utc());
    };
    QByteArray attachment;
    while (attachment.size() < 2048)
        attachment += "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\r\n";
    m_ids = {
        // 0
        deliver("From: Alice Liddell <alice@example.com>\r\nTo: bob@example.org\r\n"
                "Subject: Invoice 2024\r\nMIME-Version: 1.0\r\n"
                "Content-Type: multipart/mixed; boundary=b\r\n",
                "--b\r\nContent-Type: text/plain\r\n\r\nPlease find it attached.\r\n"
                "--b\r\nContent-Type: application/pdf\r\n"
                "Content-Disposition: attachment; filename=\"invoice.pdf\"\r\n"
                "Content-Transfer-Encoding: base64\r\n\r\n"
                    + attachment + "--b--\r\n",
                "alice@example.com", {"bob@example.org"}, utc(1, 10)),
        // 1
        deliver("From: bob@example.org\r\nTo: alice@example.com\r\n"
                "Cc: Carol <carol@example.net>\r\nSubject: Re: Invoice\r\n",
                "Thanks, paid.\r\n", "bob@example.org", {"alice@example.com", "carol@example.net"},
                utc(1, 20)),
        // 2: joann, whose address holds "ann@example.com"
        deliver("From: Shop <newsletter@shop.test>\r\nTo: joann@example.com\r\n"
                "Subject: Big sale\r\n",
                "Discounts everywhere.\r\n", "newsletter@shop.test", {"joann@example.com"},
                utc(2, 1)),
        // 3
        deliver("From: ann@example.com\r\nTo: Team <team@example.org>\r\n"
                "Subject: Meeting notes\r\n",
                "Agenda: budget.\r\n", "ann@example.com", {"team@example.org"}, utc(2, 10)),
    };
    QVERIFY(!m_ids.contains(0));
    const Response read =
        m_api->request("PUT", u"/api/v1/messages"_s,
                       "{\"IDs\":[\"" + QByteArray::number(m_ids[3]) + "\"],\"Read\":true}");
    QCOMPARE(read.status, 200);
}

void tst_ApiSearch::cleanup()
{
    m_api.reset();
    m_ids.clear();
}

tst_ApiSearch::Response tst_ApiSearch::search(const QString &query, const QString &extra)
{
    return m_api->request("GET", u"/api/v1/search?query="_s
                                     + QString::fromLatin1(QUrl::toPercentEncoding(query)) + extra);
}

QList<int> tst_ApiSearch::fixtures(const Response &response) const
{
    QList<int> numbers;
    for (const QJsonValue &message : response.json().value(u"messages").toArray())
        numbers.append(int(m_ids.indexOf(message[u"ID"].toString().toLongLong())));
    std::sort(numbers.begin(), numbers.end());
    return numbers;
}

void tst_ApiSearch::everyOperator_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QList<int>>("expected");

    QTest::addRow("word") << u"invoice"_s << QList<int>{0, 1};
    QTest::addRow("two-words") << u"invoice paid"_s << QList<int>{1};
    QTest::addRow("phrase") << u"\"big sale\""_s << QList<int>{2};
    QTest::addRow("phrase-order") << u"\"sale big\""_s << QList<int>{};
    QTest::addRow("negated-word") << u"-invoice"_s << QList<int>{2, 3};
    QTest::addRow("bang-negation") << u"!invoice"_s << QList<int>{2, 3};
    QTest::addRow("from-word") << u"from:alice"_s << QList<int>{0};
    QTest::addRow("from-address") << u"from:alice@example.com"_s << QList<int>{0};
    QTest::addRow("from-address-exact") << u"from:ann@example.com"_s << QList<int>{3};
    QTest::addRow("not-from-address") << u"-from:alice@example.com"_s << QList<int>{1, 2, 3};
    QTest::addRow("to-address") << u"to:alice@example.com"_s << QList<int>{1};
    QTest::addRow("to-is-not-a-substring") << u"to:ann@example.com"_s << QList<int>{};
    QTest::addRow("to-full-address") << u"to:joann@example.com"_s << QList<int>{2};
    QTest::addRow("to-domain") << u"to:example.org"_s << QList<int>{0, 3};
    QTest::addRow("cc-address") << u"cc:carol@example.net"_s << QList<int>{1};
    QTest::addRow("cc-word") << u"cc:carol"_s << QList<int>{1};
    QTest::addRow("addressed") << u"addressed:bob@example.org"_s << QList<int>{0, 1};
    QTest::addRow("subject") << u"subject:invoice"_s << QList<int>{0, 1};
    QTest::addRow("subject-phrase") << u"subject:\"meeting notes\""_s << QList<int>{3};
    QTest::addRow("not-subject") << u"!subject:sale"_s << QList<int>{0, 1, 3};
    QTest::addRow("is-read") << u"is:read"_s << QList<int>{3};
    QTest::addRow("is-unread") << u"is:unread"_s << QList<int>{0, 1, 2};
    QTest::addRow("not-unread") << u"-is:unread"_s << QList<int>{3};
    QTest::addRow("has-attachment") << u"has:attachment"_s << QList<int>{0};
    QTest::addRow("no-attachment") << u"-has:attachments"_s << QList<int>{1, 2, 3};
    QTest::addRow("larger") << u"larger:1kb"_s << QList<int>{0};
    QTest::addRow("smaller") << u"smaller:1k"_s << QList<int>{1, 2, 3};
    QTest::addRow("before") << u"before:2024-01-15"_s << QList<int>{0};
    QTest::addRow("after") << u"after:2024-02-01"_s << QList<int>{2, 3};
    QTest::addRow("not-after") << u"-after:2024-02-01"_s << QList<int>{0, 1};
    QTest::addRow("range-with-time")
        << u"after:\"2024-01-20 12:00\" before:2024-02-05"_s << QList<int>{1, 2};
    QTest::addRow("combined") << u"from:alice@example.com has:attachment is:unread invoice"_s
                              << QList<int>{0};
    QTest::addRow("letterbox-syntax-is-text") << u"invoice OR sale"_s << QList<int>{};
}

void tst_ApiSearch::everyOperator()
{
    QFETCH(QString, query);
    QFETCH(QList<int>, expected);
    const Response response = search(query, u"&tz=UTC"_s);
    QCOMPARE(response.status, 200);
    QCOMPARE(fixtures(response), expected);
    const QJsonObject json = response.json();
    QCOMPARE(json.value(u"messages_count").toInt(), expected.size());
    QCOMPARE(json.value(u"total").toInt(), 4);
    QCOMPARE(json.value(u"unread").toInt(), 3);
}

void tst_ApiSearch::pagesAndCounts()
{
    // -is:read is every unread message: 0, 1, 2 (newest first: 2, 1, 0).
    const Response first = search(u"-is:read"_s, u"&limit=2"_s);
    QCOMPARE(first.status, 200);
    QJsonObject json = first.json();
    QCOMPARE(json.value(u"total").toInt(), 4);
    QCOMPARE(json.value(u"unread").toInt(), 3);
    QCOMPARE(json.value(u"messages_count").toInt(), 3);
    QCOMPARE(json.value(u"messages_unread").toInt(), 3);
    QCOMPARE(json.value(u"count").toInt(), 2);
    QCOMPARE(json.value(u"start").toInt(), 0);
    QCOMPARE(json.value(u"tags").toArray().size(), 0);
    QCOMPARE(fixtures(first), (QList<int>{1, 2}));
    const Response second = search(u"-is:read"_s, u"&limit=2&start=2"_s);
    json = second.json();
    QCOMPARE(json.value(u"start").toInt(), 2);
    QCOMPARE(json.value(u"count").toInt(), 1);
    QCOMPARE(fixtures(second), (QList<int>{0}));
    // Unread matches are counted separately from the matches.
    const Response mixed = search(u"example.org"_s);
    QCOMPARE(mixed.json().value(u"messages_count").toInt(), 3); // 0, 1 and 3
    QCOMPARE(mixed.json().value(u"messages_unread").toInt(), 2);
    const Response beyond = search(u"-is:read"_s, u"&start=10"_s);
    QCOMPARE(beyond.json().value(u"count").toInt(), 0);
    QCOMPARE(beyond.json().value(u"messages_count").toInt(), 3);
}

void tst_ApiSearch::timeZoneMovesTheDay()
{
    // Fixture 2 arrived 2024-02-01 12:00 UTC, which is 2 February 01:00 in Auckland (UTC+13)
    // and still 1 February in New York.
    QCOMPARE(fixtures(search(u"after:2024-02-02"_s, u"&tz=UTC"_s)), (QList<int>{3}));
    QCOMPARE(fixtures(search(u"after:2024-02-02"_s, u"&tz=Pacific/Auckland"_s)),
             (QList<int>{2, 3}));
    QCOMPARE(fixtures(search(u"before:2024-02-02"_s, u"&tz=America/New_York"_s)),
             (QList<int>{0, 1, 2}));
    QCOMPARE(fixtures(search(u"before:2024-02-02"_s, u"&tz=Pacific/Auckland"_s)),
             (QList<int>{0, 1}));
}

void tst_ApiSearch::plusIsASpace()
{
    // Form encoding, as Python's urlencode and Go's url.Values write it.
    const Response response =
        m_api->request("GET", u"/api/v1/search?query=from%3Aalice+has%3Aattachment"_s);
    QCOMPARE(response.status, 200);
    QCOMPARE(fixtures(response), (QList<int>{0}));
    const Response plus = m_api->request("GET", u"/api/v1/search?query=%2Binvoice"_s);
    QCOMPARE(plus.status, 200);
    QCOMPARE(fixtures(plus), (QList<int>{0, 1}));
}

void tst_ApiSearch::badQueriesAre400_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("message");

    QTest::addRow("no-query") << u"/api/v1/search"_s << QByteArray("no search query");
    QTest::addRow("empty-query") << u"/api/v1/search?query=%20"_s << QByteArray("no search query");
    QTest::addRow("bad-date") << u"/api/v1/search?query=after:soon"_s
                              << QByteArray("after: needs a date");
    QTest::addRow("bad-zone") << u"/api/v1/search?query=x&tz=Nowhere/City"_s
                              << QByteArray("unknown time zone");
    QTest::addRow("unsupported") << u"/api/v1/search?query=tag:x"_s
                                 << QByteArray("tag: is not supported");
    QTest::addRow("bad-limit") << u"/api/v1/search?query=x&limit=-1"_s
                               << QByteArray("limit must be");
    QTest::addRow("bad-start") << u"/api/v1/search?query=x&start=y"_s
                               << QByteArray("start must be");
}

void tst_ApiSearch::badQueriesAre400()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, message);
    const Response response = m_api->request("GET", path);
    QCOMPARE(response.status, 400);
    QVERIFY2(response.body.contains(message), response.body.constData());
    const Response removal = m_api->request("DELETE", path);
    if (!path.contains(u"limit") && !path.contains(u"start")) {
        QCOMPARE(removal.status, 400);
        QVERIFY2(removal.body.contains(message), removal.body.constData());
    }
    QCOMPARE(m_api->request("GET", u"/api/v1/messages"_s).json().value(u"total").toInt(), 4);
}

void tst_ApiSearch::deleteSearchRemovesOnlyMatches()
{
    const Response removed =
        m_api->request("DELETE", u"/api/v1/search?query=from%3Aalice%40example.com"_s);
    QCOMPARE(removed.status, 200);
    QCOMPARE(removed.body.trimmed(), QByteArray("ok"));
    // Answered once committed: the next request sees it.
    const QJsonObject list = m_api->request("GET", u"/api/v1/messages"_s).json();
    QCOMPARE(list.value(u"total").toInt(), 3);
    QCOMPARE(fixtures(search(u"invoice"_s)), (QList<int>{1}));
    // Nothing matching: nothing deleted, still "ok".
    QCOMPARE(m_api->request("DELETE", u"/api/v1/search?query=zanzibar"_s).status, 200);
    QCOMPARE(m_api->request("GET", u"/api/v1/messages"_s).json().value(u"total").toInt(), 3);
}

void tst_ApiSearch::putBySearchSetsReadStatus()
{
    Response put = m_api->request("PUT", u"/api/v1/messages"_s,
                                  R"({"Search": "subject:invoice", "Read": true})");
    QCOMPARE(put.status, 200);
    QCOMPARE(fixtures(search(u"is:unread"_s)), (QList<int>{2}));
    // Unread again, with tz from the URL for the date.
    put = m_api->request("PUT", u"/api/v1/messages?tz=Pacific/Auckland"_s,
                         R"({"Search": "after:2024-02-02", "Read": false})");
    QCOMPARE(put.status, 200);
    QCOMPARE(fixtures(search(u"is:unread"_s)), (QList<int>{2, 3}));
    // A search matching nothing changes nothing (and does not mean "all").
    put = m_api->request("PUT", u"/api/v1/messages"_s, R"({"Search": "zanzibar", "Read": true})");
    QCOMPARE(put.status, 200);
    QCOMPARE(fixtures(search(u"is:unread"_s)), (QList<int>{2, 3}));
}

void tst_ApiSearch::putRefusesIdsWithSearch()
{
    const QByteArray both =
        "{\"IDs\":[\"" + QByteArray::number(m_ids[0]) + "\"],\"Search\":\"x\",\"Read\":true}";
    Response put = m_api->request("PUT", u"/api/v1/messages"_s, both);
    QCOMPARE(put.status, 400);
    QVERIFY(put.body.contains("either IDs or a search"));
    put = m_api->request("PUT", u"/api/v1/messages"_s, R"({"Search": 5, "Read": true})");
    QCOMPARE(put.status, 400);
    put = m_api->request("PUT", u"/api/v1/messages"_s, R"({"Search": "before:x", "Read": true})");
    QCOMPARE(put.status, 400);
    QVERIFY(put.body.contains("before: needs a date"));
    QCOMPARE(m_api->request("GET", u"/api/v1/messages"_s).json().value(u"unread").toInt(), 3);
}

void tst_ApiSearch::runtimeStatsCount()
{
    QJsonObject stats =
        m_api->request("GET", u"/api/v1/info"_s).json().value(u"RuntimeStats").toObject();
    QCOMPARE(stats.value(u"SMTPAccepted").toInt(), 0); // the fixtures went to the store directly
    QVERIFY(stats.value(u"Memory").toDouble() > 0);
    SmtpTestClient smtp;
    QVERIFY(smtp.connectPlain(m_api->service()->listenAddress()->port));
    QCOMPARE(smtp.replyCode(), 220);
    smtp.send("EHLO client.test\r\n");
    QCOMPARE(smtp.replyCode(), 250);
    const QByteArray content = "Subject: counted\r\n\r\nhello\r\n";
    QCOMPARE(smtp.sendMessage("a@example.test", {"b@example.test"}, content), 250);
    QTRY_COMPARE(m_api->request("GET", u"/api/v1/info"_s)
                     .json()
                     .value(u"RuntimeStats")[u"SMTPAccepted"]
                     .toInt(),
                 1);
    QCOMPARE(m_api->request("DELETE", u"/api/v1/search?query=subject%3Acounted"_s).status, 200);
    QCOMPARE(m_api->request("DELETE", u"/api/v1/search?query=is%3Aread"_s).status, 200);
    stats = m_api->request("GET", u"/api/v1/info"_s).json().value(u"RuntimeStats").toObject();
    QCOMPARE(stats.value(u"SMTPAccepted").toInt(), 1);
    // Stored with a Received header in front: more than the content sent.
    QVERIFY(stats.value(u"SMTPAcceptedSize").toInt() > content.size());
    QCOMPARE(stats.value(u"SMTPRejected").toInt(), 0);
    QTRY_COMPARE(m_api->request("GET", u"/api/v1/info"_s)
                     .json()
                     .value(u"RuntimeStats")[u"MessagesDeleted"]
                     .toInt(),
                 2);
}

void tst_ApiSearch::listItemsAreTheParsedSummaries()
{
    // The list is built from the overview stored at delivery; it must say what parsing the
    // message says. Fixture 1 has Cc and a blind copy, fixture 0 an attachment.
    QVERIFY(m_api->deliverRaw("From: \"Doe, Jane\" <jane@example.com>\r\nTo: a@example.com\r\n"
                              "Reply-To: r@example.com\r\nSubject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\n"
                              "Content-Type: text/html\r\n\r\n<p>Hello <b>there</b></p>\r\n",
                              {"a@example.com", "hidden@example.com"})
            > 0);
    auto reader = StoreReader::open(m_api->storeDirectory());
    QVERIFY(reader);
    const QJsonArray listed =
        m_api->request("GET", u"/api/v1/messages"_s).json().value(u"messages").toArray();
    QCOMPARE(listed.size(), 5);
    for (const QJsonValue &item : listed) {
        const qint64 id = item[u"ID"].toString().toLongLong();
        const std::optional<StoredMessage> stored = (*reader)->message(id);
        QVERIFY(stored);
        QVERIFY2(!stored->overview.isEmpty(), "stored at delivery");
        const QJsonObject parsed = MailpitJson::summary(
            ApiMessage::parse(*stored, (*reader)->raw(id).left(ApiMessage::kSummaryBytes)));
        QCOMPARE(item.toObject(), parsed);
    }
}

QTEST_GUILESS_MAIN(tst_ApiSearch)
#include "tst_apisearch.moc"
