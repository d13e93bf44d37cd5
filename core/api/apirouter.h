// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHttpServerRequest>
#include <QStringList>
#include <QStringView>

/// Every route the API serves.
enum class ApiRoute {
    Info,
    MessagesList,
    MessagesSetRead,
    MessagesDelete,
    Message,
    MessageHeaders,
    MessageRaw,
    MessagePart,
    MessageTrace,
    MessageEnvelope,
    MessageChecks,
    MessageLinks,
    ViewHtml,
    ViewText,
    Sessions,
    SessionTrace,
    Send,
    Search,
    SearchDelete,
    Livez,
    Readyz,
    OpenApi,
    Wait,
    Events,
    Faults,
    FaultsSet,
    Chaos,
    ChaosSet,
    MessageRelease,
    MessageRelay,
};

/// The route table: which method and path pattern is which route. A pure function of the
/// request line, so 404 (no such path) and 405 (a path served with other methods) are decided
/// in one place. QHttpServer's own router (Qt 6.4) cannot tell the two apart: a rule that does
/// not match the method is as absent as one that does not match the path.
class ApiRouter final
{
public:
    struct Match
    {
        enum class Status { Found, NotFound, WrongMethod };
        Status status = Status::NotFound;
        ApiRoute route = ApiRoute::Info;
        QStringList arguments; ///< the `{}` segments of the pattern, percent-decoded, in order
        QByteArray allowed;    ///< WrongMethod: the Allow header value ("GET, PUT")
    };

    /// One row of the table.
    struct Route
    {
        ApiRoute route;
        QByteArray method;  ///< "GET", "PUT", ...
        QByteArray pattern; ///< "/"-separated; "{}" takes one segment
    };

    /// The whole table, in order: what the API serves (the OpenAPI document must describe
    /// exactly these).
    static QList<Route> routes();

    /// Matches `path` (without query) and `method` against the table. A trailing slash is
    /// ignored; empty segments never match a `{}`. A `{}` followed by a suffix in the same
    /// segment (`{}.html`) takes what comes before the suffix, which must not be empty.
    static Match match(QHttpServerRequest::Method method, QStringView path);
};
