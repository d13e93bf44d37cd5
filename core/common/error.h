// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QMetaType>
#include <QString>

/// What went wrong, as a value that code can decide on. The text is for people only: nothing
/// may branch on it. Add a code when a caller needs to tell a case apart (to pick a settings
/// page, a hint, an exit code or an SMTP reply); otherwise reuse the closest one.
enum class ErrorCode {
    // Values and settings
    InvalidValue, ///< does not parse (an address, a pattern, a number)
    OutOfRange,   ///< parses, but lies outside the setting's bounds
    Conflict,     ///< contradicts another setting (e.g. an SMTPS listener without a certificate)
    // Network
    AddressInUse,       ///< another process listens on the port
    AddressUnavailable, ///< no such local address
    AccessDenied,       ///< the port or file needs privileges the process lacks
    NetworkError,       ///< any other socket error
    // TLS
    CertificateUnreadable, ///< missing, unreadable, or not a PEM/DER certificate
    KeyUnreadable,         ///< missing, unreadable, wrong passphrase, or not a key
    KeyMismatch,           ///< the key does not belong to the certificate
    // Files
    FileNotFound,
    FileUnreadable,
    FileUnwritable,
    FileExists, ///< would replace an existing file
    // Store
    StoreUnwritable, ///< the store directory or database cannot be written
    StoreInUse,      ///< another process holds the store's lock
    StoreDamaged,    ///< SQLite calls the database malformed
    StoreTooNew,     ///< written by a newer Letterbox
    StoreTooOld,     ///< an older layout that only a writer (MessageStore::open) upgrades
    DatabaseError,   ///< any other SQLite failure
    NotFound,        ///< no such message, session or entry
    // Content
    MalformedInput, ///< input that is not what it claims to be (an mbox, a MIME part)
    Cancelled,
    Internal, ///< a broken invariant; the text says which
    // Relay (Letterbox as an SMTP client, delivering a stored message to another server)
    NotAllowed,       ///< a recipient no allowed-recipient pattern matches, or no relay is set up
    ExtensionMissing, ///< the message needs an extension the server lacks (8BITMIME, SMTPUTF8,
                      ///< STARTTLS, AUTH)
    TooLarge,         ///< bigger than the server's SIZE (RFC 1870)
    Timeout,          ///< the server did not answer within the step's time
    TlsFailed,        ///< the TLS handshake failed (untrusted certificate, protocol error)
    AuthFailed,       ///< the server refused the credentials (RFC 4954 535)
    RemoteRejected,   ///< the server answered 5xx: a permanent failure, not retried
    RemoteTemporary,  ///< the server answered 4xx or the connection broke: worth retrying
};

/// An error: its code, the setting or input it is about, and one line of text for people.
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    /// The setting at fault, by its ServerConfig key ("listen", "tls.certificate"), or the file
    /// or input it concerns; empty when the error is about neither.
    QString field;
    QString message; ///< one line, names the file or value; no trailing period

    Error() = default;
    Error(ErrorCode code, QString message, QString field = {})
        : code(code)
        , field(std::move(field))
        , message(std::move(message))
    {}

    /// The same error, said of another setting or input.
    Error about(QString otherField) const
    {
        Error error = *this;
        error.field = std::move(otherField);
        return error;
    }

    friend bool operator==(const Error &, const Error &) = default;
};

Q_DECLARE_METATYPE(Error)
