// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/error.h"
#include "events/events.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

/// What became of one recipient of a relay attempt: the last reply that concerned it (to its
/// RCPT, or to the message data once RCPT was accepted), or no reply (code 0) when the attempt
/// ended before one, with the reason in `text`.
struct RecipientResult
{
    QByteArray address;
    int code = 0;
    QByteArray enhancedCode;
    QString text;
    /// Worth trying again: a 4xx reply, or no reply because the connection failed or timed out.
    bool temporary = true;

    bool delivered() const { return code >= 200 && code < 300; }
    friend bool operator==(const RecipientResult &, const RecipientResult &) = default;
};

/// One attempt to relay a stored message: when, where to, the result per recipient, the error
/// that ended the dialogue early (if one did) and the client's side of the dialogue, with
/// credentials masked. Copyable; crosses threads.
struct RelayOutcome
{
    qint64 messageId = 0;
    QDateTime started;
    QString target; ///< "host:port", with " (starttls)" or " (tls)"
    QList<RecipientResult> recipients;
    std::optional<Error> error;
    QList<ProtocolLine> trace;

    /// Every recipient got a 2xx after the message data.
    bool delivered() const;
    /// Not delivered to every recipient, and all that failed may succeed later.
    bool temporaryFailure() const;
    /// The recipients still worth a retry.
    QList<QByteArray> temporarilyFailed() const;
};

Q_DECLARE_METATYPE(RelayOutcome)
