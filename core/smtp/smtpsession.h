// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "events/events.h"
#include "smtp/saslmechanism.h"
#include "smtp/smtpcommand.h"
#include "smtp/smtpreply.h"
#include "smtp/smtpserversettings.h"
#include "store/deliveryrequest.h"

#include <QHostAddress>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

class DataReader;
class MessageSpool;
class QIODevice;

class TlsUpgrade;

enum class SessionState {
    Greeting,     ///< greeted (or waiting for implicit TLS), no HELO/EHLO yet
    Ready,        ///< HELO/EHLO done, no mail transaction
    MailFrom,     ///< MAIL accepted, no recipient yet
    RcptTo,       ///< at least one recipient accepted
    Data,         ///< reading message content
    Delivering,   ///< waiting for the store to commit; input is not read
    Auth,         ///< inside an AUTH exchange
    TlsHandshake, ///< waiting for the TLS handshake; input is not read
    Closing,
};
QLatin1StringView toString(SessionState state);

/// Hands a finished message to the store. `done` must be invoked in `context`'s thread.
using DeliverFunction = std::function<void(DeliveryRequest request, QObject *context,
                                           std::function<void(const DeliveryResult &)> done)>;

/// Everything a session needs from its surroundings, injected so tests can provide their own.
struct SessionContext
{
    quint64 sessionId = 0;
    QHostAddress remoteAddress;
    quint16 remotePort = 0;
    QHostAddress localAddress;
    quint16 localPort = 0;
    bool implicitTls = false;
    std::shared_ptr<const SmtpServerSettings> settings;
    DeliverFunction deliver;
    QString spoolDirectory;
    std::function<QDateTime()> clock; ///< unset: the system clock
    /// Takes the trace lines collected so far, with the session's facts so far, so the session
    /// keeps at most kTraceFlushBytes of trace in memory. Unset: the trace stays in memory up
    /// to kMaxTraceBytes, for takeTrace().
    std::function<void(const SessionInfo &session, QList<ProtocolLine> lines)> flushTrace;
};

/// One SMTP connection: the state machine of RFC 5321 with the extensions of design.md, over
/// any QIODevice. Lives in the worker thread that owns its device; all signals are emitted in
/// that thread. It does not own the device or the TLS seam.
///
/// Limits enforced here: command line length (per verb), buffered input (one line, never
/// more than SmtpCommand::kMaxAuthLine), recipients, message size, time per command and
/// protocol errors. While a message is being committed or TLS is being negotiated, or while
/// more than kMaxUnsentReplyBytes of replies wait for a client that does not read them, the
/// session stops reading, so a socket with a bounded read buffer pushes back on the client.
///
/// Time (SmtpServerSettings::idleTimeout) is counted per command, not per read: a command line
/// (or SASL response) must be complete within the timeout of the moment the session became
/// ready for it, however its bytes trickle in. During DATA the deadline is renewed each time
/// kMinDataProgressBytes more bytes have arrived, so a message sent at any useful rate takes as
/// long as it needs, and one byte every few seconds does not hold a connection slot.
class SmtpSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SmtpSession)

public:
    /// How much unread input one readyRead turn takes from the device.
    static constexpr qsizetype kReadChunk = 64 * 1024;
    /// The trace of one session stops at this cost (line bytes plus kTraceLineOverhead each);
    /// a note marks the cut.
    static constexpr qsizetype kMaxTraceBytes = 1024 * 1024;
    /// With SessionContext::flushTrace, the trace is handed over whenever this much has
    /// collected, so a hundred chatty sessions hold a few MiB of trace, not a hundred.
    static constexpr qsizetype kTraceFlushBytes = 32 * 1024;
    /// Lines (or DATA chunks) handled per event-loop turn before the session lets the other
    /// sessions of its worker thread, and new connections waiting for their greeting, have a
    /// turn: a client pipelining thousands of commands gets a fair share, not the thread.
    static constexpr int kMaxStepsPerTurn = 16;
    /// Longest part of a single line copied into the trace.
    static constexpr qsizetype kMaxLoggedLine = 2048;
    /// What one trace line costs beyond its bytes: the ProtocolLine itself and the heap
    /// blocks of its byte array (QArrayData header, malloc's own header and rounding). The
    /// trace cap counts it, so a flood of short lines cannot hold ten times the cap.
    static constexpr qsizetype kTraceLineOverhead = qsizetype(sizeof(ProtocolLine)) + 64;
    /// Replies waiting in the socket's write buffer beyond this stop the reading of commands
    /// until the client has taken some (RFC 2920 section 3.1: a server may stop reading
    /// pipelined commands while its replies are not read). Without it, a client that
    /// pipelines EHLO and never reads grows the buffer without bound.
    static constexpr qint64 kMaxUnsentReplyBytes = 64 * 1024;
    /// A command line still unfinished after this many bytes (far past the longest legal one,
    /// SmtpCommand::kMaxAuthLine) ends the session with 421 instead of being read on.
    static constexpr qint64 kMaxDiscardedLineBytes = 1024 * 1024;
    /// During DATA, this many bytes renew the deadline (see the class comment).
    static constexpr qint64 kMinDataProgressBytes = 4096;

    /// `tls` may be null when TLS is not configured.
    SmtpSession(QIODevice *device, TlsUpgrade *tls, SessionContext context,
                QObject *parent = nullptr);
    ~SmtpSession() override;

    /// Sends the greeting, or for implicit TLS waits for tlsEstablished().
    void start();
    /// The owner's report on a handshake started through TlsUpgrade (or implicit TLS).
    void tlsEstablished(const QString &protocol, const QString &cipher);
    void tlsFailed(const QString &reason);
    /// The owner's handshake timer (SmtpServerSettings::tlsHandshakeTimeout) ran out: the
    /// session ends with "TLS handshake timeout".
    void tlsHandshakeTimedOut();
    /// The transport is gone (peer closed, or our close completed).
    void transportClosed(const QString &reason = {});
    /// "421 shutting down" and close, for a server stop.
    void shutdown();

    SessionState state() const { return m_state; }
    const SessionInfo &info() const { return m_info; }
    /// The trace lines not yet handed to the store.
    QList<ProtocolLine> takeTrace();

