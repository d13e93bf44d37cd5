// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "sqlitedatabase.h"

#include <QFile>

#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>
#include <utility>

static QString sqliteMessage(sqlite3 *db)
{
    return QString::fromUtf8(sqlite3_errmsg(db));
}

// Statement

SqliteDatabase::Statement::Statement(sqlite3_stmt *stmt)
    : m_stmt(stmt)
{}

SqliteDatabase::Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

SqliteDatabase::Statement::Statement(Statement &&other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_error(std::move(other.m_error))
{}

SqliteDatabase::Statement &SqliteDatabase::Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_error = std::move(other.m_error);
    }
    return *this;
}

bool SqliteDatabase::Statement::bindNull(int index)
{
    return sqlite3_bind_null(m_stmt, index) == SQLITE_OK;
}

bool SqliteDatabase::Statement::bindInt64(int index, qint64 value)
{
    return sqlite3_bind_int64(m_stmt, index, value) == SQLITE_OK;
}

bool SqliteDatabase::Statement::bindText(int index, const QString &value)
{
    if (value.isNull())
        return bindNull(index);
    const QByteArray utf8 = value.toUtf8();
    return sqlite3_bind_text64(m_stmt, index, utf8.constData(), quint64(utf8.size()),
                               SQLITE_TRANSIENT, SQLITE_UTF8)
           == SQLITE_OK;
}

bool SqliteDatabase::Statement::bindBlob(int index, const QByteArray &value)
{
    if (value.isNull())
        return bindNull(index);
    return sqlite3_bind_blob64(m_stmt, index, value.constData(), quint64(value.size()),
                               SQLITE_TRANSIENT)
           == SQLITE_OK;
}

bool SqliteDatabase::Statement::bindStaticBlob(int index, QByteArrayView value)
{
    // An empty view may have a null data pointer, which SQLite would store as NULL.
    static const char empty = 0;
    const char *data = value.isEmpty() ? &empty : value.data();
    return sqlite3_bind_blob64(m_stmt, index, data, quint64(value.size()), SQLITE_STATIC)
           == SQLITE_OK;
}

bool SqliteDatabase::Statement::bindZeroBlob(int index, qint64 size)
{
    return sqlite3_bind_zeroblob64(m_stmt, index, quint64(size)) == SQLITE_OK;
}

bool SqliteDatabase::Statement::bindColumnValue(int index, const Statement &row, int column)
{
    return sqlite3_bind_value(m_stmt, index, sqlite3_column_value(row.m_stmt, column)) == SQLITE_OK;
}

SqliteDatabase::Statement::StepResult SqliteDatabase::Statement::step()
{
    switch (sqlite3_step(m_stmt)) {
    case SQLITE_ROW:
        return StepResult::Row;
    case SQLITE_DONE:
        return StepResult::Done;
    default:
        // Kept here because reset() and the next statement overwrite the connection's message.
        m_error = sqliteMessage(sqlite3_db_handle(m_stmt));
        return StepResult::Error;
    }
}

Result<void> SqliteDatabase::Statement::execute()
{
    if (step() == StepResult::Error) {
        Error error = lastError();
        reset();
        return error;
    }
    reset();
    return {};
}

void SqliteDatabase::Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool SqliteDatabase::Statement::columnIsNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 SqliteDatabase::Statement::columnInt64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

QString SqliteDatabase::Statement::columnText(int column) const
{
    const auto *text = sqlite3_column_text(m_stmt, column);
    if (!text)
        return {};
    const int size = sqlite3_column_bytes(m_stmt, column);
    return QString::fromUtf8(reinterpret_cast<const char *>(text), size);
}

QByteArray SqliteDatabase::Statement::columnBlob(int column) const
{
    const void *data = sqlite3_column_blob(m_stmt, column);
    const int size = sqlite3_column_bytes(m_stmt, column);
    if (!data || size <= 0)
        return sqlite3_column_type(m_stmt, column) == SQLITE_NULL ? QByteArray() : QByteArray("");
    return QByteArray(static_cast<const char *>(data), size);
}

