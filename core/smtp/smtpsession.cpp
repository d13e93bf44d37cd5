// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtpsession.h"

#include "smtp/datareader.h"
#include "smtp/receivedheader.h"
#include "smtp/tlsupgrade.h"
#include "store/messagespool.h"

#include <QAbstractSocket>
#include <QCoreApplication>
#include <QEvent>
#include <QIODevice>
#include <QSslSocket>

#include <ctime>

using Verb = SmtpCommand::Verb;

/// Posted to itself when a session yields the thread in the middle of its input.
static const QEvent::Type kContinueEvent = static_cast<QEvent::Type>(QEvent::registerEventType());

namespace {

/// For an AUTH command line that carries anything after its mechanism (an initial response,
/// or whatever a malformed line has in its place): the line with that part replaced by
/// "****". Works on the raw text, so a line the parser refuses is masked all the same.
std::optional<QByteArray> maskedAuthCommand(QByteArrayView content)
{
    if (content.size() < 5 || content.first(5).compare("AUTH ", Qt::CaseInsensitive) != 0)
        return std::nullopt;
    QByteArrayView rest = content.sliced(5);
    while (!rest.isEmpty() && rest.front() == ' ')
        rest = rest.sliced(1);
    const qsizetype space = rest.indexOf(' ');
    if (space < 0)
        return std::nullopt;
    const QByteArrayView after = rest.sliced(space);
    if (after.trimmed().isEmpty())
        return std::nullopt;
    return content.first(content.size() - after.size()).toByteArray() + " ****";
}

/// The text of a credential line for ProtocolLine::revealedBytes: the line as sent (cut when
/// absurdly long, so the decoded part stays visible) and what it decodes to.
QByteArray revealedText(QByteArrayView content, const QByteArray &decoded)
{
    constexpr qsizetype kMaxShownLine = 512;
    QByteArray text = content.first(qMin(content.size(), kMaxShownLine)).toByteArray();
    if (content.size() > kMaxShownLine)
        text += "… (+" + QByteArray::number(content.size() - kMaxShownLine) + " bytes)";
    if (!decoded.isEmpty())
        text += "  " + decoded;
    return text;
}

/// What a base64 SASL response decodes to, described by `mechanism`.
QByteArray describeBase64Response(const SaslMechanism &mechanism, QByteArrayView base64)
{
    if (base64 == "=")
        return "[empty response]";
    const auto decoded = QByteArray::fromBase64Encoding(base64.toByteArray(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return "[not base64]";
    return mechanism.describeResponse(*decoded);
}

} // namespace

QLatin1StringView toString(SessionState state)
{
    switch (state) {
    case SessionState::Greeting:
        return QLatin1StringView("greeting");
    case SessionState::Ready:
        return QLatin1StringView("ready");
    case SessionState::MailFrom:
        return QLatin1StringView("mail-from");
    case SessionState::RcptTo:
        return QLatin1StringView("rcpt-to");
    case SessionState::Data:
        return QLatin1StringView("data");
    case SessionState::Delivering:
        return QLatin1StringView("delivering");
    case SessionState::Auth:
        return QLatin1StringView("auth");
    case SessionState::TlsHandshake:
        return QLatin1StringView("tls-handshake");
    case SessionState::Closing:
        return QLatin1StringView("closing");
    }
    return {};
}

SmtpSession::SmtpSession(QIODevice *device, TlsUpgrade *tls, SessionContext context,
                         QObject *parent)
    : QObject(parent)
    , m_device(device)
    , m_tls(tls)
    , m_context(std::move(context))
    , m_settings(*m_context.settings)
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
}

SmtpSession::~SmtpSession() = default;

QDateTime SmtpSession::now() const
{
    // UTC: the local-time variant consults the time zone database on every call, and this
    // runs for every protocol line.
    return m_context.clock ? m_context.clock() : QDateTime::currentDateTimeUtc();
}

QDateTime SmtpSession::localNow() const
{
    if (m_context.clock)
        return m_context.clock();
    // The Received header shows the server's own offset, as mail servers conventionally do.
    // A fixed-offset time rather than QDateTime::currentDateTime(): Qt calls tzset() for every
    // local-time conversion, and glibc then stats /etc/localtime each time; that was three
    // system calls per message here and in the store writer. localtime_r() keeps the zone it
    // loaded first (a zone changed while the server runs shows from the next start).
    const qint64 msecs = QDateTime::currentMSecsSinceEpoch();
    const time_t seconds = time_t(msecs / 1000);
    struct tm local = {};
    if (!localtime_r(&seconds, &local))
        return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::OffsetFromUTC, int(local.tm_gmtoff));
}

