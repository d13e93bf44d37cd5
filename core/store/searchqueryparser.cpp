// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "searchqueryparser.h"

#include "store/searchquery.h"

#include <QDateTime>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <vector>

// The unicode61 tokenizer keeps letters and digits (and private-use characters) and splits on
// everything else; a term without any of them would be an empty FTS5 phrase, which matches
// nothing, silently.
static bool hasSearchableCharacter(const QString &text)
{
    for (const QChar c : text) {
        if (c.isLetterOrNumber() || c.category() == QChar::Other_PrivateUse || c.isSurrogate())
            return true;
    }
    return false;
}

SearchQueryParser::SearchQueryParser(const QString &text, const QTimeZone &timeZone)
    : m_text(text)
    , m_timeZone(timeZone)
{}

std::optional<SearchQueryNode> SearchQueryParser::parseQuery()
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

void SearchQueryParser::skipSpace()
{
    while (!atEnd() && peek().isSpace())
        ++m_position;
}

std::nullopt_t SearchQueryParser::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
    return std::nullopt;
}

// OR, AND and NOT are operators only in capitals and standing alone, so "or" and "Not"
// stay searchable words.
SearchQueryParser::Operator SearchQueryParser::peekOperator() const
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

void SearchQueryParser::consumeOperator(Operator op)
{
    m_position += op == Operator::Or ? 2 : 3;
    skipSpace();
}

std::optional<SearchQueryNode> SearchQueryParser::parseOr(int depth, Node::Field field)
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
    return Node::combine(Node::Kind::Or, std::move(alternatives));
}

std::optional<SearchQueryNode> SearchQueryParser::parseAnd(int depth, Node::Field field)
{
    std::vector<Node> terms;
    for (;;) {
        skipSpace();
        const Operator op = peekOperator();
        if (atEnd() || peek() == u')' || op == Operator::Or) {
            if (terms.empty())
                return fail(atEnd()          ? QStringLiteral("unbalanced parenthesis")
                            : peek() == u')' ? QStringLiteral("nothing inside ( )")
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
    return Node::combine(Node::Kind::And, std::move(terms));
}

std::optional<SearchQueryNode> SearchQueryParser::parseUnary(int depth, Node::Field field)
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
        return Node::negate(std::move(*operand));
    }
    return parsePrimary(depth, field);
}

std::optional<SearchQueryNode> SearchQueryParser::parsePrimary(int depth, Node::Field field)
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
    if (peek() == u'<' && isAddressField(field))
        return parseAddress(field);

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
std::optional<SearchQueryNode> SearchQueryParser::parseText(Node::Field field)
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
        return fail(QStringLiteral("the query has more than %1 terms").arg(SearchQuery::kMaxTerms));
    return Node::textTerm(field, std::move(text), prefix);
}

// The value after `name:` (a word up to the next space or parenthesis, or a "phrase").
std::optional<QString> SearchQueryParser::fieldValue(const QString &name)
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

std::optional<SearchQueryNode> SearchQueryParser::parseField(int depth, Node::Field outer,
                                                             const QString &name,
                                                             qsizetype valueStart)
{
    const QString key = name.toLower();
    m_position = valueStart;
    if (const std::optional<Node::Field> textField = Node::textField(key)) {
        Q_ASSERT(SearchQuery::keyword(key)
                 && SearchQuery::keyword(key)->kind == SearchQuery::Keyword::Kind::Text);
        if (outer != Node::Field::Any)
            return fail(QStringLiteral("%1: cannot be used inside %2:( )")
                            .arg(name, Node::fieldName(outer)));
        if (peek() == u'(' || (peek() == u'<' && isAddressField(*textField)))
            return parsePrimary(depth, *textField);
        if (atEnd() || peek().isSpace() || peek() == u')')
            return fail(QStringLiteral("%1: needs a value").arg(name));
        return parseText(*textField);
    }

    const SearchQuery::Keyword *known = SearchQuery::keyword(key);
    if (!known || known->kind != SearchQuery::Keyword::Kind::Filter)
        return fail(
            QStringLiteral("unknown field %1: (put text with a colon in quotes)").arg(name));
    if (outer != Node::Field::Any)
        return fail(
            QStringLiteral("%1: cannot be used inside %2:( )").arg(name, Node::fieldName(outer)));
    const std::optional<QString> value = fieldValue(name);
    if (!value)
        return std::nullopt;
    if (++m_terms > SearchQuery::kMaxTerms)
        return fail(QStringLiteral("the query has more than %1 terms").arg(SearchQuery::kMaxTerms));
    const QString lower = value->toLower();

    if (key == u"has") {
        if (lower == u"attachment" || lower == u"attachments")
            return Node::filterTerm(Node::Filter::HasAttachment);
        if (lower == u"findings" || lower == u"finding")
            return Node::filterTerm(Node::Filter::HasFindings);
        return fail(QStringLiteral("has: takes attachment or findings, not \"%1\"").arg(*value));
    }
    if (key == u"is") {
        if (lower == u"read")
            return Node::filterTerm(Node::Filter::Read);
        if (lower == u"unread")
            return Node::filterTerm(Node::Filter::Unread);
        return fail(QStringLiteral("is: takes read or unread, not \"%1\"").arg(*value));
    }
    if (key == u"before" || key == u"after" || key == u"on") {
        const QDate date = QDate::fromString(*value, QStringLiteral("yyyy-MM-dd"));
        if (!date.isValid() && key != u"on") {
            if (const std::optional<qint64> instant = parseDateTime(*value))
                return Node::filterTerm(key == u"before" ? Node::Filter::ReceivedBefore
                                                         : Node::Filter::ReceivedFrom,
                                        *instant);
            return fail(QStringLiteral("%1: needs a date like 2024-01-31 or a time like "
                                       "2024-01-31T14:30, not \"%2\"")
                            .arg(name, *value));
        }
        if (!date.isValid())
            return fail(
                QStringLiteral("%1: needs a date like 2024-01-31, not \"%2\"").arg(name, *value));
        const qint64 start = startOfDay(date);
        if (key == u"before")
            return Node::filterTerm(Node::Filter::ReceivedBefore, start);
        if (key == u"after")
            return Node::filterTerm(Node::Filter::ReceivedFrom, start);
        std::vector<Node> day;
        day.push_back(Node::filterTerm(Node::Filter::ReceivedFrom, start));
        day.push_back(Node::filterTerm(Node::Filter::ReceivedBefore, startOfDay(date.addDays(1))));
        return Node::combine(Node::Kind::And, std::move(day));
    }
    if (key == u"larger" || key == u"smaller") {
        const std::optional<qint64> size = parseSize(*value);
        if (!size)
            return fail(QStringLiteral("%1: needs a size like 500, 10k, 2M or 1G, not \"%2\"")
                            .arg(name, *value));
        return Node::filterTerm(key == u"larger" ? Node::Filter::Larger : Node::Filter::Smaller,
                                *size);
    }
    if (key == u"id") {
        bool ok = false;
        const qint64 id = value->toLongLong(&ok);
        if (!ok || id <= 0)
            return fail(QStringLiteral("id: needs a message number, not \"%1\"").arg(*value));
        return Node::filterTerm(Node::Filter::Id, id);
    }
    // finding: the codes of the message checks are lower-case identifiers.
    return Node::filterTerm(Node::Filter::FindingCode, 0, lower);
}

