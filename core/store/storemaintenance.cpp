// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "storemaintenance.h"

#include "store/messageindexer.h"
#include "store/storelayout.h"

#include <QDateTime>
#include <QSet>

#include <algorithm>

static constexpr qint64 kMillisecondsPerDay = 24 * 60 * 60 * 1000;

struct StoreMaintenance::Statements
{
    SqliteDatabase::Statement setRead;
    SqliteDatabase::Statement flagDeleted;
    SqliteDatabase::Statement flagRange;
    SqliteDatabase::Statement lastId;
    SqliteDatabase::Statement selectPurge;
    SqliteDatabase::Statement deleteMessage;
    SqliteDatabase::Statement keepSessionHighWater;
    SqliteDatabase::Statement deleteUnusedSession;
    SqliteDatabase::Statement selectSurplusEmptySessions;
    SqliteDatabase::Statement selectExpired;
    SqliteDatabase::Statement selectOldest;
    SqliteDatabase::Statement countLive;
};

static Result<void> execute(SqliteDatabase::Statement &statement)
{
    if (!statement.execute())
        return statement.lastError();
    return {};
}

// Runs a statement whose rows start with an id; the statement is reset afterwards.
static Result<QList<qint64>> selectIds(SqliteDatabase::Statement &statement)
{
    QList<qint64> ids;
    SqliteDatabase::Statement::StepResult step;
    while ((step = statement.step()) == SqliteDatabase::Statement::StepResult::Row)
        ids.append(statement.columnInt64(0));
    if (step == SqliteDatabase::Statement::StepResult::Error) {
        Error error = statement.lastError();
        statement.reset();
        return error;
    }
    statement.reset();
    return ids;
}

// The first column of the one row of `statement`; the statement is reset afterwards.
static Result<qint64> selectOne(SqliteDatabase::Statement &statement)
{
    if (statement.step() != SqliteDatabase::Statement::StepResult::Row) {
        Error error = statement.lastError();
        statement.reset();
        return error;
    }
    const qint64 value = statement.columnInt64(0);
    statement.reset();
    return value;
}

StoreMaintenance::StoreMaintenance(SqliteDatabase &db, MessageIndexer &indexer,
                                   const QObject *writer)
    : m_db(db)
    , m_indexer(indexer)
    , m_writerThread(writer)
    , m_statements(std::make_unique<Statements>())
{}

StoreMaintenance::~StoreMaintenance() = default;

Result<std::unique_ptr<StoreMaintenance>>
StoreMaintenance::create(SqliteDatabase &db, MessageIndexer &indexer, const QObject *writer)
{
    std::unique_ptr<StoreMaintenance> maintenance(new StoreMaintenance(db, indexer, writer));
    Statements &s = *maintenance->m_statements;
    const QByteArray live = StoreLayout::liveSql();
    const QByteArray deleted = StoreLayout::deletedSql();
    const QByteArray flagDeleted =
        "UPDATE messages SET flags = flags | " + QByteArray::number(StoreLayout::Deleted);
    struct Prepared
    {
        SqliteDatabase::Statement *statement;
        QByteArray sql;
    };
    const Prepared all[] = {
        {&s.setRead, "UPDATE messages SET flags = (flags & ~"
                         + QByteArray::number(StoreLayout::Read) + ") | ?2 WHERE id = ?1 AND "
                         + live},
        {&s.flagDeleted, flagDeleted + " WHERE id = ?1 AND " + live},
        {&s.flagRange, flagDeleted + " WHERE id > ?1 AND id <= ?2 AND " + live},
        {&s.lastId, "SELECT coalesce(max(id), 0) FROM messages"},
        // The very expression of the partial index messages_deleted, so SQLite uses it.
        {&s.selectPurge,
         "SELECT id, session_id, size FROM messages WHERE " + deleted + " ORDER BY id LIMIT ?1"},
        // message_raw and findings follow through their ON DELETE CASCADE.
        {&s.deleteMessage, "DELETE FROM messages WHERE id = ?1"},
        {&s.keepSessionHighWater,
         "INSERT INTO store_state(key, value) VALUES('last_session_id', ?1)"
         " ON CONFLICT(key) DO UPDATE SET value = max(value, excluded.value)"},
        // session_trace follows through its ON DELETE CASCADE.
        {&s.deleteUnusedSession, "DELETE FROM sessions WHERE id = ?1"
                                 " AND NOT EXISTS (SELECT 1 FROM messages WHERE session_id = ?1)"},
        // The oldest sessions without a message beyond the newest kMaxEmptySessions of them
        // (messages_session makes the NOT EXISTS an index probe).
        {&s.selectSurplusEmptySessions,
         "SELECT id FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE"
         " m.session_id = s.id) ORDER BY id DESC LIMIT ?2 OFFSET ?1"},
        {&s.selectExpired,
         "SELECT id FROM messages WHERE received < ?1 AND " + live + " ORDER BY received LIMIT ?2"},
        {&s.selectOldest, "SELECT id FROM messages WHERE " + live + " ORDER BY id LIMIT ?1"},
        {&s.countLive, "SELECT count(*) FROM messages WHERE " + live},
    };
    for (const Prepared &p : all) {
        *p.statement = db.prepare(p.sql.constData());
        if (!p.statement->isValid())
            return db.lastError();
    }

    const QByteArray anyFlagged = "SELECT EXISTS(SELECT 1 FROM messages WHERE " + deleted + ")";
    const Result<qint64> flagged = db.queryInt64(anyFlagged.constData());
    if (!flagged)
        return flagged.error();
    const Result<qint64> freePages = db.queryInt64("PRAGMA freelist_count");
    if (!freePages)
        return freePages.error();
    maintenance->m_purgePending = *flagged != 0;
    maintenance->m_vacuumPending = *freePages > 0;
    return maintenance;
}

