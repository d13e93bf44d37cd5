// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtpsession.h"

#include "smtp/datareader.h"
#include "smtp/receivedheader.h"
#include "smtp/sessionstate.h"
#include "store/tracebacklog.h"

#include <QCoreApplication>
#include <QEvent>
#include <QIODevice>
#include <QSslSocket>

using Verb = SmtpCommand::Verb;

/// Posted to itself when a session yields the thread in the middle of its input.
static const QEvent::Type kContinueEvent = static_cast<QEvent::Type>(QEvent::registerEventType());

SmtpSession::SmtpSession(QIODevice *device, TlsUpgrade *tls, SessionContext context,
                         QObject *parent)
    : QObject(parent)
    , m_device(device)
    , m_context(std::move(context))
    , m_clock(m_context.clock)
    , m_settings(*m_context.settings)
    , m_policy(m_settings, tls != nullptr)
    , m_log(m_settings, m_info, m_clock,
            m_context.flushTrace ? SessionTrace::FlushFunction([this](QList<ProtocolLine> lines) {
                m_context.flushTrace(m_info, std::move(lines));
            })
                                 : SessionTrace::FlushFunction(),
            [this](const ProtocolLine &line) { Q_EMIT protocolLine(line); })
    , m_input(device, SmtpCommand::kMaxAuthLine)
    , m_output(device)
    , m_tls(tls, m_settings.tls.has_value(), m_context.implicitTls)
    , m_faults(m_settings.faults, m_context.faultTimer, this, this)
{
    m_info.sessionId = m_context.sessionId;
    m_info.remoteAddress = m_context.remoteAddress.toString();
    m_info.remotePort = m_context.remotePort;
    m_info.localAddress = m_context.localAddress.toString();
    m_info.localPort = m_context.localPort;
    m_info.implicitTls = m_context.implicitTls;

    m_idleTimer.setSingleShot(true);
    m_idleTimer.setInterval(m_settings.idleTimeout);
    connect(&m_idleTimer, &QTimer::timeout, this, &SmtpSession::onIdleTimeout);
    connect(m_device, &QIODevice::readyRead, this, &SmtpSession::onReadyRead);
    connect(m_device, &QIODevice::bytesWritten, this, &SmtpSession::onBytesWritten);
    if (auto *ssl = qobject_cast<QSslSocket *>(m_device))
        connect(ssl, &QSslSocket::encryptedBytesWritten, this, &SmtpSession::onBytesWritten);
    if (m_context.traceBacklog)
        connect(m_context.traceBacklog, &TraceBacklog::drained, this,
                &SmtpSession::onTraceBacklogDrained);
}

SmtpSession::~SmtpSession() = default;

void SmtpSession::enterState(SessionState next)
{
    Q_ASSERT_X(isAllowedTransition(m_state, next), "SmtpSession::enterState",
               qPrintable(toString(m_state) + QLatin1StringView(" -> ") + toString(next)));
    m_state = next;
    switch (next) {
    case SessionState::Delivering:
    case SessionState::TlsHandshake:
        // Input is not read meanwhile: the store, or the owner's handshake timeout
        // (SmtpServerSettings::tlsHandshakeTimeout), decides when the session goes on.
        m_idleTimer.stop();
        break;
    default:
        break;
    }
}

SmtpReply SmtpSession::greeting() const
{
    return SmtpReply(
        220, {}, m_settings.effectiveHostName().toUtf8() + " ESMTP " + m_settings.appName.toUtf8());
}

void SmtpSession::start()
{
    m_info.started = now();
    Q_EMIT started(m_info);
    if (m_tls.isImplicit()) {
        // RFC 8314: the greeting comes only once the TLS session is up. Until then the
        // owner's handshake timeout applies, not the idle timeout.
        enterState(SessionState::TlsHandshake);
        m_log.note("waiting for the TLS handshake (implicit TLS)");
        return;
    }
    startCommandDeadline();
    sendGreeting();
    m_output.flush();
}

void SmtpSession::sendGreeting()
{
    if (m_faults.intercepts(FaultStage::Connect, faultSubject(), [this] { sendGreeting(); }))
        return;
    reply(greeting());
}

