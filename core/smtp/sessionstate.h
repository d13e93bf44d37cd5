// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QLatin1StringView>

/// Where an SmtpSession stands in RFC 5321's dialogue. SmtpSession::enterState() is the only
/// place that changes it, and isAllowedTransition() says which changes are legal.
enum class SessionState {
    Greeting,     ///< greeted (or waiting for implicit TLS), no HELO/EHLO yet
    Ready,        ///< HELO/EHLO done, no mail transaction
    MailFrom,     ///< MAIL accepted, no recipient yet
    RcptTo,       ///< at least one recipient accepted
    Data,         ///< reading message content
    Delivering,   ///< waiting for the store to commit; input is not read
    Auth,         ///< inside an AUTH exchange
    TlsHandshake, ///< waiting for the TLS handshake; input is not read
    Closing,
};

/// The state's name for the protocol log and --events ("mail-from", "tls-handshake").
QLatin1StringView toString(SessionState state);

/// Whether a session may go from `from` to `to`. Closing can be entered from anywhere (a
/// timeout, QUIT, a server stop); every other state only from the states whose commands or
/// events lead to it.
bool isAllowedTransition(SessionState from, SessionState to);
