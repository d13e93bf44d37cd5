// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "store/deliveryrequest.h"
#include "store/maildirmirror.h"
#include "store/messageanalysis.h"
#include "store/storejob.h"
#include "store/storemaintenance.h"

#include <QList>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

class MessageIndexer;
class SessionRecorder;
class SqliteDatabase;
class StoreMaintenance;

/// The only code that writes to the store database. Created by MessageStore, moved to its own
/// thread ("store-writer") and deleted there when the thread finishes.
///
/// The enqueue functions are called from any thread: they append to a mutex-protected queue
/// and wake the writer only when the queue was empty. processQueue() takes everything queued
/// and commits it in one transaction (group commit): while one batch is being synced to disk,
/// the next one accumulates.
///
/// Read flags, deletion, retention, purge and vacuum are StoreMaintenance's, a bounded step per
/// turn. Each turn is one transaction together with whatever deliveries arrived meanwhile;
/// further turns are scheduled with a zero timer, so queued deliveries always get in between.
/// Session rows and traces are written by SessionRecorder.
///
/// Functions marked "writer thread only" assert so in debug builds.
class StoreWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreWriter)

public:
    using DeliveryCallback = std::function<void(const DeliveryResult &)>;

    /// How much of the body (after the header block) goes into the full-text index.
    static constexpr qsizetype kMaxIndexedBodyBytes = MessageAnalysis::kMaxIndexedBodyBytes;
    /// Spooled messages are copied into the database in chunks of this size.
    static constexpr qsizetype kBlobChunkSize = 256 * 1024;
    /// Session ends wait this long for a delivery batch to ride along with: nobody waits for
    /// them, and a commit of their own would cost an fsync per connection.
    static constexpr std::chrono::milliseconds kSessionEndDelay{100};
    /// Maintenance (read flags, flagging removed messages, retention, purge, vacuum) stops for
    /// the turn once it has taken this long; the index then spends about as long again writing
    /// the deletions out at the end of the turn. Measured with 100,000 stored messages: purging
    /// 20,000 took 9 s either way, but single deliveries meanwhile waited p50 10 / p99 50 ms
    /// with 2 ms slices against 27 / 67 ms with 5 ms (1.5 / 18 ms with no purge running).
    static constexpr std::chrono::milliseconds kMaintenanceSlice{2};
    /// The same for a turn that also commits deliveries: their senders are waiting for the 250.
    static constexpr std::chrono::milliseconds kMaintenanceSliceWithDeliveries{1};
    /// After a turn that could not commit (disk full), pending removals and read flags are
    /// tried again after this long, or with the next write, whichever comes first.
    static constexpr std::chrono::seconds kRetryAfterFailure{1};
    /// After this long without a turn, the writer gives back its connection's page cache and
    /// the heap's free pages: storing a 10 MiB header line or a flood of traces would
    /// otherwise keep the process at its peak.
    static constexpr std::chrono::milliseconds kReleaseMemoryDelay{1000};
    /// Retention by age is also looked at this often when no mail arrives.
    static constexpr std::chrono::minutes kRetentionCheckInterval{10};
    /// Threads that analyse delivered messages: one per core but one, leaving a core for the
    /// listener, the SMTP workers and this writer. Each analysis is bounded (MimeBounds,
    /// MessageAnalysis::kTimeBudget), and each session has at most one message in analysis, so
    /// the pool's queue is bounded by the connection limit.
    static int analysisThreadCount();

    /// Takes over a database that already has the current schema and prepares the statements.
    /// An error if a statement does not prepare: StoreDamaged when the file is damaged (a
    /// broken FTS5 index only says "vtable constructor failed"), else DatabaseError.
    static Result<std::unique_ptr<StoreWriter>> create(std::unique_ptr<SqliteDatabase> database);
    /// Commits whatever is still queued (deliveries raced with shutdown, read flags and removals
    /// not applied yet), in the writer thread. Pending purge and vacuum work is left for the
    /// next start.
    ~StoreWriter() override;

    /// Thread-safe. Hands the message to the analysis pool (checks, header summary, index
    /// text: work that grows with the message, so it never runs on the caller's thread, which
    /// is usually an SMTP worker serving other sessions), which queues it for the writer.
    /// `done` runs in `context`'s thread after the commit, and not at all if `context` is
    /// destroyed first. Without a context, `done` runs in the writer thread.
    void enqueueDelivery(DeliveryRequest request, QObject *context, DeliveryCallback done);
    /// Thread-safe. Final facts and the rest of the trace of a session.
    void enqueueSessionEnd(const SessionInfo &session, QList<ProtocolLine> traceDelta,
                           TraceBacklog::Ticket ticket = {});
    /// Thread-safe. Sets or clears the read flag, a time slice per turn (marking 100,000
    /// messages read takes over a second); messagesChanged() follows, possibly in parts.
    void enqueueSetRead(const QList<qint64> &ids, bool read);
    /// Thread-safe. Flags messages deleted, a time slice per turn; messagesRemoved() follows
    /// (possibly in parts), the purge later.
    void enqueueRemove(const QList<qint64> &ids);
    /// Thread-safe. Flags every message stored so far deleted; messagesRemoved({}) follows.
    void enqueueRemoveAll();
    /// Thread-safe. 0 means no limit. Applied in the next turn and after every delivery batch.
    void enqueueRetention(int maxMessages, int maxAgeDays);
    /// Thread-safe. Runs `write` in the next batch's transaction (see RecordJob).
    void enqueueRecord(std::function<Result<void>(SqliteDatabase &)> write);

    /// Writer thread only. Takes everything queued and commits it in one transaction, together
    /// with one step of pending maintenance (retention, purge or vacuum).
    void processQueue();
    /// Writer thread only. Commits everything queued, including every read flag and removal
    /// asked for so far (which are otherwise applied a time slice per turn).
    void flush();
    /// Writer thread only. Like flush(), then runs turns until no purge, vacuum or retention
    /// work is left.
    void finishMaintenance();
    /// Writer thread only. Committed messages are handed to `mirror` (which must outlive the
    /// writer); nullptr stops mirroring.
    void setMirror(MaildirMirror *mirror);

    /// Transactions committed so far, for tests and statistics. Any thread.
    quint64 commitCount() const { return m_commitCount.load(std::memory_order_relaxed); }

