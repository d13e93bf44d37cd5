// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "api/mailpitquery.h"
#include "store/searchquery.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

/// Mailpit's search syntax to Letterbox's search language: every operator, negation, quotes,
/// dates in the `tz` zone (also across midnight) and the terms that are refused.
class tst_MailpitQuery : public QObject
{
    Q_OBJECT

private slots:
    void translate_data();
    void translate();
    void refused_data();
    void refused();
    void datesAcrossMidnight_data();
    void datesAcrossMidnight();
    void timeZones();
    void everyTranslationParses_data();
    void everyTranslationParses();
};

void tst_MailpitQuery::translate_data()
{
    QTest::addColumn<QString>("mailpit");
    QTest::addColumn<QString>("letterbox");

    QTest::addRow("empty") << u""_s << u""_s;
    QTest::addRow("only-spaces") << u"   "_s << u""_s;
    QTest::addRow("word") << u"invoice"_s << u"\"invoice\""_s;
    QTest::addRow("words-are-anded") << u"invoice paid"_s << u"\"invoice\" \"paid\""_s;
    QTest::addRow("word-lower-cased") << u"Invoice"_s << u"\"invoice\""_s;
    QTest::addRow("prefix-word") << u"invoi*"_s << u"invoi*"_s;
    QTest::addRow("quoted-phrase") << u"\"find the invoice\""_s << u"\"find the invoice\""_s;
    QTest::addRow("operators-are-words") << u"a OR b"_s << u"\"a\" \"or\" \"b\""_s;
    QTest::addRow("parentheses-are-separators") << u"(draft)"_s << u"\"draft\""_s;
    QTest::addRow("letterbox-field-is-a-word") << u"body:x"_s << u"\"body:x\""_s;
    QTest::addRow("minus") << u"-draft"_s << u"-\"draft\""_s;
    QTest::addRow("bang") << u"!draft"_s << u"-\"draft\""_s;
    QTest::addRow("minus-phrase") << u"-\"two words\""_s << u"-\"two words\""_s;
    QTest::addRow("from-word") << u"from:alice"_s << u"from:\"alice\""_s;
    QTest::addRow("from-address-exact")
        << u"from:alice@example.com"_s << u"from:<alice@example.com>"_s;
    QTest::addRow("from-address-case")
        << u"FROM:Alice@Example.COM"_s << u"from:<alice@example.com>"_s;
    QTest::addRow("from-angle-brackets")
        << u"from:<alice@example.com>"_s << u"from:<alice@example.com>"_s;
    QTest::addRow("from-domain-is-words") << u"from:@example.com"_s << u"from:\"@example.com\""_s;
    QTest::addRow("from-name-phrase") << u"from:\"Alice Liddell\""_s << u"from:\"alice liddell\""_s;
    QTest::addRow("to-address") << u"to:bob@example.org"_s << u"to:<bob@example.org>"_s;
    QTest::addRow("cc-address") << u"cc:carol@example.net"_s << u"cc:<carol@example.net>"_s;
    QTest::addRow("not-from") << u"-from:alice@example.com"_s << u"-from:<alice@example.com>"_s;
    QTest::addRow("from-empty-is-ignored") << u"from: x"_s << u"\"x\""_s;
    QTest::addRow("addressed") << u"addressed:bob@example.org"_s
                               << u"(from:<bob@example.org> OR to:<bob@example.org>)"_s;
    QTest::addRow("subject") << u"subject:invoice"_s << u"subject:\"invoice\""_s;
    QTest::addRow("subject-quoted") << u"subject:\"Big sale\""_s << u"subject:\"Big sale\""_s;
    QTest::addRow("subject-negated") << u"!subject:sale"_s << u"-subject:\"sale\""_s;
    QTest::addRow("is-read") << u"is:read"_s << u"is:read"_s;
    QTest::addRow("is-unread-case") << u"IS:UNREAD"_s << u"is:unread"_s;
    QTest::addRow("not-unread") << u"-is:unread"_s << u"-is:unread"_s;
    QTest::addRow("has-attachment") << u"has:attachment"_s << u"has:attachment"_s;
    QTest::addRow("has-attachments") << u"has:attachments"_s << u"has:attachment"_s;
    QTest::addRow("no-attachment") << u"-has:attachment"_s << u"-has:attachment"_s;
    QTest::addRow("larger-kb") << u"larger:10kb"_s << u"larger:10240"_s;
    QTest::addRow("smaller-fraction-m") << u"smaller:1.5m"_s << u"smaller:1572864"_s;
    QTest::addRow("larger-bytes") << u"larger:500"_s << u"larger:500"_s;
    QTest::addRow("larger-unknown-unit-is-text") << u"larger:5g"_s << u"\"larger:5g\""_s;
    QTest::addRow("after-date-utc") << u"after:2024-01-31"_s << u"after:2024-01-31T00:00:00.000Z"_s;
    QTest::addRow("before-slashes") << u"before:2024/2/1"_s << u"before:2024-02-01T00:00:00.000Z"_s;
    QTest::addRow("after-quoted-time")
        << u"after:\"2024-01-31 14:30\""_s << u"after:2024-01-31T14:30:00.000Z"_s;
    QTest::addRow("after-iso-offset")
        << u"after:2024-01-31T14:30:05+02:00"_s << u"after:2024-01-31T12:30:05.000Z"_s;
    QTest::addRow("before-negated")
        << u"-before:2024-01-31"_s << u"-before:2024-01-31T00:00:00.000Z"_s;
    QTest::addRow("mixed") << u"from:alice@example.com is:unread \"big sale\" -draft"_s
                           << u"from:<alice@example.com> is:unread \"big sale\" -\"draft\""_s;
    QTest::addRow("separators-only-dropped") << u"\",;\" word"_s << u"\"word\""_s;
}

