// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QLatin1StringView>
#include <QList>

#include <memory>
#include <optional>

/// One SASL exchange on the server side (RFC 4422), for the mechanisms of RFC 4954 AUTH:
/// PLAIN (RFC 4616), LOGIN (draft-murchison-sasl-login) and CRAM-MD5 (RFC 2195).
/// The session feeds it decoded client responses and sends the challenges it returns; the
/// mechanism never sees the socket and never checks credentials itself.
class SaslMechanism
{
public:
    enum class Type { Plain, Login, CramMd5 };

    /// Longest client response we take, decoded. RFC 4954 §4 sets 12288 octets for the whole
    /// AUTH line, so nothing legitimate is longer.
    static constexpr qsizetype kMaxResponse = 12288;
    /// Longest value describeResponse() shows in full; a password is far shorter.
    static constexpr qsizetype kMaxDescribedValue = 256;

    struct Step
    {
        enum class Kind { Challenge, Done, Failed } kind = Kind::Failed;
        QByteArray challenge; ///< raw bytes (the session base64-encodes them); for Challenge
        QByteArray error;     ///< for Failed: why, for the log
    };

    /// Collected credentials once the exchange is Done.
    struct Credentials
    {
        QByteArray authorizationId;
        QByteArray username;
        QByteArray password;  ///< PLAIN/LOGIN: the password; CRAM-MD5: the hex digest
        QByteArray challenge; ///< CRAM-MD5 only
    };

    virtual ~SaslMechanism() = default;

    static std::unique_ptr<SaslMechanism> create(Type type, QByteArrayView hostName);
    static std::optional<Type> fromName(QByteArrayView name); ///< case-insensitive
    static QLatin1StringView name(Type type);
    static QList<Type> allTypes();

    virtual Type type() const = 0;
    /// The first step; `initialResponse` is the decoded initial response of the AUTH command
    /// when the client sent one (an empty one is "=").
    virtual Step start(const std::optional<QByteArray> &initialResponse) = 0;
    virtual Step respond(const QByteArray &response) = 0;
    /// What a decoded client response for the coming respond() (or start()) carries, in the
    /// clear, e.g. `[authzid "", user "alice", password "secret"]`: the developer's view of
    /// a credential line when SmtpServerSettings::revealCredentials is on. Each value is cut
    /// at kMaxDescribedValue. Does not change the exchange.
    virtual QByteArray describeResponse(QByteArrayView response) const = 0;
    const Credentials &credentials() const { return m_credentials; }

protected:
    Credentials m_credentials;
};

/// HMAC-MD5 verification for CRAM-MD5 when the password is known.
namespace CramMd5 {
QByteArray digest(QByteArrayView challenge, QByteArrayView password); ///< lowercase hex
bool verify(QByteArrayView challenge, QByteArrayView password, QByteArrayView hexDigest);
} // namespace CramMd5
