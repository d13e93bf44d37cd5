// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

/// The seam between a session and its transport's encryption, so the session can run over any
/// QIODevice. In production the worker implements it with QSslSocket::startServerEncryption();
/// in tests a fixture records the call and reports the outcome on a later event-loop turn.
/// The owner reports the result with SmtpSession::tlsEstablished() or tlsFailed().
class TlsUpgrade
{
public:
    virtual ~TlsUpgrade() = default;
    /// Begins the server side of a TLS handshake on the connection. Called once per session at
    /// most, after "220 Ready to start TLS" has been written.
    virtual void startServerHandshake() = 0;
};
