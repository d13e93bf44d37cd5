// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "searchsqlbuilder.h"

#include "store/searchfunctions.h"
#include "store/storelayout.h"

#include <QStringList>

#include <algorithm>
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

// The FTS5 expression that finds the candidates for an exact address: the messages whose
// address columns hold the address's words (fast, but "ann@example.com" also finds
// "joann@example.com"; the exact test then parses the address lists of those).
QString addressCandidates(const Node &node)
{
    return columnFilter(node.field) + Node::ftsString(node.text);
}

bool isAddress(const Node &node)
{
    return node.kind == Node::Kind::Filter && node.filter == Node::Filter::Address;
}

// True when the condition for `node` reads no column but those of the index messages_list
// (id, flags, has_attachments, finding_count): counting its matches then never reads a row.
bool coveredByListIndex(const Node &node)
{
    switch (node.kind) {
    case Node::Kind::Text:
        return true; // m.id IN (a full-text match)
    case Node::Kind::Filter:
        switch (node.filter) {
        case Node::Filter::HasAttachment:
        case Node::Filter::HasFindings:
        case Node::Filter::Read:
        case Node::Filter::Unread:
        case Node::Filter::Id:
        case Node::Filter::FindingCode:
            return true;
        case Node::Filter::ReceivedBefore:
        case Node::Filter::ReceivedFrom:
        case Node::Filter::Larger:
        case Node::Filter::Smaller:
        case Node::Filter::Address:
            return false;
        }
        return false;
    case Node::Kind::And:
    case Node::Kind::Or:
    case Node::Kind::Not:
        return std::all_of(node.children.cbegin(), node.children.cend(), coveredByListIndex);
    }
    return false;
}

} // namespace

std::optional<QString> SearchSqlBuilder::fullTextExpression(const SearchQueryNode *root)
{
    if (!root)
        return std::nullopt;
    return ftsExpression(*root);
}

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
        // The very condition of the partial index messages_attachments, so SQLite uses it.
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

// The candidates from the index (addressCandidates()), of which the address list of each is
// parsed to compare whole addresses. The envelope is stored as plain addresses.
QString SearchSqlBuilder::address(const Node &node)
{
    const QString candidates = matchSubquery(addressCandidates(node));
    return u'(' + candidates + QStringLiteral(" AND ") + exactAddress(node) + u')';
}

QString SearchSqlBuilder::exactAddress(const Node &node)
{
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
    return u'(' + exact.join(QLatin1StringView(" OR ")) + u')';
}

SearchQuery::Sql SearchSqlBuilder::build(const SearchQueryNode *root, QByteArrayView columns,
                                         QByteArrayView orderBy, int limit, int offset,
                                         bool noneDeleted)
{
    return build(root, columns, orderBy, limit, offset, false, noneDeleted);
}

SearchQuery::Sql SearchSqlBuilder::buildCount(const SearchQueryNode *root)
{
    const QByteArray columns = "count(*), coalesce(sum(" + StoreLayout::unreadSql("m") + "), 0)";
    return build(root, columns, {}, -1, 0, true, false);
}

SearchQuery::Sql SearchSqlBuilder::build(const SearchQueryNode *root, QByteArrayView columns,
                                         QByteArrayView orderBy, int limit, int offset,
                                         bool counting, bool noneDeleted)
{
    SearchSqlBuilder builder;
    // At the top, the index terms drive the query: a join with the FTS5 table, ordered by its
    // rowid, which FTS5 delivers newest first by itself, so LIMIT stops the scan early. Its
    // MATCH parameter is ?1; the conditions for the rest are numbered after it. An exact
    // address among the top terms adds its candidates to that MATCH and keeps only its exact
    // test as a condition: a page of `from:<a@b>` then tests the newest candidates until it
    // has 50, instead of testing every candidate and sorting (1,300 address parses, 23 ms,
    // bench/apibench).
    QStringList conditions;
    bool joined = false;
    bool covered = true;
    if (root) {
        if (const std::optional<QString> whole = ftsExpression(*root)) {
            builder.parameter(*whole);
            joined = true;
        } else {
            AndSplit split;
            if (root->kind == Node::Kind::And)
                split = splitAnd(*root);
            else
                split.rest.push_back(root);
            QStringList candidates;
            for (const Node *child : split.rest) {
                if (isAddress(*child))
                    candidates.append(u'(' + addressCandidates(*child) + u')');
            }
            if (!split.positive.isEmpty() || !candidates.isEmpty()) {
                split.positive.append(candidates);
                builder.parameter(split.ftsExpression());
                joined = true;
                for (const Node *child : split.rest) {
                    covered = covered && coveredByListIndex(*child);
                    conditions.append(isAddress(*child) ? builder.exactAddress(*child)
                                                        : builder.condition(*child));
                }
            } else {
                conditions.append(builder.condition(*root));
            }
        }
    }
    if (!joined && orderBy.isEmpty() && !counting) {
        // Newest first without the index terms: the page's ids come from the narrow
        // messages_list index (or messages_attachments), so skipping 90,000 messages or testing
        // is:unread never reads a row, and only the page's rows are read. With no message
        // flagged deleted the live test goes too, and skipping is a bare walk of the index (a
        // quarter of the time, bench/apibench).
        QStringList terms;
        if (!noneDeleted)
            terms.append(QString::fromLatin1(StoreLayout::liveSql("m")));
        terms.append(conditions);
        QString ids = QStringLiteral("SELECT m.id FROM messages m");
        if (!terms.isEmpty())
            ids += QStringLiteral(" WHERE ") + terms.join(QLatin1StringView(" AND "));
        ids += QStringLiteral(" ORDER BY m.id DESC LIMIT ")
               + builder.parameter(qint64(limit < 0 ? -1 : limit)) + QStringLiteral(" OFFSET ")
               + builder.parameter(qint64(qMax(0, offset)));
        const QString sql = QStringLiteral("SELECT ") + QString::fromLatin1(columns)
                            + QStringLiteral(" FROM messages m WHERE m.id IN (") + ids
                            + QStringLiteral(") ORDER BY m.id DESC");
        return SearchQuery::Sql{sql.toUtf8(), builder.m_parameters};
    }
    // Counting the matches of index terms reads each one's flags from the narrow messages_list
    // index instead of its row when the other conditions need nothing else: a word in every
    // message of 100,000 is 100,000 lookups either way, but the index stays in the cache and
    // the rows (with their overviews) do not. Without index terms SQLite picks the index
    // itself (messages_list, messages_attachments, messages_received).
    QString sql = QStringLiteral("SELECT ") + QString::fromLatin1(columns)
                  + (counting && joined && covered
                         ? QStringLiteral(" FROM messages m INDEXED BY messages_list")
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
