// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "storereader.h"

#include "relay/relayrecords.h"

#include "store/messageindexer.h"
#include "store/messagestore.h"
#include "store/searchcounter.h"
#include "store/searchfunctions.h"
#include "store/searchquery.h"
#include "store/searchsql.h"
#include "store/sqlitedatabase.h"
#include "store/storelayout.h"
#include "store/storeschema.h"
#include "store/tracecodec.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QIODevice>
#include <QScopeGuard>
#include <QTimeZone>

#include <algorithm>
#include <tuple>
#include <vector>

// Qualified with the alias m: the search statement joins messages_fts, which has columns of
// the same names.
static constexpr char kColumns[] =
    "m.id, m.received, m.session_id, m.mail_from, m.mail_parameters, m.recipients,"
    " m.remote_address, m.helo, m.tls, m.auth_user, m.size, m.subject, m.header_from,"
    " m.header_to, m.message_id, m.flags, m.has_attachments, m.finding_count, m.trace_first,"
    " m.trace_last, m.overview";

static QByteArray selectMessages(QByteArrayView where)
{
    return QByteArray("SELECT ") + kColumns + " FROM messages m " + where;
}

static QDateTime timeFromColumn(const SqliteDatabase::Statement &statement, int column)
{
    if (statement.columnIsNull(column))
        return {};
    return QDateTime::fromMSecsSinceEpoch(statement.columnInt64(column), QTimeZone::utc());
}

static StoredMessage messageFromRow(const SqliteDatabase::Statement &row)
{
    StoredMessage message;
    message.id = row.columnInt64(0);
    message.received = timeFromColumn(row, 1);
    message.sessionId = quint64(row.columnInt64(2));
    message.mailFrom = row.columnBlob(3);
    message.mailParameters = row.columnBlob(4);
    const QByteArray recipients = row.columnBlob(5);
    if (!recipients.isEmpty())
        message.recipients = recipients.split('\n');
    message.remoteAddress = row.columnText(6);
    message.heloName = row.columnText(7);
    message.tls = row.columnInt64(8) != 0;
    message.authUser = row.columnText(9);
    message.size = row.columnInt64(10);
    message.subject = row.columnText(11);
    message.from = row.columnText(12);
    message.to = row.columnText(13);
    message.messageId = row.columnText(14);
    message.read = (row.columnInt64(15) & StoreLayout::Read) != 0;
    message.hasAttachments = row.columnInt64(16) != 0;
    message.findingCount = int(row.columnInt64(17));
    if (!row.columnIsNull(18) && !row.columnIsNull(19)) {
        message.traceFirst = row.columnInt64(18);
        message.traceLast = row.columnInt64(19);
    }
    message.overview = row.columnBlob(20);
    return message;
}

StoreReader::StoreReader(std::unique_ptr<SqliteDatabase> db)
    : m_db(std::move(db))
{}

StoreReader::~StoreReader() = default;

Result<std::unique_ptr<StoreReader>> StoreReader::open(const QString &directory)
{
    const QString path = StoreLayout::databasePath(directory);
    auto opened = StoreSchema::openExisting(directory, SqliteDatabase::OpenMode::ReadOnly);
    if (!opened)
        return opened.error();
    std::unique_ptr<SqliteDatabase> db = std::move(*opened);
    // The writer holds its write lock only while it commits; a reader that meets a checkpoint
    // or a recovery waits as long as the writer would.
    // Only a wait time: a store that refuses it still reads.
    (void)db->exec(
        QByteArray("PRAGMA busy_timeout = " + QByteArray::number(StoreSchema::kBusyTimeoutMs))
            .constData());
    const Result<qint64> readVersion = db->queryInt64("PRAGMA user_version");
    if (!readVersion) {
        if (StoreSchema::isCorruption(db->errorCode()))
            return Error(ErrorCode::StoreDamaged,
                         StoreSchema::damagedMessage(path, readVersion.error().message), path);
        return Error(readVersion.error().code,
                     QStringLiteral("cannot read %1: %2").arg(path, readVersion.error().message),
                     path);
    }
    const qint64 version = *readVersion;
    if (Result<void> installed = SearchFunctions::install(*db); !installed)
        return Error(installed.error().code,
                     QStringLiteral("cannot read %1: %2").arg(path, installed.error().message),
                     path);
    if (version == 0)
        return Error(ErrorCode::MalformedInput,
                     QStringLiteral("%1 is not a Letterbox store").arg(path), path);
    if (version < MessageStore::kSchemaVersion)
        return Error(ErrorCode::StoreTooOld,
                     QStringLiteral("%1 has the layout of an older Letterbox (schema %2); opening "
                                    "it with this one (letterbox --headless) upgrades it")
                         .arg(path)
                         .arg(version),
                     path);
    if (version > MessageStore::kSchemaVersion)
        return Error(
            ErrorCode::StoreTooNew,
            QStringLiteral("%1 was written by a newer Letterbox (schema %2, this one reads %3)")
                .arg(path)
                .arg(version)
                .arg(MessageStore::kSchemaVersion),
            path);
    return std::unique_ptr<StoreReader>(new StoreReader(std::move(db)));
}

