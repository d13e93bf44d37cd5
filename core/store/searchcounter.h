// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "store/searchquery.h"

#include <QString>

class SqliteDatabase;

/// How many messages, and how many unread, match a search: from the counters the store keeps
/// when the query asks only for a read state, from the full-text index's rowids and the
/// partial indexes on flags for a text search, else by one counting statement. The messages
/// API's totals and the inbox's "N of M" come from here. Reads only; the caller's thread.
class SearchCounter final
{
public:
    struct Counts
    {
        qint64 messages = 0; ///< not flagged deleted, as StoreReader::messageCount()
        qint64 unread = 0;   ///< of those, the ones not read
    };

    explicit SearchCounter(SqliteDatabase &db);

    /// Both counts of the whole store, from the counters its triggers keep (no scan).
    Counts storeCounts() const;
    /// The counts for the messages matching `query` (as StoreReader::search() takes it).
    /// Errors as StoreReader::search().
    Result<Counts> count(const QString &query) const;

private:
    /// countFullText() probes the full-text index for each message flagged deleted and each of
    /// the smaller read state up to this many, and walks all matches beyond. A probe (MATCH
    /// and rowid = ?) of a word in most of 100,000 messages takes about 0.3 ms, as long as
    /// walking 2,500 of its matches; walking all of them, 12-20 ms.
    static constexpr qsizetype kMaxCountProbes = 8;
    /// Joining a match to its flags (SearchQuery::countSql()) costs about as much as reading
    /// this many exceptions from a partial index (1 us against 0.2 us a row): countFullText()
    /// joins when the matches are fewer than the exceptions by this factor.
    static constexpr qsizetype kJoinCostPerMatch = 5;

    /// The counts for the FTS5 expression `fts` (SearchQuery::fullTextExpression()), from the
    /// index's rowids and the partial indexes on flags. Errors as StoreReader::search().
    Result<Counts> countFullText(const QString &fts, const SearchQuery::Sql &joined) const;

    SqliteDatabase &m_db;
};