void SmtpSession::tlsEstablished(const QString &protocol, const QString &cipher)
{
    if (m_state != SessionState::TlsHandshake)
        return;
    m_info.tls = true;
    m_info.tlsProtocol = protocol;
    m_info.tlsCipher = cipher;
    m_log.note(m_tls.established(protocol, cipher));
    enterState(SessionState::Greeting);
    if (m_tls.isImplicit()) {
        sendGreeting();
    } else {
        // RFC 3207 §4.2: forget everything learned before the handshake.
        m_hello = Hello::None;
        m_authenticated = false;
        m_info.authUser.clear();
        m_info.heloName.clear();
        resetTransaction();
    }
    resume();
}

void SmtpSession::tlsFailed(const QString &reason)
{
    m_log.note(SessionTls::failedNote(reason));
    reportError(QStringLiteral("TLS handshake failed: ") + reason);
    // Never fall back to plaintext: the client asked for TLS and did not get it.
    m_info.endReason = QStringLiteral("TLS handshake failed");
    // Closing first: the close may report a disconnect at once, which is not a second failure.
    enterState(SessionState::Closing);
    Q_EMIT closeRequested();
    finish(m_info.endReason);
}

void SmtpSession::tlsHandshakeTimedOut()
{
    if (m_state != SessionState::TlsHandshake)
        return;
    m_log.note(SessionTls::timeoutNote(m_settings.tlsHandshakeTimeout));
    reportError(SessionTls::timeoutError(m_settings.tlsHandshakeTimeout));
    m_info.endReason = QStringLiteral("TLS handshake timeout");
    enterState(SessionState::Closing);
    Q_EMIT closeRequested();
    finish(m_info.endReason);
}

void SmtpSession::transportClosed(const QString &reason)
{
    m_transportGone = true;
    if (m_state == SessionState::Delivering) {
        // The store still answers; finish once it has, so the message is reported.
        return;
    }
    finish(reason.isEmpty() ? QStringLiteral("client closed the connection") : reason);
}

void SmtpSession::shutdown()
{
    if (m_state == SessionState::Closing)
        return;
    if (m_state == SessionState::Delivering) {
        // The store is committing this client's message: the client hears 250 (or 451) first,
        // then 421, and the message is reported either way.
        m_shutdownPending = true;
        return;
    }
    closeWith(
        SmtpReply(421, "4.3.2", m_settings.effectiveHostName().toUtf8() + " Service shutting down"),
        QStringLiteral("server shutting down"));
}

bool SmtpSession::event(QEvent *event)
{
    if (event->type() != kContinueEvent)
        return QObject::event(event);
    processInput();
    return true;
}

void SmtpSession::onBytesWritten()
{
    if (!m_output.wasBlocked() || m_output.isBlocked())
        return;
    // The client has read enough of its replies: take its commands again.
    QMetaObject::invokeMethod(this, &SmtpSession::processInput, Qt::QueuedConnection);
}

void SmtpSession::onTraceBacklogDrained()
{
    if (!m_waitingForStore)
        return;
    m_waitingForStore = false;
    // The wait was the store's, not the client's: its command gets a whole timeout again.
    resume();
}

void SmtpSession::startCommandDeadline()
{
    if (m_faults.isPaused())
        return; // the delay's end starts it
    m_idleTimer.start(m_settings.idleTimeout);
}

QList<ProtocolLine> SmtpSession::takeTrace()
{
    return m_log.trace().take();
}

void SmtpSession::onReadyRead()
{
    if (m_state == SessionState::Closing || m_state == SessionState::TlsHandshake
        || m_state == SessionState::Delivering)
        return; // left in the device: the socket's bounded buffer pushes back on the client
    // The deadline is not renewed here: bytes arriving are not a command completing.
    processInput();
}

void SmtpSession::processInput()
{
    processAvailableInput();
    m_output.flush();
}

