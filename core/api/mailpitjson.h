// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "api/apimessage.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

/// The JSON shapes of Mailpit's API v1, with its field names and types: ID as a string,
/// addresses as {Name, Address}, times in RFC 3339 (UTC, milliseconds), Tags and tags as
/// (for now always empty) arrays. Pure functions of their arguments.
class MailpitJson final
{
public:
    /// What a list response says besides its messages.
    struct ListCounts
    {
        qint64 total = 0;   ///< messages in the store
        qint64 unread = 0;  ///< of those, unread
        qint64 matched = 0; ///< messages matching the request (all of them for a plain list)
        qint64 matchedUnread = 0;
        qint64 start = 0; ///< offset of the first message returned
    };
    /// What /api/v1/info reports.
    struct Info
    {
        QString version;
        QString database;
        qint64 databaseSize = 0;
        qint64 messages = 0;
        qint64 unread = 0;
        qint64 uptimeSeconds = 0;
        qint64 memoryBytes = 0; ///< resident set size
        quint64 messagesDeleted = 0;
        quint64 smtpAccepted = 0;
        quint64 smtpAcceptedSize = 0;
        quint64 smtpRejected = 0;
    };

    static QString id(qint64 storeId);
    static QString time(const QDateTime &time);
    static QJsonObject address(const ApiMessage::Address &address);
    static QJsonArray addresses(const QList<ApiMessage::Address> &addresses);

    /// One item of a list: MessageSummary (ID, MessageID, Read, From, To, Cc, Bcc, ReplyTo,
    /// Subject, Created, Username, Tags, Size, Attachments, Snippet).
    static QJsonObject summary(const ApiMessage &message);
    /// The list response: total, unread, count, messages_count, messages_unread, start, tags,
    /// messages.
    static QJsonObject list(const ListCounts &counts, const QList<ApiMessage> &messages);
    /// GET /api/v1/message/{id}: Message, with Text, HTML, Inline and Attachments.
    static QJsonObject message(const ApiMessage &message);
    /// GET /api/v1/message/{id}/headers: every field name with its values, in order.
    static QJsonObject headers(const QList<MessageHeader> &headers);
    /// GET /api/v1/info: AppInformation.
    static QJsonObject info(const Info &info);
};