protected:
    bool event(QEvent *event) override;

signals:
    /// start() ran; `info` has the start time and addresses.
    void started(const SessionInfo &info);
    void protocolLine(const ProtocolLine &line);
    void authAttempted(const AuthAttempt &attempt);
    void messageReceived(const ReceivedMessage &message);
    void errorOccurred(const ServerError &error);
    /// The session wants the transport closed (after QUIT, a timeout, too many errors...).
    void closeRequested();
    /// Emitted once, last. The session may be deleted from a slot connected to it.
    void finished(const SessionInfo &info);

private:
    void onReadyRead();
    void onBytesWritten();
    /// True while too many replies are unsent; reading stops until onBytesWritten.
    bool outputBlocked();
    /// Starts the deadline for the next command (or SASL response).
    void startCommandDeadline();
    void processInput();
    void processAvailableInput();
    void flushOutput();
    bool fillInput();
    void handleLine(QByteArrayView line);
    void handleCommand(const SmtpCommand &command);
    void handleHelo(const SmtpCommand &command);
    void handleMail(const SmtpCommand &command);
    void handleRcpt(const SmtpCommand &command);
    void handleData();
    void handleStartTls();
    void handleAuth(const SmtpCommand &command);
    void handleAuthResponse(QByteArrayView line);
    void continueAuth(const SaslMechanism::Step &step);
    enum class AuthOutcome { Accepted, Refused, Cancelled, Malformed };
    void finishAuth(AuthOutcome outcome, const QByteArray &reason);
    void finishData();
    void onDelivered(const DeliveryResult &result);
    void onIdleTimeout();

    void reply(const SmtpReply &reply);
    void protocolError(const SmtpReply &reply);
    void closeWith(const SmtpReply &reply, const QString &reason);
    void resetTransaction();
    void resume();
    void finish(const QString &reason);
    void log(Direction direction, QByteArrayView bytes, QByteArray revealed = {});
    /// A client line to the trace and the debug hook.
    void logRead(QByteArrayView line);
    /// A client line that carries credentials: `masked` goes to the trace, the clear text from
    /// `reveal` only beside it and only with SmtpServerSettings::revealCredentials.
    void logCredentialRead(QByteArrayView line, const QByteArray &masked,
                           const std::function<QByteArray()> &reveal);
    void note(const QByteArray &text);
    void reportError(const QString &message);

    std::optional<SmtpReply> gate(SmtpCommand::Verb verb) const;
    QList<SaslMechanism::Type> offeredMechanisms() const;
    QDateTime now() const;
    QDateTime localNow() const;
    bool isEncrypted() const { return m_info.tls; }

    QIODevice *m_device;
    TlsUpgrade *m_tls;
    SessionContext m_context;
    const SmtpServerSettings &m_settings;
    SessionInfo m_info;
    SessionState m_state = SessionState::Greeting;
    SessionState m_stateBeforeAuth = SessionState::Greeting;
    enum class Hello { None, Helo, Ehlo } m_hello = Hello::None;

    QByteArray m_input;
    qsizetype m_inputPos = 0;
    bool m_discardingLongLine = false;
    qint64 m_discardedBytes = 0;         ///< of the line being discarded
    bool m_discardingCredential = false; ///< the line being discarded is AUTH or a SASL response
    int m_errors = 0;
    QTimer m_idleTimer;

    // The mail transaction.
    Envelope m_envelope;
    int m_rcptAttempts = 0;
    std::shared_ptr<MessageSpool> m_spool;
    std::unique_ptr<DataReader> m_dataReader;
    QDateTime m_dataStarted;
    bool m_transportGone = false;
    bool m_shutdownPending = false; ///< shutdown() came while a message was being committed
    bool m_outputBlocked = false;
    qint64 m_dataProgress = 0; ///< DATA bytes since the deadline was last renewed

    std::unique_ptr<SaslMechanism> m_sasl;
    bool m_authenticated = false;

    QList<ProtocolLine> m_trace;
    qsizetype m_traceBytes = 0; ///< cost of the lines in m_trace
    qsizetype m_traceTotal = 0; ///< cost of every line admitted to the trace so far
    bool m_traceCapped = false;
    bool m_finished = false;
};