void SmtpSession::start()
{
    m_info.started = now();
    Q_EMIT started(m_info);
    if (m_context.implicitTls) {
        // RFC 8314: the greeting comes only once the TLS session is up. Until then the
        // owner's handshake timeout applies, not the idle timeout.
        m_state = SessionState::TlsHandshake;
        note("waiting for the TLS handshake (implicit TLS)");
        return;
    }
    startCommandDeadline();
    reply(SmtpReply(220, {},
                    m_settings.effectiveHostName().toUtf8() + " ESMTP "
                        + m_settings.appName.toUtf8()));
    flushOutput();
}

void SmtpSession::tlsEstablished(const QString &protocol, const QString &cipher)
{
    if (m_state != SessionState::TlsHandshake)
        return;
    m_info.tls = true;
    m_info.tlsProtocol = protocol;
    m_info.tlsCipher = cipher;
    note("TLS established: " + protocol.toUtf8() + ' ' + cipher.toUtf8());
    m_state = SessionState::Greeting;
    if (m_context.implicitTls) {
        reply(SmtpReply(220, {},
                        m_settings.effectiveHostName().toUtf8() + " ESMTP "
                            + m_settings.appName.toUtf8()));
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
    note("TLS handshake failed: " + reason.toUtf8());
    reportError(QStringLiteral("TLS handshake failed: ") + reason);
    // Never fall back to plaintext: the client asked for TLS and did not get it.
    m_info.endReason = QStringLiteral("TLS handshake failed");
    // Closing first: the close may report a disconnect at once, which is not a second failure.
    m_state = SessionState::Closing;
    Q_EMIT closeRequested();
    finish(m_info.endReason);
}

void SmtpSession::tlsHandshakeTimedOut()
{
    if (m_state != SessionState::TlsHandshake)
        return;
    const QByteArray limit = QByteArray::number(qint64(m_settings.tlsHandshakeTimeout.count()));
    note("TLS handshake timeout: no handshake within " + limit + " ms");
    reportError(QStringLiteral("TLS handshake timeout (%1 ms)").arg(QString::fromLatin1(limit)));
    m_info.endReason = QStringLiteral("TLS handshake timeout");
    m_state = SessionState::Closing;
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
    if (!m_outputBlocked || outputBlocked())
        return;
    // The client has read enough of its replies: take its commands again.
    QMetaObject::invokeMethod(this, &SmtpSession::processInput, Qt::QueuedConnection);
}

bool SmtpSession::outputBlocked()
{
    qint64 unsent = m_device->bytesToWrite();
    // Once encrypted, QSslSocket's bytesToWrite() counts only what it has not encrypted yet;
    // the ciphertext waits in the socket below it, and grows there when the peer does not read.
    if (auto *ssl = qobject_cast<QSslSocket *>(m_device))
        unsent += ssl->encryptedBytesToWrite();
    m_outputBlocked = unsent > kMaxUnsentReplyBytes;
    return m_outputBlocked;
}

void SmtpSession::startCommandDeadline()
{
    m_idleTimer.start(m_settings.idleTimeout);
}

QList<ProtocolLine> SmtpSession::takeTrace()
{
    m_traceBytes = 0;
    return std::exchange(m_trace, {});
}

void SmtpSession::onReadyRead()
{
    if (m_state == SessionState::Closing || m_state == SessionState::TlsHandshake
        || m_state == SessionState::Delivering)
        return; // left in the device: the socket's bounded buffer pushes back on the client
    // The deadline is not renewed here: bytes arriving are not a command completing.
    processInput();
}

bool SmtpSession::fillInput()
{
    if (m_inputPos > 0) {
        m_input.remove(0, m_inputPos);
        m_inputPos = 0;
    }
    if (m_device->bytesAvailable() <= 0)
        return false;
    const qsizetype old = m_input.size();
    m_input.resize(old + kReadChunk);
    const qint64 got = m_device->read(m_input.data() + old, kReadChunk);
    m_input.resize(old + qMax<qint64>(got, 0));
    return got > 0;
}

void SmtpSession::processInput()
{
    processAvailableInput();
    flushOutput();
}

void SmtpSession::flushOutput()
{
    // Replies to one burst of input go out together, now rather than on a later event-loop
    // turn: with PIPELINING that is one segment, and a waiting client hears back sooner.
    if (auto *socket = qobject_cast<QAbstractSocket *>(m_device))
        socket->flush();
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
            || m_state == SessionState::Delivering)
            return;
        if (m_state != SessionState::Data && outputBlocked())
            return; // resumed by onBytesWritten
        if (m_inputPos >= m_input.size()) {
            m_input.resize(0); // keeps the allocation for the next chunk
            m_inputPos = 0;
            if (!fillInput())
                return;
        }
        const QByteArrayView pending = QByteArrayView(m_input).sliced(m_inputPos);
        if (m_state == SessionState::Data) {
            const qsizetype consumed = m_dataReader->feed(pending);
            m_inputPos += consumed;
            m_dataProgress += consumed;
            if (m_dataProgress >= kMinDataProgressBytes) {
                m_dataProgress = 0;
                startCommandDeadline();
            }
            if (m_dataReader->isFinished())
                finishData();
            continue;
        }
        const qsizetype lf = pending.indexOf('\n');
        if (lf < 0) {
            // An unfinished line. Keep at most the longest legal line; beyond that, drop
            // what arrives until the line ends, then refuse it.
            if (pending.size() > SmtpCommand::kMaxAuthLine || m_discardingLongLine) {
                if (!m_discardingLongLine) {
                    // The line's start is about to go; remember whether it held a credential.
                    m_discardingCredential =
                        m_state == SessionState::Auth
                        || pending.first(5).compare("AUTH ", Qt::CaseInsensitive) == 0;
                    m_discardedBytes = 0;
                }
                m_discardingLongLine = true;
                m_discardedBytes += pending.size();
                if (m_discardedBytes > kMaxDiscardedLineBytes) {
                    // No client speaking SMTP sends this; one that does only burns our time.
                    log(Direction::ClientToServer,
                        m_discardingCredential
                            ? QByteArrayView("****")
                            : pending.first(qMin<qsizetype>(pending.size(), kMaxLoggedLine)));
                    closeWith(SmtpReply(421, "4.7.0",
                                        m_settings.effectiveHostName().toUtf8()
                                            + " Line too long, closing connection"),
                              QStringLiteral("line too long"));
                    return;
                }
                m_input.clear();
                m_inputPos = 0;
            }
            if (!fillInput())
                return;
            continue;
        }
        const QByteArrayView line = pending.first(lf + 1);
        m_inputPos += lf + 1;
        // A complete line: the next one gets a deadline of its own. Handlers that wait for
        // something else (the store, a handshake, a close) change the timer after this.
        startCommandDeadline();
        if (m_discardingLongLine) {
            m_discardingLongLine = false;
            // Only the tail of the line is left; that of an AUTH line is part of a credential.
            log(Direction::ClientToServer,
                m_discardingCredential ? QByteArrayView("****\r\n") : line);
            protocolError(SmtpReply(500, "5.5.2", "Line too long"));
            continue;
        }
        handleLine(line);
    }
}

