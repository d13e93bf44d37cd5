// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "faults/faultrule.h"

#include <array>
#include <utility>

namespace {

using L = QLatin1StringView;

constexpr std::array<std::pair<FaultStage, L>, 10> kStageNames{{
    {FaultStage::Connect, L("connect")},
    {FaultStage::Helo, L("helo")},
    {FaultStage::StartTls, L("starttls")},
    {FaultStage::Auth, L("auth")},
    {FaultStage::Mail, L("mail")},
    {FaultStage::Rcpt, L("rcpt")},
    {FaultStage::Data, L("data")},
    {FaultStage::DataEnd, L("data-end")},
    {FaultStage::Rset, L("rset")},
    {FaultStage::Quit, L("quit")},
}};

constexpr std::array<std::pair<FaultMatch::Field, L>, 4> kFieldNames{{
    {FaultMatch::Field::Sender, L("from")},
    {FaultMatch::Field::Recipient, L("to")},
    {FaultMatch::Field::AuthUser, L("user")},
    {FaultMatch::Field::Remote, L("remote")},
}};

constexpr L kHeaderPrefix("header.");

Error invalid(const QString &message)
{
    return Error(ErrorCode::InvalidValue, message);
}

Error outOfRange(const QString &message)
{
    return Error(ErrorCode::OutOfRange, message);
}

bool hasControl(QStringView text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return true;
    }
    return false;
}

/// RFC 3463 §2: class.subject.detail, the class 2, 4 or 5, the others one to three digits.
bool isEnhancedCode(QStringView text)
{
    const QList<QStringView> parts = text.split(u'.');
    if (parts.size() != 3)
        return false;
    for (const QStringView part : parts) {
        if (part.isEmpty() || part.size() > 3)
            return false;
        for (const QChar c : part) {
            if (!c.isDigit() || c.unicode() > 0x7f)
                return false;
        }
    }
    return parts[0].size() == 1;
}

Result<qint64> parseCount(QStringView text, const QString &what)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok)
        return invalid(QStringLiteral("%1 must be a number, not \"%2\"").arg(what, text));
    return value;
}

/// Where the match part ends: the first ':' outside brackets, or -1.
qsizetype matchEnd(QStringView text)
{
    int depth = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u'[')
            ++depth;
        else if (text[i] == u']' && depth > 0)
            --depth;
        else if (text[i] == u':' && depth == 0)
            return i;
    }
    return -1;
}

Result<FaultMatch> parseMatch(QStringView text)
{
    FaultMatch match;
    QStringView pattern = text;
    const qsizetype equals = text.indexOf(u'=');
    if (equals > 0) {
        const QStringView name = text.first(equals);
        if (name.startsWith(kHeaderPrefix, Qt::CaseInsensitive)) {
            match.field = FaultMatch::Field::Header;
            match.header = name.sliced(kHeaderPrefix.size()).toString();
            pattern = text.sliced(equals + 1);
        } else {
            for (const auto &[field, fieldName] : kFieldNames) {
                if (name.compare(fieldName, Qt::CaseInsensitive) == 0) {
                    match.field = field;
                    pattern = text.sliced(equals + 1);
                }
            }
        }
    }
    pattern = pattern.trimmed();
    if (pattern.size() >= 2 && pattern.startsWith(u'[') && pattern.endsWith(u']'))
        pattern = pattern.sliced(1, pattern.size() - 2);
    match.pattern = pattern.toString();
    return match;
}

QString matchText(const FaultMatch &match)
{
    QString pattern = match.pattern;
    if (pattern.contains(u':'))
        pattern = u'[' + pattern + u']';
    switch (match.field) {
    case FaultMatch::Field::Subject:
        return pattern;
    case FaultMatch::Field::Header:
        return kHeaderPrefix + match.header + u'=' + pattern;
    default:
        break;
    }
    for (const auto &[field, name] : kFieldNames) {
        if (field == match.field)
            return name + u'=' + pattern;
    }
    Q_UNREACHABLE();
}

