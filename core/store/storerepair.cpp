// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "storerepair.h"

#include "store/messageanalysis.h"
#include "store/messageindexer.h"
#include "store/sqlitedatabase.h"
#include "store/storelayout.h"
#include "store/storeschema.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <memory>

namespace {

using Statement = SqliteDatabase::Statement;
using StepResult = SqliteDatabase::Statement::StepResult;

constexpr char kSessionColumns[] =
    "id, started, ended, remote_address, remote_port, local_address, local_port, implicit_tls,"
    " tls, tls_protocol, tls_cipher, helo, auth_user, messages, end_reason, trace_bytes,"
    " trace_chunks, trace_truncated";
constexpr int kSessionColumnCount = 18;
constexpr int kSharedMessageColumnCount = 20;
constexpr int kSessionIdColumn = 2; // in StoreSchema::sharedMessageColumns()
// After the shared columns, the row read from the damaged database has these two, the position
// of the message's transaction in its session's trace (NULL before schema version 3).
constexpr int kTraceFirstColumn = kSharedMessageColumnCount;
constexpr int kTraceLastColumn = kSharedMessageColumnCount + 1;

QByteArray placeholders(int count)
{
    QByteArray text;
    for (int i = 1; i <= count; ++i)
        text += (i > 1 ? ", ?" : "?") + QByteArray::number(i);
    return text;
}

// The files that make up one SQLite database in WAL mode.
const char *const kDatabaseFileSuffixes[] = {"", "-wal", "-shm"};

void removeDatabaseFiles(const QString &path)
{
    for (const char *suffix : kDatabaseFileSuffixes)
        QFile::remove(path + QLatin1StringView(suffix));
}

// Reads one message row and its bytes from the damaged database and writes both, with a fresh
// analysis, into the new one. False when the old row cannot be read.
struct MessageCopier
{
    const QSet<qint64> &sessions;
    Statement readRow;
    Statement readRaw;
    Statement insertRow;
    Statement insertRaw;
    std::unique_ptr<MessageIndexer> indexer;

    enum class Outcome { Copied, Missing, Unreadable, WriteFailed };

