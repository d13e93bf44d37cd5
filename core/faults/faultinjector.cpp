// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "faults/faultinjector.h"

#include <QRandomGenerator>

#include <algorithm>
#include <tuple>

namespace {

bool anyMatches(const AddressPattern &pattern, const QList<QByteArray> &values)
{
    return std::any_of(values.begin(), values.end(), [&pattern](const QByteArray &value) {
        return pattern.matches(QString::fromUtf8(value));
    });
}

QString describe(qsizetype index, const FaultRule &rule)
{
    return QStringLiteral("fault rule %1 (%2)").arg(index + 1).arg(rule.toString());
}

} // namespace

bool FaultSettings::isActive() const
{
    return enabled && std::any_of(rules.begin(), rules.end(), [](const FaultRule &rule) {
               return rule.enabled;
           });
}

FaultInjector::FaultInjector(Clock clock)
    : m_clock(std::move(clock))
{
    configure(FaultSettings());
}

qint64 FaultInjector::now() const
{
    if (m_clock)
        return m_clock();
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void FaultInjector::configure(const FaultSettings &settings)
{
    std::lock_guard lock(m_mutex);
    const bool fresh = m_patterns.size() != settings.rules.size()
                       || m_settings.rules != settings.rules || m_settings.seed != settings.seed
                       || m_seed == 0;
    m_settings = settings;
    if (!fresh)
        return;
    m_patterns.clear();
    m_remaining.clear();
    m_needsHeaders = false;
    for (const FaultRule &rule : settings.rules) {
        m_patterns.append(AddressPattern(rule.match.pattern));
        m_remaining.append(rule.nextCount);
        m_needsHeaders = m_needsHeaders || rule.match.field == FaultMatch::Field::Header;
    }
    // Zero would leave splitmix64 with a state that still works, but 0 means "choose" here.
    m_seed = settings.seed != 0 ? settings.seed
                                : (QRandomGenerator::global()->generate64() % 2147483647) + 1;
    m_state = m_seed;
}

FaultSettings FaultInjector::settings() const
{
    std::lock_guard lock(m_mutex);
    return m_settings;
}

quint64 FaultInjector::seed() const
{
    std::lock_guard lock(m_mutex);
    return m_seed;
}

bool FaultInjector::isActive() const
{
    std::lock_guard lock(m_mutex);
    return m_settings.isActive();
}

bool FaultInjector::needsHeaders() const
{
    std::lock_guard lock(m_mutex);
    return m_settings.enabled && m_needsHeaders;
}

qsizetype FaultInjector::greylistEntries() const
{
    std::lock_guard lock(m_mutex);
    return m_greylist.size();
}

double FaultInjector::nextRandom()
{
    // splitmix64 (Steele, Lea, Flood 2014): the same numbers on every platform and compiler,
    // which the standard distributions do not promise.
    quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return double(z >> 11) * 0x1.0p-53;
}

bool FaultInjector::matches(const FaultRule &rule, const AddressPattern &pattern, FaultStage stage,
                            const FaultSubject &subject) const
{
    if (rule.match.matchesEverything())
        return true;
    switch (rule.match.field) {
    case FaultMatch::Field::Subject:
        switch (stage) {
        case FaultStage::Connect:
        case FaultStage::Helo:
        case FaultStage::StartTls:
        case FaultStage::Rset:
        case FaultStage::Quit:
            return pattern.matches(subject.remoteAddress);
        case FaultStage::Auth:
            return pattern.matches(subject.authUser);
        case FaultStage::Mail:
            return pattern.matches(QString::fromUtf8(subject.sender));
        case FaultStage::Rcpt:
            return pattern.matches(QString::fromUtf8(subject.recipient));
        case FaultStage::Data:
        case FaultStage::DataEnd:
            return anyMatches(pattern, subject.recipients);
        }
        return false;
    case FaultMatch::Field::Sender:
        return pattern.matches(QString::fromUtf8(subject.sender));
    case FaultMatch::Field::Recipient:
        return stage == FaultStage::Rcpt ? pattern.matches(QString::fromUtf8(subject.recipient))
                                         : anyMatches(pattern, subject.recipients);
    case FaultMatch::Field::AuthUser:
        return pattern.matches(subject.authUser);
    case FaultMatch::Field::Remote:
        return pattern.matches(subject.remoteAddress);
    case FaultMatch::Field::Header:
        return anyMatches(pattern, headerValues(subject.headerBlock, rule.match.header.toLatin1()));
    }
    return false;
}

bool FaultInjector::greylistRefuses(const FaultRule &rule, const FaultSubject &subject)
{
    const QByteArray key = subject.sender.toLower() + '\0' + subject.recipient.toLower() + '\0'
                           + subject.remoteAddress.toLatin1();
    const qint64 time = now();
    const qint64 window =
        std::chrono::duration_cast<std::chrono::milliseconds>(m_settings.greylistWindow).count();
    auto found = m_greylist.find(key);
    if (found != m_greylist.end() && time - found->firstSeen > window) {
        m_greylist.erase(found);
        found = m_greylist.end();
    }
    if (found == m_greylist.end()) {
        if (m_greylist.size() >= kMaxGreylistEntries) {
            m_greylist.removeIf([time, window](const auto &entry) {
                return time - entry.value().firstSeen > window;
            });
        }
        if (m_greylist.size() >= kMaxGreylistEntries) {
            const auto oldest =
                std::min_element(m_greylist.begin(), m_greylist.end(),
                                 [](const GreylistEntry &a, const GreylistEntry &b) {
                                     return a.firstSeen < b.firstSeen;
                                 });
            m_greylist.erase(oldest);
        }
        found = m_greylist.insert(key, GreylistEntry{0, time});
    }
    if (found->attempts >= rule.greylistAttempts)
        return false;
    ++found->attempts;
    return true;
}

qsizetype FaultInjector::firstFiring(const QList<FaultRule> &rules,
                                     const QList<AddressPattern> &patterns,
                                     QList<qint64> &remaining, FaultStage stage,
                                     const FaultSubject &subject)
{
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const FaultRule &rule = rules.at(i);
        if (!rule.enabled || rule.stage != stage || !matches(rule, patterns.at(i), stage, subject))
            continue;
        if (rule.frequency == FaultRule::Frequency::Next) {
            if (remaining[i] <= 0)
                continue;
            --remaining[i];
        } else if (rule.frequency == FaultRule::Frequency::Probability) {
            if (nextRandom() >= rule.probability)
                continue;
        }
        return i;
    }
    return -1;
}

