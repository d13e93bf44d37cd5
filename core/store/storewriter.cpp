// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "storewriter.h"

#include "common/threadhandoff.h"
#include "store/deliveryreply.h"
#include "store/messageindexer.h"
#include "store/sqlitedatabase.h"
#include "store/storeschema.h"

#include <QDataStream>
#include <QDateTime>
#include <QElapsedTimer>
#include <QIODevice>
#include <QRunnable>
#include <QSet>
#include <QThread>

#include <sqlite3.h>

#include <algorithm>
#include <limits>

// Bit 0 of messages.flags marks a message read, bit 1 deleted (spelled out in the SQL).
static constexpr qint64 kFlagRead = 1;
static constexpr qint64 kMillisecondsPerDay = 24 * 60 * 60 * 1000;

struct StoreWriter::Job
{
    enum class Kind { Delivery, SessionEnd, SetRead, Remove, RemoveAll, SetRetention };

    Kind kind = Kind::Delivery;
    DeliveryRequest request; ///< for SessionEnd only `session` and `traceDelta` are used
    std::optional<MessageAnalysis> analysis; ///< Delivery: computed by the analysis pool
    DeliveryResult result;
    DeliveryReply reply; ///< to the caller's context (see enqueueDelivery())
    DeliveryCallback directCallback;
    QList<qint64> ids;   ///< SetRead, Remove
    bool read = false;   ///< SetRead
    int maxMessages = 0; ///< SetRetention
    int maxAgeDays = 0;  ///< SetRetention
};

// A QRunnable of our own rather than a lambda: run() can state, before it touches the job, that
// QThreadPool's queue ordered the hand-over (ThreadHandoff), which TSan cannot see.
class StoreWriter::AnalysisTask final : public QRunnable
{
public:
    AnalysisTask(StoreWriter *writer, Job job)
        : m_writer(writer)
        , m_job(std::move(job))
    {}

    void run() override
    {
        ThreadHandoff::acquire(this);
        m_job.analysis = MessageAnalysis::analyse(*m_job.request.data, m_job.request.envelope);
        m_writer->enqueue(std::move(m_job));
    }

private:
    StoreWriter *m_writer;
    Job m_job;
};

/// What one turn did, reported once it has committed, and undone in memory when it did not.
struct StoreWriter::Turn
{
    QList<qint64> changed;                       ///< read flag changed in this turn...
    QList<std::pair<qint64, bool>> readsApplied; ///< ...by these m_pendingReads entries
    QList<qint64> removed;   ///< flagged deleted in this turn (taken from m_pendingRemovals)
    bool removedAll = false; ///< a removeAll finished in this turn
    bool delivered = false;
    qint64 removeAllTarget = 0; ///< the highest m_removeAllUpTo during the turn
    qint64 removeAllDone = 0;   ///< m_removeAllDone when the turn began
};

struct StoreWriter::Statements
{
    SqliteDatabase::Statement savepoint;
    SqliteDatabase::Statement release;
    SqliteDatabase::Statement rollbackToSavepoint;
    SqliteDatabase::Statement upsertSession;
    SqliteDatabase::Statement traceState;
    SqliteDatabase::Statement insertTrace;
    SqliteDatabase::Statement updateTraceState;
    SqliteDatabase::Statement insertMessage;
    SqliteDatabase::Statement insertRaw;
    SqliteDatabase::Statement setRead;
    SqliteDatabase::Statement flagDeleted;
    SqliteDatabase::Statement flagRange;
    SqliteDatabase::Statement lastId;
    SqliteDatabase::Statement selectPurge;
    SqliteDatabase::Statement deleteMessage;
    SqliteDatabase::Statement keepSessionHighWater;
    SqliteDatabase::Statement deleteUnusedSession;
    SqliteDatabase::Statement selectExpired;
    SqliteDatabase::Statement selectOldest;
    SqliteDatabase::Statement countLive;
};

static bool bindTime(SqliteDatabase::Statement &statement, int index, const QDateTime &time)
{
    return time.isValid() ? statement.bindInt64(index, time.toMSecsSinceEpoch())
                          : statement.bindNull(index);
}

// Runs a statement whose rows start with an id; the statement is reset afterwards.
static std::optional<QList<qint64>> selectIds(SqliteDatabase::Statement &statement, QString *error)
{
    QList<qint64> ids;
    SqliteDatabase::Statement::StepResult step;
    while ((step = statement.step()) == SqliteDatabase::Statement::StepResult::Row)
        ids.append(statement.columnInt64(0));
    if (step == SqliteDatabase::Statement::StepResult::Error) {
        *error = statement.errorString();
        statement.reset();
        return std::nullopt;
    }
    statement.reset();
    return ids;
}

int StoreWriter::analysisThreadCount()
{
    return qMax(1, QThread::idealThreadCount() - 1);
}

