// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "searchquery.h"

#include "store/storelayout.h"

#include <QDate>
#include <QDateTime>
#include <QRegularExpression>
#include <QStringList>

#include <cmath>
#include <optional>
#include <vector>

/// One node of a parsed query.
struct SearchQueryNode
{
    enum class Kind { And, Or, Not, Text, Filter };
    /// Which columns of the full-text index a word is looked for in.
    enum class Field { Any, From, To, Cc, Subject, Body };
    enum class Filter {
        HasAttachment,
        HasFindings,
        Read,
        Unread,
        ReceivedBefore, ///< received < number (ms since epoch)
        ReceivedFrom,   ///< received >= number
        Larger,         ///< size > number
        Smaller,        ///< size < number
        Id,
        FindingCode,
    };

    Kind kind = Kind::Text;
    Field field = Field::Any;
    Filter filter = Filter::HasAttachment;
    QString text;        ///< Text: the word or phrase; FindingCode: the code
    bool prefix = false; ///< Text: `word*`
    qint64 number = 0;   ///< Filter: the bound value
    std::vector<SearchQueryNode> children;
};

namespace {

using Node = SearchQueryNode;

struct FieldName
{
    QLatin1StringView name;
    Node::Field field;
};

constexpr FieldName kTextFields[] = {
    {QLatin1StringView("from"), Node::Field::From},
    {QLatin1StringView("to"), Node::Field::To},
    {QLatin1StringView("cc"), Node::Field::Cc},
    {QLatin1StringView("subject"), Node::Field::Subject},
    {QLatin1StringView("body"), Node::Field::Body},
};

QLatin1StringView fieldName(Node::Field field)
{
    for (const FieldName &known : kTextFields) {
        if (known.field == field)
            return known.name;
    }
    return QLatin1StringView("any");
}

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

// The unicode61 tokenizer keeps letters and digits (and private-use characters) and splits on
// everything else; a term without any of them would be an empty FTS5 phrase, which matches
// nothing, silently.
bool hasSearchableCharacter(const QString &text)
{
    for (const QChar c : text) {
        if (c.isLetterOrNumber() || c.category() == QChar::Other_PrivateUse || c.isSurrogate())
            return true;
    }
    return false;
}

// An FTS5 string: inside double quotes nothing is syntax, and a quote is written twice.
QString ftsString(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'"', QLatin1StringView("\"\""));
    return u'"' + quoted + u'"';
}

Node textNode(Node::Field field, QString text, bool prefix)
{
    Node node;
    node.kind = Node::Kind::Text;
    node.field = field;
    node.text = std::move(text);
    node.prefix = prefix;
    return node;
}

Node filterNode(Node::Filter filter, qint64 number = 0, QString text = {})
{
    Node node;
    node.kind = Node::Kind::Filter;
    node.filter = filter;
    node.number = number;
    node.text = std::move(text);
    return node;
}

Node combine(Node::Kind kind, std::vector<Node> children)
{
    if (children.size() == 1)
        return std::move(children.front());
    Node node;
    node.kind = kind;
    // a AND (b AND c) is AND(a, b, c): fewer, larger FTS5 expressions.
    for (Node &child : children) {
        if (child.kind == kind) {
            for (Node &grandchild : child.children)
                node.children.push_back(std::move(grandchild));
        } else {
            node.children.push_back(std::move(child));
        }
    }
    return node;
}

Node negate(Node child)
{
    if (child.kind == Node::Kind::Not)
        return std::move(child.children.front()); // --a is a
    Node node;
    node.kind = Node::Kind::Not;
    node.children.push_back(std::move(child));
    return node;
}

// Recursive descent over the query text:
//   query   := or
//   or      := and ("OR" and)*
//   and     := unary (["AND"] unary)*
//   unary   := ("-" | "NOT") unary | primary
//   primary := "(" or ")" | FIELD ":" value | word | "phrase"
// `field` is the text field of an enclosing `from:(...)` group.
class Parser
{
public:
    Parser(const QString &text, const QTimeZone &timeZone)
        : m_text(text)
        , m_timeZone(timeZone)
    {}

