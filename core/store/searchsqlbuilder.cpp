// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "searchsqlbuilder.h"

#include "store/searchfunctions.h"
#include "store/storelayout.h"

#include <QStringList>

#include <optional>
#include <vector>

namespace {

using Node = SearchQueryNode;

// FTS5 column filters (sqlite.org/fts5.html, 3.6): `to:` covers the To and Cc columns.
QLatin1StringView columnFilter(Node::Field field)
{
    switch (field) {
    case Node::Field::Any:
        return {};
    case Node::Field::From:
        return QLatin1StringView("sender : ");
    case Node::Field::To:
        return QLatin1StringView("{recipients cc} : ");
    case Node::Field::Cc:
        return QLatin1StringView("cc : ");
    case Node::Field::Subject:
        return QLatin1StringView("subject : ");
    case Node::Field::Body:
        return QLatin1StringView("body : ");
    }
    return {};
}

std::optional<QString> ftsExpression(const Node &node);

// An AND, split into what the full-text index can answer (`positive` terms, and `negative`
// ones to exclude) and the `rest` that needs SQL.
struct AndSplit
{
    QStringList positive;
    QStringList negative;
    std::vector<const Node *> rest;

    // One FTS5 expression: the positive terms minus the negative ones (FTS5's NOT is binary).
    QString ftsExpression() const
    {
        QString expression = u'(' + positive.join(QLatin1StringView(" AND ")) + u')';
        for (const QString &excluded : negative)
            expression = u'(' + expression + QLatin1StringView(" NOT ") + excluded + u')';
        return expression;
    }
};

AndSplit splitAnd(const Node &node)
{
    AndSplit split;
    for (const Node &child : node.children) {
        const bool negated = child.kind == Node::Kind::Not;
        if (const std::optional<QString> part =
                ftsExpression(negated ? child.children.front() : child)) {
            (negated ? split.negative : split.positive).append(u'(' + *part + u')');
            continue;
        }
        split.rest.push_back(&child);
    }
    return split;
}

// The FTS5 expression for `node` when the full-text index alone can answer it: words and
// phrases, and AND/OR of them (a NOT inside an AND becomes FTS5's binary NOT). nullopt when a
// filter or a lone negation is involved.
std::optional<QString> ftsExpression(const Node &node)
{
    switch (node.kind) {
    case Node::Kind::Text:
        return columnFilter(node.field) + Node::ftsString(node.text)
               + (node.prefix ? QStringLiteral("*") : QString());
    case Node::Kind::Or: {
        QStringList parts;
        for (const Node &child : node.children) {
            const std::optional<QString> part = ftsExpression(child);
            if (!part)
                return std::nullopt;
            parts.append(u'(' + *part + u')');
        }
        return parts.join(QLatin1StringView(" OR "));
    }
    case Node::Kind::And: {
        const AndSplit split = splitAnd(node);
        if (!split.rest.empty() || split.positive.isEmpty())
            return std::nullopt; // FTS5 has no "everything but"
        return split.ftsExpression();
    }
    case Node::Kind::Not:
    case Node::Kind::Filter:
        break;
    }
    return std::nullopt;
}

} // namespace

QString SearchSqlBuilder::parameter(SearchQuery::Value value)
{
    m_parameters.append(std::move(value));
    return u'?' + QString::number(m_parameters.size());
}

QString SearchSqlBuilder::matchSubquery(const QString &fts)
{
    return QStringLiteral("m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ")
           + parameter(fts) + u')';
}