StoreWriter::StoreWriter(std::unique_ptr<SqliteDatabase> database)
    : m_db(std::move(database))
    , m_analysisPool(std::make_unique<QThreadPool>())
    , m_statements(std::make_unique<Statements>())
    , m_sessionEndTimer(new QTimer(this))
    , m_maintenanceTimer(new QTimer(this))
    , m_retentionTimer(new QTimer(this))
{
    m_analysisPool->setObjectName(QStringLiteral("message-analysis"));
    m_analysisPool->setMaxThreadCount(analysisThreadCount());
    m_sessionEndTimer->setSingleShot(true);
    m_sessionEndTimer->setInterval(kSessionEndDelay);
    connect(m_sessionEndTimer, &QTimer::timeout, this, &StoreWriter::processQueue);
    // Started with a zero interval: runs once the events already queued (deliveries waking the
    // writer) are handled, so maintenance steps interleave with delivery batches.
    m_maintenanceTimer->setSingleShot(true);
    connect(m_maintenanceTimer, &QTimer::timeout, this, &StoreWriter::processQueue);
    m_retentionTimer->setInterval(kRetentionCheckInterval);
    connect(m_retentionTimer, &QTimer::timeout, this, [this] {
        m_retentionDue = true;
        processQueue();
    });
}

std::unique_ptr<StoreWriter> StoreWriter::create(std::unique_ptr<SqliteDatabase> database,
                                                 QString *error, bool *damaged)
{
    // The statements are ours and match the schema prepare() checked; when one does not
    // prepare for any other reason than a busy or failing disk, the file is damaged (a broken
    // FTS5 index only says "vtable constructor failed").
    const auto fail = [&](SqliteDatabase &db, const QString &reason) {
        if (error)
            *error = reason;
        if (damaged) {
            const int code = db.errorCode();
            *damaged = code != SQLITE_BUSY && code != SQLITE_LOCKED && code != SQLITE_NOMEM
                       && code != SQLITE_IOERR && code != SQLITE_FULL;
        }
        return nullptr;
    };
    std::unique_ptr<StoreWriter> writer(new StoreWriter(std::move(database)));
    SqliteDatabase &db = *writer->m_db;
    Statements &s = *writer->m_statements;
    struct Prepared
    {
        SqliteDatabase::Statement *statement;
        const char *sql;
    };
    const Prepared all[] = {
        {&s.savepoint, "SAVEPOINT job"},
        {&s.release, "RELEASE job"},
        {&s.rollbackToSavepoint, "ROLLBACK TO job"},
        // A delivery carries a snapshot of the session, the session end the final facts; the
        // row keeps whatever is known so far, so a crash between the two still leaves a session
        // row for every stored message.
        {&s.upsertSession,
         "INSERT INTO sessions(id, started, ended, remote_address, remote_port, local_address,"
         " local_port, implicit_tls, tls, tls_protocol, tls_cipher, helo, auth_user, messages,"
         " end_reason) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
         " ON CONFLICT(id) DO UPDATE SET started = coalesce(excluded.started, started),"
         " ended = coalesce(excluded.ended, ended), remote_address = excluded.remote_address,"
         " remote_port = excluded.remote_port, local_address = excluded.local_address,"
         " local_port = excluded.local_port, implicit_tls = excluded.implicit_tls,"
         " tls = excluded.tls, tls_protocol = excluded.tls_protocol,"
         " tls_cipher = excluded.tls_cipher, helo = excluded.helo,"
         " auth_user = excluded.auth_user, messages = max(messages, excluded.messages),"
         " end_reason = coalesce(excluded.end_reason, end_reason)"},
        {&s.traceState,
         "SELECT trace_bytes, trace_chunks, trace_truncated FROM sessions WHERE id = ?1"},
        {&s.insertTrace, "INSERT INTO session_trace(session_id, seq, data) VALUES(?1, ?2, ?3)"},
        {&s.updateTraceState,
         "UPDATE sessions SET trace_bytes = ?2, trace_chunks = ?3, trace_truncated = ?4"
         " WHERE id = ?1"},
        {&s.insertMessage,
         "INSERT INTO messages(received, session_id, mail_from, mail_parameters, recipients,"
         " smtputf8, eightbitmime, remote_address, helo, tls, auth_user, size, subject,"
         " header_from, header_to, header_cc, header_date, message_id, has_attachments,"
         " finding_count) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
         " ?15, ?16, ?17, ?18, ?19, ?20)"},
        {&s.insertRaw, "INSERT INTO message_raw(id, raw) VALUES(?1, ?2)"},
        {&s.setRead,
         "UPDATE messages SET flags = (flags & ~1) | ?2 WHERE id = ?1 AND (flags & 2) = 0"},
        {&s.flagDeleted, "UPDATE messages SET flags = flags | 2 WHERE id = ?1 AND (flags & 2) = 0"},
        {&s.flagRange,
         "UPDATE messages SET flags = flags | 2 WHERE id > ?1 AND id <= ?2 AND (flags & 2) = 0"},
        {&s.lastId, "SELECT coalesce(max(id), 0) FROM messages"},
        // `flags & 2` exactly as in the partial index messages_deleted, so SQLite uses it.
        {&s.selectPurge,
         "SELECT id, session_id, size FROM messages WHERE flags & 2 ORDER BY id LIMIT ?1"},
        // message_raw and findings follow through their ON DELETE CASCADE.
        {&s.deleteMessage, "DELETE FROM messages WHERE id = ?1"},
        {&s.keepSessionHighWater,
         "INSERT INTO store_state(key, value) VALUES('last_session_id', ?1)"
         " ON CONFLICT(key) DO UPDATE SET value = max(value, excluded.value)"},
        // session_trace follows through its ON DELETE CASCADE.
        {&s.deleteUnusedSession, "DELETE FROM sessions WHERE id = ?1"
                                 " AND NOT EXISTS (SELECT 1 FROM messages WHERE session_id = ?1)"},
        {&s.selectExpired, "SELECT id FROM messages WHERE received < ?1 AND (flags & 2) = 0"
                           " ORDER BY received LIMIT ?2"},
        {&s.selectOldest, "SELECT id FROM messages WHERE (flags & 2) = 0 ORDER BY id LIMIT ?1"},
        {&s.countLive, "SELECT count(*) FROM messages WHERE (flags & 2) = 0"},
    };
    for (const Prepared &p : all) {
        *p.statement = db.prepare(p.sql);
        if (!p.statement->isValid())
            return fail(db, db.errorString());
    }
    QString reason;
    writer->m_indexer = MessageIndexer::create(db, &reason);
    if (!writer->m_indexer)
        return fail(db, reason);

    // Work left over from the last run (a purge cut short by shutdown, pages freed by a
    // migration) resumes with the first turn.
    qint64 flagged = 0;
    qint64 freePages = 0;
    if (!db.queryInt64("SELECT EXISTS(SELECT 1 FROM messages WHERE flags & 2)", &flagged)
        || !db.queryInt64("PRAGMA freelist_count", &freePages))
        return fail(db, db.errorString());
    writer->m_purgePending = flagged != 0;
    writer->m_vacuumPending = freePages > 0;
    if (writer->hasMaintenance()) {
        // Posted events move with the object to the writer thread.
        QMetaObject::invokeMethod(writer.get(), &StoreWriter::processQueue, Qt::QueuedConnection);
    }
    return writer;
}

