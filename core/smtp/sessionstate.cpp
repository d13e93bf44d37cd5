// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "sessionstate.h"

QLatin1StringView toString(SessionState state)
{
    switch (state) {
    case SessionState::Greeting:
        return QLatin1StringView("greeting");
    case SessionState::Ready:
        return QLatin1StringView("ready");
    case SessionState::MailFrom:
        return QLatin1StringView("mail-from");
    case SessionState::RcptTo:
        return QLatin1StringView("rcpt-to");
    case SessionState::Data:
        return QLatin1StringView("data");
    case SessionState::Delivering:
        return QLatin1StringView("delivering");
    case SessionState::Auth:
        return QLatin1StringView("auth");
    case SessionState::TlsHandshake:
        return QLatin1StringView("tls-handshake");
    case SessionState::Closing:
        return QLatin1StringView("closing");
    }
    return {};
}

bool isAllowedTransition(SessionState from, SessionState to)
{
    using S = SessionState;
    switch (to) {
    case S::Closing:
        return true;
    case S::Greeting:
        // After a handshake (RFC 3207 §4.2 forgets the EHLO), or when a transaction ends
        // before any HELO/EHLO.
        return from == S::TlsHandshake || from == S::Delivering || from == S::MailFrom
               || from == S::RcptTo || from == S::Data;
    case S::Ready:
        // HELO/EHLO from anywhere in the dialogue, RSET, the end of a transaction or of AUTH.
        return from == S::Greeting || from == S::Ready || from == S::MailFrom || from == S::RcptTo
               || from == S::Data || from == S::Delivering || from == S::Auth;
    case S::MailFrom:
        return from == S::Ready;
    case S::RcptTo:
        return from == S::MailFrom || from == S::RcptTo;
    case S::Data:
        return from == S::RcptTo;
    case S::Delivering:
        return from == S::Data;
    case S::Auth:
        return from == S::Ready;
    case S::TlsHandshake:
        // Implicit TLS before the greeting; STARTTLS after EHLO, in or out of a transaction.
        return from == S::Greeting || from == S::Ready || from == S::MailFrom || from == S::RcptTo;
    }
    return false;
}
