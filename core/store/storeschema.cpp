// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "storeschema.h"

#include "store/messageanalysis.h"
#include "store/messageindexer.h"
#include "store/sqlitedatabase.h"
#include "store/storelayout.h"

#include <QFileInfo>

#include <sqlite3.h>

#include <vector>

namespace {

constexpr char kSessionTables[] = R"sql(
CREATE TABLE sessions(
    id INTEGER PRIMARY KEY,
    started INTEGER,
    ended INTEGER,
    remote_address TEXT,
    remote_port INTEGER,
    local_address TEXT,
    local_port INTEGER,
    implicit_tls INTEGER NOT NULL DEFAULT 0,
    tls INTEGER NOT NULL DEFAULT 0,
    tls_protocol TEXT,
    tls_cipher TEXT,
    helo TEXT,
    auth_user TEXT,
    messages INTEGER NOT NULL DEFAULT 0,
    end_reason TEXT,
    trace_bytes INTEGER NOT NULL DEFAULT 0,
    trace_chunks INTEGER NOT NULL DEFAULT 0,
    trace_truncated INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE session_trace(
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    UNIQUE(session_id, seq)
);
)sql";

// `@messages@` is the table name: `messages`, or `messages_v2` while migrating.
constexpr char kMessagesTable[] = R"sql(
CREATE TABLE @messages@(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    received INTEGER NOT NULL,
    session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
    mail_from BLOB NOT NULL,
    mail_parameters BLOB NOT NULL,
    recipients BLOB NOT NULL,
    smtputf8 INTEGER NOT NULL DEFAULT 0,
    eightbitmime INTEGER NOT NULL DEFAULT 0,
    remote_address TEXT,
    helo TEXT,
    tls INTEGER NOT NULL DEFAULT 0,
    auth_user TEXT,
    size INTEGER NOT NULL,
    subject TEXT,
    header_from TEXT,
    header_to TEXT,
    header_cc TEXT,
    header_date TEXT,
    message_id TEXT,
    flags INTEGER NOT NULL DEFAULT 0,
    has_attachments INTEGER NOT NULL DEFAULT 0,
    finding_count INTEGER NOT NULL DEFAULT 0,
    trace_first INTEGER,
    trace_last INTEGER,
    overview TEXT
);
)sql";

// Everything that refers to `messages` by name, created once the table has its final name.
// messages_deleted is a partial index: it stays as small as the number of messages waiting to
// be purged, so finding them never scans the table. `@deleted@` is StoreLayout::deletedSql().
constexpr char kMessageDependents[] = R"sql(
CREATE INDEX messages_session ON messages(session_id);
CREATE INDEX messages_received ON messages(received);
CREATE INDEX messages_deleted ON messages(id) WHERE @deleted@;
CREATE TABLE findings(
    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    severity INTEGER NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY(message_id, seq)
) WITHOUT ROWID;
CREATE INDEX findings_code ON findings(code);
CREATE TABLE store_state(
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

constexpr char kRawTable[] = R"sql(
CREATE TABLE message_raw(
    id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    raw BLOB NOT NULL
);
)sql";

constexpr char kIndexTable[] = R"sql(
CREATE VIRTUAL TABLE messages_fts USING fts5(
    subject, sender, recipients, cc, body, tokenize = 'unicode61 remove_diacritics 2');
)sql";

// Version 3: where each message's transaction sits in its session's trace. ADD COLUMN with a
// NULL default only changes the schema; SQLite rewrites no row.
constexpr char kTraceSpanColumns[] = R"sql(
ALTER TABLE messages ADD COLUMN trace_first INTEGER;
ALTER TABLE messages ADD COLUMN trace_last INTEGER;
)sql";

// Version 4: what a message list shows beyond the columns above (MessageOverview as JSON).
// Rows stored before stay NULL (no row is rewritten): readers work it out from the bytes, and
// `letterbox rebuild-index` fills it in.
constexpr char kOverviewColumn[] = R"sql(
ALTER TABLE messages ADD COLUMN overview TEXT;
)sql";

