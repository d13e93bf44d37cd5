// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "relay/relayoutcome.h"
#include "relay/relayqueueentry.h"

#include <QList>

class SqliteDatabase;

/// The relay's rows in the store (schema version 6): `relay_attempts`, one row per attempt with
/// the per-recipient results and the trace as JSON, and `relay_queue`, the automatic relays
/// waiting for a retry. Writes run in the store's writer thread (MessageStore::writeRecord), so
/// they never fail because the message was deleted meanwhile: they then write nothing. Reads run
/// on any reader's connection. Stateless.
class RelayRecords final
{
public:
    /// Attempts kept per message; the oldest go first, so retries cannot grow a message's rows
    /// without bound.
    static constexpr int kMaxAttemptsPerMessage = 50;

    static Result<void> insertAttempt(SqliteDatabase &db, const RelayOutcome &outcome);
    static Result<QList<RelayOutcome>> attempts(SqliteDatabase &db, qint64 messageId);

    /// Inserts or replaces the queue entry of `entry.messageId` (one per message); nothing when
    /// the message is gone.
    static Result<void> saveQueueEntry(SqliteDatabase &db, const RelayQueueEntry &entry);
    static Result<void> removeQueueEntry(SqliteDatabase &db, qint64 messageId);
    /// Every queued relay, the next due first.
    static Result<QList<RelayQueueEntry>> queue(SqliteDatabase &db);

    /// The stable word stored for an error code ("timeout", "tls", ...), and back; codes a
    /// relay does not give map to "other" and back to Internal.
    static QLatin1StringView errorWord(ErrorCode code);
    static ErrorCode errorCodeOf(QStringView word);
};
