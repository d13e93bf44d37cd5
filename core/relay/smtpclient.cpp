// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtpclient.h"

#include "relay/dotstuffer.h"
#include "smtp/credentialredactor.h"

#include <QIODevice>

namespace {

bool hasNonAscii(QByteArrayView bytes)
{
    for (const char c : bytes) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return true;
    }
    return false;
}

QString seconds(std::chrono::milliseconds limit)
{
    return QString::number(double(limit.count()) / 1000.0);
}

} // namespace

SmtpClient::SmtpClient(QIODevice *device, ClientTlsUpgrade *tls, Options options,
                       RelayEnvelope envelope, QObject *parent)
    : QObject(parent)
    , m_device(device)
    , m_tls(tls)
    , m_options(std::move(options))
    , m_envelope(std::move(envelope))
{
    m_outcome.started = QDateTime::currentDateTimeUtc();
    for (const QByteArray &address : std::as_const(m_envelope.recipients)) {
        RecipientResult result;
        result.address = address;
        result.text = QStringLiteral("not attempted");
        m_outcome.recipients.append(result);
        m_needsUtf8 = m_needsUtf8 || hasNonAscii(address);
    }
    m_needsUtf8 = m_needsUtf8 || hasNonAscii(m_envelope.sender);
    m_needs8Bit = hasNonAscii(m_envelope.content);
    m_settled.fill(false, m_envelope.recipients.size());
    m_accepted.fill(false, m_envelope.recipients.size());

    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SmtpClient::timedOut);
    connect(m_device, &QIODevice::readyRead, this, &SmtpClient::readReplies);
    connect(m_device, &QIODevice::bytesWritten, this, [this] {
        if (m_stuffer)
            writeContentWindow();
    });
}

SmtpClient::~SmtpClient() = default;

void SmtpClient::start()
{
    expectReply("the greeting");
    readReplies();
}

void SmtpClient::tlsEstablished(const QString &protocol, const QString &cipher)
{
    m_encrypted = true;
    note("TLS established: " + protocol.toUtf8() + ' ' + cipher.toUtf8());
    if (m_state != State::TlsHandshake)
        return;
    // RFC 3207 §4.2: forget what the server said before; ask again.
    m_extensions = {};
    sendEhlo();
}

void SmtpClient::tlsFailed(const QString &reason)
{
    if (m_state == State::Done)
        return;
    note("TLS failed: " + reason.toUtf8());
    fail(Error(ErrorCode::TlsFailed, QStringLiteral("TLS handshake failed: %1").arg(reason)), false,
         false);
}

void SmtpClient::connectionFailed(const QString &reason)
{
    if (m_state == State::Done)
        return;
    if (m_state == State::Quit) {
        complete();
        return;
    }
    note("connection failed: " + reason.toUtf8());
    fail(Error(ErrorCode::RemoteTemporary, QStringLiteral("connection failed: %1").arg(reason)),
         true, false);
}

void SmtpClient::readReplies()
{
    if (m_state == State::Done || m_state == State::TlsHandshake)
        return;
    m_input += m_device->readAll();
    while (m_state != State::Done && m_state != State::TlsHandshake) {
        const qsizetype end = m_input.indexOf('\n');
        if (end < 0) {
            if (m_input.size() > kMaxReplyLine) {
                trace(Direction::ServerToClient, m_input);
                fail(Error(ErrorCode::MalformedInput,
                           QStringLiteral("a reply line longer than %1 bytes").arg(kMaxReplyLine)),
                     true, false);
            }
            return;
        }
        const QByteArray raw = m_input.left(end + 1);
        m_input.remove(0, end + 1);
        trace(Direction::ServerToClient, raw);
        QByteArrayView line(raw);
        line.chop(line.endsWith("\r\n") ? 2 : 1);
        Result<std::optional<RemoteReply>> parsed = m_parser.takeLine(line);
        if (!parsed) {
            fail(parsed.error(), true, false);
            return;
        }
        if (parsed->has_value())
            handleReply(**parsed);
    }
}

