// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "mailpitquery.h"

#include "store/searchquery.h"
#include "store/searchqueryparser.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QStringList>

#include <cmath>
#include <optional>

namespace {

// Mailpit's argument splitter: spaces outside double quotes separate terms, and the quotes
// themselves are dropped.
QStringList splitArguments(const QString &query)
{
    QStringList arguments;
    QString current;
    bool quoted = false;
    const auto finish = [&] {
        const QString term = current.trimmed();
        if (!term.isEmpty())
            arguments.append(term);
        current.clear();
    };
    for (const QChar c : query) {
        if (c == u'"')
            quoted = !quoted;
        else if (!quoted && c == u' ')
            finish();
        else
            current += c;
    }
    finish();
    return arguments;
}

// Mailpit's cleanString(): line breaks, tabs and the characters <>",;() become spaces, runs of
// white space one space, all in lower case.
QString cleaned(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[\\r\\n\\t<>\",;()\\x{FEFF}]"));
    QString result = text;
    result.replace(separators, QStringLiteral(" "));
    return result.simplified().toLower();
}

// "ann@example.com": one word with a local part and a domain.
bool isFullAddress(const QString &value)
{
    static const QRegularExpression address(
        QStringLiteral("^[^\\s@<>]+@[^\\s@<>.]+(\\.[^\\s@<>.]+)*$"));
    return address.match(value).hasMatch();
}

// Text as a Letterbox phrase; a single word ending in `*` stays a prefix search. Quotes cannot
// occur: the splitter dropped them.
QString phrase(const QString &text)
{
    static const QRegularExpression prefixWord(QStringLiteral("^[\\w]+\\*+$"),
                                               QRegularExpression::UseUnicodePropertiesOption);
    if (prefixWord.match(text).hasMatch())
        return text;
    return u'"' + text + u'"';
}

QString addressTerm(const QString &field, const QString &value)
{
    return field + u':' + (isFullAddress(value) ? u'<' + value + u'>' : phrase(value));
}

// Mailpit's sizeToBytes(): a number with an optional fraction and unit k, kb, m or mb
// (1024-based); 0 for anything else, which makes the term plain text there.
qint64 sizeToBytes(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d+)(\\.\\d+)?\\s?([a-z]{1,2})?$"));
    const QRegularExpressionMatch match = pattern.match(text.toLower());
    if (!match.hasMatch())
        return 0;
    const double value = QString(match.captured(1) + match.captured(2)).toDouble();
    const QString unit = match.captured(3);
    double bytes = 0;
    if (unit.isEmpty())
        bytes = value;
    else if (unit == u"k" || unit == u"kb")
        bytes = value * 1024;
    else if (unit == u"m" || unit == u"mb")
        bytes = value * 1024 * 1024;
    if (!(bytes < double(SearchQuery::kMaxSize)))
        return 0;
    return qint64(std::floor(bytes));
}

// The dates Mailpit's users write: 2024-01-31 or 2024/1/31, optionally followed by a time
// (space or T) with seconds and milliseconds, and Z or an offset. Without a zone, `zone`.
std::optional<QDateTime> parseDate(const QString &text, const QTimeZone &zone)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})"
                       "(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?"
                       "\\s*(Z|[+-]\\d{2}:?\\d{2})?$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const QDate date(match.captured(1).toInt(), match.captured(2).toInt(),
                     match.captured(3).toInt());
    const QString fraction = match.captured(7);
    const QTime time(
        match.captured(4).toInt(), match.captured(5).toInt(), match.captured(6).toInt(),
        fraction.isEmpty() ? 0 : QString(fraction + QStringLiteral("00")).left(3).toInt());
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    QTimeZone timeZone = zone;
    if (const QString offset = match.captured(8); !offset.isEmpty()) {
        const std::optional<QTimeZone> given = SearchQueryParser::offsetZone(offset);
        if (!given)
            return std::nullopt;
        timeZone = *given;
    }
    const QDateTime moment(date, time, timeZone);
    if (!moment.isValid())
        return std::nullopt;
    return moment;
}

Error invalid(const QString &message)
{
    return Error(ErrorCode::InvalidValue, message, QStringLiteral("query"));
}

struct Prefix
{
    QLatin1StringView name; ///< with the colon
    enum class Kind { Address, Addressed, Subject, After, Before, Larger, Smaller, Unsupported };
    Kind kind;
    QLatin1StringView field; ///< Address: the Letterbox field
};

