// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "sessionlog.h"

#include "smtp/sessionclock.h"
#include "smtp/smtpserversettings.h"

SessionLog::SessionLog(const SmtpServerSettings &settings, const SessionInfo &info,
                       const SessionClock &clock, SessionTrace::FlushFunction flush, Sink sink)
    : m_settings(settings)
    , m_info(info)
    , m_clock(clock)
    , m_redactor(settings.revealCredentials, settings.effectiveHostName().toUtf8())
    , m_trace(std::move(flush))
    , m_sink(std::move(sink))
{}

void SessionLog::commandRead(QByteArrayView line, const SmtpCommand &command)
{
    read(line, m_redactor.commandLine(line, command));
}

void SessionLog::saslResponseRead(QByteArrayView line, const SaslMechanism *mechanism)
{
    read(line, m_redactor.saslResponse(line, mechanism));
}

void SessionLog::floodRead(QByteArrayView lineStart, bool mayHoldCredential)
{
    append(Direction::ClientToServer,
           mayHoldCredential ? CredentialRedactor::kMask
                             : lineStart.first(qMin(lineStart.size(), kMaxLoggedLine)));
}

void SessionLog::tooLongRead(QByteArrayView tail, bool mayHoldCredential)
{
    // The tail of an AUTH line is part of a credential.
    if (mayHoldCredential) {
        const QByteArray masked = CredentialRedactor::kMask.toByteArray() + "\r\n";
        append(Direction::ClientToServer, masked);
        return;
    }
    append(Direction::ClientToServer, tail);
}

void SessionLog::written(QByteArrayView bytes)
{
    append(Direction::ServerToClient, bytes);
    toDebugHook(QStringLiteral("write"), bytes);
}

void SessionLog::note(const QByteArray &text)
{
    append(Direction::Note, text);
}

void SessionLog::fault(const QByteArray &text)
{
    append(Direction::Fault, text);
}

void SessionLog::read(QByteArrayView line,
                      const std::optional<CredentialRedactor::Redacted> &redacted)
{
    if (!redacted) {
        append(Direction::ClientToServer, line);
        toDebugHook(QStringLiteral("read"), line);
        return;
    }
    append(Direction::ClientToServer, redacted->masked, redacted->revealed);
    toDebugHook(QStringLiteral("read"),
                m_redactor.reveals() ? line : QByteArrayView(redacted->masked));
}

void SessionLog::append(Direction direction, QByteArrayView bytes, const QByteArray &revealed)
{
    ProtocolLine line;
    line.sessionId = m_info.sessionId;
    line.time = m_clock.now();
    line.direction = direction;
    line.bytes = bytes.first(qMin(bytes.size(), kMaxLoggedLine)).toByteArray();
    line.truncatedBytes = bytes.size() - line.bytes.size();
    // A multi-line reply goes to the trace and the log as the lines it is on the wire. The
    // trace goes to the store, so it is built before the clear text is attached (only client
    // lines have one, and they are never split).
    for (ProtocolLine &wire : line.wireLines()) {
        m_trace.append(wire);
        wire.revealedBytes = revealed;
        if (m_sink)
            m_sink(wire);
    }
}

void SessionLog::toDebugHook(const QString &what, QByteArrayView bytes) const
{
    if (m_settings.debugHandler)
        m_settings.debugHandler(m_info.remoteAddress, what, bytes.toByteArray());
}