FaultDecision FaultInjector::decide(FaultStage stage, const FaultSubject &subject)
{
    std::lock_guard lock(m_mutex);
    FaultDecision decision;
    // Mailpit's chaos comes first: a client that asked for it expects it whatever is configured.
    if (const qsizetype i =
            firstFiring(m_chaosRules, m_chaosPatterns, m_chaosRemaining, stage, subject);
        i >= 0) {
        const FaultRule &rule = m_chaosRules.at(i);
        decision.kind = FaultDecision::Kind::Reply;
        decision.rule = int(i);
        decision.chaos = true;
        decision.code = rule.code;
        decision.enhancedCode = rule.effectiveEnhancedCode();
        decision.text = rule.effectiveText();
        decision.reason = QStringLiteral("chaos trigger (%1, seed %2): replaces the reply")
                              .arg(rule.toString())
                              .arg(m_seed);
        return decision;
    }
    if (!m_settings.enabled)
        return decision;
    const qsizetype i = firstFiring(m_settings.rules, m_patterns, m_remaining, stage, subject);
    if (i < 0)
        return decision;
    const FaultRule &rule = m_settings.rules.at(i);
    decision.rule = int(i);
    switch (rule.action) {
    case FaultRule::Action::Reply:
        decision.kind = FaultDecision::Kind::Reply;
        decision.reason = describe(i, rule) + QStringLiteral(": replaces the reply");
        break;
    case FaultRule::Action::Delay:
        decision.delay = std::chrono::milliseconds(rule.delayMs);
        decision.kind = rule.hasReply() ? FaultDecision::Kind::Reply : FaultDecision::Kind::Pass;
        decision.reason = describe(i, rule)
                          + QStringLiteral(": delays the reply by %1 ms").arg(rule.delayMs)
                          + (rule.hasReply() ? QStringLiteral(", then replaces it") : QString());
        break;
    case FaultRule::Action::Disconnect:
        decision.kind = FaultDecision::Kind::Disconnect;
        decision.reason = describe(i, rule) + QStringLiteral(": disconnects without a reply");
        break;
    case FaultRule::Action::Greylist:
        if (!greylistRefuses(rule, subject)) {
            // The triple has waited its turns: accepted, as a greylisting server would.
            return FaultDecision();
        }
        decision.kind = FaultDecision::Kind::Reply;
        decision.code = 451;
        decision.enhancedCode = "4.7.1";
        decision.text = "Greylisted, please try again later";
        decision.reason = describe(i, rule) + QStringLiteral(": greylists the reply");
        return decision;
    }
    if (rule.hasReply()) {
        decision.code = rule.code;
        decision.enhancedCode = rule.effectiveEnhancedCode();
        decision.text = rule.effectiveText();
    }
    if (rule.frequency == FaultRule::Frequency::Probability)
        decision.reason += QStringLiteral(" (seed %1)").arg(m_seed);
    return decision;
}