bool StoreReader::needsUpgrade(const QString &directory)
{
    const QString path = StoreLayout::databasePath(directory);
    if (!QFileInfo(path).isFile())
        return false;
    auto db = SqliteDatabase::open(path, SqliteDatabase::OpenMode::ReadOnly);
    const qint64 version = db ? (*db)->queryInt64("PRAGMA user_version").valueOr(0) : 0;
    return version > 0 && version < MessageStore::kSchemaVersion;
}

QList<StoredMessage> StoreReader::list() const
{
    QList<StoredMessage> messages;
    auto statement = m_db->prepare(
        selectMessages(QByteArray("WHERE " + StoreLayout::liveSql("m") + " ORDER BY m.id"))
            .constData());
    if (!statement.isValid())
        return messages;
    while (statement.step() == SqliteDatabase::Statement::StepResult::Row)
        messages.append(messageFromRow(statement));
    return messages;
}

std::optional<StoredMessage> StoreReader::message(qint64 id) const
{
    auto statement = m_db->prepare(selectMessages("WHERE m.id = ?1").constData());
    if (!statement.isValid())
        return std::nullopt;
    statement.bindInt64(1, id);
    if (statement.step() != SqliteDatabase::Statement::StepResult::Row)
        return std::nullopt;
    return messageFromRow(statement);
}

Result<void> StoreReader::writeRaw(qint64 id, QIODevice *out) const
{
    // The open blob handle keeps one read transaction, so a concurrent commit cannot change
    // the bytes half-way.
    SqliteDatabase::Blob blob(*m_db, "message_raw", "raw", id, false);
    if (!blob.isValid()) {
        if (!message(id))
            return Error(ErrorCode::NotFound, QStringLiteral("no message %1").arg(id));
        const Error error = blob.lastError();
        return Error(error.code,
                     QStringLiteral("cannot read message %1: %2").arg(id).arg(error.message));
    }
    const qint64 size = blob.size();
    QByteArray buffer(qMin<qint64>(kRawChunkSize, size), Qt::Uninitialized);
    for (qint64 offset = 0; offset < size;) {
        const qsizetype length = qsizetype(qMin<qint64>(buffer.size(), size - offset));
        if (const Result<void> read = blob.read(offset, buffer.data(), length); !read)
            return Error(
                read.error().code,
                QStringLiteral("cannot read message %1: %2").arg(id).arg(read.error().message));
        if (out->write(buffer.constData(), length) != length)
            return Error(
                ErrorCode::FileUnwritable,
                QStringLiteral("cannot write message %1: %2").arg(id).arg(out->errorString()));
        offset += length;
    }
    return {};
}

QByteArray StoreReader::raw(qint64 id) const
{
    auto statement = m_db->prepare("SELECT raw FROM message_raw WHERE id = ?1");
    if (!statement.isValid())
        return {};
    statement.bindInt64(1, id);
    if (statement.step() != SqliteDatabase::Statement::StepResult::Row)
        return {};
    return statement.columnBlob(0);
}

Result<QList<RelayOutcome>> StoreReader::relayAttempts(qint64 id) const
{
    return RelayRecords::attempts(*m_db, id);
}

Result<QList<RelayQueueEntry>> StoreReader::relayQueue() const
{
    return RelayRecords::queue(*m_db);
}

QList<ProtocolLine> StoreReader::sessionTrace(quint64 sessionId) const
{
    QList<ProtocolLine> lines;
    auto statement =
        m_db->prepare("SELECT data FROM session_trace WHERE session_id = ?1 ORDER BY seq");
    if (!statement.isValid())
        return lines;
    statement.bindInt64(1, qint64(sessionId));
    while (statement.step() == SqliteDatabase::Statement::StepResult::Row) {
        if (!TraceCodec::decode(statement.columnBlob(0), sessionId, &lines)) {
            ProtocolLine note;
            note.sessionId = sessionId;
            note.direction = Direction::Note;
            note.bytes = QByteArrayLiteral("stored trace damaged");
            lines.append(note);
        }
    }
    return lines;
}

