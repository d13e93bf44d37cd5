// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "serverconfig.h"

#include "relay/relaysettings.h"
#include "smtp/addresspattern.h"
#include "smtp/credentialchecker.h"
#include "smtp/smtpserversettings.h"
#include "smtp/smtpsyntax.h"
#include "store/searchquery.h"
#include "tls/tlssettings.h"

#include <QStandardPaths>

#include <variant>

namespace {

using Id = ConfigSetting::Id;

// Which member holds which setting: the one switch that ties the table to the struct, so that
// value(), setValue() and assign() need no per-setting code of their own.
using Member =
    std::variant<QString ServerConfig::*, qint64 ServerConfig::*, int ServerConfig::*,
                 bool ServerConfig::*, QStringList ServerConfig::*, QByteArray ServerConfig::*>;

Member memberOf(Id id)
{
    switch (id) {
    case Id::Listen:
        return &ServerConfig::listen;
    case Id::TlsListen:
        return &ServerConfig::tlsListen;
    case Id::HostName:
        return &ServerConfig::hostName;
    case Id::AppName:
        return &ServerConfig::appName;
    case Id::MaxMessageSize:
        return &ServerConfig::maxMessageSize;
    case Id::MaxRecipients:
        return &ServerConfig::maxRecipients;
    case Id::IdleTimeout:
        return &ServerConfig::timeoutSeconds;
    case Id::MaxConnections:
        return &ServerConfig::maxConnections;
    case Id::MaxProtocolErrors:
        return &ServerConfig::maxProtocolErrors;
    case Id::AcceptRcpt:
        return &ServerConfig::acceptRcptPatterns;
    case Id::TlsCertificate:
        return &ServerConfig::tlsCertFile;
    case Id::TlsKey:
        return &ServerConfig::tlsKeyFile;
    case Id::TlsPassphrase:
        return &ServerConfig::tlsPassphrase;
    case Id::RequireTls:
        return &ServerConfig::requireTls;
    case Id::TlsHandshakeTimeout:
        return &ServerConfig::tlsHandshakeSeconds;
    case Id::AuthEnabled:
        return &ServerConfig::authEnabled;
    case Id::AuthRequired:
        return &ServerConfig::authRequired;
    case Id::AuthAcceptAny:
        return &ServerConfig::authAcceptAny;
    case Id::AuthUsers:
        return &ServerConfig::authUsers;
    case Id::AuthMechanisms:
        return &ServerConfig::authMechanisms;
    case Id::AllowInsecureAuth:
        return &ServerConfig::allowInsecureAuth;
    case Id::StoreDirectory:
        return &ServerConfig::storeDirectory;
    case Id::MaildirDirectory:
        return &ServerConfig::maildirDirectory;
    case Id::RetainMessages:
        return &ServerConfig::retainMessages;
    case Id::RetainDays:
        return &ServerConfig::retainDays;
    case Id::ApiListen:
        return &ServerConfig::apiListen;
    case Id::ApiAuth:
        return &ServerConfig::apiUsers;
    case Id::FaultRules:
        return &ServerConfig::faultRules;
    case Id::FaultsEnabled:
        return &ServerConfig::faultsEnabled;
    case Id::FaultSeed:
        return &ServerConfig::faultSeed;
    case Id::FaultGreylistWindow:
        return &ServerConfig::faultGreylistWindowSeconds;
    case Id::RelayHost:
        return &ServerConfig::relayHost;
    case Id::RelayTls:
        return &ServerConfig::relayTls;
    case Id::RelayNoVerify:
        return &ServerConfig::relayNoVerify;
    case Id::RelayUser:
        return &ServerConfig::relayUser;
    case Id::RelaySender:
        return &ServerConfig::relaySender;
    case Id::RelayAllow:
        return &ServerConfig::relayAllow;
    case Id::RelayAuto:
        return &ServerConfig::relayAuto;
    case Id::RelayTimeout:
        return &ServerConfig::relayTimeoutSeconds;
    case Id::RelayQueueLimit:
        return &ServerConfig::relayQueueLimit;
    case Id::RelayRetryHours:
        return &ServerConfig::relayRetryHours;
    }
    Q_UNREACHABLE();
}

QString keyOf(Id id)
{
    return QString(ConfigSetting::of(id).key);
}

Error problem(ErrorCode code, Id id, const QString &message)
{
    return Error(code, message, keyOf(id));
}

/// "host:port" of the relay: a host name or address (IPv6 in brackets) and a port from 1.
struct HostPort
{
    QString host;
    quint16 port = 0;
};

std::optional<HostPort> parseHostPort(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype colon = trimmed.lastIndexOf(u':');
    if (colon <= 0)
        return std::nullopt;
    QString host = trimmed.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = trimmed.mid(colon + 1).toUInt(&ok);
    if (!ok || port == 0 || port > 65535 || host.isEmpty() || host.contains(u' '))
        return std::nullopt;
    return HostPort{host, quint16(port)};
}

void validateRelay(const ServerConfig &config, QList<Error> &errors)
{
    if (config.relayConfigured() && !parseHostPort(config.relayHost))
        errors.append(
            problem(ErrorCode::InvalidValue, Id::RelayHost,
                    QStringLiteral("relay \"%1\" is not HOST:PORT").arg(config.relayHost)));
    if (!relayTlsModeFromString(config.relayTls))
        errors.append(problem(ErrorCode::InvalidValue, Id::RelayTls,
                              QStringLiteral("relay TLS \"%1\" is not none, starttls or implicit")
                                  .arg(config.relayTls)));
    if (!config.relayUser.isEmpty() && !CredentialChecker::parseUserSpec(config.relayUser))
        errors.append(problem(ErrorCode::InvalidValue, Id::RelayUser,
                              QStringLiteral("relay user \"%1\" is not USER:PASSWORD")
                                  .arg(config.relayUser.left(config.relayUser.indexOf(u':')))));
    if (!config.relaySender.isEmpty()
        && !SmtpSyntax::isMailbox(config.relaySender.trimmed().toUtf8(), true, false))
        errors.append(problem(
            ErrorCode::InvalidValue, Id::RelaySender,
            QStringLiteral("relay sender \"%1\" is not an address").arg(config.relaySender)));
    for (const QString &pattern : config.relayAllow) {
        if (pattern.trimmed().isEmpty() || pattern.trimmed().contains(u' '))
            errors.append(problem(
                ErrorCode::InvalidValue, Id::RelayAllow,
                QStringLiteral("relay pattern \"%1\" is empty or has spaces").arg(pattern)));
    }
    if (!config.relayAuto.trimmed().isEmpty()) {
        if (const auto query = SearchQuery::parse(config.relayAuto); !query)
            errors.append(query.error().about(keyOf(Id::RelayAuto)));
        else if (!config.relayConfigured())
            errors.append(problem(ErrorCode::Conflict, Id::RelayAuto,
                                  QStringLiteral("automatic relay needs a relay host")));
    }
}

} // namespace