// The message list without scanning the table (version 5; version 4 had messages_list on
// (id, flags) alone). `messages_list` is narrow and in id order, so a page deep in the list
// (OFFSET 90000) walks it instead of the rows, and it covers every filter on a small column
// (is:, has:), so counting the matches of such filters never reads a row: 100,000 rows hold
// 60 MiB, the index 1.5 MiB. The partial indexes hold the messages with attachments, the
// unread and the read ones: has:attachment walks only its messages (counting them over the
// whole list took 180 ms, bench/apibench), and a count of full-text matches needs only the
// smaller of the read and the unread messages besides the index's own rowids
// (StoreReader::searchCounts). `@unread@` and `@read@` are StoreLayout's tests, written as
// the queries write them so SQLite sees the partial indexes apply. IF NOT EXISTS: a store
// upgraded from version 3 may have them already.
constexpr char kListIndexes[] = R"sql(
CREATE INDEX messages_list ON messages(id, flags, has_attachments, finding_count);
CREATE INDEX IF NOT EXISTS messages_attachments ON messages(id, flags, has_attachments)
    WHERE has_attachments <> 0;
CREATE INDEX IF NOT EXISTS messages_unread ON messages(id, flags) WHERE @unread@;
CREATE INDEX IF NOT EXISTS messages_read ON messages(id, flags) WHERE @read@;
)sql";

// Version 4: the triggers keep the number of live and of unread messages in store_state, so
// the totals every list answer carries cost two lookups, not a scan of 100,000 rows (which
// took 100 ms and more, bench/apibench). `@live(X)@` and `@unread(X)@` are StoreLayout's
// tests on the row X.
constexpr char kListTriggers[] = R"sql(
CREATE TRIGGER messages_count_insert AFTER INSERT ON messages BEGIN
    INSERT INTO store_state(key, value)
        VALUES('live_messages', @live(new)@),
              ('unread_messages', @live(new)@ AND @unread(new)@)
        ON CONFLICT(key) DO UPDATE SET value = value + excluded.value;
END;
CREATE TRIGGER messages_count_delete AFTER DELETE ON messages BEGIN
    INSERT INTO store_state(key, value)
        VALUES('live_messages', -(@live(old)@)),
              ('unread_messages', -(@live(old)@ AND @unread(old)@))
        ON CONFLICT(key) DO UPDATE SET value = value + excluded.value;
END;
CREATE TRIGGER messages_count_update AFTER UPDATE OF flags ON messages
    WHEN old.flags <> new.flags BEGIN
    INSERT INTO store_state(key, value)
        VALUES('live_messages', (@live(new)@) - (@live(old)@)),
              ('unread_messages', (@live(new)@ AND @unread(new)@) - (@live(old)@ AND @unread(old)@))
        ON CONFLICT(key) DO UPDATE SET value = value + excluded.value;
END;
)sql";

// The counters of kListTriggers for the rows already there.
constexpr char kCountInit[] = R"sql(
INSERT INTO store_state(key, value) SELECT 'live_messages', count(*) FROM messages
    WHERE @live(messages)@ ON CONFLICT(key) DO UPDATE SET value = excluded.value;
INSERT INTO store_state(key, value) SELECT 'unread_messages', count(*) FROM messages
    WHERE @live(messages)@ AND @unread(messages)@
    ON CONFLICT(key) DO UPDATE SET value = excluded.value;
)sql";

QByteArray withFlagTests(QByteArray sql)
{
    for (const char *row : {"new", "old", "messages"}) {
        sql.replace(QByteArray("@live(" + QByteArray(row) + ")@"), StoreLayout::liveSql(row));
        sql.replace(QByteArray("@unread(" + QByteArray(row) + ")@"), StoreLayout::unreadSql(row));
    }
    return sql;
}

// Imports used to be recorded as a session (remote address "import", which no TCP peer can
// have), taking a number from the SMTP sessions' sequence. Imported messages now have no
// session; the counter in store_state keeps the numbers already used from coming back.
constexpr char kDetachImports[] = R"sql(
INSERT INTO store_state(key, value) SELECT 'last_session_id', coalesce(max(id), 0) FROM sessions
    WHERE true ON CONFLICT(key) DO UPDATE SET value = max(value, excluded.value);
UPDATE messages SET session_id = NULL
    WHERE session_id IN (SELECT id FROM sessions WHERE remote_address = 'import');
DELETE FROM session_trace
    WHERE session_id IN (SELECT id FROM sessions WHERE remote_address = 'import');
DELETE FROM sessions WHERE remote_address = 'import';
)sql";