void SmtpClient::handleReply(const RemoteReply &reply)
{
    m_timer.stop();
    switch (m_state) {
    case State::Greeting:
        return handleGreeting(reply);
    case State::Ehlo:
        return handleEhlo(reply);
    case State::Helo:
        return handleHelo(reply);
    case State::StartTls:
        return handleStartTls(reply);
    case State::AuthPlain:
    case State::AuthLoginUser:
    case State::AuthLoginPassword:
        return handleAuth(reply);
    case State::Transaction:
        return handleTransaction(reply);
    case State::Quit:
        return complete();
    case State::TlsHandshake:
    case State::Done:
        return;
    }
}

void SmtpClient::handleGreeting(const RemoteReply &reply)
{
    if (reply.code != 220)
        return failOnReply(reply, QStringLiteral("the greeting"));
    sendEhlo();
}

void SmtpClient::sendEhlo()
{
    m_state = State::Ehlo;
    send("EHLO " + m_options.heloName + "\r\n");
    expectReply("EHLO");
}

void SmtpClient::handleEhlo(const RemoteReply &reply)
{
    if (reply.code == 250) {
        m_extensions = ServerExtensions::fromEhloReply(reply);
        return proceed();
    }
    // RFC 5321 §3.2: a server that does not know EHLO answers 500, 502 or similar; try HELO.
    // A temporary refusal (421) ends the attempt like any other.
    if (!reply.isPermanent())
        return failOnReply(reply, QStringLiteral("EHLO"));
    m_state = State::Helo;
    send("HELO " + m_options.heloName + "\r\n");
    expectReply("HELO");
}

void SmtpClient::handleHelo(const RemoteReply &reply)
{
    if (reply.code != 250)
        return failOnReply(reply, QStringLiteral("HELO"));
    m_extensions = {};
    proceed();
}

void SmtpClient::proceed()
{
    if (m_options.tls == RelayTlsMode::StartTls && !m_encrypted) {
        if (!m_extensions.startTls || !m_tls)
            return fail(Error(ErrorCode::ExtensionMissing,
                              QStringLiteral("the server does not offer STARTTLS")),
                        false);
        m_state = State::StartTls;
        send("STARTTLS\r\n");
        expectReply("STARTTLS");
        return;
    }
    if (!m_options.user.isEmpty() && !m_authenticated)
        return startAuth();
    startTransaction();
}

void SmtpClient::handleStartTls(const RemoteReply &reply)
{
    if (reply.code != 220)
        return failOnReply(reply, QStringLiteral("STARTTLS"));
    // Whatever came with or after the 220 was sent in plain text and must not be taken as
    // coming over TLS (RFC 3207 §5; the client side of CVE-2011-0411).
    if (!m_input.isEmpty()) {
        note("discarded " + QByteArray::number(m_input.size())
             + " bytes the server sent after 220 before TLS");
        m_input.clear();
    }
    m_state = State::TlsHandshake;
    expectReply("the TLS handshake");
    m_tls->startClientHandshake();
}

void SmtpClient::startAuth()
{
    const QByteArray plain = QByteArrayLiteral("PLAIN");
    const QByteArray login = QByteArrayLiteral("LOGIN");
    if (m_extensions.authTypes.contains(plain)) {
        // RFC 4616 §2: [authzid] NUL authcid NUL passwd, authzid left empty.
        const QByteArray message = QByteArray(1, '\0') + m_options.user + '\0' + m_options.password;
        const QByteArray response = message.toBase64();
        const QByteArray command = "AUTH PLAIN " + response;
        m_state = State::AuthPlain;
        send(command + "\r\n",
             CredentialRedactor::maskedAuthCommand(command).value_or(QByteArray()) + "\r\n");
    } else if (m_extensions.authTypes.contains(login)) {
        m_state = State::AuthLoginUser;
        send("AUTH LOGIN\r\n");
    } else {
        return fail(Error(ErrorCode::ExtensionMissing,
                          QStringLiteral("the server offers no AUTH PLAIN or LOGIN")),
                    false);
    }
    expectReply("AUTH");
}

