// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "config/configsetting.h"
#include "faults/faultinjector.h"

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariant>

struct RelaySettings;
struct SmtpServerSettings;

/// Every setting of the server side as plain values, the way a person writes them: listeners,
/// limits, TLS, authentication, store, mirror and retention. The desktop app's settings file,
/// the command line and the settings pages all fill one of these; toServerSettings() turns it
/// into what the engine takes. Defaults, bounds and units come from ConfigSetting.
///
/// A value type: copy it freely, from any thread.
struct ServerConfig
{
    using Id = ConfigSetting::Id;

    QString listen = QString(ConfigSetting::of(Id::Listen).defaultText);
    QString tlsListen; ///< empty: no implicit-TLS listener
    QString hostName;  ///< empty: the system's host name
    QString appName = QString(ConfigSetting::of(Id::AppName).defaultText);
    qint64 maxMessageSize = ConfigSetting::of(Id::MaxMessageSize).defaultNumber;
    int maxRecipients = int(ConfigSetting::of(Id::MaxRecipients).defaultNumber);
    int timeoutSeconds = int(ConfigSetting::of(Id::IdleTimeout).defaultNumber);
    int maxConnections = int(ConfigSetting::of(Id::MaxConnections).defaultNumber);
    int maxProtocolErrors = int(ConfigSetting::of(Id::MaxProtocolErrors).defaultNumber);
    QStringList acceptRcptPatterns; ///< empty: every recipient is accepted

    QString tlsCertFile; ///< empty: no TLS
    QString tlsKeyFile;
    QByteArray tlsPassphrase;
    bool requireTls = ConfigSetting::of(Id::RequireTls).defaultNumber != 0;
    int tlsHandshakeSeconds = int(ConfigSetting::of(Id::TlsHandshakeTimeout).defaultNumber);

    bool authEnabled = ConfigSetting::of(Id::AuthEnabled).defaultNumber != 0;
    bool authRequired = ConfigSetting::of(Id::AuthRequired).defaultNumber != 0;
    bool authAcceptAny = ConfigSetting::of(Id::AuthAcceptAny).defaultNumber != 0;
    QStringList authUsers; ///< "user:password"
    QStringList authMechanisms = defaultList(Id::AuthMechanisms);
    bool allowInsecureAuth = ConfigSetting::of(Id::AllowInsecureAuth).defaultNumber != 0;

    QString storeDirectory; ///< empty: the default (AppDataLocation)
    QString maildirDirectory;
    int retainMessages = int(ConfigSetting::of(Id::RetainMessages).defaultNumber); ///< 0: all
    int retainDays = int(ConfigSetting::of(Id::RetainDays).defaultNumber);         ///< 0: keep them

    /// The apiListen value that turns the HTTP API off (any case).
    static constexpr QLatin1StringView kApiOff = QLatin1StringView("off");
    QString apiListen = QString(ConfigSetting::of(Id::ApiListen).defaultText); ///< or kApiOff
    QStringList apiUsers; ///< "user:password"; empty: the API asks for no authentication

    QStringList faultRules; ///< FaultRule's short syntax, in the order they are tried
    bool faultsEnabled = ConfigSetting::of(Id::FaultsEnabled).defaultNumber != 0;
    qint64 faultSeed = ConfigSetting::of(Id::FaultSeed).defaultNumber; ///< 0: one is chosen
    int faultGreylistWindowSeconds = int(ConfigSetting::of(Id::FaultGreylistWindow).defaultNumber);
    QString relayHost; ///< "host:port"; empty: no relay
    QString relayTls = QString(ConfigSetting::of(Id::RelayTls).defaultText);
    bool relayNoVerify = ConfigSetting::of(Id::RelayNoVerify).defaultNumber != 0;
    QString relayUser;      ///< "user:password"; empty: no AUTH
    QString relaySender;    ///< empty: each message's own envelope sender
    QStringList relayAllow; ///< empty: no recipient is allowed
    QString relayAuto;      ///< a search query; empty: nothing is relayed automatically
    int relayTimeoutSeconds = int(ConfigSetting::of(Id::RelayTimeout).defaultNumber);
    int relayQueueLimit = int(ConfigSetting::of(Id::RelayQueueLimit).defaultNumber);
    int relayRetryHours = int(ConfigSetting::of(Id::RelayRetryHours).defaultNumber);

    bool tlsConfigured() const { return !tlsCertFile.isEmpty(); }
    bool relayConfigured() const { return !relayHost.trimmed().isEmpty(); }
    /// False when apiListen is kApiOff (in any case).
    bool apiEnabled() const;
    /// True when apiListen is the default address: a busy default port only costs the API (a
    /// warning), a busy address somebody chose is an error.
    bool apiListenIsDefault() const;
    /// The store directory, or the default store (QStandardPaths::AppDataLocation).
    QString effectiveStoreDirectory() const;
    static QString defaultStoreDirectory();

    /// The value of one setting as a QVariant of its member's type (QString, qint64 or int,
    /// bool, QStringList, QByteArray).
    QVariant value(Id id) const;
    /// Sets one setting from a QVariant, converting as QSettings values need (INI files give
    /// strings for everything).
    void setValue(Id id, const QVariant &value);
    /// Copies the settings in `ids` from `other` and leaves the rest: the command line over the
    /// saved settings.
    void assign(const ServerConfig &other, const QSet<Id> &ids);

    /// Every problem that can be found without touching the disk or the network: a number out
    /// of its bounds, an address or a user that does not parse, options that contradict each
    /// other. Each error names its setting's key in `field`.
    QList<Error> validate() const;

    /// Builds the engine's settings: validates, parses the addresses, loads certificate and key
    /// (reading both files), builds the credential and recipient hooks. The error names the
    /// setting at fault. Thread-safe; reads files, so keep it off the GUI thread.
    Result<SmtpServerSettings> toServerSettings() const;
    /// The relay's settings: target, policy and queue bounds. Errors as validate() reports
    /// them for the relay's keys. Without a relay host, the settings say so
    /// (RelaySettings::enabled false). Pure.
    Result<RelaySettings> toRelaySettings() const;

    static QStringList defaultList(Id id);

    /// The fault rules and their settings as FaultInjector takes them. The error names the
    /// setting (faults.rules) and, in its text, the rule by its number from 1.
    Result<FaultSettings> faultSettings() const;
    /// The inverse of faultSettings(): takes the rules (in their short syntax), the master
    /// switch, the random seed and the greylisting window of `settings`, as the HTTP API sets them.
    void setFaultSettings(const FaultSettings &settings);

    friend bool operator==(const ServerConfig &, const ServerConfig &) = default;
};