void SmtpSession::handleLine(QByteArrayView line)
{
    const bool isCrLf = line.size() >= 2 && line[line.size() - 2] == '\r';
    const QByteArrayView content = line.first(line.size() - (isCrLf ? 2 : 1));
    const QByteArrayView ending = line.sliced(content.size());
    if (m_state == SessionState::Auth) {
        if (content == "*") {
            logRead(line); // a cancel carries no credential
        } else {
            logCredentialRead(line, "****" + ending.toByteArray(), [this, content] {
                return revealedText(content, m_sasl ? describeBase64Response(*m_sasl, content)
                                                    : QByteArray());
            });
        }
        if (!isCrLf || line.size() > SmtpCommand::kMaxAuthLine) {
            m_sasl.reset();
            m_state = m_stateBeforeAuth;
            protocolError(SmtpReply(500, "5.5.2", "Line must end with CRLF"));
            return;
        }
        handleAuthResponse(line.first(line.size() - 2));
        return;
    }
    SmtpCommand command = SmtpCommand::parse(content);
    if (const std::optional<QByteArray> masked = maskedAuthCommand(content)) {
        logCredentialRead(line, *masked + ending.toByteArray(), [&command, content, this] {
            const auto type = SaslMechanism::fromName(command.mechanism);
            if (!command.initialResponse || !type)
                return revealedText(content, {});
            // A fresh mechanism describes the response as the first step would take it.
            const auto mechanism =
                SaslMechanism::create(*type, m_settings.effectiveHostName().toUtf8());
            return revealedText(content,
                                describeBase64Response(*mechanism, *command.initialResponse));
        });
    } else {
        logRead(line);
    }
    if (!isCrLf) {
        // RFC 5321 §2.3.8: lines end with CRLF. A bare LF never ends a command, so the text
        // is refused rather than run, and the client hears why instead of waiting.
        protocolError(SmtpReply(500, "5.5.2", "Syntax error: line must end with CRLF"));
        return;
    }
    handleCommand(command);
}