/// RFC 5322 §3.6.8: a field name is printable ASCII but ':'.
bool isHeaderName(QStringView name)
{
    if (name.isEmpty() || name.size() > 76)
        return false;
    for (const QChar c : name) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f || c == u':')
            return false;
    }
    return true;
}

bool fieldAvailable(FaultMatch::Field field, FaultStage stage)
{
    switch (field) {
    case FaultMatch::Field::Subject:
    case FaultMatch::Field::AuthUser:
    case FaultMatch::Field::Remote:
        return true;
    case FaultMatch::Field::Sender:
        return stage == FaultStage::Mail || stage == FaultStage::Rcpt || stage == FaultStage::Data
               || stage == FaultStage::DataEnd;
    case FaultMatch::Field::Recipient:
        return stage == FaultStage::Rcpt || stage == FaultStage::Data
               || stage == FaultStage::DataEnd;
    case FaultMatch::Field::Header:
        return stage == FaultStage::DataEnd;
    }
    return false;
}

} // namespace

QLatin1StringView toString(FaultStage stage)
{
    for (const auto &[value, name] : kStageNames) {
        if (value == stage)
            return name;
    }
    return {};
}

std::optional<FaultStage> faultStageFromName(QStringView name)
{
    for (const auto &[value, stageName] : kStageNames) {
        if (name.compare(stageName, Qt::CaseInsensitive) == 0)
            return value;
    }
    return std::nullopt;
}

QByteArray FaultRule::effectiveEnhancedCode() const
{
    if (!enhancedCode.isEmpty())
        return enhancedCode;
    return QByteArray::number(code / 100) + ".0.0";
}

QByteArray FaultRule::effectiveText() const
{
    return text.isEmpty() ? QByteArray("Fault injected by Letterbox") : text;
}

QString FaultRule::toString() const
{
    QString out = QString(::toString(stage));
    if (frequency == Frequency::Next)
        out += QStringLiteral(",next=%1").arg(nextCount);
    else if (frequency == Frequency::Probability)
        out += QStringLiteral(",p=%1").arg(probability, 0, 'g', 6);
    if (!enabled)
        out += QStringLiteral(",off");
    out += u':' + matchText(match) + u':';
    QString replyText;
    if (hasReply()) {
        replyText = QString::number(code);
        if (!enhancedCode.isEmpty())
            replyText += u' ' + QString::fromLatin1(enhancedCode);
        if (!text.isEmpty())
            replyText += u' ' + QString::fromLatin1(text);
    }
    switch (action) {
    case Action::Reply:
        return out + replyText;
    case Action::Disconnect:
        return out + QStringLiteral("disconnect");
    case Action::Greylist:
        return out + QStringLiteral("greylist=%1").arg(greylistAttempts);
    case Action::Delay:
        out += QStringLiteral("delay=%1").arg(delayMs);
        return replyText.isEmpty() ? out : out + u' ' + replyText;
    }
    return out;
}