// Version 6: relay attempts and the retry queue of automatic relays. Both go with their
// message (foreign keys are on in every connection that writes).
constexpr char kRelayTables[] = R"sql(
CREATE TABLE relay_attempts(
    id INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    started INTEGER NOT NULL,
    target TEXT NOT NULL,
    error_code TEXT,
    error TEXT,
    recipients TEXT NOT NULL,
    trace TEXT NOT NULL
);
CREATE INDEX relay_attempts_message ON relay_attempts(message_id);
CREATE TABLE relay_queue(
    id INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    recipients TEXT NOT NULL,
    first_try INTEGER NOT NULL,
    next_try INTEGER NOT NULL,
    tries INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX relay_queue_next ON relay_queue(next_try);
CREATE UNIQUE INDEX relay_queue_message ON relay_queue(message_id);
)sql";

// The columns version 1 and version 2 share, in the order both declare them.
constexpr char kSharedMessageColumns[] =
    "id, received, session_id, mail_from, mail_parameters, recipients, smtputf8, eightbitmime,"
    " remote_address, helo, tls, auth_user, size, subject, header_from, header_to, header_cc,"
    " header_date, message_id, flags";

// Version 4's indexes and counting triggers, with version 5's indexes.
QByteArray listIndexes()
{
    return QByteArray(kListIndexes)
        .replace("@unread@", StoreLayout::unreadSql())
        .replace("@read@", StoreLayout::readSql());
}

QByteArray listSupport()
{
    return listIndexes() + withFlagTests(kListTriggers);
}

QByteArray messagesTable(const char *name)
{
    return QByteArray(kMessagesTable).replace("@messages@", name);
}

QByteArray messageDependents()
{
    return QByteArray(kMessageDependents).replace("@deleted@", StoreLayout::deletedSql());
}

} // namespace

QByteArray StoreSchema::createStatements()
{
    return kSessionTables + messagesTable("messages") + kRawTable + messageDependents()
           + listSupport() + kIndexTable + kRelayTables;
}

const char *StoreSchema::sharedMessageColumns()
{
    return kSharedMessageColumns;
}

bool StoreSchema::isCorruption(int errorCode)
{
    return SqliteDatabase::isCorruption(errorCode);
}

QString StoreSchema::damagedMessage(const QString &path, const QString &reason)
{
    return QStringLiteral("%1 is damaged (%2); run `letterbox rebuild-index --store %3`")
        .arg(path, reason, QFileInfo(path).path());
}

