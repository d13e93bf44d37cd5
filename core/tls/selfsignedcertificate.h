// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

#include <optional>

/// A freshly generated certificate and its key, as PEM, for "just give me STARTTLS" setups
/// (`--tls-generate`, the settings page's "Generate" button). Plain value, no Qt TLS backend
/// needed: the result can be written with writeTo() and read back with TlsSettings::load().
///
/// Only pure functions: thread-safe, callable from any thread.
struct SelfSignedCertificate
{
    /// The longest validity generate() accepts; X.509 dates beyond that are not worth the risk
    /// of overflowing day arithmetic.
    static constexpr int kMaxDays = 36500;

    QByteArray certificatePem;
    QByteArray privateKeyPem; ///< unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY")

    /// Generates an EC P-256 key and an X.509 v3 certificate for `hostName`, valid from one hour
    /// ago (tolerates clients whose clock is a little behind) for `days` days, with
    /// subjectAltName `hostName` (DNS, or IP if it is an address) plus DNS:localhost,
    /// IP:127.0.0.1 and IP:::1; basicConstraints CA:FALSE, keyUsage digitalSignature,
    /// extendedKeyUsage serverAuth; a random serial; SHA-256; subject = issuer =
    /// CN=`hostName`, O=Letterbox. Non-ASCII host names go into the SAN in their ACE
    /// (punycode) form. Errors: InvalidValue (the host name), OutOfRange (`days`), Internal
    /// (OpenSSL failed).
    static Result<SelfSignedCertificate> generate(const QString &hostName, int days);

    /// Writes both PEM files atomically; the key file gets mode 0600 (also when it existed with
    /// wider permissions). If both paths are equal, one 0600 file holds the certificate
    /// followed by the key. FileUnwritable with a line naming the file (also in `field`).
    Result<void> writeTo(const QString &certFile, const QString &keyFile) const;
};