Result<void> FaultRule::validate() const
{
    const QString stageName = QString(::toString(stage));
    if (!fieldAvailable(match.field, stage))
        return invalid(QStringLiteral("a rule at %1 cannot match %2= (not known there)")
                           .arg(stageName, matchText(match).section(u'=', 0, 0)));
    if (match.pattern.isEmpty())
        return invalid(QStringLiteral("the pattern is empty (use * to match everything)"));
    if (match.pattern.size() > kMaxPattern)
        return outOfRange(
            QStringLiteral("the pattern is longer than %1 characters").arg(kMaxPattern));
    if (hasControl(match.pattern))
        return invalid(QStringLiteral("the pattern holds control characters"));
    if (match.field == FaultMatch::Field::Header && !isHeaderName(match.header))
        return invalid(QStringLiteral("\"%1\" is not a header field name").arg(match.header));

    if (action == Action::Reply && !hasReply())
        return invalid(QStringLiteral("a reply needs a code"));
    if (hasReply()) {
        if (code < 400 || code > 599)
            return outOfRange(
                QStringLiteral("the reply code must be from 400 to 599 (a failure), not %1")
                    .arg(code));
        if (!enhancedCode.isEmpty()
            && (!isEnhancedCode(QString::fromLatin1(enhancedCode))
                || enhancedCode.at(0) - '0' != code / 100))
            return invalid(QStringLiteral("\"%1\" is not an enhanced status code of class %2 "
                                          "(RFC 3463, e.g. %2.1.1)")
                               .arg(QString::fromLatin1(enhancedCode))
                               .arg(code / 100));
        if (text.size() > kMaxReplyText)
            return outOfRange(
                QStringLiteral("the reply text is longer than %1 characters").arg(kMaxReplyText));
        for (const char c : text) {
            if (c < 0x20 || c > 0x7e)
                return invalid(QStringLiteral("the reply text must be printable ASCII"));
        }
    }
    if (action == Action::Delay && (delayMs < 1 || delayMs > kMaxDelayMs))
        return outOfRange(
            QStringLiteral("delay must be from 1 to %1 ms, not %2").arg(kMaxDelayMs).arg(delayMs));
    if (action == Action::Greylist) {
        if (stage != FaultStage::Rcpt)
            return invalid(QStringLiteral("greylisting works at rcpt, where sender, recipient "
                                          "and remote address are known"));
        if (greylistAttempts < 1 || greylistAttempts > kMaxGreylistAttempts)
            return outOfRange(QStringLiteral("greylist must be from 1 to %1 attempts, not %2")
                                  .arg(kMaxGreylistAttempts)
                                  .arg(greylistAttempts));
    }
    if (frequency == Frequency::Next && (nextCount < 1 || nextCount > kMaxNextCount))
        return outOfRange(
            QStringLiteral("next must be from 1 to %1, not %2").arg(kMaxNextCount).arg(nextCount));
    if (frequency == Frequency::Probability && !(probability > 0.0 && probability <= 1.0))
        return outOfRange(
            QStringLiteral("p must be above 0 and at most 1 (or 100%), not %1").arg(probability));
    return {};
}

Result<FaultRule> FaultRule::parseAction(QStringView text, FaultRule rule)
{
    text = text.trimmed();
    rule.code = 0;
    rule.enhancedCode.clear();
    rule.text.clear();
    rule.delayMs = 0;
    rule.greylistAttempts = 0;
    if (text.compare(L("disconnect"), Qt::CaseInsensitive) == 0) {
        rule.action = Action::Disconnect;
        return rule;
    }
    if (text.startsWith(L("greylist="), Qt::CaseInsensitive)) {
        rule.action = Action::Greylist;
        const Result<qint64> attempts = parseCount(text.sliced(9), QStringLiteral("greylist"));
        if (!attempts)
            return attempts.error();
        if (*attempts < 1 || *attempts > kMaxGreylistAttempts)
            return outOfRange(QStringLiteral("greylist must be from 1 to %1 attempts, not %2")
                                  .arg(kMaxGreylistAttempts)
                                  .arg(*attempts));
        rule.greylistAttempts = int(*attempts);
        return rule;
    }
    QStringView reply = text;
    if (text.startsWith(L("delay="), Qt::CaseInsensitive)) {
        rule.action = Action::Delay;
        const qsizetype space = text.indexOf(u' ');
        const Result<qint64> delay = parseCount(
            space < 0 ? text.sliced(6) : text.sliced(6, space - 6), QStringLiteral("delay"));
        if (!delay)
            return delay.error();
        rule.delayMs = *delay;
        reply = space < 0 ? QStringView() : text.sliced(space + 1).trimmed();
        if (reply.isEmpty())
            return rule;
    } else {
        rule.action = Action::Reply;
    }
    if (reply.isEmpty())
        return invalid(QStringLiteral("the action is missing (a reply such as \"550 5.1.1 no "
                                      "such user\", disconnect, delay=MS or greylist=N)"));
    const qsizetype codeEnd = reply.indexOf(u' ');
    const QStringView codeText = codeEnd < 0 ? reply : reply.first(codeEnd);
    bool ok = false;
    const int code = codeText.toInt(&ok);
    if (!ok || codeText.size() != 3)
        return invalid(QStringLiteral("\"%1\" is not an action (a reply such as \"550 5.1.1 no "
                                      "such user\", disconnect, delay=MS or greylist=N)")
                           .arg(reply.left(40)));
    rule.code = code;
    QStringView rest = codeEnd < 0 ? QStringView() : reply.sliced(codeEnd + 1).trimmed();
    const qsizetype enhancedEnd = rest.indexOf(u' ');
    const QStringView first = enhancedEnd < 0 ? rest : rest.first(enhancedEnd);
    if (isEnhancedCode(first)) {
        rule.enhancedCode = first.toLatin1();
        rest = enhancedEnd < 0 ? QStringView() : rest.sliced(enhancedEnd + 1).trimmed();
    }
    rule.text = rest.toString().toUtf8();
    return rule;
}