void SmtpSession::processAvailableInput()
{
    for (int step = 0;; ++step) {
        if (step == kMaxStepsPerTurn) {
            // Yield at low priority: the rest waits behind everything else queued in this
            // thread, new connections waiting for their greeting first of all.
            QCoreApplication::postEvent(this, new QEvent(kContinueEvent), Qt::LowEventPriority);
            return;
        }
        if (m_state == SessionState::Closing || m_state == SessionState::TlsHandshake
            || m_state == SessionState::Delivering || m_faults.isPaused())
            return;
        if (m_state != SessionState::Data && m_output.isBlocked())
            return; // resumed by onBytesWritten
        // Every command adds trace; DATA lines do not (the message is one note at its end).
        if (m_state != SessionState::Data && m_context.traceBacklog
            && m_context.traceBacklog->isFull()) {
            m_waitingForStore = true;
            return; // resumed by onTraceBacklogDrained
        }
        if (!m_input.ensureAvailable())
            return;
        if (m_state == SessionState::Data) {
            const qsizetype consumed = m_transaction.feed(m_input.pending());
            m_faults.dataRead(m_input.pending().first(consumed));
            m_input.consume(consumed);
            m_dataProgress += consumed;
            if (m_dataProgress >= kMinDataProgressBytes) {
                m_dataProgress = 0;
                startCommandDeadline();
            }
            if (m_transaction.reader().isFinished())
                finishData();
            continue;
        }
        const SessionInput::Frame frame = m_input.next(m_state == SessionState::Auth);
        switch (frame.kind) {
        case SessionInput::Frame::Kind::Exhausted:
            return;
        case SessionInput::Frame::Kind::Partial:
            continue;
        case SessionInput::Frame::Kind::Flood:
            m_log.floodRead(frame.line, frame.credential);
            closeWith(SmtpReply(421, "4.7.0",
                                m_settings.effectiveHostName().toUtf8()
                                    + " Line too long, closing connection"),
                      QStringLiteral("line too long"));
            return;
        case SessionInput::Frame::Kind::LineTooLong:
            // A complete line: the next one gets a deadline of its own.
            startCommandDeadline();
            // Only the tail of the line is left.
            m_log.tooLongRead(frame.line, frame.credential);
            protocolError(SmtpReply(500, "5.5.2", "Line too long"));
            continue;
        case SessionInput::Frame::Kind::Line:
            // A complete line: the next one gets a deadline of its own. Handlers that wait for
            // something else (the store, a handshake, a close) change the timer after this.
            startCommandDeadline();
            handleLine(frame.line);
            continue;
        }
    }
}

void SmtpSession::handleLine(QByteArrayView line)
{
    const bool isCrLf = line.size() >= 2 && line[line.size() - 2] == '\r';
    const QByteArrayView content = line.first(line.size() - (isCrLf ? 2 : 1));
    if (m_state == SessionState::Auth) {
        m_log.saslResponseRead(line, m_auth ? &m_auth->mechanism() : nullptr);
        if (!isCrLf || line.size() > SmtpCommand::kMaxAuthLine) {
            abandonAuth();
            protocolError(SmtpReply(500, "5.5.2", "Line must end with CRLF"));
            return;
        }
        continueAuth(m_auth->respond(content));
        return;
    }
    const SmtpCommand command = SmtpCommand::parse(content);
    m_log.commandRead(line, command);
    if (!isCrLf) {
        // RFC 5321 §2.3.8: lines end with CRLF. A bare LF never ends a command, so the text
        // is refused rather than run, and the client hears why instead of waiting.
        protocolError(SmtpReply(500, "5.5.2", "Syntax error: line must end with CRLF"));
        return;
    }
    handleCommand(command);
}