qint64 SqliteDatabase::Statement::columnBytes(int column) const
{
    switch (sqlite3_column_type(m_stmt, column)) {
    case SQLITE_TEXT:
    case SQLITE_BLOB:
        return sqlite3_column_bytes(m_stmt, column);
    default:
        return 0;
    }
}

Error SqliteDatabase::Statement::lastError() const
{
    const int code = m_stmt ? sqlite3_errcode(sqlite3_db_handle(m_stmt)) & 0xff : SQLITE_MISUSE;
    QString message = m_error;
    if (message.isEmpty())
        message =
            m_stmt ? sqliteMessage(sqlite3_db_handle(m_stmt)) : QStringLiteral("no statement");
    return Error(SqliteDatabase::errorCodeFor(code), message);
}

// ReadSnapshot

SqliteDatabase::ReadSnapshot::ReadSnapshot(SqliteDatabase &db)
    : m_db(db)
{
    m_active = !m_db.inTransaction() && m_db.exec("BEGIN DEFERRED").ok();
}

SqliteDatabase::ReadSnapshot::~ReadSnapshot()
{
    // Nothing was written: COMMIT only ends the read transaction.
    if (m_active && m_db.inTransaction())
        (void)m_db.exec("COMMIT");
}

// Transaction

SqliteDatabase::Transaction::Transaction(SqliteDatabase &db)
    : m_db(db)
{
    Result<void> begun = m_db.exec("BEGIN IMMEDIATE");
    m_active = begun.ok();
    if (!begun)
        m_error = std::move(begun).error();
}

SqliteDatabase::Transaction::~Transaction()
{
    rollback();
}

Result<void> SqliteDatabase::Transaction::commit()
{
    if (!m_active) {
        if (m_error.message.isEmpty())
            m_error = Error(ErrorCode::Internal, QStringLiteral("no transaction to commit"));
        return m_error;
    }
    if (Result<void> committed = m_db.exec("COMMIT"); !committed) {
        m_error = std::move(committed).error();
        rollback();
        return m_error;
    }
    m_active = false;
    return {};
}

void SqliteDatabase::Transaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    // After an I/O error SQLite may already have rolled back on its own; a second ROLLBACK
    // would only fail with "no transaction is active".
    if (m_db.inTransaction())
        (void)m_db.exec("ROLLBACK");
}

// Blob

SqliteDatabase::Blob::Blob(SqliteDatabase &db, const char *table, const char *column, qint64 rowId,
                           bool writable)
    : m_db(db)
{
    if (sqlite3_blob_open(m_db.handle(), "main", table, column, rowId, writable ? 1 : 0, &m_blob)
        != SQLITE_OK) {
        m_error = m_db.lastError();
        sqlite3_blob_close(m_blob);
        m_blob = nullptr;
    }
}

SqliteDatabase::Blob::~Blob()
{
    sqlite3_blob_close(m_blob);
}

qint64 SqliteDatabase::Blob::size() const
{
    return m_blob ? sqlite3_blob_bytes(m_blob) : 0;
}

Result<void> SqliteDatabase::Blob::read(qint64 offset, char *buffer, qsizetype length)
{
    if (!m_blob)
        return m_error;
    if (sqlite3_blob_read(m_blob, buffer, int(length), int(offset)) != SQLITE_OK)
        return m_db.lastError();
    return {};
}

Result<void> SqliteDatabase::Blob::write(qint64 offset, QByteArrayView bytes)
{
    if (!m_blob)
        return m_error;
    if (sqlite3_blob_write(m_blob, bytes.data(), int(bytes.size()), int(offset)) != SQLITE_OK)
        return m_db.lastError();
    return {};
}

// SqliteDatabase

SqliteDatabase::SqliteDatabase(sqlite3 *db)
    : m_db(db)
{}

