// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "store/sqlitedatabase.h"

#include <QByteArray>
#include <QString>

#include <optional>

/// The layout of the store database (`letterbox.sqlite3`): creating it, recognising it,
/// upgrading older layouts, and rebuilding what is derived from the stored bytes (full-text
/// index, findings). Stateless; every function works on a connection the caller owns, on the
/// caller's thread.
///
/// Version 6 (this one), compared with version 5:
/// - `relay_attempts`: every attempt to relay a message to another server (time, target, the
///   result per recipient as JSON, the client's trace as JSON), deleted with its message;
/// - `relay_queue`: automatic relays waiting for a retry after a temporary failure.
///
/// Version 5, compared with version 4:
/// - `messages_list` also holds `has_attachments` and `finding_count`, so it covers every
///   filter on a small column; the partial indexes `messages_attachments`, `messages_unread`
///   and `messages_read` hold the messages with attachments, the unread and the read ones.
///   They serve search pages and counts without reading rows.
///
/// Version 4, compared with version 3:
/// - `messages.overview`: what a message list shows beyond the other columns (addresses with
///   names, snippet, attachment count) as MessageOverview JSON; NULL for rows stored before,
///   until `letterbox rebuild-index`;
/// - the index `messages_list(id, flags)` and triggers that keep the numbers of live and of
///   unread messages in `store_state` (`live_messages`, `unread_messages`).
///
/// Version 3, compared with version 2:
/// - `messages.trace_first` and `messages.trace_last`: the line indexes of the message's
///   transaction (its MAIL command, the reply to its DATA) in its session's trace;
/// - imported messages have no session (`session_id` NULL): imports are not SMTP sessions.
///
/// Version 2, compared with version 1:
/// - the message bytes moved from `messages.raw` to their own table `message_raw`, so that
///   changing a flag or scanning the message list never reads or rewrites the bytes (SQLite
///   rewrites a whole row on UPDATE, and a row holding 30 MiB of mail is 30 MiB to rewrite);
/// - `messages.has_attachments` and `messages.finding_count`, and a `findings` table;
/// - the index has separate columns for sender, recipients and Cc, for `from:`, `to:`, `cc:`;
/// - indexes on `messages(received)` (date searches, retention by age) and on deleted rows;
/// - `store_state` keeps counters that must survive deletions (the highest session id).
class StoreSchema final
{
public:
    /// PRAGMA user_version of the layout this code writes and reads.
    static constexpr int kVersion = 6;
    /// Readers and the writer wait this long for each other (only a WAL checkpoint or recovery
    /// makes them wait at all) before reporting "database is locked".
    static constexpr int kBusyTimeoutMs = 5000;
    /// After a checkpoint the WAL file is cut back to this size, so one burst of big messages
    /// does not leave a huge file behind.
    static constexpr qint64 kJournalSizeLimit = 64 * 1024 * 1024;
    /// Migration and rebuilds read the message list in steps of this many rows.
    static constexpr int kReindexBatch = 256;

    /// Sets the connection's pragmas, creates the schema in an empty database and upgrades a
    /// version 1, 2, 3, 4 or 5 store in one transaction. Errors: StoreDamaged (the text says to run
    /// `letterbox rebuild-index`), StoreTooNew, MalformedInput (a database of something else),
    /// StoreUnwritable or DatabaseError.
    static Result<void> prepare(SqliteDatabase &db, const QString &path);
    /// Opens the database of an existing store in `directory`: FileNotFound when there is
    /// none, otherwise SQLite's error with the path in the text and the field.
    static Result<std::unique_ptr<SqliteDatabase>> openExisting(const QString &directory,
                                                                SqliteDatabase::OpenMode mode);

    /// True for SQLite's primary result codes that mean a damaged file (SQLITE_CORRUPT,
    /// SQLITE_NOTADB), as opposed to a busy, full or read-only one.
    static bool isCorruption(int errorCode);
    /// "<path> is damaged (<reason>); run `letterbox rebuild-index --store <dir>`".
    static QString damagedMessage(const QString &path, const QString &reason);

    /// Drops and recreates the full-text index and the findings, then analyses every stored
    /// message again. Runs inside the caller's transaction. Returns the number of messages.
    static Result<qint64> rebuildDerivedData(SqliteDatabase &db);

    /// The first MessageAnalysis::kMaxCheckedBytes of stored message `id` in table `table`
    /// (column `raw`), read with incremental blob I/O; `totalSize` gets the full size.
    static Result<QByteArray> readCheckedBytes(SqliteDatabase &db, const char *table, qint64 id,
                                               qint64 *totalSize);

    /// The highest session id ever used, including those of deleted sessions.
    static Result<qint64> lastSessionId(SqliteDatabase &db);

    /// The statements that create an empty store of this version.
    static QByteArray createStatements();
    /// The columns of `messages` that versions 1 and 2 share, comma-separated, `id` first and
    /// `session_id` third.
    static const char *sharedMessageColumns();

private:
    /// Errors: StoreDamaged when SQLite calls the file damaged, DatabaseError otherwise.
    static Result<void> migrateFromVersion1(SqliteDatabase &db);
    /// Errors as migrateFromVersion1().
    static Result<void> migrateFromVersion2(SqliteDatabase &db);
    /// Errors as migrateFromVersion1().
    static Result<void> migrateFromVersion3(SqliteDatabase &db);
    /// Errors as migrateFromVersion1().
    static Result<void> migrateFromVersion4(SqliteDatabase &db);
    /// Errors as migrateFromVersion1().
    static Result<void> migrateFromVersion5(SqliteDatabase &db);
    /// The number of messages analysed.
    static Result<qint64> analyseAll(SqliteDatabase &db);
};
