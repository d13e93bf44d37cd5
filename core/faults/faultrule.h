// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

/// Where in an SMTP session a fault rule acts: before the reply the session gives at that point.
enum class FaultStage {
    Connect,  ///< the greeting
    Helo,     ///< the reply to HELO/EHLO
    StartTls, ///< the reply to STARTTLS
    Auth,     ///< the outcome of AUTH, once the user is known
    Mail,     ///< the reply to MAIL FROM
    Rcpt,     ///< the reply to RCPT TO
    Data,     ///< the 354 to DATA
    DataEnd,  ///< the reply after the final "."
    Rset,
    Quit,
};

/// The stage's name in the short syntax and the API ("data-end"), and back.
QLatin1StringView toString(FaultStage stage);
std::optional<FaultStage> faultStageFromName(QStringView name);

/// What a rule looks at. `Subject` is the stage's own subject: the sender at mail, the
/// recipient at rcpt, the user at auth, any recipient of the transaction at data and data-end,
/// the remote address at connect, helo, starttls, rset and quit.
struct FaultMatch
{
    enum class Field { Subject, Sender, Recipient, AuthUser, Remote, Header };

    Field field = Field::Subject;
    QString header;                        ///< the header field's name, for Field::Header
    QString pattern = QStringLiteral("*"); ///< '*' and '?' wildcards, case-insensitive

    bool matchesEverything() const { return field == Field::Subject && pattern == u"*"; }

    friend bool operator==(const FaultMatch &, const FaultMatch &) = default;
};

/// One fault rule: at which stage, what it matches, what it does and how often. A value type;
/// parse() and toString() are each other's inverse on the canonical short syntax
///
///     STAGE[,next=N|,p=P][,off]:MATCH:ACTION
///
/// MATCH is `*`, a pattern against the stage's subject, or FIELD=PATTERN with FIELD one of
/// from, to, user, remote, header.NAME (data-end only). It ends at the first ':' outside
/// brackets; a pattern in brackets (`remote=[::1]`) may hold colons. ACTION, the rest of the
/// text, is `CODE [X.Y.Z] TEXT` (4xx or 5xx), `disconnect`, `delay=MS`,
/// `delay=MS CODE [X.Y.Z] TEXT` or `greylist=N` (rcpt only).
struct FaultRule
{
    enum class Action {
        Reply,      ///< `reply` instead of the real reply
        Delay,      ///< wait `delayMs`, then the real reply, or `reply` when it is set
        Disconnect, ///< close without a reply
        Greylist,   ///< 451 4.7.1 to the first `greylistAttempts` of each triple, then pass
    };
    enum class Frequency {
        Always,
        Next,        ///< the next `nextCount` times it matches, then never
        Probability, ///< each time it matches, with `probability` (seeded generator)
    };

    /// Reply text beyond this is refused: a reply line stays within RFC 5321 §4.5.3.1.5's 512.
    static constexpr qsizetype kMaxReplyText = 400;
    static constexpr qsizetype kMaxPattern = 256;
    static constexpr qint64 kMaxDelayMs = 600'000;
    static constexpr qint64 kMaxNextCount = 1'000'000;
    static constexpr int kMaxGreylistAttempts = 100;
    /// Longest rule text parse() looks at.
    static constexpr qsizetype kMaxText = 1024;

    FaultStage stage = FaultStage::Rcpt;
    FaultMatch match;
    Action action = Action::Reply;
    /// The reply of Reply, and of Delay when code is not 0.
    int code = 0;
    QByteArray enhancedCode; ///< "5.1.1"; empty: none given
    QByteArray text;
    qint64 delayMs = 0;
    int greylistAttempts = 0;
    Frequency frequency = Frequency::Always;
    qint64 nextCount = 0;
    double probability = 1.0;
    bool enabled = true;

    /// The canonical short syntax.
    QString toString() const;
    /// The reply that replaces the real one, with an enhanced code of the code's class when the
    /// rule gives none (RFC 3463: X.0.0 is "other or undefined").
    bool hasReply() const { return code != 0; }
    QByteArray effectiveEnhancedCode() const;
    QByteArray effectiveText() const;

    /// Every check the short syntax and the API share: stage and field go together, codes and
    /// numbers within bounds, no control characters in texts.
    Result<void> validate() const;

    /// Parses the short syntax; the error (InvalidValue or OutOfRange) says what is wrong, with
    /// an empty field (the caller knows which setting and rule it was).
    static Result<FaultRule> parse(QStringView text);
    /// Parses the action part alone ("550 5.1.1 no such user", "delay=300"): what the UI and the
    /// API take as one value.
    static Result<FaultRule> parseAction(QStringView text, FaultRule rule);

    friend bool operator==(const FaultRule &, const FaultRule &) = default;
};
