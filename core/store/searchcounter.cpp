// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "searchcounter.h"

#include "store/searchsql.h"
#include "store/sqlitedatabase.h"
#include "store/storelayout.h"

#include <algorithm>
#include <limits>

namespace {

// Runs a counting statement (SearchQuery::countSql()): one row of (messages, unread).
Result<SearchCounter::Counts> countRows(SqliteDatabase &db, const SearchQuery::Sql &sql)
{
    SearchCounter::Counts counts;
    if (Result<void> ran = runSearchSql(db, sql,
                                        [&counts](const SqliteDatabase::Statement &row) {
                                            counts.messages = row.columnInt64(0);
                                            counts.unread = row.columnInt64(1);
                                        });
        !ran)
        return std::move(ran).error();
    return counts;
}

} // namespace

SearchCounter::SearchCounter(SqliteDatabase &db)
    : m_db(db)
{}

SearchCounter::Counts SearchCounter::storeCounts() const
{
    Counts counts;
    // Kept up to date by the store's triggers (StoreSchema, version 4).
    auto statement = m_db.prepare(
        "SELECT coalesce((SELECT value FROM store_state WHERE key = 'live_messages'), 0),"
        " coalesce((SELECT value FROM store_state WHERE key = 'unread_messages'), 0)");
    if (statement.isValid() && statement.step() == SqliteDatabase::Statement::StepResult::Row) {
        counts.messages = statement.columnInt64(0);
        counts.unread = statement.columnInt64(1);
    }
    return counts;
}

Result<SearchCounter::Counts> SearchCounter::count(const QString &query) const
{
    const Result<SearchQuery> parsed = SearchQuery::parse(query);
    if (!parsed)
        return parsed.error();
    // is:unread and the like: the counters the store keeps, no scan (counting 100,000 unread
    // messages over the index took 55-90 ms, bench/apibench).
    if (const std::optional<SearchQuery::ReadStates> states = parsed->readStates()) {
        const Counts all = storeCounts();
        Counts counts;
        counts.messages =
            (states->read ? all.messages - all.unread : 0) + (states->unread ? all.unread : 0);
        counts.unread = states->unread ? all.unread : 0;
        return counts;
    }
    if (const std::optional<QString> fullText = parsed->fullTextExpression())
        return countFullText(*fullText, parsed->countSql());
    return countRows(m_db, parsed->countSql());
}

