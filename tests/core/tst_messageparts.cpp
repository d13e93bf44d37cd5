// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "mime/messageparts.h"
#include "mime/mimebounds.h"
#include "mimecorpus.h"

#include <algorithm>

#include <QRegularExpression>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

/// One attachment as a comparable line: "name|type|size|cid|inline".
QString describe(const MessageAttachment &attachment)
{
    return u"%1|%2|%3|%4|%5"_s.arg(attachment.fileName, attachment.contentType)
        .arg(attachment.size)
        .arg(attachment.contentId, attachment.isInline ? u"inline"_s : u"-"_s);
}

QStringList describe(const QList<MessageAttachment> &attachments)
{
    QStringList lines;
    for (const MessageAttachment &attachment : attachments)
        lines.append(describe(attachment));
    return lines;
}

QString line(const QString &name, const QString &type, qint64 size, const QString &cid = {},
             bool isInline = false)
{
    return describe({-1, name, type, cid, size, isInline});
}

} // namespace

class tst_MessageParts final : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void headersInOrder();
    void dateKeepsItsOffset_data();
    void dateKeepsItsOffset();
    void attachmentIndexesAreDepthFirst();
    void partContentRoundTrips_data();
    void partContentRoundTrips();
    void partContentOfMissingPart_data();
    void partContentOfMissingPart();
    void findByContentId_data();
    void findByContentId();
    void warnings_data();
    void warnings();
    void neverCrashes_data();
    void neverCrashes();
    void truncatedAnywhere();
    void parsesInParallel();
    void partsBeyondTheBoundAreNotShown();
    void warningOffsetsCountTheMessageAsReceived();
};

