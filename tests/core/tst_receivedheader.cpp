// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtp/receivedheader.h"

#include <QLocale>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {

// QTimeZone::fromSecondsAheadOfUtc() needs Qt 6.5; on 6.4 the int constructor does the same.
QDateTime at(QDate date, QTime time, int secondsAheadOfUtc)
{
    return QDateTime(date, time, QTimeZone(secondsAheadOfUtc));
}

ReceivedHeader baseHeader()
{
    ReceivedHeader header;
    header.heloName = "client.example"_ba;
    header.remoteAddress = QHostAddress(u"192.0.2.1"_s);
    header.hostName = u"mx.letterbox.test"_s;
    header.appName = u"Letterbox"_s;
    header.id = "1a2b3c"_ba;
    header.recipients = {"rcpt@example.com"_ba};
    header.time = at(QDate(2026, 1, 5), QTime(9, 3, 7), 0);
    return header;
}

// A valid domain of exactly `length` octets: labels "a" and "aa" separated by dots.
QByteArray domainOfLength(qsizetype length)
{
    QByteArray domain;
    while (domain.size() + 2 < length)
        domain += "a.";
    domain += QByteArray(length - domain.size(), 'a');
    return domain;
}

// RFC 5322 §2.2 / §2.1.1 checks on a folded header; returns an empty string when it is fine.
QByteArray headerProblem(const QByteArray &header, const QByteArray &expectedDate)
{
    if (!header.startsWith("Received: "))
        return "does not start with \"Received: \"";
    if (!header.endsWith("\r\n"))
        return "does not end in CRLF";
    QList<QByteArray> lines = header.split('\n');
    lines.removeLast(); // empty, after the final LF
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (!line.endsWith('\r'))
            return "line " + QByteArray::number(i) + " ends in a bare LF";
        line.chop(1);
        if (line.contains('\r'))
            return "line " + QByteArray::number(i) + " contains a bare CR";
        if (line.size() > 998)
            return "line " + QByteArray::number(i) + " has " + QByteArray::number(line.size())
                   + " octets";
        if (i > 0 && !line.startsWith('\t'))
            return "continuation line " + QByteArray::number(i) + " does not start with a TAB";
        for (const char c : line) {
            const auto u = static_cast<unsigned char>(c);
            if ((u < 32 && c != '\t') || u == 127)
                return "line " + QByteArray::number(i) + " contains a control character";
        }
    }
    QByteArray unfolded = header;
    unfolded.replace("\r\n\t", " ");
    if (!unfolded.endsWith(QByteArray("; " + expectedDate + "\r\n")))
        return "does not end with \"; " + expectedDate + '"';
    return {};
}

} // namespace

