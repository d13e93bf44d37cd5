// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "events/events.h"
#include "openstore.h"
#include "resulttext.h"
#include "store/messagestore.h"
#include "store/searchquery.h"
#include "store/storereader.h"

#include <QHash>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

#include <algorithm>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

// The fixture messages, numbered 1..5 in the tables below (their store ids are looked up).
struct Fixture
{
    QByteArray mailFrom;
    QList<QByteArray> recipients;
    QByteArray headers; ///< without the trailing empty line
    QByteArray body;
    QDateTime received;
};

class tst_SearchQuery final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyKeywordParses();
    void parse_data();
    void parse();
    void errors_data();
    void errors();
    void userTextStaysOutOfTheStatement_data();
    void userTextStaysOutOfTheStatement();
    void datesUseTheGivenTimeZone();
    void search_data();
    void search();
    void searchIsNewestFirstAndPages();
    void searchReportsParseErrors();
    void findingsAreSearchable();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<MessageStore> m_store;
    QList<qint64> m_ids; ///< store id of fixture n at index n - 1
};

static QDateTime utc(int year, int month, int day, int hour = 12)
{
    return QDateTime(QDate(year, month, day), QTime(hour, 0), QTimeZone::utc());
}

void tst_SearchQuery::initTestCase()
{
    registerEventMetaTypes();
    QVERIFY(m_dir.isValid());
    QString error;
    m_store = openStore(m_dir.path(), &error);
    QVERIFY2(m_store, qPrintable(error));

    const QByteArray dated = "Date: Mon, 15 Jan 2024 12:00:00 +0000\r\nMIME-Version: 1.0\r\n";
    QByteArray padding;
    while (padding.size() < 12 * 1024)
        padding += "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\r\n";
    const Fixture fixtures[] = {
        {"alice@example.com",
         {"bob@example.org"},
         "From: Alice Liddell <alice@example.com>\r\nTo: bob@example.org\r\n"
         "Subject: Invoice 2024-001\r\nMessage-ID: <1@example.com>\r\n"
             + dated + "Content-Type: multipart/mixed; boundary=b\r\n",
         "--b\r\nContent-Type: text/plain\r\n\r\nPlease find the invoice attached.\r\n"
         "--b\r\nContent-Type: application/pdf\r\n"
         "Content-Disposition: attachment; filename=\"invoice.pdf\"\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n"
             + padding + "--b--\r\n",
         utc(2024, 1, 15)},
        {"bob@example.org",
         {"alice@example.com"},
         "From: bob@example.org\r\nTo: alice@example.com\r\nCc: Carol <carol@example.net>\r\n"
         "Subject: Re: Invoice\r\nMessage-ID: <2@example.org>\r\n"
             + dated,
         "Thanks, paid.\r\n",
         utc(2024, 2, 1)},
        {"newsletter@shop.test",
         {"dave@example.com"},
         "From: Shop <newsletter@shop.test>\r\nTo: dave@example.com\r\n"
         "Subject: Big sale: 50% off\r\nMessage-ID: <3@shop.test>\r\n"
         "Content-Type: text/plain; charset=utf-8\r\n"
             + dated,
         "Gr\xc3\xbc\xc3\x9f"
         "e aus M\xc3\xbcnchen, discounts everywhere\r\n",
         utc(2024, 2, 1)},
        {"carol@example.net",
         {"bob@example.org"},
         "From: carol@example.net\r\nTo: Team <team@example.org>\r\nSubject: Meeting notes\r\n",
         "agenda: budget, hiring. Invoice process discussed.\r\n",
         utc(2024, 3, 10)},
        {"dan@example.com",
         {"erin@example.com"},
         "From: Dan O'Brien <dan@example.com>\r\nTo: erin@example.com\r\n"
         "Subject: He said \"hello\" (quote)\r\nMessage-ID: <5@example.com>\r\n"
             + dated,
         "SELECT * FROM messages; DROP TABLE messages; -- NEAR(a b) col:x ' OR 1=1\r\n",
         utc(2024, 3, 11)},
    };
    for (const Fixture &fixture : fixtures) {
        auto spool = std::make_shared<MessageSpool>(m_store->spoolDirectory());
        const QByteArray bytes = "Received: from client.test by letterbox; now\r\n"
                                 + fixture.headers + "\r\n" + fixture.body;
        QVERIFY(spool->append(bytes));
        DeliveryRequest request;
        request.session.sessionId = m_store->allocateSessionId();
        request.received = fixture.received;
        request.envelope.mailFrom = fixture.mailFrom;
        request.envelope.recipients = fixture.recipients;
        request.data = spool;
        std::optional<DeliveryResult> result;
        m_store->deliver(std::move(request), this,
                         [&result](const DeliveryResult &r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 30000);
        QVERIFY2(result->ok, qPrintable(result->error.message));
        m_ids.append(result->storeId);
    }
    QSignalSpy changed(m_store.get(), &MessageStore::messagesChanged);
    m_store->setRead({m_ids[3]}, true);
    QVERIFY(changed.wait(30000));
}

void tst_SearchQuery::parse_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("tree");

    QTest::addRow("empty") << u""_s << u"everything"_s;
    QTest::addRow("blank") << u"  \t "_s << u"everything"_s;
    QTest::addRow("word") << u"invoice"_s << u"any:\"invoice\""_s;
    QTest::addRow("words-and") << u"a b"_s << u"AND(any:\"a\", any:\"b\")"_s;
    QTest::addRow("explicit-and") << u"a AND b"_s << u"AND(any:\"a\", any:\"b\")"_s;
    QTest::addRow("or-binds-looser")
        << u"a OR b c"_s << u"OR(any:\"a\", AND(any:\"b\", any:\"c\"))"_s;
    QTest::addRow("or-chain") << u"a OR b OR c"_s << u"OR(any:\"a\", any:\"b\", any:\"c\")"_s;
    QTest::addRow("lowercase-or-is-a-word")
        << u"a or b"_s << u"AND(any:\"a\", any:\"or\", any:\"b\")"_s;
    QTest::addRow("minus") << u"-a"_s << u"NOT(any:\"a\")"_s;
    QTest::addRow("double-negation") << u"--a"_s << u"any:\"a\""_s;
    QTest::addRow("not-group") << u"NOT (a OR b)"_s << u"NOT(OR(any:\"a\", any:\"b\"))"_s;
    QTest::addRow("nested-and-flattens")
        << u"a (b c)"_s << u"AND(any:\"a\", any:\"b\", any:\"c\")"_s;
    QTest::addRow("phrase") << u"\"find the invoice\""_s << u"any:\"find the invoice\""_s;
    QTest::addRow("prefix") << u"inv*"_s << u"any:\"inv\"*"_s;
    QTest::addRow("hyphen-inside-word") << u"e-mail"_s << u"any:\"e-mail\""_s;
    QTest::addRow("time-is-a-word") << u"10:30"_s << u"any:\"10:30\""_s;
    QTest::addRow("from") << u"from:Ann"_s << u"from:\"Ann\""_s;
    QTest::addRow("field-name-any-case") << u"FROM:ann"_s << u"from:\"ann\""_s;
    QTest::addRow("from-phrase") << u"from:\"Ann Lee\""_s << u"from:\"Ann Lee\""_s;
    QTest::addRow("to") << u"to:bob@example.org"_s << u"to:\"bob@example.org\""_s;
    QTest::addRow("cc") << u"cc:carol"_s << u"cc:\"carol\""_s;
    QTest::addRow("subject-group")
        << u"subject:(a OR b)"_s << u"OR(subject:\"a\", subject:\"b\")"_s;
    QTest::addRow("body-prefix") << u"body:disc*"_s << u"body:\"disc\"*"_s;
    QTest::addRow("has-attachment") << u"has:attachment"_s << u"has:attachment"_s;
    QTest::addRow("has-attachments") << u"has:Attachments"_s << u"has:attachment"_s;
    QTest::addRow("has-findings") << u"has:findings"_s << u"has:findings"_s;
    QTest::addRow("is-read") << u"is:read"_s << u"is:read"_s;
    QTest::addRow("is-unread") << u"is:unread"_s << u"is:unread"_s;
    QTest::addRow("larger-k") << u"larger:10k"_s << u"size>10240"_s;
    QTest::addRow("smaller-M") << u"smaller:2M"_s << u"size<2097152"_s;
    QTest::addRow("larger-fraction") << u"larger:1.5m"_s << u"size>1572864"_s;
    QTest::addRow("larger-G") << u"larger:1G"_s << u"size>1073741824"_s;
    QTest::addRow("larger-bytes") << u"larger:500"_s << u"size>500"_s;
    QTest::addRow("before") << u"before:2024-01-31"_s << u"received<1706659200000"_s;
    QTest::addRow("after") << u"after:2024-01-31"_s << u"received>=1706659200000"_s;
    QTest::addRow("on") << u"on:2024-01-31"_s
                        << u"AND(received>=1706659200000, received<1706745600000)"_s;
    QTest::addRow("id") << u"id:42"_s << u"id=42"_s;
    QTest::addRow("finding") << u"finding:Missing-Date"_s << u"finding:\"missing-date\""_s;
    QTest::addRow("negated-filter") << u"-has:attachment"_s << u"NOT(has:attachment)"_s;
    QTest::addRow("mixed") << u"from:alice invoice -is:read larger:1k"_s
                           << u"AND(from:\"alice\", any:\"invoice\", NOT(is:read), size>1024)"_s;
    QTest::addRow("quote-inside-phrase-stays-text") << u"\"it's\""_s << u"any:\"it's\""_s;
    QTest::addRow("fts-syntax-is-text") << u"NEAR"_s << u"any:\"NEAR\""_s;
    QTest::addRow("caret-is-text") << u"^start"_s << u"any:\"^start\""_s;
    QTest::addRow("from-exact-address")
        << u"from:<Ann@Example.com>"_s << u"from:<ann@example.com>"_s;
    QTest::addRow("to-exact-address") << u"to:<b@x.test>"_s << u"to:<b@x.test>"_s;
    QTest::addRow("cc-exact-negated") << u"-cc:<c@x.test>"_s << u"NOT(cc:<c@x.test>)"_s;
    QTest::addRow("exact-address-in-group")
        << u"from:(<a@x.test> OR bob)"_s << u"OR(from:<a@x.test>, from:\"bob\")"_s;
    QTest::addRow("angle-in-subject-is-text") << u"subject:<b>"_s << u"subject:\"<b>\""_s;
    QTest::addRow("after-time") << u"after:2024-01-31T10:00"_s << u"received>=1706695200000"_s;
    QTest::addRow("before-time-seconds-ms-z")
        << u"before:2024-01-31T10:00:01.5Z"_s << u"received<1706695201500"_s;
    QTest::addRow("after-time-offset")
        << u"after:2024-01-31T12:00+02:00"_s << u"received>=1706695200000"_s;
    QTest::addRow("after-time-quoted-space")
        << u"after:\"2024-01-31 10:00\""_s << u"received>=1706695200000"_s;
}

