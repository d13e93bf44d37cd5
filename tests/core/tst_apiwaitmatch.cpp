// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "api/apiwaitqueue.h"
#include "apitestclient.h"
#include "smtptestclient.h"
#include "store/messageanalysis.h"
#include "store/storeexcerpt.h"
#include "store/storereader.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <memory>
#include <set>
#include <vector>

using namespace Qt::StringLiterals;

/// GET /api/v1/wait matches exactly what GET /api/v1/search lists: the wait queue sorts each
/// batch of changed messages out in a StoreExcerpt (an in-memory copy of just those messages)
/// instead of the store, and these tests hold it to the store's answers for a varied set of
/// queries (words, prefixes, phrases, accents, from:/to:/cc:/subject:, addresses with and
/// without names, groups, the envelope, has:attachment, is:read/unread, sizes, dates in time
/// zones, negations), over a corpus made to tell them apart.
class TestApiWaitMatch : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void excerptMatchesWhatSearchFinds();
    void excerptTakesAtMostItsBound();
    void queriesOfOneShapeShareAStatement();
    void waitIsAnsweredExactlyWhenSearchGainsTheMessage();

private:
    struct Query
    {
        QString text; ///< Mailpit's syntax, as wait and search take it
        QString zone; ///< the `tz` parameter
    };
    /// The queries every test runs, each with the zone it is read in.
    static QList<Query> queries();
    /// The corpus, one raw message each, with its RCPT TO list.
    static QList<std::pair<QByteArray, QList<QByteArray>>> corpus();
    static QString path(const QString &route, const Query &query,
                        const QList<std::pair<QString, QString>> &extra = {});
    /// What GET /api/v1/search answers for `query`: its messages_count.
    qint64 searchCount(const Query &query);
    qint64 waiting();
    bool markRead(qint64 id, bool read);

    std::unique_ptr<ApiTestClient> m_api;
};

namespace {

// A raw GET on its own connection: QNetworkAccessManager holds at most six per host, and
// this test holds one wait per query.
std::unique_ptr<QTcpSocket> rawGet(quint16 port, const QString &path)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QHostAddress::LocalHost, port);
    socket->write("GET " + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    return socket;
}

// The status of a complete answer read from `socket` so far (0 before it is complete), and
// its body.
int rawStatus(QTcpSocket &socket, QByteArray *body = nullptr)
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

QByteArray attachmentMessage()
{
    return "From: Ann Example <ann@example.com>\r\n"
           "To: bob@example.org\r\n"
           "Subject: Invoice 42 paid\r\n"
           "MIME-Version: 1.0\r\n"
           "Content-Type: multipart/mixed; boundary=b1\r\n"
           "\r\n"
           "--b1\r\n"
           "Content-Type: text/plain\r\n"
           "\r\n"
           "Please find the invoice attached.\r\n"
           "--b1\r\n"
           "Content-Type: application/pdf; name=invoice.pdf\r\n"
           "Content-Disposition: attachment; filename=invoice.pdf\r\n"
           "Content-Transfer-Encoding: base64\r\n"
           "\r\n"
           "JVBERi0xLjQK\r\n"
           "--b1--\r\n"_ba;
}

QByteArray plainMessage(const QByteArray &headers, const QByteArray &body)
{
    return headers + "\r\n" + body + "\r\n";
}

} // namespace

