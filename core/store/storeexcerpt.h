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
/// Holds at most kMaxMessages messages, or about kMaxBytes of their values, and a prepared
/// statement for each distinct statement text of the queries it was asked, until forget().
/// Not thread-safe: one thread at a time, like a StoreReader.
class StoreExcerpt final
{
public:
    /// fill() copies at most this many messages at once. A query over a few hundred messages
    /// costs about what it costs over one (its index lookups dominate), so a big batch takes
    /// few passes.
    static constexpr qsizetype kMaxMessages = 256;
    /// fill() also stops once the copied values (index text included) reach this size. The
    /// index holds at most MessageAnalysis::kMaxIndexedBodyBytes of a body, so an excerpt
    /// holds this much plus one message's header fields and indexed body at most.
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
    /// kept as `keep` says. Errors: InvalidValue (the query does not parse), or the code
    /// SqliteDatabase gives. Whether matching() keeps what it made for a query it had not seen.
    enum class Keep {
        Statement, ///< until forget(): the query is asked again for the next batches
        Nothing,   ///< a query asked once
    };
    Result<QSet<qint64>> matching(const QString &query, Keep keep = Keep::Statement);
    /// Empties the excerpt (its statements stay). Errors: the code SqliteDatabase gives.
    Result<void> clear();
    /// Drops the statement kept for `query`.
    void forget(const QString &query);
    /// How many queries have a statement kept, and how many distinct statements those are.
    qsizetype preparedQueries() const { return qsizetype(m_queries.size()); }
    qsizetype preparedStatements() const { return qsizetype(m_statements.size()); }

private:
    /// One statement text, shared by every query that gives it (queries of one shape, such as
    /// `subject:a` and `subject:b`, differ only in their parameters): preparing takes longer
    /// than running it over a batch.
    struct Statement
    {
        SqliteDatabase::Statement statement;
        int users = 0;
    };
    struct Query
    {
        QByteArray sql; ///< the key of its Statement
        QList<SearchQuery::Value> parameters;
    };

    explicit StoreExcerpt(std::unique_ptr<SqliteDatabase> db);

    std::unique_ptr<SqliteDatabase> m_db; ///< declared first: the statements go before it
    std::map<QByteArray, Statement> m_statements;
    std::map<QString, Query> m_queries;
};