void SmtpSession::handleCommand(const SmtpCommand &command)
{
    switch (command.status) {
    case SmtpCommand::Status::Ok:
        break;
    case SmtpCommand::Status::UnknownCommand:
    case SmtpCommand::Status::InvalidCharacter:
    case SmtpCommand::Status::LineTooLong:
        protocolError(SmtpReply(500, "5.5.2", command.error));
        return;
    case SmtpCommand::Status::SyntaxError:
        protocolError(SmtpReply(501, "5.5.4", command.error));
        return;
    case SmtpCommand::Status::BadAddress:
        // RFC 3463: X.1.7 bad sender's mailbox address syntax, X.1.3 the recipient's.
        protocolError(
            SmtpReply(501, command.verb == Verb::Mail ? "5.1.7" : "5.1.3", command.error));
        return;
    case SmtpCommand::Status::BadParameter:
        protocolError(SmtpReply(555, "5.5.4", command.error));
        return;
    }
    if (const auto refusal = m_policy.refusal(command.verb, isEncrypted(), m_authenticated)) {
        protocolError(*refusal);
        return;
    }
    switch (command.verb) {
    case Verb::Helo:
    case Verb::Ehlo:
        handleHelo(command);
        return;
    case Verb::Mail:
        handleMail(command);
        return;
    case Verb::Rcpt:
        handleRcpt(command);
        return;
    case Verb::Data:
        handleData();
        return;
    case Verb::Rset:
        if (m_faults.intercepts(FaultStage::Rset, faultSubject(),
                                [this, command] { handleCommand(command); }))
            return;
        resetTransaction();
        reply(SmtpReply(250, "2.0.0", "Ok"));
        return;
    case Verb::Noop:
        reply(SmtpReply(250, "2.0.0", "Ok"));
        return;
    case Verb::Quit:
        if (m_faults.intercepts(FaultStage::Quit, faultSubject(),
                                [this, command] { handleCommand(command); }))
            return;
        closeWith(SmtpReply(221, "2.0.0", m_settings.effectiveHostName().toUtf8() + " Bye"),
                  QStringLiteral("quit"));
        return;
    case Verb::Vrfy:
        // RFC 5321 §3.5.3: we neither confirm nor deny, but will accept mail for it.
        reply(SmtpReply(252, "2.0.0",
                        "Cannot VRFY user, but will accept message and attempt delivery"));
        return;
    case Verb::Expn:
        protocolError(SmtpReply(502, "5.5.1", "EXPN not implemented"));
        return;
    case Verb::Help:
        reply(SmtpReply(214, "2.0.0", m_policy.helpText(isEncrypted())));
        return;
    case Verb::StartTls:
        handleStartTls();
        return;
    case Verb::Auth:
        handleAuth(command);
        return;
    case Verb::Unknown:
        break;
    }
    protocolError(SmtpReply(500, "5.5.2", "Command unrecognized"));
}

void SmtpSession::handleHelo(const SmtpCommand &command)
{
    if (m_faults.intercepts(FaultStage::Helo, faultSubject(),
                            [this, command] { handleCommand(command); }))
        return;
    // RFC 5321 §4.1.4: HELO/EHLO also resets any transaction in progress.
    resetTransaction();
    m_info.heloName = QString::fromUtf8(command.argument);
    const QByteArray host = m_settings.effectiveHostName().toUtf8();
    if (command.verb == Verb::Helo) {
        m_hello = Hello::Helo;
        enterState(SessionState::Ready);
        reply(SmtpReply(250, {}, host + " Hello " + command.argument));
        return;
    }
    m_hello = Hello::Ehlo;
    enterState(SessionState::Ready);
    QList<QByteArray> lines{host + " Hello " + command.argument};
    lines.append(m_policy.ehloKeywords(isEncrypted(), m_authenticated));
    reply(SmtpReply(250, {}, lines));
}

void SmtpSession::handleMail(const SmtpCommand &command)
{
    if (m_hello == Hello::None) {
        protocolError(SmtpReply(503, "5.5.1", "Send HELO/EHLO first"));
        return;
    }
    if (m_state != SessionState::Ready) {
        protocolError(SmtpReply(503, "5.5.1", "Nested MAIL command"));
        return;
    }
    FaultSubject subject = faultSubject();
    subject.sender = command.address;
    if (m_faults.intercepts(FaultStage::Mail, subject, [this, command] { handleCommand(command); }))
        return;
    if (m_hello == Hello::Helo && !command.parameters.isEmpty()) {
        protocolError(SmtpReply(555, "5.5.4", "MAIL parameters need EHLO"));
        return;
    }
    if (command.size && m_settings.maxMessageSize > 0
        && *command.size > m_settings.maxMessageSize) {
        // RFC 1870 §6.2: refuse up front what we would refuse after DATA.
        countRejected();
        reply(SmtpReply(552, "5.3.4", "Message size exceeds fixed maximum message size"));
        return;
    }
    if (command.hasNonAscii && !command.smtpUtf8) {
        // RFC 6531 §3.6: a non-ASCII address needs the SMTPUTF8 parameter.
        reply(SmtpReply(553, "5.6.7", "Non-ASCII address requires SMTPUTF8"));
        return;
    }
    m_transaction.begin(command, m_log.trace());
    enterState(SessionState::MailFrom);
    reply(SmtpReply(250, "2.1.0", "Sender <" + command.address + "> OK"));
}

void SmtpSession::countRejected()
{
    if (m_context.rejected)
        m_context.rejected();
}