Result<void> StoreSchema::prepare(SqliteDatabase &db, const QString &path)
{
    const auto failed = [&](const QString &what) {
        if (isCorruption(db.errorCode()))
            return Error(ErrorCode::StoreDamaged, damagedMessage(path, db.lastError().message));
        return Error(SqliteDatabase::errorCodeFor(db.errorCode()),
                     QStringLiteral("%1: %2: %3").arg(path, what, db.lastError().message));
    };
    (void)db.exec(
        QByteArray("PRAGMA busy_timeout = " + QByteArray::number(kBusyTimeoutMs)).constData());
    const Result<qint64> readVersion = db.queryInt64("PRAGMA user_version");
    if (!readVersion)
        return failed(QStringLiteral("cannot read the schema version"));
    const qint64 version = *readVersion;
    if (version > kVersion) {
        return Error(
            ErrorCode::StoreTooNew,
            QStringLiteral("%1 was written by a newer Letterbox (schema %2, this one reads %3)")
                .arg(path)
                .arg(version)
                .arg(kVersion));
    }
    if (version == 0) {
        const Result<qint64> objects = db.queryInt64("SELECT count(*) FROM sqlite_schema");
        if (!objects)
            return failed(QStringLiteral("cannot read the schema"));
        if (*objects > 0) {
            return Error(
                ErrorCode::MalformedInput,
                QStringLiteral("%1 is not a Letterbox store (it holds other tables)").arg(path));
        }
        // Only takes effect before the first table exists.
        if (!db.exec("PRAGMA auto_vacuum = INCREMENTAL"))
            return failed(QStringLiteral("cannot set up incremental vacuum"));
    }
    const Result<QString> journalMode = db.queryText("PRAGMA journal_mode = WAL");
    if (!journalMode)
        return failed(QStringLiteral("cannot switch to WAL mode"));
    if (journalMode->compare(QLatin1StringView("wal"), Qt::CaseInsensitive) != 0) {
        return Error(ErrorCode::DatabaseError,
                     QStringLiteral("cannot switch %1 to WAL mode (%2)").arg(path, *journalMode));
    }
    // secure_delete = FAST: Debian builds SQLite with secure delete on, which writes a page of
    // zeros for every freed page; deleting a 30 MiB message would write 30 MiB more. FAST still
    // clears deleted content inside pages that are written anyway.
    const QByteArray pragmas = "PRAGMA synchronous = FULL; PRAGMA secure_delete = FAST; "
                               "PRAGMA journal_size_limit = "
                               + QByteArray::number(kJournalSizeLimit);
    if (!db.exec(pragmas.constData()))
        return failed(QStringLiteral("cannot set the pragmas"));

    if (version == 0) {
        SqliteDatabase::Transaction transaction(db);
        const QByteArray statements =
            createStatements() + "PRAGMA user_version = " + QByteArray::number(kVersion) + ";";
        if (!transaction.isActive() || !db.exec(statements.constData()) || !transaction.commit()) {
            return Error(SqliteDatabase::errorCodeFor(db.errorCode()),
                         QStringLiteral("cannot create the store database %1: %2")
                             .arg(path, transaction.isActive() ? db.lastError().message
                                                               : transaction.lastError().message));
        }
    } else if (version < kVersion) {
        Result<void> migrated = version == 1   ? migrateFromVersion1(db)
                                : version == 2 ? migrateFromVersion2(db)
                                : version == 3 ? migrateFromVersion3(db)
                                : version == 4 ? migrateFromVersion4(db)
                                               : migrateFromVersion5(db);
        if (!migrated) {
            const Error &error = migrated.error();
            if (error.code == ErrorCode::StoreDamaged)
                return Error(ErrorCode::StoreDamaged, damagedMessage(path, error.message));
            return Error(ErrorCode::DatabaseError,
                         QStringLiteral("cannot upgrade %1 from schema %2 to %3: %4")
                             .arg(path)
                             .arg(version)
                             .arg(kVersion)
                             .arg(error.message));
        }
    }
    if (!db.exec("PRAGMA foreign_keys = ON"))
        return failed(QStringLiteral("cannot enable foreign keys"));
    return {};
}

// The steps of SQLite's "generalized ALTER TABLE procedure" (sqlite.org/lang_altertable.html):
// foreign keys off, new table, copy, drop, rename, recreate indexes, all in one transaction.
// A plain ALTER TABLE ADD COLUMN would leave the new columns behind the message bytes and the
// backfill UPDATE would rewrite every message anyway; moving the bytes to message_raw costs
// the same one copy and makes every later flag change cheap.
Result<void> StoreSchema::migrateFromVersion1(SqliteDatabase &db)
{
    // The result code must be read before the transaction rolls back and resets it.
    const auto fail = [&db](const QString &reason) {
        return Error(isCorruption(db.errorCode()) ? ErrorCode::StoreDamaged
                                                  : ErrorCode::DatabaseError,
                     reason);
    };
    // A no-op inside a transaction, so it goes first; otherwise DROP TABLE messages would
    // cascade into the rows just copied to message_raw.
    if (!db.exec("PRAGMA foreign_keys = OFF"))
        return fail(db.lastError().message);
    SqliteDatabase::Transaction transaction(db);
    if (!transaction.isActive())
        return fail(transaction.lastError().message);
    const Result<qint64> sequence =
        db.queryInt64("SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'messages'");
    if (!sequence)
        return fail(sequence.error().message);
    const QByteArray copy = messagesTable("messages_v2") + "INSERT INTO messages_v2("
                            + kSharedMessageColumns + ") SELECT " + kSharedMessageColumns
                            + " FROM messages;" + kRawTable
                            + "INSERT INTO message_raw(id, raw) SELECT id, raw FROM messages;"
                              "DROP TABLE messages;"
                              "ALTER TABLE messages_v2 RENAME TO messages;"
                            + messageDependents() + listSupport() + withFlagTests(kCountInit)
                            + "DROP TABLE messages_fts;" + kIndexTable;
    if (!db.exec(copy.constData()))
        return fail(db.lastError().message);
    // AUTOINCREMENT ids are never reused; the counter went with the dropped table.
    const QByteArray counter =
        "DELETE FROM sqlite_sequence WHERE name IN ('messages', 'messages_v2');"
        "INSERT INTO sqlite_sequence(name, seq) SELECT 'messages', max("
        + QByteArray::number(*sequence)
        + ", coalesce((SELECT max(id) FROM messages), 0));"
          "INSERT INTO store_state(key, value) SELECT 'last_session_id',"
          " coalesce(max(id), 0) FROM sessions;";
    if (!db.exec(counter.constData()) || !db.exec(kDetachImports))
        return fail(db.lastError().message);
    if (Result<qint64> analysed = analyseAll(db); !analysed)
        return fail(analysed.error().message);
    if (!db.exec(kRelayTables))
        return fail(db.lastError().message);
    const QByteArray setVersion = "PRAGMA user_version = " + QByteArray::number(kVersion);
    if (!db.exec(setVersion.constData()))
        return fail(db.lastError().message);
    if (!transaction.commit())
        return fail(transaction.lastError().message);
    return {};
}