static constexpr char kSessionColumns[] =
    "id, started, ended, remote_address, remote_port, local_address, local_port, implicit_tls,"
    " tls, tls_protocol, tls_cipher, helo, auth_user, messages, end_reason";

static SessionInfo sessionFromRow(const SqliteDatabase::Statement &statement)
{
    SessionInfo session;
    session.sessionId = quint64(statement.columnInt64(0));
    session.started = timeFromColumn(statement, 1);
    session.ended = timeFromColumn(statement, 2);
    session.remoteAddress = statement.columnText(3);
    session.remotePort = quint16(statement.columnInt64(4));
    session.localAddress = statement.columnText(5);
    session.localPort = quint16(statement.columnInt64(6));
    session.implicitTls = statement.columnInt64(7) != 0;
    session.tls = statement.columnInt64(8) != 0;
    session.tlsProtocol = statement.columnText(9);
    session.tlsCipher = statement.columnText(10);
    session.heloName = statement.columnText(11);
    session.authUser = statement.columnText(12);
    session.messages = int(statement.columnInt64(13));
    session.endReason = statement.columnText(14);
    return session;
}

std::optional<SessionInfo> StoreReader::session(quint64 sessionId) const
{
    auto statement = m_db->prepare(
        QByteArray(QByteArray("SELECT ") + kSessionColumns + " FROM sessions WHERE id = ?1")
            .constData());
    if (!statement.isValid())
        return std::nullopt;
    statement.bindInt64(1, qint64(sessionId));
    if (statement.step() != SqliteDatabase::Statement::StepResult::Row)
        return std::nullopt;
    return sessionFromRow(statement);
}

QList<SessionInfo> StoreReader::recentSessions(int limit) const
{
    QList<SessionInfo> sessions;
    // The primary key walks backwards from the newest: `limit` rows read, whatever the table
    // holds.
    auto statement = m_db->prepare(QByteArray(QByteArray("SELECT ") + kSessionColumns
                                              + " FROM sessions ORDER BY id DESC LIMIT ?1")
                                       .constData());
    if (!statement.isValid())
        return sessions;
    statement.bindInt64(1, limit);
    while (statement.step() == SqliteDatabase::Statement::StepResult::Row)
        sessions.append(sessionFromRow(statement));
    std::reverse(sessions.begin(), sessions.end());
    return sessions;
}

QList<SessionInfo> StoreReader::sessionPage(int limit, int offset) const
{
    QList<SessionInfo> sessions;
    // OFFSET steps over `offset` keys of the primary key: cheap for the pages a client asks
    // for (the newest ones).
    auto statement =
        m_db->prepare(QByteArray(QByteArray("SELECT ") + kSessionColumns
                                 + " FROM sessions ORDER BY id DESC LIMIT ?1 OFFSET ?2")
                          .constData());
    if (!statement.isValid())
        return sessions;
    statement.bindInt64(1, limit);
    statement.bindInt64(2, offset);
    while (statement.step() == SqliteDatabase::Statement::StepResult::Row)
        sessions.append(sessionFromRow(statement));
    return sessions;
}

qint64 StoreReader::sessionCount() const
{
    auto statement = m_db->prepare("SELECT count(*) FROM sessions");
    if (!statement.isValid() || statement.step() != SqliteDatabase::Statement::StepResult::Row)
        return 0;
    return statement.columnInt64(0);
}

qint64 StoreReader::messageCount() const
{
    const QByteArray sql = "SELECT count(*) FROM messages WHERE " + StoreLayout::liveSql();
    return m_db->queryInt64(sql.constData()).valueOr(0);
}

QList<StoredMessage> StoreReader::list(int limit, int offset) const
{
    return search(QString(), limit, offset).valueOr(QList<StoredMessage>());
}

bool StoreReader::noneFlaggedDeleted() const
{
    // The partial index messages_deleted holds exactly the flagged messages, so this is one
    // lookup. SQLite prefers the covering messages_list on its own, a walk of every message.
    const QByteArray sql = "SELECT NOT EXISTS(SELECT 1 FROM messages INDEXED BY messages_deleted"
                           " WHERE "
                           + StoreLayout::deletedSql() + ")";
    return m_db->queryInt64(sql.constData()).valueOr(0) != 0;
}