/// ReceivedHeader: the trace header of RFC 5321 §4.4 with RFC 3848 / RFC 6531 keywords.
class TestReceivedHeader final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // The date must be English whatever the user's locale is (RFC 5322 §3.3).
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    }

    void protocolKeyword_data()
    {
        QTest::addColumn<bool>("esmtp");
        QTest::addColumn<bool>("tls");
        QTest::addColumn<bool>("authenticated");
        QTest::addColumn<bool>("smtpUtf8");
        QTest::addColumn<QByteArray>("keyword");

        QTest::addRow("smtp") << false << false << false << false << "SMTP"_ba;
        QTest::addRow("esmtp") << true << false << false << false << "ESMTP"_ba;
        QTest::addRow("esmtps") << true << true << false << false << "ESMTPS"_ba;
        QTest::addRow("esmtpa") << true << false << true << false << "ESMTPA"_ba;
        QTest::addRow("esmtpsa") << true << true << true << false << "ESMTPSA"_ba;
        QTest::addRow("utf8smtp") << true << false << false << true << "UTF8SMTP"_ba;
        QTest::addRow("utf8smtps") << true << true << false << true << "UTF8SMTPS"_ba;
        QTest::addRow("utf8smtpa") << true << false << true << true << "UTF8SMTPA"_ba;
        QTest::addRow("utf8smtpsa") << true << true << true << true << "UTF8SMTPSA"_ba;
    }

    void protocolKeyword()
    {
        QFETCH(bool, esmtp);
        QFETCH(bool, tls);
        QFETCH(bool, authenticated);
        QFETCH(bool, smtpUtf8);
        QFETCH(QByteArray, keyword);

        QCOMPARE(ReceivedHeader::protocolKeyword(esmtp, tls, authenticated, smtpUtf8), keyword);
    }

    void formatDate_data()
    {
        QTest::addColumn<QDateTime>("time");
        QTest::addColumn<QByteArray>("expected");

        // Day names checked against `LC_ALL=C date -d <day> +%a`.
        QTest::addRow("utc-monday-january")
            << at(QDate(2026, 1, 5), QTime(9, 3, 7), 0) << "Mon, 5 Jan 2026 09:03:07 +0000"_ba;
        QTest::addRow("plus-0530-saturday-november")
            << at(QDate(2026, 11, 28), QTime(1, 55, 1), 5 * 3600 + 30 * 60)
            << "Sat, 28 Nov 2026 01:55:01 +0530"_ba;
        QTest::addRow("minus-0800-wednesday-december")
            << at(QDate(2025, 12, 31), QTime(23, 59, 59), -8 * 3600)
            << "Wed, 31 Dec 2025 23:59:59 -0800"_ba;
        QTest::addRow("minus-0330-saturday-july")
            << at(QDate(2026, 7, 4), QTime(12, 0, 0), -(3 * 3600 + 30 * 60))
            << "Sat, 4 Jul 2026 12:00:00 -0330"_ba;
        QTest::addRow("minus-0030") << at(QDate(2026, 1, 2), QTime(0, 0, 0), -30 * 60)
                                    << "Fri, 2 Jan 2026 00:00:00 -0030"_ba;
        QTest::addRow("plus-1345") << at(QDate(2026, 2, 10), QTime(23, 5, 0), 13 * 3600 + 45 * 60)
                                   << "Tue, 10 Feb 2026 23:05:00 +1345"_ba;
        QTest::addRow("leap-day-thursday")
            << at(QDate(2024, 2, 29), QTime(0, 0, 0), 0) << "Thu, 29 Feb 2024 00:00:00 +0000"_ba;
        QTest::addRow("march-1999") << at(QDate(1999, 3, 1), QTime(10, 20, 30), 3600)
                                    << "Mon, 1 Mar 1999 10:20:30 +0100"_ba;
        QTest::addRow("april") << at(QDate(2026, 4, 15), QTime(1, 2, 3), 0)
                               << "Wed, 15 Apr 2026 01:02:03 +0000"_ba;
        QTest::addRow("may") << at(QDate(2026, 5, 20), QTime(1, 2, 3), 0)
                             << "Wed, 20 May 2026 01:02:03 +0000"_ba;
        QTest::addRow("june") << at(QDate(2026, 6, 25), QTime(1, 2, 3), 0)
                              << "Thu, 25 Jun 2026 01:02:03 +0000"_ba;
        QTest::addRow("august-sunday")
            << at(QDate(2026, 8, 9), QTime(1, 2, 3), 0) << "Sun, 9 Aug 2026 01:02:03 +0000"_ba;
        QTest::addRow("september")
            << at(QDate(2026, 9, 13), QTime(1, 2, 3), 0) << "Sun, 13 Sep 2026 01:02:03 +0000"_ba;
        QTest::addRow("october") << at(QDate(2026, 10, 18), QTime(1, 2, 3), 0)
                                 << "Sun, 18 Oct 2026 01:02:03 +0000"_ba;
    }

    void formatDate()
    {
        QFETCH(QDateTime, time);
        QFETCH(QByteArray, expected);

        QCOMPARE(ReceivedHeader::formatDate(time), expected);
    }

    void addressLiteral_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QByteArray>("literal");

        QTest::addRow("ipv4") << u"192.0.2.1"_s << "[192.0.2.1]"_ba;
        QTest::addRow("ipv4-loopback") << u"127.0.0.1"_s << "[127.0.0.1]"_ba;
        QTest::addRow("ipv6") << u"2001:db8::1"_s << "[IPv6:2001:db8::1]"_ba;
        QTest::addRow("ipv6-loopback") << u"::1"_s << "[IPv6:::1]"_ba;
        QTest::addRow("ipv4-mapped-ipv6") << u"::ffff:127.0.0.1"_s << "[127.0.0.1]"_ba;
        QTest::addRow("ipv6-scope-id-dropped") << u"fe80::1%1"_s << "[IPv6:fe80::1]"_ba;
    }

    void addressLiteral()
    {
        QFETCH(QString, address);
        QFETCH(QByteArray, literal);

        QCOMPARE(ReceivedHeader::addressLiteral(QHostAddress(address)), literal);
    }

    void toBytesExact()
    {
        const ReceivedHeader header = baseHeader();
        QCOMPARE(header.toBytes(), "Received: from client.example ([192.0.2.1])\r\n"
                                   "\tby mx.letterbox.test (Letterbox) with ESMTP\r\n"
                                   "\tid 1a2b3c for <rcpt@example.com>; Mon, 5 Jan 2026 09:03:07 "
                                   "+0000\r\n"_ba);
    }

    void toBytesTlsAndAuth()
    {
        ReceivedHeader header = baseHeader();
        header.remoteAddress = QHostAddress(u"2001:db8::25"_s);
        header.tls = true;
        header.authenticated = true;
        header.tlsProtocol = u"TLSv1.3"_s;
        header.tlsCipher = u"TLS_AES_256_GCM_SHA384"_s;
        header.recipients.clear();
        QCOMPARE(
            header.toBytes(),
            "Received: from client.example ([IPv6:2001:db8::25])\r\n"
            "\tby mx.letterbox.test (Letterbox) with ESMTPSA (TLSv1.3 TLS_AES_256_GCM_SHA384)\r\n"
            "\tid 1a2b3c; Mon, 5 Jan 2026 09:03:07 +0000\r\n"_ba);
    }

    void toBytesFromClause_data()
    {
        QTest::addColumn<QByteArray>("heloName");
        QTest::addColumn<bool>("smtpUtf8");
        QTest::addColumn<QByteArray>("firstLine");

        QTest::addRow("valid-domain")
            << "client.example"_ba << false << "Received: from client.example ([192.0.2.1])"_ba;
        QTest::addRow("address-literal")
            << "[192.0.2.1]"_ba << false << "Received: from [192.0.2.1] ([192.0.2.1])"_ba;
        QTest::addRow("invalid-name-in-comment")
            << "bad name(x)"_ba << false << "Received: from [192.0.2.1] (helo=bad name\\(x\\))"_ba;
        QTest::addRow("backslash-escaped")
            << "a\\b"_ba << false << "Received: from [192.0.2.1] (helo=a\\\\b)"_ba;
        QTest::addRow("broken-address-literal")
            << "[1.2.3.4 ]"_ba << false << "Received: from [192.0.2.1] (helo=[1.2.3.4 ])"_ba;
        QTest::addRow("header-injection")
            << "evil\r\nX-Injected: 1"_ba << false
            << "Received: from [192.0.2.1] (helo=evil??X-Injected: 1)"_ba;
        QTest::addRow("utf8-name-with-smtputf8")
            << "b\xc3\xbc\x63her.example"_ba << true
            << "Received: from b\xc3\xbc\x63her.example ([192.0.2.1])"_ba;
        QTest::addRow("utf8-name-without-smtputf8")
            << "b\xc3\xbc\x63her.example"_ba << false
            << "Received: from [192.0.2.1] (helo=b??cher.example)"_ba;
    }

    void toBytesFromClause()
    {
        QFETCH(QByteArray, heloName);
        QFETCH(bool, smtpUtf8);
        QFETCH(QByteArray, firstLine);

        ReceivedHeader header = baseHeader();
        header.heloName = heloName;
        header.smtpUtf8 = smtpUtf8;
        const QByteArray bytes = header.toBytes();
        QCOMPARE(bytes.left(bytes.indexOf("\r\n")), firstLine);
        const QByteArray problem = headerProblem(bytes, "Mon, 5 Jan 2026 09:03:07 +0000"_ba);
        QVERIFY2(problem.isEmpty(), problem.constData());
    }

    void forClauseOnlyWithOneRecipient_data()
    {
        QTest::addColumn<QList<QByteArray>>("recipients");
        QTest::addColumn<QByteArray>("idLine");

        QTest::addRow("none") << QList<QByteArray>() << "\tid 1a2b3c; "_ba;
        QTest::addRow("one") << QList<QByteArray>{"a@example.com"_ba}
                             << "\tid 1a2b3c for <a@example.com>; "_ba;
        QTest::addRow("two") << QList<QByteArray>{"a@example.com"_ba, "b@example.com"_ba}
                             << "\tid 1a2b3c; "_ba;
    }

    void forClauseOnlyWithOneRecipient()
    {
        QFETCH(QList<QByteArray>, recipients);
        QFETCH(QByteArray, idLine);

        ReceivedHeader header = baseHeader();
        header.recipients = recipients;
        const QByteArray bytes = header.toBytes();
        QVERIFY2(bytes.contains(QByteArray("\r\n" + idLine)), bytes.constData());
        QCOMPARE(bytes.contains(" for <"), recipients.size() == 1);
    }

    void linesStayShort_data()
    {
        QTest::addColumn<QByteArray>("heloName");
        QTest::addColumn<QByteArray>("recipient");

        QTest::addRow("255-octet-helo-and-256-octet-recipient")
            << domainOfLength(255) << QByteArray("u@" + domainOfLength(254));
        QTest::addRow("255-octet-invalid-helo") << QByteArray(255, '(') << "a@example.com"_ba;
        // The longest HELO argument a 512-octet command line can carry: 512 - "HELO " - CRLF.
        QTest::addRow("505-octet-helo-of-parentheses")
            << QByteArray(505, '(') << "a@example.com"_ba;
        QTest::addRow("505-octet-helo-of-utf8")
            << QByteArray(QByteArray(252, 'x') + QByteArray("\xc3\xa9").repeated(126) + 'y')
            << "a@example.com"_ba;
        QTest::addRow("505-octet-general-literal")
            << QByteArray("[x:" + QByteArray(501, 'z') + ']') << "a@example.com"_ba;
    }

    void linesStayShort()
    {
        QFETCH(QByteArray, heloName);
        QFETCH(QByteArray, recipient);

        for (const bool smtpUtf8 : {false, true}) {
            ReceivedHeader header = baseHeader();
            header.remoteAddress = QHostAddress(u"2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"_s);
            header.heloName = heloName;
            header.smtpUtf8 = smtpUtf8;
            header.recipients = {recipient};
            const QByteArray bytes = header.toBytes();
            const QByteArray problem = headerProblem(bytes, "Mon, 5 Jan 2026 09:03:07 +0000"_ba);
            QVERIFY2(problem.isEmpty(), problem.constData());
            QVERIFY2(bytes.contains(QByteArray(" for <" + recipient + ">; ")), bytes.constData());
            if (smtpUtf8)
                QVERIFY(QUtf8StringView(bytes).isValidUtf8());
        }
    }
};

QTEST_GUILESS_MAIN(TestReceivedHeader)
#include "tst_receivedheader.moc"