StoreMaintenance::Turn StoreMaintenance::beginTurn()
{
    m_writerThread.check("StoreMaintenance");
    Turn turn;
    m_vacuumedThisTurn = false;
    turn.removeAllTarget = m_removeAllUpTo;
    turn.removeAllDone = m_removeAllDone;
    return turn;
}

void StoreMaintenance::setRead(const QList<qint64> &ids, bool read)
{
    m_writerThread.check("StoreMaintenance");
    for (const qint64 id : ids)
        m_pendingReads.emplace_back(id, read);
}

void StoreMaintenance::remove(const QList<qint64> &ids)
{
    m_writerThread.check("StoreMaintenance");
    m_pendingRemovals.insert(m_pendingRemovals.end(), ids.cbegin(), ids.cend());
}

Result<void> StoreMaintenance::removeAll(Turn &turn)
{
    m_writerThread.check("StoreMaintenance");
    const Result<qint64> upTo = selectOne(m_statements->lastId);
    if (!upTo)
        return upTo.error();
    if (*upTo == 0) {
        turn.removedAll = true; // nothing to remove; say so at once
        return {};
    }
    m_removeAllUpTo = qMax(m_removeAllUpTo, *upTo);
    turn.removeAllTarget = qMax(turn.removeAllTarget, *upTo);
    return {};
}

void StoreMaintenance::setRetention(int maxMessages, int maxAgeDays)
{
    m_writerThread.check("StoreMaintenance");
    m_maxMessages = qMax(0, maxMessages);
    m_maxAgeDays = qMax(0, maxAgeDays);
    m_retentionDue = true;
}

void StoreMaintenance::delivered(Turn &turn)
{
    turn.delivered = true;
    if (m_liveCount)
        ++*m_liveCount;
}

void StoreMaintenance::sessionEnded()
{
    if (++m_sessionsSinceTrim >= kEmptySessionCheckEvery)
        m_trimSessionsDue = true;
}

bool StoreMaintenance::hasPendingChanges() const
{
    return !m_pendingReads.empty() || !m_pendingRemovals.empty() || m_removeAllUpTo > 0;
}

bool StoreMaintenance::hasWork() const
{
    return hasPendingChanges() || m_purgePending || m_vacuumPending || m_trimSessionsDue
           || (retentionActive() && m_retentionDue);
}

Result<void> StoreMaintenance::step(Turn &turn, std::chrono::nanoseconds budget)
{
    m_writerThread.check("StoreMaintenance");
    Deadline deadline{{}, budget};
    deadline.clock.start();
    m_retentionDue = m_retentionDue || turn.delivered;
    if (Result<void> r = applyReadChanges(turn, deadline); !r)
        return r;
    if (Result<void> r = flagRemovals(turn, deadline); !r)
        return r;
    if (Result<void> r = flagRemoveAll(turn, deadline); !r)
        return r;
    if (retentionActive() && m_retentionDue && deadline.hasTime()) {
        if (Result<void> r = applyRetention(turn); !r)
            return r;
    }
    if (!retentionActive())
        m_retentionDue = false;
    if (m_trimSessionsDue && deadline.hasTime()) {
        if (Result<void> r = trimEmptySessions(); !r)
            return r;
    }
    if (m_purgePending && deadline.hasTime())
        return purgeStep(deadline);
    if (!m_purgePending && m_vacuumPending && deadline.hasTime())
        return vacuumStep();
    return {};
}