StoreWriter::~StoreWriter()
{
    // flush() waits for the analysis pool, so every delivery handed over is committed.
    flush();
    // Statements must be finalized before the connection closes.
    m_indexer.reset();
    m_statements.reset();
}

void StoreWriter::enqueueDelivery(DeliveryRequest request, QObject *context, DeliveryCallback done)
{
    Job job;
    job.kind = Job::Kind::Delivery;
    job.request = std::move(request);
    if (context && done) {
        // The context (usually the session) may be deleted in its own thread while we commit;
        // the reply copes with that, and answers even if the job is dropped.
        job.reply = DeliveryReply(context, std::move(done));
    } else {
        job.directCallback = std::move(done);
    }
    if (!job.request.data) {
        enqueue(std::move(job));
        return;
    }
    // The reply is set up above, in the caller's thread while `context` surely exists; the
    // pool only computes.
    auto *task = new AnalysisTask(this, std::move(job));
    ThreadHandoff::release(task);
    m_analysisPool->start(task);
}

bool StoreWriter::event(QEvent *event)
{
    return ThreadHandoff::dispatch(this, event) || QObject::event(event);
}

void StoreWriter::enqueueSessionEnd(const SessionInfo &session, QList<ProtocolLine> traceDelta)
{
    Job job;
    job.kind = Job::Kind::SessionEnd;
    job.request.session = session;
    job.request.traceDelta = std::move(traceDelta);
    enqueue(std::move(job));
}

void StoreWriter::enqueueSetRead(const QList<qint64> &ids, bool read)
{
    Job job;
    job.kind = Job::Kind::SetRead;
    job.ids = ids;
    job.read = read;
    enqueue(std::move(job));
}

void StoreWriter::enqueueRemove(const QList<qint64> &ids)
{
    Job job;
    job.kind = Job::Kind::Remove;
    job.ids = ids;
    enqueue(std::move(job));
}

void StoreWriter::enqueueRemoveAll()
{
    Job job;
    job.kind = Job::Kind::RemoveAll;
    enqueue(std::move(job));
}

void StoreWriter::enqueueRetention(int maxMessages, int maxAgeDays)
{
    Job job;
    job.kind = Job::Kind::SetRetention;
    job.maxMessages = qMax(0, maxMessages);
    job.maxAgeDays = qMax(0, maxAgeDays);
    enqueue(std::move(job));
}

void StoreWriter::enqueue(Job job)
{
    // Session ends are the only writes nobody waits for.
    const bool urgent = job.kind != Job::Kind::SessionEnd;
    bool wake = false;
    bool arm = false;
    {
        std::lock_guard locker(m_queueMutex);
        m_queue.push_back(std::move(job));
        // One wake-up per batch: the writer drains the whole queue, so later arrivals only
        // need to be queued, not announced again (that would flood the event queue under load).
        if (urgent && !m_wakeQueued) {
            m_wakeQueued = true;
            wake = true;
        } else if (!urgent && !m_wakeQueued && !m_sessionEndArmed) {
            m_sessionEndArmed = true;
            arm = true;
        }
    }
    if (wake)
        ThreadHandoff::post(this, [this] { processQueue(); });
    else if (arm)
        ThreadHandoff::post(this, [this] { m_sessionEndTimer->start(); });
}

void StoreWriter::setMirror(MaildirMirror *mirror)
{
    m_mirror = mirror;
}

