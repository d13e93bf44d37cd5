// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "events/events.h"
#include "mime/mimebounds.h"

#include <QDeadlineTimer>
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
    /// The code of the Info finding that says what the checks did not look at: more MIME
    /// parts, nesting, header fields, addresses or cid: references than MimeBounds and the
    /// checks examine, or a time budget used up.
    static constexpr QLatin1StringView kLimitedCode{"analysis-limited"};

    /// Runs every check on a stored message. `raw` starts with our own Received header, which
    /// the checks skip. Linear in the size of `raw`; bounded in what it examines. Once
    /// `deadline` has expired the remaining checks are skipped (and a kLimitedCode finding
    /// says so), so a caller can give each message a time budget. For a MimeBounds::Extent::
    /// Prefix of a message, what the missing rest would hold is not held against it: its end
    /// is no truncation, and cid: references may point beyond it.
    static QList<CheckFinding> check(const QByteArray &raw, const Envelope &envelope,
                                     QDeadlineTimer deadline = QDeadlineTimer::Forever,
                                     MimeBounds::Extent extent = MimeBounds::Extent::WholeMessage);
};