constexpr Prefix kPrefixes[] = {
    {QLatin1StringView("to:"), Prefix::Kind::Address, QLatin1StringView("to")},
    {QLatin1StringView("from:"), Prefix::Kind::Address, QLatin1StringView("from")},
    {QLatin1StringView("cc:"), Prefix::Kind::Address, QLatin1StringView("cc")},
    {QLatin1StringView("bcc:"), Prefix::Kind::Unsupported, {}},
    {QLatin1StringView("reply-to:"), Prefix::Kind::Unsupported, {}},
    {QLatin1StringView("addressed:"), Prefix::Kind::Addressed, {}},
    {QLatin1StringView("subject:"), Prefix::Kind::Subject, {}},
    {QLatin1StringView("message-id:"), Prefix::Kind::Unsupported, {}},
    {QLatin1StringView("tag:"), Prefix::Kind::Unsupported, {}},
    {QLatin1StringView("after:"), Prefix::Kind::After, {}},
    {QLatin1StringView("before:"), Prefix::Kind::Before, {}},
    {QLatin1StringView("larger:"), Prefix::Kind::Larger, {}},
    {QLatin1StringView("smaller:"), Prefix::Kind::Smaller, {}},
};

// One Mailpit term (without its `-`) in Letterbox's language; an empty string for a term
// Mailpit ignores.
Result<QString> translateTerm(const QString &term, const QTimeZone &zone)
{
    const QString lower = term.toLower();
    if (lower == u"is:read" || lower == u"is:unread")
        return lower;
    if (lower == u"has:attachment" || lower == u"has:attachments")
        return QStringLiteral("has:attachment");
    if (lower == u"is:tagged" || lower == u"has:inline" || lower == u"has:inlines")
        return invalid(QStringLiteral("%1 is not supported by Letterbox").arg(lower));
    for (const Prefix &prefix : kPrefixes) {
        if (!lower.startsWith(prefix.name))
            continue;
        const QString raw = term.sliced(prefix.name.size());
        const QString value = cleaned(raw);
        switch (prefix.kind) {
        case Prefix::Kind::Address:
            return value.isEmpty() ? QString() : addressTerm(prefix.field, value);
        case Prefix::Kind::Addressed:
            if (value.isEmpty())
                return QString();
            return QStringLiteral("(%1 OR %2)")
                .arg(addressTerm(QStringLiteral("from"), value),
                     addressTerm(QStringLiteral("to"), value));
        case Prefix::Kind::Subject:
            // Mailpit takes the subject text as written; the index needs words.
            return raw.trimmed().isEmpty() ? QString()
                                           : QStringLiteral("subject:") + phrase(raw.simplified());
        case Prefix::Kind::After:
        case Prefix::Kind::Before: {
            if (value.isEmpty())
                return QString();
            const std::optional<QDateTime> moment = parseDate(raw.trimmed(), zone);
            if (!moment)
                return invalid(
                    QStringLiteral("%1 needs a date like 2024-01-31 or \"2024-01-31 14:30\", "
                                   "not \"%2\"")
                        .arg(prefix.name, raw));
            return QLatin1StringView(prefix.kind == Prefix::Kind::After ? "after:" : "before:")
                   + moment->toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"));
        }
        case Prefix::Kind::Larger:
        case Prefix::Kind::Smaller: {
            const qint64 bytes = sizeToBytes(value);
            if (bytes <= 0)
                break; // plain text, as in Mailpit
            return (prefix.kind == Prefix::Kind::Larger ? QStringLiteral("larger:")
                                                        : QStringLiteral("smaller:"))
                   + QString::number(bytes);
        }
        case Prefix::Kind::Unsupported:
            return invalid(QStringLiteral("%1 is not supported by Letterbox").arg(prefix.name));
        }
        break;
    }
    const QString text = cleaned(term);
    return text.isEmpty() ? QString() : phrase(text);
}

} // namespace

Result<QString> MailpitQuery::translate(const QString &mailpitQuery, const QTimeZone &timeZone)
{
    QStringList terms;
    for (QString argument : splitArguments(mailpitQuery)) {
        if (cleaned(argument).isEmpty())
            continue;
        bool exclude = false;
        if (argument.size() > 1 && (argument.front() == u'-' || argument.front() == u'!')) {
            exclude = true;
            argument.remove(0, 1);
        }
        Result<QString> term = translateTerm(argument, timeZone);
        if (!term)
            return term;
        if (term->isEmpty())
            continue;
        terms.append(exclude ? u'-' + *term : *term);
    }
    const QString query = terms.join(u' ');
    if (const Result<SearchQuery> parsed = SearchQuery::parse(query, timeZone); !parsed)
        return invalid(parsed.error().message);
    return query;
}

Result<QTimeZone> MailpitQuery::timeZone(const QString &name)
{
    if (name.trimmed().isEmpty())
        return QTimeZone::systemTimeZone();
    const QTimeZone zone(name.trimmed().toUtf8());
    if (!zone.isValid())
        return Error(ErrorCode::InvalidValue,
                     QStringLiteral("unknown time zone \"%1\" (tz takes an IANA name such as "
                                    "Europe/Berlin)")
                         .arg(name),
                     QStringLiteral("tz"));
    return zone;
}