Result<QList<StoredMessage>> StoreReader::search(const QString &query, int limit, int offset) const
{
    const Result<SearchQuery> parsed = SearchQuery::parse(query);
    if (!parsed)
        return parsed.error();
    QList<StoredMessage> messages;
    // The check for deleted messages and the page read the same state.
    SqliteDatabase::ReadSnapshot snapshot(*m_db);
    if (Result<void> ran =
            runSearchSql(*m_db, parsed->toSql(kColumns, limit, offset, noneFlaggedDeleted()),
                         [&messages](const SqliteDatabase::Statement &row) {
                             messages.append(messageFromRow(row));
                         });
        !ran)
        return std::move(ran).error();
    return messages;
}

Result<StoreReader::Counts> StoreReader::searchCounts(const QString &query) const
{
    return SearchCounter(*m_db).count(query);
}

// The ORDER BY terms of each inbox column. Text compares without ASCII case (NOCASE), and
// never meets NULL, so the order is the one the inbox shows: an empty From header sorts by
// MAIL FROM, an empty To by the first RCPT TO (recipients are stored one per line). No index
// serves these but `received`; SQLite sorts 100 000 keys in a temporary b-tree in tens of
// milliseconds, which the loader thread can afford, while an index per column would cost
// every delivery a write and the store a migration.
static QByteArray orderByClause(StoreReader::SortField field, Qt::SortOrder order)
{
    QByteArray key = "m.received";
    switch (field) {
    case StoreReader::SortField::Received:
        key = "m.received";
        break;
    case StoreReader::SortField::From:
        key = QByteArray(StoredMessage::kDisplayedSenderSql) + " COLLATE NOCASE";
        break;
    case StoreReader::SortField::To:
        key = QByteArray(StoredMessage::kDisplayedRecipientsSql) + " COLLATE NOCASE";
        break;
    case StoreReader::SortField::Subject:
        key = "coalesce(m.subject, '') COLLATE NOCASE";
        break;
    case StoreReader::SortField::Size:
        key = "m.size";
        break;
    case StoreReader::SortField::Attachments:
        key = "m.has_attachments";
        break;
    case StoreReader::SortField::Findings:
        key = "m.finding_count";
        break;
    case StoreReader::SortField::Security:
        key = "m.tls * 2 + (coalesce(m.auth_user, '') <> '')";
        break;
    }
    const char *direction = order == Qt::AscendingOrder ? " ASC" : " DESC";
    return key + direction + ", m.id" + direction;
}

Result<QList<qint64>> StoreReader::searchIds(const QString &query, SortField field,
                                             Qt::SortOrder order) const
{
    const Result<SearchQuery> parsed = SearchQuery::parse(query);
    if (!parsed)
        return parsed.error();
    QList<qint64> ids;
    if (Result<void> ran = runSearchSql(
            *m_db, parsed->toSql("m.id", orderByClause(field, order), -1, 0),
            [&ids](const SqliteDatabase::Statement &row) { ids.append(row.columnInt64(0)); });
        !ran)
        return std::move(ran).error();
    return ids;
}

QList<StoredMessage> StoreReader::messages(const QList<qint64> &ids) const
{
    // One statement per chunk of ids, well under SQLite's limit of bound parameters.
    constexpr qsizetype kChunk = 256;
    QHash<qint64, StoredMessage> found;
    found.reserve(ids.size());
    for (qsizetype first = 0; first < ids.size(); first += kChunk) {
        const qsizetype count = std::min(kChunk, ids.size() - first);
        QByteArray where = "WHERE " + StoreLayout::liveSql("m") + " AND m.id IN (?1";
        for (qsizetype i = 1; i < count; ++i)
            where += ",?" + QByteArray::number(i + 1);
        where += ')';
        auto statement = m_db->prepare(selectMessages(where).constData());
        if (!statement.isValid())
            break;
        for (qsizetype i = 0; i < count; ++i)
            statement.bindInt64(int(i + 1), ids.at(first + i));
        while (statement.step() == SqliteDatabase::Statement::StepResult::Row) {
            StoredMessage message = messageFromRow(statement);
            found.insert(message.id, std::move(message));
        }
    }
    QList<StoredMessage> messages;
    messages.reserve(found.size());
    for (const qint64 id : ids) {
        if (auto it = found.find(id); it != found.end())
            messages.append(std::move(*it));
    }
    return messages;
}