QList<TestApiWaitMatch::Query> TestApiWaitMatch::queries()
{
    // Dates around today, so that the messages received now fall on one side of each.
    const QDate today = QDate::currentDate();
    const QString yesterday = today.addDays(-1).toString(Qt::ISODate);
    const QString tomorrow = today.addDays(1).toString(Qt::ISODate);
    const QString lastWeek = today.addDays(-7).toString(Qt::ISODate);
    const QString utc = u"UTC"_s;
    const QString auckland = u"Pacific/Auckland"_s;
    const QString newYork = u"America/New_York"_s;
    return {
        {u""_s, utc},
        {u"invoice"_s, utc},
        {u"invoi*"_s, utc},
        {u"\"find the invoice\""_s, utc},
        {u"\"the invoice find\""_s, utc},
        {u"\"big sale\""_s, utc},
        {u"sale -draft"_s, utc},
        {u"!sale"_s, utc},
        {u"creme"_s, utc},
        {u"résumé"_s, utc},
        {u"from:ann@example.com"_s, utc},
        {u"from:ANN@Example.com"_s, utc},
        {u"from:ann"_s, utc},
        {u"from:\"Alice Liddell\""_s, utc},
        {u"from:@example.com"_s, utc},
        {u"-from:ann@example.com"_s, utc},
        {u"from:sender@example.test"_s, utc},
        {u"to:bob@example.org"_s, utc},
        {u"to:Bob"_s, utc},
        {u"to:hidden@x.test"_s, utc},
        {u"to:dave@x.test"_s, utc},
        {u"cc:carol@example.net"_s, utc},
        {u"addressed:bob@example.org"_s, utc},
        {u"subject:sale"_s, utc},
        {u"subject:\"Big sale\""_s, utc},
        {u"!subject:sale"_s, utc},
        {u"has:attachment"_s, utc},
        {u"-has:attachment"_s, utc},
        {u"is:read"_s, utc},
        {u"is:unread"_s, utc},
        {u"-is:unread to:bob@example.org"_s, utc},
        {u"larger:1kb"_s, utc},
        {u"smaller:1kb"_s, utc},
        {u"after:"_s + yesterday, auckland},
        {u"before:"_s + tomorrow, newYork},
        {u"before:"_s + lastWeek, utc},
        {u"after:\"%1 00:00\""_s.arg(tomorrow), auckland},
        {u"after:%1T23:00:00-12:00 is:unread"_s.arg(lastWeek), utc},
        {u"from:ann@example.com is:unread \"big sale\" -draft"_s, utc},
        {u"nothing-has-this-word"_s, utc},
    };
}

QList<std::pair<QByteArray, QList<QByteArray>>> TestApiWaitMatch::corpus()
{
    const QList<QByteArray> bob{"bob@example.org"};
    return {
        {attachmentMessage(), bob},
        {plainMessage("From: joann@example.com\r\nTo: Bob <bob@example.org>\r\n"
                      "Cc: carol@example.net\r\nSubject: Big sale today\r\n",
                      "The big sale starts now."),
         {"bob@example.org", "carol@example.net"}},
        {plainMessage("From: ann@example.com.evil\r\nTo: team@x.test\r\n"
                      "Subject: Draft: =?UTF-8?Q?r=C3=A9sum=C3=A9?=\r\n"
                      "Content-Type: text/plain; charset=utf-8\r\n",
                      "Cr\xc3\xa8me br\xc3\xbbl\xc3\xa9\x65 recipe, a sale draft."),
         {"team@x.test"}},
        {plainMessage("From: \"Alice Liddell\" <alice@example.com>\r\nTo: bob@example.org\r\n"
                      "Subject: sale\r\n",
                      "draft text, find the invoice"),
         bob},
        {plainMessage("Subject: hello world\r\n",
                      "Find the invoice here. " + QByteArray(1500, 'x')),
         {"hidden@x.test"}},
        {plainMessage("From: ann@example.com\r\nTo: Team: dave@x.test, erin@x.test;\r\n"
                      "Subject: big sale for the team\r\n",
                      "the big sale"),
         {"dave@x.test", "erin@x.test"}},
        {plainMessage("From: Ann <ANN@EXAMPLE.COM>\r\nTo: bob@example.org\r\n"
                      "Subject: invoices overdue\r\n",
                      "invoicing reminder"),
         bob},
        {plainMessage("From: nobody@x.test\r\nTo: someone@x.test\r\nSubject: resume\r\n", "creme"),
         {"someone@x.test"}},
    };
}

QString TestApiWaitMatch::path(const QString &route, const Query &query,
                               const QList<std::pair<QString, QString>> &extra)
{
    QUrlQuery parameters;
    parameters.addQueryItem(u"query"_s, QString::fromLatin1(QUrl::toPercentEncoding(query.text)));
    parameters.addQueryItem(u"tz"_s, QString::fromLatin1(QUrl::toPercentEncoding(query.zone)));
    for (const auto &[name, value] : extra)
        parameters.addQueryItem(name, value);
    return route + u'?' + parameters.query(QUrl::FullyEncoded);
}

qint64 TestApiWaitMatch::searchCount(const Query &query)
{
    // Search wants a query; the message list is what an empty one stands for.
    const ApiTestClient::Response response = m_api->request(
        "GET", query.text.isEmpty() ? u"/api/v1/messages?limit=1"_s
                                    : path(u"/api/v1/search"_s, query, {{u"limit"_s, u"1"_s}}));
    if (response.status != 200) {
        qWarning("search for %s: %d %s", qPrintable(query.text), response.status,
                 response.body.constData());
        return -1;
    }
    return response.json().value(u"messages_count"_s).toInteger(-1);
}