void StoreMaintenance::giveUp()
{
    m_pendingReads.clear();
    m_pendingRemovals.clear();
    m_removeAllUpTo = 0;
    m_removeAllDone = 0;
    m_purgePending = false;
    m_vacuumPending = false;
    m_retentionDue = false;
}

void StoreMaintenance::restoreAfterFailedTurn(const Turn &turn)
{
    m_liveCount.reset();
    for (auto it = turn.readsApplied.crbegin(); it != turn.readsApplied.crend(); ++it)
        m_pendingReads.push_front(*it);
    for (auto it = turn.removed.crbegin(); it != turn.removed.crend(); ++it)
        m_pendingRemovals.push_front(*it);
    if (turn.removeAllTarget > 0) {
        m_removeAllUpTo = qMax(m_removeAllUpTo, turn.removeAllTarget);
        m_removeAllDone = turn.removeAllDone;
    }
}

void StoreMaintenance::afterCommit()
{
    m_writerThread.check("StoreMaintenance");
    if (!m_vacuumedThisTurn)
        return;
    // Unknown counts as pending: the next turn tries again.
    const Result<qint64> freePages = m_db.queryInt64("PRAGMA freelist_count");
    m_vacuumPending = !freePages || *freePages > 0;
}

Result<void> StoreMaintenance::flagDeleted(qint64 id, Turn &turn)
{
    SqliteDatabase::Statement &st = m_statements->flagDeleted;
    st.bindInt64(1, id);
    if (Result<void> r = execute(st); !r)
        return r;
    if (m_db.changes() == 0)
        return {}; // no such message, or already deleted
    turn.removed.append(id);
    m_purgePending = true;
    if (m_liveCount)
        --*m_liveCount;
    return {};
}

Result<void> StoreMaintenance::applyReadChanges(Turn &turn, const Deadline &deadline)
{
    SqliteDatabase::Statement &st = m_statements->setRead;
    while (!m_pendingReads.empty() && deadline.hasTime()) {
        const auto [id, read] = m_pendingReads.front();
        st.bindInt64(1, id);
        st.bindInt64(2, read ? qint64(StoreLayout::Read) : 0);
        if (Result<void> r = execute(st); !r)
            return r;
        m_pendingReads.pop_front();
        turn.readsApplied.append({id, read});
        if (m_db.changes() > 0 && !turn.changed.contains(id))
            turn.changed.append(id);
    }
    return {};
}

Result<void> StoreMaintenance::flagRemovals(Turn &turn, const Deadline &deadline)
{
    while (!m_pendingRemovals.empty() && deadline.hasTime()) {
        const qint64 id = m_pendingRemovals.front();
        m_pendingRemovals.pop_front();
        if (Result<void> r = flagDeleted(id, turn); !r) {
            m_pendingRemovals.push_front(id);
            return r;
        }
    }
    return {};
}

Result<void> StoreMaintenance::flagRemoveAll(Turn &turn, const Deadline &deadline)
{
    // One narrow row per message (the bytes live in message_raw): a range of ids per UPDATE.
    SqliteDatabase::Statement &st = m_statements->flagRange;
    while (m_removeAllUpTo > 0 && deadline.hasTime()) {
        const qint64 to = qMin(m_removeAllDone + kFlagRangeIds, m_removeAllUpTo);
        st.bindInt64(1, m_removeAllDone);
        st.bindInt64(2, to);
        if (Result<void> r = execute(st); !r)
            return r;
        if (m_db.changes() > 0) {
            m_purgePending = true;
            turn.removedByRange += m_db.changes();
            if (m_liveCount)
                *m_liveCount -= m_db.changes();
        }
        m_removeAllDone = to;
        if (to >= m_removeAllUpTo) {
            turn.removedAll = true;
            m_removeAllUpTo = 0;
            m_removeAllDone = 0;
        }
    }
    return {};
}

