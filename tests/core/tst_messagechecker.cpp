// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "mime/messagechecker.h"
#include "mimecorpus.h"
#include "store/messageanalysis.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

using Severity = CheckFinding::Severity;

/// What SmtpSession writes in front of every stored message (folded, like the real one).
const QByteArray kOurReceived = "Received: from client.test (client.test [127.0.0.1])\r\n"
                                "\tby letterbox with ESMTP id 42\r\n"
                                "\tfor <bob@example.com>; Thu, 1 Jan 2026 10:00:01 +0000\r\n"_ba;

const QByteArray kDate = "Date: Thu, 1 Jan 2026 10:00:00 +0000\r\n"_ba;
const QByteArray kFrom = "From: Alice <alice@example.com>\r\n"_ba;
const QByteArray kTo = "To: Bob <bob@example.com>\r\n"_ba;
const QByteArray kSubject = "Subject: Hello\r\n"_ba;
const QByteArray kMessageId = "Message-ID: <1@example.com>\r\n"_ba;
const QByteArray kTextUtf8 = "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"_ba;

/// The fields of a clean message, for rows to leave one out or change one.
struct Fields
{
    QByteArray date = kDate;
    QByteArray from = kFrom;
    QByteArray to = kTo;
    QByteArray subject = kSubject;
    QByteArray messageId = kMessageId;
    QByteArray extra;
    QByteArray content = kTextUtf8;
    QByteArray body = "Hello Bob\r\n"_ba;
};

QByteArray stored(const Fields &fields)
{
    return kOurReceived + fields.date + fields.from + fields.to + fields.subject + fields.messageId
           + fields.extra + fields.content + "\r\n" + fields.body;
}

Envelope envelope(QList<QByteArray> recipients = {"bob@example.com"_ba}, bool eightBitMime = false,
                  bool smtpUtf8 = false)
{
    Envelope result;
    result.mailFrom = "alice@example.com"_ba;
    result.recipients = recipients;
    result.eightBitMime = eightBitMime;
    result.smtpUtf8 = smtpUtf8;
    return result;
}

QStringList codes(const QList<CheckFinding> &findings)
{
    QStringList result;
    for (const CheckFinding &finding : findings)
        result.append(finding.code);
    result.sort();
    return result;
}

QString dump(const QList<CheckFinding> &findings)
{
    QStringList lines;
    for (const CheckFinding &finding : findings)
        lines.append(finding.code + u" ["_s + toString(finding.severity) + u"] "_s
                     + finding.message);
    return lines.join(u"\n"_s);
}

} // namespace

class tst_MessageChecker final : public QObject
{
    Q_OBJECT

private slots:
    void eachFinding_data();
    void eachFinding();
    void cleanMessagesHaveNoFindings_data();
    void cleanMessagesHaveNoFindings();
    void ourReceivedHeaderIsSkipped();
    void withoutOurReceivedNothingIsSkipped();
    void messagesNameTheDetails();
    void addressesCompareDomainsCaseInsensitively();
    void severityNames();
    void garbageIsReportedNotFatal_data();
    void garbageIsReportedNotFatal();
    void thirtyMegabytes();
    void pathologicalMessagesAreBoundedAndSaySo_data();
    void pathologicalMessagesAreBoundedAndSaySo();
    void manyMissingAddressesAreListedBriefly();
    void theEndOfACheckedPrefixIsNoFinding_data();
    void theEndOfACheckedPrefixIsNoFinding();
};