signals:
    /// A batch could not be committed, or a message could not be stored. Writer thread.
    void failed(const QString &message);
    /// The read flag of these messages was changed by a committed setRead. Writer thread.
    void messagesChanged(const QList<qint64> &ids);
    /// These messages were flagged deleted in a committed turn (by remove or retention); an
    /// empty list means every message stored before a removeAll. Writer thread.
    void messagesRemoved(const QList<qint64> &ids);
    /// This many messages were flagged deleted in a committed turn, by remove, removeAll or
    /// retention alike (messagesRemoved() does not count a removeAll). Writer thread.
    void messagesDeleted(qint64 count);

protected:
    /// Runs what other threads post with ThreadHandoff::post(), and acquires what they released.
    bool event(QEvent *event) override;

private:
    class AnalysisTask;
    struct Statements;

    explicit StoreWriter(std::unique_ptr<SqliteDatabase> database);

    void assertWriterThread() const;
    void enqueue(StoreJob job);
    bool hasMaintenance() const;
    bool hasPendingChanges() const;
    void runTurnsWhile(bool (StoreWriter::*condition)() const);
    Result<void> storeJob(StoreJob &job, StoreMaintenance::Turn &turn);
    Result<void> storeMessage(DeliveryJob &job);
    Result<void> runMaintenance(StoreMaintenance::Turn &turn);
    void finishDeliveries(std::vector<StoreJob> &batch, const Result<void> &committed);
    void releaseIdleMemory();

    std::unique_ptr<SqliteDatabase> m_db;
    std::unique_ptr<QThreadPool> m_analysisPool;
    std::unique_ptr<Statements> m_statements;
    std::unique_ptr<MessageIndexer> m_indexer;
    std::unique_ptr<SessionRecorder> m_sessions;
    std::unique_ptr<StoreMaintenance> m_maintenance;
    MaildirMirror *m_mirror = nullptr; ///< writer thread only
    std::atomic<quint64> m_commitCount{0};

    QTimer *m_sessionEndTimer;
    QTimer *m_maintenanceTimer; ///< zero interval: the next maintenance turn
    QTimer *m_retentionTimer;
    QTimer *m_idleTimer; ///< restarted by every turn: releaseIdleMemory()

    // std::mutex, not QMutex: ThreadSanitizer sees the ordering of pthread-based locks only.
    std::mutex m_queueMutex;
    std::vector<StoreJob> m_queue;  // guarded by m_queueMutex
    bool m_wakeQueued = false;      // guarded by m_queueMutex
    bool m_sessionEndArmed = false; // guarded by m_queueMutex
};