Result<void> StoreMaintenance::applyRetention(Turn &turn)
{
    Statements &s = *m_statements;
    bool more = false;
    if (m_maxAgeDays > 0) {
        const qint64 cutoff =
            QDateTime::currentMSecsSinceEpoch() - qint64(m_maxAgeDays) * kMillisecondsPerDay;
        s.selectExpired.bindInt64(1, cutoff);
        s.selectExpired.bindInt64(2, kRetentionBatch);
        const Result<QList<qint64>> expired = selectIds(s.selectExpired);
        if (!expired)
            return expired.error();
        for (const qint64 id : *expired) {
            if (Result<void> r = flagDeleted(id, turn); !r)
                return r;
        }
        more = expired->size() >= kRetentionBatch;
    }
    if (m_maxMessages > 0) {
        if (!m_liveCount) {
            // Once per setRetention (or after a failed turn); afterwards the count follows
            // deliveries and deletions, so the check after each batch costs nothing.
            const Result<qint64> count = selectOne(s.countLive);
            if (!count)
                return count.error();
            m_liveCount = *count;
        }
        const qint64 excess = *m_liveCount - m_maxMessages;
        if (excess > 0) {
            s.selectOldest.bindInt64(1, qMin<qint64>(excess, kRetentionBatch));
            const Result<QList<qint64>> oldest = selectIds(s.selectOldest);
            if (!oldest)
                return oldest.error();
            for (const qint64 id : *oldest) {
                if (Result<void> r = flagDeleted(id, turn); !r)
                    return r;
            }
            more = more || excess > kRetentionBatch;
        }
    }
    m_retentionDue = more;
    return {};
}

Result<void> StoreMaintenance::purgeStep(const Deadline &deadline)
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
    if (step == SqliteDatabase::Statement::StepResult::Error) {
        Error error = s.selectPurge.lastError();
        s.selectPurge.reset();
        return error;
    }
    s.selectPurge.reset();
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
        if (Result<void> r = m_indexer.removeIndexRow(id); !r)
            return r;
        s.deleteMessage.bindInt64(1, id);
        if (Result<void> r = execute(s.deleteMessage); !r)
            return r;
        if (flagged[i].sessionId)
            sessions.insert(*flagged[i].sessionId);
    }
    if (!sessions.isEmpty()) {
        // Session ids are never handed out twice, even once their rows are gone.
        s.keepSessionHighWater.bindInt64(1, *std::max_element(sessions.cbegin(), sessions.cend()));
        if (Result<void> r = execute(s.keepSessionHighWater); !r)
            return r;
    }
    for (const qint64 sessionId : std::as_const(sessions)) {
        s.deleteUnusedSession.bindInt64(1, sessionId);
        if (Result<void> r = execute(s.deleteUnusedSession); !r)
            return r;
    }
    if (exhausted) {
        m_purgePending = false;
        m_vacuumPending = true;
    }
    return {};
}

Result<void> StoreMaintenance::trimEmptySessions()
{
    Statements &s = *m_statements;
    s.selectSurplusEmptySessions.bindInt64(1, kMaxEmptySessions);
    s.selectSurplusEmptySessions.bindInt64(2, kEmptySessionBatch);
    const Result<QList<qint64>> surplus = selectIds(s.selectSurplusEmptySessions);
    if (!surplus)
        return surplus.error();
    if (surplus->isEmpty()) {
        m_trimSessionsDue = false;
        m_sessionsSinceTrim = 0;
        return {};
    }
    // Session ids are never handed out twice, even once their rows are gone.
    s.keepSessionHighWater.bindInt64(1, surplus->first()); // the newest of them
    if (Result<void> r = execute(s.keepSessionHighWater); !r)
        return r;
    // Their traces follow through ON DELETE CASCADE.
    for (const qint64 id : *surplus) {
        s.deleteUnusedSession.bindInt64(1, id);
        if (Result<void> r = execute(s.deleteUnusedSession); !r)
            return r;
    }
    m_vacuumPending = true;
    // A full batch may leave more; the next turn looks again.
    if (surplus->size() < kEmptySessionBatch) {
        m_trimSessionsDue = false;
        m_sessionsSinceTrim = 0;
    }
    return {};
}

Result<void> StoreMaintenance::vacuumStep()
{
    static const QByteArray vacuum =
        "PRAGMA incremental_vacuum(" + QByteArray::number(kVacuumPagesPerTurn) + ")";
    if (!m_db.exec(vacuum.constData()))
        return m_db.lastError();
    m_vacuumedThisTurn = true; // whether more is left is counted after the commit
    return {};
}