std::optional<SmtpReply> SmtpSession::gate(Verb verb) const
{
    // RFC 3207 §4: with TLS required, only NOOP, EHLO, STARTTLS and QUIT before TLS.
    // It comes before the AUTH requirement: without TLS, AUTH could not be used anyway.
    if (m_settings.tls && m_settings.requireTls && !isEncrypted()) {
        if (verb != Verb::Noop && verb != Verb::Ehlo && verb != Verb::StartTls
            && verb != Verb::Quit)
            return SmtpReply(530, "5.7.0", "Must issue a STARTTLS command first");
    }
    // RFC 4954 §6: with AUTH required, only AUTH, EHLO, HELO, NOOP, RSET and QUIT before it.
    // STARTTLS is let through as well, or PLAIN and LOGIN could never be used.
    if (m_settings.authHandler && m_settings.authRequired && !m_authenticated) {
        if (verb != Verb::Auth && verb != Verb::Ehlo && verb != Verb::Helo && verb != Verb::Noop
            && verb != Verb::Rset && verb != Verb::Quit && verb != Verb::StartTls)
            return SmtpReply(530, "5.7.0", "Authentication required");
    }
    return std::nullopt;
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
    case SmtpCommand::Status::SyntaxError: {
        QByteArray enhanced = "5.5.4";
        if (command.verb == Verb::Mail && command.error.contains("address"))
            enhanced = "5.1.7";
        else if (command.verb == Verb::Rcpt && command.error.contains("address"))
            enhanced = "5.1.3";
        protocolError(SmtpReply(501, enhanced, command.error));
        return;
    }
    case SmtpCommand::Status::BadParameter:
        protocolError(SmtpReply(555, "5.5.4", command.error));
        return;
    }
    if (const auto refusal = gate(command.verb)) {
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
        resetTransaction();
        reply(SmtpReply(250, "2.0.0", "Ok"));
        return;
    case Verb::Noop:
        reply(SmtpReply(250, "2.0.0", "Ok"));
        return;
    case Verb::Quit:
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
    case Verb::Help: {
        // Only what this session can use now, as EHLO advertises it.
        QByteArray commands = "Commands: HELO EHLO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP";
        if (m_settings.tls && m_tls && !isEncrypted())
            commands += " STARTTLS";
        if (m_settings.authHandler)
            commands += " AUTH";
        reply(SmtpReply(214, "2.0.0", commands));
        return;
    }
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

QList<SaslMechanism::Type> SmtpSession::offeredMechanisms() const
{
    QList<SaslMechanism::Type> offered;
    if (!m_settings.authHandler)
        return offered;
    for (const SaslMechanism::Type type : SaslMechanism::allTypes()) {
        if (m_settings.authMechanisms.contains(type)
            && (isEncrypted() || m_settings.authMechanismsBeforeTls.contains(type)))
            offered.append(type);
    }
    return offered;
}

void SmtpSession::handleHelo(const SmtpCommand &command)
{
    // RFC 5321 §4.1.4: HELO/EHLO also resets any transaction in progress.
    resetTransaction();
    m_info.heloName = QString::fromUtf8(command.argument);
    const QByteArray host = m_settings.effectiveHostName().toUtf8();
    if (command.verb == Verb::Helo) {
        m_hello = Hello::Helo;
        m_state = SessionState::Ready;
        reply(SmtpReply(250, {}, host + " Hello " + command.argument));
        return;
    }
    m_hello = Hello::Ehlo;
    m_state = SessionState::Ready;
    QList<QByteArray> lines{host + " Hello " + command.argument};
    lines.append(m_settings.maxMessageSize > 0
                     ? "SIZE " + QByteArray::number(m_settings.maxMessageSize)
                     : QByteArray("SIZE"));
    lines.append("8BITMIME");
    lines.append("PIPELINING");
    lines.append("ENHANCEDSTATUSCODES");
    lines.append("SMTPUTF8");
    if (m_settings.tls && m_tls && !isEncrypted())
        lines.append("STARTTLS");
    const bool authUsableNow = !(m_settings.tls && m_settings.requireTls && !isEncrypted());
    const QList<SaslMechanism::Type> mechanisms = offeredMechanisms();
    if (!m_authenticated && authUsableNow && !mechanisms.isEmpty()) {
        QByteArray auth = "AUTH";
        for (const SaslMechanism::Type type : mechanisms)
            auth +=
                ' '
                + QByteArray(SaslMechanism::name(type).data(), SaslMechanism::name(type).size());
        lines.append(auth);
    }
    lines.append("HELP");
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
    if (m_hello == Hello::Helo && !command.parameters.isEmpty()) {
        protocolError(SmtpReply(555, "5.5.4", "MAIL parameters need EHLO"));
        return;
    }
    if (command.size && m_settings.maxMessageSize > 0
        && *command.size > m_settings.maxMessageSize) {
        // RFC 1870 §6.2: refuse up front what we would refuse after DATA.
        reply(SmtpReply(552, "5.3.4", "Message size exceeds fixed maximum message size"));
        return;
    }
    if (command.hasNonAscii && !command.smtpUtf8) {
        // RFC 6531 §3.6: a non-ASCII address needs the SMTPUTF8 parameter.
        reply(SmtpReply(553, "5.6.7", "Non-ASCII address requires SMTPUTF8"));
        return;
    }
    m_envelope = Envelope();
    m_envelope.mailFrom = command.address;
    m_envelope.mailParameters = command.parameters;
    m_envelope.smtpUtf8 = command.smtpUtf8;
    m_envelope.eightBitMime = command.body == SmtpCommand::Body::EightBitMime;
    m_rcptAttempts = 0;
    m_state = SessionState::MailFrom;
    reply(SmtpReply(250, "2.1.0", "Sender <" + command.address + "> OK"));
}

void SmtpSession::handleRcpt(const SmtpCommand &command)
{
    if (m_state != SessionState::MailFrom && m_state != SessionState::RcptTo) {
        protocolError(SmtpReply(503, "5.5.1", "Need MAIL command first"));
        return;
    }
    ++m_rcptAttempts;
    if (command.hasNonAscii && !m_envelope.smtpUtf8) {
        reply(SmtpReply(553, "5.6.7", "Non-ASCII address requires SMTPUTF8"));
        return;
    }
    if (m_envelope.recipients.size() >= m_settings.maxRecipients) {
        // RFC 5321 §4.5.3.1.10: 452, so the client sends the rest in another transaction.
        reply(SmtpReply(452, "4.5.3", "Too many recipients"));
        return;
    }
    if (m_settings.rcptHandler
        && !m_settings.rcptHandler(m_info.remoteAddress, m_envelope.mailFrom, command.address)) {
        reply(SmtpReply(550, "5.1.1", "<" + command.address + ">: Recipient address rejected"));
        return;
    }
    m_envelope.recipients.append(command.address);
    m_state = SessionState::RcptTo;
    reply(SmtpReply(250, "2.1.5", "Recipient <" + command.address + "> OK"));
}

void SmtpSession::handleData()
{
    if (m_state != SessionState::RcptTo) {
        if (m_state == SessionState::MailFrom && m_rcptAttempts > 0)
            protocolError(SmtpReply(554, "5.5.1", "No valid recipients"));
        else if (m_state == SessionState::MailFrom)
            protocolError(SmtpReply(503, "5.5.1", "Need RCPT command first"));
        else
            protocolError(SmtpReply(503, "5.5.1", "Need MAIL command first"));
        return;
    }
    m_dataStarted = localNow();
    m_spool = std::make_shared<MessageSpool>(m_context.spoolDirectory);
    ReceivedHeader received;
    received.heloName = m_info.heloName.toUtf8();
    received.remoteAddress = m_context.remoteAddress;
    received.hostName = m_settings.effectiveHostName();
    received.appName = m_settings.appName;
    received.esmtp = m_hello == Hello::Ehlo;
    received.tls = isEncrypted();
    received.authenticated = m_authenticated;
    received.smtpUtf8 = m_envelope.smtpUtf8;
    received.tlsProtocol = m_info.tlsProtocol;
    received.tlsCipher = m_info.tlsCipher;
    received.id = '<' + QByteArray::number(m_info.sessionId) + '.'
                  + QByteArray::number(m_info.messages + 1) + '@'
                  + m_settings.effectiveHostName().toUtf8() + '>';
    received.recipients = m_envelope.recipients;
    received.time = m_dataStarted;
    m_spool->append(received.toBytes());
    m_dataReader = std::make_unique<DataReader>(m_spool.get(), m_settings.maxMessageSize);
    m_dataProgress = 0;
    m_state = SessionState::Data;
    reply(SmtpReply(354, {}, "End data with <CR><LF>.<CR><LF>"));
}

void SmtpSession::finishData()
{
    const qint64 size = m_dataReader->size();
    note("message data: " + QByteArray::number(size) + " bytes");
    if (m_dataReader->isOversized()) {
        // RFC 5321 §4.5.3.1.10 / RFC 1870: 552, and the transaction is over; the envelope
        // must not carry over to the next DATA.
        resetTransaction();
        reply(SmtpReply(552, "5.3.4", "Message size exceeds fixed maximum message size"));
        return;
    }
    if (m_dataReader->hasSinkError() || !m_spool->errorString().isEmpty()) {
        reportError(QStringLiteral("cannot spool message: ") + m_spool->errorString());
        resetTransaction();
        reply(SmtpReply(451, "4.3.0", "Local error: cannot spool message, try again later"));
        return;
    }
    if (!m_context.deliver) {
        resetTransaction();
        reply(SmtpReply(451, "4.3.0", "Local error: no store"));
        return;
    }
    m_state = SessionState::Delivering;
    m_idleTimer.stop();
    DeliveryRequest request;
    request.session = m_info;
    request.received = m_dataStarted;
    request.envelope = m_envelope;
    request.data = m_spool;
    request.traceDelta = takeTrace();
    m_context.deliver(std::move(request), this,
                      [this](const DeliveryResult &result) { onDelivered(result); });
}

void SmtpSession::onDelivered(const DeliveryResult &result)
{
    if (result.ok) {
        ++m_info.messages;
        ReceivedMessage message;
        message.sessionId = m_info.sessionId;
        message.storeId = result.storeId;
        message.received = m_dataStarted;
        message.envelope = m_envelope;
        message.size = m_spool->size();
        message.remoteAddress = m_info.remoteAddress;
        message.heloName = m_info.heloName;
        message.tls = isEncrypted();
        message.authUser = m_info.authUser;
        message.subject = result.subject;
        Q_EMIT messageReceived(message);
    } else {
        reportError(QStringLiteral("cannot store message: ") + result.error);
    }
    m_state = m_hello == Hello::None ? SessionState::Greeting : SessionState::Ready;
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
        flushOutput();
        return;
    }
    flushOutput();
    resume();
}

