// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "config/configsetting.h"
#include "smtp/saslmechanism.h"

#include <QHostAddress>
#include <QSet>
#include <QSslConfiguration>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class FaultInjector;

/// An address and port to listen on. Port 0 picks a free port (tests); the port people get by
/// default is ServerConfig's.
struct ListenAddress
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 0;

    /// Parses "127.0.0.1:1025", "[::1]:1025", "localhost:25", ":2525" (all interfaces). The
    /// error is InvalidValue about `field` (the setting the text came from).
    static Result<ListenAddress> parse(const QString &text, const QString &field = {});
    QString toString() const;
};

/// What a credential check is given. For PLAIN and LOGIN `password` is the clear-text password;
/// for CRAM-MD5 `password` is the client's hex digest and `challenge` the server's challenge,
/// so the check can compute HMAC-MD5 itself (see CramMd5::verify()).
struct AuthRequest
{
    QString remoteAddress;
    SaslMechanism::Type mechanism = SaslMechanism::Type::Plain;
    QByteArray username;
    QByteArray password;
    QByteArray challenge;
};

/// The seed's hooks. They run on session (worker) threads, concurrently: they must be
/// thread-safe and must not block for long.
using AuthHandler = std::function<bool(const AuthRequest &)>;
using RcptHandler =
    std::function<bool(const QString &remoteAddress, const QByteArray &from, const QByteArray &to)>;
using DebugHandler =
    std::function<void(const QString &remoteAddress, const QString &verb, const QByteArray &text)>;
using ErrorHandler = std::function<void(const QString &remoteAddress, const QString &error)>;

/// Every option of the engine. Copied into the server at start(); sessions share one
/// immutable copy.
struct SmtpServerSettings
{
    // The defaults are ServerConfig's (declared in ConfigSetting), so the engine alone behaves
    // as the app does by default.
    static constexpr qint64 kDefaultMaxMessageSize =
        ConfigSetting::of(ConfigSetting::Id::MaxMessageSize).defaultNumber;
    static constexpr int kDefaultMaxRecipients =
        int(ConfigSetting::of(ConfigSetting::Id::MaxRecipients).defaultNumber);
    static constexpr std::chrono::seconds kDefaultIdleTimeout{
        ConfigSetting::of(ConfigSetting::Id::IdleTimeout).defaultNumber};
    static constexpr int kDefaultMaxConnections =
        int(ConfigSetting::of(ConfigSetting::Id::MaxConnections).defaultNumber);
    static constexpr int kDefaultMaxProtocolErrors =
        int(ConfigSetting::of(ConfigSetting::Id::MaxProtocolErrors).defaultNumber);
    /// How long a client may take to complete a TLS handshake (implicit TLS or STARTTLS).
    static constexpr std::chrono::seconds kDefaultTlsHandshakeTimeout{
        ConfigSetting::of(ConfigSetting::Id::TlsHandshakeTimeout).defaultNumber};

    std::optional<ListenAddress> listen = ListenAddress{};
    std::optional<ListenAddress> tlsListen; ///< implicit TLS (SMTPS); needs `tls`

    QString hostName; ///< empty: the system's host name
    QString appName = QString(ConfigSetting::of(ConfigSetting::Id::AppName).defaultText);

    qint64 maxMessageSize = kDefaultMaxMessageSize; ///< 0: no limit beyond the protocol's
    int maxRecipients = kDefaultMaxRecipients;
    std::chrono::milliseconds idleTimeout = kDefaultIdleTimeout;
    int maxConnections = kDefaultMaxConnections;
    int maxProtocolErrors = kDefaultMaxProtocolErrors;

    std::optional<QSslConfiguration> tls; ///< certificate and key; enables STARTTLS
    bool requireTls = false;              ///< only NOOP, EHLO, STARTTLS, QUIT before TLS (RFC 3207)
    /// From startServerEncryption() to `encrypted`; past it the session ends with
    /// "TLS handshake timeout". The idle timeout does not run meanwhile.
    std::chrono::milliseconds tlsHandshakeTimeout = kDefaultTlsHandshakeTimeout;

    AuthHandler authHandler;   ///< set: AUTH is offered
    bool authRequired = false; ///< only AUTH, EHLO, HELO, NOOP, RSET, QUIT before AUTH (RFC 4954)
    QSet<SaslMechanism::Type> authMechanisms = {
        SaslMechanism::Type::Plain, SaslMechanism::Type::Login, SaslMechanism::Type::CramMd5};
    /// Mechanisms offered before TLS. RFC 4954 §4: PLAIN and LOGIN send the password in the
    /// clear, so by default they wait for TLS; `--allow-insecure-auth` (or a caller that
    /// trusts its network) adds a mechanism here to offer it in plaintext.
    QSet<SaslMechanism::Type> authMechanismsBeforeTls = {SaslMechanism::Type::CramMd5};

    RcptHandler rcptHandler; ///< unset: every recipient is accepted
    /// Every line read or written, as on the wire. Credentials (the response of an AUTH
    /// command, SASL responses) arrive masked as "****", unless `revealCredentials` is on: the
    /// hook is a debugging aid, and whoever turns that option on asked to see them.
    DebugHandler debugHandler;
    ErrorHandler errorHandler; ///< connection-level errors

    /// Keep the clear text of credential lines beside the masked one: ProtocolLine::bytes stays
    /// masked, ProtocolLine::revealedBytes carries the line as sent and decoded, and the debug
    /// hook gets the line as sent. The stored trace is masked either way. Off by default
    /// ("no credentials in logs unless asked"); the desktop app turns it on so that the user
    /// can choose in the protocol log, where the clear text stays hidden until asked for.
    bool revealCredentials = false;

    /// The fault rules every session of the server asks (null: none). Shared, not copied: a
    /// new configuration reaches the sessions already open (FaultInjector::configure).
    std::shared_ptr<FaultInjector> faults;

    int workerThreads = 0; ///< 0: one per core but one (at least one)

    /// The seed's AllowAuthMechanisms(mechanism, allow).
    void allowAuthMechanism(SaslMechanism::Type mechanism, bool allowBeforeTls);
    QString effectiveHostName() const;
};
