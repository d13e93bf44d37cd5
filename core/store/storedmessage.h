// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

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
};
