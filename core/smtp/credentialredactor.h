// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

class SaslMechanism;
struct SmtpCommand;

/// Keeps credentials out of the protocol log. An AUTH command with an initial response and
/// every SASL response line are logged as "****" in their place; the clear text (the line as
/// sent and what it decodes to, e.g. `[authzid "", user "alice", password "secret"]`) is made
/// only when the developer asked for it (SmtpServerSettings::revealCredentials), for
/// ProtocolLine::revealedBytes and the debug hook, never for the stored trace. Pure.
class CredentialRedactor final
{
public:
    /// What to log for a credential line.
    struct Redacted
    {
        QByteArray masked;   ///< the line with the credential replaced, ending kept
        QByteArray revealed; ///< the clear text; empty unless revealing
    };

    /// The placeholder for a credential.
    static constexpr QByteArrayView kMask = "****";
    /// Longest part of a credential line shown in the clear text; the decoded part follows.
    static constexpr qsizetype kMaxShownLine = 512;

    /// `hostName` is the one CRAM-MD5 challenges carry (it does not change what is shown).
    CredentialRedactor(bool reveal, QByteArray hostName);

    bool reveals() const { return m_reveal; }

    /// A command line (with its line ending) and its parse: nullopt when it carries no
    /// credential and is logged as is. Works on the raw text, so an AUTH line the parser
    /// refuses is masked all the same.
    std::optional<Redacted> commandLine(QByteArrayView line, const SmtpCommand &command) const;
    /// A line read during an AUTH exchange (with its line ending): nullopt for the cancel "*".
    /// `mechanism` is the exchange's, for the description of the clear text; may be null.
    std::optional<Redacted> saslResponse(QByteArrayView line, const SaslMechanism *mechanism) const;
    /// Whether the start of an over-long line that is being thrown away may hold a credential:
    /// any line inside an AUTH exchange, and an AUTH command.
    static bool mayHoldCredential(QByteArrayView lineStart, bool inAuthExchange);

    /// For an AUTH command (without line ending) that carries anything after its mechanism:
    /// the command with that part replaced by kMask.
    static std::optional<QByteArray> maskedAuthCommand(QByteArrayView content);

private:
    QByteArray revealedText(QByteArrayView content, const QByteArray &decoded) const;

    bool m_reveal;
    QByteArray m_hostName;
};