    Outcome copy(qint64 id, QString *error)
    {
        readRow.bindInt64(1, id);
        const StepResult row = readRow.step();
        if (row != StepResult::Row) {
            readRow.reset();
            return row == StepResult::Done ? Outcome::Missing : Outcome::Unreadable;
        }
        readRaw.bindInt64(1, id);
        if (readRaw.step() != StepResult::Row) {
            readRaw.reset();
            readRow.reset();
            return Outcome::Unreadable;
        }
        const QByteArray raw = readRaw.columnBlob(0);
        readRaw.reset();

        Envelope envelope;
        envelope.mailFrom = readRow.columnBlob(3);
        envelope.mailParameters = readRow.columnBlob(4);
        const QByteArray recipients = readRow.columnBlob(5);
        if (!recipients.isEmpty())
            envelope.recipients = recipients.split('\n');
        envelope.smtpUtf8 = readRow.columnInt64(6) != 0;
        envelope.eightBitMime = readRow.columnInt64(7) != 0;
        const QByteArray checked = raw.size() > MessageAnalysis::kMaxCheckedBytes
                                       ? raw.first(MessageAnalysis::kMaxCheckedBytes)
                                       : raw;
        const MessageAnalysis analysis = MessageAnalysis::analyse(checked, raw.size(), envelope);

        for (int column = 0; column < kSharedMessageColumnCount; ++column) {
            if (column == kSessionIdColumn
                && !sessions.contains(readRow.columnInt64(kSessionIdColumn)))
                insertRow.bindNull(column + 1); // its session was lost with the damage
            else
                insertRow.bindColumnValue(column + 1, readRow, column);
        }
        insertRow.bindInt64(kSharedMessageColumnCount + 1, analysis.hasAttachments ? 1 : 0);
        insertRow.bindInt64(kSharedMessageColumnCount + 2, analysis.findingCount());
        // Without its span the message's trace view cannot mark its transaction.
        insertRow.bindColumnValue(kSharedMessageColumnCount + 3, readRow, kTraceFirstColumn);
        insertRow.bindColumnValue(kSharedMessageColumnCount + 4, readRow, kTraceLastColumn);
        // The overview is derived from the bytes like the index, so it is worked out again
        // rather than copied: without it every list page parses these messages again.
        insertRow.bindText(kSharedMessageColumnCount + 5, QString::fromUtf8(analysis.overview));
        readRow.reset();
        if (!insertRow.execute()) {
            *error = insertRow.lastError().message;
            return Outcome::WriteFailed;
        }
        insertRaw.bindInt64(1, id);
        insertRaw.bindStaticBlob(2, raw);
        if (!insertRaw.execute()) {
            *error = insertRaw.lastError().message;
            return Outcome::WriteFailed;
        }
        if (Result<void> indexed = indexer->insert(id, analysis); !indexed) {
            *error = indexed.error().message;
            return Outcome::WriteFailed;
        }
        return Outcome::Copied;
    }
};

// The relay's rows (schema version 6) of the messages that were copied, as far as a scan of
// `table` gets. A salvaged message keeps its id, so its rows keep their message_id; the rows of
// a lost message go with it, as its deletion would have taken them (ON DELETE CASCADE).
struct RelayTable
{
    const char *name;
    const char *columns; ///< message_id second
    int columnCount;
};
constexpr RelayTable kRelayTables[] = {
    {"relay_attempts", "id, message_id, started, target, error_code, error, recipients, trace", 8},
    {"relay_queue", "id, message_id, recipients, first_try, next_try, tries", 6},
};
constexpr int kRelayMessageIdColumn = 1;

Result<void> copyRelayRows(SqliteDatabase &source, SqliteDatabase &target, const RelayTable &table,
                           const QSet<qint64> &messages)
{
    Statement read = source.prepare(
        QByteArray(QByteArray("SELECT ") + table.columns + " FROM " + table.name + " ORDER BY id")
            .constData());
    Statement insert =
        target.prepare(QByteArray(QByteArray("INSERT INTO ") + table.name + '(' + table.columns
                                  + ") VALUES(" + placeholders(table.columnCount) + ')')
                           .constData());
    if (!insert.isValid())
        return target.lastError();
    SqliteDatabase::Transaction transaction(target);
    if (!transaction.isActive())
        return transaction.lastError();
    while (read.isValid() && read.step() == StepResult::Row) {
        if (!messages.contains(read.columnInt64(kRelayMessageIdColumn)))
            continue;
        for (int column = 0; column < table.columnCount; ++column)
            insert.bindColumnValue(column + 1, read, column);
        if (!insert.execute())
            return insert.lastError();
    }
    if (!transaction.commit())
        return transaction.lastError();
    return {};
}

// Every message id worth trying: those a scan of the table finds, and when the scan breaks off
// at damage, every id up to the highest one the database remembers (a lookup by id can reach
// rows behind a damaged page that a scan cannot get past).
QList<qint64> candidateIds(SqliteDatabase &source)
{
    QList<qint64> ids;
    Statement scan = source.prepare("SELECT id FROM messages ORDER BY id");
    StepResult step = StepResult::Error;
    if (scan.isValid()) {
        while ((step = scan.step()) == StepResult::Row)
            ids.append(scan.columnInt64(0));
    }
    if (step == StepResult::Done)
        return ids;
    qint64 highest = ids.isEmpty() ? 0 : ids.last();
    // What cannot be read here only shortens the range; the scan above found what it could.
    highest = qMax(highest,
                   source.queryInt64("SELECT max(seq) FROM sqlite_sequence WHERE name = 'messages'")
                       .valueOr(0));
    highest = qMax(highest, source.queryInt64("SELECT max(id) FROM messages").valueOr(0));
    for (qint64 id = (ids.isEmpty() ? 0 : ids.last()) + 1; id <= highest; ++id)
        ids.append(id);
    return ids;
}

} // namespace