void SmtpSession::handleStartTls()
{
    if (isEncrypted()) {
        protocolError(SmtpReply(503, "5.5.1", "TLS already active"));
        return;
    }
    if (!m_settings.tls || !m_tls) {
        protocolError(SmtpReply(502, "5.5.1", "STARTTLS not available"));
        return;
    }
    if (m_hello != Hello::Ehlo) {
        protocolError(SmtpReply(503, "5.5.1", "Send EHLO first"));
        return;
    }
    reply(SmtpReply(220, "2.0.0", "Ready to start TLS"));
    // RFC 3207 §5 (and CVE-2011-0411): anything pipelined after STARTTLS in plaintext must not
    // be taken as coming over TLS, so it is thrown away here.
    const qsizetype discarded = (m_input.size() - m_inputPos) + m_device->bytesAvailable();
    m_input.clear();
    m_inputPos = 0;
    m_device->skip(m_device->bytesAvailable());
    if (discarded > 0)
        note("discarded " + QByteArray::number(discarded) + " bytes pipelined after STARTTLS");
    m_state = SessionState::TlsHandshake;
    // The owner's handshake timeout covers the handshake; the idle timer restarts after it.
    m_idleTimer.stop();
    m_tls->startServerHandshake();
}

void SmtpSession::handleAuth(const SmtpCommand &command)
{
    if (!m_settings.authHandler) {
        protocolError(SmtpReply(502, "5.5.1", "AUTH not available"));
        return;
    }
    if (m_hello != Hello::Ehlo) {
        protocolError(SmtpReply(503, "5.5.1", "Send EHLO first"));
        return;
    }
    if (m_authenticated) {
        protocolError(SmtpReply(503, "5.5.1", "Already authenticated"));
        return;
    }
    if (m_state != SessionState::Ready) {
        protocolError(SmtpReply(503, "5.5.1", "AUTH not allowed during a mail transaction"));
        return;
    }
    const auto type = SaslMechanism::fromName(command.mechanism);
    if (!type || !m_settings.authMechanisms.contains(*type)) {
        protocolError(SmtpReply(504, "5.5.4", "Unrecognized authentication type"));
        return;
    }
    if (!isEncrypted() && !m_settings.authMechanismsBeforeTls.contains(*type)) {
        // RFC 4954 §4 and §6: plaintext mechanisms need TLS first.
        protocolError(
            SmtpReply(538, "5.7.11", "Encryption required for requested authentication mechanism"));
        return;
    }
    std::optional<QByteArray> initial;
    if (command.initialResponse) {
        if (*command.initialResponse == "=") {
            initial = QByteArray();
        } else {
            auto decoded = QByteArray::fromBase64Encoding(*command.initialResponse,
                                                          QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded) {
                protocolError(SmtpReply(501, "5.5.2", "Cannot decode initial response"));
                return;
            }
            initial = *decoded;
        }
    }
    m_sasl = SaslMechanism::create(*type, m_settings.effectiveHostName().toUtf8());
    m_stateBeforeAuth = m_state;
    m_state = SessionState::Auth;
    continueAuth(m_sasl->start(initial));
}

