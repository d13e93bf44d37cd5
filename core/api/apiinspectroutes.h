// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "api/apireply.h"
#include "events/events.h"
#include "store/storedmessage.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QUrlQuery>

class StoreReader;

/// The routes that show what Letterbox knows of a message beyond its bytes (its SMTP dialogue,
/// envelope, check findings and links), the rendered bodies Mailpit serves under /view/, and
/// the stored SMTP sessions. Read-only: each answer comes from the API's StoreReader, in the
/// API thread. Pure functions of the store and the request.
class ApiInspectRoutes final
{
public:
    /// Pages of the session list hold at most this many sessions.
    static constexpr qint64 kMaxSessionPage = 1000;
    static constexpr qint64 kDefaultSessionPage = 50;
    /// The Content-Security-Policy of /view/{id}.html. The page is served from the API's own
    /// origin (with the user's Basic credentials), so nothing in a message may run there: no
    /// script, no frames, no forms, no plugins, no <base>. It loads nothing from elsewhere
    /// either (remote images would tell the sender the mail was opened); images come from
    /// the message itself (cid: rewritten to its parts) or data: URLs, and inline styles are
    /// allowed, as HTML mail is styled inline.
    static constexpr char kViewPolicy[] =
        "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; font-src data:;"
        " base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    /// GET /view/{id}.html: the HTML body, cid: references pointing at the message's parts.
    /// 404 when the message has no HTML body.
    static ApiReply viewHtml(StoreReader &store, const StoredMessage &message);
    /// GET /view/{id}.txt: the text body as text/plain. 404 when there is none.
    static ApiReply viewText(StoreReader &store, const StoredMessage &message);
    /// GET /api/v1/message/{id}/trace: the session that delivered the message, its stored
    /// dialogue (credentials masked since they were recorded) and which lines are the
    /// message's transaction.
    static ApiReply messageTrace(StoreReader &store, const StoredMessage &message);
    /// GET /api/v1/message/{id}/envelope.
    static ApiReply envelope(const StoredMessage &message);
    /// GET /api/v1/message/{id}/checks: the findings of the message checks, as an array.
    static ApiReply checks(StoreReader &store, const StoredMessage &message);
    /// Set ("true") on a /links answer that stopped at LinkExtractor::kMaxLinks.
    static constexpr char kLinksTruncatedHeader[] = "X-Links-Truncated";
    /// GET /api/v1/message/{id}/links: the URLs LinkExtractor finds, as a JSON array of
    /// strings.
    static ApiReply links(StoreReader &store, const StoredMessage &message);
    /// GET /api/v1/sessions?start=&limit=: stored sessions, newest first, including those
    /// that delivered nothing.
    static ApiReply sessions(StoreReader &store, const QUrlQuery &query);
    /// GET /api/v1/session/{id}/trace.
    static ApiReply sessionTrace(StoreReader &store, const QString &id);
    /// TraceLine objects (see the OpenAPI document) for `lines`.
    static QJsonArray traceJson(const QList<ProtocolLine> &lines);

    /// One session as the API shows it.
    static QJsonObject session(const SessionInfo &session);
    /// `html` with every `cid:` reference to one of `message`'s parts replaced by the API URL
    /// of that part (RFC 2392: the reference is the Content-ID, percent-encoded).
    static QString linkInlineParts(const QString &html, qint64 messageId,
                                   const QList<std::pair<QString, int>> &contentIds);
};
