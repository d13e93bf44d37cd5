// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "events/events.h"
#include "smtp/credentialredactor.h"
#include "smtp/sessiontrace.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <functional>
#include <optional>

class SaslMechanism;
class SessionClock;
struct SmtpCommand;
struct SmtpServerSettings;

/// One session's protocol log: what was read, written and noted. Each line goes to the
/// session's trace (for the store), to the live log through the sink, and, for lines read and
/// written, to the settings' debug hook. Credentials are masked here before any of them sees
/// the line (CredentialRedactor); only the live log and the debug hook get the clear text, and
/// only when SmtpServerSettings::revealCredentials asks for it.
///
/// Owned by one SmtpSession and used in its thread only. `settings`, `info` and `clock` are
/// the session's and must outlive the log.
class SessionLog final
{
public:
    /// Longest part of a single line copied into the trace.
    static constexpr qsizetype kMaxLoggedLine = 2048;

    /// Receives every line as it goes to the trace, with the clear text attached when revealing.
    using Sink = std::function<void(const ProtocolLine &line)>;

    /// `flush`: see SessionTrace.
    SessionLog(const SmtpServerSettings &settings, const SessionInfo &info,
               const SessionClock &clock, SessionTrace::FlushFunction flush, Sink sink);

    /// A command line read from the client (with its line ending) and its parse.
    void commandRead(QByteArrayView line, const SmtpCommand &command);
    /// A line read during an AUTH exchange (with its line ending); `mechanism` may be null.
    void saslResponseRead(QByteArrayView line, const SaslMechanism *mechanism);
    /// The start of a line longer than any buffer, after which the session closes. Not shown to
    /// the debug hook: it is not a line the session acted on.
    void floodRead(QByteArrayView lineStart, bool mayHoldCredential);
    /// The tail of a line that was too long (the rest was thrown away as it came).
    void tooLongRead(QByteArrayView tail, bool mayHoldCredential);
    /// A reply as written to the client.
    void written(QByteArrayView bytes);
    /// A remark of the session's own (TLS up, message size, AUTH outcome, end of session).
    void note(const QByteArray &text);
    /// A fault rule fired: which rule and what it did instead of the session's own reply.
    void fault(const QByteArray &text);

    /// The part that goes to the store; the transaction marks where its message's lines start.
    SessionTrace &trace() { return m_trace; }

private:
    void read(QByteArrayView line, const std::optional<CredentialRedactor::Redacted> &redacted);
    void append(Direction direction, QByteArrayView bytes, const QByteArray &revealed = {});
    void toDebugHook(const QString &what, QByteArrayView bytes) const;

    const SmtpServerSettings &m_settings;
    const SessionInfo &m_info;
    const SessionClock &m_clock;
    const CredentialRedactor m_redactor;
    SessionTrace m_trace;
    Sink m_sink;
};
