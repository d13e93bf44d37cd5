// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "sessionpolicy.h"

#include "smtp/smtpserversettings.h"

using Verb = SmtpCommand::Verb;

SessionPolicy::SessionPolicy(const SmtpServerSettings &settings, bool canStartTls)
    : m_settings(settings)
    , m_canStartTls(canStartTls)
{}

bool SessionPolicy::offersStartTls() const
{
    return m_settings.tls && m_canStartTls;
}

std::optional<SmtpReply> SessionPolicy::refusal(Verb verb, bool encrypted, bool authenticated) const
{
    // RFC 3207 §4: with TLS required, only NOOP, EHLO, STARTTLS and QUIT before TLS.
    // It comes before the AUTH requirement: without TLS, AUTH could not be used anyway.
    if (m_settings.tls && m_settings.requireTls && !encrypted) {
        if (verb != Verb::Noop && verb != Verb::Ehlo && verb != Verb::StartTls
            && verb != Verb::Quit)
            return SmtpReply(530, "5.7.0", "Must issue a STARTTLS command first");
    }
    // RFC 4954 §6: with AUTH required, only AUTH, EHLO, HELO, NOOP, RSET and QUIT before it.
    // STARTTLS is let through as well, or PLAIN and LOGIN could never be used.
    if (m_settings.authHandler && m_settings.authRequired && !authenticated) {
        if (verb != Verb::Auth && verb != Verb::Ehlo && verb != Verb::Helo && verb != Verb::Noop
            && verb != Verb::Rset && verb != Verb::Quit && verb != Verb::StartTls)
            return SmtpReply(530, "5.7.0", "Authentication required");
    }
    return std::nullopt;
}

QList<SaslMechanism::Type> SessionPolicy::offeredMechanisms(bool encrypted) const
{
    QList<SaslMechanism::Type> offered;
    if (!m_settings.authHandler)
        return offered;
    for (const SaslMechanism::Type type : SaslMechanism::allTypes()) {
        if (m_settings.authMechanisms.contains(type)
            && (encrypted || m_settings.authMechanismsBeforeTls.contains(type)))
            offered.append(type);
    }
    return offered;
}

QList<QByteArray> SessionPolicy::ehloKeywords(bool encrypted, bool authenticated) const
{
    QList<QByteArray> lines;
    lines.append(m_settings.maxMessageSize > 0
                     ? "SIZE " + QByteArray::number(m_settings.maxMessageSize)
                     : QByteArray("SIZE"));
    lines.append("8BITMIME");
    lines.append("PIPELINING");
    lines.append("ENHANCEDSTATUSCODES");
    lines.append("SMTPUTF8");
    if (offersStartTls() && !encrypted)
        lines.append("STARTTLS");
    const bool authUsableNow = !(m_settings.tls && m_settings.requireTls && !encrypted);
    const QList<SaslMechanism::Type> mechanisms = offeredMechanisms(encrypted);
    if (!authenticated && authUsableNow && !mechanisms.isEmpty()) {
        QByteArray auth = "AUTH";
        for (const SaslMechanism::Type type : mechanisms)
            auth +=
                ' '
                + QByteArray(SaslMechanism::name(type).data(), SaslMechanism::name(type).size());
        lines.append(auth);
    }
    lines.append("HELP");
    return lines;
}

QByteArray SessionPolicy::helpText(bool encrypted) const
{
    QByteArray commands = "Commands: HELO EHLO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP";
    if (offersStartTls() && !encrypted)
        commands += " STARTTLS";
    if (m_settings.authHandler)
        commands += " AUTH";
    return commands;
}

std::optional<SmtpReply> SessionPolicy::mechanismRefusal(QByteArrayView mechanism,
                                                         bool encrypted) const
{
    const auto type = SaslMechanism::fromName(mechanism);
    if (!type || !m_settings.authMechanisms.contains(*type))
        return SmtpReply(504, "5.5.4", "Unrecognized authentication type");
    if (!encrypted && !m_settings.authMechanismsBeforeTls.contains(*type)) {
        // RFC 4954 §4 and §6: plaintext mechanisms need TLS first.
        return SmtpReply(538, "5.7.11",
                         "Encryption required for requested authentication mechanism");
    }
    return std::nullopt;
}

std::optional<SmtpReply> SessionPolicy::authRefusal(QByteArrayView mechanism,
                                                    const AuthContext &context) const
{
    if (!m_settings.authHandler)
        return SmtpReply(502, "5.5.1", "AUTH not available");
    if (!context.ehloDone)
        return SmtpReply(503, "5.5.1", "Send EHLO first");
    if (context.authenticated)
        return SmtpReply(503, "5.5.1", "Already authenticated");
    if (context.inTransaction)
        return SmtpReply(503, "5.5.1", "AUTH not allowed during a mail transaction");
    return mechanismRefusal(mechanism, context.encrypted);
}