bool StoreWriter::hasMaintenance() const
{
    const bool retentionActive = m_maxMessages > 0 || m_maxAgeDays > 0;
    return !m_pendingReads.empty() || !m_pendingRemovals.empty() || m_removeAllUpTo > 0
           || m_purgePending || m_vacuumPending || (retentionActive && m_retentionDue);
}

void StoreWriter::scheduleMaintenance()
{
    m_maintenanceTimer->start(0); // also cuts short a retry delay after a failed turn
}

bool StoreWriter::hasPendingChanges() const
{
    return !m_pendingReads.empty() || !m_pendingRemovals.empty() || m_removeAllUpTo > 0;
}

void StoreWriter::runTurnsWhile(bool (StoreWriter::*condition)() const)
{
    processQueue();
    while ((this->*condition)()) {
        const quint64 commits = commitCount();
        processQueue();
        if (commitCount() == commits)
            break; // the turn failed (and said so); do not spin on it
    }
}

void StoreWriter::flush()
{
    // Deliveries still being analysed are queued once done; they are part of "everything
    // queued so far". The pool never waits for this thread, so this cannot deadlock.
    m_analysisPool->waitForDone();
    runTurnsWhile(&StoreWriter::hasPendingChanges);
}

void StoreWriter::finishMaintenance()
{
    m_analysisPool->waitForDone();
    runTurnsWhile(&StoreWriter::hasMaintenance);
    m_maintenanceTimer->stop();
}

void StoreWriter::processQueue()
{
    std::vector<Job> batch;
    {
        std::lock_guard locker(m_queueMutex);
        batch.swap(m_queue);
        m_wakeQueued = false;
        m_sessionEndArmed = false;
    }
    m_sessionEndTimer->stop();
    if (batch.empty() && !hasMaintenance())
        return;

    Statements &s = *m_statements;
    Turn turn;
    m_vacuumedThisTurn = false;
    turn.removeAllTarget = m_removeAllUpTo;
    turn.removeAllDone = m_removeAllDone;
    QString batchError;
    {
        SqliteDatabase::Transaction transaction(*m_db);
        if (!transaction.isActive())
            batchError = transaction.errorString();
        for (qsizetype i = 0; batchError.isEmpty() && i < qsizetype(batch.size()); ++i) {
            Job &job = batch[size_t(i)];
            // A savepoint per job: one unreadable spool fails its own message, not the batch.
            if (!s.savepoint.execute()) {
                batchError = s.savepoint.errorString();
                break;
            }
            const Turn before = turn;
            QString error;
            if (storeJob(job, turn, &error)) {
                if (!s.release.execute())
                    batchError = s.release.errorString();
                continue;
            }
            turn = before;
            m_liveCount.reset(); // counted changes of the failed job were rolled back
            // After disk-full or I/O errors SQLite may have rolled back the whole transaction;
            // then nothing in this batch is stored, including jobs that looked fine.
            if (!m_db->inTransaction() || !s.rollbackToSavepoint.execute()
                || !s.release.execute()) {
                batchError = error;
                break;
            }
            job.result = DeliveryResult{false, 0, {}, error};
            emit failed(
                job.kind == Job::Kind::Delivery
                    ? QStringLiteral("store: a message from session %1 was not stored: %2")
                          .arg(job.request.session.sessionId)
                          .arg(error)
                : job.kind == Job::Kind::SessionEnd
                    ? QStringLiteral("store: session %1 was not recorded: %2")
                          .arg(job.request.session.sessionId)
                          .arg(error)
                    : QStringLiteral("store: a change to stored messages failed: %1").arg(error));
        }
        // The index rows of the batch, after the last per-job savepoint: FTS5 flushes its
        // pending rows into a new segment whenever a savepoint opens, so this way the batch
        // costs one segment instead of one per message (measured with 2,000 documents of
        // 400 words: 0.54 ms a document with a savepoint each, 0.24 ms without).
        for (qsizetype i = 0; batchError.isEmpty() && i < qsizetype(batch.size()); ++i) {
            Job &job = batch[size_t(i)];
            QString error;
            if (job.kind == Job::Kind::Delivery && job.result.ok
                && !m_indexer->insertIndexRow(job.result.storeId, *job.analysis, &error))
                batchError = error;
        }
        // One step of maintenance rides along, in its own savepoint: a failing purge must not
        // cost the deliveries of this batch.
        const bool retentionActive = m_maxMessages > 0 || m_maxAgeDays > 0;
        if (batchError.isEmpty() && (hasMaintenance() || (retentionActive && turn.delivered))) {
            const Turn before = turn;
            QString error;
            if (!s.savepoint.execute()) {
                batchError = s.savepoint.errorString();
            } else if (maintenanceStep(turn, &error)) {
                if (!s.release.execute())
                    batchError = s.release.errorString();
            } else {
                m_liveCount.reset();
                if (!m_db->inTransaction() || !s.rollbackToSavepoint.execute()
                    || !s.release.execute()) {
                    batchError = error;
                } else {
                    // Given up until the next removal: retrying every turn would only repeat
                    // the error.
                    turn = before;
                    m_pendingReads.clear();
                    m_pendingRemovals.clear();
                    m_removeAllUpTo = 0;
                    m_removeAllDone = 0;
                    m_purgePending = false;
                    m_vacuumPending = false;
                    m_retentionDue = false;
                    emit failed(QStringLiteral("store: changing or deleting messages failed: %1")
                                    .arg(error));
                }
            }
        }
        if (batchError.isEmpty() && !transaction.commit())
            batchError = transaction.errorString();
    }

    QList<MaildirMirror::Item> mirrored;
    if (batchError.isEmpty()) {
        m_commitCount.fetch_add(1, std::memory_order_relaxed);
        if (m_vacuumedThisTurn) {
            // FTS5 writes its pending rows (and merges segments, freeing pages) as the
            // transaction commits, after the vacuum step looked; count again.
            qint64 freePages = 0;
            m_vacuumPending =
                !m_db->queryInt64("PRAGMA freelist_count", &freePages) || freePages > 0;
        }
    } else {
        m_liveCount.reset();
        restoreAfterFailedTurn(turn);
        emit failed(QStringLiteral("store: cannot commit %1 queued writes: %2")
                        .arg(batch.size())
                        .arg(batchError));
    }
    for (Job &job : batch) {
        if (job.kind != Job::Kind::Delivery)
            continue;
        if (!batchError.isEmpty())
            job.result = DeliveryResult{false, 0, {}, batchError};
        else if (job.result.ok && m_mirror)
            mirrored.append(MaildirMirror::Item{job.result.storeId, job.request.data});
        if (job.reply) {
            job.reply.send(job.result);
        } else if (job.directCallback) {
            job.directCallback(job.result);
        }
    }
    if (!mirrored.isEmpty())
        m_mirror->enqueue(mirrored); // bounded; wakes the mirror thread
    if (!batchError.isEmpty()) {
        // Nothing of this turn happened. Retrying at once would likely fail the same way.
        if (hasMaintenance())
            m_maintenanceTimer->start(kRetryAfterFailure);
        return;
    }
    if (!turn.changed.isEmpty())
        emit messagesChanged(turn.changed);
    if (turn.removedAll)
        emit messagesRemoved({});
    if (!turn.removed.isEmpty())
        emit messagesRemoved(turn.removed);
    if (hasMaintenance())
        scheduleMaintenance();
}