void SmtpSession::handleAuthResponse(QByteArrayView line)
{
    if (line == "*") {
        // RFC 4954 §4: the client cancelled; 501.
        finishAuth(AuthOutcome::Cancelled, "cancelled by client");
        return;
    }
    auto decoded =
        QByteArray::fromBase64Encoding(line.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        m_sasl.reset();
        m_state = m_stateBeforeAuth;
        protocolError(SmtpReply(501, "5.5.2", "Cannot decode response"));
        return;
    }
    continueAuth(m_sasl->respond(*decoded));
}

void SmtpSession::continueAuth(const SaslMechanism::Step &step)
{
    switch (step.kind) {
    case SaslMechanism::Step::Kind::Challenge:
        reply(SmtpReply(334, {}, step.challenge.toBase64()));
        return;
    case SaslMechanism::Step::Kind::Failed:
        finishAuth(AuthOutcome::Malformed, step.error);
        return;
    case SaslMechanism::Step::Kind::Done: {
        const SaslMechanism::Credentials &credentials = m_sasl->credentials();
        AuthRequest request;
        request.remoteAddress = m_info.remoteAddress;
        request.mechanism = m_sasl->type();
        request.username = credentials.username;
        request.password = credentials.password;
        request.challenge = credentials.challenge;
        const bool accepted = m_settings.authHandler(request);
        finishAuth(accepted ? AuthOutcome::Accepted : AuthOutcome::Refused,
                   accepted ? QByteArray() : QByteArray("invalid credentials"));
        return;
    }
    }
}

