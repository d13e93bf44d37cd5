// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <utility>

/// Builds an Internet message (RFC 5322, MIME) from its pieces with GMime, for messages that
/// are composed rather than received (the HTTP API's send). Pure and thread-safe.
///
/// The structure is the usual one: the text and HTML bodies as multipart/alternative (RFC 2046
/// §5.1.4, plainest first), inside multipart/related with the inline parts the HTML refers to
/// by cid: (RFC 2387), inside multipart/mixed with the attachments; each level only when it is
/// needed. Non-ASCII names and subjects are RFC 2047 words, file names RFC 2231 parameters,
/// bodies quoted-printable or base64 as their bytes need (7-bit clean output), lines end in
/// CRLF.
class MessageBuilder final
{
public:
    struct Mailbox
    {
        QString name; ///< may be empty
        QString address;
    };
    struct Attachment
    {
        QByteArray content;
        QString fileName;
        QString contentType; ///< "type/subtype", already checked by the caller
        QString contentId;   ///< non-empty: an inline part of the HTML (cid:), without brackets
    };
    struct Draft
    {
        Mailbox from;
        QList<Mailbox> to;
        QList<Mailbox> cc;
        QList<Mailbox> replyTo;
        QString subject;
        QString text;
        QString html;
        QList<Attachment> attachments;
        /// Extra header fields, in order; checked by the caller (names are RFC 5322 field
        /// names, values hold no line breaks). A Message-ID here replaces the generated one.
        QList<std::pair<QString, QString>> headers;
        QDateTime date;          ///< the Date field; invalid: now
        QString messageIdDomain; ///< the right side of the generated Message-ID
    };

    /// The message, ending in CRLF.
    static QByteArray build(const Draft &draft);
};