SqliteDatabase::~SqliteDatabase()
{
    // Every Statement and Blob is gone by now; close_v2 would otherwise linger as a zombie.
    sqlite3_close_v2(m_db);
}

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const QString &path, OpenMode mode)
{
    const int flags = mode == OpenMode::ReadOnly ? SQLITE_OPEN_READONLY
                                                 : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (mode == OpenMode::ReadWriteCreate) {
        // SQLite would create the file with 0644 less the umask; a database of mail is created
        // 0600 here first, and SQLite gives its -wal and -shm files the same mode. An empty file
        // is an empty database to SQLite. O_EXCL: an existing file (or symlink) is left alone.
        const int fd = ::open(QFile::encodeName(path).constData(),
                              O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0)
            ::close(fd);
    }
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &db,
                                   flags | SQLITE_OPEN_EXRESCODE, nullptr);
    if (rc != SQLITE_OK) {
        Error error(errorCodeFor(rc & 0xff),
                    db ? sqliteMessage(db) : QString::fromUtf8(sqlite3_errstr(rc)), path);
        sqlite3_close_v2(db);
        return error;
    }
    return std::unique_ptr<SqliteDatabase>(new SqliteDatabase(db));
}

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::openInMemory()
{
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(
        ":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE,
        nullptr);
    if (rc != SQLITE_OK) {
        Error error(errorCodeFor(rc & 0xff),
                    db ? sqliteMessage(db) : QString::fromUtf8(sqlite3_errstr(rc)));
        sqlite3_close_v2(db);
        return error;
    }
    return std::unique_ptr<SqliteDatabase>(new SqliteDatabase(db));
}

QString SqliteDatabase::fileName() const
{
    return QFile::decodeName(sqlite3_db_filename(m_db, "main"));
}

Result<void> SqliteDatabase::exec(const char *sql)
{
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        return lastError();
    return {};
}

SqliteDatabase::Statement SqliteDatabase::prepare(const char *sql)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return Statement();
    }
    return Statement(stmt);
}

Result<qint64> SqliteDatabase::queryInt64(const char *sql)
{
    Statement statement = prepare(sql);
    if (!statement.isValid())
        return lastError();
    switch (statement.step()) {
    case Statement::StepResult::Row:
        return statement.columnInt64(0);
    case Statement::StepResult::Done:
        return qint64(0);
    case Statement::StepResult::Error:
        break;
    }
    return lastError();
}

Result<QString> SqliteDatabase::queryText(const char *sql)
{
    Statement statement = prepare(sql);
    if (!statement.isValid())
        return lastError();
    switch (statement.step()) {
    case Statement::StepResult::Row:
        return statement.columnText(0);
    case Statement::StepResult::Done:
        return QString();
    case Statement::StepResult::Error:
        break;
    }
    return lastError();
}

qint64 SqliteDatabase::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

qint64 SqliteDatabase::changes() const
{
    return sqlite3_changes64(m_db);
}

bool SqliteDatabase::inTransaction() const
{
    return sqlite3_get_autocommit(m_db) == 0;
}

int SqliteDatabase::errorCode() const
{
    // Extended codes are on (SQLITE_OPEN_EXRESCODE); callers compare primary codes.
    return sqlite3_errcode(m_db) & 0xff;
}

Error SqliteDatabase::lastError() const
{
    return Error(errorCodeFor(errorCode()), sqliteMessage(m_db));
}

ErrorCode SqliteDatabase::errorCodeFor(int sqliteCode)
{
    if (isCorruption(sqliteCode))
        return ErrorCode::StoreDamaged;
    switch (sqliteCode) {
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
        return ErrorCode::StoreUnwritable;
    default:
        return ErrorCode::DatabaseError;
    }
}

bool SqliteDatabase::isCorruption(int sqliteCode)
{
    return sqliteCode == SQLITE_CORRUPT || sqliteCode == SQLITE_NOTADB;
}
