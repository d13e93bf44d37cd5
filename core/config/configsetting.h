// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QLatin1StringView>
#include <QString>

#include <array>
#include <cstddef>

/// One setting of the server side, as every front end sees it: the one place where its key,
/// default, bounds, unit, command-line option and help text are written. ServerConfig takes its
/// defaults from here; the command line builds its options, --help and range checks from here;
/// the settings pages take their spin box ranges, suffixes and defaults from here; AppSettings
/// reads and writes the settings file by these keys.
///
/// The table is constexpr: defaults can initialise members, and nothing runs at start-up.
struct ConfigSetting
{
    /// Every setting, in the order of the table (and of --help).
    enum class Id {
        Listen,
        TlsListen,
        HostName,
        AppName,
        MaxMessageSize,
        MaxRecipients,
        IdleTimeout,
        MaxConnections,
        MaxProtocolErrors,
        AcceptRcpt,
        TlsCertificate,
        TlsKey,
        TlsPassphrase,
        RequireTls,
        TlsHandshakeTimeout,
        AuthEnabled,
        AuthRequired,
        AuthAcceptAny,
        AuthUsers,
        AuthMechanisms,
        AllowInsecureAuth,
        StoreDirectory,
        MaildirDirectory,
        RetainMessages,
        RetainDays,
        ApiListen,
        ApiAuth,
        FaultRules,
        FaultsEnabled,
        FaultSeed,
        FaultGreylistWindow,
        RelayHost,
        RelayTls,
        RelayNoVerify,
        RelayUser,
        RelaySender,
        RelayAllow,
        RelayAuto,
        RelayTimeout,
        RelayQueueLimit,
        RelayRetryHours,
    };
    static constexpr std::size_t kCount = std::size_t(Id::RelayRetryHours) + 1;

    /// What kind of value the setting holds; it decides how a value is read from the settings
    /// file and from the command line.
    enum class Kind {
        Text,   ///< QString
        Number, ///< qint64 or int, with minimum and maximum
        Flag,   ///< bool; defaultNumber is 0 or 1
        List,   ///< QStringList; defaultText is comma-separated
        Secret, ///< QByteArray
    };

    Id id = Id::Listen;
    Kind kind = Kind::Text;
    /// The setting's name: Error::field of every error about it, and its name in the API.
    QLatin1StringView key = {};
    /// Where the desktop app's settings file (INI, QSettings) keeps it.
    QLatin1StringView fileKey = {};
    /// The command-line option without "--"; empty when there is none. Options that set more
    /// than one setting (--tls-passphrase-file, --auth-user-file) are the command line's own.
    QLatin1StringView option = {};
    /// The option's value name in --help ("BYTES"); empty for a switch.
    QLatin1StringView valueName = {};
    /// One line for --help and tooltips, without the default and the bounds (rangeText() adds
    /// them).
    QLatin1StringView help = {};
    QLatin1StringView defaultText = {}; ///< Text and List
    qint64 defaultNumber = 0;           ///< Number and Flag
    qint64 minimum = 0;                 ///< Number
    qint64 maximum = 0;                 ///< Number
    /// The unit a Number counts, plural, for texts and spin box suffixes ("bytes", "seconds").
    QLatin1StringView unit = {};
    /// A Number whose value 0 means "off" (the default): the settings pages show 0 as a word,
    /// and the command line takes only values from 1, since giving the option turns it on.
    bool zeroMeansOff = false;

    /// The entry for `id`.
    static constexpr const ConfigSetting &of(Id id);
    /// The whole table, in Id order.
    static constexpr const std::array<ConfigSetting, kCount> &all();
    /// The entry whose key is `key`, or null.
    static const ConfigSetting *byKey(QStringView key);

