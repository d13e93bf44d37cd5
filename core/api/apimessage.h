// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "mime/messageoverview.h"
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
    using Address = MessageOverview::Address;

    /// Only the start of a message is parsed for list items (MessageOverview::kParsedBytes).
    static constexpr qsizetype kSummaryBytes = MessageOverview::kParsedBytes;
    static constexpr qsizetype kSnippetLength = MessageOverview::kSnippetLength;

    StoredMessage stored;
    /// Everything parsed by parse(); only the subject for fromOverview().
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
    /// A list item without parsing: the overview the store worked out at delivery. Fills what
    /// MailpitJson::summary() shows (not returnPath, date, or the parts beyond the subject).
    static ApiMessage fromOverview(const StoredMessage &stored, const MessageOverview &overview);
    /// MessageOverview::parseAddresses().
    static QList<Address> parseAddresses(QByteArrayView headerValue);
};
