// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "sessionrecorder.h"

#include "store/tracecodec.h"

static void bindTime(SqliteDatabase::Statement &statement, int index, const QDateTime &time)
{
    if (time.isValid())
        statement.bindInt64(index, time.toMSecsSinceEpoch());
    else
        statement.bindNull(index);
}

SessionRecorder::~SessionRecorder() = default;

Result<std::unique_ptr<SessionRecorder>> SessionRecorder::create(SqliteDatabase &db,
                                                                 const QObject *writer)
{
    std::unique_ptr<SessionRecorder> recorder(new SessionRecorder(writer));
    struct Prepared
    {
        SqliteDatabase::Statement *statement;
        const char *sql;
    };
    const Prepared all[] = {
        // A delivery carries a snapshot of the session, the session end the final facts; the
        // row keeps whatever is known so far, so a crash between the two still leaves a session
        // row for every stored message.
        {&recorder->m_upsertSession,
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
        {&recorder->m_traceState,
         "SELECT trace_bytes, trace_chunks, trace_truncated FROM sessions WHERE id = ?1"},
        {&recorder->m_insertTrace,
         "INSERT INTO session_trace(session_id, seq, data) VALUES(?1, ?2, ?3)"},
        {&recorder->m_updateTraceState,
         "UPDATE sessions SET trace_bytes = ?2, trace_chunks = ?3, trace_truncated = ?4"
         " WHERE id = ?1"},
    };
    for (const Prepared &p : all) {
        *p.statement = db.prepare(p.sql);
        if (!p.statement->isValid())
            return db.lastError();
    }
    return recorder;
}

Result<void> SessionRecorder::upsert(const SessionInfo &session)
{
    m_writerThread.check("SessionRecorder");
    SqliteDatabase::Statement &st = m_upsertSession;
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
    if (!st.execute())
        return st.lastError();
    return {};
}

Result<void> SessionRecorder::appendTrace(quint64 sessionId, const QList<ProtocolLine> &lines)
{
    m_writerThread.check("SessionRecorder");
    if (lines.isEmpty())
        return {};
    SqliteDatabase::Statement &state = m_traceState;
    state.bindInt64(1, qint64(sessionId));
    if (state.step() != SqliteDatabase::Statement::StepResult::Row) {
        Error error = state.lastError();
        state.reset();
        return error;
    }
    qint64 bytes = state.columnInt64(0);
    const qint64 chunks = state.columnInt64(1);
    const bool wasTruncated = state.columnInt64(2) != 0;
    state.reset();
    if (wasTruncated)
        return {}; // everything after the cut is dropped, so the trace stays a prefix

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

    m_insertTrace.bindInt64(1, qint64(sessionId));
    m_insertTrace.bindInt64(2, chunks);
    m_insertTrace.bindBlob(3, TraceCodec::encode(kept));
    if (!m_insertTrace.execute())
        return m_insertTrace.lastError();
    m_updateTraceState.bindInt64(1, qint64(sessionId));
    m_updateTraceState.bindInt64(2, bytes);
    m_updateTraceState.bindInt64(3, chunks + 1);
    m_updateTraceState.bindInt64(4, truncated ? 1 : 0);
    if (!m_updateTraceState.execute())
        return m_updateTraceState.lastError();
    return {};
}