void tst_MessageChecker::eachFinding_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<Envelope>("envelope");
    QTest::addColumn<QString>("code");
    QTest::addColumn<Severity>("severity");

    const auto row = [](const char *code, const Fields &fields, const Envelope &env,
                        Severity severity) {
        QTest::addRow("%s", code) << stored(fields) << env << QString::fromLatin1(code) << severity;
    };
    Fields fields;

    fields = {};
    fields.date = {};
    row("missing-date", fields, envelope(), Severity::Warning);

    fields = {};
    fields.from = {};
    row("missing-from", fields, envelope(), Severity::Error);

    fields = {};
    fields.messageId = {};
    row("missing-message-id", fields, envelope(), Severity::Warning);

    fields = {};
    fields.body = "Hello\nBob\r\n"_ba;
    row("bare-lf", fields, envelope(), Severity::Error);

    fields = {};
    fields.body = "Hello\rBob\r\n"_ba;
    row("bare-cr", fields, envelope(), Severity::Error);

    fields = {};
    fields.body = QByteArray(999, 'x') + "\r\n";
    row("long-line", fields, envelope(), Severity::Error);

    fields = {};
    fields.body = u"Grüße\r\n"_s.toUtf8();
    row("eight-bit-without-8bitmime", fields, envelope(), Severity::Warning);

    fields = {};
    fields.to = u"To: Bøb <bøb@example.com>\r\n"_s.toUtf8();
    row("utf8-address-without-smtputf8", fields, envelope({u"bøb@example.com"_s.toUtf8()}, true),
        Severity::Warning);

    fields = {};
    fields.content = "MIME-Version: 1.0\r\nContent-Type: text/plain\r\n"_ba;
    fields.body = u"Grüße\r\n"_s.toUtf8();
    row("undeclared-charset", fields, envelope({"bob@example.com"_ba}, true), Severity::Warning);

    fields = {};
    fields.content = "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=x-nonsense\r\n"_ba;
    row("unknown-charset", fields, envelope(), Severity::Warning);

    fields = {};
    fields.content = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n"_ba;
    fields.body = "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello\r\n"_ba;
    row("malformed-mime", fields, envelope(), Severity::Error);

    fields = {};
    row("bcc-recipient", fields, envelope({"bob@example.com"_ba, "carol@example.org"_ba}),
        Severity::Info);

    fields = {};
    fields.extra = "Cc: Dave <dave@example.net>\r\n"_ba;
    row("missing-recipient", fields, envelope(), Severity::Warning);

    fields = {};
    fields.content = "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n"_ba;
    fields.body = "<p>Hello Bob</p>\r\n"_ba;
    row("html-without-text", fields, envelope(), Severity::Warning);

    fields = {};
    fields.content = "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=a\r\n"_ba;
    fields.body = "--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello\r\n"
                  "--a\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                  "<img src=\"cid:nothing@example.com\">\r\n--a--\r\n"_ba;
    row("missing-cid", fields, envelope(), Severity::Error);

    fields = {};
    fields.from = "From: alice@example.com, carol@example.org\r\n"_ba;
    row("multiple-from-without-sender", fields, envelope(), Severity::Error);

    fields = {};
    fields.extra = "Subject: Hello again\r\n"_ba;
    row("duplicate-header", fields, envelope(), Severity::Error);
}

void tst_MessageChecker::eachFinding()
{
    QFETCH(QByteArray, raw);
    QFETCH(Envelope, envelope);
    QFETCH(QString, code);
    QFETCH(Severity, severity);

    const QList<CheckFinding> findings = MessageChecker::check(raw, envelope);
    QVERIFY2(codes(findings) == QStringList{code}, qPrintable(dump(findings)));
    // Compared by name: the header's toString(Severity) hides QTest's generic one.
    QCOMPARE(toString(findings.constFirst().severity), toString(severity));
    QVERIFY(!findings.constFirst().message.isEmpty());
    QVERIFY(!findings.constFirst().message.contains(u'\n'));
}