void tst_MessageParts::parse_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("text"); // a snippet of the text body; null: no text body
    QTest::addColumn<QString>("html"); // a snippet of the HTML body; null: no HTML body
    QTest::addColumn<QStringList>("attachments");
    QTest::addColumn<bool>("broken"); // warnings expected

    const QString none;
    const QString alice = u"Alice Example <alice@example.com>"_s;

    QTest::addRow("multilingual-headers")
        << MimeCorpus::multilingualHeaders() << u"Grüße ✓ à vous"_s
        << u"こんにちは <taro@example.jp>"_s << u"こんにちは, world\n"_s << none << QStringList()
        << false;
    QTest::addRow("nested-related")
        << MimeCorpus::nestedRelated() << u"Quarterly report"_s << alice
        << u"Hello Bob,\nthe report for Q4 is attached. Grüße!\n"_s
        << u"<img src=\"cid:logo@x\" alt=\"logo\">"_s
        << QStringList{line(u"€ report.pdf"_s, u"application/pdf"_s,
                            MimeCorpus::pdfReport().size()),
                       line(u"€ very long name.bin"_s, u"application/octet-stream"_s,
                            MimeCorpus::binaryBlob().size()),
                       line(u"Minutes of München meeting.eml"_s, u"message/rfc822"_s,
                            MimeCorpus::attachedMessage().size())}
        << false;
    QTest::addRow("quoted-printable")
        << MimeCorpus::quotedPrintableBody() << u"Quoted-printable"_s << alice
        << u"Café crème, résumé = 100%\nA long line that needs a soft line break because it is "
           "longer than seventy-six characters: à bientôt!\n"_s
        << none << QStringList() << false;
    QTest::addRow("base64-windows-1252")
        << MimeCorpus::base64Body() << u"Base64"_s << alice << u"Price: 5 € – “quoted” naïve\n"_s
        << none << QStringList() << false;
    QTest::addRow("broken-boundary")
        << MimeCorpus::brokenBoundary() << u"Broken boundary"_s << alice << u"broken but readable"_s
        << u"<p>broken but readable</p>"_s
        << QStringList{line(u"data.bin"_s, u"application/octet-stream"_s, 4)} << true;
    QTest::addRow("missing-closing-boundary")
        << MimeCorpus::missingClosingBoundary() << u"Missing closing boundary"_s << alice
        << u"the body survives\n"_s << none << QStringList{line(u"numbers.csv"_s, u"text/csv"_s, 7)}
        << true;
    QTest::addRow("multipart-without-boundary")
        << MimeCorpus::multipartWithoutBoundary() << u"No boundary"_s << alice << none << none
        << QStringList() << true;
    QTest::addRow("multipart-without-parts") << MimeCorpus::multipartWithoutParts() << u"No parts"_s
                                             << alice << none << none << QStringList() << true;
    QTest::addRow("huge-single-line")
        << MimeCorpus::hugeSingleLine(5 * 1024 * 1024) << u"Huge line"_s << alice
        << QString(5 * 1024 * 1024, u'a') << none << QStringList() << false;
    QTest::addRow("binary-junk") << MimeCorpus::binaryJunk(64 * 1024) << u""_s << u""_s << none
                                 << none << QStringList() << true;
    QTest::addRow("empty") << QByteArray() << u""_s << u""_s << none << none << QStringList()
                           << true;
    QTest::addRow("headers-only") << MimeCorpus::headersOnly() << u"Only headers"_s
                                  << u"alice@example.com"_s << u""_s << none << QStringList()
                                  << true;
    QTest::addRow("eight-bit-utf8-without-charset")
        << MimeCorpus::eightBitWithoutCharset(false) << u"8-bit"_s << alice << u"Grüße aus Köln\n"_s
        << none << QStringList() << false;
    QTest::addRow("eight-bit-latin1-without-charset")
        << MimeCorpus::eightBitWithoutCharset(true) << u"8-bit"_s << alice << u"Grüße aus Köln\n"_s
        << none << QStringList() << false;
    QTest::addRow("unknown-charset") << MimeCorpus::unknownCharset() << u"Unknown charset"_s
                                     << alice << u"naïve text\n"_s << none << QStringList() << true;
    QTest::addRow("nested-100-deep") << MimeCorpus::deeplyNested(100) << u"Deep"_s << alice << none
                                     << none << QStringList() << true;
    // The text sits one level below the innermost multipart: 64 levels are read, 65 are not.
    QTest::addRow("nested-64-deep") << MimeCorpus::deeplyNested(64) << u"Deep"_s << alice
                                    << u"deep text"_s << none << QStringList() << false;
    QTest::addRow("nested-65-deep") << MimeCorpus::deeplyNested(65) << u"Deep"_s << alice << none
                                    << none << QStringList() << true;
    QTest::addRow("alternative-richest-last")
        << MimeCorpus::alternativeRichestLast() << u"Alternatives"_s << alice << u"plain two\n"_s
        << u"<b>rich</b>\n"_s << QStringList() << false;
    QTest::addRow("text-attachment-is-no-body")
        << MimeCorpus::textAttachmentFirst() << u"Text attachment"_s << alice
        << u"the real body\n"_s << none
        << QStringList{line(u"notes.txt"_s, u"text/plain"_s, 16), line(u""_s, u"text/plain"_s, 20)}
        << false;
    QTest::addRow("attached-message-text-is-no-body")
        << MimeCorpus::onlyAttachedMessage() << u"Forwarded"_s << alice << none << none
        << QStringList{line(u"Minutes of München meeting.eml"_s, u"message/rfc822"_s,
                            MimeCorpus::attachedMessage().size())}
        << true;
}