qint64 SearchQueryParser::startOfDay(QDate date) const
{
    return QDateTime(date, QTime(0, 0), m_timeZone).toMSecsSinceEpoch();
}

// `2024-01-31T14:30`, with seconds (and milliseconds), and with `Z` or an offset (`+02:00`) that
// overrides the query's time zone; a space may stand for the T (in quotes: `after:"2024-01-31
// 14:30"`).
std::optional<qint64> SearchQueryParser::parseDateTime(const QString &text) const
{
    static const QRegularExpression pattern(
        QStringLiteral(
            "^(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,3}))?)?"
            "(Z|[+-]\\d{2}:?\\d{2})?$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const QDate date = QDate::fromString(match.captured(1), QStringLiteral("yyyy-MM-dd"));
    const QString fraction = match.captured(5);
    const QTime time(
        match.captured(2).toInt(), match.captured(3).toInt(), match.captured(4).toInt(),
        fraction.isEmpty() ? 0 : QString(fraction + QStringLiteral("00")).left(3).toInt());
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    QTimeZone zone = m_timeZone;
    if (const QString offset = match.captured(6); !offset.isEmpty()) {
        const std::optional<QTimeZone> given = offsetZone(offset);
        if (!given)
            return std::nullopt;
        zone = *given;
    }
    return QDateTime(date, time, zone).toMSecsSinceEpoch();
}

std::optional<QTimeZone> SearchQueryParser::offsetZone(const QString &offset)
{
    if (offset.compare(u"Z", Qt::CaseInsensitive) == 0)
        return QTimeZone::utc();
    const QString digits = QString(offset).remove(u':');
    if (digits.size() != 5 || (digits.front() != u'+' && digits.front() != u'-'))
        return std::nullopt;
    bool hoursOk = false;
    bool minutesOk = false;
    const int hours = digits.mid(1, 2).toInt(&hoursOk);
    const int minutes = digits.mid(3, 2).toInt(&minutesOk);
    if (!hoursOk || !minutesOk || hours > 23 || minutes > 59)
        return std::nullopt;
    return QTimeZone((digits.front() == u'-' ? -1 : 1) * (hours * 3600 + minutes * 60));
}

bool SearchQueryParser::isAddressField(Node::Field field)
{
    return field == Node::Field::From || field == Node::Field::To || field == Node::Field::Cc;
}

// `<ann@example.com>` after from:, to: or cc:: that address exactly, not the words in it.
std::optional<SearchQueryNode> SearchQueryParser::parseAddress(Node::Field field)
{
    const qsizetype close = m_text.indexOf(u'>', m_position + 1);
    if (close < 0)
        return fail(QStringLiteral("%1:<...> is missing its >").arg(Node::fieldName(field)));
    const QString address = m_text.sliced(m_position + 1, close - m_position - 1);
    m_position = close + 1;
    const qsizetype at = address.lastIndexOf(u'@');
    const bool spaces = std::any_of(address.cbegin(), address.cend(),
                                    [](QChar c) { return c.isSpace() || c == u'<'; });
    if (at <= 0 || at == address.size() - 1 || spaces)
        return fail(QStringLiteral("%1:<%2> needs an address like <ann@example.com>")
                        .arg(Node::fieldName(field), address));
    if (++m_terms > SearchQuery::kMaxTerms)
        return fail(QStringLiteral("the query has more than %1 terms").arg(SearchQuery::kMaxTerms));
    Node node = Node::filterTerm(Node::Filter::Address, 0, address.toLower());
    node.field = field;
    return node;
}

std::optional<qint64> SearchQueryParser::parseSize(const QString &text)
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