void tst_MessageChecker::cleanMessagesHaveNoFindings_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<Envelope>("envelope");

    QTest::addRow("plain-text") << stored({}) << envelope();

    Fields fields;
    fields.content = "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=a\r\n"_ba;
    fields.body =
        "--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello\r\n"
        "--a\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hello</p>\r\n--a--\r\n"_ba;
    QTest::addRow("alternative") << stored(fields) << envelope();

    // The corpus message has it all: related images, RFC 2231 names, an attached message.
    QByteArray nested = kOurReceived + MimeCorpus::nestedRelated();
    QTest::addRow("nested-related") << nested << envelope();

    fields = {};
    fields.body = u"Grüße\r\n"_s.toUtf8();
    QTest::addRow("8bitmime-declared") << stored(fields) << envelope({"bob@example.com"_ba}, true);
    QTest::addRow("smtputf8-implies-8bit")
        << stored(fields) << envelope({"bob@example.com"_ba}, false, true);

    fields = {};
    fields.from = "From: alice@example.com, carol@example.org\r\n"_ba;
    fields.extra = "Sender: alice@example.com\r\n"_ba;
    QTest::addRow("multiple-from-with-sender") << stored(fields) << envelope();

    fields = {};
    fields.to = "To: Team: Bob <bob@example.com>, Carol <carol@example.org>;\r\n"_ba;
    QTest::addRow("group-recipients")
        << stored(fields) << envelope({"bob@example.com"_ba, "carol@example.org"_ba});

    fields = {};
    fields.to = u"To: Bøb <bøb@example.com>\r\n"_s.toUtf8();
    QTest::addRow("utf8-address-with-smtputf8")
        << stored(fields) << envelope({u"bøb@example.com"_s.toUtf8()}, true, true);

    fields = {};
    fields.body = QByteArray(998, 'x') + "\r\n";
    QTest::addRow("line-of-998-octets") << stored(fields) << envelope();

    fields = {};
    fields.extra = "Received: from relay.test by mx.test; Thu, 1 Jan 2026 09:59:00 +0000\r\n"_ba;
    QTest::addRow("their-own-received") << stored(fields) << envelope();
}

void tst_MessageChecker::cleanMessagesHaveNoFindings()
{
    QFETCH(QByteArray, raw);
    QFETCH(Envelope, envelope);

    const QList<CheckFinding> findings = MessageChecker::check(raw, envelope);
    QVERIFY2(findings.isEmpty(), qPrintable(dump(findings)));
}

void tst_MessageChecker::ourReceivedHeaderIsSkipped()
{
    // Our Received plus a second one the client wrote: neither counts as a duplicate, and the
    // line numbers start after ours.
    Fields fields;
    fields.extra = "Received: from a by b; Thu, 1 Jan 2026 09:00:00 +0000\r\n"_ba;
    fields.body = "one\r\ntwo\nthree\r\n"_ba;
    const QList<CheckFinding> findings = MessageChecker::check(stored(fields), envelope());
    QCOMPARE(codes(findings), QStringList{u"bare-lf"_s});
    // Date, From, To, Subject, Message-ID, Received, MIME-Version, Content-Type, "", one, two.
    QCOMPARE(findings.constFirst().message, u"1 bare LF line ending (first at line 11)"_s);

    // Only our header and the required ones: nothing is missing or repeated.
    const QByteArray minimal = kOurReceived + kDate + kFrom + kTo + kMessageId + "\r\nhi\r\n"_ba;
    QVERIFY2(MessageChecker::check(minimal, envelope()).isEmpty(),
             qPrintable(dump(MessageChecker::check(minimal, envelope()))));
}

void tst_MessageChecker::withoutOurReceivedNothingIsSkipped()
{
    // A message handed in without our header (an import) is checked from its first byte.
    const QByteArray imported = kDate + kFrom + kTo + kMessageId + "\r\nhi\r\n"_ba;
    QVERIFY(MessageChecker::check(imported, envelope()).isEmpty());

    const QByteArray bareLfFirst =
        "Date: Thu, 1 Jan 2026 10:00:00 +0000\n"_ba + kFrom + kTo + kMessageId + "\r\nhi\r\n"_ba;
    const QList<CheckFinding> findings = MessageChecker::check(bareLfFirst, envelope());
    QCOMPARE(codes(findings), QStringList{u"bare-lf"_s});
    QVERIFY(findings.constFirst().message.contains(u"first at line 1)"_s));

    // Only a Received header, nothing else: everything required is missing.
    QCOMPARE(codes(MessageChecker::check(kOurReceived, envelope())),
             (QStringList{u"bcc-recipient"_s, u"missing-date"_s, u"missing-from"_s,
                          u"missing-message-id"_s}));
}

