// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "store/searchquery.h"
#include "store/sqlitedatabase.h"

#include <QList>
#include <QSet>
#include <QString>

#include <map>
#include <memory>
#include <span>

class StoreReader;

/// A few messages of a store, copied into a private in-memory SQLite database made with the
/// store's own statements (StoreSchema: the same tables, the same full-text index and
/// tokenizer) and the same SQL functions (SearchFunctions), so that a query's statement
/// (SearchQuery::toSql(), as StoreReader::search() runs it) matches a copied message exactly
/// when it matches it in the store: every condition of the statement is a test of one message
/// (its row, its index entry, its findings), and each is copied whole. The cost of a query is
/// then that of the copied messages, not of the store: the wait queue checks each batch of
/// changed messages against hundreds of queries this way.
///
/// Holds at most kMaxMessages messages, or about kMaxBytes of their values (a larger message
/// is held alone), and one prepared statement per query until forget(). Not thread-safe: one
/// thread at a time, like a StoreReader.
class StoreExcerpt final
{
public:
    /// fill() copies at most this many messages...
    static constexpr qsizetype kMaxMessages = 64;
    /// ... or stops once their values (index text included) reach this size.
    static constexpr qint64 kMaxBytes = 4 * 1024 * 1024;

    /// An empty excerpt. Errors: the code SqliteDatabase gives.
    static Result<std::unique_ptr<StoreExcerpt>> create();
    ~StoreExcerpt();
    Q_DISABLE_COPY_MOVE(StoreExcerpt)

    /// Replaces what the excerpt holds with the messages at the front of `ids`, as `store`
    /// holds them now (see StoreReader::copySearchRows()); ids without a message are passed
    /// over. Returns how many ids of the front it took: at least one unless `ids` is empty.
    /// Errors: the code SqliteDatabase gives; the excerpt is then empty.
    Result<qsizetype> fill(const StoreReader &store, std::span<const qint64> ids);
    /// The ids of the held messages that `query` (in the search language, as
    /// StoreReader::search() takes it) matches. Its statement is prepared on first use and
    /// kept. Errors: InvalidValue (the query does not parse), or the code SqliteDatabase gives.
    Result<QSet<qint64>> matching(const QString &query);
    /// Drops the statement kept for `query`.
    void forget(const QString &query);
    /// How many statements are kept.
    qsizetype preparedQueries() const { return qsizetype(m_prepared.size()); }

private:
    struct Prepared
    {
        SqliteDatabase::Statement statement;
        QList<SearchQuery::Value> parameters;
    };

    explicit StoreExcerpt(std::unique_ptr<SqliteDatabase> db);
    Result<void> clear();

    std::unique_ptr<SqliteDatabase> m_db; ///< declared first: the statements go before it
    std::map<QString, Prepared> m_prepared;
};
