// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "authexchange.h"

Result<std::optional<QByteArray>>
AuthExchange::decodeInitialResponse(const std::optional<QByteArray> &initialResponse)
{
    if (!initialResponse)
        return std::optional<QByteArray>();
    if (*initialResponse == "=")
        return std::optional<QByteArray>(QByteArray());
    auto decoded =
        QByteArray::fromBase64Encoding(*initialResponse, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return Error(ErrorCode::MalformedInput, QStringLiteral("initial response is not base64"));
    return std::optional<QByteArray>(*decoded);
}

AuthExchange::AuthExchange(SaslMechanism::Type type, QByteArrayView hostName, AuthHandler handler,
                           QString remoteAddress)
    : m_mechanism(SaslMechanism::create(type, hostName))
    , m_handler(std::move(handler))
    , m_remoteAddress(std::move(remoteAddress))
{}

AuthExchange::Turn AuthExchange::start(const std::optional<QByteArray> &initialResponse)
{
    m_thread.check("AuthExchange");
    return advance(m_mechanism->start(initialResponse));
}

AuthExchange::Turn AuthExchange::respond(QByteArrayView line)
{
    m_thread.check("AuthExchange");
    if (line == "*")
        return {Outcome::Cancelled, {}, "cancelled by client"};
    auto decoded =
        QByteArray::fromBase64Encoding(line.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return {Outcome::Undecodable, {}, "not base64"};
    return advance(m_mechanism->respond(*decoded));
}

AuthExchange::Turn AuthExchange::advance(const SaslMechanism::Step &step)
{
    switch (step.kind) {
    case SaslMechanism::Step::Kind::Challenge:
        return {Outcome::Challenge, step.challenge, {}};
    case SaslMechanism::Step::Kind::Failed:
        return {Outcome::Malformed, {}, step.error};
    case SaslMechanism::Step::Kind::Done:
        break;
    }
    const SaslMechanism::Credentials &credentials = m_mechanism->credentials();
    AuthRequest request;
    request.remoteAddress = m_remoteAddress;
    request.mechanism = m_mechanism->type();
    request.username = credentials.username;
    request.password = credentials.password;
    request.challenge = credentials.challenge;
    if (m_handler && m_handler(request))
        return {Outcome::Accepted, {}, {}};
    return {Outcome::Refused, {}, "invalid credentials"};
}

AuthAttempt AuthExchange::attempt(const Turn &turn) const
{
    AuthAttempt attempt;
    attempt.remoteAddress = m_remoteAddress;
    attempt.mechanism = QString(SaslMechanism::name(m_mechanism->type()));
    attempt.user = QString::fromUtf8(m_mechanism->credentials().username);
    attempt.success = turn.outcome == Outcome::Accepted;
    attempt.reason = QString::fromUtf8(turn.reason);
    return attempt;
}

SmtpReply AuthExchange::reply(const Turn &turn)
{
    switch (turn.outcome) {
    case Outcome::Challenge:
        return SmtpReply(334, {}, turn.challenge.toBase64());
    case Outcome::Accepted:
        return SmtpReply(235, "2.7.0", "Authentication successful");
    case Outcome::Refused:
        return SmtpReply(535, "5.7.8", "Authentication credentials invalid");
    case Outcome::Cancelled:
        return SmtpReply(501, "5.0.0", "Authentication cancelled");
    case Outcome::Malformed:
        return SmtpReply(501, "5.5.2", "Authentication failed: " + turn.reason);
    case Outcome::Undecodable:
        return SmtpReply(501, "5.5.2", "Cannot decode response");
    }
    return SmtpReply(501, "5.5.2", "Authentication failed");
}