void tst_MessageChecker::messagesNameTheDetails()
{
    Fields fields;
    fields.body = "short\r\n"_ba + QByteArray(1200, 'x') + "\r\n" + QByteArray(1000, 'y') + "\r\n";
    QList<CheckFinding> findings = MessageChecker::check(stored(fields), envelope());
    QCOMPARE(codes(findings), QStringList{u"long-line"_s});
    QCOMPARE(findings.constFirst().message,
             u"2 lines longer than 998 octets (longest: 1200 octets at line 10)"_s);

    fields = {};
    fields.body = "a\rb\rc\r\n"_ba;
    findings = MessageChecker::check(stored(fields), envelope());
    QCOMPARE(codes(findings), QStringList{u"bare-cr"_s});
    QCOMPARE(findings.constFirst().message, u"2 bare CR characters (first at line 9)"_s);

    fields = {};
    findings = MessageChecker::check(
        stored(fields), envelope({"bob@example.com"_ba, "carol@example.org"_ba, "dan@x.test"_ba}));
    QCOMPARE(findings.constFirst().message,
             u"carol@example.org, dan@x.test not in To or Cc: delivered as Bcc"_s);

    fields = {};
    fields.extra = "Cc: Dave <dave@example.net>, Eve <eve@example.net>\r\n"_ba;
    findings = MessageChecker::check(stored(fields), envelope());
    QVERIFY(findings.constFirst().message.startsWith(u"dave@example.net, eve@example.net"_s));
}

void tst_MessageChecker::addressesCompareDomainsCaseInsensitively()
{
    Fields fields;
    fields.to = "To: Bob <bob@EXAMPLE.com>\r\n"_ba;
    QVERIFY(MessageChecker::check(stored(fields), envelope({"bob@example.COM"_ba})).isEmpty());

    // The local part is the receiving system's business (RFC 5321 2.4): compared exactly.
    fields.to = "To: Bob <Bob@example.com>\r\n"_ba;
    QCOMPARE(codes(MessageChecker::check(stored(fields), envelope())),
             (QStringList{u"bcc-recipient"_s, u"missing-recipient"_s}));
}

void tst_MessageChecker::severityNames()
{
    QCOMPARE(toString(Severity::Info), QLatin1StringView("info"));
    QCOMPARE(toString(Severity::Warning), QLatin1StringView("warning"));
    QCOMPARE(toString(Severity::Error), QLatin1StringView("error"));
}

void tst_MessageChecker::garbageIsReportedNotFatal_data()
{
    QTest::addColumn<QByteArray>("raw");
    for (const MimeCorpus::Sample &sample : MimeCorpus::all())
        QTest::addRow("%s", sample.name) << kOurReceived + sample.raw;
    QTest::addRow("only-received-unterminated") << "Received: from x"_ba;
    QTest::addRow("nothing") << QByteArray();
}

void tst_MessageChecker::garbageIsReportedNotFatal()
{
    QFETCH(QByteArray, raw);
    const QList<CheckFinding> findings = MessageChecker::check(raw, envelope());
    for (const CheckFinding &finding : findings) {
        QVERIFY(!finding.code.isEmpty());
        QVERIFY(!finding.message.isEmpty());
    }
}

void tst_MessageChecker::thirtyMegabytes()
{
    // The server accepts 32 MiB; a large attachment must not make delivery slow.
    Fields fields;
    fields.content = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n"_ba;
    fields.body = "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nsee attachment\r\n"
                  "--b\r\nContent-Type: application/octet-stream\r\n"
                  "Content-Transfer-Encoding: base64\r\n"
                  "Content-Disposition: attachment; filename=big.bin\r\n\r\n"_ba
                  + MimeCorpus::base64Lines(MimeCorpus::binaryJunk(22 * 1024 * 1024)) + "--b--\r\n";
    const QByteArray raw = stored(fields);
    QVERIFY(raw.size() > 30 * 1000 * 1000);
    QElapsedTimer timer;
    timer.start();
    const QList<CheckFinding> findings = MessageChecker::check(raw, envelope());
    qInfo("checked %lld bytes in %lld ms", qlonglong(raw.size()), qlonglong(timer.elapsed()));
    QVERIFY2(findings.isEmpty(), qPrintable(dump(findings)));
}