void tst_SearchQuery::parse()
{
    QFETCH(QString, query);
    QFETCH(QString, tree);
    const Result<SearchQuery> parsed = SearchQuery::parse(query, QTimeZone::utc());
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
    QCOMPARE(parsed->toString(), tree);
    QCOMPARE(parsed->matchesEverything(), tree == u"everything");
}

void tst_SearchQuery::errors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("error");

    QTest::addRow("unknown-field")
        << u"foo:bar"_s << u"unknown field foo: (put text with a colon in quotes)"_s;
    QTest::addRow("url-needs-quotes")
        << u"http://example.com"_s << u"unknown field http: (put text with a colon in quotes)"_s;
    QTest::addRow("open-parenthesis") << u"(a"_s << u"unbalanced parenthesis"_s;
    QTest::addRow("lone-open") << u"a ("_s << u"unbalanced parenthesis"_s;
    QTest::addRow("close-parenthesis") << u"a)"_s << u"unbalanced parenthesis"_s;
    QTest::addRow("empty-group") << u"()"_s << u"nothing inside ( )"_s;
    QTest::addRow("unterminated-phrase") << u"\"abc"_s << u"unterminated quotation mark"_s;
    QTest::addRow("field-without-value") << u"from:"_s << u"from: needs a value"_s;
    QTest::addRow("field-then-space") << u"from: alice"_s << u"from: needs a value"_s;
    QTest::addRow("has-unknown") << u"has:pets"_s
                                 << u"has: takes attachment or findings, not \"pets\""_s;
    QTest::addRow("is-unknown") << u"is:new"_s << u"is: takes read or unread, not \"new\""_s;
    QTest::addRow("bad-date") << u"before:yesterday"_s
                              << u"before: needs a date like 2024-01-31 or a time like "
                                 u"2024-01-31T14:30, not \"yesterday\""_s;
    QTest::addRow("bad-time") << u"after:2024-01-31T25:00"_s
                              << u"after: needs a date like 2024-01-31 or a time like "
                                 u"2024-01-31T14:30, not \"2024-01-31T25:00\""_s;
    QTest::addRow("on-takes-no-time")
        << u"on:2024-01-31T10:00"_s
        << u"on: needs a date like 2024-01-31, not \"2024-01-31T10:00\""_s;
    QTest::addRow("address-unclosed") << u"from:<a@x.test"_s << u"from:<...> is missing its >"_s;
    QTest::addRow("address-without-at")
        << u"to:<alice>"_s << u"to:<alice> needs an address like <ann@example.com>"_s;
    QTest::addRow("address-without-domain")
        << u"cc:<alice@>"_s << u"cc:<alice@> needs an address like <ann@example.com>"_s;
    QTest::addRow("impossible-date")
        << u"on:2024-02-30"_s << u"on: needs a date like 2024-01-31, not \"2024-02-30\""_s;
    QTest::addRow("bad-size") << u"larger:huge"_s
                              << u"larger: needs a size like 500, 10k, 2M or 1G, not \"huge\""_s;
    QTest::addRow("size-too-big")
        << u"larger:99999999G"_s
        << u"larger: needs a size like 500, 10k, 2M or 1G, not \"99999999G\""_s;
    QTest::addRow("id-zero") << u"id:0"_s << u"id: needs a message number, not \"0\""_s;
    QTest::addRow("id-text") << u"id:x"_s << u"id: needs a message number, not \"x\""_s;
    QTest::addRow("or-at-end") << u"a OR"_s << u"OR needs something on both sides"_s;
    QTest::addRow("or-at-start") << u"OR a"_s << u"OR needs something on both sides"_s;
    QTest::addRow("or-or") << u"a OR OR b"_s << u"OR needs something on both sides"_s;
    QTest::addRow("and-at-end") << u"a AND"_s << u"AND needs something on both sides"_s;
    QTest::addRow("and-at-start") << u"AND a"_s << u"AND needs something on both sides"_s;
    QTest::addRow("lone-minus") << u"a -"_s << u"nothing to exclude after -"_s;
    QTest::addRow("lone-not") << u"NOT"_s << u"nothing to exclude after NOT"_s;
    QTest::addRow("only-punctuation")
        << u"!!!"_s << u"\"!!!\" has no letters or digits to search for"_s;
    QTest::addRow("only-star") << u"*"_s << u"\"\" has no letters or digits to search for"_s;
    QTest::addRow("empty-phrase") << u"\"\""_s << u"\"\" has no letters or digits to search for"_s;
    QTest::addRow("field-in-field") << u"from:(to:x)"_s << u"to: cannot be used inside from:( )"_s;
    QTest::addRow("filter-in-field")
        << u"subject:(a is:read)"_s << u"is: cannot be used inside subject:( )"_s;
    QTest::addRow("nested-too-deep")
        << QString(40, u'(') + u"a"_s + QString(40, u')') << u"the query is nested too deeply"_s;
    QTest::addRow("negated-too-deep")
        << QString(40, u'-') + u"a"_s << u"the query is nested too deeply"_s;
    QString many;
    for (int i = 0; i < 200; ++i)
        many += u"w"_s + QString::number(i) + u' ';
    QTest::addRow("too-many-terms") << many << u"the query has more than 128 terms"_s;
    QTest::addRow("too-long") << QString(5000, u'a')
                              << u"the query is longer than 4096 characters"_s;
}

