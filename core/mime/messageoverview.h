// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "mime/messageparts.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

/// What a message list shows of a message beyond the store's columns: its addresses with their
/// names, the start of its text and how many attachments it has. Worked out once from the
/// message's start (the store keeps it as JSON in `messages.overview`), because working it out
/// per listed message costs a MIME parse each: about 1 ms, 50 ms for a page (bench/apibench).
/// A value; every function is pure and thread-safe.
struct MessageOverview
{
    struct Address
    {
        QString name;
        QString address;
    };

    /// Only the start of a message is parsed: the headers and the first of the text body are
    /// all an overview shows, and a page of 32 MiB messages must not cost a page of full
    /// parses.
    static constexpr qsizetype kParsedBytes = 256 * 1024;
    /// Mailpit's snippets hold up to 250 characters.
    static constexpr qsizetype kSnippetLength = 250;

    std::optional<Address> from;
    QList<Address> to;
    QList<Address> cc;
    QList<Address> replyTo;
    QString snippet;         ///< the start of the text body (or of the HTML's text), one line
    int attachmentCount = 0; ///< attachments that are not inline

    /// The overview of a message parsed into `parts`.
    static MessageOverview fromParts(const MessageParts &parts);
    /// The overview of a message's bytes (its first kParsedBytes are parsed).
    static MessageOverview parse(const QByteArray &raw);
    /// The addresses of an address-list header value (RFC 5322 §3.4), groups flattened, RFC 2047
    /// names decoded. Pieces that are no address are left out.
    static QList<Address> parseAddresses(QByteArrayView headerValue);

    /// The form the store keeps: compact JSON.
    QByteArray toJson() const;
    /// Reads toJson()'s form; nullopt for anything else (a NULL column, damage).
    static std::optional<MessageOverview> fromJson(QByteArrayView json);
};