bool StoreWriter::storeJob(Job &job, Turn &turn, QString *error)
{
    switch (job.kind) {
    case Job::Kind::Delivery:
        if (!upsertSession(job.request.session, error) || !storeMessage(job, error)
            || !appendTrace(job.request.session.sessionId, job.request.traceDelta, error))
            return false;
        turn.delivered = true;
        if (m_liveCount)
            ++*m_liveCount;
        return true;
    case Job::Kind::SessionEnd:
        return upsertSession(job.request.session, error)
               && appendTrace(job.request.session.sessionId, job.request.traceDelta, error);
    case Job::Kind::SetRead:
        // Applied by the maintenance step, a time slice per turn.
        for (const qint64 id : std::as_const(job.ids))
            m_pendingReads.emplace_back(id, job.read);
        return true;
    case Job::Kind::Remove:
        // Flagged by the maintenance step, a time slice per turn.
        m_pendingRemovals.insert(m_pendingRemovals.end(), job.ids.cbegin(), job.ids.cend());
        return true;
    case Job::Kind::RemoveAll: {
        // Everything up to the newest message now: deliveries queued after this job get
        // higher ids and stay.
        SqliteDatabase::Statement &last = m_statements->lastId;
        if (last.step() != SqliteDatabase::Statement::StepResult::Row) {
            *error = last.errorString();
            last.reset();
            return false;
        }
        const qint64 upTo = last.columnInt64(0);
        last.reset();
        if (upTo == 0) {
            turn.removedAll = true; // nothing to remove; say so at once
            return true;
        }
        m_removeAllUpTo = qMax(m_removeAllUpTo, upTo);
        turn.removeAllTarget = qMax(turn.removeAllTarget, upTo);
        return true;
    }
    case Job::Kind::SetRetention:
        m_maxMessages = job.maxMessages;
        m_maxAgeDays = job.maxAgeDays;
        m_retentionDue = true;
        if (m_maxAgeDays > 0)
            m_retentionTimer->start();
        else
            m_retentionTimer->stop();
        return true;
    }
    return false;
}

bool StoreWriter::upsertSession(const SessionInfo &session, QString *error)
{
    SqliteDatabase::Statement &st = m_statements->upsertSession;
    st.bindInt64(1, qint64(session.sessionId));
    bindTime(st, 2, session.started);
    bindTime(st, 3, session.ended);
    st.bindText(4, session.remoteAddress);
    st.bindInt64(5, session.remotePort);
    st.bindText(6, session.localAddress);
    st.bindInt64(7, session.localPort);
    st.bindInt64(8, session.implicitTls ? 1 : 0);
    st.bindInt64(9, session.tls ? 1 : 0);
    st.bindText(10, session.tlsProtocol);
    st.bindText(11, session.tlsCipher);
    st.bindText(12, session.heloName);
    st.bindText(13, session.authUser);
    st.bindInt64(14, session.messages);
    if (session.endReason.isEmpty())
        st.bindNull(15);
    else
        st.bindText(15, session.endReason);
    if (!st.execute()) {
        *error = st.errorString();
        return false;
    }
    return true;
}