void tst_MessageChecker::pathologicalMessagesAreBoundedAndSaySo_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("limit");

    {
        // Generated HTML with 80,000 distinct images: de-duplicating them was quadratic.
        Fields fields;
        fields.content = "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n"_ba;
        QByteArray html = "<html><body>\r\n"_ba;
        for (int i = 0; i < 80000; ++i)
            html += "<img src=\"cid:i" + QByteArray::number(i) + "\">\r\n";
        fields.body = html;
        QTest::addRow("80000-cid-references")
            << stored(fields) << u"analysis stopped after 10000 distinct cid: references"_s;
    }
    {
        Fields fields;
        fields.content = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b0\r\n"_ba;
        QByteArray body;
        for (int i = 1; i < 1000; ++i)
            body += "--b" + QByteArray::number(i - 1)
                    + "\r\nContent-Type: multipart/mixed; boundary=b" + QByteArray::number(i)
                    + "\r\n\r\n";
        body += "--b999\r\nContent-Type: text/plain\r\n\r\nhello\r\n";
        for (int i = 999; i >= 0; --i)
            body += "--b" + QByteArray::number(i) + "--\r\n";
        fields.body = body;
        QTest::addRow("nested-1000-deep")
            << stored(fields) << u"analysis stopped at MIME nesting depth 64"_s;
    }
    {
        Fields fields;
        fields.content = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n"_ba;
        QByteArray body;
        for (int i = 0; i < 200000; ++i)
            body += "--b\r\n\r\nx\r\n";
        fields.body = body + "--b--\r\n";
        QTest::addRow("200000-tiny-parts")
            << stored(fields) << u"analysis stopped after 1000 MIME parts"_s;
    }
    {
        Fields fields;
        QByteArray extra;
        for (int i = 0; i < 100000; ++i)
            extra += "X-Field-" + QByteArray::number(i) + ": y\r\n";
        fields.extra = extra;
        QTest::addRow("100000-header-fields")
            << stored(fields) << u"analysis stopped after 5000 header fields"_s;
    }
    {
        // A bulk mailing: the To/Cc scan compared every address with every other.
        Fields fields;
        QByteArray to = "To: ";
        for (int i = 0; i < 120000; ++i)
            to += "u" + QByteArray::number(i) + "@example.com,\r\n ";
        fields.to = to + "last@example.com\r\n";
        QTest::addRow("120000-to-addresses")
            << stored(fields) << u"analysis stopped after 10000 To addresses"_s;
    }
}

void tst_MessageChecker::pathologicalMessagesAreBoundedAndSaySo()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, limit);
    const QList<CheckFinding> findings = MessageChecker::check(raw, envelope());
    const auto limited = std::find_if(findings.cbegin(), findings.cend(), [](const auto &f) {
        return f.code == MessageChecker::kLimitedCode;
    });
    QVERIFY2(limited != findings.cend(), qPrintable(dump(findings)));
    QVERIFY(limited->severity == Severity::Info);
    QVERIFY2(limited->message.contains(limit), qPrintable(limited->message));
    // Every finding stays readable: a list of 100,000 names is no message for people.
    for (const CheckFinding &finding : findings)
        QVERIFY2(finding.message.size() < 4000, qPrintable(finding.code));
}

void tst_MessageChecker::manyMissingAddressesAreListedBriefly()
{
    Fields fields;
    QByteArray to = "To: ";
    QList<QByteArray> recipients;
    for (int i = 0; i < 500; ++i) {
        to += "u" + QByteArray::number(i) + "@example.com,\r\n ";
        recipients.append("r" + QByteArray::number(i) + "@example.com");
    }
    fields.to = to + "last@example.com\r\n";
    const QList<CheckFinding> findings =
        MessageChecker::check(stored(fields), envelope(recipients));
    QCOMPARE(codes(findings), QStringList({u"bcc-recipient"_s, u"missing-recipient"_s}));
    QVERIFY(findings.at(0).message.startsWith(u"r0@example.com, r1@example.com"_s));
    QVERIFY2(findings.at(0).message.contains(u" and 480 more not in To or Cc"_s),
             qPrintable(findings.at(0).message));
    QVERIFY2(findings.at(1).message.contains(u"u19@example.com and 481 more in To or Cc"_s),
             qPrintable(findings.at(1).message));
}

