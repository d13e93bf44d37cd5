// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "common/threadcheck.h"
#include "events/events.h"
#include "store/sqlitedatabase.h"

#include <QList>

#include <memory>

/// Writes what the store keeps of a session: its row in `sessions` (the facts known so far)
/// and its protocol trace in `session_trace`, capped at kMaxTraceBytesPerSession. Owned by
/// StoreWriter; writer thread only, inside the writer's transaction.
class SessionRecorder final
{
public:
    /// The stored protocol trace of one session stops growing at this many line bytes; one
    /// Note line "trace truncated" marks the cut.
    static constexpr qint64 kMaxTraceBytesPerSession = 1024 * 1024;

    /// `writer` is the StoreWriter that owns it: it records in that thread only (asserted in
    /// debug builds).
    static Result<std::unique_ptr<SessionRecorder>> create(SqliteDatabase &db,
                                                           const QObject *writer);
    ~SessionRecorder();
    Q_DISABLE_COPY_MOVE(SessionRecorder)

    /// Inserts the session's row or updates it with what is known now; values known before
    /// and unknown now (the start, the end reason) are kept.
    Result<void> upsert(const SessionInfo &session);
    /// Appends lines to the stored trace of `sessionId` (whose row must exist), up to the cap.
    Result<void> appendTrace(quint64 sessionId, const QList<ProtocolLine> &lines);

private:
    explicit SessionRecorder(const QObject *writer)
        : m_writerThread(writer)
    {}

    ThreadCheck m_writerThread;

    SqliteDatabase::Statement m_upsertSession;
    SqliteDatabase::Statement m_traceState;
    SqliteDatabase::Statement m_insertTrace;
    SqliteDatabase::Statement m_updateTraceState;
};