void SmtpClient::handleAuth(const RemoteReply &reply)
{
    const QByteArray masked = CredentialRedactor::kMask.toByteArray() + "\r\n";
    if (reply.code == 334 && m_state == State::AuthLoginUser) {
        m_state = State::AuthLoginPassword;
        send(m_options.user.toBase64() + "\r\n", masked);
        expectReply("AUTH LOGIN");
        return;
    }
    if (reply.code == 334 && m_state == State::AuthLoginPassword) {
        m_state = State::AuthPlain; // the next reply is the outcome, as for PLAIN
        send(m_options.password.toBase64() + "\r\n", masked);
        expectReply("AUTH LOGIN");
        return;
    }
    if (reply.code == 235) {
        m_authenticated = true;
        return startTransaction();
    }
    if (reply.isPermanent()) {
        settleOpen(reply);
        return fail(Error(ErrorCode::AuthFailed, QStringLiteral("authentication failed: %1")
                                                     .arg(QString::fromUtf8(reply.summary()))),
                    false);
    }
    if (reply.code == 334) {
        // A challenge where none belongs (PLAIN sent its response already): cancel the
        // exchange (RFC 4954 §4) and give up.
        send("*\r\n");
        settleOpen(reply);
        return fail(Error(ErrorCode::AuthFailed, QStringLiteral("unexpected AUTH challenge: %1")
                                                     .arg(QString::fromUtf8(reply.summary()))),
                    false, false);
    }
    failOnReply(reply, QStringLiteral("AUTH"));
}

void SmtpClient::startTransaction()
{
    const qint64 size = m_envelope.content.size();
    if (m_extensions.sizeOffered && m_extensions.maxSize > 0 && size > m_extensions.maxSize)
        return fail(Error(ErrorCode::TooLarge,
                          QStringLiteral("the message has %1 bytes, the server takes at most %2")
                              .arg(size)
                              .arg(m_extensions.maxSize)),
                    false);
    if (m_needs8Bit && !m_extensions.eightBitMime)
        return fail(Error(ErrorCode::ExtensionMissing,
                          QStringLiteral("the message has 8-bit data and the server does not "
                                         "offer 8BITMIME")),
                    false);
    if (m_needsUtf8 && !m_extensions.smtpUtf8)
        return fail(Error(ErrorCode::ExtensionMissing,
                          QStringLiteral("an address is UTF-8 and the server does not offer "
                                         "SMTPUTF8")),
                    false);

    QByteArray mail = "MAIL FROM:<" + m_envelope.sender + '>';
    if (m_extensions.sizeOffered)
        mail += " SIZE=" + QByteArray::number(size);
    if (m_needs8Bit)
        mail += " BODY=8BITMIME";
    if (m_needsUtf8)
        mail += " SMTPUTF8";
    m_unsent.push_back(mail + "\r\n");
    m_unsentWhat.push_back({Awaited::Mail});
    for (qsizetype i = 0; i < m_envelope.recipients.size(); ++i) {
        m_unsent.push_back("RCPT TO:<" + m_envelope.recipients.at(i) + ">\r\n");
        m_unsentWhat.push_back({Awaited::Rcpt, i});
    }
    m_unsent.push_back("DATA\r\n");
    m_unsentWhat.push_back({Awaited::Data});

    m_state = State::Transaction;
    if (m_extensions.pipelining) {
        // RFC 2920 §3.1: MAIL, RCPT and DATA may go in one group; DATA ends it.
        while (!m_unsent.empty())
            sendNextCommand();
    } else {
        sendNextCommand();
    }
    expectReply("MAIL");
}

