// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "api/apifaultroutes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <array>
#include <utility>

namespace {

using L = QLatin1StringView;

constexpr std::array<std::pair<FaultMatch::Field, L>, 6> kFields{{
    {FaultMatch::Field::Subject, L("subject")},
    {FaultMatch::Field::Sender, L("from")},
    {FaultMatch::Field::Recipient, L("to")},
    {FaultMatch::Field::AuthUser, L("user")},
    {FaultMatch::Field::Remote, L("remote")},
    {FaultMatch::Field::Header, L("header")},
}};
constexpr std::array<std::pair<FaultRule::Action, L>, 4> kActions{{
    {FaultRule::Action::Reply, L("reply")},
    {FaultRule::Action::Delay, L("delay")},
    {FaultRule::Action::Disconnect, L("disconnect")},
    {FaultRule::Action::Greylist, L("greylist")},
}};
constexpr std::array<std::pair<FaultRule::Frequency, L>, 3> kFrequencies{{
    {FaultRule::Frequency::Always, L("always")},
    {FaultRule::Frequency::Next, L("next")},
    {FaultRule::Frequency::Probability, L("probability")},
}};

template<typename T, std::size_t N> L nameOf(const std::array<std::pair<T, L>, N> &table, T value)
{
    for (const auto &[entry, name] : table) {
        if (entry == value)
            return name;
    }
    return {};
}

template<typename T, std::size_t N>
std::optional<T> valueOf(const std::array<std::pair<T, L>, N> &table, const QString &name)
{
    for (const auto &[entry, entryName] : table) {
        if (name.compare(entryName, Qt::CaseInsensitive) == 0)
            return entry;
    }
    return std::nullopt;
}

ApiReply badRequest(const QString &message)
{
    return ApiReply::text(400, message.toUtf8());
}

Result<QJsonObject> parseObject(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return Error(ErrorCode::MalformedInput,
                     QStringLiteral("the body is not JSON: %1").arg(error.errorString()));
    if (!document.isObject())
        return Error(ErrorCode::MalformedInput, QStringLiteral("the body must be a JSON object"));
    return document.object();
}

/// A whole number from JSON, or an error naming `name`.
Result<qint64> integer(const QJsonValue &value, const QString &name)
{
    if (!value.isDouble() || value.toDouble() != double(qint64(value.toDouble())))
        return Error(ErrorCode::InvalidValue,
                     QStringLiteral("%1 must be a whole number").arg(name));
    return qint64(value.toDouble());
}

QJsonObject chaosTrigger(const ChaosTriggers::Trigger &trigger)
{
    return {{QStringLiteral("ErrorCode"), trigger.errorCode},
            {QStringLiteral("Probability"), trigger.probability}};
}

} // namespace

QJsonObject ApiFaultRoutes::ruleJson(const FaultRule &rule)
{
    return {
        {QStringLiteral("Rule"), rule.toString()},
        {QStringLiteral("Stage"), QString(toString(rule.stage))},
        {QStringLiteral("Match"),
         QJsonObject{{QStringLiteral("Field"), QString(nameOf(kFields, rule.match.field))},
                     {QStringLiteral("Header"), rule.match.header},
                     {QStringLiteral("Pattern"), rule.match.pattern}}},
        {QStringLiteral("Action"), QString(nameOf(kActions, rule.action))},
        {QStringLiteral("Code"), rule.code},
        {QStringLiteral("EnhancedCode"), QString::fromLatin1(rule.enhancedCode)},
        {QStringLiteral("Text"), QString::fromLatin1(rule.text)},
        {QStringLiteral("DelayMs"), rule.delayMs},
        {QStringLiteral("Greylist"), rule.greylistAttempts},
        {QStringLiteral("Frequency"), QString(nameOf(kFrequencies, rule.frequency))},
        {QStringLiteral("Next"), rule.nextCount},
        {QStringLiteral("Probability"), rule.probability},
        {QStringLiteral("Enabled"), rule.enabled},
    };
}