void FaultInjector::setChaos(const ChaosTriggers &triggers)
{
    std::lock_guard lock(m_mutex);
    m_chaos = triggers;
    m_chaosRules = triggers.rules();
    m_chaosPatterns.clear();
    m_chaosRemaining.clear();
    for (const FaultRule &rule : std::as_const(m_chaosRules)) {
        m_chaosPatterns.append(AddressPattern(rule.match.pattern));
        m_chaosRemaining.append(0);
    }
    m_state = m_seed;
}

ChaosTriggers FaultInjector::chaos() const
{
    std::lock_guard lock(m_mutex);
    return m_chaos;
}

Result<void> ChaosTriggers::validate() const
{
    const std::pair<const Trigger *, QLatin1StringView> triggers[] = {
        {&sender, QLatin1StringView("Sender")},
        {&recipient, QLatin1StringView("Recipient")},
        {&authentication, QLatin1StringView("Authentication")}};
    for (const auto &[trigger, name] : triggers) {
        if (trigger->errorCode < 400 || trigger->errorCode > 599)
            return Error(ErrorCode::OutOfRange,
                         QStringLiteral("%1.ErrorCode must be from 400 to 599, not %2")
                             .arg(name)
                             .arg(trigger->errorCode),
                         QString(name));
        if (trigger->probability < 0 || trigger->probability > 100)
            return Error(ErrorCode::OutOfRange,
                         QStringLiteral("%1.Probability must be from 0 to 100, not %2")
                             .arg(name)
                             .arg(trigger->probability),
                         QString(name));
    }
    return {};
}

QList<FaultRule> ChaosTriggers::rules() const
{
    const std::tuple<const Trigger *, FaultStage, QByteArray> triggers[] = {
        {&sender, FaultStage::Mail, "Chaos sender error"},
        {&recipient, FaultStage::Rcpt, "Chaos recipient error"},
        {&authentication, FaultStage::Auth, "Chaos authentication error"}};
    QList<FaultRule> rules;
    for (const auto &[trigger, stage, text] : triggers) {
        if (trigger->probability <= 0)
            continue;
        FaultRule rule;
        rule.stage = stage;
        rule.action = FaultRule::Action::Reply;
        rule.code = trigger->errorCode;
        rule.text = text;
        if (trigger->probability < 100) {
            rule.frequency = FaultRule::Frequency::Probability;
            rule.probability = trigger->probability / 100.0;
        }
        rules.append(rule);
    }
    return rules;
}

QList<QByteArray> FaultInjector::headerValues(const QByteArray &block, QByteArrayView name)
{
    QList<QByteArray> values;
    QByteArray current;
    bool inField = false;
    qsizetype start = 0;
    while (start < block.size()) {
        qsizetype end = block.indexOf('\n', start);
        if (end < 0)
            end = block.size();
        QByteArray line = block.mid(start, end - start);
        start = end + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            break; // the end of the header block
        if (line.front() == ' ' || line.front() == '\t') {
            // RFC 5322 §2.2.3: a folded line continues the field above it.
            if (inField)
                current += line;
            continue;
        }
        if (inField)
            values.append(current.trimmed());
        const qsizetype colon = line.indexOf(':');
        inField =
            colon > 0
            && QByteArrayView(line).first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0;
        if (inField)
            current = line.mid(colon + 1);
    }
    if (inField)
        values.append(current.trimmed());
    return values;
}
