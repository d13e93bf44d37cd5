// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "mimecorpus.h"

#include <QRandomGenerator>
#include <QString>

using namespace Qt::StringLiterals;

namespace MimeCorpus {

namespace {

/// The common top of a message; `contentHeaders` are the Content-* lines (CRLF-terminated).
QByteArray head(const QByteArray &subject, const QByteArray &contentHeaders)
{
    return "From: Alice Example <alice@example.com>\r\n"
           "To: Bob <bob@example.com>\r\n"
           "Subject: "_ba
           + subject
           + "\r\n"
             "Date: Thu, 1 Jan 2026 10:00:00 +0000\r\n"
             "Message-ID: <corpus@example.com>\r\n"
             "MIME-Version: 1.0\r\n"_ba
           + contentHeaders + "\r\n";
}

/// A body part: header lines (CRLF-terminated), the empty line, the body.
QByteArray part(const QByteArray &headers, const QByteArray &body)
{
    return headers + "\r\n" + body;
}

/// RFC 2046 5.1.1: each delimiter is CRLF "--" boundary, so a part's final CRLF before the
/// delimiter is not part of its content.
QByteArray multipart(const QByteArray &boundary, const QList<QByteArray> &parts, bool close = true)
{
    QByteArray body = "This is a multi-part message in MIME format.\r\n"_ba;
    for (const QByteArray &each : parts)
        body += "\r\n--" + boundary + "\r\n" + each;
    if (close)
        body += "\r\n--" + boundary + "--\r\n";
    return body;
}

QByteArray utf8(const QString &text)
{
    return text.toUtf8();
}

} // namespace

QByteArray base64Lines(const QByteArray &data)
{
    const QByteArray encoded = data.toBase64();
    QByteArray lines;
    for (qsizetype i = 0; i < encoded.size(); i += 76)
        lines += encoded.mid(i, 76) + "\r\n";
    return lines;
}

QByteArray quotedPrintable(const QByteArray &data)
{
    QByteArray out;
    qsizetype column = 0;
    for (qsizetype i = 0; i < data.size(); ++i) {
        const auto c = static_cast<unsigned char>(data.at(i));
        if (c == '\r' && i + 1 < data.size() && data.at(i + 1) == '\n') {
            out += "\r\n";
            column = 0;
            ++i;
            continue;
        }
        const bool lineEnds = i + 1 == data.size() || data.at(i + 1) == '\r';
        QByteArray token;
        // RFC 2045 6.7 rules 2 and 3: printable ASCII except "=" stays; white space too,
        // unless it ends a line.
        if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !lineEnds))
            token = QByteArray(1, char(c));
        else
            token = "=" + QByteArray::number(c, 16).rightJustified(2, '0').toUpper();
        if (column + token.size() > 75) {
            out += "=\r\n"; // soft line break (rule 5)
            column = 0;
        }
        out += token;
        column += token.size();
    }
    return out;
}

QByteArray logoPng()
{
    QByteArray png = "\x89PNG\r\n\x1a\n"_ba;
    for (int round = 0; round < 3; ++round) {
        for (int value = 0; value < 256; ++value)
            png += char(value);
    }
    return png;
}

QByteArray pdfReport()
{
    return "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj << /Type /Catalog >> endobj\n\x00\x01\x02\xff\n%%EOF\n"_ba;
}

QByteArray binaryBlob()
{
    QByteArray blob;
    for (int i = 0; i < 1000; ++i)
        blob += char((i * 37) & 0xff);
    return blob;
}

QByteArray attachedMessage()
{
    return "From: Carol <carol@example.org>\r\n"
           "To: Bob <bob@example.com>\r\n"
           "Subject: Minutes of =?UTF-8?Q?M=C3=BCnchen?= meeting\r\n"
           "Date: Wed, 31 Dec 2025 09:00:00 +0100\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n"
           "\r\n"
           "Inner body line\r\n"_ba;
}

QByteArray windows1252Text()
{
    // "Price: 5 € – “quoted” naïve\r\n"
    return "Price: 5 \x80 \x96 \x93quoted\x94 na\xEFve\r\n"_ba;
}

QByteArray latin1Text()
{
    return QString(u"Caf\u00e9 cr\u00e8me, r\u00e9sum\u00e9 = 100%\r\n"
                   "A long line that needs a soft line break because it is longer than "
                   "seventy-six characters: \u00e0 bient\u00f4t!\r\n"_s)
        .toLatin1();
}

QByteArray multilingualHeaders()
{
    // Adjacent encoded words join without the space between them (RFC 2047 6.2), so the
    // first word carries the trailing space.
    const QByteArray subject =
        "=?UTF-8?B?" + utf8(u"Grüße ✓ "_s).toBase64() + "?=\r\n =?ISO-8859-1?Q?=E0_vous?=";
    return "From: =?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?= <taro@example.jp>\r\n"
           "To: =?windows-1252?Q?=80uro_Fan?= <euro@example.com>\r\n"
           "Cc: =?UTF-8?Q?Ren=C3=A9?= <rene@example.fr>, =?iso-8859-1?b?SvxyZ2Vu?= "
           "<juergen@example.de>\r\n"
           "Subject: "_ba
           + subject
           + "\r\n"
             "Date: Thu, 1 Jan 2026 10:00:00 +0900\r\n"
             "Message-ID: <multilingual@example.jp>\r\n"
             "MIME-Version: 1.0\r\n"
             "Content-Type: text/plain; charset=ISO-2022-JP\r\n"
             "Content-Transfer-Encoding: 7bit\r\n"
             "\r\n"
             "\x1b$B$3$s$K$A$O\x1b(B, world\r\n"_ba;
}

