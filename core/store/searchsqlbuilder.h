// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "store/searchquery.h"
#include "store/searchquerynode.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

/// A parsed SearchQuery tree to one SQL statement over the store: the words and phrases
/// become FTS5 MATCH expressions (as large as FTS5 can answer alone), the filters SQL
/// conditions. Every value is a bound parameter; user input never becomes SQL or FTS5 syntax.
/// Pure; one builder per statement.
class SearchSqlBuilder final
{
public:
    /// The statement of SearchQuery::toSql() for the tree `root` (null: every message).
    static SearchQuery::Sql build(const SearchQueryNode *root, QByteArrayView columns,
                                  QByteArrayView orderBy, int limit, int offset);
    /// The statement of SearchQuery::countSql() for the tree `root`.
    static SearchQuery::Sql buildCount(const SearchQueryNode *root);

private:
    using Node = SearchQueryNode;

    /// Appends a bound parameter and returns its placeholder (?N).
    QString parameter(SearchQuery::Value value);
    QString matchSubquery(const QString &fts);
    /// The SQL condition for `node` over the alias m.
    QString condition(const Node &node);
    QString filter(const Node &node);
    QString address(const Node &node);

    static SearchQuery::Sql build(const SearchQueryNode *root, QByteArrayView columns,
                                  QByteArrayView orderBy, int limit, int offset, bool counting);

    QList<SearchQuery::Value> m_parameters;
};
