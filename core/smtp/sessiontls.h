// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/threadcheck.h"
#include "smtp/smtpreply.h"

#include <QByteArray>
#include <QString>

#include <chrono>
#include <optional>

class SessionInput;
class TlsUpgrade;

/// The TLS side of one session, STARTTLS (RFC 3207) and implicit TLS (RFC 8314): whether
/// STARTTLS may begin now, beginning it through the TlsUpgrade seam with the plaintext pipelined
/// after it thrown away, the facts of the TLS session once it is up, and the words the session
/// logs for each outcome. The session keeps the state machine and decides what each outcome
/// does to it. Owned by one SmtpSession, used in its thread only.
class SessionTls final
{
public:
    /// `seam` may be null (no TLS for this connection) and must outlive this object.
    /// `configured`: the server has a TLS configuration (SmtpServerSettings::tls).
    SessionTls(TlsUpgrade *seam, bool configured, bool implicitTls);

    /// The connection starts with a handshake, and the greeting waits for it.
    bool isImplicit() const { return m_implicit; }
    /// The seam exists, so STARTTLS can work when the server has TLS configured.
    bool hasSeam() const { return m_seam != nullptr; }
    bool isEncrypted() const { return m_encrypted; }
    QString protocol() const { return m_protocol; }
    QString cipher() const { return m_cipher; }

    /// The reply refusing STARTTLS now, or nullopt when the handshake may begin: TLS is not
    /// already up, the server can do it, and EHLO came first (RFC 3207 §4).
    std::optional<SmtpReply> startTlsRefusal(bool afterEhlo) const;
    /// Call after "220 Ready to start TLS" is written: throws away what the client pipelined
    /// in plaintext after STARTTLS (RFC 3207 §5, CVE-2011-0411: it must not be taken as coming
    /// over TLS). Returns the bytes thrown away.
    static qint64 discardPipelined(SessionInput &input);
    /// Begins the server side of the handshake through the seam; the owner reports the outcome.
    void startHandshake();

    /// The handshake succeeded; returns the note for the protocol log.
    QByteArray established(const QString &protocol, const QString &cipher);
    /// The note for a failed handshake.
    static QByteArray failedNote(const QString &reason);
    /// The note and the error text for a handshake that did not finish within `limit`.
    static QByteArray timeoutNote(std::chrono::milliseconds limit);
    static QString timeoutError(std::chrono::milliseconds limit);

private:
    TlsUpgrade *m_seam;
    bool m_configured;
    bool m_implicit;
    bool m_encrypted = false;
    QString m_protocol;
    QString m_cipher;
    ThreadCheck m_thread; ///< the session's thread, which builds it
};
