// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QString>

/// The trace header every stored message starts with (RFC 5321 §4.4, "with" keywords from
/// RFC 3848 and RFC 6531 §3.7.7). Pure and thread-safe.
struct ReceivedHeader
{
    QByteArray heloName; ///< as the client gave it in HELO/EHLO
    QHostAddress remoteAddress;
    QString hostName; ///< ours, a valid domain
    QString appName;
    bool esmtp = true; ///< EHLO rather than HELO
    bool tls = false;
    bool authenticated = false;
    bool smtpUtf8 = false; ///< MAIL carried SMTPUTF8
    QString tlsProtocol;   ///< e.g. "TLSv1.3", for the comment after "with"
    QString tlsCipher;
    QByteArray id;                ///< an atom identifying the message in our logs
    QList<QByteArray> recipients; ///< "for" is written only for a single recipient (privacy)
    QDateTime time;

    /// The folded header, ending in CRLF.
    QByteArray toBytes() const;

    /// SMTP, ESMTP, ESMTPA, ESMTPS, ESMTPSA, UTF8SMTP, UTF8SMTPA, UTF8SMTPS or UTF8SMTPSA.
    static QByteArray protocolKeyword(bool esmtp, bool tls, bool authenticated, bool smtpUtf8);
    /// RFC 5322 §3.3 date-time in English regardless of locale: "Sat, 28 Nov 2026 01:55:01 +0100".
    static QByteArray formatDate(const QDateTime &time);
    /// "[192.0.2.1]" or "[IPv6:2001:db8::1]" (RFC 5321 §4.1.3).
    static QByteArray addressLiteral(const QHostAddress &address);
};
