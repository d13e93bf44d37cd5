// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "events/events.h"
#include "smtp/authexchange.h"
#include "smtp/mailtransaction.h"
#include "smtp/sessionclock.h"
#include "smtp/sessionfaults.h"
#include "smtp/sessioninput.h"
#include "smtp/sessionlog.h"
#include "smtp/sessionoutput.h"
#include "smtp/sessionpolicy.h"
#include "smtp/sessionstate.h"
#include "smtp/sessiontls.h"
#include "smtp/smtpcommand.h"
#include "smtp/smtpreply.h"
#include "smtp/smtpserversettings.h"
#include "store/deliveryrequest.h"

#include <QHostAddress>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

class QIODevice;

class TlsUpgrade;
class TraceBacklog;

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
    /// keeps at most SessionTrace::kFlushBytes of trace in memory. Unset: the trace stays in
    /// memory up to SessionTrace::kMaxBytes, for takeTrace().
    std::function<void(const SessionInfo &session, QList<ProtocolLine> lines)> flushTrace;
    /// Where flushed trace waits for the store. While it is full the session reads no
    /// commands, so chatty clients cannot queue more trace than the store writes. May be null.
    TraceBacklog *traceBacklog = nullptr;
    /// Called when the session refuses a message for its size (552, at MAIL with SIZE or after
    /// the data) or a recipient by the rcptHandler policy (550): what the API's RuntimeStats
    /// count as SMTPRejected. Unset: not counted.
    std::function<void()> rejected;
    /// Runs the delays of fault rules; unset: QTimer::singleShot.
    FaultTimer faultTimer;
};

/// One SMTP connection: the state machine of RFC 5321 with the extensions of design.md, over
/// any QIODevice. Lives in the worker thread that owns its device; all signals are emitted in
/// that thread. It does not own the device or the TLS seam.
///
/// Limits enforced here: command line length (per verb), buffered input (one line, never
/// more than SmtpCommand::kMaxAuthLine), recipients, message size, time per command and
/// protocol errors. While a message is being committed or TLS is being negotiated, or while
/// more than SessionOutput::kMaxUnsentBytes of replies wait for a client that does not read them,
/// the session stops reading, so a socket with a bounded read buffer pushes back on the client.
///
/// Time (SmtpServerSettings::idleTimeout) is counted per command, not per read: a command line
/// (or SASL response) must be complete within the timeout of the moment the session became
/// ready for it, however its bytes trickle in. During DATA the deadline is renewed each time
/// kMinDataProgressBytes more bytes have arrived, so a message sent at any useful rate takes as
/// long as it needs, and one byte every few seconds does not hold a connection slot.
class SmtpSession final : public QObject, private SessionFaultTarget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SmtpSession)

public:
    /// Lines (or DATA chunks) handled per event-loop turn before the session lets the other
    /// sessions of its worker thread, and new connections waiting for their greeting, have a
    /// turn: a client pipelining thousands of commands gets a fair share, not the thread.
    static constexpr int kMaxStepsPerTurn = 16;
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
    /// The one place that changes m_state: checks the transition in debug builds and does
    /// what entering a state entails (a state that does not read input has no deadline).
    void enterState(SessionState next);
    void onReadyRead();
    void onBytesWritten();
    void onTraceBacklogDrained();
    /// Starts the deadline for the next command (or SASL response).
    void startCommandDeadline();
    void processInput();
    void processAvailableInput();
    void handleLine(QByteArrayView line);
    void handleCommand(const SmtpCommand &command);
    void handleHelo(const SmtpCommand &command);
    void handleMail(const SmtpCommand &command);
    void handleRcpt(const SmtpCommand &command);
    void handleData();
    void handleStartTls();
    void handleAuth(const SmtpCommand &command);
    void continueAuth(const AuthExchange::Turn &turn);
    /// Leaves the AUTH exchange without an outcome to report.
    void abandonAuth();
    void finishData();
    void onDelivered(const DeliveryResult &result);
    void onIdleTimeout();

    void reply(const SmtpReply &reply);
    void protocolError(const SmtpReply &reply);
    void closeWith(const SmtpReply &reply, const QString &reason);
    void resetTransaction();
    void resume();
    void finish(const QString &reason);
    void reportError(const QString &message);
    /// SessionContext::rejected, when set.
    void countRejected();
    SmtpReply greeting() const;
    void sendGreeting();
    /// Hands the finished message to the store.
    void deliverMessage();

    FaultSubject faultSubject() const;

    // SessionFaultTarget: what a fired rule does to this session.
    void markFault(const QByteArray &reason) override;
    void undoFaultedStage(FaultStage stage) override;
    void replyInstead(const SmtpReply &reply) override;
    void refuseConnection(const SmtpReply &reply, const QString &reason) override;
    void hangUp(const QString &reason) override;
    void holdForDelay() override;
    bool isOpenForFaults() const override;
    void resumeAfterDelay() override;

    QDateTime now() const { return m_clock.now(); }
    bool isEncrypted() const { return m_tls.isEncrypted(); }

    QIODevice *m_device;
    SessionContext m_context;
    const SessionClock m_clock;
    const SmtpServerSettings &m_settings;
    const SessionPolicy m_policy;
    SessionInfo m_info;
    SessionLog m_log; ///< after m_info, which it reads
    SessionState m_state = SessionState::Greeting;
    SessionState m_stateBeforeAuth = SessionState::Greeting;
    enum class Hello { None, Helo, Ehlo } m_hello = Hello::None;

    SessionInput m_input;
    SessionOutput m_output;
    SessionTls m_tls;
    SessionFaults m_faults;
    int m_errors = 0;
    QTimer m_idleTimer;

    MailTransaction m_transaction;
    bool m_transportGone = false;
    bool m_shutdownPending = false; ///< shutdown() came while a message was being committed
    qint64 m_dataProgress = 0;      ///< DATA bytes since the deadline was last renewed

    std::unique_ptr<AuthExchange> m_auth;
    bool m_authenticated = false;

    bool m_finished = false;
    bool m_waitingForStore = false; ///< stopped reading while the trace backlog is full
};
