// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "store/searchquery.h"
#include "store/searchquerynode.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

/// A parsed SearchQuery tree to one SQL statement over the store: the words and phrases
/// become FTS5 MATCH expressions (as large as FTS5 can answer alone), the filters SQL
/// conditions. Every value is a bound parameter; user input never becomes SQL or FTS5 syntax.
/// Pure; one builder per statement.
class SearchSqlBuilder final
{
public:
    /// The statement of SearchQuery::toSql() for the tree `root` (null: every message).
    /// `noneDeleted`: the caller knows that no message is flagged deleted in the state the
    /// statement will read, so it may leave out that test.
    static SearchQuery::Sql build(const SearchQueryNode *root, QByteArrayView columns,
                                  QByteArrayView orderBy, int limit, int offset,
                                  bool noneDeleted = false);
    /// The statement of SearchQuery::countSql() for the tree `root`.
    static SearchQuery::Sql buildCount(const SearchQueryNode *root);
    /// The FTS5 expression that alone selects the matches of `root` (before the test for
    /// deleted messages), when there is one: words, phrases, and AND, OR and NOT of them.
    static std::optional<QString> fullTextExpression(const SearchQueryNode *root);

private:
    using Node = SearchQueryNode;

    /// Appends a bound parameter and returns its placeholder (?N).
    QString parameter(SearchQuery::Value value);
    QString matchSubquery(const QString &fts);
    /// The SQL condition for `node` over the alias m.
    QString condition(const Node &node);
    QString filter(const Node &node);
    QString address(const Node &node);
    /// The exact test of an address filter, without its candidates from the index.
    QString exactAddress(const Node &node);

    static SearchQuery::Sql build(const SearchQueryNode *root, QByteArrayView columns,
                                  QByteArrayView orderBy, int limit, int offset, bool counting,
                                  bool noneDeleted);

    QList<SearchQuery::Value> m_parameters;
};