    std::optional<Node> parseQuery()
    {
        skipSpace();
        if (atEnd())
            return std::nullopt;
        std::optional<Node> root = parseOr(0, Node::Field::Any);
        if (root && !atEnd())
            fail(peek() == u')' ? QStringLiteral("unbalanced parenthesis")
                                : QStringLiteral("unexpected \"%1\"").arg(peek()));
        return m_error.isEmpty() ? root : std::nullopt;
    }

    QString error() const { return m_error; }

private:
    enum class Operator { None, Or, And, Not };

    bool atEnd() const { return m_position >= m_text.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_text.at(m_position); }

    void skipSpace()
    {
        while (!atEnd() && peek().isSpace())
            ++m_position;
    }

    std::nullopt_t fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
        return std::nullopt;
    }

    static bool endsWord(QChar c) { return c.isSpace() || c == u'(' || c == u')' || c == u'"'; }

    // OR, AND and NOT are operators only in capitals and standing alone, so "or" and "Not"
    // stay searchable words.
    Operator peekOperator() const
    {
        for (const auto &[word, op] : {std::pair{QLatin1StringView("OR"), Operator::Or},
                                       std::pair{QLatin1StringView("AND"), Operator::And},
                                       std::pair{QLatin1StringView("NOT"), Operator::Not}}) {
            const qsizetype end = m_position + word.size();
            if (QStringView(m_text).sliced(m_position).startsWith(word)
                && (end >= m_text.size() || endsWord(m_text.at(end))))
                return op;
        }
        return Operator::None;
    }

    void consumeOperator(Operator op)
    {
        m_position += op == Operator::Or ? 2 : 3;
        skipSpace();
    }

    std::optional<Node> parseOr(int depth, Node::Field field)
    {
        std::vector<Node> alternatives;
        for (;;) {
            std::optional<Node> operand = parseAnd(depth, field);
            if (!operand)
                return std::nullopt;
            alternatives.push_back(std::move(*operand));
            if (peekOperator() != Operator::Or)
                break;
            consumeOperator(Operator::Or);
            if (atEnd() || peek() == u')')
                return fail(QStringLiteral("OR needs something on both sides"));
        }
        return combine(Node::Kind::Or, std::move(alternatives));
    }

    std::optional<Node> parseAnd(int depth, Node::Field field)
    {
        std::vector<Node> terms;
        for (;;) {
            skipSpace();
            const Operator op = peekOperator();
            if (atEnd() || peek() == u')' || op == Operator::Or) {
                if (terms.empty())
                    return fail(atEnd() ? QStringLiteral("unbalanced parenthesis")
                                : peek() == u')'
                                    ? QStringLiteral("nothing inside ( )")
                                    : QStringLiteral("OR needs something on both sides"));
                break;
            }
            if (op == Operator::And) {
                if (terms.empty())
                    return fail(QStringLiteral("AND needs something on both sides"));
                consumeOperator(op);
                if (atEnd() || peek() == u')' || peekOperator() == Operator::Or)
                    return fail(QStringLiteral("AND needs something on both sides"));
                continue;
            }
            std::optional<Node> term = parseUnary(depth, field);
            if (!term)
                return std::nullopt;
            terms.push_back(std::move(*term));
        }
        return combine(Node::Kind::And, std::move(terms));
    }

    std::optional<Node> parseUnary(int depth, Node::Field field)
    {
        if (depth > SearchQuery::kMaxDepth)
            return fail(QStringLiteral("the query is nested too deeply"));
        const Operator op = peekOperator();
        const bool minus = peek() == u'-';
        if (op == Operator::Not || minus) {
            if (minus)
                ++m_position;
            else
                consumeOperator(op);
            if (atEnd() || peek().isSpace() || peek() == u')')
                return fail(minus ? QStringLiteral("nothing to exclude after -")
                                  : QStringLiteral("nothing to exclude after NOT"));
            std::optional<Node> operand = parseUnary(depth + 1, field);
            if (!operand)
                return std::nullopt;
            return negate(std::move(*operand));
        }
        return parsePrimary(depth, field);
    }

    std::optional<Node> parsePrimary(int depth, Node::Field field)
    {
        if (peek() == u'(') {
            ++m_position;
            std::optional<Node> inner = parseOr(depth + 1, field);
            if (!inner)
                return std::nullopt;
            skipSpace();
            if (peek() != u')')
                return fail(QStringLiteral("unbalanced parenthesis"));
            ++m_position;
            return inner;
        }
        if (peek() == u'"')
            return parseText(field);

        // A field is letters followed by a colon; "10:30" or "a-b:c" stay words.
        qsizetype letters = m_position;
        while (letters < m_text.size() && m_text.at(letters).isLetter()
               && m_text.at(letters).unicode() < 0x80)
            ++letters;
        if (letters > m_position && letters < m_text.size() && m_text.at(letters) == u':')
            return parseField(depth, field, m_text.sliced(m_position, letters - m_position),
                              letters + 1);
        return parseText(field);
    }

    // A word or a "phrase" at the current position, in `field`.
    std::optional<Node> parseText(Node::Field field)
    {
        QString text;
        bool prefix = false;
        if (peek() == u'"') {
            const qsizetype close = m_text.indexOf(u'"', m_position + 1);
            if (close < 0)
                return fail(QStringLiteral("unterminated quotation mark"));
            text = m_text.sliced(m_position + 1, close - m_position - 1);
            m_position = close + 1;
        } else {
            const qsizetype start = m_position;
            while (!atEnd() && !endsWord(peek()))
                ++m_position;
            text = m_text.sliced(start, m_position - start);
            // `word*` is a prefix search; a `*` anywhere else separates words like any
            // punctuation.
            if (text.endsWith(u'*')) {
                prefix = true;
                while (text.endsWith(u'*'))
                    text.chop(1);
            }
        }
        if (!hasSearchableCharacter(text))
            return fail(QStringLiteral("\"%1\" has no letters or digits to search for").arg(text));
        if (++m_terms > SearchQuery::kMaxTerms)
            return fail(
                QStringLiteral("the query has more than %1 terms").arg(SearchQuery::kMaxTerms));
        return textNode(field, std::move(text), prefix);
    }

    // The value after `name:` (a word up to the next space or parenthesis, or a "phrase").
    std::optional<QString> fieldValue(const QString &name)
    {
        if (atEnd() || peek().isSpace() || peek() == u')')
            return fail(QStringLiteral("%1: needs a value").arg(name));
        if (peek() == u'"') {
            const qsizetype close = m_text.indexOf(u'"', m_position + 1);
            if (close < 0)
                return fail(QStringLiteral("unterminated quotation mark"));
            const QString value = m_text.sliced(m_position + 1, close - m_position - 1);
            m_position = close + 1;
            return value;
        }
        const qsizetype start = m_position;
        while (!atEnd() && !endsWord(peek()))
            ++m_position;
        return m_text.sliced(start, m_position - start);
    }

    std::optional<Node> parseField(int depth, Node::Field outer, const QString &name,
                                   qsizetype valueStart)
    {
        const QString key = name.toLower();
        m_position = valueStart;
        for (const FieldName &known : kTextFields) {
            if (known.name != key)
                continue;
            Q_ASSERT(SearchQuery::keyword(key)
                     && SearchQuery::keyword(key)->kind == SearchQuery::Keyword::Kind::Text);
            if (outer != Node::Field::Any)
                return fail(
                    QStringLiteral("%1: cannot be used inside %2:( )").arg(name, fieldName(outer)));
            if (peek() == u'(')
                return parsePrimary(depth, known.field);
            if (atEnd() || peek().isSpace() || peek() == u')')
                return fail(QStringLiteral("%1: needs a value").arg(name));
            return parseText(known.field);
        }

        const SearchQuery::Keyword *known = SearchQuery::keyword(key);
        if (!known || known->kind != SearchQuery::Keyword::Kind::Filter)
            return fail(
                QStringLiteral("unknown field %1: (put text with a colon in quotes)").arg(name));
        if (outer != Node::Field::Any)
            return fail(
                QStringLiteral("%1: cannot be used inside %2:( )").arg(name, fieldName(outer)));
        const std::optional<QString> value = fieldValue(name);
        if (!value)
            return std::nullopt;
        if (++m_terms > SearchQuery::kMaxTerms)
            return fail(
                QStringLiteral("the query has more than %1 terms").arg(SearchQuery::kMaxTerms));
        const QString lower = value->toLower();

        if (key == u"has") {
            if (lower == u"attachment" || lower == u"attachments")
                return filterNode(Node::Filter::HasAttachment);
            if (lower == u"findings" || lower == u"finding")
                return filterNode(Node::Filter::HasFindings);
            return fail(
                QStringLiteral("has: takes attachment or findings, not \"%1\"").arg(*value));
        }
        if (key == u"is") {
            if (lower == u"read")
                return filterNode(Node::Filter::Read);
            if (lower == u"unread")
                return filterNode(Node::Filter::Unread);
            return fail(QStringLiteral("is: takes read or unread, not \"%1\"").arg(*value));
        }
        if (key == u"before" || key == u"after" || key == u"on") {
            const QDate date = QDate::fromString(*value, QStringLiteral("yyyy-MM-dd"));
            if (!date.isValid())
                return fail(QStringLiteral("%1: needs a date like 2024-01-31, not \"%2\"")
                                .arg(name, *value));
            const qint64 start = startOfDay(date);
            if (key == u"before")
                return filterNode(Node::Filter::ReceivedBefore, start);
            if (key == u"after")
                return filterNode(Node::Filter::ReceivedFrom, start);
            std::vector<Node> day;
            day.push_back(filterNode(Node::Filter::ReceivedFrom, start));
            day.push_back(filterNode(Node::Filter::ReceivedBefore, startOfDay(date.addDays(1))));
            return combine(Node::Kind::And, std::move(day));
        }
        if (key == u"larger" || key == u"smaller") {
            const std::optional<qint64> size = parseSize(*value);
            if (!size)
                return fail(QStringLiteral("%1: needs a size like 500, 10k, 2M or 1G, not \"%2\"")
                                .arg(name, *value));
            return filterNode(key == u"larger" ? Node::Filter::Larger : Node::Filter::Smaller,
                              *size);
        }
        if (key == u"id") {
            bool ok = false;
            const qint64 id = value->toLongLong(&ok);
            if (!ok || id <= 0)
                return fail(QStringLiteral("id: needs a message number, not \"%1\"").arg(*value));
            return filterNode(Node::Filter::Id, id);
        }
        // finding: the codes of the message checks are lower-case identifiers.
        return filterNode(Node::Filter::FindingCode, 0, lower);
    }

    qint64 startOfDay(QDate date) const
    {
        return QDateTime(date, QTime(0, 0), m_timeZone).toMSecsSinceEpoch();
    }

    static std::optional<qint64> parseSize(const QString &text)
    {
        static const QRegularExpression pattern(
            QStringLiteral("^(\\d{1,15})(?:\\.(\\d{1,6}))?([kmg]?)b?$"),
            QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch match = pattern.match(text);
        if (!match.hasMatch())
            return std::nullopt;
        const QString unit = match.captured(3).toLower();
        const double multiplier = unit == u"k"   ? 1024.0
                                  : unit == u"m" ? 1024.0 * 1024.0
                                  : unit == u"g" ? 1024.0 * 1024.0 * 1024.0
                                                 : 1.0;
        const QString number =
            match.captured(1) + (match.hasCaptured(2) ? u'.' + match.captured(2) : QString());
        const double bytes = number.toDouble() * multiplier;
        if (!(bytes <= double(SearchQuery::kMaxSize)))
            return std::nullopt;
        return qint64(std::llround(bytes));
    }

    const QString &m_text;
    QTimeZone m_timeZone;
    qsizetype m_position = 0;
    int m_terms = 0;
    QString m_error;
};

} // namespace