Result<FaultRule> FaultRule::parse(QStringView text)
{
    text = text.trimmed();
    if (text.size() > kMaxText)
        return outOfRange(QStringLiteral("the rule is longer than %1 characters").arg(kMaxText));
    const qsizetype headEnd = text.indexOf(u':');
    if (headEnd < 0)
        return invalid(QStringLiteral("\"%1\" is not STAGE:MATCH:ACTION").arg(text.left(60)));
    FaultRule rule;
    const QList<QStringView> head = text.first(headEnd).split(u',');
    const std::optional<FaultStage> stage = faultStageFromName(head.front().trimmed());
    if (!stage)
        return invalid(QStringLiteral("unknown stage \"%1\" (connect, helo, starttls, auth, "
                                      "mail, rcpt, data, data-end, rset, quit)")
                           .arg(head.front().trimmed().left(40)));
    rule.stage = *stage;
    for (QStringView option : head.sliced(1)) {
        option = option.trimmed();
        if (option.compare(L("off"), Qt::CaseInsensitive) == 0) {
            rule.enabled = false;
            continue;
        }
        const bool isNext = option.startsWith(L("next="), Qt::CaseInsensitive);
        const bool isProbability = option.startsWith(L("p="), Qt::CaseInsensitive);
        if (!isNext && !isProbability)
            return invalid(
                QStringLiteral("unknown option \"%1\" (next=N, p=P, off)").arg(option.left(40)));
        if (rule.frequency != Frequency::Always)
            return invalid(QStringLiteral("a rule takes next=N or p=P, once"));
        if (isNext) {
            const Result<qint64> count = parseCount(option.sliced(5), QStringLiteral("next"));
            if (!count)
                return count.error();
            rule.frequency = Frequency::Next;
            rule.nextCount = *count;
            continue;
        }
        QStringView value = option.sliced(2);
        const bool percent = value.endsWith(u'%');
        if (percent)
            value.chop(1);
        bool ok = false;
        const double probability = value.toDouble(&ok);
        if (!ok)
            return invalid(QStringLiteral("p must be a number, not \"%1\"").arg(value.left(40)));
        rule.frequency = Frequency::Probability;
        rule.probability = percent ? probability / 100.0 : probability;
    }
    const QStringView rest = text.sliced(headEnd + 1);
    const qsizetype end = matchEnd(rest);
    if (end < 0)
        return invalid(QStringLiteral("the rule has no action after STAGE:MATCH:"));
    const Result<FaultMatch> match = parseMatch(rest.first(end));
    if (!match)
        return match.error();
    rule.match = *match;
    Result<FaultRule> parsed = parseAction(rest.sliced(end + 1), rule);
    if (!parsed)
        return parsed;
    if (const Result<void> valid = parsed->validate(); !valid)
        return valid.error();
    return parsed;
}