void SmtpClient::sendNextCommand()
{
    const Pending what = m_unsentWhat.front();
    if (what.what == Awaited::Data && !m_extensions.pipelining && !m_accepted.contains(true)) {
        // Without PIPELINING, DATA is only sent when a recipient was accepted.
        m_unsent.clear();
        m_unsentWhat.clear();
        return sendQuit();
    }
    send(m_unsent.front());
    m_unsent.pop_front();
    m_unsentWhat.pop_front();
    m_awaiting.push_back(what);
}

void SmtpClient::handleTransaction(const RemoteReply &reply)
{
    if (m_awaiting.empty()) {
        // A reply while the message data is still going out: the server gave up on it.
        settleOpen(reply);
        return fail(
            Error(reply.isTemporary() ? ErrorCode::RemoteTemporary : ErrorCode::RemoteRejected,
                  QStringLiteral("unexpected reply: %1").arg(QString::fromUtf8(reply.summary()))),
            reply.isTemporary(), false);
    }
    const Pending what = m_awaiting.front();
    m_awaiting.pop_front();

    switch (what.what) {
    case Awaited::Mail:
        if (!reply.isPositive()) {
            m_mailFailed = true;
            settleOpen(reply);
            m_outcome.error =
                Error(reply.isTemporary() ? ErrorCode::RemoteTemporary : ErrorCode::RemoteRejected,
                      QStringLiteral("MAIL refused: %1").arg(QString::fromUtf8(reply.summary())));
            m_unsent.clear();
            m_unsentWhat.clear();
        }
        break;
    case Awaited::Rcpt:
        if (reply.isPositive() && !m_mailFailed)
            m_accepted[what.recipient] = true;
        else
            settle(what.recipient, reply);
        break;
    case Awaited::Data:
        if (reply.code == 354) {
            if (m_accepted.contains(true) && !m_mailFailed)
                return sendContent();
            // RFC 2920 §3.1: a server may say 354 although no RCPT succeeded; the client then
            // sends the end of data alone, and the server refuses that empty transaction.
            send(".\r\n");
            m_awaiting.push_back({Awaited::EmptyContent});
            expectReply("the end of data");
            return;
        }
        if (!m_mailFailed && m_accepted.contains(true)) {
            settleOpen(reply);
            m_outcome.error =
                Error(reply.isTemporary() ? ErrorCode::RemoteTemporary : ErrorCode::RemoteRejected,
                      QStringLiteral("DATA refused: %1").arg(QString::fromUtf8(reply.summary())));
        }
        break;
    case Awaited::Content:
        note("message data delivered: " + reply.summary());
        settleOpen(reply);
        if (!reply.isPositive())
            m_outcome.error = Error(
                reply.isTemporary() ? ErrorCode::RemoteTemporary : ErrorCode::RemoteRejected,
                QStringLiteral("message refused: %1").arg(QString::fromUtf8(reply.summary())));
        break;
    case Awaited::EmptyContent:
        break;
    }

    if (!m_unsent.empty()) {
        sendNextCommand();
        if (m_state == State::Transaction)
            expectReply(m_awaiting.back().what == Awaited::Rcpt ? "RCPT" : "DATA");
        return;
    }
    if (!m_awaiting.empty()) {
        expectReply("the pipelined replies");
        return;
    }
    // Nothing was delivered when no recipient was accepted: those without a reply of their
    // own were never asked (MAIL failed).
    sendQuit();
}

void SmtpClient::sendContent()
{
    m_stuffer = std::make_unique<DotStuffer>();
    m_contentSent = 0;
    note("message data: " + QByteArray::number(m_envelope.content.size()) + " bytes");
    writeContentWindow();
}

void SmtpClient::writeContentWindow()
{
    while (m_stuffer && m_device->bytesToWrite() < kSendWindow) {
        if (m_contentSent >= m_envelope.content.size()) {
            m_device->write(m_stuffer->finish());
            m_stuffer.reset();
            m_awaiting.push_back({Awaited::Content});
            expectReply("the end of data");
            return;
        }
        const QByteArrayView chunk =
            QByteArrayView(m_envelope.content)
                .sliced(m_contentSent)
                .first(qMin(kChunkSize, m_envelope.content.size() - m_contentSent));
        m_device->write(m_stuffer->stuff(chunk));
        m_contentSent += chunk.size();
    }
    // The peer reads slowly: each window it takes counts as progress.
    if (m_stuffer)
        expectReply("the message data to be read");
}