qint64 TestApiWaitMatch::waiting()
{
    return m_api->request("GET", u"/api/v1/info"_s)
        .json()
        .value(u"RuntimeStats"_s)
        .toObject()
        .value(u"WaitingRequests"_s)
        .toInteger(-1);
}

bool TestApiWaitMatch::markRead(qint64 id, bool read)
{
    const QByteArray body =
        "{\"IDs\":[\"" + QByteArray::number(id) + "\"],\"Read\":" + (read ? "true" : "false") + "}";
    return m_api->request("PUT", u"/api/v1/messages"_s, body).status == 200;
}

void TestApiWaitMatch::init()
{
    m_api = std::make_unique<ApiTestClient>();
    QVERIFY(m_api->start());
}

void TestApiWaitMatch::cleanup()
{
    m_api.reset();
}

void TestApiWaitMatch::excerptMatchesWhatSearchFinds()
{
    QList<qint64> ids;
    for (const auto &[bytes, recipients] : corpus()) {
        ids.append(m_api->deliverRaw(bytes, recipients));
        QVERIFY(ids.last() > 0);
    }
    QVERIFY(markRead(ids[1], true));
    QVERIFY(markRead(ids[4], true));
    // A message deleted since it changed: copied with its flag, matched by nothing.
    QCOMPARE(m_api
                 ->request("DELETE", u"/api/v1/messages"_s,
                           "{\"IDs\":[\"" + QByteArray::number(ids[6]) + "\"]}")
                 .status,
             200);
    ids.append(ids.last() + 1000); // no such message

    Result<std::unique_ptr<StoreReader>> reader = StoreReader::open(m_api->storeDirectory());
    QVERIFY2(reader, qPrintable(reader ? QString() : reader.error().message));
    Result<std::unique_ptr<StoreExcerpt>> excerpt = StoreExcerpt::create();
    QVERIFY2(excerpt, qPrintable(excerpt ? QString() : excerpt.error().message));

    int matchedSomething = 0;
    for (const Query &query : queries()) {
        const Result<QString> storeQuery = ApiWaitQueue::storeQuery(query.text, query.zone);
        QVERIFY2(storeQuery, qPrintable(query.text));
        const Result<QList<qint64>> found = (*reader)->searchIds(
            *storeQuery, StoreReader::SortField::Received, Qt::DescendingOrder);
        QVERIFY2(found, qPrintable(*storeQuery));
        const std::set<qint64> expected(found->cbegin(), found->cend());
        // In batches of three, so that every fill replaces the one before.
        std::set<qint64> matched;
        for (qsizetype first = 0; first < ids.size(); first += 3) {
            const std::span<const qint64> batch =
                std::span<const qint64>(ids.cbegin(), ids.cend())
                    .subspan(size_t(first), size_t(std::min<qsizetype>(3, ids.size() - first)));
            const Result<qsizetype> taken = (*excerpt)->fill(**reader, batch);
            QVERIFY2(taken, qPrintable(taken ? QString() : taken.error().message));
            QCOMPARE(*taken, qsizetype(batch.size()));
            const Result<QSet<qint64>> matching = (*excerpt)->matching(*storeQuery);
            QVERIFY2(matching, qPrintable(*storeQuery));
            for (const qint64 id : *matching) {
                QVERIFY2(std::find(batch.begin(), batch.end(), id) != batch.end(),
                         "a match from an earlier batch");
                matched.insert(id);
            }
        }
        if (matched != expected) {
            QStringList got, want;
            for (const qint64 id : matched)
                got.append(QString::number(id));
            for (const qint64 id : expected)
                want.append(QString::number(id));
            QFAIL(qPrintable(u"%1 (%2): the excerpt matches [%3], search [%4]"_s.arg(
                query.text, *storeQuery, got.join(u','), want.join(u','))));
        }
        if (!expected.empty() && expected.size() < size_t(ids.size() - 2))
            ++matchedSomething;
    }
    // The corpus tells the queries apart: most match some messages but not all.
    QVERIFY2(matchedSomething >= int(queries().size()) - 8,
             qPrintable(QString::number(matchedSomething)));
}