SearchQuery::SearchQuery() = default;
SearchQuery::~SearchQuery() = default;
SearchQuery::SearchQuery(const SearchQuery &other) = default;
SearchQuery &SearchQuery::operator=(const SearchQuery &other) = default;

SearchQuery SearchQuery::parse(const QString &text, const QTimeZone &timeZone)
{
    SearchQuery query;
    if (text.size() > kMaxQueryLength) {
        query.m_error =
            QStringLiteral("the query is longer than %1 characters").arg(kMaxQueryLength);
        return query;
    }
    Parser parser(text, timeZone);
    std::optional<Node> root = parser.parseQuery();
    query.m_error = parser.error();
    if (root && query.m_error.isEmpty())
        query.m_root = std::make_shared<const SearchQueryNode>(std::move(*root));
    return query;
}

static QString nodeToString(const Node &node)
{
    switch (node.kind) {
    case Node::Kind::And:
    case Node::Kind::Or:
    case Node::Kind::Not: {
        QStringList children;
        for (const Node &child : node.children)
            children.append(nodeToString(child));
        const QLatin1StringView name = node.kind == Node::Kind::And  ? QLatin1StringView("AND")
                                       : node.kind == Node::Kind::Or ? QLatin1StringView("OR")
                                                                     : QLatin1StringView("NOT");
        return name + u'(' + children.join(QLatin1StringView(", ")) + u')';
    }
    case Node::Kind::Text:
        return fieldName(node.field) + u':' + ftsString(node.text)
               + (node.prefix ? QStringLiteral("*") : QString());
    case Node::Kind::Filter:
        switch (node.filter) {
        case Node::Filter::HasAttachment:
            return QStringLiteral("has:attachment");
        case Node::Filter::HasFindings:
            return QStringLiteral("has:findings");
        case Node::Filter::Read:
            return QStringLiteral("is:read");
        case Node::Filter::Unread:
            return QStringLiteral("is:unread");
        case Node::Filter::ReceivedBefore:
            return QStringLiteral("received<%1").arg(node.number);
        case Node::Filter::ReceivedFrom:
            return QStringLiteral("received>=%1").arg(node.number);
        case Node::Filter::Larger:
            return QStringLiteral("size>%1").arg(node.number);
        case Node::Filter::Smaller:
            return QStringLiteral("size<%1").arg(node.number);
        case Node::Filter::Id:
            return QStringLiteral("id=%1").arg(node.number);
        case Node::Filter::FindingCode:
            return QStringLiteral("finding:") + ftsString(node.text);
        }
        break;
    }
    return {};
}