void tst_SearchQuery::errors()
{
    QFETCH(QString, query);
    QFETCH(QString, error);
    const Result<SearchQuery> parsed = SearchQuery::parse(query, QTimeZone::utc());
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().code, ErrorCode::InvalidValue);
    QCOMPARE(parsed.error().message, error);
}

void tst_SearchQuery::userTextStaysOutOfTheStatement_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("needle"); // must appear in a parameter, never in the SQL

    QTest::addRow("sql-comment") << u"\"x'); DROP TABLE messages; --\""_s << u"DROP"_s;
    QTest::addRow("quote") << u"o'brien"_s << u"brien"_s;
    QTest::addRow("fts-near") << u"\"NEAR(a b)\""_s << u"NEAR"_s;
    QTest::addRow("fts-column-filter") << u"\"subject:secret\""_s << u"secret"_s;
    QTest::addRow("phrase-after-phrase") << u"\"quote\"\"inside\""_s << u"inside"_s;
    QTest::addRow("finding-code") << u"finding:x';DELETE"_s << u"delete"_s;
    QTest::addRow("with-filters") << u"larger:1k \"UNION SELECT\" OR is:read"_s << u"UNION"_s;
}

void tst_SearchQuery::userTextStaysOutOfTheStatement()
{
    QFETCH(QString, query);
    QFETCH(QString, needle);
    const Result<SearchQuery> parsed = SearchQuery::parse(query, QTimeZone::utc());
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
    const SearchQuery::Sql sql = parsed->toSql("m.id", 10, 0);
    QVERIFY2(!QString::fromUtf8(sql.text).contains(needle, Qt::CaseInsensitive),
             sql.text.constData());
    bool inParameter = false;
    for (const SearchQuery::Value &value : sql.parameters) {
        if (const auto *text = std::get_if<QString>(&value))
            inParameter = inParameter || text->contains(needle, Qt::CaseInsensitive);
    }
    QVERIFY(inParameter);
}

