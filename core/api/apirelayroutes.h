// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "api/apireply.h"
#include "common/result.h"
#include "relay/relayoutcome.h"
#include "relay/relayqueueentry.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

/// The relay's routes. POST /api/v1/message/{ID}/release with {"To": [...]} as Mailpit has it:
/// "ok" once the message is delivered to every recipient, else 400 with what went wrong.
/// GET /api/v1/message/{ID}/relay (Letterbox's own): every stored attempt and the pending
/// retry. Pure functions from values to replies.
class ApiRelayRoutes final
{
public:
    /// Recipients a release may name at once.
    static constexpr qsizetype kMaxAddresses = 100;

    /// The recipients of a release body; InvalidValue for malformed JSON, a missing or empty
    /// "To", or more than kMaxAddresses.
    static Result<QStringList> releaseRecipients(const QByteArray &body);
    /// The answer to a release: 200 "ok", 400 with the reason (a refusal before any attempt,
    /// or the recipients that did not get the message), 404 for a message that is gone.
    static ApiReply releaseReply(const Result<RelayOutcome> &outcome);

    /// {"Attempts": [...], "Queued": {...} or null} of one message.
    static ApiReply attempts(const QList<RelayOutcome> &attempts,
                             const std::optional<RelayQueueEntry> &queued);
    static QJsonObject attemptJson(const RelayOutcome &attempt);
};