Result<FaultRule> ApiFaultRoutes::ruleFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return Error(ErrorCode::InvalidValue, QStringLiteral("a rule must be a JSON object"));
    const QJsonObject object = value.toObject();
    const auto enabled = [&object](FaultRule rule) -> Result<FaultRule> {
        const QJsonValue flag = object.value(QStringLiteral("Enabled"));
        if (!flag.isUndefined() && !flag.isBool())
            return Error(ErrorCode::InvalidValue, QStringLiteral("Enabled must be true or false"));
        rule.enabled = flag.toBool(rule.enabled);
        return rule;
    };
    if (const QJsonValue text = object.value(QStringLiteral("Rule")); !text.isUndefined()) {
        if (!text.isString())
            return Error(ErrorCode::InvalidValue, QStringLiteral("Rule must be a string"));
        Result<FaultRule> rule = FaultRule::parse(text.toString());
        if (!rule)
            return rule;
        return enabled(*rule);
    }

    FaultRule rule;
    const std::optional<FaultStage> stage =
        faultStageFromName(object.value(QStringLiteral("Stage")).toString());
    if (!stage)
        return Error(ErrorCode::InvalidValue,
                     QStringLiteral("Stage must be one of connect, helo, starttls, auth, mail, "
                                    "rcpt, data, data-end, rset, quit"));
    rule.stage = *stage;
    const QJsonObject match = object.value(QStringLiteral("Match")).toObject();
    if (const QJsonValue field = match.value(QStringLiteral("Field")); !field.isUndefined()) {
        const auto parsed = valueOf(kFields, field.toString());
        if (!parsed)
            return Error(ErrorCode::InvalidValue,
                         QStringLiteral("Match.Field must be subject, from, to, user, remote or "
                                        "header"));
        rule.match.field = *parsed;
    }
    rule.match.header = match.value(QStringLiteral("Header")).toString();
    rule.match.pattern = match.value(QStringLiteral("Pattern")).toString(QStringLiteral("*"));

    const auto action = valueOf(kActions, object.value(QStringLiteral("Action")).toString());
    if (!action)
        return Error(ErrorCode::InvalidValue,
                     QStringLiteral("Action must be reply, delay, disconnect or greylist"));
    rule.action = *action;
    const std::pair<QLatin1StringView, qint64 *> numbers[] = {{L("DelayMs"), &rule.delayMs},
                                                              {L("Next"), &rule.nextCount}};
    for (const auto &[name, target] : numbers) {
        if (const QJsonValue number = object.value(name); !number.isUndefined()) {
            const Result<qint64> parsed = integer(number, QString(name));
            if (!parsed)
                return parsed.error();
            *target = *parsed;
        }
    }
    for (const auto &[name, target] : {std::pair<QLatin1StringView, int *>{L("Code"), &rule.code},
                                       {L("Greylist"), &rule.greylistAttempts}}) {
        if (const QJsonValue number = object.value(name); !number.isUndefined()) {
            const Result<qint64> parsed = integer(number, QString(name));
            if (!parsed)
                return parsed.error();
            if (*parsed < 0 || *parsed > 100000)
                return Error(ErrorCode::OutOfRange, QStringLiteral("%1 is out of range").arg(name));
            *target = int(*parsed);
        }
    }
    rule.enhancedCode = object.value(QStringLiteral("EnhancedCode")).toString().toLatin1();
    const QString text = object.value(QStringLiteral("Text")).toString();
    rule.text = text.toUtf8();
    if (const QJsonValue frequency = object.value(QStringLiteral("Frequency"));
        !frequency.isUndefined()) {
        const auto parsed = valueOf(kFrequencies, frequency.toString());
        if (!parsed)
            return Error(ErrorCode::InvalidValue,
                         QStringLiteral("Frequency must be always, next or probability"));
        rule.frequency = *parsed;
    }
    if (const QJsonValue probability = object.value(QStringLiteral("Probability"));
        !probability.isUndefined()) {
        if (!probability.isDouble())
            return Error(ErrorCode::InvalidValue, QStringLiteral("Probability must be a number"));
        rule.probability = probability.toDouble();
    }
    if (const Result<void> valid = rule.validate(); !valid)
        return valid.error();
    return enabled(rule);
}

ApiReply ApiFaultRoutes::faults(const FaultInjector &injector)
{
    const FaultSettings settings = injector.settings();
    QJsonArray rules;
    for (const FaultRule &rule : settings.rules)
        rules.append(ruleJson(rule));
    return ApiReply::json(QJsonObject{
        {QStringLiteral("Enabled"), settings.enabled},
        {QStringLiteral("Active"), settings.isActive()},
        // Strings: a seed may pass 2^53, where JSON numbers stop being exact in many clients.
        {QStringLiteral("Seed"), QString::number(settings.seed)},
        {QStringLiteral("EffectiveSeed"), QString::number(injector.seed())},
        {QStringLiteral("GreylistWindow"), qint64(settings.greylistWindow.count())},
        {QStringLiteral("GreylistEntries"), qint64(injector.greylistEntries())},
        {QStringLiteral("Rules"), rules},
    });
}

