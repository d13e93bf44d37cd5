// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "api/apireply.h"
#include "common/result.h"

#include <QList>
#include <QString>
#include <QUrlQuery>

class StoreReader;

/// The list and search routes of the API: `GET /api/v1/messages`, `GET /api/v1/search` and the
/// matching behind `DELETE /api/v1/search` and `PUT /api/v1/messages` with `Search`. Queries
/// are in Mailpit's syntax (MailpitQuery translates them). Reads through the StoreReader it is
/// given, in the caller's thread (the API thread); holds nothing between requests.
class ApiSearchRoutes final
{
public:
    /// Pages hold at most this many messages.
    static constexpr qint64 kMaxPageSize = 1000;
    /// Mailpit's default page size.
    static constexpr qint64 kDefaultPageSize = 50;

    /// GET /api/v1/messages?start=&limit=: newest first, with counts of the whole store.
    static ApiReply list(StoreReader &store, const QUrlQuery &query);
    /// GET /api/v1/search?query=&start=&limit=&tz=: the list shape, with `messages_count` and
    /// `messages_unread` counting the matches. A missing or empty query is a 400, as in Mailpit.
    static ApiReply search(StoreReader &store, const QUrlQuery &query);
    /// The ids of every message matching `mailpitQuery` (a Mailpit search), oldest first, with
    /// before:/after: read in the zone named `tz` (empty: the system's). Errors: InvalidValue
    /// (the query or the zone; the message says what is wrong), or the store's error.
    static Result<QList<qint64>> matchingIds(StoreReader &store, const QString &mailpitQuery,
                                             const QString &tz);
    /// The `query` parameter (form-encoded: `+` is a space), trimmed; InvalidValue when
    /// missing or empty.
    static Result<QString> requiredQuery(const QUrlQuery &query);
    /// The `tz` parameter, decoded as requiredQuery() decodes.
    static QString timeZoneName(const QUrlQuery &query);
    /// The answer for an error of matchingIds() or requiredQuery(): 400 for InvalidValue (the
    /// client's mistake), 503 for a store that cannot be read.
    static ApiReply errorReply(const Error &error);
};