    /// The smallest value the command line accepts: `minimum`, or 1 when zero means off.
    qint64 optionMinimum() const { return zeroMeansOff ? qMax<qint64>(1, minimum) : minimum; }
    /// "default 1000, from 1 to 1000000" or "off by default, from 1 to 36500 days"; for --help.
    QString rangeText() const;
    /// Whether `value` lies within the bounds, or an OutOfRange error that names the key.
    Result<void> checkRange(qint64 value) const;
    /// Parses a command-line value of a Number: an integer from optionMinimum() to maximum.
    /// The error (InvalidValue or OutOfRange) names the key and, in its text, the option.
    Result<qint64> parseOption(const QString &text) const;
};

namespace ConfigSettingTable {

using Id = ConfigSetting::Id;
using Kind = ConfigSetting::Kind;
using L = QLatin1StringView;

// Keys in the settings file are those of the first releases: an existing letterbox.conf keeps
// loading unchanged. Help texts and units are marked for translation (QT_TRANSLATE_NOOP keeps
// the English literal here: --help, the man page and the API use it as it is); the settings
// pages show them translated (ui/settings/settingtexts.h).
inline constexpr std::array<ConfigSetting, ConfigSetting::kCount> kTable{{
    {Id::Listen, Kind::Text, L("listen"), L("server/listen"), L("listen"), L("ADDR:PORT"),
     L(QT_TRANSLATE_NOOP("ConfigSetting", "Plain SMTP listener with optional STARTTLS")),
     L("127.0.0.1:1025")},
    {Id::TlsListen, Kind::Text, L("tls-listen"), L("server/tlsListen"), L("tls-listen"),
     L("ADDR:PORT"),
     L(QT_TRANSLATE_NOOP("ConfigSetting", "Implicit-TLS (SMTPS) listener; off unless given"))},
    {Id::HostName, Kind::Text, L("hostname"), L("server/hostName"), L("hostname"), L("NAME"),
     L(QT_TRANSLATE_NOOP("ConfigSetting", "Host name in greetings and Received headers"))},
    {Id::AppName, Kind::Text, L("app-name"), L("server/appName"), L("app-name"), L("NAME"),
     L(QT_TRANSLATE_NOOP("ConfigSetting", "Application name in the greeting")), L("Letterbox")},
    // RFC 5321 §4.5.3.1.7 leaves the limit to the server. The settings page counts MiB in an
    // int spin box; 2047 MiB also keeps every size within a signed 32-bit SIZE= comparison.
    {Id::MaxMessageSize,
     Kind::Number,
     L("max-size"),
     L("server/maxMessageSize"),
     L("max-size"),
     L("BYTES"),
     L(QT_TRANSLATE_NOOP("ConfigSetting", "Largest message")),
     {},
     32 * 1024 * 1024,
     1,
     2047LL * 1024 * 1024,
     L(QT_TRANSLATE_NOOP("ConfigSetting", "bytes"))},
    // RFC 5321 §4.5.3.1.8 asks for at least 100.
    {Id::MaxRecipients,
     Kind::Number,
     L("max-recipients"),
     L("server/maxRecipients"),
     L("max-recipients"),
     L("N"),
     L(QT_TRANSLATE_NOOP("ConfigSetting", "Recipients per message")),
     {},
     1000,
     1,
     1000000,
     L(QT_TRANSLATE_NOOP("ConfigSetting", "recipients"))},
    // RFC 5321 §4.5.3.2.7 suggests 5 minutes for the server's wait for a command.
    {Id::IdleTimeout,
     Kind::Number,
     L("timeout"),
     L("server/timeoutSeconds"),
     L("timeout"),
     L("SECONDS"),
     L(QT_TRANSLATE_NOOP("ConfigSetting", "Idle timeout per command")),
     {},
     300,
     1,
     86400,
     L(QT_TRANSLATE_NOOP("ConfigSetting", "seconds"))},
    {Id::MaxConnections,
     Kind::Number,
     L("max-connections"),
     L("server/maxConnections"),
     L("max-connections"),
     L("N"),
     L(QT_TRANSLATE_NOOP("ConfigSetting", "Concurrent connections")),
     {},
     100,
     1,
     100000,
     L(QT_TRANSLATE_NOOP("ConfigSetting", "connections"))},
    {Id::MaxProtocolErrors,
     Kind::Number,
     L("max-protocol-errors"),
     L("server/maxProtocolErrors"),
     {},
     {},
     L(QT_TRANSLATE_NOOP("ConfigSetting", "Protocol errors before 421 and close")),
     {},
     10,
     1,
     1000,
     L(QT_TRANSLATE_NOOP("ConfigSetting", "errors"))},
    {Id::AcceptRcpt, Kind::List, L("accept-rcpt"), L("server/acceptRcptPatterns"), L("accept-rcpt"),
     L("PATTERN"),
     L(QT_TRANSLATE_NOOP("ConfigSetting",
                         "Repeatable; accept only recipients matching this wildcard pattern"))},
    {Id::TlsCertificate, Kind::Text, L("tls.certificate"), L("tls/certificateFile"), L("tls-cert"),
     L("FILE"), L(QT_TRANSLATE_NOOP("ConfigSetting", "PEM certificate (chain) file"))},
    {Id::TlsKey, Kind::Text, L("tls.key"), L("tls/keyFile"), L("tls-key"), L("FILE"),
     L(QT_TRANSLATE_NOOP("ConfigSetting", "PEM private key file"))},
    {Id::TlsPassphrase, Kind::Secret, L("tls.passphrase"), L("tls/passphrase"), L("tls-passphrase"),
     L("TEXT"), L(QT_TRANSLATE_NOOP("ConfigSetting", "Passphrase of the key"))},
    {Id::RequireTls,
     Kind::Flag,
     L("tls.require"),
     L("tls/require"),
     L("require-tls"),
     {},
     L(QT_TRANSLATE_NOOP("ConfigSetting", "Only NOOP, EHLO, STARTTLS and QUIT before TLS"))},
    // Qt's QSslServer waits 5 s; slow CI machines and debuggers need more.
    {Id::TlsHandshakeTimeout,
     Kind::Number,
     L("tls.handshake-timeout"),
     L("tls/handshakeTimeoutSeconds"),
     L("tls-handshake-timeout"),
     L("SECONDS"),
     L(QT_TRANSLATE_NOOP("ConfigSetting", "Seconds a client has to finish the TLS handshake")),
     {},
     15,
     1,
     3600,
     L(QT_TRANSLATE_NOOP("ConfigSetting", "seconds"))},
    {Id::AuthEnabled,
     Kind::Flag,
     L("auth.enabled"),
     L("auth/enabled"),
     {},
     {},
     L(QT_TRANSLATE_NOOP("ConfigSetting", "Offer AUTH"))},
    {Id::AuthRequired,
     Kind::Flag,
     L("auth.required"),
     L("auth/required"),
     L("require-auth"),
     {},
     L(QT_TRANSLATE_NOOP("ConfigSetting",
                         "Only AUTH, EHLO, HELO, NOOP, RSET, QUIT (and STARTTLS) before AUTH"))},
    {Id::AuthAcceptAny,
     Kind::Flag,
     L("auth.accept-any"),
     L("auth/acceptAny"),
     L("auth-accept-any"),
     {},
     L(QT_TRANSLATE_NOOP("ConfigSetting", "AUTH accepts any credentials (still reported)"))},
    {Id::AuthUsers, Kind::List, L("auth.users"), L("auth/users"), L("auth-user"),
     L("USER:PASSWORD"),
     L(QT_TRANSLATE_NOOP("ConfigSetting", "Repeatable; enables AUTH with this user"))},
    {Id::AuthMechanisms, Kind::List, L("auth.mechanisms"), L("auth/mechanisms"),
     L("auth-mechanisms"), L("LIST"), L(QT_TRANSLATE_NOOP("ConfigSetting", "Mechanisms to offer")),
     L("PLAIN,LOGIN,CRAM-MD5")},
    {Id::AllowInsecureAuth,
     Kind::Flag,
     L("auth.allow-insecure"),
     L("auth/allowInsecure"),
     L("allow-insecure-auth"),
     {},
     L(QT_TRANSLATE_NOOP("ConfigSetting", "Offer LOGIN and PLAIN before TLS too"))},
    {Id::StoreDirectory, Kind::Text, L("store"), L("storage/directory"), L("store"), L("DIR"),
     L(QT_TRANSLATE_NOOP("ConfigSetting", "Store directory"))},
    {Id::MaildirDirectory, Kind::Text, L("maildir"), L("storage/maildir"), L("maildir"), L("DIR"),
     L(QT_TRANSLATE_NOOP("ConfigSetting",
                         "Also mirror every committed message into this Maildir"))},
    {Id::RetainMessages,
     Kind::Number,
     L("retain-messages"),
     L("storage/retainMessages"),
     L("retain-messages"),
     L("N"),
     L(QT_TRANSLATE_NOOP("ConfigSetting", "Keep at most N messages, removing the oldest")),
     {},
     0,
     0,
     100000000,
     L(QT_TRANSLATE_NOOP("ConfigSetting", "messages")),
     true},
    // A hundred years is as old as retention by age gets.
    {Id::RetainDays,
     Kind::Number,
     L("retain-days"),
     L("storage/retainDays"),
     L("retain-days"),
     L("D"),
     L(QT_TRANSLATE_NOOP("ConfigSetting", "Remove messages older than D days")),
     {},
     0,
     0,
     36500,
     L(QT_TRANSLATE_NOOP("ConfigSetting", "days")),
     true},
    // Mailpit's and MailHog's port, so their clients find Letterbox without configuration.
    {Id::ApiListen, Kind::Text, L("api.listen"), L("api/listen"), L("api-listen"), L("ADDR:PORT"),
     L("HTTP API (Mailpit API v1) listener, or \"off\""), L("127.0.0.1:8025")},
    {Id::ApiAuth, Kind::List, L("api.auth"), L("api/users"), L("api-auth"), L("USER:PASSWORD"),
     L(QT_TRANSLATE_NOOP("ConfigSetting",
                         "Repeatable; the HTTP API asks for Basic auth with this user"))},
    // Fault rules, in the short syntax of FaultRule (README, "Fault rules").
    {Id::FaultRules, Kind::List, L("faults.rules"), L("faults/rules"), L("fault"), L("RULE"),
     L("Repeatable; a fault rule STAGE:MATCH:ACTION, e.g. 'rcpt:*@blocked.test:550 5.1.1 no such "
       "user'")},
    {Id::FaultsEnabled,
     Kind::Flag,
     L("faults.enabled"),
     L("faults/enabled"),
     {},
     {},
     L(QT_TRANSLATE_NOOP("ConfigSetting", "Apply the fault rules")),
     {},
     1},
    // The settings pages hold numbers in an int spin box.
    {Id::FaultSeed,
     Kind::Number,
     L("faults.seed"),
     L("faults/seed"),
     L("fault-seed"),
     L("N"),
     L(QT_TRANSLATE_NOOP(
         "ConfigSetting",
         "Seed of the fault rules' probabilities; 0 picks one at start (shown in the API)")),
     {},
     0,
     0,
     2147483647,
     {}},
    // How long a greylisted (sender, recipient, address) triple is remembered.
    {Id::FaultGreylistWindow,
     Kind::Number,
     L("faults.greylist-window"),
     L("faults/greylistWindowSeconds"),
     L("fault-greylist-window"),
     L("SECONDS"),
     L(QT_TRANSLATE_NOOP("ConfigSetting",
                         "Greylisting counts a triple's attempts within this window")),
     {},
     3600,
     1,
     7 * 86400,
     L(QT_TRANSLATE_NOOP("ConfigSetting", "seconds"))},
    // Relay: releasing stored messages to a real SMTP server. Off until a host is given.
    {Id::RelayHost, Kind::Text, L("relay.host"), L("relay/host"), L("relay-host"), L("HOST:PORT"),
     L(QT_TRANSLATE_NOOP("ConfigSetting",
                         "SMTP server that released messages are delivered to; off unless given"))},
    // STARTTLS by default: credentials and mail do not cross a network in the clear unless
    // somebody says so.
    {Id::RelayTls, Kind::Text, L("relay.tls"), L("relay/tls"), L("relay-tls"), L("MODE"),
     L(QT_TRANSLATE_NOOP("ConfigSetting", "Encryption to the relay: none, starttls or implicit")),
     L("starttls")},
    {Id::RelayNoVerify,
     Kind::Flag,
     L("relay.no-verify"),
     L("relay/noVerify"),
     L("relay-no-verify"),
     {},
     L(QT_TRANSLATE_NOOP(
         "ConfigSetting",
         "Do not check the relay's certificate (a staging server's self-signed one)"))},
    {Id::RelayUser, Kind::Text, L("relay.user"), L("relay/user"), L("relay-user"),
     L("USER:PASSWORD"),
     L(QT_TRANSLATE_NOOP("ConfigSetting", "Authenticate to the relay (AUTH PLAIN or LOGIN)"))},
    {Id::RelaySender, Kind::Text, L("relay.sender"), L("relay/sender"), L("relay-sender"),
     L("ADDRESS"),
     L(QT_TRANSLATE_NOOP("ConfigSetting",
                         "Envelope sender of relayed messages instead of the original one"))},
    // Empty: nothing may be relayed, so a typo cannot mail a customer; "*" allows everything.
    {Id::RelayAllow, Kind::List, L("relay.allow"), L("relay/allow"), L("relay-allow"), L("PATTERN"),
     L(QT_TRANSLATE_NOOP(
         "ConfigSetting",
         "Repeatable; recipients a message may be relayed to (none unless given)"))},
    {Id::RelayAuto, Kind::Text, L("relay.auto"), L("relay/auto"), L("relay-auto"), L("QUERY"),
     L(QT_TRANSLATE_NOOP(
         "ConfigSetting",
         "Relay every arriving message that matches QUERY to its allowed envelope recipients"))},
    {Id::RelayTimeout,
     Kind::Number,
     L("relay.timeout"),
     L("relay/timeoutSeconds"),
     L("relay-timeout"),
     L("SECONDS"),
     L(QT_TRANSLATE_NOOP("ConfigSetting", "Seconds the relay has for each reply")),
     {},
     60,
     1,
     3600,
     L(QT_TRANSLATE_NOOP("ConfigSetting", "seconds"))},
    {Id::RelayQueueLimit,
     Kind::Number,
     L("relay.queue-limit"),
     L("relay/queueLimit"),
     {},
     {},
     L(QT_TRANSLATE_NOOP("ConfigSetting", "Automatic relays waiting for a retry, at most")),
     {},
     1000,
     1,
     1000000,
     L(QT_TRANSLATE_NOOP("ConfigSetting", "messages"))},
    // A day, as RFC 5321 §4.5.4.1 suggests "4-5 days" for real mail; a test relay that is
    // down for a day is broken, not busy.
    {Id::RelayRetryHours,
     Kind::Number,
     L("relay.retry-hours"),
     L("relay/retryHours"),
     {},
     {},
     L(QT_TRANSLATE_NOOP("ConfigSetting",
                         "Hours an automatic relay is retried after a temporary failure")),
     {},
     24,
     1,
     720,
     L(QT_TRANSLATE_NOOP("ConfigSetting", "hours"))},
}};

consteval bool inIdOrder()
{
    for (std::size_t i = 0; i < kTable.size(); ++i) {
        if (std::size_t(kTable[i].id) != i)
            return false;
    }
    return true;
}
static_assert(inIdOrder(), "the table must list every setting in Id order");

} // namespace ConfigSettingTable

constexpr const ConfigSetting &ConfigSetting::of(Id id)
{
    return ConfigSettingTable::kTable[std::size_t(id)];
}

constexpr const std::array<ConfigSetting, ConfigSetting::kCount> &ConfigSetting::all()
{
    return ConfigSettingTable::kTable;
}
