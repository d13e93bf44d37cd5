// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "storewriter.h"

#include "store/headersummary.h"
#include "store/sqlitedatabase.h"

#include <QDataStream>
#include <QIODevice>
#include <QMutexLocker>

#include <limits>

struct StoreWriter::Job
{
    enum class Kind { Delivery, SessionEnd };

    Kind kind = Kind::Delivery;
    DeliveryRequest request; ///< for SessionEnd only `session` and `traceDelta` are used
    DeliveryResult result;
    /// Reports `result` to the caller's context when deleted (see enqueueDelivery()).
    std::unique_ptr<QObject> notifier;
    std::shared_ptr<DeliveryResult> notifiedResult;
    DeliveryCallback directCallback;
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
    SqliteDatabase::Statement insertIndex;
};

static bool bindTime(SqliteDatabase::Statement &statement, int index, const QDateTime &time)
{
    return time.isValid() ? statement.bindInt64(index, time.toMSecsSinceEpoch())
                          : statement.bindNull(index);
}

// The index gets text, and a cut in the middle of a UTF-8 sequence would make the whole body
// fail the UTF-8 check and be read as Latin-1.
static QByteArrayView withoutPartialUtf8Tail(QByteArrayView bytes)
{
    for (qsizetype back = 1; back <= 4 && back <= bytes.size(); ++back) {
        const auto byte = static_cast<unsigned char>(bytes[bytes.size() - back]);
        if ((byte & 0xC0) == 0x80)
            continue; // continuation byte: keep looking for the lead byte
        const qsizetype needed = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
        return needed > back ? bytes.first(bytes.size() - back) : bytes;
    }
    return bytes;
}

StoreWriter::StoreWriter(std::unique_ptr<SqliteDatabase> database)
    : m_db(std::move(database))
    , m_statements(std::make_unique<Statements>())
    , m_sessionEndTimer(new QTimer(this))
{
    m_sessionEndTimer->setSingleShot(true);
    m_sessionEndTimer->setInterval(kSessionEndDelay);
    connect(m_sessionEndTimer, &QTimer::timeout, this, &StoreWriter::processQueue);
}

std::unique_ptr<StoreWriter> StoreWriter::create(std::unique_ptr<SqliteDatabase> database,
                                                 QString *error)
{
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
         " header_from, header_to, header_cc, header_date, message_id, raw)"
         " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
         " ?18, ?19)"},
        {&s.insertIndex,
         "INSERT INTO messages_fts(rowid, subject, addresses, body) VALUES(?1, ?2, ?3, ?4)"},
    };
    for (const Prepared &p : all) {
        *p.statement = db.prepare(p.sql);
        if (!p.statement->isValid()) {
            if (error)
                *error = db.errorString();
            return nullptr;
        }
    }
    return writer;
}

StoreWriter::~StoreWriter()
{
    processQueue();
    // Statements must be finalized before the connection closes.
    m_statements.reset();
}

void StoreWriter::enqueueDelivery(DeliveryRequest request, QObject *context, DeliveryCallback done)
{
    Job job;
    job.kind = Job::Kind::Delivery;
    job.request = std::move(request);
    if (context && done) {
        // Reporting through a connection, not invokeMethod(context) from the writer thread: the
        // context (usually the session) may be deleted in its own thread while we commit, and
        // only a connection is disconnected safely by that deletion. The notifier's destruction
        // is the signal; queued, so `done` runs in `context`'s thread.
        job.notifiedResult = std::make_shared<DeliveryResult>();
        job.notifiedResult->error =
            QStringLiteral("the store closed before the message was stored");
        job.notifier = std::make_unique<QObject>();
        QObject::connect(
            job.notifier.get(), &QObject::destroyed, context,
            [done = std::move(done), result = job.notifiedResult] { done(*result); },
            Qt::QueuedConnection);
    } else {
        job.directCallback = std::move(done);
    }
    enqueue(std::move(job));
}

void StoreWriter::enqueueSessionEnd(const SessionInfo &session, QList<ProtocolLine> traceDelta)
{
    Job job;
    job.kind = Job::Kind::SessionEnd;
    job.request.session = session;
    job.request.traceDelta = std::move(traceDelta);
    enqueue(std::move(job));
}

