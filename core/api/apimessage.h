// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "mime/messageparts.h"
#include "store/storedmessage.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>

/// One message as the API shows it: the stored facts, its parsed parts, and its addresses as
/// name/address pairs. Built from the stored bytes in the API thread (content-dependent work
/// never runs on the SMTP workers or the store writer). A value; parse() is thread-safe.
struct ApiMessage
{
    struct Address
    {
        QString name;
        QString address;
    };

    /// Only the start of a message is parsed for list items: headers and the first of the
    /// text body are all a summary shows, and a page of 32 MiB messages must not cost a
    /// page of full parses.
    static constexpr qsizetype kSummaryBytes = 256 * 1024;
    /// Mailpit's snippets hold up to 250 characters.
    static constexpr qsizetype kSnippetLength = 250;

    StoredMessage stored;
    MessageParts parts;
    std::optional<Address> from;
    QList<Address> to;
    QList<Address> cc;
    /// Envelope recipients (RCPT TO) found in neither To nor Cc: the blind copies. Taken from
    /// the envelope; the stored bytes are never changed.
    QList<Address> bcc;
    QList<Address> replyTo;
    QString returnPath;      ///< the Return-Path header's address, else MAIL FROM
    QDateTime date;          ///< the Date header, else the time it was received
    QString snippet;         ///< the start of the text body (or of the HTML's text), one line
    int attachmentCount = 0; ///< attachments that are not inline

    /// Parses `raw`, the stored bytes of `stored` (or their first kSummaryBytes).
    static ApiMessage parse(const StoredMessage &stored, const QByteArray &raw);
    /// The addresses of an address-list header value (RFC 5322 §3.4), groups flattened, RFC 2047
    /// names decoded. Pieces that are no address are left out.
    static QList<Address> parseAddresses(QByteArrayView headerValue);
};