void tst_MessageParts::parse()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, subject);
    QFETCH(QString, from);
    QFETCH(QString, text);
    QFETCH(QString, html);
    QFETCH(QStringList, attachments);
    QFETCH(bool, broken);

    const MessageParts parts = MessageParts::parse(raw);
    QCOMPARE(parts.subject, subject);
    QCOMPARE(parts.from, from);
    if (text.isNull())
        QVERIFY2(parts.text.isEmpty(), qPrintable(parts.text.left(200)));
    else
        QVERIFY2(parts.text.contains(text), qPrintable(parts.text.left(200)));
    if (html.isNull())
        QVERIFY2(parts.html.isEmpty(), qPrintable(parts.html.left(200)));
    else
        QVERIFY2(parts.html.contains(html), qPrintable(parts.html.left(200)));
    QCOMPARE(describe(parts.attachments), attachments);
    // The one image the corpus's HTML shows by cid: is part of the body, not an attachment.
    QCOMPARE(describe(parts.inlineImages),
             QTest::currentDataTag() == QByteArrayView("nested-related") ? QStringList{line(
                 u""_s, u"image/png"_s, MimeCorpus::logoPng().size(), u"logo@x"_s, true)}
                                                                         : QStringList());
    QVERIFY2(parts.warnings.isEmpty() != broken, qPrintable(parts.warnings.join(u" / "_s)));
}

void tst_MessageParts::headersInOrder()
{
    const MessageParts parts = MessageParts::parse(MimeCorpus::datedWithOffset());
    QStringList names;
    for (const MessageHeader &header : parts.headers)
        names.append(header.name);
    // Content-Type sits between Date and X-Custom although GMime files it with the body part.
    QCOMPARE(names, (QStringList{u"From"_s, u"To"_s, u"Cc"_s, u"Subject"_s, u"Date"_s,
                                 u"Content-Type"_s, u"X-Custom"_s}));
    QCOMPARE(parts.headers.at(3).value, u"Folded  subject line"_s);
    QCOMPARE(parts.headers.at(3).raw, "Subject: Folded\r\n  subject line"_ba);
    QCOMPARE(parts.headers.at(6).value, u"café"_s);
    QCOMPARE(parts.subject, u"Folded  subject line"_s);
    QCOMPARE(parts.to, u"Björn <bjorn@example.se>, Carol <carol@example.org>"_s);
    QCOMPARE(parts.cc, u"\"Doe, John\" <john@example.com>"_s);

    const MessageParts multilingual = MessageParts::parse(MimeCorpus::multilingualHeaders());
    QCOMPARE(multilingual.to, u"€uro Fan <euro@example.com>"_s);
    QCOMPARE(multilingual.cc, u"René <rene@example.fr>, Jürgen <juergen@example.de>"_s);
}

void tst_MessageParts::dateKeepsItsOffset_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QDateTime>("date");
    QTest::addColumn<int>("offset");

    QTest::addRow("plus-0230") << MimeCorpus::datedWithOffset()
                               << QDateTime(QDate(2026, 1, 1), QTime(7, 30), Qt::UTC) << 9000;
    QTest::addRow("plus-0900") << MimeCorpus::multilingualHeaders()
                               << QDateTime(QDate(2026, 1, 1), QTime(1, 0), Qt::UTC) << 32400;
    QTest::addRow("minus-0500") << "Date: Wed, 31 Dec 2025 23:59:59 -0500\r\n\r\nx\r\n"_ba
                                << QDateTime(QDate(2026, 1, 1), QTime(4, 59, 59), Qt::UTC)
                                << -18000;
    QTest::addRow("missing") << MimeCorpus::headersOnly() << QDateTime() << 0;
    QTest::addRow("garbage") << "Date: next tuesday-ish\r\n\r\nx\r\n"_ba << QDateTime() << 0;
}

void tst_MessageParts::dateKeepsItsOffset()
{
    QFETCH(QByteArray, raw);
    QFETCH(QDateTime, date);
    QFETCH(int, offset);

    const MessageParts parts = MessageParts::parse(raw);
    QCOMPARE(parts.date.isValid(), date.isValid());
    if (!date.isValid())
        return;
    QCOMPARE(parts.date, date);
    QCOMPARE(parts.date.offsetFromUtc(), offset);
}

