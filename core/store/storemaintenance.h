// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "common/threadcheck.h"
#include "store/sqlitedatabase.h"

#include <QElapsedTimer>
#include <QList>

#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <utility>

class MessageIndexer;

/// The store writer's slow changes, done a bounded step per turn so that deliveries always get
/// in between: read flags, flagging removed messages deleted (cheap, and readers stop seeing
/// them at once), retention, then purging the flagged messages, then giving the freed pages
/// back with an incremental vacuum. Holds what is pending between turns and the statements
/// for it. Owned by StoreWriter; writer thread only, inside the writer's transaction.
class StoreMaintenance final
{
public:
    /// removeAll flags messages in id ranges of this size, one UPDATE each.
    static constexpr qint64 kFlagRangeIds = 256;
    /// A purge step looks at most at this many flagged messages...
    static constexpr int kPurgeBatchMessages = 256;
    /// ...and stops early past this many message bytes (freeing a 30 MiB message walks ~7,700
    /// overflow pages).
    static constexpr qint64 kPurgeBatchBytes = 64 * 1024 * 1024;
    /// Pages the incremental vacuum hands back to the file system per turn (1 MiB at 4 KiB
    /// pages): a few milliseconds, so a delivery waiting behind it hardly notices.
    static constexpr int kVacuumPagesPerTurn = 256;
    /// Retention flags at most this many messages per turn.
    static constexpr int kRetentionBatch = 1024;
    /// Sessions that delivered nothing (a scanner, a refused AUTH, a client that only said
    /// EHLO) are kept for the Sessions view and the API up to this many, newest first; each
    /// may hold a trace of up to SessionRecorder::kMaxTraceBytesPerSession, so without a bound a
    /// client that keeps connecting could fill the disk. Sessions that delivered a message go with
    /// the message.
    static constexpr int kMaxEmptySessions = 10000;
    /// The bound is looked at again after this many sessions ended...
    static constexpr int kEmptySessionCheckEvery = 256;
    /// ...and a turn removes at most this many sessions.
    static constexpr int kEmptySessionBatch = 512;

    /// What one turn did, reported once it has committed, and undone in memory when it did not.
    struct Turn
    {
        QList<qint64> changed;                       ///< read flag changed in this turn...
        QList<std::pair<qint64, bool>> readsApplied; ///< ...by these pending entries
        QList<qint64> removed;     ///< flagged deleted in this turn (taken from the removals)
        bool removedAll = false;   ///< a removeAll finished in this turn
        qint64 removedByRange = 0; ///< messages a removeAll flagged deleted in this turn
        bool delivered = false;
        qint64 removeAllTarget = 0; ///< the highest removeAll target during the turn
        qint64 removeAllDone = 0;   ///< how far removeAll had got when the turn began
    };

    /// Prepares the statements and looks for work left over from the last run (a purge cut
    /// short by shutdown, pages freed by a migration). `writer` is the StoreWriter that owns
    /// it: every turn runs in its thread (asserted in debug builds).
    static Result<std::unique_ptr<StoreMaintenance>>
    create(SqliteDatabase &db, MessageIndexer &indexer, const QObject *writer);
    ~StoreMaintenance();
    Q_DISABLE_COPY_MOVE(StoreMaintenance)

    /// Starts a turn.
    Turn beginTurn();

    // Requests, applied by step() a time slice per turn.
    void setRead(const QList<qint64> &ids, bool read);
    void remove(const QList<qint64> &ids);
    /// Everything up to the newest message now: deliveries queued later get higher ids and stay.
    Result<void> removeAll(Turn &turn);
    /// 0 means no limit.
    void setRetention(int maxMessages, int maxAgeDays);
    /// Retention by age is due again (the writer's timer says so).
    void retentionDue() { m_retentionDue = true; }
    /// A message was stored in this turn: retention looks again.
    void delivered(Turn &turn);
    /// A session ended: the bound on sessions that delivered nothing is looked at again now
    /// and then (kEmptySessionCheckEvery).
    void sessionEnded();

    /// Read flags or removals not applied yet.
    bool hasPendingChanges() const;
    /// Anything for step() to do, purge and vacuum included.
    bool hasWork() const;
    bool retentionActive() const { return m_maxMessages > 0 || m_maxAgeDays > 0; }

    /// One step of everything pending, within `budget`: first the flags, then retention, then
    /// the purge, then the vacuum.
    Result<void> step(Turn &turn, std::chrono::nanoseconds budget);

    /// The step failed but the turn's deliveries stand: drop what is pending until the next
    /// request, since retrying every turn would only repeat the error.
    void giveUp();
    /// The turn did not commit: ask for its flags again.
    void restoreAfterFailedTurn(const Turn &turn);
    /// Changes counted in memory were rolled back: count live messages again when needed.
    void forgetLiveCount() { m_liveCount.reset(); }
    /// After a commit: FTS5 writes its pending rows (and merges segments, freeing pages) as the
    /// transaction commits, after the vacuum step looked; count the free pages again.
    void afterCommit();

private:
    struct Statements;
    struct Deadline
    {
        QElapsedTimer clock;
        std::chrono::nanoseconds budget;

        bool hasTime() const { return clock.nsecsElapsed() < budget.count(); }
    };

    StoreMaintenance(SqliteDatabase &db, MessageIndexer &indexer, const QObject *writer);

    Result<void> flagDeleted(qint64 id, Turn &turn);
    Result<void> applyReadChanges(Turn &turn, const Deadline &deadline);
    Result<void> flagRemovals(Turn &turn, const Deadline &deadline);
    Result<void> flagRemoveAll(Turn &turn, const Deadline &deadline);
    Result<void> applyRetention(Turn &turn);
    Result<void> purgeStep(const Deadline &deadline);
    Result<void> trimEmptySessions();
    Result<void> vacuumStep();

    SqliteDatabase &m_db;
    MessageIndexer &m_indexer;
    ThreadCheck m_writerThread;
    std::unique_ptr<Statements> m_statements;

    std::deque<std::pair<qint64, bool>> m_pendingReads; ///< setRead() changes not made yet
    std::deque<qint64> m_pendingRemovals; ///< ids asked for by remove(), not flagged yet
    qint64 m_removeAllUpTo = 0;           ///< removeAll: flag every id up to this one...
    qint64 m_removeAllDone = 0;           ///< ...of which those up to this one are flagged
    bool m_purgePending = false;
    bool m_vacuumPending = false;
    bool m_vacuumedThisTurn = false;
    bool m_retentionDue = false;
    int m_sessionsSinceTrim = 0;
    bool m_trimSessionsDue = true; ///< also once after opening: a store may be over the bound
    int m_maxMessages = 0;
    int m_maxAgeDays = 0;
    std::optional<qint64> m_liveCount; ///< messages not flagged deleted, when known
};
