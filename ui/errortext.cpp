// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "errortext.h"

#include <QLocale>

QString ErrorText::of(const Error &error)
{
    const QLocale::Language language = QLocale().language();
    if (language == QLocale::English || language == QLocale::C)
        return error.message;
    return tr("%1 (%2)").arg(summary(error.code), error.message);
}

QString ErrorText::brief(const Error &error)
{
    const QLocale::Language language = QLocale().language();
    if (language == QLocale::English || language == QLocale::C)
        return error.message;
    return summary(error.code);
}

QString ErrorText::summary(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidValue:
        return tr("The value is not valid");
    case ErrorCode::OutOfRange:
        return tr("The value is out of range");
    case ErrorCode::Conflict:
        return tr("The settings contradict each other");
    case ErrorCode::AddressInUse:
        return tr("The address is in use by another program");
    case ErrorCode::AddressUnavailable:
        return tr("This computer has no such address");
    case ErrorCode::AccessDenied:
        return tr("Permission denied");
    case ErrorCode::NetworkError:
        return tr("Network error");
    case ErrorCode::CertificateUnreadable:
        return tr("The certificate cannot be read");
    case ErrorCode::KeyUnreadable:
        return tr("The key cannot be read");
    case ErrorCode::KeyMismatch:
        return tr("The key does not belong to the certificate");
    case ErrorCode::FileNotFound:
        return tr("The file does not exist");
    case ErrorCode::FileUnreadable:
        return tr("The file cannot be read");
    case ErrorCode::FileUnwritable:
        return tr("The file cannot be written");
    case ErrorCode::FileExists:
        return tr("The file already exists");
    case ErrorCode::StoreUnwritable:
        return tr("The store cannot be written");
    case ErrorCode::StoreInUse:
        return tr("Another Letterbox uses this store");
    case ErrorCode::StoreDamaged:
        return tr("The store is damaged");
    case ErrorCode::StoreTooNew:
        return tr("The store was written by a newer Letterbox");
    case ErrorCode::StoreTooOld:
        return tr("The store has an older layout");
    case ErrorCode::DatabaseError:
        return tr("Database error");
    case ErrorCode::NotFound:
        return tr("Not found");
    case ErrorCode::MalformedInput:
        return tr("The input is malformed");
    case ErrorCode::Cancelled:
        return tr("Cancelled");
    case ErrorCode::Internal:
        return tr("Internal error");
    case ErrorCode::NotAllowed:
        return tr("Not allowed");
    case ErrorCode::ExtensionMissing:
        return tr("The server lacks an extension the message needs");
    case ErrorCode::TooLarge:
        return tr("The message is too large for the server");
    case ErrorCode::Timeout:
        return tr("The server did not answer in time");
    case ErrorCode::TlsFailed:
        return tr("The TLS handshake failed");
    case ErrorCode::AuthFailed:
        return tr("The server refused the credentials");
    case ErrorCode::RemoteRejected:
        return tr("The server rejected it");
    case ErrorCode::RemoteTemporary:
        return tr("The server failed temporarily");
    }
    return tr("Error");
}
