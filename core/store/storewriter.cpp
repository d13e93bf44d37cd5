// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "storewriter.h"

#include "common/freememory.h"
#include "common/threadhandoff.h"
#include "store/deliveryreply.h"
#include "store/messageindexer.h"
#include "store/sessionrecorder.h"
#include "store/sqlitedatabase.h"

#include <QRunnable>
#include <QThread>

#include <optional>

#include <sqlite3.h>

// A QRunnable of our own rather than a lambda: run() can state, before it touches the job, that
// QThreadPool's queue ordered the hand-over (ThreadHandoff), which TSan cannot see.
class StoreWriter::AnalysisTask final : public QRunnable
{
public:
    AnalysisTask(StoreWriter *writer, DeliveryJob job)
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
    DeliveryJob m_job;
};

struct StoreWriter::Statements
{
    SqliteDatabase::Statement savepoint;
    SqliteDatabase::Statement release;
    SqliteDatabase::Statement rollbackToSavepoint;
    SqliteDatabase::Statement insertMessage;
    SqliteDatabase::Statement insertRaw;
};

template<typename... Ts> struct Overloaded : Ts...
{
    using Ts::operator()...;
};
template<typename... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

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
    , m_idleTimer(new QTimer(this))
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
    m_idleTimer->setSingleShot(true);
    m_idleTimer->setInterval(kReleaseMemoryDelay);
    connect(m_idleTimer, &QTimer::timeout, this, &StoreWriter::releaseIdleMemory);
    m_retentionTimer->setInterval(kRetentionCheckInterval);
    connect(m_retentionTimer, &QTimer::timeout, this, [this] {
        m_maintenance->retentionDue();
        processQueue();
    });
}

Result<std::unique_ptr<StoreWriter>> StoreWriter::create(std::unique_ptr<SqliteDatabase> database)
{
    // The statements are ours and match the schema prepare() checked; when one does not
    // prepare for any other reason than a busy or failing disk, the file is damaged (a broken
    // FTS5 index only says "vtable constructor failed").
    const auto unusable = [](SqliteDatabase &db, const Error &error) {
        const int code = db.errorCode();
        const bool transient = code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_NOMEM
                               || code == SQLITE_IOERR || code == SQLITE_FULL;
        return Error(transient ? ErrorCode::DatabaseError : ErrorCode::StoreDamaged, error.message);
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
        {&s.insertMessage,
         "INSERT INTO messages(received, session_id, mail_from, mail_parameters, recipients,"
         " smtputf8, eightbitmime, remote_address, helo, tls, auth_user, size, subject,"
         " header_from, header_to, header_cc, header_date, message_id, has_attachments,"
         " finding_count, trace_first, trace_last, overview) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7,"
         " ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)"},
        {&s.insertRaw, "INSERT INTO message_raw(id, raw) VALUES(?1, ?2)"},
    };
    for (const Prepared &p : all) {
        *p.statement = db.prepare(p.sql);
        if (!p.statement->isValid())
            return unusable(db, db.lastError());
    }
    Result<std::unique_ptr<MessageIndexer>> indexer = MessageIndexer::create(db);
    if (!indexer)
        return unusable(db, indexer.error());
    writer->m_indexer = std::move(*indexer);
    Result<std::unique_ptr<SessionRecorder>> sessions = SessionRecorder::create(db, writer.get());
    if (!sessions)
        return unusable(db, sessions.error());
    writer->m_sessions = std::move(*sessions);
    Result<std::unique_ptr<StoreMaintenance>> maintenance =
        StoreMaintenance::create(db, *writer->m_indexer, writer.get());
    if (!maintenance)
        return unusable(db, maintenance.error());
    writer->m_maintenance = std::move(*maintenance);

    // Work left over from the last run resumes with the first turn. Posted events move with
    // the object to the writer thread.
    if (writer->hasMaintenance())
        QMetaObject::invokeMethod(writer.get(), &StoreWriter::processQueue, Qt::QueuedConnection);
    return writer;
}

StoreWriter::~StoreWriter()
{
    ThreadHandoff::acquire(this); // calls still queued are freed with this object
    // flush() waits for the analysis pool, so every delivery handed over is committed. A
    // writer that create() gave up on has nothing to flush.
    if (m_maintenance)
        flush();
    // Statements must be finalized before the connection closes.
    m_maintenance.reset();
    m_sessions.reset();
    m_indexer.reset();
    m_statements.reset();
}

