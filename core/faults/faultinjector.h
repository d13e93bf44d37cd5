// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "config/configsetting.h"
#include "faults/faultrule.h"
#include "smtp/addresspattern.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <chrono>
#include <functional>
#include <mutex>

/// The fault configuration of a server: the rules in order, a master switch, the random seed of the
/// probability generator and the greylisting window.
struct FaultSettings
{
    /// More rules than anyone tries by hand; each costs every stage a look.
    static constexpr qsizetype kMaxRules = 100;

    bool enabled = ConfigSetting::of(ConfigSetting::Id::FaultsEnabled).defaultNumber != 0;
    QList<FaultRule> rules;
    /// 0: a random seed, chosen when these settings take effect
    quint64 seed = quint64(ConfigSetting::of(ConfigSetting::Id::FaultSeed).defaultNumber);
    std::chrono::seconds greylistWindow{
        ConfigSetting::of(ConfigSetting::Id::FaultGreylistWindow).defaultNumber};

    /// Whether any rule can fire.
    bool isActive() const;

    friend bool operator==(const FaultSettings &, const FaultSettings &) = default;
};

/// Mailpit's chaos triggers (PUT /api/v1/chaos): for MAIL, RCPT and AUTH an error code and the
/// chance, in percent, that the command gets it. They stand for fault rules of their own
/// (rules()), tried before the configured ones and kept apart from them: they live as long as
/// the server runs, as in Mailpit, and are no setting.
struct ChaosTriggers
{
    struct Trigger
    {
        int errorCode = 451;
        int probability = 0; ///< percent, 0 to 100; 0: off

        friend bool operator==(const Trigger &, const Trigger &) = default;
    };
    Trigger sender;
    Trigger recipient;
    Trigger authentication{535, 0};

    bool isActive() const
    {
        return sender.probability > 0 || recipient.probability > 0
               || authentication.probability > 0;
    }
    /// A trigger's code out of 400 to 599 or probability out of 0 to 100: InvalidValue or
    /// OutOfRange naming the trigger ("Recipient").
    Result<void> validate() const;
    /// The rules they stand for: `mail,p=P:*:CODE Chaos sender error` and so on, for the
    /// triggers that are on.
    QList<FaultRule> rules() const;

    friend bool operator==(const ChaosTriggers &, const ChaosTriggers &) = default;
};

/// What a rule may look at when the session asks: the facts of the session at that stage.
struct FaultSubject
{
    QString remoteAddress;
    QString authUser;
    QByteArray sender;
    QByteArray recipient;         ///< at rcpt: the recipient of this command
    QList<QByteArray> recipients; ///< at data and data-end: the transaction's recipients
    /// At data-end, when a rule looks at headers: the message's header block (at most
    /// MessageHeadCapture::kMaxBytes of it).
    QByteArray headerBlock;
};

/// What the session is to do at a stage.
struct FaultDecision
{
    enum class Kind {
        Pass,       ///< go on as without faults
        Reply,      ///< answer `code enhancedCode text` instead of the real reply
        Disconnect, ///< close without a reply
    };
    Kind kind = Kind::Pass;
    /// Before doing `kind`, wait this long (reading nothing meanwhile); 0: at once.
    std::chrono::milliseconds delay{0};
    int code = 0;
    QByteArray enhancedCode;
    QByteArray text;
    int rule = -1;      ///< index of the rule that fired; -1 when none did
    bool chaos = false; ///< `rule` indexes ChaosTriggers::rules(), not the configured rules
    QString reason;     ///< for the protocol trace: which rule and what it does

    bool fired() const { return rule >= 0; }
};

/// Decides, for every session of a server, which fault rule fires at a stage: rules run in
/// order and the first that matches and fires wins. A rule limited to the next N times counts
/// down and is then skipped; a rule with a probability draws from one generator seeded with
/// FaultSettings::seed, so the same dialogue with the same seed gives the same faults. A rule
/// that does not fire (counted out, or its draw failed) lets the later rules decide.
/// Greylisting remembers each (sender, recipient, remote address) triple for the window, at
/// most kMaxGreylistEntries of them: when the table is full, expired entries go first, then
/// the oldest.
///
/// Thread-safe: every session of every worker thread asks the same injector, and configure()
/// may come from any thread at any time (sessions pick the new rules up at their next stage).
class FaultInjector final
{
public:
    static constexpr qsizetype kMaxGreylistEntries = 10000;
    /// Monotonic milliseconds; tests pass a fake one.
    using Clock = std::function<qint64()>;

    explicit FaultInjector(Clock clock = {});

    /// Takes new settings. Changed rules or seed start the counters and the generator afresh;
    /// the same settings again change nothing (an unrelated apply does not reset a run).
    void configure(const FaultSettings &settings);
    FaultSettings settings() const;
    /// The seed in use: FaultSettings::seed, or the one chosen for it.
    quint64 seed() const;
    bool isActive() const;
    /// Whether a rule looks at headers, so data-end needs the message's header block.
    bool needsHeaders() const;
    qsizetype greylistEntries() const;
    /// Mailpit's chaos triggers; configure() leaves them alone. New triggers start their draws
    /// from the random seed again.
    void setChaos(const ChaosTriggers &triggers);
    ChaosTriggers chaos() const;

    FaultDecision decide(FaultStage stage, const FaultSubject &subject);

    /// The unfolded values of the header field `name` in `block` (RFC 5322 §2.2.3).
    static QList<QByteArray> headerValues(const QByteArray &block, QByteArrayView name);

private:
    struct GreylistEntry
    {
        int attempts = 0;
        qint64 firstSeen = 0;
    };

    bool matches(const FaultRule &rule, const AddressPattern &pattern, FaultStage stage,
                 const FaultSubject &subject) const;
    /// The first of `rules` that matches and fires, or -1. Counts down next=N rules.
    qsizetype firstFiring(const QList<FaultRule> &rules, const QList<AddressPattern> &patterns,
                          QList<qint64> &remaining, FaultStage stage, const FaultSubject &subject);
    /// Whether the greylist triple is refused this time (and counts the attempt).
    bool greylistRefuses(const FaultRule &rule, const FaultSubject &subject);
    double nextRandom();
    qint64 now() const;

    Clock m_clock;
    mutable std::mutex m_mutex;
    FaultSettings m_settings;
    QList<AddressPattern> m_patterns; ///< one per rule
    QList<qint64> m_remaining;        ///< per rule: how often a next=N rule still fires
    quint64 m_seed = 0;
    quint64 m_state = 0; ///< splitmix64
    bool m_needsHeaders = false;
    QHash<QByteArray, GreylistEntry> m_greylist;
    ChaosTriggers m_chaos;
    QList<FaultRule> m_chaosRules;
    QList<AddressPattern> m_chaosPatterns;
    QList<qint64> m_chaosRemaining;
};
