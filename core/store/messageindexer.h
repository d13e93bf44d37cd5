// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "mime/messagechecker.h"
#include "store/sqlitedatabase.h"

#include <QString>

#include <memory>

class MessageAnalysis;

/// Writes what MessageAnalysis found about a stored message into the database: its row in the
/// full-text index (messages_fts) and its findings. Holds prepared statements on one
/// connection and runs inside the caller's transaction; used by the store writer at delivery
/// and by migration and index rebuilds. Not thread-safe; lives as long as its connection.
class MessageIndexer final
{
public:
    /// Prepares the statements; an error when they do not prepare (the tables are missing or
    /// damaged).
    static Result<std::unique_ptr<MessageIndexer>> create(SqliteDatabase &db);
    ~MessageIndexer();
    Q_DISABLE_COPY_MOVE(MessageIndexer)

    /// Adds the index row and the findings of message `id`.
    Result<void> insert(qint64 id, const MessageAnalysis &analysis);
    /// The two halves of insert(). The store writer adds the findings with the message and
    /// the index rows of a whole batch at its end: FTS5 writes what it has collected as a new
    /// index segment whenever a savepoint opens, so index rows added between per-message
    /// savepoints would cost a segment (and later merging) per message.
    Result<void> insertFindings(qint64 id, const MessageAnalysis &analysis);
    Result<void> insertIndexRow(qint64 id, const MessageAnalysis &analysis);
    /// Sets messages.has_attachments, messages.finding_count and messages.overview (delivery
    /// writes them with the row; migration and rebuilds fill them in afterwards).
    Result<void> updateFacts(qint64 id, const MessageAnalysis &analysis);
    /// Removes the index row of message `id`. FTS5 tables take no foreign keys, so this is the
    /// one piece of a message that deleting its row does not take along.
    Result<void> removeIndexRow(qint64 id);

    /// Findings are stored with these numbers, independent of the enum's values.
    static qint64 severityToColumn(CheckFinding::Severity severity);
    static CheckFinding::Severity severityFromColumn(qint64 value);

private:
    MessageIndexer() = default;

    SqliteDatabase::Statement m_insertIndex;
    SqliteDatabase::Statement m_insertFinding;
    SqliteDatabase::Statement m_updateFacts;
    SqliteDatabase::Statement m_removeIndex;
};