void tst_SearchQuery::datesUseTheGivenTimeZone()
{
    // A fixed UTC+2 (no daylight saving): the day starts two hours before UTC midnight.
    const QTimeZone plusTwo(2 * 3600);
    QVERIFY(plusTwo.isValid());
    const Result<SearchQuery> parsed = SearchQuery::parse(u"before:2024-01-31"_s, plusTwo);
    QVERIFY(parsed);
    QCOMPARE(parsed->toString(), u"received<%1"_s.arg(1706659200000 - 2 * 3600 * 1000));
}

void tst_SearchQuery::search_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QList<int>>("expected"); // fixture numbers

    QTest::addRow("everything") << u""_s << QList<int>{1, 2, 3, 4, 5};
    QTest::addRow("word-in-subject-or-body") << u"invoice"_s << QList<int>{1, 2, 4};
    QTest::addRow("case-insensitive") << u"INVOICE"_s << QList<int>{1, 2, 4};
    QTest::addRow("prefix") << u"invoi*"_s << QList<int>{1, 2, 4};
    QTest::addRow("two-words") << u"invoice paid"_s << QList<int>{2};
    QTest::addRow("phrase") << u"\"find the invoice\""_s << QList<int>{1};
    QTest::addRow("phrase-order-matters") << u"\"invoice find\""_s << QList<int>{};
    QTest::addRow("minus") << u"invoice -paid"_s << QList<int>{1, 4};
    QTest::addRow("not") << u"invoice NOT paid"_s << QList<int>{1, 4};
    QTest::addRow("only-negative") << u"-invoice"_s << QList<int>{3, 5};
    QTest::addRow("two-negatives") << u"-invoice -sale"_s << QList<int>{5};
    QTest::addRow("or") << u"invoice OR sale"_s << QList<int>{1, 2, 3, 4};
    QTest::addRow("group") << u"(invoice OR sale) -re"_s << QList<int>{1, 3, 4};
    QTest::addRow("from-envelope-and-header") << u"from:alice"_s << QList<int>{1};
    QTest::addRow("from-display-name") << u"from:liddell"_s << QList<int>{1};
    QTest::addRow("from-address") << u"from:alice@example.com"_s << QList<int>{1};
    QTest::addRow("from-exact-address") << u"from:<alice@example.com>"_s << QList<int>{1};
    QTest::addRow("from-exact-any-case") << u"from:<Carol@Example.net>"_s << QList<int>{4};
    QTest::addRow("exact-is-not-a-substring") << u"from:<ice@example.com>"_s << QList<int>{};
    // The words match (the index finds them), the addresses do not.
    QTest::addRow("exact-is-not-a-prefix") << u"to:<bob@example>"_s << QList<int>{};
    QTest::addRow("exact-cc-not-a-prefix") << u"cc:<carol@example>"_s << QList<int>{};
    QTest::addRow("to-exact-envelope") << u"to:<alice@example.com>"_s << QList<int>{2};
    QTest::addRow("to-exact-includes-cc") << u"to:<carol@example.net>"_s << QList<int>{2};
    QTest::addRow("cc-exact") << u"cc:<carol@example.net>"_s << QList<int>{2};
    QTest::addRow("not-exact") << u"-from:<bob@example.org>"_s << QList<int>{1, 3, 4, 5};
    QTest::addRow("before-time") << u"before:2024-02-01T12:00:01Z"_s << QList<int>{1, 2, 3};
    QTest::addRow("after-time") << u"after:2024-02-01T12:00:01Z"_s << QList<int>{4, 5};
    QTest::addRow("to-envelope") << u"to:alice"_s << QList<int>{2};
    QTest::addRow("to-includes-cc") << u"to:carol"_s << QList<int>{2};
    QTest::addRow("to-header-only") << u"to:team"_s << QList<int>{4};
    QTest::addRow("to-envelope-and-header") << u"to:bob"_s << QList<int>{1, 4};
    QTest::addRow("cc") << u"cc:carol"_s << QList<int>{2};
    QTest::addRow("cc-is-not-from") << u"cc:bob"_s << QList<int>{};
    QTest::addRow("subject") << u"subject:invoice"_s << QList<int>{1, 2};
    QTest::addRow("body") << u"body:invoice"_s << QList<int>{1, 4};
    QTest::addRow("subject-group") << u"subject:(meeting notes)"_s << QList<int>{4};
    QTest::addRow("accents-folded") << u"munchen"_s << QList<int>{3};
    QTest::addRow("accents-typed") << u"Grüße"_s << QList<int>{3};
    QTest::addRow("has-attachment") << u"has:attachment"_s << QList<int>{1};
    QTest::addRow("has-no-attachment") << u"-has:attachment"_s << QList<int>{2, 3, 4, 5};
    QTest::addRow("is-read") << u"is:read"_s << QList<int>{4};
    QTest::addRow("is-unread") << u"is:unread"_s << QList<int>{1, 2, 3, 5};
    QTest::addRow("larger") << u"larger:10k"_s << QList<int>{1};
    QTest::addRow("smaller") << u"smaller:10k"_s << QList<int>{2, 3, 4, 5};
    QTest::addRow("before") << u"before:2024-02-01"_s << QList<int>{1};
    QTest::addRow("after-is-inclusive") << u"after:2024-02-01"_s << QList<int>{2, 3, 4, 5};
    QTest::addRow("on") << u"on:2024-02-01"_s << QList<int>{2, 3};
    QTest::addRow("range") << u"after:2024-02-01 before:2024-03-01"_s << QList<int>{2, 3};
    QTest::addRow("id") << u"id:3"_s << QList<int>{3};
    QTest::addRow("id-or-id") << u"id:3 OR id:5"_s << QList<int>{3, 5};
    QTest::addRow("word-and-filter") << u"invoice has:attachment"_s << QList<int>{1};
    QTest::addRow("word-or-filter") << u"paid OR has:attachment"_s << QList<int>{1, 2};
    QTest::addRow("negated-word-and-filter") << u"-paid is:unread"_s << QList<int>{1, 3, 5};
    QTest::addRow("nested-mix") << u"(from:bob OR is:read) -(budget larger:100k)"_s
                                << QList<int>{2, 4};
    QTest::addRow("nested-mix-excluding")
        << u"(from:bob OR is:read) -(budget smaller:100k)"_s << QList<int>{2};
    QTest::addRow("sql-in-a-phrase") << u"\"DROP TABLE messages\""_s << QList<int>{5};
    QTest::addRow("fts-syntax-as-words") << u"\"NEAR(a b)\""_s << QList<int>{5};
    QTest::addRow("colon-text-quoted") << u"\"col:x\""_s << QList<int>{5};
    QTest::addRow("apostrophe") << u"o'brien"_s << QList<int>{5};
    QTest::addRow("quote-in-subject") << u"subject:hello"_s << QList<int>{5};
    QTest::addRow("or-1-equals-1") << u"\"' OR 1=1\""_s << QList<int>{5};
    QTest::addRow("nothing") << u"zanzibar"_s << QList<int>{};
}