QByteArray StoreWriter::encodeTraceChunk(const QList<ProtocolLine> &lines)
{
    QByteArray chunk;
    QDataStream stream(&chunk, QIODevice::WriteOnly);
    stream.setVersion(QDataStream::Qt_6_4);
    stream << quint32(lines.size());
    for (const ProtocolLine &line : lines) {
        stream << (line.time.isValid() ? line.time.toMSecsSinceEpoch()
                                       : std::numeric_limits<qint64>::min())
               << qint32(line.direction) << line.bytes << qint64(line.truncatedBytes);
    }
    return chunk;
}

bool StoreWriter::appendTrace(quint64 sessionId, const QList<ProtocolLine> &lines, QString *error)
{
    if (lines.isEmpty())
        return true;
    Statements &s = *m_statements;
    SqliteDatabase::Statement &state = s.traceState;
    state.bindInt64(1, qint64(sessionId));
    if (state.step() != SqliteDatabase::Statement::StepResult::Row) {
        *error = state.errorString();
        state.reset();
        return false;
    }
    qint64 bytes = state.columnInt64(0);
    const qint64 chunks = state.columnInt64(1);
    const bool wasTruncated = state.columnInt64(2) != 0;
    state.reset();
    if (wasTruncated)
        return true; // everything after the cut is dropped, so the trace stays a prefix

    // Cap before appending: the lines that fit, then a single note for the rest.
    QList<ProtocolLine> kept;
    kept.reserve(lines.size());
    bool truncated = false;
    qint64 droppedBytes = 0;
    QDateTime cutTime;
    for (const ProtocolLine &line : lines) {
        if (!truncated && bytes + line.bytes.size() <= kMaxTraceBytesPerSession) {
            bytes += line.bytes.size();
            kept.append(line);
            continue;
        }
        if (!truncated)
            cutTime = line.time;
        truncated = true;
        droppedBytes += line.bytes.size();
    }
    if (truncated) {
        ProtocolLine note;
        note.sessionId = sessionId;
        note.time = cutTime;
        note.direction = Direction::Note;
        note.bytes = QByteArrayLiteral("trace truncated");
        note.truncatedBytes = droppedBytes;
        kept.append(note);
    }

    s.insertTrace.bindInt64(1, qint64(sessionId));
    s.insertTrace.bindInt64(2, chunks);
    s.insertTrace.bindBlob(3, encodeTraceChunk(kept));
    if (!s.insertTrace.execute()) {
        *error = s.insertTrace.errorString();
        return false;
    }
    s.updateTraceState.bindInt64(1, qint64(sessionId));
    s.updateTraceState.bindInt64(2, bytes);
    s.updateTraceState.bindInt64(3, chunks + 1);
    s.updateTraceState.bindInt64(4, truncated ? 1 : 0);
    if (!s.updateTraceState.execute()) {
        *error = s.updateTraceState.errorString();
        return false;
    }
    return true;
}

bool StoreWriter::storeMessage(Job &job, QString *error)
{
    const DeliveryRequest &request = job.request;
    const MessageSpool *spool = request.data.get();
    if (!spool) {
        *error = QStringLiteral("no message data");
        return false;
    }
    if (!job.analysis)
        job.analysis = MessageAnalysis::analyse(*spool, request.envelope);
    const MessageAnalysis &analysis = *job.analysis;
    const HeaderSummary &summary = analysis.summary;

    const Envelope &envelope = request.envelope;
    const QDateTime received =
        request.received.isValid() ? request.received : QDateTime::currentDateTimeUtc();
    // Recipients never contain CR or LF (the SMTP parser refuses them), so LF is a safe joiner.
    const QByteArray recipients = envelope.recipients.join('\n');

    SqliteDatabase::Statement &st = m_statements->insertMessage;
    st.bindInt64(1, received.toMSecsSinceEpoch());
    st.bindInt64(2, qint64(request.session.sessionId));
    st.bindBlob(3, envelope.mailFrom.isNull() ? QByteArray("") : envelope.mailFrom);
    st.bindBlob(4, envelope.mailParameters.isNull() ? QByteArray("") : envelope.mailParameters);
    st.bindBlob(5, recipients.isNull() ? QByteArray("") : recipients);
    st.bindInt64(6, envelope.smtpUtf8 ? 1 : 0);
    st.bindInt64(7, envelope.eightBitMime ? 1 : 0);
    st.bindText(8, request.session.remoteAddress);
    st.bindText(9, request.session.heloName);
    st.bindInt64(10, request.session.tls ? 1 : 0);
    st.bindText(11, request.session.authUser);
    st.bindInt64(12, spool->size());
    st.bindText(13, summary.subject());
    st.bindText(14, summary.from());
    st.bindText(15, summary.to());
    st.bindText(16, summary.cc());
    st.bindText(17, summary.date());
    st.bindText(18, summary.messageId());
    st.bindInt64(19, analysis.hasAttachments ? 1 : 0);
    st.bindInt64(20, analysis.findingCount());
    if (!st.execute()) {
        *error = st.errorString();
        return false;
    }
    const qint64 id = m_db->lastInsertRowId();

    // Small messages are bound in place; spooled ones get a zero blob of the right size that
    // is filled chunk by chunk below, so memory stays bounded whatever the message size.
    SqliteDatabase::Statement &raw = m_statements->insertRaw;
    raw.bindInt64(1, id);
    if (spool->isInMemory())
        raw.bindStaticBlob(2, spool->memory());
    else
        raw.bindZeroBlob(2, spool->size());
    if (!raw.execute()) {
        *error = raw.errorString();
        return false;
    }
    if (!spool->isInMemory()) {
        SqliteDatabase::Blob blob(*m_db, "message_raw", "raw", id, true);
        if (!blob.isValid()) {
            *error = blob.errorString();
            return false;
        }
        qint64 offset = 0;
        QString blobError;
        const bool copied = spool->readChunks(
            [&](QByteArrayView chunk) {
                if (offset + chunk.size() > spool->size() || !blob.write(offset, chunk)) {
                    blobError = blob.errorString();
                    return false;
                }
                offset += chunk.size();
                return true;
            },
            kBlobChunkSize);
        if (!copied || offset != spool->size()) {
            *error = !blobError.isEmpty() ? blobError
                                          : QStringLiteral("cannot read the spooled message");
            return false;
        }
    }

    // The index row follows at the end of the batch (see processQueue()).
    if (!m_indexer->insertFindings(id, analysis, error))
        return false;
    job.result = DeliveryResult{true, id, summary.subject(), {}};
    return true;
}