QStringList ServerConfig::defaultList(Id id)
{
    return QString(ConfigSetting::of(id).defaultText).split(u',', Qt::SkipEmptyParts);
}

QString ServerConfig::defaultStoreDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString ServerConfig::effectiveStoreDirectory() const
{
    return storeDirectory.isEmpty() ? defaultStoreDirectory() : storeDirectory;
}

bool ServerConfig::apiEnabled() const
{
    return apiListen.trimmed().compare(kApiOff, Qt::CaseInsensitive) != 0;
}

bool ServerConfig::apiListenIsDefault() const
{
    return apiListen.trimmed() == ConfigSetting::of(Id::ApiListen).defaultText;
}

QVariant ServerConfig::value(Id id) const
{
    return std::visit([this](auto member) { return QVariant::fromValue(this->*member); },
                      memberOf(id));
}

void ServerConfig::setValue(Id id, const QVariant &value)
{
    std::visit(
        [this, &value](auto member) {
            using T = std::remove_reference_t<decltype(this->*member)>;
            if constexpr (std::is_same_v<T, QString>)
                this->*member = value.toString();
            else if constexpr (std::is_same_v<T, qint64>)
                this->*member = value.toLongLong();
            else if constexpr (std::is_same_v<T, int>)
                this->*member = value.toInt();
            else if constexpr (std::is_same_v<T, bool>)
                this->*member = value.toBool();
            else if constexpr (std::is_same_v<T, QStringList>)
                this->*member = value.toStringList();
            else
                this->*member = value.toByteArray();
        },
        memberOf(id));
}

void ServerConfig::assign(const ServerConfig &other, const QSet<Id> &ids)
{
    for (const Id id : ids)
        std::visit([this, &other](auto member) { this->*member = other.*member; }, memberOf(id));
}