void tst_MessageParts::attachmentIndexesAreDepthFirst()
{
    const MessageParts parts = MessageParts::parse(MimeCorpus::nestedRelated());
    // Attachments and the inline images the HTML shows are numbered in one depth-first walk;
    // each list keeps that order. Leaves 0 and 1 are the chosen text and HTML bodies.
    QList<int> attachments;
    for (const MessageAttachment &attachment : parts.attachments)
        attachments.append(attachment.partIndex);
    QList<int> inlineImages;
    for (const MessageAttachment &image : parts.inlineImages)
        inlineImages.append(image.partIndex);
    QVERIFY(std::is_sorted(attachments.begin(), attachments.end()));
    QVERIFY(std::is_sorted(inlineImages.begin(), inlineImages.end()));
    QList<int> all = attachments + inlineImages;
    std::sort(all.begin(), all.end());
    QCOMPARE(all, (QList<int>{2, 3, 4, 5}));
}

void tst_MessageParts::partContentRoundTrips_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<int>("index");
    QTest::addColumn<QByteArray>("content");

    const QByteArray nested = MimeCorpus::nestedRelated();
    QTest::addRow("quoted-printable-text")
        << nested << 0 << u"Hello Bob,\r\nthe report for Q4 is attached. Grüße!\r\n"_s.toUtf8();
    QTest::addRow("base64-inline-image") << nested << 2 << MimeCorpus::logoPng();
    QTest::addRow("base64-pdf") << nested << 3 << MimeCorpus::pdfReport();
    QTest::addRow("rfc2231-continued-name") << nested << 4 << MimeCorpus::binaryBlob();
    QTest::addRow("attached-message") << nested << 5 << MimeCorpus::attachedMessage();
    QTest::addRow("windows-1252-stays-bytes")
        << MimeCorpus::base64Body() << 0 << MimeCorpus::windows1252Text();
    QTest::addRow("latin1-quoted-printable")
        << MimeCorpus::quotedPrintableBody() << 0 << MimeCorpus::latin1Text();
    QTest::addRow("only-attached-message")
        << MimeCorpus::onlyAttachedMessage() << 0 << MimeCorpus::attachedMessage();
    QTest::addRow("huge-line") << MimeCorpus::hugeSingleLine(5 * 1024 * 1024) << 0
                               << QByteArray(5 * 1024 * 1024, 'a') + "\r\n";
}

void tst_MessageParts::partContentRoundTrips()
{
    QFETCH(QByteArray, raw);
    QFETCH(int, index);
    QFETCH(QByteArray, content);

    const std::optional<QByteArray> decoded = MessageParts::partContent(raw, index);
    QVERIFY(decoded.has_value());
    QCOMPARE(decoded->size(), content.size());
    QCOMPARE(*decoded, content);
}

void tst_MessageParts::partContentOfMissingPart_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<int>("index");

    QTest::addRow("negative") << MimeCorpus::nestedRelated() << -1;
    QTest::addRow("past-the-end") << MimeCorpus::nestedRelated() << 6;
    QTest::addRow("empty-message") << QByteArray() << 0;
    QTest::addRow("junk") << MimeCorpus::binaryJunk(4096) << 0;
    QTest::addRow("multipart-without-parts") << MimeCorpus::multipartWithoutParts() << 0;
}

void tst_MessageParts::partContentOfMissingPart()
{
    QFETCH(QByteArray, raw);
    QFETCH(int, index);
    QVERIFY(!MessageParts::partContent(raw, index).has_value());
}

void tst_MessageParts::findByContentId_data()
{
    QTest::addColumn<QString>("contentId");
    QTest::addColumn<int>("partIndex"); // -1: not found

    QTest::addRow("bare") << u"logo@x"_s << 2;
    QTest::addRow("with-brackets") << u"<logo@x>"_s << 2;
    QTest::addRow("unknown") << u"nothing@x"_s << -1;
    QTest::addRow("case-differs") << u"LOGO@x"_s << -1;
    QTest::addRow("empty") << u""_s << -1;
    QTest::addRow("only-brackets") << u"<>"_s << -1;
}

void tst_MessageParts::findByContentId()
{
    QFETCH(QString, contentId);
    QFETCH(int, partIndex);

    const MessageParts parts = MessageParts::parse(MimeCorpus::nestedRelated());
    const std::optional<MessageAttachment> found = MessageParts::findByContentId(parts, contentId);
    QCOMPARE(found.has_value(), partIndex >= 0);
    if (found) {
        QCOMPARE(found->partIndex, partIndex);
        QCOMPARE(found->contentType, u"image/png"_s);
    }
}