void StoreWriter::enqueue(Job job)
{
    const bool urgent = job.kind == Job::Kind::Delivery;
    bool wake = false;
    bool arm = false;
    {
        QMutexLocker locker(&m_queueMutex);
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
        QMetaObject::invokeMethod(this, &StoreWriter::processQueue, Qt::QueuedConnection);
    else if (arm)
        QMetaObject::invokeMethod(m_sessionEndTimer, qOverload<>(&QTimer::start),
                                  Qt::QueuedConnection);
}

void StoreWriter::setMirror(MaildirMirror *mirror)
{
    m_mirror = mirror;
}

void StoreWriter::processQueue()
{
    std::vector<Job> batch;
    {
        QMutexLocker locker(&m_queueMutex);
        batch.swap(m_queue);
        m_wakeQueued = false;
        m_sessionEndArmed = false;
    }
    m_sessionEndTimer->stop();
    if (batch.empty())
        return;

    Statements &s = *m_statements;
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
            QString error;
            if (storeJob(job, &error)) {
                if (!s.release.execute())
                    batchError = s.release.errorString();
                continue;
            }
            // After disk-full or I/O errors SQLite may have rolled back the whole transaction;
            // then nothing in this batch is stored, including jobs that looked fine.
            if (!m_db->inTransaction() || !s.rollbackToSavepoint.execute()
                || !s.release.execute()) {
                batchError = error;
                break;
            }
            job.result = DeliveryResult{false, 0, {}, error};
            emit failed(job.kind == Job::Kind::Delivery
                            ? QStringLiteral("store: a message from session %1 was not stored: %2")
                                  .arg(job.request.session.sessionId)
                                  .arg(error)
                            : QStringLiteral("store: session %1 was not recorded: %2")
                                  .arg(job.request.session.sessionId)
                                  .arg(error));
        }
        if (batchError.isEmpty() && !transaction.commit())
            batchError = transaction.errorString();
    }

    QList<MaildirMirror::Item> mirrored;
    if (batchError.isEmpty()) {
        m_commitCount.fetch_add(1, std::memory_order_relaxed);
    } else {
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
        if (job.notifier) {
            *job.notifiedResult = job.result;
            job.notifier.reset();
        } else if (job.directCallback) {
            job.directCallback(job.result);
        }
    }
    if (!mirrored.isEmpty()) {
        QMetaObject::invokeMethod(
            m_mirror, [mirror = m_mirror, mirrored] { mirror->write(mirrored); },
            Qt::QueuedConnection);
    }
}

bool StoreWriter::storeJob(Job &job, QString *error)
{
    if (!upsertSession(job.request.session, error))
        return false;
    if (job.kind == Job::Kind::Delivery && !storeMessage(job, error))
        return false;
    return appendTrace(job.request.session.sessionId, job.request.traceDelta, error);
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
    const QByteArray head = spool->head(HeaderSummary::kMaxHeaderBytes + kMaxIndexedBodyBytes);
    const HeaderSummary summary = HeaderSummary::parse(
        QByteArrayView(head).first(qMin(head.size(), HeaderSummary::kMaxHeaderBytes)));
    QString body;
    if (summary.bodyOffset() >= 0) {
        QByteArrayView bodyBytes = QByteArrayView(head).sliced(summary.bodyOffset());
        if (bodyBytes.size() > kMaxIndexedBodyBytes)
            bodyBytes = withoutPartialUtf8Tail(bodyBytes.first(kMaxIndexedBodyBytes));
        body = HeaderSummary::textFromBytes(bodyBytes);
    }

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
    // Small messages are bound in place; spooled ones get a zero blob of the right size that
    // is filled chunk by chunk below, so memory stays bounded whatever the message size.
    if (spool->isInMemory())
        st.bindStaticBlob(19, spool->memory());
    else
        st.bindZeroBlob(19, spool->size());
    if (!st.execute()) {
        *error = st.errorString();
        return false;
    }
    const qint64 id = m_db->lastInsertRowId();

    if (!spool->isInMemory()) {
        SqliteDatabase::Blob blob(*m_db, "messages", "raw", id, true);
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

    QStringList addresses;
    addresses.reserve(envelope.recipients.size() + 4);
    addresses.append(HeaderSummary::textFromBytes(envelope.mailFrom));
    for (const QByteArray &recipient : envelope.recipients)
        addresses.append(HeaderSummary::textFromBytes(recipient));
    addresses << summary.from() << summary.to() << summary.cc();
    SqliteDatabase::Statement &index = m_statements->insertIndex;
    index.bindInt64(1, id);
    index.bindText(2, summary.subject());
    index.bindText(3, addresses.join(QLatin1Char('\n')));
    index.bindText(4, body);
    if (!index.execute()) {
        *error = index.errorString();
        return false;
    }

    job.result = DeliveryResult{true, id, summary.subject(), {}};
    return true;
}
