// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "common/threadcheck.h"
#include "events/events.h"
#include "smtp/saslmechanism.h"
#include "smtp/smtpreply.h"
#include "smtp/smtpserversettings.h"

#include <memory>
#include <optional>

/// One AUTH exchange (RFC 4954) from an accepted AUTH command to its outcome: it decodes the
/// client's base64 lines, drives the SaslMechanism, asks the credential hook once the
/// mechanism is done, and says what to answer. The session keeps the state machine and the
/// replies' order; this class never sees the socket. Used in the session's thread only.
class AuthExchange final
{
public:
    enum class Outcome {
        Challenge,   ///< send `challenge` (334) and wait for the next line
        Accepted,    ///< 235
        Refused,     ///< 535: the hook refused the credentials
        Cancelled,   ///< 501: the client sent "*" (RFC 4954 §4)
        Malformed,   ///< 501: the mechanism could not use the response
        Undecodable, ///< 501: the line is not base64; no attempt is reported
    };
    struct Turn
    {
        Outcome outcome = Outcome::Malformed;
        QByteArray challenge; ///< raw bytes, for Challenge
        QByteArray reason;    ///< why it did not succeed, for the log
    };

    /// The AUTH command's initial response decoded ("=" is an empty one; RFC 4954 §4), none
    /// when there is none, or an error (MalformedInput) when it is not base64.
    static Result<std::optional<QByteArray>>
    decodeInitialResponse(const std::optional<QByteArray> &initialResponse);

    /// `handler` and `remoteAddress` are the credential hook and what it is told.
    AuthExchange(SaslMechanism::Type type, QByteArrayView hostName, AuthHandler handler,
                 QString remoteAddress);

    Turn start(const std::optional<QByteArray> &initialResponse);
    /// A client line without its CRLF.
    Turn respond(QByteArrayView line);

    const SaslMechanism &mechanism() const { return *m_mechanism; }
    /// The report of a finished exchange (not for Challenge or Undecodable).
    AuthAttempt attempt(const Turn &turn) const;
    /// What the session answers to `turn`.
    static SmtpReply reply(const Turn &turn);

private:
    Turn advance(const SaslMechanism::Step &step);

    std::unique_ptr<SaslMechanism> m_mechanism;
    AuthHandler m_handler;
    QString m_remoteAddress;
    ThreadCheck m_thread; ///< the session's thread, which builds it
};