QList<Error> ServerConfig::validate() const
{
    QList<Error> errors;
    for (const ConfigSetting &setting : ConfigSetting::all()) {
        if (setting.kind != ConfigSetting::Kind::Number)
            continue;
        if (Result<void> inRange = setting.checkRange(value(setting.id).toLongLong()); !inRange)
            errors.append(inRange.error());
    }

    if (const auto address = ListenAddress::parse(listen); !address)
        errors.append(address.error().about(keyOf(Id::Listen)));
    if (!tlsListen.isEmpty()) {
        if (const auto address = ListenAddress::parse(tlsListen); !address)
            errors.append(address.error().about(keyOf(Id::TlsListen)));
        else if (!tlsConfigured())
            errors.append(problem(ErrorCode::Conflict, Id::TlsListen,
                                  QStringLiteral("the implicit-TLS listener needs a certificate "
                                                 "and key")));
    }
    if (apiEnabled()) {
        if (const auto address = ListenAddress::parse(apiListen.trimmed()); !address)
            errors.append(address.error().about(keyOf(Id::ApiListen)));
    }
    for (const QString &spec : apiUsers) {
        if (!CredentialChecker::parseUserSpec(spec))
            errors.append(problem(ErrorCode::InvalidValue, Id::ApiAuth,
                                  QStringLiteral("API user \"%1\" is not USER:PASSWORD")
                                      .arg(spec.left(spec.indexOf(u':')))));
    }
    validateRelay(*this, errors);
    if (!hostName.isEmpty() && !SmtpSyntax::isDomain(hostName.toUtf8(), false))
        errors.append(
            problem(ErrorCode::InvalidValue, Id::HostName,
                    QStringLiteral("host name \"%1\" is not a valid domain name").arg(hostName)));
    for (const QString &pattern : acceptRcptPatterns) {
        if (pattern.trimmed().isEmpty() || pattern.trimmed().contains(u' '))
            errors.append(problem(ErrorCode::InvalidValue, Id::AcceptRcpt,
                                  QStringLiteral("recipient pattern \"%1\" is empty or has "
                                                 "spaces")
                                      .arg(pattern)));
    }

    if (faultRules.size() > FaultSettings::kMaxRules)
        errors.append(problem(ErrorCode::OutOfRange, Id::FaultRules,
                              QStringLiteral("at most %1 fault rules, not %2")
                                  .arg(FaultSettings::kMaxRules)
                                  .arg(faultRules.size())));
    for (qsizetype i = 0; i < faultRules.size(); ++i) {
        if (const Result<FaultRule> rule = FaultRule::parse(faultRules.at(i)); !rule)
            errors.append(
                problem(rule.error().code, Id::FaultRules,
                        QStringLiteral("fault rule %1: %2").arg(i + 1).arg(rule.error().message)));
    }

    if (tlsCertFile.isEmpty() != tlsKeyFile.isEmpty())
        errors.append(problem(ErrorCode::Conflict,
                              tlsKeyFile.isEmpty() ? Id::TlsKey : Id::TlsCertificate,
                              QStringLiteral("a certificate and a key go together")));
    if (requireTls && !tlsConfigured())
        errors.append(problem(ErrorCode::Conflict, Id::RequireTls,
                              QStringLiteral("requiring TLS needs a certificate and key")));

    if (authEnabled) {
        bool anyUser = false;
        for (const QString &spec : authUsers) {
            if (!CredentialChecker::parseUserSpec(spec))
                errors.append(problem(ErrorCode::InvalidValue, Id::AuthUsers,
                                      QStringLiteral("user \"%1\" is not USER:PASSWORD")
                                          .arg(spec.left(spec.indexOf(u':')))));
            anyUser = true;
        }
        if (!anyUser && !authAcceptAny)
            errors.append(problem(ErrorCode::Conflict, Id::AuthUsers,
                                  QStringLiteral("authentication needs a user or \"accept "
                                                 "any\"")));
        bool anyMechanism = false;
        for (const QString &name : authMechanisms) {
            if (SaslMechanism::fromName(name.trimmed().toLatin1()))
                anyMechanism = true;
            else
                errors.append(problem(ErrorCode::InvalidValue, Id::AuthMechanisms,
                                      QStringLiteral("unknown mechanism \"%1\" (PLAIN, LOGIN, "
                                                     "CRAM-MD5)")
                                          .arg(name.trimmed())));
        }
        if (!anyMechanism)
            errors.append(problem(ErrorCode::InvalidValue, Id::AuthMechanisms,
                                  QStringLiteral("authentication needs at least one mechanism")));
    }
    return errors;
}

Result<FaultSettings> ServerConfig::faultSettings() const
{
    FaultSettings settings;
    settings.enabled = faultsEnabled;
    settings.seed = quint64(faultSeed);
    settings.greylistWindow = std::chrono::seconds(faultGreylistWindowSeconds);
    if (faultRules.size() > FaultSettings::kMaxRules)
        return problem(ErrorCode::OutOfRange, Id::FaultRules,
                       QStringLiteral("at most %1 fault rules").arg(FaultSettings::kMaxRules));
    for (qsizetype i = 0; i < faultRules.size(); ++i) {
        Result<FaultRule> rule = FaultRule::parse(faultRules.at(i));
        if (!rule)
            return problem(
                rule.error().code, Id::FaultRules,
                QStringLiteral("fault rule %1: %2").arg(i + 1).arg(rule.error().message));
        settings.rules.append(std::move(rule).value());
    }
    return settings;
}

