// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "storeexcerpt.h"

#include "store/searchfunctions.h"
#include "store/storereader.h"
#include "store/storeschema.h"

#include <QScopeGuard>

StoreExcerpt::StoreExcerpt(std::unique_ptr<SqliteDatabase> db)
    : m_db(std::move(db))
{}

StoreExcerpt::~StoreExcerpt()
{
    // Every statement must be finalized before its connection closes.
    m_statements.clear();
}

Result<std::unique_ptr<StoreExcerpt>> StoreExcerpt::create()
{
    Result<std::unique_ptr<SqliteDatabase>> opened = SqliteDatabase::openInMemory();
    if (!opened)
        return std::move(opened).error();
    std::unique_ptr<SqliteDatabase> db = std::move(*opened);
    // The store's own statements, triggers included: what a search reads is laid out as in
    // the store. Nothing here is durable, so nothing is synced.
    if (Result<void> created = db->exec(StoreSchema::createStatements().constData()); !created)
        return std::move(created).error();
    if (Result<void> installed = SearchFunctions::install(*db); !installed)
        return std::move(installed).error();
    return std::unique_ptr<StoreExcerpt>(new StoreExcerpt(std::move(db)));
}

Result<void> StoreExcerpt::clear()
{
    // FTS5 deletes by adding segments of tombstones, which every MATCH then reads until a
    // merge: over a few hundred fills each query grew from 15 to 120 us (500 queries per
    // fill, bench/apiwait). 'optimize' merges what is left, nothing, into an empty index.
    return m_db->exec("DELETE FROM messages; DELETE FROM messages_fts; DELETE FROM findings;"
                      " INSERT INTO messages_fts(messages_fts) VALUES('optimize');");
}

Result<qsizetype> StoreExcerpt::fill(const StoreReader &store, std::span<const qint64> ids)
{
    SqliteDatabase::Transaction transaction(*m_db);
    if (!transaction.isActive())
        return transaction.lastError();
    if (Result<void> cleared = clear(); !cleared)
        return std::move(cleared).error();
    const Result<qsizetype> taken = store.copySearchRows(ids, kMaxMessages, kMaxBytes, *m_db);
    if (!taken) {
        transaction.rollback();
        (void)clear();
        return taken;
    }
    if (Result<void> committed = transaction.commit(); !committed) {
        (void)clear();
        return std::move(committed).error();
    }
    return taken;
}

Result<QSet<qint64>> StoreExcerpt::matching(const QString &query, Keep keep)
{
    auto known = m_queries.find(query);
    const bool once = known == m_queries.end() && keep == Keep::Nothing;
    const auto forgetOnce = qScopeGuard([&] {
        if (once)
            forget(query);
    });
    if (known == m_queries.end()) {
        // Parsed as StoreReader::search() parses it, into the statement it runs (the order
        // aside, which does not change what matches).
        const Result<SearchQuery> parsed = SearchQuery::parse(query);
        if (!parsed)
            return parsed.error();
        SearchQuery::Sql sql = parsed->toSql("m.id", -1, 0);
        auto shared = m_statements.find(sql.text);
        if (shared == m_statements.end()) {
            SqliteDatabase::Statement statement = m_db->prepare(sql.text.constData());
            if (!statement.isValid())
                return m_db->lastError();
            shared = m_statements.emplace(sql.text, Statement{std::move(statement), 0}).first;
        }
        ++shared->second.users;
        known = m_queries.emplace(query, Query{sql.text, std::move(sql.parameters)}).first;
    }
    SqliteDatabase::Statement &statement = m_statements.at(known->second.sql).statement;
    const QList<SearchQuery::Value> &parameters = known->second.parameters;
    for (qsizetype i = 0; i < parameters.size(); ++i) {
        const int index = int(i + 1);
        if (const auto *number = std::get_if<qint64>(&parameters[i]))
            statement.bindInt64(index, *number);
        else
            statement.bindText(index, std::get<QString>(parameters[i]));
    }
    QSet<qint64> ids;
    SqliteDatabase::Statement::StepResult step;
    while ((step = statement.step()) == SqliteDatabase::Statement::StepResult::Row)
        ids.insert(statement.columnInt64(0));
    if (step == SqliteDatabase::Statement::StepResult::Error) {
        Error error = statement.lastError();
        statement.reset();
        return error;
    }
    statement.reset();
    return ids;
}

void StoreExcerpt::forget(const QString &query)
{
    const auto known = m_queries.find(query);
    if (known == m_queries.end())
        return;
    const auto shared = m_statements.find(known->second.sql);
    if (shared != m_statements.end() && --shared->second.users == 0)
        m_statements.erase(shared);
    m_queries.erase(known);
}