bool StoreWriter::flagDeleted(qint64 id, Turn &turn, QString *error)
{
    SqliteDatabase::Statement &st = m_statements->flagDeleted;
    st.bindInt64(1, id);
    if (!st.execute()) {
        *error = st.errorString();
        return false;
    }
    if (m_db->changes() == 0)
        return true; // no such message, or already deleted
    turn.removed.append(id);
    m_purgePending = true;
    if (m_liveCount)
        --*m_liveCount;
    return true;
}

/// The time a maintenance step may still take in this turn.
struct StoreWriter::Deadline
{
    QElapsedTimer clock;
    std::chrono::nanoseconds budget;

    bool hasTime() const { return clock.nsecsElapsed() < budget.count(); }
};

bool StoreWriter::applyReadChanges(Turn &turn, const Deadline &deadline, QString *error)
{
    SqliteDatabase::Statement &st = m_statements->setRead;
    while (!m_pendingReads.empty() && deadline.hasTime()) {
        const auto [id, read] = m_pendingReads.front();
        st.bindInt64(1, id);
        st.bindInt64(2, read ? kFlagRead : 0);
        if (!st.execute()) {
            *error = st.errorString();
            return false;
        }
        m_pendingReads.pop_front();
        turn.readsApplied.append({id, read});
        if (m_db->changes() > 0 && !turn.changed.contains(id))
            turn.changed.append(id);
    }
    return true;
}

bool StoreWriter::flagRemovals(Turn &turn, const Deadline &deadline, QString *error)
{
    while (!m_pendingRemovals.empty() && deadline.hasTime()) {
        const qint64 id = m_pendingRemovals.front();
        m_pendingRemovals.pop_front();
        if (!flagDeleted(id, turn, error)) {
            m_pendingRemovals.push_front(id);
            return false;
        }
    }
    return true;
}

bool StoreWriter::flagRemoveAll(Turn &turn, const Deadline &deadline, QString *error)
{
    // One narrow row per message (the bytes live in message_raw): a range of ids per UPDATE.
    SqliteDatabase::Statement &st = m_statements->flagRange;
    while (m_removeAllUpTo > 0 && deadline.hasTime()) {
        const qint64 to = qMin(m_removeAllDone + kFlagRangeIds, m_removeAllUpTo);
        st.bindInt64(1, m_removeAllDone);
        st.bindInt64(2, to);
        if (!st.execute()) {
            *error = st.errorString();
            return false;
        }
        if (m_db->changes() > 0) {
            m_purgePending = true;
            if (m_liveCount)
                *m_liveCount -= m_db->changes();
        }
        m_removeAllDone = to;
        if (to >= m_removeAllUpTo) {
            turn.removedAll = true;
            m_removeAllUpTo = 0;
            m_removeAllDone = 0;
        }
    }
    return true;
}

void StoreWriter::restoreAfterFailedTurn(const Turn &turn)
{
    // The flags of this turn were rolled back: ask for them again.
    for (auto it = turn.readsApplied.crbegin(); it != turn.readsApplied.crend(); ++it)
        m_pendingReads.push_front(*it);
    for (auto it = turn.removed.crbegin(); it != turn.removed.crend(); ++it)
        m_pendingRemovals.push_front(*it);
    if (turn.removeAllTarget > 0) {
        m_removeAllUpTo = qMax(m_removeAllUpTo, turn.removeAllTarget);
        m_removeAllDone = turn.removeAllDone;
    }
}

bool StoreWriter::maintenanceStep(Turn &turn, QString *error)
{
    Deadline deadline;
    deadline.budget = turn.delivered ? kMaintenanceSliceWithDeliveries : kMaintenanceSlice;
    deadline.clock.start();
    const bool retentionActive = m_maxMessages > 0 || m_maxAgeDays > 0;
    m_retentionDue = m_retentionDue || turn.delivered;
    if (!applyReadChanges(turn, deadline, error) || !flagRemovals(turn, deadline, error)
        || !flagRemoveAll(turn, deadline, error))
        return false;
    if (retentionActive && m_retentionDue && deadline.hasTime() && !applyRetention(turn, error))
        return false;
    if (!retentionActive)
        m_retentionDue = false;
    if (m_purgePending && deadline.hasTime())
        return purgeStep(deadline, error);
    if (!m_purgePending && m_vacuumPending && deadline.hasTime())
        return vacuumStep(error);
    return true;
}