QByteArray nestedRelated()
{
    const QByteArray text =
        quotedPrintable(utf8(u"Hello Bob,\r\nthe report for Q4 is attached. Grüße!\r\n"_s));
    const QByteArray html =
        base64Lines(utf8(u"<html><body><p>Hello Bob,</p><p>the report is attached. Grüße!</p>"
                         "<img src=\"cid:logo@x\" alt=\"logo\"></body></html>\r\n"_s));
    const QByteArray alternative =
        multipart("=_alt", {part("Content-Type: text/plain; charset=utf-8\r\n"
                                 "Content-Transfer-Encoding: quoted-printable\r\n"_ba,
                                 text),
                            part("Content-Type: text/html; charset=utf-8\r\n"
                                 "Content-Transfer-Encoding: base64\r\n"_ba,
                                 html)});
    const QByteArray related = multipart(
        "=_related",
        {part("Content-Type: multipart/alternative; boundary=\"=_alt\"\r\n"_ba, alternative),
         // No Content-Disposition: inline because the HTML references it.
         part("Content-Type: image/png\r\n"
              "Content-Transfer-Encoding: base64\r\n"
              "Content-ID: <logo@x>\r\n"_ba,
              base64Lines(logoPng()))});
    const QByteArray mixed = multipart(
        "=_mixed",
        {part("Content-Type: multipart/related; boundary=\"=_related\"; "
              "type=\"multipart/alternative\"\r\n"_ba,
              related),
         part("Content-Type: application/pdf; name*=UTF-8''%E2%82%AC%20report.pdf\r\n"
              "Content-Disposition: attachment; filename*=UTF-8''%E2%82%AC%20report.pdf\r\n"
              "Content-Transfer-Encoding: base64\r\n"_ba,
              base64Lines(pdfReport())),
         part("Content-Type: application/octet-stream\r\n"
              "Content-Disposition: attachment;\r\n"
              " filename*0*=UTF-8''%E2%82%AC%20very;\r\n"
              " filename*1*=%20long%20name.bin\r\n"
              "Content-Transfer-Encoding: base64\r\n"_ba,
              base64Lines(binaryBlob())),
         part("Content-Type: message/rfc822\r\n"_ba, attachedMessage())});
    return head("Quarterly report", "Content-Type: multipart/mixed; boundary=\"=_mixed\"\r\n"_ba)
           + mixed;
}

QByteArray quotedPrintableBody()
{
    return head("Quoted-printable", "Content-Type: text/plain; charset=iso-8859-1\r\n"
                                    "Content-Transfer-Encoding: quoted-printable\r\n"_ba)
           + quotedPrintable(latin1Text());
}

QByteArray base64Body()
{
    return head("Base64", "Content-Type: text/plain; charset=windows-1252\r\n"
                          "Content-Transfer-Encoding: base64\r\n"_ba)
           + base64Lines(windows1252Text());
}

QByteArray brokenBoundary()
{
    // The alternative never writes "--=_alt--": the outer boundary ends it.
    const QByteArray alternative = "\r\n--=_alt\r\n"
                                   "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                                   "broken but readable\r\n"
                                   "--=_alt\r\n"
                                   "Content-Type: text/html; charset=utf-8\r\n\r\n"
                                   "<p>broken but readable</p>\r\n"_ba;
    return head("Broken boundary", "Content-Type: multipart/mixed; boundary=\"=_outer\"\r\n"_ba)
           + "\r\n--=_outer\r\n"
             "Content-Type: multipart/alternative; boundary=\"=_alt\"\r\n\r\n"
           + alternative
           + "--=_outer\r\n"
             "Content-Type: application/octet-stream\r\n"
             "Content-Disposition: attachment; filename=data.bin\r\n\r\n"
             "data\r\n"
             "--=_outer--\r\n";
}

QByteArray missingClosingBoundary()
{
    return head("Missing closing boundary",
                "Content-Type: multipart/mixed; boundary=\"=_b\"\r\n"_ba)
           + multipart(
               "=_b",
               {part("Content-Type: text/plain; charset=utf-8\r\n"_ba, "the body survives\r\n"_ba),
                part("Content-Type: text/csv\r\n"
                     "Content-Disposition: attachment; filename=\"numbers.csv\"\r\n"_ba,
                     "1,2,3\r\n"_ba)},
               false);
}

QByteArray multipartWithoutBoundary()
{
    return head("No boundary", "Content-Type: multipart/mixed\r\n"_ba)
           + "--x\r\nContent-Type: text/plain\r\n\r\nlost\r\n--x--\r\n";
}