QString SearchQuery::toString() const
{
    if (!isValid())
        return QStringLiteral("invalid: ") + m_error;
    return m_root ? nodeToString(*m_root) : QStringLiteral("everything");
}

namespace {

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
        return columnFilter(node.field) + ftsString(node.text)
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

class SqlBuilder
{
public:
    QList<SearchQuery::Value> parameters;

    QString parameter(SearchQuery::Value value)
    {
        parameters.append(std::move(value));
        return u'?' + QString::number(parameters.size());
    }

    QString matchSubquery(const QString &fts)
    {
        return QStringLiteral("m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ")
               + parameter(fts) + u')';
    }

    // The SQL condition for `node` over the alias m.
    QString condition(const Node &node)
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

    QString filter(const Node &node)
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
        }
        return QStringLiteral("0");
    }
};

} // namespace

const QList<SearchQuery::Keyword> &SearchQuery::keywords()
{
    using Kind = Keyword::Kind;
    using L = QLatin1StringView;
    static const QList<Keyword> all = {
        {L("from"), Kind::Text, L("word"), L("MAIL FROM or the From header")},
        {L("to"), Kind::Text, L("word"), L("RCPT TO, the To or the Cc header")},
        {L("cc"), Kind::Text, L("word"), L("the Cc header")},
        {L("subject"), Kind::Text, L("word"), L("the Subject header")},
        {L("body"), Kind::Text, L("word"), L("the message text")},
        {L("has"), Kind::Filter, L("attachment|findings"),
         L("messages with attachments, or with findings of the message checks")},
        {L("is"), Kind::Filter, L("read|unread"), L("messages read or not yet read")},
        {L("finding"), Kind::Filter, L("CODE"), L("messages with a finding of this code")},
        {L("id"), Kind::Filter, L("N"), L("the message with this number")},
        {L("larger"), Kind::Filter, L("SIZE"), L("bigger than SIZE bytes (or k, M, G)")},
        {L("smaller"), Kind::Filter, L("SIZE"), L("smaller than SIZE bytes (or k, M, G)")},
        {L("after"), Kind::Filter, L("YYYY-MM-DD"), L("received on or after that day")},
        {L("before"), Kind::Filter, L("YYYY-MM-DD"), L("received before that day")},
        {L("on"), Kind::Filter, L("YYYY-MM-DD"), L("received on that day")},
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
    return toSql(columns, {}, limit, offset);
}

SearchQuery::Sql SearchQuery::toSql(QByteArrayView columns, QByteArrayView orderBy, int limit,
                                    int offset) const
{
    SqlBuilder builder;
    // At the top, the index terms drive the query: a join with the FTS5 table, ordered by its
    // rowid, which FTS5 delivers newest first by itself, so LIMIT stops the scan early. Its
    // MATCH parameter is ?1; the conditions for the rest are numbered after it.
    QStringList conditions;
    bool joined = false;
    if (m_root) {
        if (const std::optional<QString> whole = ftsExpression(*m_root)) {
            builder.parameter(*whole);
            joined = true;
        } else if (m_root->kind == Node::Kind::And && !splitAnd(*m_root).positive.isEmpty()) {
            const AndSplit split = splitAnd(*m_root);
            builder.parameter(split.ftsExpression());
            joined = true;
            for (const Node *child : split.rest)
                conditions.append(builder.condition(*child));
        } else {
            conditions.append(builder.condition(*m_root));
        }
    }
    QString sql = QStringLiteral("SELECT ") + QString::fromLatin1(columns)
                  + QStringLiteral(" FROM messages m");
    if (joined)
        sql += QStringLiteral(" JOIN messages_fts ON messages_fts.rowid = m.id"
                              " WHERE messages_fts MATCH ?1 AND ")
               + QString::fromLatin1(StoreLayout::liveSql("m"));
    else
        sql += QStringLiteral(" WHERE ") + QString::fromLatin1(StoreLayout::liveSql("m"));
    for (const QString &condition : std::as_const(conditions))
        sql += QStringLiteral(" AND ") + condition;
    if (!orderBy.isEmpty())
        sql += QStringLiteral(" ORDER BY ") + QString::fromLatin1(orderBy);
    else
        sql += joined ? QStringLiteral(" ORDER BY messages_fts.rowid DESC")
                      : QStringLiteral(" ORDER BY m.id DESC");
    sql += QStringLiteral(" LIMIT ") + builder.parameter(qint64(limit < 0 ? -1 : limit))
           + QStringLiteral(" OFFSET ") + builder.parameter(qint64(qMax(0, offset)));
    return Sql{sql.toUtf8(), builder.parameters};
}
