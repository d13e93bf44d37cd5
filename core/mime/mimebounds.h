// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

/// How much of a message MIME parsing may look at. GMime builds an object per part and per
/// header field and its cost grows faster than the input: measured on this kind of machine, a
/// 10 MB message of a million empty parts took 12 s and 1.3 GB, half a million header fields
/// 1.5 s and 270 MB. scan() walks the MIME skeleton once, in linear time and without
/// allocating per line, and says where to cut so that what GMime sees stays within the limits
/// below; MimeDocument then parses only that much and closes the multiparts left open.
///
/// A pure function; thread-safe.
class MimeBounds final
{
public:
    /// Parts (leaves and multiparts) beyond this are not parsed.
    static constexpr int kMaxParts = 1000;
    /// Multipart and message/rfc822 nesting beyond this is not parsed: nobody writes more, and
    /// each level costs stack in GMime and in the tree walk.
    static constexpr int kMaxDepth = 64;
    /// Header fields, counted over the top-level header block and every part's.
    static constexpr int kMaxHeaderFields = 5000;
    /// A header field longer than this, folded lines included, reaches the parser shortened:
    /// GMime grows its buffer for a field by one read chunk at a time, which costs time
    /// quadratic in the field's length wherever realloc cannot grow in place (a 10 MB field
    /// took minutes under AddressSanitizer). RFC 5322 lines stop at 998 bytes and Postfix keeps
    /// at most 100 KiB of a whole header block, so no real field comes near it.
    static constexpr qsizetype kMaxHeaderFieldBytes = 256 * 1024;

    enum class Limit { None, Parts, Depth, HeaderFields, Prefix };
    /// Whether a scanned buffer is a whole message or only its first bytes (the checks read at
    /// most the first few MiB of a message). A prefix that ends inside a header block or a
    /// multipart is cut there and closed (Limit::Prefix), so the parser does not take the end
    /// of the buffer for a truncated message.
    enum class Extent { WholeMessage, Prefix };

    /// Where to cut `message` (its size when nothing needs cutting).
    qsizetype cutOffset = 0;
    Limit limit = Limit::None;
    /// The multipart delimiters ("--" + boundary) still open at the cut, outermost first.
    QList<QByteArray> openDelimiters;
    /// The cut is inside a header block, which boundedMessage() ends with an empty line.
    bool cutInHeaders = false;

    /// A header field over kMaxHeaderFieldBytes: the bytes from keepEnd to fieldEnd are left
    /// out, so the field keeps its whole lines up to the limit (or its first kMaxHeaderFieldBytes
    /// when its first line is longer) and its own line ending.
    struct ShortenedField
    {
        QByteArray name;
        qsizetype keepEnd = 0;
        qsizetype fieldEnd = 0;
    };
    /// In message order, all before cutOffset.
    QList<ShortenedField> shortenedFields;

    static MimeBounds scan(QByteArrayView message, Extent extent = Extent::WholeMessage);

    bool isCut() const { return limit != Limit::None; }
    bool isShortened() const { return !shortenedFields.isEmpty(); }
    /// `message` without the left-out parts of overlong fields, cut at cutOffset, followed by a
    /// close delimiter for every multipart still open, innermost first, so a parser sees a
    /// well-formed, smaller message. The message itself when nothing was cut or shortened.
    QByteArray boundedMessage(QByteArrayView message) const;
    /// "analysis stopped after 1000 MIME parts" and the like; empty when nothing was cut, or
    /// when only the end of a prefix was (whoever chose to read a prefix says so).
    QString describe() const;
    /// "header field X-Long analysed only in its first 256 KiB" and the like; empty when none
    /// was shortened.
    QString describeShortening() const;
    /// Where byte `offset` of boundedMessage() was in the message it was made from, so that
    /// what the parser reports points into the message as received.
    qsizetype originalOffset(qsizetype offset) const;
};