void SmtpSession::finishAuth(AuthOutcome outcome, const QByteArray &reason)
{
    const bool success = outcome == AuthOutcome::Accepted;
    AuthAttempt attempt;
    attempt.sessionId = m_info.sessionId;
    attempt.time = now();
    attempt.remoteAddress = m_info.remoteAddress;
    attempt.mechanism = m_sasl ? QString(SaslMechanism::name(m_sasl->type())) : QString();
    attempt.user = m_sasl ? QString::fromUtf8(m_sasl->credentials().username) : QString();
    attempt.success = success;
    attempt.reason = QString::fromUtf8(reason);
    m_sasl.reset();
    m_state = m_stateBeforeAuth;
    note("AUTH " + attempt.mechanism.toUtf8() + " user \"" + attempt.user.toUtf8()
         + "\": " + (success ? QByteArray("accepted") : "refused (" + reason + ')'));
    Q_EMIT authAttempted(attempt);
    switch (outcome) {
    case AuthOutcome::Accepted:
        m_authenticated = true;
        m_info.authUser = attempt.user;
        reply(SmtpReply(235, "2.7.0", "Authentication successful"));
        return;
    case AuthOutcome::Cancelled:
        protocolError(SmtpReply(501, "5.0.0", "Authentication cancelled"));
        return;
    case AuthOutcome::Refused:
        protocolError(SmtpReply(535, "5.7.8", "Authentication credentials invalid"));
        return;
    case AuthOutcome::Malformed:
        protocolError(SmtpReply(501, "5.5.2", "Authentication failed: " + reason));
        return;
    }
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
    m_device->write(bytes);
    log(Direction::ServerToClient, bytes);
    if (m_settings.debugHandler)
        m_settings.debugHandler(m_info.remoteAddress, QStringLiteral("write"), bytes);
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
    m_state = SessionState::Closing;
    m_input.clear();
    m_inputPos = 0;
    // Bounded wait for the peer to take the last reply, then the owner aborts.
    m_idleTimer.start(std::chrono::seconds(10));
    Q_EMIT closeRequested();
}

