// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "events/events.h"

#include <QList>
#include <QString>

/// One thing worth telling a developer about a message their application sent.
struct CheckFinding
{
    enum class Severity { Info, Warning, Error };
    Severity severity = Severity::Warning;
    QString code;    ///< stable identifier, e.g. "missing-date", "bare-lf"
    QString message; ///< one line for people
};

QLatin1StringView toString(CheckFinding::Severity severity);

/// The message checks. Pure and thread-safe; the store runs them once at delivery and keeps
/// the findings.
class MessageChecker final
{
public:
    /// Runs every check on a stored message. `raw` starts with our own Received header, which
    /// the checks skip.
    static QList<CheckFinding> check(const QByteArray &raw, const Envelope &envelope);
};
