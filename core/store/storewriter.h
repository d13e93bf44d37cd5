// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "store/deliveryrequest.h"
#include "store/maildirmirror.h"
#include "store/messageanalysis.h"

#include <QList>
#include <QObject>
#include <QThreadPool>

#include <QTimer>

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

class MessageIndexer;
class SqliteDatabase;

/// The only code that writes to the store database. Created by MessageStore, moved to its own
/// thread ("store-writer") and deleted there when the thread finishes.
///
/// The enqueue functions are called from any thread: they append to a mutex-protected queue
/// and wake the writer only when the queue was empty. processQueue() takes everything queued
/// and commits it in one transaction (group commit): while one batch is being synced to disk,
/// the next one accumulates.
///
/// Deleting is split so that it never holds up a delivery for long: a removal only sets the
/// deleted flag (cheap, and readers stop seeing the message at once); the flagged messages are
/// then purged a bounded step per turn, and the freed pages given back with an incremental
/// vacuum, also a step per turn. Each turn is one transaction together with whatever
/// deliveries arrived meanwhile; further turns are scheduled with a zero timer, so queued
/// deliveries always get in between.
class StoreWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreWriter)

public:
    using DeliveryCallback = std::function<void(const DeliveryResult &)>;

    /// The stored protocol trace of one session stops growing at this many line bytes; one
    /// Note line "trace truncated" marks the cut.
    static constexpr qint64 kMaxTraceBytesPerSession = 1024 * 1024;
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
    /// After a turn that could not commit (disk full), pending removals and read flags are
    /// tried again after this long, or with the next write, whichever comes first.
    static constexpr std::chrono::seconds kRetryAfterFailure{1};
    /// Retention by age is also looked at this often when no mail arrives.
    static constexpr std::chrono::minutes kRetentionCheckInterval{10};
    /// Threads that analyse delivered messages: one per core but one, leaving a core for the
    /// listener, the SMTP workers and this writer. Each analysis is bounded (MimeBounds,
    /// MessageAnalysis::kTimeBudget), and each session has at most one message in analysis, so
    /// the pool's queue is bounded by the connection limit.
    static int analysisThreadCount();

    /// Takes over a database that already has the current schema and prepares the statements.
    /// Returns nullptr with a reason in `error` if a statement does not prepare; `damaged` (if
    /// given) tells whether SQLite called the file damaged.
    static std::unique_ptr<StoreWriter> create(std::unique_ptr<SqliteDatabase> database,
                                               QString *error, bool *damaged = nullptr);
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
    void enqueueSessionEnd(const SessionInfo &session, QList<ProtocolLine> traceDelta);
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

    /// The stored form of trace lines (one session_trace row): a QDataStream (Qt_6_4) with the
    /// line count, then per line the time (ms since epoch, INT64_MIN when invalid), the
    /// direction, the bytes and truncatedBytes. StoreReader decodes it.
    static QByteArray encodeTraceChunk(const QList<ProtocolLine> &lines);

signals:
    /// A batch could not be committed, or a message could not be stored. Writer thread.
    void failed(const QString &message);
    /// The read flag of these messages was changed by a committed setRead. Writer thread.
    void messagesChanged(const QList<qint64> &ids);
    /// These messages were flagged deleted in a committed turn (by remove or retention); an
    /// empty list means every message stored before a removeAll. Writer thread.
    void messagesRemoved(const QList<qint64> &ids);

protected:
    /// Runs what other threads post with ThreadHandoff::post(), and acquires what they released.
    bool event(QEvent *event) override;

private:
    struct Job;
    class AnalysisTask;
    struct Statements;
    struct Turn;
    struct Deadline;

    explicit StoreWriter(std::unique_ptr<SqliteDatabase> database);

    void enqueue(Job job);
    bool hasMaintenance() const;
    bool hasPendingChanges() const;
    void runTurnsWhile(bool (StoreWriter::*condition)() const);
    void scheduleMaintenance();
    bool storeJob(Job &job, Turn &turn, QString *error);
    bool storeMessage(Job &job, QString *error);
    bool upsertSession(const SessionInfo &session, QString *error);
    bool appendTrace(quint64 sessionId, const QList<ProtocolLine> &lines, QString *error);
    bool applyReadChanges(Turn &turn, const Deadline &deadline, QString *error);
    bool flagDeleted(qint64 id, Turn &turn, QString *error);
    bool flagRemovals(Turn &turn, const Deadline &deadline, QString *error);
    bool flagRemoveAll(Turn &turn, const Deadline &deadline, QString *error);
    bool applyRetention(Turn &turn, QString *error);
    bool purgeStep(const Deadline &deadline, QString *error);
    bool vacuumStep(QString *error);
    bool maintenanceStep(Turn &turn, QString *error);
    void restoreAfterFailedTurn(const Turn &turn);

    std::unique_ptr<SqliteDatabase> m_db;
    std::unique_ptr<QThreadPool> m_analysisPool;
    std::unique_ptr<Statements> m_statements;
    std::unique_ptr<MessageIndexer> m_indexer;
    MaildirMirror *m_mirror = nullptr;
    std::atomic<quint64> m_commitCount{0};

    QTimer *m_sessionEndTimer;
    QTimer *m_maintenanceTimer; ///< zero interval: the next maintenance turn
    QTimer *m_retentionTimer;

    // Writer thread only.
    std::deque<std::pair<qint64, bool>> m_pendingReads; ///< setRead() changes not made yet
    std::deque<qint64> m_pendingRemovals; ///< ids asked for by remove(), not flagged yet
    qint64 m_removeAllUpTo = 0;           ///< removeAll: flag every id up to this one...
    qint64 m_removeAllDone = 0;           ///< ...of which those up to this one are flagged
    bool m_purgePending = false;
    bool m_vacuumPending = false;
    bool m_vacuumedThisTurn = false;
    bool m_retentionDue = false;
    int m_maxMessages = 0;
    int m_maxAgeDays = 0;
    std::optional<qint64> m_liveCount; ///< messages not flagged deleted, when known

    // std::mutex, not QMutex: ThreadSanitizer sees the ordering of pthread-based locks only.
    std::mutex m_queueMutex;
    std::vector<Job> m_queue;       // guarded by m_queueMutex
    bool m_wakeQueued = false;      // guarded by m_queueMutex
    bool m_sessionEndArmed = false; // guarded by m_queueMutex
};
