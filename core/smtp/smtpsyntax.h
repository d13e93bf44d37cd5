// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>

/// RFC 5321 §4.1.2 syntax checks shared by the command parser, the Received header and the
/// configuration's host name check. Pure functions over bytes; safe to fuzz.
namespace SmtpSyntax {
/// RFC 5234 ALPHA.
constexpr bool isAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
/// RFC 5234 DIGIT.
constexpr bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
/// An octet above US-ASCII: part of a UTF-8 sequence where RFC 6531 allows one.
constexpr bool isHigh(char c)
{
    return static_cast<unsigned char>(c) >= 0x80;
}
bool isDomain(QByteArrayView text, bool allowUtf8);
bool isAddressLiteral(QByteArrayView text);
/// Local-part "@" (Domain / address-literal), or a bare "postmaster" when `allowPostmaster`.
bool isMailbox(QByteArrayView text, bool allowUtf8, bool allowPostmaster);
bool isValidUtf8(QByteArrayView text);
/// The index of the '@' that ends the local part of `text`, which may be a quoted string with
/// escaped quotes and '@'; -1 when there is none.
qsizetype localPartEnd(QByteArrayView text);
/// Whether `text` starts with `prefix`, ASCII case ignored (SMTP verbs and keywords).
bool startsWithNoCase(QByteArrayView text, QByteArrayView prefix);
} // namespace SmtpSyntax