StoreReader::Counts StoreReader::counts() const
{
    return SearchCounter(*m_db).storeCounts();
}

QList<CheckFinding> StoreReader::findings(qint64 id) const
{
    QList<CheckFinding> findings;
    auto statement = m_db->prepare(
        "SELECT severity, code, message FROM findings WHERE message_id = ?1 ORDER BY seq");
    if (!statement.isValid())
        return findings;
    statement.bindInt64(1, id);
    while (statement.step() == SqliteDatabase::Statement::StepResult::Row) {
        CheckFinding finding;
        finding.severity = MessageIndexer::severityFromColumn(statement.columnInt64(0));
        finding.code = statement.columnText(1);
        finding.message = statement.columnText(2);
        findings.append(finding);
    }
    return findings;
}

namespace {

// One table's part of copySearchRows(): the rows of one message, read from the store and
// written to the copy, column by column as they are.
struct RowCopy
{
    SqliteDatabase::Statement select;
    SqliteDatabase::Statement insert;
    int columns = 0;
};

// The column names come from the store (pragma_table_info), so a column added to the layout
// is copied without a change here.
Result<RowCopy> prepareRowCopy(SqliteDatabase &from, SqliteDatabase &to, const QByteArray &table,
                               const QByteArray &key, bool withRowId)
{
    QByteArrayList names;
    if (withRowId)
        names.append("rowid");
    auto info = from.prepare("SELECT name FROM pragma_table_info(?1)");
    if (!info.isValid())
        return from.lastError();
    info.bindText(1, QString::fromLatin1(table));
    SqliteDatabase::Statement::StepResult step;
    while ((step = info.step()) == SqliteDatabase::Statement::StepResult::Row)
        names.append(info.columnText(0).toUtf8());
    if (step == SqliteDatabase::Statement::StepResult::Error)
        return info.lastError();
    QByteArrayList placeholders;
    for (qsizetype i = 0; i < names.size(); ++i)
        placeholders.append('?' + QByteArray::number(i + 1));
    RowCopy copy;
    copy.columns = int(names.size());
    copy.select = from.prepare(
        QByteArray("SELECT " + names.join(", ") + " FROM " + table + " WHERE " + key + " = ?1")
            .constData());
    if (!copy.select.isValid())
        return from.lastError();
    copy.insert = to.prepare(QByteArray("INSERT INTO " + table + '(' + names.join(", ")
                                        + ") VALUES(" + placeholders.join(", ") + ')')
                                 .constData());
    if (!copy.insert.isValid())
        return to.lastError();
    return copy;
}

} // namespace

Result<qsizetype> StoreReader::copySearchRows(std::span<const qint64> ids, qsizetype maxMessages,
                                              qint64 maxBytes, SqliteDatabase &target) const
{
    std::vector<RowCopy> copies;
    for (const auto &[table, key, withRowId] :
         {std::tuple{"messages", "id", false}, std::tuple{"messages_fts", "rowid", true},
          std::tuple{"findings", "message_id", false}}) {
        Result<RowCopy> copy = prepareRowCopy(*m_db, target, table, key, withRowId);
        if (!copy)
            return std::move(copy).error();
        copies.push_back(std::move(*copy));
    }
    // One read transaction: a message's row, index entry and findings from the same commit.
    if (Result<void> begun = m_db->exec("BEGIN"); !begun)
        return std::move(begun).error();
    const auto finished = qScopeGuard([this] { (void)m_db->exec("COMMIT"); });
    qsizetype done = 0;
    qint64 bytes = 0;
    while (done < qsizetype(ids.size()) && done < maxMessages && bytes < maxBytes) {
        for (RowCopy &copy : copies) {
            copy.select.bindInt64(1, ids[size_t(done)]);
            SqliteDatabase::Statement::StepResult step;
            while ((step = copy.select.step()) == SqliteDatabase::Statement::StepResult::Row) {
                for (int column = 0; column < copy.columns; ++column) {
                    copy.insert.bindColumnValue(column + 1, copy.select, column);
                    bytes += copy.select.columnBytes(column);
                }
                if (Result<void> inserted = copy.insert.execute(); !inserted) {
                    copy.select.reset();
                    return std::move(inserted).error();
                }
            }
            if (step == SqliteDatabase::Statement::StepResult::Error) {
                Error error = copy.select.lastError();
                copy.select.reset();
                return error;
            }
            copy.select.reset();
        }
        ++done;
    }
    return done;
}