void tst_MessageChecker::theEndOfACheckedPrefixIsNoFinding_data()
{
    // Clean messages over MessageAnalysis::kMaxCheckedBytes, and where in them the checked
    // prefix ends. Only the first bytes are checked; that the rest is missing is no truncation,
    // no unclosed multipart, no bare CR and no dangling cid: reference.
    QTest::addColumn<QByteArray>("whole");
    QTest::addColumn<qsizetype>("prefixSize");
    constexpr qsizetype limit = MessageAnalysis::kMaxCheckedBytes;
    const QByteArray base64Line = QByteArray(76, 'A') + "\r\n";
    const QByteArray bigBase64 = base64Line.repeated(limit / base64Line.size() + 20000);

    Fields attachment;
    attachment.content = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n"_ba;
    attachment.body = "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nsee the PDF\r\n"
                      "--b\r\nContent-Type: application/pdf\r\n"
                      "Content-Transfer-Encoding: base64\r\n\r\n"
                      + bigBase64 + "--b--\r\n";
    const QByteArray withAttachment = stored(attachment);
    QTest::addRow("inside-an-attachment") << withAttachment << limit;

    const qsizetype crlf = withAttachment.indexOf("\r\n", limit - 100);
    QTest::addRow("between-cr-and-lf") << withAttachment << crlf + 1;

    Fields twoAttachments = attachment;
    twoAttachments.body = "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nsee below\r\n"
                          "--b\r\nContent-Type: application/octet-stream\r\n\r\n"
                          + base64Line.repeated((limit - 2000) / base64Line.size())
                          + "--b\r\nContent-Type: application/pdf\r\n"
                            "Content-Transfer-Encoding: base64\r\n"
                            "Content-Disposition: attachment; filename=report.pdf\r\n\r\n"
                          + bigBase64 + "--b--\r\n";
    const QByteArray partHeaders = stored(twoAttachments);
    QTest::addRow("inside-a-part's-header-block")
        << partHeaders << partHeaders.indexOf("Content-Disposition") + 10;

    Fields related;
    related.content = "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=r\r\n"_ba;
    related.body = "--r\r\nContent-Type: multipart/alternative; boundary=a\r\n\r\n"
                   "--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhello\r\n"
                   "--a\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                   "<p>hello <img src=\"cid:big@x\"> <img src=\"cid:logo@x\"></p>\r\n--a--\r\n"
                   "--r\r\nContent-Type: image/png\r\nContent-ID: <big@x>\r\n"
                   "Content-Transfer-Encoding: base64\r\n\r\n"
                   + bigBase64
                   + "--r\r\nContent-Type: image/png\r\nContent-ID: <logo@x>\r\n"
                     "Content-Transfer-Encoding: base64\r\n\r\niVBORw0K\r\n--r--\r\n";
    QTest::addRow("cid-image-beyond-the-prefix") << stored(related) << limit;

    Fields longField;
    longField.extra = "X-Trace: " + QByteArray(limit + 1000, 't') + "\r\n";
    QTest::addRow("inside-a-header-field") << stored(longField) << limit;
}

void tst_MessageChecker::theEndOfACheckedPrefixIsNoFinding()
{
    QFETCH(QByteArray, whole);
    QFETCH(qsizetype, prefixSize);
    QVERIFY(whole.size() > MessageAnalysis::kMaxCheckedBytes);
    const auto problems = [](const QList<CheckFinding> &findings) {
        QList<CheckFinding> result;
        for (const CheckFinding &finding : findings) {
            // The one true finding of the over-long header row.
            if (finding.severity != Severity::Info && finding.code != u"long-line"_s)
                result.append(finding);
        }
        return result;
    };
    // The whole message is clean, so whatever the prefix shows comes from where it ends.
    QVERIFY2(problems(MessageChecker::check(whole, envelope())).isEmpty(),
             qPrintable(dump(MessageChecker::check(whole, envelope()))));

    const MessageAnalysis analysis =
        MessageAnalysis::analyse(whole.first(prefixSize), whole.size(), envelope());
    QVERIFY2(problems(analysis.findings).isEmpty(), qPrintable(dump(analysis.findings)));
    QVERIFY2(codes(analysis.findings).contains(MessageAnalysis::kPartiallyCheckedCode),
             qPrintable(dump(analysis.findings)));
    // The header summary still comes from the prefix.
    QCOMPARE(analysis.summary.subject(), u"Hello"_s);
}

QTEST_GUILESS_MAIN(tst_MessageChecker)
#include "tst_messagechecker.moc"