void TestApiWaitMatch::excerptTakesAtMostItsBound()
{
    // Each message puts its first 64 KiB of body text in the index (MessageAnalysis): 70 of
    // them are more than kMaxBytes.
    QByteArray body;
    while (body.size() < MessageAnalysis::kMaxIndexedBodyBytes)
        body += "word" + QByteArray::number(body.size()) + " and more words to index\r\n";
    const qsizetype big = 70;
    QVERIFY(big * MessageAnalysis::kMaxIndexedBodyBytes > StoreExcerpt::kMaxBytes);
    QList<qint64> ids;
    for (qsizetype i = 0; i < big; ++i) {
        ids.append(m_api->deliverRaw(
            plainMessage("Subject: big " + QByteArray::number(i) + "\r\n", body), {"a@x.test"}));
        QVERIFY(ids.last() > 0);
    }
    for (qint64 i = 0; i < StoreExcerpt::kMaxMessages + 10; ++i)
        ids.append(ids.last() + 1000 + i); // no such messages: nothing to copy
    Result<std::unique_ptr<StoreReader>> reader = StoreReader::open(m_api->storeDirectory());
    QVERIFY(reader);
    Result<std::unique_ptr<StoreExcerpt>> excerpt = StoreExcerpt::create();
    QVERIFY(excerpt);
    const std::span<const qint64> all(ids.cbegin(), ids.cend());

    Result<qsizetype> taken = (*excerpt)->fill(**reader, all);
    QVERIFY(taken);
    QVERIFY2(*taken < big && *taken >= StoreExcerpt::kMaxBytes / (80 * 1024),
             qPrintable(QString::number(*taken)));
    QCOMPARE((*excerpt)->matching(u"subject:big"_s)->size(), *taken);
    taken = (*excerpt)->fill(**reader, all.subspan(size_t(big)));
    QVERIFY(taken);
    QCOMPARE(*taken, StoreExcerpt::kMaxMessages);
    QVERIFY((*excerpt)->matching(u"subject:big"_s)->isEmpty());
    taken = (*excerpt)->fill(**reader, all.first(2));
    QVERIFY(taken);
    QCOMPARE(*taken, 2);
    QCOMPARE((*excerpt)->matching(u"subject:big"_s)->size(), 2);
    taken = (*excerpt)->fill(**reader, {});
    QVERIFY(taken);
    QCOMPARE(*taken, 0);
    QVERIFY((*excerpt)->matching(u"subject:big"_s)->isEmpty());
    QVERIFY((*excerpt)->fill(**reader, all.first(2)));
    QVERIFY((*excerpt)->clear());
    QVERIFY((*excerpt)->matching(u"subject:big"_s)->isEmpty());
}

void TestApiWaitMatch::queriesOfOneShapeShareAStatement()
{
    const qint64 id = m_api->deliverRaw(plainMessage("Subject: one\r\n", "x"), {"a@x.test"});
    QVERIFY(id > 0);
    Result<std::unique_ptr<StoreReader>> reader = StoreReader::open(m_api->storeDirectory());
    QVERIFY(reader);
    Result<std::unique_ptr<StoreExcerpt>> excerpt = StoreExcerpt::create();
    QVERIFY(excerpt);
    const QList<qint64> ids{id};
    QVERIFY((*excerpt)->fill(**reader, std::span<const qint64>(ids.cbegin(), ids.cend())));
    QCOMPARE((*excerpt)->matching(u"subject:\"one\""_s)->size(), 1);
    QCOMPARE((*excerpt)->matching(u"subject:\"two\""_s)->size(), 0);
    QCOMPARE((*excerpt)->matching(u"is:unread"_s)->size(), 1);
    QCOMPARE((*excerpt)->preparedQueries(), 3);
    QCOMPARE((*excerpt)->preparedStatements(), 2);
    // The shared statement runs with each query's own parameters.
    QCOMPARE((*excerpt)->matching(u"subject:\"one\""_s)->size(), 1);
    (*excerpt)->forget(u"subject:\"one\""_s);
    QCOMPARE((*excerpt)->preparedStatements(), 2);
    QCOMPARE((*excerpt)->matching(u"subject:\"two\""_s)->size(), 0);
    (*excerpt)->forget(u"subject:\"two\""_s);
    (*excerpt)->forget(u"is:unread"_s);
    QCOMPARE((*excerpt)->preparedQueries(), 0);
    QCOMPARE((*excerpt)->preparedStatements(), 0);
    // A query asked once (a half of a pack of waits) leaves nothing behind...
    QCOMPARE((*excerpt)
                 ->matching(u"(subject:\"one\") OR (is:read)"_s, StoreExcerpt::Keep::Nothing)
                 ->size(),
             1);
    QCOMPARE((*excerpt)->preparedQueries(), 0);
    QCOMPARE((*excerpt)->preparedStatements(), 0);
    // ... nor takes away what is kept.
    QCOMPARE((*excerpt)->matching(u"is:read"_s)->size(), 0);
    QCOMPARE((*excerpt)->matching(u"is:read"_s, StoreExcerpt::Keep::Nothing)->size(), 0);
    QCOMPARE((*excerpt)->preparedQueries(), 1);
    QCOMPARE((*excerpt)->preparedStatements(), 1);
    const Result<QSet<qint64>> invalid = (*excerpt)->matching(u"from:"_s);
    QVERIFY(!invalid);
    QCOMPARE(invalid.error().code, ErrorCode::InvalidValue);
}