Result<StoreRepair::Report> StoreRepair::rebuild(const QString &directory)
{
    const QString path = StoreLayout::databasePath(directory);
    auto opened = StoreSchema::openExisting(directory, SqliteDatabase::OpenMode::ReadWriteCreate);
    if (!opened)
        return opened.error();
    std::unique_ptr<SqliteDatabase> db = std::move(*opened);
    const auto salvageBecause = [&](const QString &why) {
        db.reset(); // the salvage renames the file; no connection may stay open on it
        return salvage(path, why);
    };

    const Result<qint64> version = db->queryInt64("PRAGMA user_version");
    if (!version) {
        if (StoreSchema::isCorruption(db->errorCode()))
            return salvageBecause(version.error().message);
        return Error(version.error().code,
                     QStringLiteral("cannot read %1: %2").arg(path, version.error().message), path);
    }
    // quick_check reads every page of every table and index (not the contents of the FTS5
    // index, which is rebuilt anyway): O(size), acceptable for a repair command.
    const Result<QString> check = db->queryText("PRAGMA quick_check(1)");
    if (!check) {
        if (StoreSchema::isCorruption(db->errorCode()))
            return salvageBecause(check.error().message);
        return Error(check.error().code,
                     QStringLiteral("cannot check %1: %2").arg(path, check.error().message), path);
    }
    if (*check != u"ok")
        return salvageBecause(*check);

    if (Result<void> prepared = StoreSchema::prepare(*db, path); !prepared) {
        if (prepared.error().code == ErrorCode::StoreDamaged)
            return salvageBecause(prepared.error().message);
        return prepared.error().about(path);
    }
    std::optional<qint64> count;
    QString reason;
    ErrorCode code = ErrorCode::DatabaseError;
    {
        SqliteDatabase::Transaction transaction(*db);
        if (transaction.isActive()) {
            Result<qint64> rebuilt = StoreSchema::rebuildDerivedData(*db);
            if (rebuilt) {
                count = *rebuilt;
            } else {
                reason = rebuilt.error().message;
                code = rebuilt.error().code;
            }
        } else {
            reason = transaction.lastError().message;
        }
        const bool damaged = StoreSchema::isCorruption(db->errorCode());
        if (count && !transaction.commit()) {
            reason = transaction.lastError().message;
            count.reset();
        }
        if (!count && damaged) {
            transaction.rollback();
            return salvageBecause(reason);
        }
    }
    if (!count)
        return Error(code, QStringLiteral("cannot rebuild the index of %1: %2").arg(path, reason),
                     path);
    Report report;
    report.messages = *count;
    return report;
}