void tst_MailpitQuery::translate()
{
    QFETCH(QString, mailpit);
    QFETCH(QString, letterbox);
    const Result<QString> translated = MailpitQuery::translate(mailpit, QTimeZone::utc());
    QVERIFY2(translated, qPrintable(translated ? QString() : translated.error().message));
    QCOMPARE(*translated, letterbox);
}

void tst_MailpitQuery::refused_data()
{
    QTest::addColumn<QString>("mailpit");
    QTest::addColumn<QString>("message"); // a part of the error's text

    QTest::addRow("bad-date") << u"after:yesterday"_s << u"after: needs a date"_s;
    QTest::addRow("impossible-date") << u"before:2024-02-30"_s << u"before: needs a date"_s;
    QTest::addRow("bad-time") << u"after:\"2024-01-31 25:00\""_s << u"after: needs a date"_s;
    QTest::addRow("bad-offset") << u"after:2024-01-31T10:00+24:00"_s << u"after: needs a date"_s;
    QTest::addRow("bcc") << u"bcc:a@example.com"_s << u"bcc: is not supported"_s;
    QTest::addRow("reply-to") << u"reply-to:a@example.com"_s << u"reply-to: is not supported"_s;
    QTest::addRow("message-id") << u"message-id:abc"_s << u"message-id: is not supported"_s;
    QTest::addRow("tag") << u"tag:x"_s << u"tag: is not supported"_s;
    QTest::addRow("is-tagged") << u"is:tagged"_s << u"is:tagged is not supported"_s;
    QTest::addRow("has-inline") << u"-has:inline"_s << u"has:inline is not supported"_s;
    QTest::addRow("no-letters") << u"---"_s << u"no letters or digits"_s;
    QTest::addRow("lone-star") << u"*"_s << u"no letters or digits"_s;
}

void tst_MailpitQuery::refused()
{
    QFETCH(QString, mailpit);
    QFETCH(QString, message);
    const Result<QString> translated = MailpitQuery::translate(mailpit, QTimeZone::utc());
    QVERIFY2(!translated, qPrintable(translated ? *translated : QString()));
    QCOMPARE(translated.error().code, ErrorCode::InvalidValue);
    QVERIFY2(translated.error().message.contains(message), qPrintable(translated.error().message));
}

