// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "smtp/saslmechanism.h"
#include "smtp/smtpcommand.h"
#include "smtp/smtpreply.h"

#include <QList>

#include <optional>

struct SmtpServerSettings;

/// What a session offers and allows, given the settings and whether TLS and AUTH have
/// happened yet: the EHLO keywords, the HELP text, the commands refused before STARTTLS or
/// AUTH, and the SASL mechanisms usable now. Pure; the session asks it again after every
/// change, so EHLO after STARTTLS shows what TLS unlocked.
class SessionPolicy final
{
public:
    /// `canStartTls`: the session has a TLS seam, so STARTTLS works when `settings.tls` is set.
    /// `settings` must outlive the policy.
    SessionPolicy(const SmtpServerSettings &settings, bool canStartTls);

    /// The reply refusing `verb` before STARTTLS (RFC 3207 §4, with requireTls) or before
    /// AUTH (RFC 4954 §6, with authRequired), or nullopt when the verb may go on.
    std::optional<SmtpReply> refusal(SmtpCommand::Verb verb, bool encrypted,
                                     bool authenticated) const;
    /// The EHLO reply's lines after the greeting line (RFC 5321 §4.1.1.1).
    QList<QByteArray> ehloKeywords(bool encrypted, bool authenticated) const;
    /// The HELP reply's text: only what the session can use now, as EHLO advertises it.
    QByteArray helpText(bool encrypted) const;
    /// The configured mechanisms, in SaslMechanism::allTypes() order, that may be used now.
    QList<SaslMechanism::Type> offeredMechanisms(bool encrypted) const;
    /// Where the session stands when AUTH arrives, for authRefusal().
    struct AuthContext
    {
        bool ehloDone = false;      ///< the last greeting was EHLO (not HELO, not none)
        bool authenticated = false; ///< an earlier AUTH succeeded
        bool inTransaction = false; ///< MAIL was accepted and the transaction is not over
        bool encrypted = false;
    };
    /// Why AUTH with `mechanism` (as named by the client) cannot start now, or nullopt when it
    /// may: 502 without an auth handler, 503 before EHLO, after a successful AUTH or inside a
    /// mail transaction (RFC 4954 §4), then mechanismRefusal().
    std::optional<SmtpReply> authRefusal(QByteArrayView mechanism,
                                         const AuthContext &context) const;
    /// Why AUTH with `mechanism` (as named by the client) is refused, or nullopt when it may
    /// start: 504 for an unknown or disabled mechanism, 538 for a plaintext mechanism before
    /// TLS (RFC 4954 §4 and §6).
    std::optional<SmtpReply> mechanismRefusal(QByteArrayView mechanism, bool encrypted) const;
    /// Whether STARTTLS can be offered at all.
    bool offersStartTls() const;

private:
    const SmtpServerSettings &m_settings;
    bool m_canStartTls;
};