bool StoreWriter::applyRetention(Turn &turn, QString *error)
{
    Statements &s = *m_statements;
    bool more = false;
    if (m_maxAgeDays > 0) {
        const qint64 cutoff =
            QDateTime::currentMSecsSinceEpoch() - qint64(m_maxAgeDays) * kMillisecondsPerDay;
        s.selectExpired.bindInt64(1, cutoff);
        s.selectExpired.bindInt64(2, kRetentionBatch);
        const std::optional<QList<qint64>> expired = selectIds(s.selectExpired, error);
        if (!expired)
            return false;
        for (const qint64 id : *expired) {
            if (!flagDeleted(id, turn, error))
                return false;
        }
        more = expired->size() >= kRetentionBatch;
    }
    if (m_maxMessages > 0) {
        if (!m_liveCount) {
            // Once per setRetention (or after a failed turn); afterwards the count follows
            // deliveries and deletions, so the check after each batch costs nothing.
            qint64 count = 0;
            if (s.countLive.step() != SqliteDatabase::Statement::StepResult::Row) {
                *error = s.countLive.errorString();
                s.countLive.reset();
                return false;
            }
            count = s.countLive.columnInt64(0);
            s.countLive.reset();
            m_liveCount = count;
        }
        const qint64 excess = *m_liveCount - m_maxMessages;
        if (excess > 0) {
            s.selectOldest.bindInt64(1, qMin<qint64>(excess, kRetentionBatch));
            const std::optional<QList<qint64>> oldest = selectIds(s.selectOldest, error);
            if (!oldest)
                return false;
            for (const qint64 id : *oldest) {
                if (!flagDeleted(id, turn, error))
                    return false;
            }
            more = more || excess > kRetentionBatch;
        }
    }
    m_retentionDue = more;
    return true;
}

bool StoreWriter::purgeStep(const Deadline &deadline, QString *error)
{
    Statements &s = *m_statements;
    struct Flagged
    {
        qint64 id;
        std::optional<qint64> sessionId;
    };
    QList<Flagged> flagged;
    qint64 bytes = 0;
    s.selectPurge.bindInt64(1, kPurgeBatchMessages);
    SqliteDatabase::Statement::StepResult step;
    while ((step = s.selectPurge.step()) == SqliteDatabase::Statement::StepResult::Row) {
        flagged.append({s.selectPurge.columnInt64(0),
                        s.selectPurge.columnIsNull(1)
                            ? std::nullopt
                            : std::optional<qint64>(s.selectPurge.columnInt64(1))});
        bytes += s.selectPurge.columnInt64(2);
        if (bytes > kPurgeBatchBytes)
            break;
    }
    const bool stepFailed = step == SqliteDatabase::Statement::StepResult::Error;
    if (stepFailed)
        *error = s.selectPurge.errorString();
    s.selectPurge.reset();
    if (stepFailed)
        return false;
    bool exhausted =
        step == SqliteDatabase::Statement::StepResult::Done && flagged.size() < kPurgeBatchMessages;

    // At least one message per turn, however slow, so the purge always gets somewhere.
    QSet<qint64> sessions;
    for (qsizetype i = 0; i < flagged.size(); ++i) {
        if (i > 0 && !deadline.hasTime()) {
            exhausted = false;
            break;
        }
        const qint64 id = flagged[i].id;
        if (!m_indexer->removeIndexRow(id, error))
            return false;
        s.deleteMessage.bindInt64(1, id);
        if (!s.deleteMessage.execute()) {
            *error = s.deleteMessage.errorString();
            return false;
        }
        if (flagged[i].sessionId)
            sessions.insert(*flagged[i].sessionId);
    }
    if (!sessions.isEmpty()) {
        // Session ids are never handed out twice, even once their rows are gone.
        s.keepSessionHighWater.bindInt64(1, *std::max_element(sessions.cbegin(), sessions.cend()));
        if (!s.keepSessionHighWater.execute()) {
            *error = s.keepSessionHighWater.errorString();
            return false;
        }
    }
    for (const qint64 sessionId : std::as_const(sessions)) {
        s.deleteUnusedSession.bindInt64(1, sessionId);
        if (!s.deleteUnusedSession.execute()) {
            *error = s.deleteUnusedSession.errorString();
            return false;
        }
    }
    if (exhausted) {
        m_purgePending = false;
        m_vacuumPending = true;
    }
    return true;
}

bool StoreWriter::vacuumStep(QString *error)
{
    static const QByteArray vacuum =
        "PRAGMA incremental_vacuum(" + QByteArray::number(kVacuumPagesPerTurn) + ")";
    if (!m_db->exec(vacuum.constData())) {
        *error = m_db->errorString();
        return false;
    }
    m_vacuumedThisTurn = true; // whether more is left is counted after the commit
    return true;
}