void StoreWriter::assertWriterThread() const
{
    Q_ASSERT_X(QThread::currentThread() == thread(), "StoreWriter",
               "called outside the writer thread");
}

void StoreWriter::enqueueDelivery(DeliveryRequest request, QObject *context, DeliveryCallback done)
{
    DeliveryJob job;
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

void StoreWriter::enqueueSessionEnd(const SessionInfo &session, QList<ProtocolLine> traceDelta,
                                    TraceBacklog::Ticket ticket)
{
    enqueue(SessionEndJob{session, std::move(traceDelta), std::move(ticket)});
}

void StoreWriter::enqueueSetRead(const QList<qint64> &ids, bool read)
{
    enqueue(SetReadJob{ids, read});
}

void StoreWriter::enqueueRemove(const QList<qint64> &ids)
{
    enqueue(RemoveJob{ids});
}

void StoreWriter::enqueueRemoveAll()
{
    enqueue(RemoveAllJob{});
}

void StoreWriter::enqueueRetention(int maxMessages, int maxAgeDays)
{
    enqueue(SetRetentionJob{qMax(0, maxMessages), qMax(0, maxAgeDays)});
}

void StoreWriter::enqueueRecord(std::function<Result<void>(SqliteDatabase &)> write)
{
    enqueue(RecordJob{std::move(write)});
}

void StoreWriter::enqueue(StoreJob job)
{
    // Session ends are the only writes nobody waits for.
    const bool urgent = !std::holds_alternative<SessionEndJob>(job);
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
    assertWriterThread();
    m_mirror = mirror;
}

bool StoreWriter::hasMaintenance() const
{
    return m_maintenance->hasWork();
}

bool StoreWriter::hasPendingChanges() const
{
    return m_maintenance->hasPendingChanges();
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
    assertWriterThread();
    // Deliveries still being analysed are queued once done; they are part of "everything
    // queued so far". The pool never waits for this thread, so this cannot deadlock.
    m_analysisPool->waitForDone();
    runTurnsWhile(&StoreWriter::hasPendingChanges);
}

void StoreWriter::finishMaintenance()
{
    assertWriterThread();
    m_analysisPool->waitForDone();
    runTurnsWhile(&StoreWriter::hasMaintenance);
    m_maintenanceTimer->stop();
}

static QString jobFailure(const StoreJob &job, const QString &error)
{
    if (const auto *delivery = std::get_if<DeliveryJob>(&job))
        return QStringLiteral("store: a message from session %1 was not stored: %2")
            .arg(delivery->request.session.sessionId)
            .arg(error);
    if (const auto *end = std::get_if<SessionEndJob>(&job))
        return QStringLiteral("store: session %1 was not recorded: %2")
            .arg(end->session.sessionId)
            .arg(error);
    return QStringLiteral("store: a change to stored messages failed: %1").arg(error);
}

void StoreWriter::processQueue()
{
    assertWriterThread();
    std::vector<StoreJob> batch;
    {
        std::lock_guard locker(m_queueMutex);
        batch.swap(m_queue);
        m_wakeQueued = false;
        m_sessionEndArmed = false;
    }
    m_sessionEndTimer->stop();
    if (batch.empty() && !hasMaintenance())
        return;

    m_idleTimer->start();
    Statements &s = *m_statements;
    StoreMaintenance::Turn turn = m_maintenance->beginTurn();
    Result<void> committed;
    {
        SqliteDatabase::Transaction transaction(*m_db);
        if (!transaction.isActive())
            committed = Error(ErrorCode::DatabaseError, transaction.lastError().message);
        for (size_t i = 0; committed && i < batch.size(); ++i) {
            StoreJob &job = batch[i];
            // A savepoint per job: one unreadable spool fails its own message, not the batch.
            if (!s.savepoint.execute()) {
                committed = s.savepoint.lastError();
                break;
            }
            const StoreMaintenance::Turn before = turn;
            const Result<void> stored = storeJob(job, turn);
            if (stored) {
                if (!s.release.execute())
                    committed = s.release.lastError();
                continue;
            }
            turn = before;
            m_maintenance->forgetLiveCount(); // counted changes of the failed job were undone
            // After disk-full or I/O errors SQLite may have rolled back the whole transaction;
            // then nothing in this batch is stored, including jobs that looked fine.
            if (!m_db->inTransaction() || !s.rollbackToSavepoint.execute()
                || !s.release.execute()) {
                committed = stored;
                break;
            }
            if (auto *delivery = std::get_if<DeliveryJob>(&job))
                delivery->result = DeliveryResult{false, 0, {}, stored.error()};
            emit failed(jobFailure(job, stored.error().message));
        }
        // The index rows of the batch, after the last per-job savepoint: FTS5 flushes its
        // pending rows into a new segment whenever a savepoint opens, so this way the batch
        // costs one segment instead of one per message (measured with 2,000 documents of
        // 400 words: 0.54 ms a document with a savepoint each, 0.24 ms without).
        for (size_t i = 0; committed && i < batch.size(); ++i) {
            const auto *delivery = std::get_if<DeliveryJob>(&batch[i]);
            if (delivery && delivery->result.ok)
                committed =
                    m_indexer->insertIndexRow(delivery->result.storeId, *delivery->analysis);
        }
        // One step of maintenance rides along, in its own savepoint: a failing purge must not
        // cost the deliveries of this batch.
        if (committed && (hasMaintenance() || (m_maintenance->retentionActive() && turn.delivered)))
            committed = runMaintenance(turn);
        if (committed && !transaction.commit())
            committed = Error(ErrorCode::DatabaseError, transaction.lastError().message);
    }

    if (committed) {
        m_commitCount.fetch_add(1, std::memory_order_relaxed);
        m_maintenance->afterCommit();
    } else {
        m_maintenance->restoreAfterFailedTurn(turn);
        emit failed(QStringLiteral("store: cannot commit %1 queued writes: %2")
                        .arg(batch.size())
                        .arg(committed.error().message));
    }
    finishDeliveries(batch, committed);
    if (!committed) {
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
    if (const qint64 deleted = turn.removed.size() + turn.removedByRange; deleted > 0)
        emit messagesDeleted(deleted);
    if (hasMaintenance())
        m_maintenanceTimer->start(0); // also cuts short a retry delay after a failed turn
}

void StoreWriter::releaseIdleMemory()
{
    assertWriterThread();
    sqlite3_db_release_memory(m_db->handle());
    releaseFreeHeapMemory();
}

Result<void> StoreWriter::runMaintenance(StoreMaintenance::Turn &turn)
{
    Statements &s = *m_statements;
    if (!s.savepoint.execute())
        return s.savepoint.lastError();
    const StoreMaintenance::Turn before = turn;
    const Result<void> stepped = m_maintenance->step(
        turn, turn.delivered ? kMaintenanceSliceWithDeliveries : kMaintenanceSlice);
    if (stepped) {
        if (!s.release.execute())
            return s.release.lastError();
        return {};
    }
    m_maintenance->forgetLiveCount();
    if (!m_db->inTransaction() || !s.rollbackToSavepoint.execute() || !s.release.execute())
        return stepped;
    // Given up until the next request: retrying every turn would only repeat the error.
    turn = before;
    m_maintenance->giveUp();
    emit failed(QStringLiteral("store: changing or deleting messages failed: %1")
                    .arg(stepped.error().message));
    return {};
}

void StoreWriter::finishDeliveries(std::vector<StoreJob> &batch, const Result<void> &committed)
{
    QList<MaildirMirror::Item> mirrored;
    for (StoreJob &item : batch) {
        auto *job = std::get_if<DeliveryJob>(&item);
        if (!job)
            continue;
        if (!committed)
            job->result = DeliveryResult{false, 0, {}, committed.error()};
        else if (job->result.ok && m_mirror)
            mirrored.append(MaildirMirror::Item{job->result.storeId, job->request.data});
        if (job->reply) {
            job->reply.send(job->result);
        } else if (job->directCallback) {
            job->directCallback(job->result);
        }
    }
    if (!mirrored.isEmpty())
        m_mirror->enqueue(mirrored); // bounded; wakes the mirror thread
}

Result<void> StoreWriter::storeJob(StoreJob &job, StoreMaintenance::Turn &turn)
{
    return std::visit(
        Overloaded{
            [&](DeliveryJob &delivery) -> Result<void> {
                // Session id 0: not delivered by an SMTP session (an import).
                const quint64 sessionId = delivery.request.session.sessionId;
                if (sessionId != 0) {
                    if (Result<void> r = m_sessions->upsert(delivery.request.session); !r)
                        return r;
                }
                if (Result<void> r = storeMessage(delivery); !r)
                    return r;
                if (sessionId != 0) {
                    if (Result<void> r =
                            m_sessions->appendTrace(sessionId, delivery.request.traceDelta);
                        !r)
                        return r;
                }
                m_maintenance->delivered(turn);
                return {};
            },
            [&](SessionEndJob &end) -> Result<void> {
                if (Result<void> r = m_sessions->upsert(end.session); !r)
                    return r;
                m_maintenance->sessionEnded();
                return m_sessions->appendTrace(end.session.sessionId, end.traceDelta);
            },
            [&](SetReadJob &setRead) -> Result<void> {
                m_maintenance->setRead(setRead.ids, setRead.read);
                return {};
            },
            [&](RemoveJob &remove) -> Result<void> {
                m_maintenance->remove(remove.ids);
                return {};
            },
            [&](RemoveAllJob &) -> Result<void> { return m_maintenance->removeAll(turn); },
            [&](RecordJob &record) -> Result<void> { return record.write(*m_db); },
            [&](SetRetentionJob &retention) -> Result<void> {
                m_maintenance->setRetention(retention.maxMessages, retention.maxAgeDays);
                if (retention.maxAgeDays > 0)
                    m_retentionTimer->start();
                else
                    m_retentionTimer->stop();
                return {};
            },
        },
        job);
}

Result<void> StoreWriter::storeMessage(DeliveryJob &job)
{
    const DeliveryRequest &request = job.request;
    const MessageSpool *spool = request.data.get();
    if (!spool)
        return Error(ErrorCode::Internal, QStringLiteral("no message data"));
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
    if (request.session.sessionId != 0)
        st.bindInt64(2, qint64(request.session.sessionId));
    else
        st.bindNull(2);
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
    const auto bindTraceLine = [&st](int index, qint64 line) {
        if (line >= 0)
            st.bindInt64(index, line);
        else
            st.bindNull(index);
    };
    bindTraceLine(21, request.traceFirst);
    bindTraceLine(22, request.traceLast);
    st.bindText(23, QString::fromUtf8(analysis.overview));
    if (!st.execute())
        return st.lastError();
    const qint64 id = m_db->lastInsertRowId();

    // Small messages are bound in place; spooled ones get a zero blob of the right size that
    // is filled chunk by chunk below, so memory stays bounded whatever the message size.
    SqliteDatabase::Statement &raw = m_statements->insertRaw;
    raw.bindInt64(1, id);
    if (spool->isInMemory())
        raw.bindStaticBlob(2, spool->memory());
    else
        raw.bindZeroBlob(2, spool->size());
    if (!raw.execute())
        return raw.lastError();
    if (!spool->isInMemory()) {
        SqliteDatabase::Blob blob(*m_db, "message_raw", "raw", id, true);
        if (!blob.isValid())
            return m_db->lastError();
        qint64 offset = 0;
        std::optional<Error> blobError;
        const bool copied = spool->readChunks(
            [&](QByteArrayView chunk) {
                if (offset + chunk.size() > spool->size())
                    return false;
                if (Result<void> written = blob.write(offset, chunk); !written) {
                    blobError = std::move(written).error();
                    return false;
                }
                offset += chunk.size();
                return true;
            },
            kBlobChunkSize);
        if (!copied || offset != spool->size()) {
            if (blobError)
                return *blobError;
            return Error(ErrorCode::FileUnreadable,
                         QStringLiteral("cannot read the spooled message"));
        }
    }

    // The index row follows at the end of the batch (see processQueue()).
    if (Result<void> r = m_indexer->insertFindings(id, analysis); !r)
        return r;
    job.result = DeliveryResult{true, id, summary.subject(), {}};
    return {};
}