QString SearchSqlBuilder::condition(const Node &node)
{
    if (const std::optional<QString> fts = ftsExpression(node))
        return matchSubquery(*fts);
    switch (node.kind) {
    case Node::Kind::Text: // handled by ftsExpression()
        break;
    case Node::Kind::Or: {
        QStringList parts;
        for (const Node &child : node.children)
            parts.append(condition(child));
        return u'(' + parts.join(QLatin1StringView(" OR ")) + u')';
    }
    case Node::Kind::And: {
        const AndSplit split = splitAnd(node);
        QStringList parts;
        if (!split.positive.isEmpty())
            parts.append(matchSubquery(split.ftsExpression()));
        else if (!split.negative.isEmpty())
            parts.append(QStringLiteral("NOT ")
                         + matchSubquery(split.negative.join(QLatin1StringView(" OR "))));
        for (const Node *child : split.rest)
            parts.append(condition(*child));
        return u'(' + parts.join(QLatin1StringView(" AND ")) + u')';
    }
    case Node::Kind::Not:
        return QStringLiteral("NOT ") + condition(node.children.front());
    case Node::Kind::Filter:
        return filter(node);
    }
    return QStringLiteral("0");
}

QString SearchSqlBuilder::filter(const Node &node)
{
    switch (node.filter) {
    case Node::Filter::HasAttachment:
        return QStringLiteral("m.has_attachments <> 0");
    case Node::Filter::HasFindings:
        return QStringLiteral("m.finding_count > 0");
    case Node::Filter::Read:
        return QString::fromLatin1(StoreLayout::readSql("m"));
    case Node::Filter::Unread:
        return QString::fromLatin1(StoreLayout::unreadSql("m"));
    case Node::Filter::ReceivedBefore:
        return QStringLiteral("m.received < ") + parameter(node.number);
    case Node::Filter::ReceivedFrom:
        return QStringLiteral("m.received >= ") + parameter(node.number);
    case Node::Filter::Larger:
        return QStringLiteral("m.size > ") + parameter(node.number);
    case Node::Filter::Smaller:
        return QStringLiteral("m.size < ") + parameter(node.number);
    case Node::Filter::Id:
        return QStringLiteral("m.id = ") + parameter(node.number);
    case Node::Filter::FindingCode:
        return QStringLiteral("m.id IN (SELECT message_id FROM findings WHERE code = ")
               + parameter(node.text) + u')';
    case Node::Filter::Address:
        return address(node);
    }
    return QStringLiteral("0");
}

// The index finds the messages whose address columns hold the address's words (fast, but
// "ann@example.com" would also find "joann@example.com"); the address list of each of those
// is then parsed to compare whole addresses. The envelope is stored as plain addresses.
QString SearchSqlBuilder::address(const Node &node)
{
    const QString candidates = matchSubquery(columnFilter(node.field) + Node::ftsString(node.text));
    const QString value = parameter(node.text);
    const QString function = QString::fromLatin1(SearchFunctions::kAddressIn);
    const auto in = [&](const char *column) -> QString {
        return function + u'(' + QLatin1StringView(column) + QStringLiteral(", ") + value + u')';
    };
    QStringList exact;
    switch (node.field) {
    case Node::Field::From:
        exact = {in("CAST(m.mail_from AS TEXT)"), in("m.header_from")};
        break;
    case Node::Field::To:
        exact = {in("replace(CAST(m.recipients AS TEXT), char(10), ',')"), in("m.header_to"),
                 in("m.header_cc")};
        break;
    case Node::Field::Cc:
        exact = {in("m.header_cc")};
        break;
    case Node::Field::Any:
    case Node::Field::Subject:
    case Node::Field::Body:
        return QStringLiteral("0"); // the parser makes addresses only in the three above
    }
    return u'(' + candidates + QStringLiteral(" AND (") + exact.join(QLatin1StringView(" OR "))
           + QStringLiteral("))");
}

SearchQuery::Sql SearchSqlBuilder::build(const SearchQueryNode *root, QByteArrayView columns,
                                         QByteArrayView orderBy, int limit, int offset)
{
    return build(root, columns, orderBy, limit, offset, false);
}

SearchQuery::Sql SearchSqlBuilder::buildCount(const SearchQueryNode *root)
{
    const QByteArray columns = "count(*), coalesce(sum(" + StoreLayout::unreadSql("m") + "), 0)";
    return build(root, columns, {}, -1, 0, true);
}

