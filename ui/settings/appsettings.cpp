// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "appsettings.h"

#include "smtp/addresspattern.h"
#include "smtp/credentialchecker.h"
#include "smtp/smtpserversettings.h"
#include "tls/tlssettings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>
#include <array>

namespace {

// QSettings keys, grouped the way the settings dialog is.
constexpr QLatin1StringView kListen("server/listen");
constexpr QLatin1StringView kTlsListen("server/tlsListen");
constexpr QLatin1StringView kHostName("server/hostName");
constexpr QLatin1StringView kAppName("server/appName");
constexpr QLatin1StringView kMaxSize("server/maxMessageSize");
constexpr QLatin1StringView kMaxRecipients("server/maxRecipients");
constexpr QLatin1StringView kTimeout("server/timeoutSeconds");
constexpr QLatin1StringView kMaxConnections("server/maxConnections");
constexpr QLatin1StringView kAcceptRcpt("server/acceptRcptPatterns");
constexpr QLatin1StringView kCert("tls/certificateFile");
constexpr QLatin1StringView kKey("tls/keyFile");
constexpr QLatin1StringView kPassphrase("tls/passphrase");
constexpr QLatin1StringView kRequireTls("tls/require");
constexpr QLatin1StringView kTlsHandshake("tls/handshakeTimeoutSeconds");
constexpr QLatin1StringView kAuthEnabled("auth/enabled");
constexpr QLatin1StringView kAuthRequired("auth/required");
constexpr QLatin1StringView kAuthAcceptAny("auth/acceptAny");
constexpr QLatin1StringView kAuthUsers("auth/users");
constexpr QLatin1StringView kAuthMechanisms("auth/mechanisms");
constexpr QLatin1StringView kAllowInsecure("auth/allowInsecure");
constexpr QLatin1StringView kStore("storage/directory");
constexpr QLatin1StringView kMaildir("storage/maildir");
constexpr QLatin1StringView kRetainMessages("storage/retainMessages");
constexpr QLatin1StringView kRetainDays("storage/retainDays");
constexpr QLatin1StringView kNotifications("desktop/notifications");
constexpr QLatin1StringView kAppearance("desktop/appearance");

// Words in the file, so a hand-edited or newer file cannot select a mode by number.
constexpr std::array kAppearanceNames{QLatin1StringView("system"), QLatin1StringView("light"),
                                      QLatin1StringView("dark")};
constexpr QLatin1StringView kCloseToTray("desktop/closeToTray");

} // namespace

QString AppSettings::effectiveStoreDirectory() const
{
    return storeDirectory.isEmpty()
               ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
               : storeDirectory;
}

std::unique_ptr<QSettings> AppSettings::openSettingsFile()
{
    // Explicit, because QSettings() without an organisation name ends up in "Unknown
    // Organization", and setting one would move the default store.
    return openSettingsFile(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
                            + QStringLiteral("/letterbox.conf"));
}

