// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

/// One stored message as the list and show commands (and later the inbox) see it, without its
/// bytes. Header fields are decoded (RFC 2047) for display.
struct StoredMessage
{
    qint64 id = 0;
    QDateTime received;
    quint64 sessionId = 0;
    QByteArray mailFrom;
    QByteArray mailParameters;
    QList<QByteArray> recipients;
    QString remoteAddress;
    QString heloName;
    bool tls = false;
    QString authUser;
    qint64 size = 0;
    QString subject;
    QString from;      ///< the From header, decoded
    QString to;        ///< the To header, decoded
    QString messageId; ///< the Message-ID header
    bool read = false;
    bool hasAttachments = false; ///< filled from schema version 2 on
    int findingCount = 0;        ///< message checks with severity Warning or Error
    /// The transaction in the session's trace (StoreReader::sessionTrace), as line indexes:
    /// its MAIL command and the reply to its DATA ("250 ... queued as <id>"). -1 when unknown
    /// (stored before schema version 3, imported, or the trace was capped before it).
    qint64 traceFirst = -1;
    qint64 traceLast = -1;
    /// MessageOverview::toJson() as worked out at delivery; empty for messages stored before
    /// schema version 4 (until `letterbox rebuild-index`).
    QByteArray overview;

    // The rule "From falls back to MAIL FROM" (and To to RCPT TO), once for display and once
    // for sorting in SQL, side by side so that they stay the same rule.

    /// The sender as the inbox shows it: the From header, or MAIL FROM when it is empty.
    QString displayedSender() const { return from.isEmpty() ? QString::fromUtf8(mailFrom) : from; }
    /// The recipients as the inbox shows them: the To header, or the RCPT TO addresses.
    QString displayedRecipients() const
    {
        if (!to.isEmpty())
            return to;
        QStringList list;
        for (const QByteArray &recipient : recipients)
            list.append(QString::fromUtf8(recipient));
        return list.join(QStringLiteral(", "));
    }
    /// displayedSender() in SQL over the alias `m` of `messages`, for ORDER BY.
    static constexpr char kDisplayedSenderSql[] =
        "coalesce(nullif(m.header_from, ''), CAST(m.mail_from AS TEXT), '')";
    /// displayedRecipients() in SQL, for ORDER BY (recipients are stored one per line, so the
    /// first RCPT TO decides, as it does in the joined display text).
    static constexpr char kDisplayedRecipientsSql[] =
        "coalesce(nullif(m.header_to, ''), CAST(m.recipients AS TEXT), '')";
};