void ServerConfig::setFaultSettings(const FaultSettings &settings)
{
    faultsEnabled = settings.enabled;
    faultSeed = qint64(settings.seed);
    faultGreylistWindowSeconds = int(settings.greylistWindow.count());
    faultRules.clear();
    for (const FaultRule &rule : settings.rules)
        faultRules.append(rule.toString());
}

Result<SmtpServerSettings> ServerConfig::toServerSettings() const
{
    if (const QList<Error> errors = validate(); !errors.isEmpty())
        return errors.first();

    SmtpServerSettings result;
    result.listen = *ListenAddress::parse(listen);
    if (!tlsListen.isEmpty())
        result.tlsListen = *ListenAddress::parse(tlsListen);
    result.hostName = hostName;
    if (!appName.isEmpty())
        result.appName = appName;
    result.maxMessageSize = maxMessageSize;
    result.maxRecipients = maxRecipients;
    result.idleTimeout = std::chrono::seconds(timeoutSeconds);
    result.maxConnections = maxConnections;
    result.maxProtocolErrors = maxProtocolErrors;
    result.tlsHandshakeTimeout = std::chrono::seconds(tlsHandshakeSeconds);
    // Checked above: validate() refuses rules that do not parse.
    if (const Result<FaultSettings> faults = faultSettings()) {
        result.faults = std::make_shared<FaultInjector>();
        result.faults->configure(*faults);
    }

    if (tlsConfigured()) {
        Result<QSslConfiguration> tls = TlsSettings::load(tlsCertFile, tlsKeyFile, tlsPassphrase);
        if (!tls)
            return std::move(tls).error();
        result.tls = std::move(tls).value();
    }
    result.requireTls = requireTls;

    if (authEnabled) {
        CredentialChecker credentials;
        for (const QString &spec : authUsers) {
            // Checked above: validate() refuses a spec that does not parse.
            if (const Result<CredentialChecker::UserSpec> parsed =
                    CredentialChecker::parseUserSpec(spec))
                credentials.addUser(parsed->user, parsed->password);
        }
        credentials.setAcceptAny(authAcceptAny);
        result.authHandler = credentials.handler();
        result.authRequired = authRequired;
        result.authMechanisms.clear();
        for (const QString &name : authMechanisms) {
            if (const auto type = SaslMechanism::fromName(name.trimmed().toLatin1()))
                result.authMechanisms.insert(*type);
        }
        if (allowInsecureAuth) {
            for (const SaslMechanism::Type type : SaslMechanism::allTypes())
                result.authMechanismsBeforeTls.insert(type);
        }
    }

    if (!acceptRcptPatterns.isEmpty()) {
        QList<AddressPattern> patterns;
        for (const QString &pattern : acceptRcptPatterns)
            patterns.append(AddressPattern(pattern.trimmed()));
        result.rcptHandler = [patterns](const QString &, const QByteArray &, const QByteArray &to) {
            return AddressPattern::matchesAny(patterns, QString::fromUtf8(to));
        };
    }
    return result;
}

Result<RelaySettings> ServerConfig::toRelaySettings() const
{
    QList<Error> errors;
    validateRelay(*this, errors);
    for (const Id id : {Id::RelayTimeout, Id::RelayQueueLimit, Id::RelayRetryHours}) {
        if (Result<void> inRange = ConfigSetting::of(id).checkRange(value(id).toLongLong());
            !inRange)
            errors.append(inRange.error());
    }
    if (!errors.isEmpty())
        return errors.first();

    RelaySettings result;
    result.enabled = relayConfigured();
    if (result.enabled) {
        const HostPort hostPort = *parseHostPort(relayHost);
        result.target.host = hostPort.host;
        result.target.port = hostPort.port;
    }
    result.target.tls = *relayTlsModeFromString(relayTls);
    result.target.verifyCertificate = !relayNoVerify;
    if (const Result<CredentialChecker::UserSpec> user =
            CredentialChecker::parseUserSpec(relayUser);
        !relayUser.isEmpty() && user) {
        result.target.user = user->user;
        result.target.password = user->password;
    }
    SmtpServerSettings names;
    names.hostName = hostName;
    result.target.heloName = names.effectiveHostName().toUtf8();
    result.target.stepTimeout = std::chrono::seconds(relayTimeoutSeconds);
    result.senderOverride = relaySender.trimmed().toUtf8();
    for (const QString &pattern : relayAllow)
        result.allowed.append(AddressPattern(pattern.trimmed()));
    result.autoQuery = relayAuto.trimmed();
    result.queueLimit = relayQueueLimit;
    result.retryFor = std::chrono::hours(relayRetryHours);
    return result;
}