Result<StoreRepair::Report> StoreRepair::salvage(const QString &path, const QString &reason)
{
    const QString newPath = path + QStringLiteral(".salvage");
    removeDatabaseFiles(newPath);
    Report report;
    report.salvaged = true;
    report.damageReason = reason;
    {
        std::unique_ptr<SqliteDatabase> target;
        Error openError;
        if (auto created = SqliteDatabase::open(newPath, SqliteDatabase::OpenMode::ReadWriteCreate);
            !created) {
            openError = created.error();
        } else if (Result<void> prepared = StoreSchema::prepare(**created, newPath); !prepared) {
            openError = prepared.error();
        } else {
            target = std::move(*created);
        }
        if (!target) {
            removeDatabaseFiles(newPath);
            return Error(openError.code,
                         QStringLiteral("cannot create a new database %1: %2")
                             .arg(newPath, openError.message),
                         newPath);
        }
        // Read-only: the damaged file is evidence and stays exactly as it is.
        auto opened = SqliteDatabase::open(path, SqliteDatabase::OpenMode::ReadOnly);
        std::unique_ptr<SqliteDatabase> source = opened ? std::move(*opened) : nullptr;
        const qint64 version = source ? source->queryInt64("PRAGMA user_version").valueOr(0) : 0;
        if (version >= 1 && version <= StoreSchema::kVersion) {
            const auto fail = [&](const QString &why) {
                target.reset();
                removeDatabaseFiles(newPath);
                return Error(
                    ErrorCode::StoreUnwritable,
                    QStringLiteral("cannot write the new database %1: %2").arg(newPath, why),
                    newPath);
            };

            // Sessions and their traces, as far as a scan gets.
            QSet<qint64> sessions;
            qint64 lastSessionId = 0;
            {
                Statement read = source->prepare(QByteArray("SELECT " + QByteArray(kSessionColumns)
                                                            + " FROM sessions ORDER BY id")
                                                     .constData());
                Statement insert = target->prepare(
                    QByteArray("INSERT INTO sessions(" + QByteArray(kSessionColumns) + ") VALUES("
                               + placeholders(kSessionColumnCount) + ")")
                        .constData());
                Statement readTrace = source->prepare(
                    "SELECT seq, data FROM session_trace WHERE session_id = ?1 ORDER BY seq");
                Statement insertTrace = target->prepare(
                    "INSERT INTO session_trace(session_id, seq, data) VALUES(?1, ?2, ?3)");
                Statement fixChunks =
                    target->prepare("UPDATE sessions SET trace_chunks = ?2 WHERE id = ?1");
                if (!insert.isValid() || !insertTrace.isValid() || !fixChunks.isValid())
                    return fail(target->lastError().message);
                SqliteDatabase::Transaction transaction(*target);
                if (!transaction.isActive())
                    return fail(transaction.lastError().message);
                while (read.isValid() && read.step() == StepResult::Row) {
                    const qint64 id = read.columnInt64(0);
                    for (int column = 0; column < kSessionColumnCount; ++column)
                        insert.bindColumnValue(column + 1, read, column);
                    if (!insert.execute())
                        return fail(insert.lastError().message);
                    sessions.insert(id);
                    lastSessionId = qMax(lastSessionId, id);
                    // The chunk numbers continue where the copied trace ends, so a later
                    // session end of the same id cannot collide with them.
                    qint64 nextChunk = 0;
                    readTrace.bindInt64(1, id);
                    while (readTrace.isValid() && readTrace.step() == StepResult::Row) {
                        insertTrace.bindInt64(1, id);
                        insertTrace.bindColumnValue(2, readTrace, 0);
                        insertTrace.bindColumnValue(3, readTrace, 1);
                        nextChunk = readTrace.columnInt64(0) + 1;
                        if (!insertTrace.execute())
                            return fail(insertTrace.lastError().message);
                    }
                    readTrace.reset();
                    fixChunks.bindInt64(1, id);
                    fixChunks.bindInt64(2, nextChunk);
                    if (!fixChunks.execute())
                        return fail(fixChunks.lastError().message);
                }
                if (!transaction.commit())
                    return fail(transaction.lastError().message);
            }

            // Messages, with their bytes, analysed again for the new index.
            const char *rawTable = version >= 2 ? "message_raw" : "messages";
            MessageCopier copier{sessions, {}, {}, {}, {}, {}};
            copier.readRow = source->prepare(
                QByteArray("SELECT " + QByteArray(StoreSchema::sharedMessageColumns())
                           + (version >= 3 ? ", trace_first, trace_last" : ", NULL, NULL")
                           + " FROM messages WHERE id = ?1")
                    .constData());
            copier.readRaw = source->prepare(
                QByteArray("SELECT raw FROM " + QByteArray(rawTable) + " WHERE id = ?1")
                    .constData());
            copier.insertRow = target->prepare(
                QByteArray("INSERT INTO messages(" + QByteArray(StoreSchema::sharedMessageColumns())
                           + ", has_attachments, finding_count, trace_first, trace_last, overview)"
                             " VALUES("
                           + placeholders(kSharedMessageColumnCount + 5) + ")")
                    .constData());
            copier.insertRaw = target->prepare("INSERT INTO message_raw(id, raw) VALUES(?1, ?2)");
            Result<std::unique_ptr<MessageIndexer>> indexer = MessageIndexer::create(*target);
            if (indexer)
                copier.indexer = std::move(*indexer);
            if (!copier.insertRow.isValid() || !copier.insertRaw.isValid() || !copier.indexer)
                return fail(target->lastError().message);
            const QList<qint64> ids = copier.readRow.isValid() && copier.readRaw.isValid()
                                          ? candidateIds(*source)
                                          : QList<qint64>();
            qint64 highestId = ids.isEmpty() ? 0 : ids.last();
            QSet<qint64> copied;
            for (qsizetype start = 0; start < ids.size(); start += kSalvageBatch) {
                SqliteDatabase::Transaction transaction(*target);
                if (!transaction.isActive())
                    return fail(transaction.lastError().message);
                const qsizetype end = qMin<qsizetype>(ids.size(), start + kSalvageBatch);
                for (qsizetype i = start; i < end; ++i) {
                    QString why;
                    switch (copier.copy(ids[i], &why)) {
                    case MessageCopier::Outcome::Copied:
                        ++report.messages;
                        copied.insert(ids[i]);
                        break;
                    case MessageCopier::Outcome::Missing:
                        break;
                    case MessageCopier::Outcome::Unreadable:
                        ++report.lostMessages;
                        break;
                    case MessageCopier::Outcome::WriteFailed:
                        return fail(why);
                    }
                }
                if (!transaction.commit())
                    return fail(transaction.lastError().message);
            }

            if (version >= 6) {
                for (const RelayTable &table : kRelayTables) {
                    if (Result<void> relayCopied = copyRelayRows(*source, *target, table, copied);
                        !relayCopied)
                        return fail(relayCopied.error().message);
                }
            }

            // Ids are never reused, also not those of messages lost here.
            highestId = qMax(
                highestId,
                source->queryInt64("SELECT max(seq) FROM sqlite_sequence WHERE name = 'messages'")
                    .valueOr(0));
            if (const Result<qint64> last = StoreSchema::lastSessionId(*source))
                lastSessionId = qMax(lastSessionId, *last);
            else
                lastSessionId = qMax(lastSessionId,
                                     source->queryInt64("SELECT max(id) FROM sessions").valueOr(0));
            const QByteArray counters =
                "DELETE FROM sqlite_sequence WHERE name = 'messages';"
                "INSERT INTO sqlite_sequence(name, seq) VALUES('messages', "
                + QByteArray::number(highestId)
                + ");"
                  "INSERT INTO store_state(key, value) VALUES('last_session_id', "
                + QByteArray::number(lastSessionId) + ");";
            if (!target->exec(counters.constData()))
                return fail(target->lastError().message);
        }
        // Both connections close here: the new database checkpoints its WAL into the file.
    }

    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    report.damagedCopy = path + QStringLiteral(".damaged-") + stamp;
    for (const char *suffix : kDatabaseFileSuffixes) {
        const QString from = path + QLatin1StringView(suffix);
        if (QFileInfo::exists(from)
            && !QFile::rename(from, report.damagedCopy + QLatin1StringView(suffix))) {
            return Error(ErrorCode::FileUnwritable,
                         QStringLiteral("cannot move the damaged %1 aside").arg(from), from);
        }
    }
    for (const char *suffix : kDatabaseFileSuffixes) {
        const QString from = newPath + QLatin1StringView(suffix);
        if (QFileInfo::exists(from) && !QFile::rename(from, path + QLatin1StringView(suffix))) {
            return Error(ErrorCode::FileUnwritable,
                         QStringLiteral("cannot move the new database %1 into place").arg(from),
                         from);
        }
    }
    return report;
}