SearchQuery::Sql SearchSqlBuilder::build(const SearchQueryNode *root, QByteArrayView columns,
                                         QByteArrayView orderBy, int limit, int offset,
                                         bool counting)
{
    SearchSqlBuilder builder;
    // At the top, the index terms drive the query: a join with the FTS5 table, ordered by its
    // rowid, which FTS5 delivers newest first by itself, so LIMIT stops the scan early. Its
    // MATCH parameter is ?1; the conditions for the rest are numbered after it.
    QStringList conditions;
    bool joined = false;
    if (root) {
        if (const std::optional<QString> whole = ftsExpression(*root)) {
            builder.parameter(*whole);
            joined = true;
        } else if (root->kind == Node::Kind::And && !splitAnd(*root).positive.isEmpty()) {
            const AndSplit split = splitAnd(*root);
            builder.parameter(split.ftsExpression());
            joined = true;
            for (const Node *child : split.rest)
                conditions.append(builder.condition(*child));
        } else {
            conditions.append(builder.condition(*root));
        }
    }
    if (!joined && orderBy.isEmpty() && !counting) {
        // Newest first without the index terms: the page's ids come from the narrow
        // messages_list index (id, flags), so skipping 90,000 messages or testing is:unread
        // never reads a row, and only the page's rows are read (StoreSchema, version 4).
        QString ids = QStringLiteral("SELECT m.id FROM messages m WHERE ")
                      + QString::fromLatin1(StoreLayout::liveSql("m"));
        for (const QString &condition : std::as_const(conditions))
            ids += QStringLiteral(" AND ") + condition;
        ids += QStringLiteral(" ORDER BY m.id DESC LIMIT ")
               + builder.parameter(qint64(limit < 0 ? -1 : limit)) + QStringLiteral(" OFFSET ")
               + builder.parameter(qint64(qMax(0, offset)));
        const QString sql = QStringLiteral("SELECT ") + QString::fromLatin1(columns)
                            + QStringLiteral(" FROM messages m WHERE m.id IN (") + ids
                            + QStringLiteral(") ORDER BY m.id DESC");
        return SearchQuery::Sql{sql.toUtf8(), builder.m_parameters};
    }
    // Counting reads each match's flags from the narrow messages_list index instead of its
    // row: a word in every message of 100,000 is 100,000 lookups either way, but the index
    // stays in the cache and the rows (with their overviews) do not.
    QString sql = QStringLiteral("SELECT ") + QString::fromLatin1(columns)
                  + (counting ? QStringLiteral(" FROM messages m INDEXED BY messages_list")
                              : QStringLiteral(" FROM messages m"));
    if (joined)
        sql += QStringLiteral(" JOIN messages_fts ON messages_fts.rowid = m.id"
                              " WHERE messages_fts MATCH ?1 AND ")
               + QString::fromLatin1(StoreLayout::liveSql("m"));
    else
        sql += QStringLiteral(" WHERE ") + QString::fromLatin1(StoreLayout::liveSql("m"));
    for (const QString &condition : std::as_const(conditions))
        sql += QStringLiteral(" AND ") + condition;
    if (counting)
        return SearchQuery::Sql{sql.toUtf8(), builder.m_parameters};
    if (!orderBy.isEmpty())
        sql += QStringLiteral(" ORDER BY ") + QString::fromLatin1(orderBy);
    else
        sql += joined ? QStringLiteral(" ORDER BY messages_fts.rowid DESC")
                      : QStringLiteral(" ORDER BY m.id DESC");
    sql += QStringLiteral(" LIMIT ") + builder.parameter(qint64(limit < 0 ? -1 : limit))
           + QStringLiteral(" OFFSET ") + builder.parameter(qint64(qMax(0, offset)));
    return SearchQuery::Sql{sql.toUtf8(), builder.m_parameters};
}
