// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apirouter.h"

#include <QUrl>

#include <array>

namespace {

using Method = QHttpServerRequest::Method;

struct Rule
{
    ApiRoute route;
    Method method;
    const char *pattern; ///< "/"-separated; "{}" takes one segment
};

// Mailpit API v1 (server/apiv1 in axllent/mailpit) plus its health checks.
constexpr std::array kRules{
    Rule{ApiRoute::Info, Method::Get, "/api/v1/info"},
    Rule{ApiRoute::MessagesList, Method::Get, "/api/v1/messages"},
    Rule{ApiRoute::MessagesSetRead, Method::Put, "/api/v1/messages"},
    Rule{ApiRoute::MessagesDelete, Method::Delete, "/api/v1/messages"},
    Rule{ApiRoute::Message, Method::Get, "/api/v1/message/{}"},
    Rule{ApiRoute::MessageHeaders, Method::Get, "/api/v1/message/{}/headers"},
    Rule{ApiRoute::MessageRaw, Method::Get, "/api/v1/message/{}/raw"},
    Rule{ApiRoute::MessagePart, Method::Get, "/api/v1/message/{}/part/{}"},
    Rule{ApiRoute::ViewHtml, Method::Get, "/view/{}.html"},
    Rule{ApiRoute::ViewText, Method::Get, "/view/{}.txt"},
    Rule{ApiRoute::Send, Method::Post, "/api/v1/send"},
    // Letterbox's own: what Mailpit does not keep (the SMTP dialogue, the envelope, the checks).
    Rule{ApiRoute::MessageTrace, Method::Get, "/api/v1/message/{}/trace"},
    Rule{ApiRoute::MessageEnvelope, Method::Get, "/api/v1/message/{}/envelope"},
    Rule{ApiRoute::MessageChecks, Method::Get, "/api/v1/message/{}/checks"},
    Rule{ApiRoute::MessageLinks, Method::Get, "/api/v1/message/{}/links"},
    Rule{ApiRoute::Sessions, Method::Get, "/api/v1/sessions"},
    Rule{ApiRoute::SessionTrace, Method::Get, "/api/v1/session/{}/trace"},
    Rule{ApiRoute::Search, Method::Get, "/api/v1/search"},
    Rule{ApiRoute::SearchDelete, Method::Delete, "/api/v1/search"},
    Rule{ApiRoute::Livez, Method::Get, "/livez"},
    Rule{ApiRoute::Readyz, Method::Get, "/readyz"},
    Rule{ApiRoute::OpenApi, Method::Get, "/api/v1/openapi.json"},
    Rule{ApiRoute::Wait, Method::Get, "/api/v1/wait"},
    Rule{ApiRoute::Events, Method::Get, "/api/events"},
    Rule{ApiRoute::Faults, Method::Get, "/api/v1/faults"},
    Rule{ApiRoute::FaultsSet, Method::Put, "/api/v1/faults"},
    Rule{ApiRoute::Chaos, Method::Get, "/api/v1/chaos"},
    Rule{ApiRoute::ChaosSet, Method::Put, "/api/v1/chaos"},
    Rule{ApiRoute::MessageRelease, Method::Post, "/api/v1/message/{}/release"},
    Rule{ApiRoute::MessageRelay, Method::Get, "/api/v1/message/{}/relay"},
};

QByteArray methodName(Method method)
{
    switch (method) {
    case Method::Get:
        return "GET";
    case Method::Put:
        return "PUT";
    case Method::Delete:
        return "DELETE";
    case Method::Post:
        return "POST";
    default:
        return {};
    }
}

// The segments of `path` when they fit `pattern`, with the `{}` ones returned in `arguments`.
bool fits(QStringView path, const char *pattern, QStringList *arguments)
{
    const QList<QStringView> segments = path.split(u'/');
    const QList<QByteArray> wanted = QByteArray(pattern).split('/');
    if (segments.size() != wanted.size())
        return false;
    QStringList captured;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        if (wanted[i].startsWith("{}")) {
            const QLatin1StringView suffix(wanted[i].constData() + 2, wanted[i].size() - 2);
            if (segments[i].size() <= suffix.size() || !segments[i].endsWith(suffix))
                return false;
            captured.append(QUrl::fromPercentEncoding(segments[i].chopped(suffix.size()).toUtf8()));
        } else if (segments[i] != QLatin1StringView(wanted[i].constData(), wanted[i].size())) {
            return false;
        }
    }
    *arguments = captured;
    return true;
}

} // namespace

QList<ApiRouter::Route> ApiRouter::routes()
{
    QList<Route> table;
    for (const Rule &rule : kRules)
        table.append(Route{rule.route, methodName(rule.method), QByteArray(rule.pattern)});
    return table;
}

ApiRouter::Match ApiRouter::match(Method method, QStringView path)
{
    if (path.size() > 1 && path.endsWith(u'/'))
        path.chop(1);
    Match result;
    for (const Rule &rule : kRules) {
        QStringList arguments;
        if (!fits(path, rule.pattern, &arguments))
            continue;
        if (rule.method == method) {
            result.status = Match::Status::Found;
            result.route = rule.route;
            result.arguments = arguments;
            result.allowed.clear();
            return result;
        }
        result.status = Match::Status::WrongMethod;
        result.allowed += (result.allowed.isEmpty() ? "" : ", ") + methodName(rule.method);
    }
    return result;
}