void tst_MessageParts::warnings_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("warning"); // a snippet one of the warnings contains

    QTest::addRow("unclosed-boundary")
        << MimeCorpus::missingClosingBoundary() << u"closing boundary"_s;
    QTest::addRow("boundary-closed-by-parent")
        << MimeCorpus::brokenBoundary() << u"multipart/alternative ends without"_s;
    QTest::addRow("no-boundary") << MimeCorpus::multipartWithoutBoundary()
                                 << u"multipart/mixed without a boundary"_s;
    QTest::addRow("no-parts") << MimeCorpus::multipartWithoutParts()
                              << u"multipart/mixed without any part"_s;
    QTest::addRow("unknown-charset")
        << MimeCorpus::unknownCharset() << u"unknown charset x-letterbox-unknown in part 0"_s;
    QTest::addRow("too-deep") << MimeCorpus::deeplyNested(100) << u"nesting depth 64"_s;
    QTest::addRow("no-body") << MimeCorpus::multipartWithoutParts() << u"no text or HTML body"_s;
    QTest::addRow("empty") << QByteArray() << u"empty message"_s;
    QTest::addRow("junk") << MimeCorpus::binaryJunk(4096) << u"not a message"_s;
    QTest::addRow("invalid-utf8")
        << "Content-Type: text/plain; charset=utf-8\r\n\r\nbad \xff byte\r\n"_ba
        << u"invalid utf-8 in part 0"_s;
    QTest::addRow("invalid-iso-2022-jp")
        << "Content-Type: text/plain; charset=iso-2022-jp\r\n\r\n\x1b$B\xff\xfe\x1b(B\r\n"_ba
        << u"invalid byte sequences for charset iso-2022-jp in part 0"_s;
    QTest::addRow("header-field-10mb")
        << "X-Long: "_ba + QByteArray(10 * 1024 * 1024, 'x') + "\r\n\r\nbody\r\n"
        << u"header field X-Long analysed only in its first 256 KiB"_s;
}

void tst_MessageParts::warnings()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, warning);

    const MessageParts parts = MessageParts::parse(raw);
    const QString all = parts.warnings.join(u" / "_s);
    QVERIFY2(all.contains(warning, Qt::CaseInsensitive), qPrintable(all));
}

void tst_MessageParts::neverCrashes_data()
{
    QTest::addColumn<QByteArray>("raw");
    for (const MimeCorpus::Sample &sample : MimeCorpus::all())
        QTest::addRow("%s", sample.name) << sample.raw;
    QTest::addRow("nul-bytes") << "Subject: a\0b\r\n\r\n\0\0\0"_ba;
    QTest::addRow("only-newlines") << QByteArray(10000, '\n');
    QTest::addRow("only-crs") << QByteArray(10000, '\r');
    QTest::addRow("header-line-10mb") << "X-Long: "_ba + QByteArray(10 * 1024 * 1024, 'x');
    QTest::addRow("folded-header-10mb")
        << "To: "_ba + QByteArray("someone@example.com,\r\n ").repeated(400000) + "x@y\r\n\r\n";
    QTest::addRow("boundary-is-empty")
        << "Content-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n\r\nx\r\n----\r\n"_ba;
    QTest::addRow("endless-encoded-words")
        << "Subject: "_ba + QByteArray("=?UTF-8?B?////?= ").repeated(5000) + "\r\n\r\n";
    QTest::addRow("broken-base64")
        << "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!@@@===\r\n"_ba;
    QTest::addRow("rfc822-empty") << "Content-Type: message/rfc822\r\n\r\n"_ba;
}

void tst_MessageParts::neverCrashes()
{
    QFETCH(QByteArray, raw);
    const MessageParts parts = MessageParts::parse(raw);
    for (int index = -1; index <= parts.attachments.size() + 2; ++index)
        MessageParts::partContent(raw, index);
    for (const MessageAttachment &attachment : parts.attachments)
        QVERIFY(MessageParts::partContent(raw, attachment.partIndex).has_value());
}