std::unique_ptr<QSettings> AppSettings::openSettingsFile(const QString &path)
{
    // Created private before the first secret is written into it, not tightened afterwards.
    if (!QFileInfo::exists(path)) {
        QDir().mkpath(QFileInfo(path).path());
        QFile file(path);
        if (file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    return std::make_unique<QSettings>(path, QSettings::IniFormat);
}

AppSettings AppSettings::load(const QSettings &s)
{
    AppSettings d;
    AppSettings r;
    r.listen = s.value(kListen, d.listen).toString();
    r.tlsListen = s.value(kTlsListen, d.tlsListen).toString();
    r.hostName = s.value(kHostName, d.hostName).toString();
    r.appName = s.value(kAppName, d.appName).toString();
    r.maxMessageSize = s.value(kMaxSize, d.maxMessageSize).toLongLong();
    r.maxRecipients = s.value(kMaxRecipients, d.maxRecipients).toInt();
    r.timeoutSeconds = s.value(kTimeout, d.timeoutSeconds).toInt();
    r.maxConnections = s.value(kMaxConnections, d.maxConnections).toInt();
    r.acceptRcptPatterns = s.value(kAcceptRcpt, d.acceptRcptPatterns).toStringList();
    r.tlsCertFile = s.value(kCert, d.tlsCertFile).toString();
    r.tlsKeyFile = s.value(kKey, d.tlsKeyFile).toString();
    r.tlsPassphrase = s.value(kPassphrase, d.tlsPassphrase).toByteArray();
    r.requireTls = s.value(kRequireTls, d.requireTls).toBool();
    r.tlsHandshakeSeconds = s.value(kTlsHandshake, d.tlsHandshakeSeconds).toInt();
    r.authEnabled = s.value(kAuthEnabled, d.authEnabled).toBool();
    r.authRequired = s.value(kAuthRequired, d.authRequired).toBool();
    r.authAcceptAny = s.value(kAuthAcceptAny, d.authAcceptAny).toBool();
    r.authUsers = s.value(kAuthUsers, d.authUsers).toStringList();
    r.authMechanisms = s.value(kAuthMechanisms, d.authMechanisms).toStringList();
    r.allowInsecureAuth = s.value(kAllowInsecure, d.allowInsecureAuth).toBool();
    r.storeDirectory = s.value(kStore, d.storeDirectory).toString();
    r.maildirDirectory = s.value(kMaildir, d.maildirDirectory).toString();
    r.notifications = s.value(kNotifications, d.notifications).toBool();
    r.closeToTray = s.value(kCloseToTray, d.closeToTray).toBool();
    r.retainMessages = std::max(0, s.value(kRetainMessages, d.retainMessages).toInt());
    r.retainDays = std::max(0, s.value(kRetainDays, d.retainDays).toInt());
    const QString appearance = s.value(kAppearance).toString();
    for (std::size_t i = 0; i < kAppearanceNames.size(); ++i) {
        if (appearance == kAppearanceNames[i])
            r.appearance = Appearance(i);
    }
    return r;
}

void AppSettings::save(QSettings &s) const
{
    s.setValue(kListen, listen);
    s.setValue(kTlsListen, tlsListen);
    s.setValue(kHostName, hostName);
    s.setValue(kAppName, appName);
    s.setValue(kMaxSize, maxMessageSize);
    s.setValue(kMaxRecipients, maxRecipients);
    s.setValue(kTimeout, timeoutSeconds);
    s.setValue(kMaxConnections, maxConnections);
    s.setValue(kAcceptRcpt, acceptRcptPatterns);
    s.setValue(kCert, tlsCertFile);
    s.setValue(kKey, tlsKeyFile);
    s.setValue(kPassphrase, tlsPassphrase);
    s.setValue(kRequireTls, requireTls);
    s.setValue(kTlsHandshake, tlsHandshakeSeconds);
    s.setValue(kAuthEnabled, authEnabled);
    s.setValue(kAuthRequired, authRequired);
    s.setValue(kAuthAcceptAny, authAcceptAny);
    s.setValue(kAuthUsers, authUsers);
    s.setValue(kAuthMechanisms, authMechanisms);
    s.setValue(kAllowInsecure, allowInsecureAuth);
    s.setValue(kStore, storeDirectory);
    s.setValue(kMaildir, maildirDirectory);
    s.setValue(kNotifications, notifications);
    s.setValue(kCloseToTray, closeToTray);
    s.setValue(kRetainMessages, retainMessages);
    s.setValue(kRetainDays, retainDays);
    s.setValue(kAppearance, kAppearanceNames[std::size_t(appearance)]);
}

bool AppSettings::toServerSettings(SmtpServerSettings *server, QString *error) const
{
    const auto fail = [error](const QString &message) {
        *error = message;
        return false;
    };
    SmtpServerSettings result;
    QString reason;
    const auto plain = ListenAddress::parse(listen, &reason);
    if (!plain)
        return fail(QStringLiteral("Listen address: ") + reason);
    result.listen = *plain;
    if (!tlsListen.isEmpty()) {
        const auto implicit = ListenAddress::parse(tlsListen, &reason);
        if (!implicit)
            return fail(QStringLiteral("Implicit-TLS address: ") + reason);
        if (!tlsConfigured())
            return fail(QStringLiteral("The implicit-TLS listener needs a certificate and key"));
        result.tlsListen = *implicit;
    }
    result.hostName = hostName;
    if (!appName.isEmpty())
        result.appName = appName;
    result.maxMessageSize = maxMessageSize;
    result.maxRecipients = maxRecipients;
    result.idleTimeout = std::chrono::seconds(timeoutSeconds);
    result.maxConnections = maxConnections;
    result.tlsHandshakeTimeout = std::chrono::seconds(std::clamp(tlsHandshakeSeconds, 1, 3600));

    if (tlsConfigured()) {
        const TlsLoadResult tls = TlsSettings::load(tlsCertFile, tlsKeyFile, tlsPassphrase);
        if (!tls)
            return fail(tls.error);
        result.tls = tls.configuration;
    } else if (requireTls) {
        return fail(QStringLiteral("Requiring TLS needs a certificate and key"));
    }
    result.requireTls = requireTls && tlsConfigured();

    if (authEnabled) {
        CredentialChecker credentials;
        for (const QString &spec : authUsers) {
            QByteArray user;
            QByteArray password;
            if (!CredentialChecker::parseUserSpec(spec, &user, &password))
                return fail(QStringLiteral("User \"%1\" is not USER:PASSWORD").arg(spec));
            credentials.addUser(user, password);
        }
        credentials.setAcceptAny(authAcceptAny);
        if (credentials.isEmpty())
            return fail(QStringLiteral("Authentication needs a user or \"accept any\""));
        result.authHandler = credentials.handler();
        result.authRequired = authRequired;
        result.authMechanisms.clear();
        for (const QString &name : authMechanisms) {
            if (const auto type = SaslMechanism::fromName(name.toLatin1()))
                result.authMechanisms.insert(*type);
        }
        if (result.authMechanisms.isEmpty())
            return fail(QStringLiteral("Authentication needs at least one mechanism"));
        if (allowInsecureAuth) {
            for (const SaslMechanism::Type type : SaslMechanism::allTypes())
                result.authMechanismsBeforeTls.insert(type);
        }
    }

    if (!acceptRcptPatterns.isEmpty()) {
        QList<AddressPattern> patterns;
        for (const QString &pattern : acceptRcptPatterns)
            patterns.append(AddressPattern(pattern));
        result.rcptHandler = [patterns](const QString &, const QByteArray &, const QByteArray &to) {
            return AddressPattern::matchesAny(patterns, QString::fromUtf8(to));
        };
    }
    *server = std::move(result);
    return true;
}