// Counts matches from the index's own rowids: every message has exactly one row in
// messages_fts, with its id as rowid (StoreWriter adds it in the transaction that stores the
// message, StoreMaintenance removes it in the one that purges it, rebuild-index makes one for
// every message). So the matches are the rowids less the messages flagged deleted, and of
// those the unread are the ones in messages_unread, or all but those in messages_read,
// whichever partial index is smaller: only those exceptions are looked at. For a word in 96%
// of 100,000 messages, FTS5 counts the rowids in 10-15 ms where joining each match's flags
// took 100-190 ms (bench/apibench). When the matches are far fewer than the exceptions, the
// join (`joined`, SearchQuery::countSql()) is cheaper and counts instead.
Result<SearchCounter::Counts> SearchCounter::countFullText(const QString &fts,
                                                           const SearchQuery::Sql &joined) const
{
    SqliteDatabase::ReadSnapshot snapshot(m_db);
    const Counts all = storeCounts();
    const bool unreadFewer = all.unread <= all.messages - all.unread;
    const qint64 fewerCount = unreadFewer ? all.unread : all.messages - all.unread;
    struct Flagged
    {
        qint64 id;
        qint64 flags;
    };
    // The messages of a partial index on messages(id, flags), restricted by `where`, with ids
    // from `first` to `last`.
    const auto flagged = [this](const char *index, const QByteArray &where, qint64 first,
                                qint64 last) -> Result<QList<Flagged>> {
        QList<Flagged> rows;
        const QByteArray sql = QByteArray("SELECT id, flags FROM messages INDEXED BY ") + index
                               + " WHERE " + where + " AND id BETWEEN ?1 AND ?2";
        if (Result<void> ran =
                runSearchSql(m_db, SearchQuery::Sql{sql, {first, last}},
                             [&rows](const SqliteDatabase::Statement &row) {
                                 rows.append(Flagged{row.columnInt64(0), row.columnInt64(1)});
                             });
            !ran)
            return std::move(ran).error();
        return rows;
    };
    const auto fewer = [&](qint64 first, qint64 last) {
        return unreadFewer ? flagged("messages_unread", StoreLayout::unreadSql(), first, last)
                           : flagged("messages_read", StoreLayout::readSql(), first, last);
    };
    constexpr qint64 kAll = std::numeric_limits<qint64>::max();
    Result<QList<Flagged>> deleted =
        flagged("messages_deleted", StoreLayout::deletedSql(), 0, kAll);
    if (!deleted)
        return deleted.error();

    // Whether message `id` matches: a probe of the index each when the exceptions are few
    // (the usual store: nothing waiting for the purge, nearly all read or nearly all unread),
    // else one walk of the matches' rowids and a binary search in them.
    qint64 matches = 0;
    QList<qint64> ids;
    const bool probing = deleted->size() + fewerCount <= kMaxCountProbes;
    Result<QList<Flagged>> exceptions = QList<Flagged>();
    if (probing) {
        if (Result<void> ran = runSearchSql(
                m_db,
                SearchQuery::Sql{"SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?1",
                                 {fts}},
                [&matches](const SqliteDatabase::Statement &row) { matches = row.columnInt64(0); });
            !ran)
            return std::move(ran).error();
        exceptions = fewer(0, kAll);
    } else {
        if (Result<void> ran = runSearchSql(
                m_db,
                SearchQuery::Sql{"SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?1"
                                 " ORDER BY rowid",
                                 {fts}},
                [&ids](const SqliteDatabase::Statement &row) { ids.append(row.columnInt64(0)); });
            !ran)
            return std::move(ran).error();
        if (ids.isEmpty())
            return Counts{};
        if (ids.size() * kJoinCostPerMatch < deleted->size() + fewerCount)
            return countRows(m_db, joined);
        matches = ids.size();
        exceptions = fewer(ids.front(), ids.back());
    }
    if (!exceptions)
        return exceptions.error();
    const auto matching = [&](qint64 id) -> Result<bool> {
        if (!probing)
            return std::binary_search(ids.cbegin(), ids.cend(), id);
        bool found = false;
        if (Result<void> ran = runSearchSql(
                m_db,
                SearchQuery::Sql{"SELECT 1 FROM messages_fts WHERE messages_fts MATCH ?1"
                                 " AND rowid = ?2",
                                 {fts, id}},
                [&found](const SqliteDatabase::Statement &) { found = true; });
            !ran)
            return std::move(ran).error();
        return found;
    };
    // How many of `rows` match (the live ones only, if `liveOnly`).
    const auto countMatching = [&](const QList<Flagged> &rows, bool liveOnly) -> Result<qint64> {
        qint64 count = 0;
        for (const Flagged &row : rows) {
            if (liveOnly && (row.flags & StoreLayout::Deleted) != 0)
                continue;
            const Result<bool> match = matching(row.id);
            if (!match)
                return match.error();
            count += *match ? 1 : 0;
        }
        return count;
    };
    const Result<qint64> deletedMatches = countMatching(*deleted, false);
    if (!deletedMatches)
        return deletedMatches.error();
    const Result<qint64> fewerMatches = countMatching(*exceptions, true);
    if (!fewerMatches)
        return fewerMatches.error();
    Counts counts;
    counts.messages = matches - *deletedMatches;
    counts.unread = unreadFewer ? *fewerMatches : counts.messages - *fewerMatches;
    return counts;
}