void SmtpSession::handleRcpt(const SmtpCommand &command)
{
    if (m_state != SessionState::MailFrom && m_state != SessionState::RcptTo) {
        protocolError(SmtpReply(503, "5.5.1", "Need MAIL command first"));
        return;
    }
    FaultSubject subject = faultSubject();
    subject.recipient = command.address;
    if (m_faults.intercepts(FaultStage::Rcpt, subject, [this, command] { handleCommand(command); }))
        return;
    m_transaction.countRecipientAttempt();
    if (command.hasNonAscii && !m_transaction.envelope().smtpUtf8) {
        reply(SmtpReply(553, "5.6.7", "Non-ASCII address requires SMTPUTF8"));
        return;
    }
    if (m_transaction.envelope().recipients.size() >= m_settings.maxRecipients) {
        // RFC 5321 §4.5.3.1.10: 452, so the client sends the rest in another transaction.
        reply(SmtpReply(452, "4.5.3", "Too many recipients"));
        return;
    }
    if (m_settings.rcptHandler
        && !m_settings.rcptHandler(m_info.remoteAddress, m_transaction.envelope().mailFrom,
                                   command.address)) {
        countRejected();
        reply(SmtpReply(550, "5.1.1", "<" + command.address + ">: Recipient address rejected"));
        return;
    }
    m_transaction.addRecipient(command.address);
    enterState(SessionState::RcptTo);
    reply(SmtpReply(250, "2.1.5", "Recipient <" + command.address + "> OK"));
}

void SmtpSession::handleData()
{
    if (m_state != SessionState::RcptTo) {
        if (m_state == SessionState::MailFrom && m_transaction.recipientAttempts() > 0)
            protocolError(SmtpReply(554, "5.5.1", "No valid recipients"));
        else if (m_state == SessionState::MailFrom)
            protocolError(SmtpReply(503, "5.5.1", "Need RCPT command first"));
        else
            protocolError(SmtpReply(503, "5.5.1", "Need MAIL command first"));
        return;
    }
    if (m_faults.intercepts(FaultStage::Data, faultSubject(), [this] { handleData(); }))
        return;
    ReceivedHeader received;
    received.heloName = m_info.heloName.toUtf8();
    received.remoteAddress = m_context.remoteAddress;
    received.hostName = m_settings.effectiveHostName();
    received.appName = m_settings.appName;
    received.esmtp = m_hello == Hello::Ehlo;
    received.tls = isEncrypted();
    received.authenticated = m_authenticated;
    received.smtpUtf8 = m_transaction.envelope().smtpUtf8;
    received.tlsProtocol = m_info.tlsProtocol;
    received.tlsCipher = m_info.tlsCipher;
    received.id = '<' + QByteArray::number(m_info.sessionId) + '.'
                  + QByteArray::number(m_info.messages + 1) + '@'
                  + m_settings.effectiveHostName().toUtf8() + '>';
    received.recipients = m_transaction.envelope().recipients;
    received.time = m_clock.localNow();
    m_transaction.startData(m_context.spoolDirectory, received.toBytes(), received.time,
                            m_settings.maxMessageSize);
    m_dataProgress = 0;
    m_faults.dataStarted();
    enterState(SessionState::Data);
    reply(SmtpReply(354, {}, "End data with <CR><LF>.<CR><LF>"));
}

void SmtpSession::finishData()
{
    m_log.note("message data: " + QByteArray::number(m_transaction.reader().size()) + " bytes");
    if (m_transaction.reader().isOversized()) {
        // RFC 5321 §4.5.3.1.10 / RFC 1870: 552, and the transaction is over; the envelope
        // must not carry over to the next DATA.
        resetTransaction();
        countRejected();
        reply(SmtpReply(552, "5.3.4", "Message size exceeds fixed maximum message size"));
        return;
    }
    if (const Result<void> spooled = m_transaction.spoolResult(); !spooled) {
        reportError(spooled.error().message);
        resetTransaction();
        reply(SmtpReply(451, "4.3.0", "Local error: cannot spool message, try again later"));
        return;
    }
    if (!m_context.deliver) {
        resetTransaction();
        reply(SmtpReply(451, "4.3.0", "Local error: no store"));
        return;
    }
    FaultSubject subject = faultSubject();
    subject.headerBlock = m_faults.headerBlock();
    if (m_faults.intercepts(FaultStage::DataEnd, subject, [this] { deliverMessage(); }))
        return;
    deliverMessage();
}

void SmtpSession::deliverMessage()
{
    enterState(SessionState::Delivering);
    m_context.deliver(m_transaction.deliveryRequest(m_info, m_log.trace()), this,
                      [this](const DeliveryResult &result) { onDelivered(result); });
}