namespace {

// Runs `steps` (SQL statements that end by setting user_version) in one transaction.
Result<void> migrateInOneTransaction(SqliteDatabase &db, const QByteArray &steps)
{
    const auto fail = [&db](const QString &reason) {
        return Error(SqliteDatabase::isCorruption(db.errorCode()) ? ErrorCode::StoreDamaged
                                                                  : ErrorCode::DatabaseError,
                     reason);
    };
    SqliteDatabase::Transaction transaction(db);
    if (!transaction.isActive())
        return fail(transaction.lastError().message);
    if (!db.exec(steps.constData()))
        return fail(db.lastError().message);
    if (!transaction.commit())
        return fail(transaction.lastError().message);
    return {};
}

} // namespace

// Version 2 to 6 adds three columns, the indexes and the counting triggers, detaches imports
// from sessions, and adds the relay tables: no copy, no analysis.
Result<void> StoreSchema::migrateFromVersion2(SqliteDatabase &db)
{
    return migrateInOneTransaction(
        db, QByteArray(kTraceSpanColumns) + kDetachImports + kOverviewColumn + listSupport()
                + withFlagTests(kCountInit) + kRelayTables
                + "PRAGMA user_version = " + QByteArray::number(kVersion) + ";");
}

// Version 3 to 6 adds a column (old rows keep NULL there), the indexes, the counting triggers and
// the relay tables.
Result<void> StoreSchema::migrateFromVersion3(SqliteDatabase &db)
{
    return migrateInOneTransaction(
        db, QByteArray(kOverviewColumn) + listSupport() + withFlagTests(kCountInit) + kRelayTables
                + "PRAGMA user_version = " + QByteArray::number(kVersion) + ";");
}

// Version 4 to 6 rebuilds messages_list with more columns and adds the partial indexes: index
// builds, no row rewritten (0.4 s for 100,000 messages); and the relay tables.
Result<void> StoreSchema::migrateFromVersion4(SqliteDatabase &db)
{
    return migrateInOneTransaction(db, QByteArray("DROP INDEX messages_list;") + listIndexes()
                                           + kRelayTables + "PRAGMA user_version = "
                                           + QByteArray::number(kVersion) + ";");
}

// Version 5 to 6 adds the (empty) relay tables.
Result<void> StoreSchema::migrateFromVersion5(SqliteDatabase &db)
{
    return migrateInOneTransaction(db, QByteArray(kRelayTables) + "PRAGMA user_version = "
                                           + QByteArray::number(kVersion) + ";");
}

Result<qint64> StoreSchema::rebuildDerivedData(SqliteDatabase &db)
{
    // DROP TABLE needs FTS5 to open the index, which it refuses when the index's own
    // structure record is what got damaged ("vtable constructor failed"). Then the index is
    // taken apart by hand: its shadow tables are ordinary tables, and its entry in
    // sqlite_schema goes with writable_schema (RESET reloads the schema).
    if (!db.exec("DROP TABLE IF EXISTS messages_fts")
        && !db.exec("DROP TABLE IF EXISTS messages_fts_data;"
                    " DROP TABLE IF EXISTS messages_fts_idx;"
                    " DROP TABLE IF EXISTS messages_fts_content;"
                    " DROP TABLE IF EXISTS messages_fts_docsize;"
                    " DROP TABLE IF EXISTS messages_fts_config;"
                    " PRAGMA writable_schema = ON;"
                    " DELETE FROM sqlite_schema WHERE name = 'messages_fts';"
                    " PRAGMA writable_schema = RESET;"))
        return db.lastError();
    const QByteArray recreate = QByteArray("DELETE FROM findings;") + kIndexTable;
    if (!db.exec(recreate.constData()))
        return db.lastError();
    return analyseAll(db);
}

