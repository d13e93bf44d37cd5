// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/error.h"
#include "events/events.h"
#include "store/messagespool.h"

#include <memory>

/// What a session hands to the store after the final "." of DATA: the message bytes (the
/// Received header already prepended, dot-unstuffed), its envelope, and the facts of the
/// session so far, including the protocol trace lines recorded since the session's last write.
struct DeliveryRequest
{
    SessionInfo session; ///< snapshot at the time of delivery; `ended` is invalid
    QDateTime received;
    Envelope envelope;
    std::shared_ptr<const MessageSpool> data;
    QList<ProtocolLine> traceDelta;
    /// The transaction in the session's stored trace, as line indexes (0 = the session's first
    /// line): its MAIL command and the reply to its DATA. -1 when unknown (the trace was
    /// capped, or the message was not delivered by SMTP).
    qint64 traceFirst = -1;
    qint64 traceLast = -1;
};

/// The store's answer. `ok == false` means nothing was stored and the session answers 451;
/// `error` says why (the store's error, or Cancelled when the store closed first).
struct DeliveryResult
{
    bool ok = false;
    qint64 storeId = 0;
    QString subject; ///< decoded Subject header
    Error error;     ///< only when !ok
};
