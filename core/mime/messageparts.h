// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

/// One header field in the order it appears, decoded for display (RFC 2047 words, charsets).
struct MessageHeader
{
    QString name;
    QString value;  ///< unfolded and decoded
    QByteArray raw; ///< the field as stored, folded, without the final CRLF
};

/// A leaf part that is not the chosen text or HTML body: an attachment, an inline image, or an
/// attached message (message/rfc822, one attachment however many parts it holds). The
/// alternatives multipart/alternative offers besides the chosen bodies are not listed: they
/// repeat the body.
struct MessageAttachment
{
    int partIndex = -1;    ///< depth-first index of the leaf; pass to MessageParts::partContent
    QString fileName;      ///< decoded (RFC 2231 / RFC 2047); may be empty
    QString contentType;   ///< lower-case "type/subtype"
    QString contentId;     ///< without angle brackets
    qint64 size = 0;       ///< decoded size in bytes
    bool isInline = false; ///< Content-Disposition: inline, or referenced by cid:
};

/// What the viewer shows of a message, parsed with GMime. Pure value; parse() is thread-safe
/// and never throws: malformed input gives as much as could be read plus `warnings`.
struct MessageParts
{
    QList<MessageHeader> headers;
    QString subject;
    QString from;
    QString to;
    QString cc;
    QDateTime date; ///< invalid when missing or unparsable
    QString text;   ///< the best text/plain body (converted to Unicode, "\n" line breaks)
    QString html;   ///< the best text/html body (converted to Unicode, "\n" line breaks)
    /// Leaves that are neither the chosen bodies nor inline images: what the inbox's paperclip
    /// stands for (MessageAnalysis::looksLikeItHasAttachments is its cheap estimate).
    QList<MessageAttachment> attachments;
    /// Leaves the HTML body shows by cid: (and that do not say Content-Disposition: attachment):
    /// part of the body, not attachments.
    QList<MessageAttachment> inlineImages;
    QStringList warnings; ///< e.g. "multipart boundary never closed", "unknown charset x-foo"

    static MessageParts parse(const QByteArray &raw);
    /// The decoded content of leaf `partIndex` (transfer encoding undone; an attached message
    /// as its CRLF text), or nullopt when there is no such part.
    static std::optional<QByteArray> partContent(const QByteArray &raw, int partIndex);
    /// The leaf among the inline images and attachments whose Content-ID is `contentId`
    /// (without brackets), for cid: URLs.
    static std::optional<MessageAttachment> findByContentId(const MessageParts &parts,
                                                            const QString &contentId);
};
