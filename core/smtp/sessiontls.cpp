// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "sessiontls.h"

#include "smtp/sessioninput.h"
#include "smtp/tlsupgrade.h"

SessionTls::SessionTls(TlsUpgrade *seam, bool configured, bool implicitTls)
    : m_seam(seam)
    , m_configured(configured)
    , m_implicit(implicitTls)
{}

std::optional<SmtpReply> SessionTls::startTlsRefusal(bool afterEhlo) const
{
    if (m_encrypted)
        return SmtpReply(503, "5.5.1", "TLS already active");
    if (!m_configured || !m_seam)
        return SmtpReply(502, "5.5.1", "STARTTLS not available");
    if (!afterEhlo)
        return SmtpReply(503, "5.5.1", "Send EHLO first");
    return std::nullopt;
}

qint64 SessionTls::discardPipelined(SessionInput &input)
{
    return input.discardAll();
}

void SessionTls::startHandshake()
{
    m_thread.check("SessionTls");
    Q_ASSERT(m_seam);
    m_seam->startServerHandshake();
}

QByteArray SessionTls::established(const QString &protocol, const QString &cipher)
{
    m_thread.check("SessionTls");
    m_encrypted = true;
    m_protocol = protocol;
    m_cipher = cipher;
    return "TLS established: " + protocol.toUtf8() + ' ' + cipher.toUtf8();
}

QByteArray SessionTls::failedNote(const QString &reason)
{
    return "TLS handshake failed: " + reason.toUtf8();
}

QByteArray SessionTls::timeoutNote(std::chrono::milliseconds limit)
{
    return "TLS handshake timeout: no handshake within " + QByteArray::number(qint64(limit.count()))
           + " ms";
}

QString SessionTls::timeoutError(std::chrono::milliseconds limit)
{
    return QStringLiteral("TLS handshake timeout (%1 ms)").arg(qint64(limit.count()));
}
