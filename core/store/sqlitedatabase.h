// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/error.h"
#include "common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;
struct sqlite3_blob;

/// One SQLite connection (the C API, without QtSql: we need incremental blob I/O and no copy
/// per value). A connection may be handed from one thread to another, but is used by one thread
/// at a time: the store writer owns one, every StoreReader owns its own. Errors are values:
/// calls return a Result, or false or an invalid object and lastError() says why, with a code.
class SqliteDatabase final
{
public:
    enum class OpenMode { ReadWriteCreate, ReadOnly };

    /// A prepared statement. Owned by the caller; must not outlive its SqliteDatabase.
    /// Parameter and column indexes follow SQLite: parameters from 1, columns from 0.
    class Statement final
    {
    public:
        enum class StepResult { Row, Done, Error };

        Statement() = default;
        ~Statement();
        Statement(Statement &&other) noexcept;
        Statement &operator=(Statement &&other) noexcept;
        Q_DISABLE_COPY(Statement)

        bool isValid() const { return m_stmt != nullptr; }

        bool bindNull(int index);
        bool bindInt64(int index, qint64 value);
        /// Binds UTF-8 text (copied). A null QString binds SQL NULL.
        bool bindText(int index, const QString &value);
        /// Copies the bytes. A null QByteArray binds SQL NULL.
        bool bindBlob(int index, const QByteArray &value);
        /// Binds without copying: `value` must stay valid until the next step()/reset().
        bool bindStaticBlob(int index, QByteArrayView value);
        bool bindZeroBlob(int index, qint64 size);
        /// Binds the value of `column` of `row`'s current row as it is (type included). For
        /// copying rows between databases (salvage) without knowing their types.
        bool bindColumnValue(int index, const Statement &row, int column);

        StepResult step();
        /// Runs a statement that returns no rows, then resets it (also on error, keeping the
        /// message for lastError()).
        Result<void> execute();
        /// Makes the statement ready to run again and clears its bindings.
        void reset();

        bool columnIsNull(int column) const;
        qint64 columnInt64(int column) const;
        QString columnText(int column) const;
        QByteArray columnBlob(int column) const;
        /// The size in bytes of the value of `column` as stored (text or blob; 0 for NULL),
        /// without copying it.
        qint64 columnBytes(int column) const;

        /// Why the last step() failed, else the connection's last error, with the code
        /// SqliteDatabase::lastError() gives.
        Error lastError() const;

    private:
        friend class SqliteDatabase;
        explicit Statement(sqlite3_stmt *stmt);

        sqlite3_stmt *m_stmt = nullptr;
        QString m_error;
    };

    /// BEGIN IMMEDIATE on construction (check isActive()), ROLLBACK in the destructor unless
    /// commit() succeeded. IMMEDIATE takes the write lock up front, so a batch never fails
    /// half-way with SQLITE_BUSY when upgrading from a read lock.
    class Transaction final
    {
    public:
        explicit Transaction(SqliteDatabase &db);
        ~Transaction();
        Q_DISABLE_COPY_MOVE(Transaction)

        bool isActive() const { return m_active; }
        /// Why BEGIN or the last commit() failed.
        Error lastError() const { return m_error; }
        Result<void> commit();
        void rollback();

    private:
        SqliteDatabase &m_db;
        bool m_active = false;
        Error m_error;
    };

    /// One read transaction (BEGIN DEFERRED) from construction to destruction, so that several
    /// statements see the same committed state (WAL: a writer commits meanwhile without
    /// waiting). Does nothing inside a transaction already open on the connection, or when
    /// BEGIN fails: the statements then each see their own state, as without it.
    class ReadSnapshot final
    {
    public:
        explicit ReadSnapshot(SqliteDatabase &db);
        ~ReadSnapshot();
        Q_DISABLE_COPY_MOVE(ReadSnapshot)

    private:
        SqliteDatabase &m_db;
        bool m_active = false;
    };

    /// An open incremental-I/O handle on one blob (sqlite3_blob_open), closed in the destructor.
    /// It reads or writes the value in place, so a 30 MiB message never sits in memory.
    class Blob final
    {
    public:
        Blob(SqliteDatabase &db, const char *table, const char *column, qint64 rowId,
             bool writable);
        ~Blob();
        Q_DISABLE_COPY_MOVE(Blob)

        bool isValid() const { return m_blob != nullptr; }
        /// Why opening failed (when !isValid()).
        Error lastError() const { return m_error; }
        qint64 size() const;
        Result<void> read(qint64 offset, char *buffer, qsizetype length);
        Result<void> write(qint64 offset, QByteArrayView bytes);

    private:
        SqliteDatabase &m_db;
        sqlite3_blob *m_blob = nullptr;
        Error m_error;
    };

    /// Opens (or creates) the database at `path`. The error carries SQLite's one-line reason,
    /// the code lastError() would give and `path` as its field.
    static Result<std::unique_ptr<SqliteDatabase>> open(const QString &path, OpenMode mode);
    /// Opens a new, empty, private database that lives in memory and goes with the connection.
    static Result<std::unique_ptr<SqliteDatabase>> openInMemory();
    ~SqliteDatabase();
    Q_DISABLE_COPY_MOVE(SqliteDatabase)

    sqlite3 *handle() const { return m_db; }
    /// The path of the database file.
    QString fileName() const;

    /// Runs one or more statements that return nothing interesting.
    Result<void> exec(const char *sql);
    /// Prepares a statement; an invalid Statement on error (see lastError()).
    Statement prepare(const char *sql);
    /// Runs a query whose first row's first column is an integer (PRAGMA user_version, ...):
    /// that value, 0 when there is no row, or lastError().
    Result<qint64> queryInt64(const char *sql);
    /// Same for text (PRAGMA journal_mode, ...); empty when there is no row.
    Result<QString> queryText(const char *sql);

    qint64 lastInsertRowId() const;
    /// Rows changed by the last INSERT, UPDATE or DELETE (sqlite3_changes64).
    qint64 changes() const;
    /// True while a transaction is open. SQLite rolls a transaction back by itself after some
    /// errors (disk full, I/O error), which this tells apart from a failed statement.
    bool inTransaction() const;
    /// The connection's primary result code (SQLITE_NOTADB, ...).
    int errorCode() const;
    /// The last error as a value, with SQLite's message: StoreDamaged when SQLite calls the file
    /// damaged (see isCorruption()), StoreUnwritable when it cannot be written, DatabaseError
    /// otherwise.
    Error lastError() const;
    /// The code for an SQLite primary result code, as lastError() picks it.
    static ErrorCode errorCodeFor(int sqliteCode);
    /// True for the primary result codes that mean a damaged file (SQLITE_CORRUPT,
    /// SQLITE_NOTADB), as opposed to a busy, full or read-only one.
    static bool isCorruption(int sqliteCode);

private:
    explicit SqliteDatabase(sqlite3 *db);

    sqlite3 *m_db;
};
