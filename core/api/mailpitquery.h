// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QString>
#include <QTimeZone>

/// Mailpit's search syntax (https://mailpit.axllent.org/docs/usage/search-filters/) translated
/// into Letterbox's search language (SearchQuery), for the search routes of the API. Pure
/// functions; thread-safe.
///
/// Mailpit splits a query at spaces, keeps "quoted phrases" together, and ANDs the terms; `-`
/// or `!` in front of a term excludes it. The translation, term by term:
/// - `from:`, `to:`, `cc:` with a full address (`ann@example.com`) match that address exactly
///   (`from:<ann@example.com>`); with anything else, its words (`from:"ann"`). Mailpit matches
///   a substring of the header's JSON, so `a@x.test` also finds `ba@x.test`.
/// - `addressed:` is from: OR to: (which covers Cc and the envelope).
/// - `subject:`, words and phrases become Letterbox phrases: whole words in order, without case
///   or accents; a word ending in `*` matches words starting with it. Mailpit matches any
///   substring (`voice` finds `invoice`).
/// - `is:read`, `is:unread`, `has:attachment(s)`, `larger:`, `smaller:` (k and m, 1024-based,
///   as Mailpit computes them) carry over.
/// - `after:` and `before:` take a date (2024-01-31, 2024/1/31) or a date and time ("2024-01-31
///   14:30[:05]" in quotes, or 2024-01-31T14:30:05, optionally with Z or +02:00), read in the
///   time zone given (Mailpit's `tz` parameter), and become instants in UTC.
/// - `bcc:`, `reply-to:`, `message-id:`, `tag:`, `is:tagged` and `has:inline` have no
///   counterpart yet and are refused, as are dates Letterbox cannot read (Mailpit ignores
///   those terms silently).
class MailpitQuery final
{
public:
    /// The query in Letterbox's search language (empty: every message), already checked to
    /// parse. Errors: InvalidValue, with a message that says which term is wrong and why.
    static Result<QString> translate(const QString &mailpitQuery, const QTimeZone &timeZone);
    /// The zone of Mailpit's `tz` parameter: an IANA name ("Europe/Berlin"); empty: the
    /// system's zone. Errors: InvalidValue for a name the system does not know (Mailpit falls
    /// back to its own zone there).
    static Result<QTimeZone> timeZone(const QString &name);
};