void tst_MessageParts::truncatedAnywhere()
{
    // A message cut at any byte (a client that died mid-DATA) still parses.
    const QByteArray nested = MimeCorpus::nestedRelated();
    for (qsizetype length = 0; length < nested.size(); length += 37) {
        const QByteArray cut = nested.first(length);
        const MessageParts parts = MessageParts::parse(cut);
        for (const MessageAttachment &attachment : parts.attachments)
            QVERIFY(MessageParts::partContent(cut, attachment.partIndex).has_value());
    }
}

void tst_MessageParts::parsesInParallel()
{
    const QByteArray nested = MimeCorpus::nestedRelated();
    const QByteArray multilingual = MimeCorpus::multilingualHeaders();
    std::atomic<int> wrong{0};
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back(QThread::create([&] {
            for (int i = 0; i < 200; ++i) {
                if (MessageParts::parse(nested).attachments.size() != 3)
                    ++wrong;
                if (!MessageParts::parse(multilingual).text.startsWith(u"こんにちは"_s))
                    ++wrong;
            }
        }));
        threads.back()->start();
    }
    for (const auto &thread : threads)
        QVERIFY(thread->wait(120000));
    QCOMPARE(wrong.load(), 0);
}

void tst_MessageParts::partsBeyondTheBoundAreNotShown()
{
    QByteArray raw = "From: a@example.com\r\nMIME-Version: 1.0\r\n"
                     "Content-Type: multipart/mixed; boundary=b\r\n\r\n"_ba;
    for (int i = 0; i < 5000; ++i)
        raw += "--b\r\nContent-Type: text/plain\r\n\r\npart " + QByteArray::number(i) + "\r\n";
    raw += "--b--\r\n";
    const MessageParts parts = MessageParts::parse(raw);
    QCOMPARE(parts.text, u"part 0"_s);
    // The first is the body; the other 999 of the 1000 parsed parts are attachments.
    QCOMPARE(parts.attachments.size(), 999);
    QVERIFY(parts.warnings.contains(
        u"analysis stopped after 1000 MIME parts; the rest is not shown"_s));
    // MimeBounds closed the multipart it cut, so GMime saw no truncated message.
    for (const QString &warning : parts.warnings)
        QVERIFY2(!warning.contains(u"closing boundary"_s) && !warning.contains(u"truncated"_s),
                 qPrintable(warning));
}

/// A parser warning after a shortened field still says where it is in the message as
/// received: the two messages differ only in the length of X-Long before the repeated field.
void tst_MessageParts::warningOffsetsCountTheMessageAsReceived()
{
    const auto message = [](qsizetype longLength) -> QByteArray {
        return "From: a@example.com\r\nX-Long: "_ba + QByteArray(longLength, 'x')
               + "\r\nContent-Type: text/plain; charset=utf-8; charset=latin1\r\n\r\nbody\r\n";
    };
    const auto offset = [](const QByteArray &raw) -> qint64 {
        static const QRegularExpression at(
            u"parameter charset repeated[^(]*\\(at byte (\\d+)\\)"_s);
        const QString warnings = MessageParts::parse(raw).warnings.join(u" / "_s);
        const QRegularExpressionMatch match = at.match(warnings);
        return match.hasMatch() ? match.captured(1).toLongLong() : -1;
    };
    const qsizetype shortLength = 10;
    const qsizetype longLength = 2 * MimeBounds::kMaxHeaderFieldBytes;
    const qint64 near = offset(message(shortLength));
    QVERIFY2(near > 0,
             qPrintable(MessageParts::parse(message(shortLength)).warnings.join(u" / "_s)));
    QCOMPARE(offset(message(longLength)), near + (longLength - shortLength));
}

QTEST_GUILESS_MAIN(tst_MessageParts)
#include "tst_messageparts.moc"