void TestApiWaitMatch::waitIsAnsweredExactlyWhenSearchGainsTheMessage()
{
    // Every query is held with count = its search count + 1; after each change (a delivery,
    // a read flag), exactly the waits whose search count grew must be answered, with that
    // count, and every other one must still be held. Each change is announced to the wait
    // queue as it commits: `everything` (or is:read, is:unread) grows every time, so the
    // check of that change has run once it is answered.
    const QList<Query> all = queries();
    struct Held
    {
        std::unique_ptr<QTcpSocket> socket;
        qint64 count = 0; ///< what it waits for
    };
    QList<qint64> counts(all.size(), 0);
    std::vector<Held> held(size_t(all.size()));
    const auto holdAll = [&]() -> bool {
        for (qsizetype i = 0; i < all.size(); ++i) {
            counts[i] = searchCount(all[i]);
            if (counts[i] < 0)
                return false;
            if (held[i].socket && held[i].count == counts[i] + 1)
                continue; // still waiting for the right count
            held[i].socket = rawGet(
                m_api->port(),
                path(u"/api/v1/wait"_s, all[i],
                     {{u"count"_s, QString::number(counts[i] + 1)}, {u"timeout"_s, u"120"_s}}));
            held[i].count = counts[i] + 1;
        }
        return true;
    };
    const auto check = [&](const QString &change) {
        QList<bool> grows(all.size(), false);
        qsizetype growing = 0;
        for (qsizetype i = 0; i < all.size(); ++i) {
            const qint64 now = searchCount(all[i]);
            QVERIFY(now >= 0);
            QVERIFY2(now - counts[i] <= 1, qPrintable(all[i].text));
            grows[i] = now == counts[i] + 1;
            growing += grows[i] ? 1 : 0;
        }
        QVERIFY(growing > 0);
        for (qsizetype i = 0; i < all.size(); ++i) {
            if (!grows[i])
                continue;
            QTRY_VERIFY2_WITH_TIMEOUT(rawStatus(*held[i].socket) != 0,
                                      qPrintable(change + u": not answered: "_s + all[i].text),
                                      10000);
            QByteArray body;
            QCOMPARE(rawStatus(*held[i].socket, &body), 200);
            const QJsonObject answer = QJsonDocument::fromJson(body).object();
            QCOMPARE(answer.value(u"messages_count"_s).toInteger(), counts[i] + 1);
            held[i].socket.reset();
        }
        // The waits answered in that check are gone; every other one is held.
        QTRY_COMPARE(waiting(), qint64(all.size() - growing));
        for (qsizetype i = 0; i < all.size(); ++i) {
            if (!grows[i])
                QVERIFY2(held[i].socket->bytesAvailable() == 0,
                         qPrintable(change + u": answered: "_s + all[i].text));
        }
    };

    QList<qint64> ids;
    for (const auto &[bytes, recipients] : corpus()) {
        QVERIFY(holdAll());
        QTRY_COMPARE(waiting(), qint64(all.size()));
        // Over SMTP: MailService announces it to the API as it commits.
        QCOMPARE(SmtpTestClient::deliver(m_api->service()->listenAddress()->port,
                                         "sender@example.test", recipients, bytes),
                 250);
        const QJsonArray newest = m_api->request("GET", u"/api/v1/messages?limit=1"_s)
                                      .json()
                                      .value(u"messages"_s)
                                      .toArray();
        QCOMPARE(newest.size(), 1);
        ids.append(newest.first().toObject().value(u"ID"_s).toString().toLongLong());
        check(u"delivery %1"_s.arg(ids.size()));
        if (QTest::currentTestFailed())
            return;
    }
    for (const auto &[index, read] :
         {std::pair{1, true}, std::pair{4, true}, std::pair{5, true}, std::pair{4, false}}) {
        QVERIFY(holdAll());
        // Waits whose count went down were asked again: the old ones are dropped as their
        // connections close.
        QTRY_COMPARE(waiting(), qint64(all.size()));
        QVERIFY(markRead(ids[index], read));
        check(u"message %1 read=%2"_s.arg(ids[index]).arg(read));
        if (QTest::currentTestFailed())
            return;
    }
}

QTEST_GUILESS_MAIN(TestApiWaitMatch)
#include "tst_apiwaitmatch.moc"
