// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "store/deliveryrequest.h"
#include "store/maildirmirror.h"

#include <QList>
#include <QMutex>
#include <QObject>

#include <QTimer>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <vector>

class SqliteDatabase;

/// The only code that writes to the store database. Created by MessageStore, moved to its own
/// thread ("store-writer") and deleted there when the thread finishes.
///
/// enqueueDelivery() and enqueueSessionEnd() are called from any thread: they append to a
/// mutex-protected queue and wake the writer only when the queue was empty. processQueue()
/// takes everything queued and commits it in one transaction (group commit): while one batch
/// is being synced to disk, the next one accumulates.
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
    static constexpr qsizetype kMaxIndexedBodyBytes = 64 * 1024;
    /// Spooled messages are copied into the database in chunks of this size.
    static constexpr qsizetype kBlobChunkSize = 256 * 1024;
    /// Session ends wait this long for a delivery batch to ride along with: nobody waits for
    /// them, and a commit of their own would cost an fsync per connection.
    static constexpr std::chrono::milliseconds kSessionEndDelay{100};

    /// Takes over a database that already has the current schema and prepares the statements.
    /// Returns nullptr with a reason in `error` if a statement does not prepare.
    static std::unique_ptr<StoreWriter> create(std::unique_ptr<SqliteDatabase> database,
                                               QString *error);
    /// Commits whatever is still queued (deliveries raced with shutdown), in the writer thread.
    ~StoreWriter() override;

    /// Thread-safe. `done` runs in `context`'s thread after the commit, and not at all if
    /// `context` is destroyed first. Without a context, `done` runs in the writer thread.
    void enqueueDelivery(DeliveryRequest request, QObject *context, DeliveryCallback done);
    /// Thread-safe. Final facts and the rest of the trace of a session.
    void enqueueSessionEnd(const SessionInfo &session, QList<ProtocolLine> traceDelta);

    /// Writer thread only. Takes everything queued and commits it in one transaction.
    void processQueue();
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

private:
    struct Job;
    struct Statements;

    explicit StoreWriter(std::unique_ptr<SqliteDatabase> database);

    void enqueue(Job job);
    bool storeJob(Job &job, QString *error);
    bool storeMessage(Job &job, QString *error);
    bool upsertSession(const SessionInfo &session, QString *error);
    bool appendTrace(quint64 sessionId, const QList<ProtocolLine> &lines, QString *error);

    std::unique_ptr<SqliteDatabase> m_db;
    std::unique_ptr<Statements> m_statements;
    MaildirMirror *m_mirror = nullptr;
    std::atomic<quint64> m_commitCount{0};

    QTimer *m_sessionEndTimer;

    QMutex m_queueMutex;
    std::vector<Job> m_queue;       // guarded by m_queueMutex
    bool m_wakeQueued = false;      // guarded by m_queueMutex
    bool m_sessionEndArmed = false; // guarded by m_queueMutex
};