void tst_SearchQuery::search()
{
    QFETCH(QString, query);
    QFETCH(QList<int>, expected);
    QString error;
    auto readerOpened = StoreReader::open(m_dir.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    const Result<QList<StoredMessage>> found = reader->search(query);
    QVERIFY2(found, qPrintable(errorText(found)));
    QList<int> numbers;
    for (const StoredMessage &message : *found)
        numbers.append(int(m_ids.indexOf(message.id)) + 1);
    std::sort(numbers.begin(), numbers.end());
    QCOMPARE(numbers, expected);
}

void tst_SearchQuery::searchIsNewestFirstAndPages()
{
    QString error;
    auto readerOpened = StoreReader::open(m_dir.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    const auto all = reader->search(QString());
    QVERIFY2(all, qPrintable(errorText(all)));
    QCOMPARE(all->size(), 5);
    for (qsizetype i = 1; i < all->size(); ++i)
        QVERIFY(all->at(i - 1).id > all->at(i).id);
    QCOMPARE(all->front().id, m_ids.last());

    const auto page = reader->search(u"invoice"_s, 2, 1);
    QVERIFY2(page, qPrintable(errorText(page)));
    QCOMPARE(page->size(), 2);
    QCOMPARE(page->at(0).id, m_ids[1]); // 4 is the newest match, skipped by the offset
    QCOMPARE(page->at(1).id, m_ids[0]);

    const QList<StoredMessage> listed = reader->list(3, 0);
    QCOMPARE(listed.size(), 3);
    QCOMPARE(listed.front().id, m_ids.last());
    QVERIFY(reader->list(3, 5).isEmpty());

    // The rows carry what the list shows.
    const auto first = reader->search(u"id:%1"_s.arg(m_ids[0]));
    QVERIFY2(first && first->size() == 1, qPrintable(errorText(first)));
    QVERIFY(first->front().hasAttachments);
    QCOMPARE(first->front().subject, u"Invoice 2024-001"_s);
    const auto fourth = reader->search(u"id:%1"_s.arg(m_ids[3]));
    QVERIFY2(fourth && fourth->size() == 1, qPrintable(errorText(fourth)));
    QVERIFY(fourth->front().read);
    QVERIFY(!fourth->front().hasAttachments);
}

void tst_SearchQuery::searchReportsParseErrors()
{
    auto readerOpened = StoreReader::open(m_dir.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    const auto unknown = reader->search(u"foo:bar"_s);
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::InvalidValue);
    QCOMPARE(unknown.error().message, u"unknown field foo: (put text with a colon in quotes)"_s);
    const auto unbalanced = reader->search(u"(invoice"_s);
    QVERIFY(!unbalanced);
    QCOMPARE(unbalanced.error().message, u"unbalanced parenthesis"_s);
}

void tst_SearchQuery::findingsAreSearchable()
{
    QString error;
    auto readerOpened = StoreReader::open(m_dir.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    // Fixture 4 has neither Date nor Message-ID: the checks must have something to say.
    const QList<CheckFinding> findings = reader->findings(m_ids[3]);
    QVERIFY(!findings.isEmpty());
    const auto withFindings = reader->search(u"has:findings"_s);
    QVERIFY2(withFindings, qPrintable(errorText(withFindings)));
    QList<qint64> expected;
    for (const qint64 id : std::as_const(m_ids)) {
        if (reader->message(id)->findingCount > 0)
            expected.prepend(id); // newest first
    }
    QVERIFY(expected.contains(m_ids[3]));
    QList<qint64> found;
    for (const StoredMessage &message : *withFindings)
        found.append(message.id);
    QCOMPARE(found, expected);

    const auto byCode = reader->search(u"finding:"_s + findings.front().code.toUpper());
    QVERIFY2(byCode, qPrintable(errorText(byCode)));
    QVERIFY(std::any_of(byCode->cbegin(), byCode->cend(),
                        [this](const StoredMessage &m) { return m.id == m_ids[3]; }));
    const auto noSuchCode = reader->search(u"finding:no-such-check"_s);
    QVERIFY2(noSuchCode && noSuchCode->isEmpty(), qPrintable(errorText(noSuchCode)));
}

void tst_SearchQuery::everyKeywordParses()
{
    // The table the completer and --help show is the one the parser accepts.
    const QHash<QString, QString> sample = {
        {u"has"_s, u"attachment"_s},   {u"is"_s, u"read"_s},
        {u"finding"_s, u"code"_s},     {u"id"_s, u"1"_s},
        {u"larger"_s, u"10k"_s},       {u"smaller"_s, u"1M"_s},
        {u"after"_s, u"2024-01-31"_s}, {u"before"_s, u"2024-01-31"_s},
        {u"on"_s, u"2024-01-31"_s},
    };
    for (const SearchQuery::Keyword &keyword : SearchQuery::keywords()) {
        const QString value = keyword.kind == SearchQuery::Keyword::Kind::Text
                                  ? u"word"_s
                                  : sample.value(keyword.name);
        QVERIFY2(!value.isEmpty(), qPrintable(keyword.name));
        const Result<SearchQuery> query = SearchQuery::parse(keyword.name + u':' + value);
        QVERIFY2(query, qPrintable(query ? QString() : query.error().message));
        QVERIFY(!keyword.description.isEmpty());
    }
    QVERIFY(SearchQuery::keyword(u"FROM") && !SearchQuery::keyword(u"nosuch"));
    QVERIFY(!SearchQuery::parse(u"nosuch:x"_s));
}

QTEST_GUILESS_MAIN(tst_SearchQuery)
#include "tst_searchquery.moc"
