// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>

/// Builds the server-side TLS configuration once, at start-up or when the settings change, so
/// that every problem (missing file, wrong passphrase, key that belongs to another certificate)
/// is found before the first client connects. The engine keeps the returned configuration by
/// value and applies it to each new socket.
///
/// Only static, pure functions: thread-safe, callable from any thread.
class TlsSettings final
{
public:
    TlsSettings() = delete;

    /// Loads a PEM certificate file and a PEM private key file.
    ///
    /// The certificate file may hold a chain: the first certificate is the leaf, the others are
    /// sent to clients as intermediates (localCertificateChain() is leaf + intermediates). The
    /// key may be RSA or EC, PKCS#8 or traditional, and encrypted with `passphrase`. Both paths
    /// may name the same file (certificate and key in one PEM).
    ///
    /// The result is based on QSslConfiguration::defaultConfiguration() with peer verification
    /// off (clients of a mail catcher do not present certificates) and TLS 1.2 or later. An
    /// expired certificate is not an error (this is a development tool); describe() reports it.
    ///
    /// A failure is one line "<file>: <problem>", fit for an exit-2 message or a settings
    /// page, with the code CertificateUnreadable, KeyUnreadable (also a missing or wrong
    /// passphrase) or KeyMismatch, and the field of the setting at fault: "tls.certificate",
    /// "tls.key" or "tls.passphrase".
    static Result<QSslConfiguration> load(const QString &certFile, const QString &keyFile,
                                          const QByteArray &passphrase = {});

    /// One line for the UI and the CLI, e.g.
    /// "CN=mail.test, issued by CN=mail.test (self-signed), valid until 2027-01-01" or
    /// "CN=mail.test, issued by CN=Test CA, EXPIRED on 2025-01-01". Dates are UTC.
    static QString describe(const QSslCertificate &certificate);
};