void SmtpSession::onDelivered(const DeliveryResult &result)
{
    if (result.ok) {
        ++m_info.messages;
        Q_EMIT messageReceived(m_transaction.receivedMessage(m_info, result));
    } else {
        reportError(QStringLiteral("cannot store message: ") + result.error.message);
    }
    enterState(m_hello == Hello::None ? SessionState::Greeting : SessionState::Ready);
    resetTransaction();
    if (m_transportGone) {
        finish(QStringLiteral("client closed the connection"));
        return;
    }
    if (result.ok)
        reply(SmtpReply(250, "2.0.0", "Ok: queued as " + QByteArray::number(result.storeId)));
    else
        reply(SmtpReply(451, "4.3.0", "Local error: message not stored, try again later"));
    if (m_shutdownPending) {
        shutdown();
        m_output.flush();
        return;
    }
    m_output.flush();
    resume();
}

void SmtpSession::handleStartTls()
{
    if (const auto refusal = m_tls.startTlsRefusal(m_hello == Hello::Ehlo)) {
        protocolError(*refusal);
        return;
    }
    if (m_faults.intercepts(FaultStage::StartTls, faultSubject(), [this] { handleStartTls(); }))
        return;
    reply(SmtpReply(220, "2.0.0", "Ready to start TLS"));
    const qint64 discarded = SessionTls::discardPipelined(m_input);
    if (discarded > 0)
        m_log.note("discarded " + QByteArray::number(discarded)
                   + " bytes pipelined after STARTTLS");
    // The owner's handshake timeout covers the handshake; the idle timer restarts after it.
    enterState(SessionState::TlsHandshake);
    m_tls.startHandshake();
}

void SmtpSession::handleAuth(const SmtpCommand &command)
{
    SessionPolicy::AuthContext authContext;
    authContext.ehloDone = m_hello == Hello::Ehlo;
    authContext.authenticated = m_authenticated;
    // After EHLO, the only other states that read commands are those of MAIL and RCPT.
    authContext.inTransaction = m_state != SessionState::Ready;
    authContext.encrypted = isEncrypted();
    if (const auto refusal = m_policy.authRefusal(command.mechanism, authContext)) {
        protocolError(*refusal);
        return;
    }
    const Result<std::optional<QByteArray>> initial =
        AuthExchange::decodeInitialResponse(command.initialResponse);
    if (!initial) {
        protocolError(SmtpReply(501, "5.5.2", "Cannot decode initial response"));
        return;
    }
    m_auth = std::make_unique<AuthExchange>(*SaslMechanism::fromName(command.mechanism),
                                            m_settings.effectiveHostName().toUtf8(),
                                            m_settings.authHandler, m_info.remoteAddress);
    m_stateBeforeAuth = m_state;
    enterState(SessionState::Auth);
    continueAuth(m_auth->start(*initial));
}

void SmtpSession::abandonAuth()
{
    m_auth.reset();
    enterState(m_stateBeforeAuth);
}

void SmtpSession::continueAuth(const AuthExchange::Turn &turn)
{
    using Outcome = AuthExchange::Outcome;
    if (turn.outcome == Outcome::Challenge) {
        reply(AuthExchange::reply(turn));
        return;
    }
    if (turn.outcome == Outcome::Undecodable) {
        abandonAuth();
        protocolError(AuthExchange::reply(turn));
        return;
    }
    FaultSubject subject = faultSubject();
    subject.authUser = m_auth->attempt(turn).user;
    if (m_faults.intercepts(FaultStage::Auth, subject, [this, turn] { continueAuth(turn); }))
        return;
    AuthAttempt attempt = m_auth->attempt(turn);
    attempt.sessionId = m_info.sessionId;
    attempt.time = now();
    abandonAuth();
    m_log.note("AUTH " + attempt.mechanism.toUtf8() + " user \"" + attempt.user.toUtf8() + "\": "
               + (attempt.success ? QByteArray("accepted") : "refused (" + turn.reason + ')'));
    Q_EMIT authAttempted(attempt);
    if (turn.outcome == Outcome::Accepted) {
        m_authenticated = true;
        m_info.authUser = attempt.user;
        reply(AuthExchange::reply(turn));
        return;
    }
    protocolError(AuthExchange::reply(turn));
}