Result<QByteArray> StoreSchema::readCheckedBytes(SqliteDatabase &db, const char *table, qint64 id,
                                                 qint64 *totalSize)
{
    SqliteDatabase::Blob blob(db, table, "raw", id, false);
    if (!blob.isValid())
        return blob.lastError();
    *totalSize = blob.size();
    QByteArray bytes(qMin<qint64>(*totalSize, MessageAnalysis::kMaxCheckedBytes),
                     Qt::Uninitialized);
    if (Result<void> read = blob.read(0, bytes.data(), bytes.size()); !read)
        return std::move(read).error();
    return bytes;
}

Result<qint64> StoreSchema::lastSessionId(SqliteDatabase &db)
{
    return db.queryInt64("SELECT max(coalesce((SELECT max(id) FROM sessions), 0),"
                         " coalesce((SELECT value FROM store_state"
                         " WHERE key = 'last_session_id'), 0))");
}

// Analyses every message again from its stored bytes, one batch of ids at a time, so at most
// one message (up to kMaxCheckedBytes of it) is in memory.
Result<qint64> StoreSchema::analyseAll(SqliteDatabase &db)
{
    Result<std::unique_ptr<MessageIndexer>> created = MessageIndexer::create(db);
    if (!created)
        return std::move(created).error();
    const std::unique_ptr<MessageIndexer> indexer = std::move(*created);
    SqliteDatabase::Statement select =
        db.prepare("SELECT id, mail_from, mail_parameters, recipients, smtputf8, eightbitmime"
                   " FROM messages WHERE id > ?1 ORDER BY id LIMIT ?2");
    if (!select.isValid())
        return db.lastError();
    struct Row
    {
        qint64 id;
        Envelope envelope;
    };
    qint64 lastId = 0;
    qint64 count = 0;
    for (;;) {
        std::vector<Row> rows;
        select.bindInt64(1, lastId);
        select.bindInt64(2, kReindexBatch);
        SqliteDatabase::Statement::StepResult step;
        while ((step = select.step()) == SqliteDatabase::Statement::StepResult::Row) {
            Row row;
            row.id = select.columnInt64(0);
            row.envelope.mailFrom = select.columnBlob(1);
            row.envelope.mailParameters = select.columnBlob(2);
            const QByteArray recipients = select.columnBlob(3);
            if (!recipients.isEmpty())
                row.envelope.recipients = recipients.split('\n');
            row.envelope.smtpUtf8 = select.columnInt64(4) != 0;
            row.envelope.eightBitMime = select.columnInt64(5) != 0;
            rows.push_back(std::move(row));
        }
        if (step == SqliteDatabase::Statement::StepResult::Error) {
            Error error = select.lastError();
            select.reset();
            return error;
        }
        select.reset();
        if (rows.empty())
            return count;
        for (const Row &row : rows) {
            qint64 totalSize = 0;
            Result<QByteArray> bytes = readCheckedBytes(db, "message_raw", row.id, &totalSize);
            if (!bytes)
                return std::move(bytes).error();
            const MessageAnalysis analysis =
                MessageAnalysis::analyse(*bytes, totalSize, row.envelope);
            Result<void> indexed = indexer->insert(row.id, analysis);
            if (indexed)
                indexed = indexer->updateFacts(row.id, analysis);
            if (!indexed)
                return std::move(indexed).error();
            ++count;
        }
        lastId = rows.back().id;
    }
}

Result<std::unique_ptr<SqliteDatabase>> StoreSchema::openExisting(const QString &directory,
                                                                  SqliteDatabase::OpenMode mode)
{
    const QString path = StoreLayout::databasePath(directory);
    if (!QFileInfo(path).isFile())
        return Error(ErrorCode::FileNotFound, QStringLiteral("no store at %1").arg(directory),
                     directory);
    auto opened = SqliteDatabase::open(path, mode);
    if (!opened)
        return Error(opened.error().code,
                     QStringLiteral("cannot open the store database %1: %2")
                         .arg(path, opened.error().message),
                     path);
    return opened;
}
