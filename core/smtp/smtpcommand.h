// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QLatin1StringView>

#include <optional>

/// One parsed SMTP command line. parse() is a pure function over the line without its CRLF:
/// it never throws, never allocates more than the line, and is safe to fuzz.
struct SmtpCommand
{
    enum class Verb {
        Unknown,
        Helo,
        Ehlo,
        Mail,
        Rcpt,
        Data,
        Rset,
        Noop,
        Quit,
        Vrfy,
        Expn,
        Help,
        StartTls,
        Auth,
    };

    /// Why the line is not acceptable, as a code: the session picks its reply by it, and
    /// `error` only says it in words.
    enum class Status {
        Ok,
        UnknownCommand,   ///< 500 5.5.2
        InvalidCharacter, ///< 500 5.5.2 NUL, bare CR or bare LF in a command line
        LineTooLong,      ///< 500 5.5.2
        SyntaxError,      ///< 501 5.5.4
        BadAddress,       ///< 501 5.1.7 for MAIL, 5.1.3 for RCPT (RFC 3463): the path's syntax
        BadParameter,     ///< 555 5.5.4 unknown or malformed MAIL/RCPT parameter
    };

    enum class Body { Unspecified, SevenBit, EightBitMime };

    /// RFC 5321 §4.5.3.1.4: 512 octets including CRLF.
    static constexpr qsizetype kMaxCommandLine = 512;
    /// RFC 1869 §6 / RFC 5321 §4.5.3.1.4: parameters may extend MAIL and RCPT by 512 octets.
    static constexpr qsizetype kMaxMailRcptLine = kMaxCommandLine + 512;
    /// RFC 4954 §4: an AUTH command line (and a SASL response line) may be 12288 octets.
    static constexpr qsizetype kMaxAuthLine = 12288;
    /// RFC 5321 §4.5.3.1.3: a path is at most 256 octets including the angle brackets.
    static constexpr qsizetype kMaxPath = 256;

    Verb verb = Verb::Unknown;
    Status status = Status::UnknownCommand;
    QByteArray error;    ///< why the line was refused, for the reply text and the log
    QByteArray argument; ///< everything after the verb and one space (HELO name, VRFY arg, ...)

    // MAIL and RCPT
    QByteArray address; ///< mailbox without brackets and source route; empty for <>
    bool hasNonAscii = false;
    // MAIL parameters (RFC 1870, 6152, 6531, 4954 §5)
    std::optional<qint64> size;
    Body body = Body::Unspecified;
    bool smtpUtf8 = false;
    QByteArray parameters; ///< the parameter text as sent

    // AUTH
    QByteArray mechanism;
    std::optional<QByteArray> initialResponse; ///< still base64 (or "=")

    /// `line` is one command line without its terminating CRLF.
    static SmtpCommand parse(QByteArrayView line);
    static QLatin1StringView verbName(Verb verb);
    /// The longest line this verb may have, CRLF included.
    static qsizetype maxLineLength(Verb verb);
    bool ok() const { return status == Status::Ok; }
};