void SmtpSession::onIdleTimeout()
{
    if (m_state == SessionState::Closing) {
        // The peer does not take our last words; give up on it.
        finish(m_info.endReason.isEmpty() ? QStringLiteral("timeout") : m_info.endReason);
        return;
    }
    closeWith(SmtpReply(421, "4.4.2",
                        m_settings.effectiveHostName().toUtf8() + " Error: timeout exceeded"),
              QStringLiteral("timeout"));
}

void SmtpSession::reply(const SmtpReply &smtpReply)
{
    if (m_transportGone || m_state == SessionState::Closing)
        return;
    const QByteArray bytes = smtpReply.toBytes();
    m_output.write(bytes);
    m_log.written(bytes);
}

void SmtpSession::protocolError(const SmtpReply &smtpReply)
{
    reply(smtpReply);
    if (++m_errors >= m_settings.maxProtocolErrors && m_settings.maxProtocolErrors > 0)
        closeWith(SmtpReply(421, "4.7.0",
                            m_settings.effectiveHostName().toUtf8()
                                + " Too many errors, closing connection"),
                  QStringLiteral("too many errors"));
}

void SmtpSession::closeWith(const SmtpReply &smtpReply, const QString &reason)
{
    reply(smtpReply);
    m_info.endReason = reason;
    enterState(SessionState::Closing);
    m_input.clear();
    // Bounded wait for the peer to take the last reply, then the owner aborts.
    m_idleTimer.start(std::chrono::seconds(10));
    Q_EMIT closeRequested();
}

void SmtpSession::resetTransaction()
{
    m_transaction.reset();
    if (m_state == SessionState::MailFrom || m_state == SessionState::RcptTo
        || m_state == SessionState::Data)
        enterState(m_hello == Hello::None ? SessionState::Greeting : SessionState::Ready);
}

void SmtpSession::resume()
{
    startCommandDeadline();
    // Input may have arrived while we were not reading; a queued call keeps the stack flat.
    QMetaObject::invokeMethod(this, &SmtpSession::processInput, Qt::QueuedConnection);
}

void SmtpSession::finish(const QString &reason)
{
    if (m_finished)
        return;
    m_finished = true;
    m_idleTimer.stop();
    if (m_info.endReason.isEmpty())
        m_info.endReason = reason;
    enterState(SessionState::Closing);
    m_info.ended = now();
    m_log.note("session ended: " + m_info.endReason.toUtf8());
    Q_EMIT finished(m_info);
}

void SmtpSession::reportError(const QString &message)
{
    ServerError error;
    error.sessionId = m_info.sessionId;
    error.time = now();
    error.remoteAddress = m_info.remoteAddress;
    error.message = message;
    if (m_settings.errorHandler)
        m_settings.errorHandler(m_info.remoteAddress, message);
    Q_EMIT errorOccurred(error);
}

FaultSubject SmtpSession::faultSubject() const
{
    return SessionFaults::subjectOf(m_info, m_transaction.envelope().mailFrom,
                                    m_transaction.envelope().recipients);
}

void SmtpSession::markFault(const QByteArray &reason)
{
    m_log.fault(reason);
}

void SmtpSession::undoFaultedStage(FaultStage stage)
{
    if (stage == FaultStage::Auth)
        abandonAuth();
    else if (stage == FaultStage::DataEnd)
        resetTransaction();
    else if (stage == FaultStage::Rcpt)
        m_transaction.countRecipientAttempt();
}

void SmtpSession::replyInstead(const SmtpReply &reply)
{
    this->reply(reply);
}

void SmtpSession::refuseConnection(const SmtpReply &reply, const QString &reason)
{
    closeWith(reply, reason);
}

void SmtpSession::hangUp(const QString &reason)
{
    m_info.endReason = reason;
    enterState(SessionState::Closing);
    m_input.clear();
    m_idleTimer.start(std::chrono::seconds(10));
    Q_EMIT closeRequested();
}

void SmtpSession::holdForDelay()
{
    m_idleTimer.stop();
}

bool SmtpSession::isOpenForFaults() const
{
    return !m_finished && m_state != SessionState::Closing;
}

void SmtpSession::resumeAfterDelay()
{
    m_output.flush();
    if (m_state != SessionState::Closing && m_state != SessionState::Delivering
        && m_state != SessionState::TlsHandshake)
        resume();
}
