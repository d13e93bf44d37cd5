// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "searchquery.h"

#include "store/searchquerynode.h"
#include "store/searchqueryparser.h"
#include "store/searchsqlbuilder.h"

#include <optional>

SearchQuery::SearchQuery() = default;
SearchQuery::~SearchQuery() = default;
SearchQuery::SearchQuery(const SearchQuery &other) = default;
SearchQuery &SearchQuery::operator=(const SearchQuery &other) = default;

Result<SearchQuery> SearchQuery::parse(const QString &text, const QTimeZone &timeZone)
{
    if (text.size() > kMaxQueryLength)
        return Error(ErrorCode::InvalidValue,
                     QStringLiteral("the query is longer than %1 characters").arg(kMaxQueryLength));
    SearchQueryParser parser(text, timeZone);
    std::optional<SearchQueryNode> root = parser.parseQuery();
    if (!parser.error().isEmpty())
        return Error(ErrorCode::InvalidValue, parser.error());
    SearchQuery query;
    if (root)
        query.m_root = std::make_shared<const SearchQueryNode>(std::move(*root));
    return query;
}

QString SearchQuery::toString() const
{
    return m_root ? m_root->toString() : QStringLiteral("everything");
}

const QList<SearchQuery::Keyword> &SearchQuery::keywords()
{
    using Kind = Keyword::Kind;
    using L = QLatin1StringView;
    // The descriptions are for people (--help, the Search Syntax dialog), who see them
    // translated; the marker keeps the English literal here.
    static const QList<Keyword> all = {
        {L("from"), Kind::Text, L("word"),
         L(QT_TRANSLATE_NOOP("SearchQuery", "MAIL FROM or the From header"))},
        {L("to"), Kind::Text, L("word"),
         L(QT_TRANSLATE_NOOP("SearchQuery", "RCPT TO, the To or the Cc header"))},
        {L("cc"), Kind::Text, L("word"), L(QT_TRANSLATE_NOOP("SearchQuery", "the Cc header"))},
        {L("subject"), Kind::Text, L("word"),
         L(QT_TRANSLATE_NOOP("SearchQuery", "the Subject header"))},
        {L("body"), Kind::Text, L("word"), L(QT_TRANSLATE_NOOP("SearchQuery", "the message text"))},
        {L("has"), Kind::Filter, L("attachment|findings"),
         L(QT_TRANSLATE_NOOP("SearchQuery",
                             "messages with attachments, or with findings of the message checks"))},
        {L("is"), Kind::Filter, L("read|unread"),
         L(QT_TRANSLATE_NOOP("SearchQuery", "messages read or not yet read"))},
        {L("finding"), Kind::Filter, L("CODE"),
         L(QT_TRANSLATE_NOOP("SearchQuery", "messages with a finding of this code"))},
        {L("id"), Kind::Filter, L("N"),
         L(QT_TRANSLATE_NOOP("SearchQuery", "the message with this number"))},
        {L("larger"), Kind::Filter, L("SIZE"),
         L(QT_TRANSLATE_NOOP("SearchQuery", "bigger than SIZE bytes (or k, M, G)"))},
        {L("smaller"), Kind::Filter, L("SIZE"),
         L(QT_TRANSLATE_NOOP("SearchQuery", "smaller than SIZE bytes (or k, M, G)"))},
        {L("after"), Kind::Filter, L("YYYY-MM-DD[Thh:mm]"),
         L(QT_TRANSLATE_NOOP("SearchQuery",
                             "received on or after that day (or at or after that time)"))},
        {L("before"), Kind::Filter, L("YYYY-MM-DD[Thh:mm]"),
         L(QT_TRANSLATE_NOOP("SearchQuery", "received before that day (or before that time)"))},
        {L("on"), Kind::Filter, L("YYYY-MM-DD"),
         L(QT_TRANSLATE_NOOP("SearchQuery", "received on that day"))},
    };
    return all;
}

const SearchQuery::Keyword *SearchQuery::keyword(QStringView name)
{
    for (const Keyword &known : keywords()) {
        if (name.compare(known.name, Qt::CaseInsensitive) == 0)
            return &known;
    }
    return nullptr;
}

SearchQuery::Sql SearchQuery::toSql(QByteArrayView columns, int limit, int offset) const
{
    return toSql(columns, QByteArrayView(), limit, offset);
}

SearchQuery::Sql SearchQuery::toSql(QByteArrayView columns, QByteArrayView orderBy, int limit,
                                    int offset) const
{
    return SearchSqlBuilder::build(m_root.get(), columns, orderBy, limit, offset);
}

SearchQuery::Sql SearchQuery::toSql(QByteArrayView columns, int limit, int offset,
                                    bool noneDeleted) const
{
    return SearchSqlBuilder::build(m_root.get(), columns, {}, limit, offset, noneDeleted);
}

SearchQuery::Sql SearchQuery::countSql() const
{
    return SearchSqlBuilder::buildCount(m_root.get());
}

std::optional<QString> SearchQuery::fullTextExpression() const
{
    return SearchSqlBuilder::fullTextExpression(m_root.get());
}

// The value of `node` for a message that is read (`read`) or not; nullopt when `node` tests
// anything else.
static std::optional<bool> matchesReadState(const SearchQueryNode &node, bool read)
{
    using Node = SearchQueryNode;
    switch (node.kind) {
    case Node::Kind::Filter:
        if (node.filter == Node::Filter::Read)
            return read;
        if (node.filter == Node::Filter::Unread)
            return !read;
        return std::nullopt;
    case Node::Kind::Not: {
        const std::optional<bool> child = matchesReadState(node.children.front(), read);
        return child ? std::optional<bool>(!*child) : std::nullopt;
    }
    case Node::Kind::And:
    case Node::Kind::Or: {
        const bool isAnd = node.kind == Node::Kind::And;
        bool value = isAnd;
        for (const Node &child : node.children) {
            const std::optional<bool> part = matchesReadState(child, read);
            if (!part)
                return std::nullopt;
            value = isAnd ? value && *part : value || *part;
        }
        return value;
    }
    case Node::Kind::Text:
        break;
    }
    return std::nullopt;
}

std::optional<SearchQuery::ReadStates> SearchQuery::readStates() const
{
    if (!m_root)
        return ReadStates{true, true};
    const std::optional<bool> read = matchesReadState(*m_root, true);
    const std::optional<bool> unread = matchesReadState(*m_root, false);
    if (!read || !unread)
        return std::nullopt;
    return ReadStates{*read, *unread};
}
