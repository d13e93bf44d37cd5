// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apisearchroutes.h"

#include "api/apimessage.h"
#include "api/mailpitjson.h"
#include "api/mailpitquery.h"
#include "store/storereader.h"

#include <limits>

namespace {

struct Page
{
    qint64 start = 0;
    qint64 limit = ApiSearchRoutes::kDefaultPageSize;
};

// A parameter as HTML forms (and Go's net/url, which Mailpit uses) encode it: `+` is a space,
// `%2B` a plus. QUrlQuery leaves `+` alone, so the encoded value is decoded here.
QString formValue(const QUrlQuery &query, const QString &name)
{
    QByteArray encoded = query.queryItemValue(name, QUrl::FullyEncoded).toUtf8();
    encoded.replace('+', ' ');
    return QUrl::fromPercentEncoding(encoded);
}

// A non-negative integer query parameter, its default when absent.
Result<qint64> number(const QUrlQuery &query, const QString &name, qint64 fallback, qint64 maximum)
{
    if (!query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const qint64 value = query.queryItemValue(name).toLongLong(&ok);
    if (!ok || value < 0 || value > maximum)
        return Error(ErrorCode::InvalidValue,
                     QStringLiteral("%1 must be a number from 0 to %2").arg(name).arg(maximum),
                     name);
    return value;
}

Result<Page> page(const QUrlQuery &query)
{
    Page page;
    const Result<qint64> start =
        number(query, QStringLiteral("start"), 0, std::numeric_limits<int>::max());
    if (!start)
        return start.error();
    const Result<qint64> limit =
        number(query, QStringLiteral("limit"), ApiSearchRoutes::kDefaultPageSize,
               ApiSearchRoutes::kMaxPageSize);
    if (!limit)
        return limit.error();
    page.start = *start;
    page.limit = *limit == 0 ? ApiSearchRoutes::kDefaultPageSize : *limit; // Mailpit: 0 = not given
    return page;
}

// The list items of `messages`, from the overview the store worked out at delivery. Messages
// stored before there was one (schema version 3 and older) are parsed instead: about 1 ms each
// (bench/apibench), which is why it is stored.
QList<ApiMessage> summaries(StoreReader &store, const QList<StoredMessage> &messages)
{
    QList<ApiMessage> items;
    items.reserve(messages.size());
    for (const StoredMessage &stored : messages) {
        if (const std::optional<MessageOverview> overview =
                MessageOverview::fromJson(stored.overview))
            items.append(ApiMessage::fromOverview(stored, *overview));
        else
            items.append(
                ApiMessage::parse(stored, store.raw(stored.id).left(ApiMessage::kSummaryBytes)));
    }
    return items;
}

// The Mailpit query in Letterbox's language, with its `tz`.
Result<QString> translated(const QString &mailpitQuery, const QString &tz)
{
    const Result<QTimeZone> zone = MailpitQuery::timeZone(tz);
    if (!zone)
        return zone.error();
    return MailpitQuery::translate(mailpitQuery, *zone);
}

} // namespace

ApiReply ApiSearchRoutes::errorReply(const Error &error)
{
    const int status = error.code == ErrorCode::InvalidValue ? 400 : 503;
    return ApiReply::text(status, error.message.toUtf8());
}

ApiReply ApiSearchRoutes::list(StoreReader &store, const QUrlQuery &query)
{
    const Result<Page> wanted = page(query);
    if (!wanted)
        return errorReply(wanted.error());
    const StoreReader::Counts counts = store.counts();
    MailpitJson::ListCounts listCounts;
    listCounts.total = counts.messages;
    listCounts.unread = counts.unread;
    listCounts.matched = counts.messages;
    listCounts.matchedUnread = counts.unread;
    listCounts.start = wanted->start;
    return ApiReply::json(MailpitJson::list(
        listCounts, summaries(store, store.list(int(wanted->limit), int(wanted->start)))));
}

Result<QString> ApiSearchRoutes::requiredQuery(const QUrlQuery &query)
{
    const QString text = formValue(query, QStringLiteral("query")).trimmed();
    if (text.isEmpty())
        return Error(ErrorCode::InvalidValue, QStringLiteral("Error: no search query"),
                     QStringLiteral("query"));
    return text;
}

QString ApiSearchRoutes::timeZoneName(const QUrlQuery &query)
{
    return formValue(query, QStringLiteral("tz"));
}

ApiReply ApiSearchRoutes::search(StoreReader &store, const QUrlQuery &query)
{
    const Result<QString> mailpitQuery = requiredQuery(query);
    if (!mailpitQuery)
        return errorReply(mailpitQuery.error());
    const Result<Page> wanted = page(query);
    if (!wanted)
        return errorReply(wanted.error());
    const Result<QString> letterboxQuery = translated(*mailpitQuery, timeZoneName(query));
    if (!letterboxQuery)
        return errorReply(letterboxQuery.error());
    const Result<QList<StoredMessage>> found =
        store.search(*letterboxQuery, int(wanted->limit), int(wanted->start));
    if (!found)
        return errorReply(found.error());
    const Result<StoreReader::Counts> matched = store.searchCounts(*letterboxQuery);
    if (!matched)
        return errorReply(matched.error());
    const StoreReader::Counts counts = store.counts();
    MailpitJson::ListCounts listCounts;
    listCounts.total = counts.messages;
    listCounts.unread = counts.unread;
    listCounts.matched = matched->messages;
    listCounts.matchedUnread = matched->unread;
    listCounts.start = wanted->start;
    return ApiReply::json(MailpitJson::list(listCounts, summaries(store, *found)));
}

Result<QList<qint64>> ApiSearchRoutes::matchingIds(StoreReader &store, const QString &mailpitQuery,
                                                   const QString &tz)
{
    const Result<QString> letterboxQuery = translated(mailpitQuery, tz);
    if (!letterboxQuery)
        return letterboxQuery.error();
    return store.searchIds(*letterboxQuery, StoreReader::SortField::Received, Qt::AscendingOrder);
}
