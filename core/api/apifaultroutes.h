// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "api/apireply.h"
#include "common/result.h"
#include "faults/faultinjector.h"

#include <QByteArray>
#include <QJsonObject>

/// GET/PUT /api/v1/faults (Letterbox's fault rules, the whole model) and GET/PUT
/// /api/v1/chaos (Mailpit's chaos triggers, which Letterbox keeps as rules of their own).
/// Both change the server's FaultInjector at once: the sessions see the change at their next
/// command. Any thread (the injector is thread-safe); pure functions of it and the request.
class ApiFaultRoutes final
{
public:
    static ApiReply faults(const FaultInjector &injector);
    /// The body is the object faults() answers; fields left out keep their values, "Rules"
    /// replaces every rule. 400 names what is wrong ("Rules[2]: ...").
    static ApiReply setFaults(FaultInjector &injector, const QByteArray &body);
    static ApiReply chaos(const FaultInjector &injector);
    /// Mailpit's ChaosTriggers: a trigger left out is off, as in Mailpit.
    static ApiReply setChaos(FaultInjector &injector, const QByteArray &body);

    /// One rule as JSON: its short syntax ("Rule") and every part of it.
    static QJsonObject ruleJson(const FaultRule &rule);
    /// A rule from JSON: {"Rule": "rcpt:*:451"} (with "Enabled" optional), or the parts as
    /// ruleJson() gives them.
    static Result<FaultRule> ruleFromJson(const QJsonValue &value);
};
