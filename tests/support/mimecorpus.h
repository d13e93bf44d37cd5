// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>

/// Real-world-shaped messages for the MIME tests, built as CRLF bytes the way mail clients
/// write them. The payload functions return what the generator encoded, so a test can compare
/// decoded parts with the original bytes.
namespace MimeCorpus {

// ---- encoders (RFC 2045) ----

/// Base64 in 76-column CRLF lines (RFC 2045 6.8).
QByteArray base64Lines(const QByteArray &data);
/// Quoted-printable with soft line breaks at 76 columns; CRLF stays a hard line break.
QByteArray quotedPrintable(const QByteArray &data);

// ---- payloads ----

/// A small "PNG": the signature and every byte value, so base64 round trips are exact.
QByteArray logoPng();
/// A small "PDF" with binary bytes.
QByteArray pdfReport();
/// Arbitrary binary data of the attachment with a continued RFC 2231 file name.
QByteArray binaryBlob();
/// The message attached as message/rfc822 in nestedRelated(), byte for byte.
QByteArray attachedMessage();
/// The Windows-1252 bytes of base64Body()'s text.
QByteArray windows1252Text();
/// The ISO-8859-1 bytes of quotedPrintableBody()'s text.
QByteArray latin1Text();

// ---- messages ----

/// RFC 2047 B and Q words in UTF-8, ISO-8859-1, ISO-2022-JP and Windows-1252; an ISO-2022-JP
/// body.
QByteArray multilingualHeaders();
/// multipart/mixed > multipart/related > multipart/alternative (text, HTML with
/// <img src="cid:logo@x">), the image with that Content-ID, a PDF named with RFC 2231
/// (name*=UTF-8''%E2%82%AC%20report.pdf), a blob named with RFC 2231 continuations
/// (filename*0*, filename*1*), and a message/rfc822 without a name. Leaves 0..5 in that order.
QByteArray nestedRelated();
QByteArray quotedPrintableBody();
QByteArray base64Body();
/// An inner multipart/alternative that the outer boundary closes before its own does.
QByteArray brokenBoundary();
/// multipart/mixed whose closing boundary never comes.
QByteArray missingClosingBoundary();
QByteArray multipartWithoutBoundary();
QByteArray multipartWithoutParts();
/// A text/plain body of one line of `bytes` octets.
QByteArray hugeSingleLine(qsizetype bytes);
/// Deterministic random bytes.
QByteArray binaryJunk(qsizetype bytes);
QByteArray headersOnly();
/// text/plain without charset and 8-bit text, in UTF-8 or (when `latin1`) ISO-8859-1.
QByteArray eightBitWithoutCharset(bool latin1);
QByteArray unknownCharset();
/// `levels` nested multipart/mixed around one text/plain part.
QByteArray deeplyNested(int levels);
/// Alternatives in the RFC 2046 order: text "plain one", text "plain two", HTML.
QByteArray alternativeRichestLast();
/// multipart/mixed: a text/plain attachment, then the real text body, then a second text part.
QByteArray textAttachmentFirst();
/// A message whose only part is message/rfc822.
QByteArray onlyAttachedMessage();
/// Date with a +02:30 offset and folded, encoded To and Cc.
QByteArray datedWithOffset();

/// Every message above with a name, for "never crashes" loops.
struct Sample
{
    const char *name;
    QByteArray raw;
};
QList<Sample> all();

} // namespace MimeCorpus