QByteArray multipartWithoutParts()
{
    return head("No parts", "Content-Type: multipart/mixed; boundary=b\r\n"_ba) + "--b--\r\n";
}

QByteArray hugeSingleLine(qsizetype bytes)
{
    return head("Huge line", "Content-Type: text/plain; charset=us-ascii\r\n"_ba)
           + QByteArray(bytes, 'a') + "\r\n";
}

QByteArray binaryJunk(qsizetype bytes)
{
    QRandomGenerator generator(20260101);
    QByteArray junk(bytes, Qt::Uninitialized);
    for (char &c : junk)
        c = char(generator.bounded(256));
    return junk;
}

QByteArray headersOnly()
{
    return "From: alice@example.com\r\nSubject: Only headers\r\n"_ba;
}

QByteArray eightBitWithoutCharset(bool latin1)
{
    const QString text = u"Grüße aus Köln\r\n"_s;
    return head("8-bit", "Content-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n"_ba)
           + (latin1 ? text.toLatin1() : text.toUtf8());
}

QByteArray unknownCharset()
{
    return head("Unknown charset", "Content-Type: text/plain; charset=x-letterbox-unknown\r\n"_ba)
           + utf8(u"naïve text\r\n"_s);
}

QByteArray deeplyNested(int levels)
{
    QByteArray message = head("Deep", "Content-Type: multipart/mixed; boundary=b0\r\n"_ba);
    for (int i = 0; i < levels; ++i) {
        message += "--b" + QByteArray::number(i) + "\r\n";
        if (i + 1 < levels) {
            message += "Content-Type: multipart/mixed; boundary=b" + QByteArray::number(i + 1)
                       + "\r\n\r\n";
        }
    }
    message += "Content-Type: text/plain\r\n\r\ndeep text\r\n";
    for (int i = levels - 1; i >= 0; --i)
        message += "--b" + QByteArray::number(i) + "--\r\n";
    return message;
}

QByteArray alternativeRichestLast()
{
    return head("Alternatives", "Content-Type: multipart/alternative; boundary=alt\r\n"_ba)
           + multipart("alt", {part("Content-Type: text/plain\r\n"_ba, "plain one\r\n"_ba),
                               part("Content-Type: text/plain\r\n"_ba, "plain two\r\n"_ba),
                               part("Content-Type: text/html\r\n"_ba, "<b>rich</b>\r\n"_ba)});
}

QByteArray textAttachmentFirst()
{
    return head("Text attachment", "Content-Type: multipart/mixed; boundary=mix\r\n"_ba)
           + multipart("mix", {part("Content-Type: text/plain; name=notes.txt\r\n"
                                    "Content-Disposition: attachment; filename=notes.txt\r\n"_ba,
                                    "attached notes\r\n"_ba),
                               part("Content-Type: text/plain; charset=utf-8\r\n"_ba,
                                    "the real body\r\n"_ba),
                               part("Content-Type: text/plain; charset=utf-8\r\n"_ba,
                                    "a second text part\r\n"_ba)});
}

QByteArray onlyAttachedMessage()
{
    return head("Forwarded", "Content-Type: message/rfc822\r\n"_ba) + attachedMessage();
}

QByteArray datedWithOffset()
{
    return "From: Alice <alice@example.com>\r\n"
           "To: =?UTF-8?Q?Bj=C3=B6rn?= <bjorn@example.se>,\r\n"
           "\tCarol <carol@example.org>\r\n"
           "Cc: \"Doe, John\" <john@example.com>\r\n"
           "Subject: Folded\r\n"
           "  subject line\r\n"
           "Date: Thu, 1 Jan 2026 10:00:00 +0230\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n"
           "X-Custom: =?UTF-8?Q?caf=C3=A9?=\r\n"
           "\r\n"
           "body\r\n"_ba;
}

QList<Sample> all()
{
    return {
        {"multilingual-headers", multilingualHeaders()},
        {"nested-related", nestedRelated()},
        {"quoted-printable", quotedPrintableBody()},
        {"base64", base64Body()},
        {"broken-boundary", brokenBoundary()},
        {"missing-closing-boundary", missingClosingBoundary()},
        {"multipart-without-boundary", multipartWithoutBoundary()},
        {"multipart-without-parts", multipartWithoutParts()},
        {"huge-single-line", hugeSingleLine(5 * 1024 * 1024)},
        {"binary-junk", binaryJunk(64 * 1024)},
        {"empty", QByteArray()},
        {"headers-only", headersOnly()},
        {"eight-bit-utf8", eightBitWithoutCharset(false)},
        {"eight-bit-latin1", eightBitWithoutCharset(true)},
        {"unknown-charset", unknownCharset()},
        {"deeply-nested", deeplyNested(100)},
        {"alternative-richest-last", alternativeRichestLast()},
        {"text-attachment-first", textAttachmentFirst()},
        {"only-attached-message", onlyAttachedMessage()},
        {"dated-with-offset", datedWithOffset()},
    };
}

} // namespace MimeCorpus