void SmtpSession::resetTransaction()
{
    m_envelope = Envelope();
    m_rcptAttempts = 0;
    m_dataReader.reset();
    m_spool.reset();
    if (m_state == SessionState::MailFrom || m_state == SessionState::RcptTo
        || m_state == SessionState::Data)
        m_state = m_hello == Hello::None ? SessionState::Greeting : SessionState::Ready;
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
    m_state = SessionState::Closing;
    m_info.ended = now();
    note("session ended: " + m_info.endReason.toUtf8());
    Q_EMIT finished(m_info);
}

void SmtpSession::logRead(QByteArrayView line)
{
    log(Direction::ClientToServer, line);
    if (m_settings.debugHandler)
        m_settings.debugHandler(m_info.remoteAddress, QStringLiteral("read"), line.toByteArray());
}

void SmtpSession::logCredentialRead(QByteArrayView line, const QByteArray &masked,
                                    const std::function<QByteArray()> &reveal)
{
    // Decoding costs something and holds the secret in memory: only when asked for.
    log(Direction::ClientToServer, masked, m_settings.revealCredentials ? reveal() : QByteArray());
    if (m_settings.debugHandler)
        m_settings.debugHandler(m_info.remoteAddress, QStringLiteral("read"),
                                m_settings.revealCredentials ? line.toByteArray() : masked);
}

void SmtpSession::log(Direction direction, QByteArrayView bytes, QByteArray revealed)
{
    ProtocolLine line;
    line.sessionId = m_info.sessionId;
    line.time = now();
    line.direction = direction;
    line.bytes = bytes.first(qMin(bytes.size(), kMaxLoggedLine)).toByteArray();
    line.truncatedBytes = bytes.size() - line.bytes.size();
    // The trace goes to the store, so it is built before the clear text is attached.
    const qsizetype cost = line.bytes.size() + kTraceLineOverhead;
    if (m_traceTotal + cost <= kMaxTraceBytes) {
        m_traceTotal += cost;
        m_traceBytes += cost;
        m_trace.append(line);
        if (m_context.flushTrace && m_traceBytes >= kTraceFlushBytes)
            m_context.flushTrace(m_info, takeTrace());
    } else if (!m_traceCapped) {
        m_traceCapped = true;
        ProtocolLine capped = line;
        capped.direction = Direction::Note;
        capped.bytes = "trace limit reached; further lines are not stored";
        capped.truncatedBytes = 0;
        m_trace.append(capped);
    }
    line.revealedBytes = std::move(revealed);
    Q_EMIT protocolLine(line);
}

void SmtpSession::note(const QByteArray &text)
{
    log(Direction::Note, text);
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