ApiReply ApiFaultRoutes::setFaults(FaultInjector &injector, const QByteArray &body)
{
    const Result<QJsonObject> object = parseObject(body);
    if (!object)
        return badRequest(object.error().message);
    FaultSettings settings = injector.settings();
    if (const QJsonValue enabled = object->value(QStringLiteral("Enabled"));
        !enabled.isUndefined()) {
        if (!enabled.isBool())
            return badRequest(QStringLiteral("Enabled must be true or false"));
        settings.enabled = enabled.toBool();
    }
    if (const QJsonValue seed = object->value(QStringLiteral("Seed")); !seed.isUndefined()) {
        quint64 value = 0;
        bool ok = false;
        if (seed.isString()) {
            value = seed.toString().toULongLong(&ok);
        } else if (const Result<qint64> number = integer(seed, {}); number && *number >= 0) {
            value = quint64(*number);
            ok = true;
        }
        const qint64 maximum = ConfigSetting::of(ConfigSetting::Id::FaultSeed).maximum;
        if (!ok || value > quint64(maximum))
            return badRequest(
                QStringLiteral("Seed must be a whole number from 0 to %1").arg(maximum));
        settings.seed = value;
    }
    if (const QJsonValue window = object->value(QStringLiteral("GreylistWindow"));
        !window.isUndefined()) {
        const ConfigSetting &setting = ConfigSetting::of(ConfigSetting::Id::FaultGreylistWindow);
        const Result<qint64> seconds = integer(window, QStringLiteral("GreylistWindow"));
        if (!seconds)
            return badRequest(seconds.error().message);
        if (const Result<void> inRange = setting.checkRange(*seconds); !inRange)
            return badRequest(QStringLiteral("GreylistWindow must be from %1 to %2 seconds")
                                  .arg(setting.minimum)
                                  .arg(setting.maximum));
        settings.greylistWindow = std::chrono::seconds(*seconds);
    }
    if (const QJsonValue rules = object->value(QStringLiteral("Rules")); !rules.isUndefined()) {
        if (!rules.isArray())
            return badRequest(QStringLiteral("Rules must be an array"));
        const QJsonArray array = rules.toArray();
        if (array.size() > FaultSettings::kMaxRules)
            return badRequest(
                QStringLiteral("Rules: at most %1 rules").arg(FaultSettings::kMaxRules));
        settings.rules.clear();
        for (qsizetype i = 0; i < array.size(); ++i) {
            Result<FaultRule> rule = ruleFromJson(array.at(i));
            if (!rule)
                return badRequest(QStringLiteral("Rules[%1]: %2").arg(i).arg(rule.error().message));
            settings.rules.append(std::move(rule).value());
        }
    }
    injector.configure(settings);
    return faults(injector);
}

ApiReply ApiFaultRoutes::chaos(const FaultInjector &injector)
{
    const ChaosTriggers triggers = injector.chaos();
    return ApiReply::json(
        QJsonObject{{QStringLiteral("Sender"), chaosTrigger(triggers.sender)},
                    {QStringLiteral("Recipient"), chaosTrigger(triggers.recipient)},
                    {QStringLiteral("Authentication"), chaosTrigger(triggers.authentication)}});
}

ApiReply ApiFaultRoutes::setChaos(FaultInjector &injector, const QByteArray &body)
{
    const Result<QJsonObject> object = parseObject(body);
    if (!object)
        return badRequest(object.error().message);
    ChaosTriggers triggers;
    const std::pair<QLatin1StringView, ChaosTriggers::Trigger *> entries[] = {
        {L("Sender"), &triggers.sender},
        {L("Recipient"), &triggers.recipient},
        {L("Authentication"), &triggers.authentication}};
    for (const auto &[name, trigger] : entries) {
        const QJsonValue value = object->value(name);
        if (value.isUndefined() || value.isNull())
            continue; // Mailpit: a trigger left out is off
        if (!value.isObject())
            return badRequest(QStringLiteral("%1 must be an object").arg(name));
        const QJsonObject fields = value.toObject();
        for (const auto &[field, target] :
             {std::pair<QLatin1StringView, int *>{L("ErrorCode"), &trigger->errorCode},
              {L("Probability"), &trigger->probability}}) {
            const QJsonValue number = fields.value(field);
            if (number.isUndefined())
                continue;
            const Result<qint64> parsed = integer(number, name + u'.' + field);
            if (!parsed)
                return badRequest(parsed.error().message);
            if (*parsed < -1 || *parsed > 100000)
                return badRequest(QStringLiteral("%1.%2 is out of range").arg(name, field));
            // Mailpit: an ErrorCode of 0 means the trigger's default.
            if (!(field == L("ErrorCode") && *parsed == 0))
                *target = int(*parsed);
        }
    }
    if (const Result<void> valid = triggers.validate(); !valid)
        return badRequest(valid.error().message);
    injector.setChaos(triggers);
    return chaos(injector);
}