void tst_MailpitQuery::datesAcrossMidnight_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("mailpit");
    QTest::addColumn<QString>("letterbox");

    // Auckland is UTC+13 in January: its 31 January starts on 30 January in UTC.
    QTest::addRow("auckland-day") << u"Pacific/Auckland"_s << u"after:2024-01-31"_s
                                  << u"after:2024-01-30T11:00:00.000Z"_s;
    QTest::addRow("auckland-time") << u"Pacific/Auckland"_s << u"before:\"2024-01-31 05:00\""_s
                                   << u"before:2024-01-30T16:00:00.000Z"_s;
    // New York is UTC-5: late evening there is the next day in UTC.
    QTest::addRow("new-york-evening") << u"America/New_York"_s << u"after:\"2024-01-31 22:30\""_s
                                      << u"after:2024-02-01T03:30:00.000Z"_s;
    // Summer time in Berlin (UTC+2): the zone's rules apply to the date given.
    QTest::addRow("berlin-summer")
        << u"Europe/Berlin"_s << u"before:2024-07-01"_s << u"before:2024-06-30T22:00:00.000Z"_s;
    QTest::addRow("explicit-offset-wins") << u"Pacific/Auckland"_s << u"after:2024-01-31T00:00Z"_s
                                          << u"after:2024-01-31T00:00:00.000Z"_s;
}

void tst_MailpitQuery::datesAcrossMidnight()
{
    QFETCH(QString, zone);
    QFETCH(QString, mailpit);
    QFETCH(QString, letterbox);
    const Result<QTimeZone> timeZone = MailpitQuery::timeZone(zone);
    QVERIFY2(timeZone, qPrintable(zone));
    const Result<QString> translated = MailpitQuery::translate(mailpit, *timeZone);
    QVERIFY2(translated, qPrintable(translated ? QString() : translated.error().message));
    QCOMPARE(*translated, letterbox);
}

void tst_MailpitQuery::timeZones()
{
    const Result<QTimeZone> empty = MailpitQuery::timeZone(QString());
    QVERIFY(empty);
    QCOMPARE(*empty, QTimeZone::systemTimeZone());
    const Result<QTimeZone> named = MailpitQuery::timeZone(u"Pacific/Auckland"_s);
    QVERIFY(named);
    QCOMPARE(named->id(), QByteArray("Pacific/Auckland"));
    const Result<QTimeZone> unknown = MailpitQuery::timeZone(u"Mars/Olympus_Mons"_s);
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::InvalidValue);
    QVERIFY(unknown.error().message.contains(u"Mars/Olympus_Mons"));
}

void tst_MailpitQuery::everyTranslationParses_data()
{
    QTest::addColumn<QString>("mailpit");
    // Hostile input: Letterbox syntax, quotes, brackets and operators must stay text.
    QTest::addRow("letterbox-operators") << u"a AND (b OR NOT c)"_s;
    QTest::addRow("unbalanced-quote") << u"\"open phrase"_s;
    QTest::addRow("stray-brackets") << u"from:<<a@b.test>> to:>x<"_s;
    QTest::addRow("fts-syntax") << u"NEAR(a b) col:x ^start"_s;
    QTest::addRow("sql") << u"x'; DROP TABLE messages; --x"_s;
    QTest::addRow("double-minus") << u"--x -!y !-z"_s;
    QTest::addRow("field-with-quote") << u"subject:\"a \"b\" c\""_s;
    QTest::addRow("unicode") << u"Grüße from:müller@exämple.de"_s;
    QTest::addRow("tabs-and-newlines") << u"a\tb\nc"_s;
}

void tst_MailpitQuery::everyTranslationParses()
{
    QFETCH(QString, mailpit);
    const Result<QString> translated = MailpitQuery::translate(mailpit, QTimeZone::utc());
    QVERIFY2(translated, qPrintable(translated ? QString() : translated.error().message));
    QVERIFY2(SearchQuery::parse(*translated).ok(), qPrintable(*translated));
}

QTEST_GUILESS_MAIN(tst_MailpitQuery)
#include "tst_mailpitquery.moc"