void SmtpClient::sendQuit()
{
    m_state = State::Quit;
    send("QUIT\r\n");
    expectReply("QUIT");
}

void SmtpClient::send(const QByteArray &line, const QByteArray &traced)
{
    trace(Direction::ClientToServer, traced.isEmpty() ? line : traced);
    m_device->write(line);
}

void SmtpClient::expectReply(const char *what)
{
    m_awaitedText = what;
    m_timer.start(m_options.stepTimeout);
}

void SmtpClient::note(const QByteArray &text)
{
    trace(Direction::Note, text);
}

void SmtpClient::trace(Direction direction, QByteArrayView bytes)
{
    if (m_outcome.trace.size() >= kMaxTraceLines) {
        ++m_traceDropped;
        return;
    }
    ProtocolLine line;
    line.time = QDateTime::currentDateTimeUtc();
    line.direction = direction;
    line.bytes = bytes.first(qMin(bytes.size(), kMaxTraceLineBytes)).toByteArray();
    line.truncatedBytes = bytes.size() - line.bytes.size();
    m_outcome.trace.append(line);
}

void SmtpClient::settle(qsizetype index, const RemoteReply &reply)
{
    if (m_settled.at(index))
        return;
    m_settled[index] = true;
    RecipientResult &result = m_outcome.recipients[index];
    result.code = reply.code;
    result.enhancedCode = reply.enhancedCode;
    result.text = QString::fromUtf8(reply.text());
    result.temporary = reply.isTemporary();
}

void SmtpClient::settleOpen(const RemoteReply &reply)
{
    for (qsizetype i = 0; i < m_settled.size(); ++i)
        settle(i, reply);
}

void SmtpClient::fail(const Error &error, bool temporary, bool canQuit)
{
    if (m_state == State::Done)
        return;
    if (!m_outcome.error)
        m_outcome.error = error;
    for (qsizetype i = 0; i < m_settled.size(); ++i) {
        if (m_settled.at(i))
            continue;
        m_settled[i] = true;
        RecipientResult &result = m_outcome.recipients[i];
        result.code = 0;
        result.text = error.message;
        result.temporary = temporary;
    }
    m_stuffer.reset();
    m_awaiting.clear();
    m_unsent.clear();
    m_unsentWhat.clear();
    if (canQuit && m_state != State::Quit)
        return sendQuit();
    complete();
}

void SmtpClient::failOnReply(const RemoteReply &reply, const QString &during)
{
    settleOpen(reply);
    fail(Error(reply.isTemporary() ? ErrorCode::RemoteTemporary : ErrorCode::RemoteRejected,
               QStringLiteral("%1 refused: %2").arg(during, QString::fromUtf8(reply.summary()))),
         reply.isTemporary(), reply.code != 421);
}

void SmtpClient::timedOut()
{
    if (m_state == State::Quit)
        return complete();
    const QString text = QStringLiteral("no answer within %1 s waiting for %2")
                             .arg(seconds(m_options.stepTimeout), QString::fromUtf8(m_awaitedText));
    note(text.toUtf8());
    fail(Error(ErrorCode::Timeout, text), true, false);
}

void SmtpClient::complete()
{
    if (m_state == State::Done)
        return;
    m_state = State::Done;
    m_timer.stop();
    if (m_traceDropped > 0) {
        ProtocolLine line;
        line.time = QDateTime::currentDateTimeUtc();
        line.direction = Direction::Note;
        line.bytes = QByteArray::number(m_traceDropped) + " more lines not kept";
        m_outcome.trace.append(line);
    }
    m_device->close();
    emit finished(m_outcome);
}
