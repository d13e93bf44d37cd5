// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

// The payloads of the engine's signals. Every one is a copyable value that carries the id of
// the session it belongs to, so it can cross threads in a queued connection.

/// Who a protocol line is from. Fault marks where a fault rule fired (its text names the rule
/// and what it did). The values are stored (TraceCodec): new ones go at the end.
enum class Direction { ClientToServer, ServerToClient, Note, Fault };

QLatin1StringView toString(Direction direction);

/// One line of an SMTP dialogue, or a note the engine adds (TLS established, message body
/// summarised). Credentials are always masked in `bytes`. `truncatedBytes` counts what was cut
/// from a very long line.
///
/// `revealedBytes` is empty except on a credential line (an AUTH command with an initial
/// response, a SASL response) of a server running with SmtpServerSettings::revealCredentials:
/// then it holds the line as sent, without CRLF, and what it decodes to, e.g.
/// `AUTH PLAIN AGEAYg==  [authzid "", user "a", password "b"]`. It only travels in the live
/// protocolLine signal; the store never receives it.
struct ProtocolLine
{
    quint64 sessionId = 0;
    QDateTime time;
    Direction direction = Direction::Note;
    QByteArray bytes;
    qsizetype truncatedBytes = 0;
    QByteArray revealedBytes;

    /// The line as it went over the wire: a server line holding several CRLF-terminated lines
    /// (a multi-line reply, RFC 5321 §4.2.1: "250-..." continuations, then "250 ...") comes
    /// back as one line per reply line, each with its CRLF and the same time. Client lines
    /// (framed by LF already) and notes come back as they are. What was cut from the end
    /// (truncatedBytes) stays with the last piece. The trace, the store and every view and
    /// export of a trace use this one representation.
    QList<ProtocolLine> wireLines() const;
};

/// What one protocol line costs in memory beyond its bytes: the ProtocolLine itself and the
/// heap blocks of its byte array (QArrayData header, malloc's own header and rounding). Every
/// bound on trace memory counts this, so a flood of short lines cannot hold many times it.
inline constexpr qsizetype kProtocolLineOverhead = qsizetype(sizeof(ProtocolLine)) + 64;

inline qsizetype memoryCost(const ProtocolLine &line)
{
    return line.bytes.size() + kProtocolLineOverhead;
}

/// The facts of one connection. Sent with `sessionStarted` (then `ended` is invalid) and with
/// `sessionEnded` (then every field is final).
struct SessionInfo
{
    quint64 sessionId = 0;
    QDateTime started;
    QDateTime ended;
    QString remoteAddress;
    quint16 remotePort = 0;
    QString localAddress;
    quint16 localPort = 0;
    bool implicitTls = false; ///< arrived on the SMTPS listener
    bool tls = false;         ///< encrypted at the end (implicit TLS or STARTTLS)
    QString tlsProtocol;
    QString tlsCipher;
    QString heloName;
    QString authUser;
    int messages = 0;
    QString endReason; ///< "quit", "timeout", "too many errors", "TLS handshake timeout", ...
};

/// One AUTH exchange that reached a decision (cancelled exchanges report `success == false`).
struct AuthAttempt
{
    quint64 sessionId = 0;
    QDateTime time;
    QString remoteAddress;
    QString mechanism;
    QString user;
    bool success = false;
    QString reason; ///< why it failed, empty on success
};

/// MAIL FROM and RCPT TO as received. Addresses are kept as bytes, because the envelope may be
/// UTF-8 (SMTPUTF8) and must be shown as the client sent it.
struct Envelope
{
    QByteArray mailFrom; ///< reverse-path without the angle brackets; empty for <>
    QByteArray
        mailParameters; ///< the ESMTP parameters of MAIL, as sent (e.g. "SIZE=10 BODY=8BITMIME")
    QList<QByteArray> recipients;
    bool smtpUtf8 = false;
    bool eightBitMime = false;
};

/// A message that was committed to the store and answered 250.
struct ReceivedMessage
{
    quint64 sessionId = 0;
    qint64 storeId = 0;
    QDateTime received;
    Envelope envelope;
    qint64 size = 0; ///< stored bytes, including the Received header
    QString remoteAddress;
    QString heloName;
    bool tls = false;
    QString authUser;
    QString subject; ///< decoded Subject header, for display
};

/// Something went wrong in a session or in the store. `sessionId` is 0 for server-wide errors.
struct ServerError
{
    quint64 sessionId = 0;
    QDateTime time;
    QString remoteAddress;
    QString message;
};

Q_DECLARE_METATYPE(ProtocolLine)
Q_DECLARE_METATYPE(SessionInfo)
Q_DECLARE_METATYPE(AuthAttempt)
Q_DECLARE_METATYPE(Envelope)
Q_DECLARE_METATYPE(ReceivedMessage)
Q_DECLARE_METATYPE(ServerError)

/// Registers the payloads above, Error, ImportReport and ExportReport with the meta-type system.
/// Call once before any thread starts; calling it again is harmless.
void registerEventMetaTypes();
