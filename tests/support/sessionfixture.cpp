// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "sessionfixture.h"

#include "smtp/saslmechanism.h"

#include <QCoreApplication>
#include <QDir>
#include <QPointer>
#include <QSslConfiguration>
#include <QTest>
#include <QTimeZone>

SessionFixture::SessionFixture(SmtpServerSettings settings, bool implicitTls, bool flushesTrace,
                               TraceBacklog *traceBacklog)
{
    settings.hostName = QStringLiteral("mx.letterbox.test");
    SessionContext context;
    context.sessionId = 7;
    context.remoteAddress = QHostAddress(QStringLiteral("192.0.2.10"));
    context.remotePort = 40000;
    context.localAddress = QHostAddress(QHostAddress::LocalHost);
    context.localPort = 1025;
    context.implicitTls = implicitTls;
    context.settings = std::make_shared<SmtpServerSettings>(std::move(settings));
    context.spoolDirectory = QDir::tempPath();
    context.clock = [] {
        return QDateTime(QDate(2026, 11, 28), QTime(10, 20, 30), Qt::OffsetFromUTC, 3600);
    };
    if (flushesTrace) {
        context.flushTrace = [this, traceBacklog](const SessionInfo &, QList<ProtocolLine> lines) {
            if (traceBacklog) {
                qsizetype cost = 0;
                for (const ProtocolLine &line : std::as_const(lines))
                    cost += memoryCost(line);
                m_heldTrace.push_back(traceBacklog->admit(cost));
            }
            flushedTraces.append(std::move(lines));
        };
        context.traceBacklog = traceBacklog;
    }
    context.deliver = [this](DeliveryRequest request, QObject *receiver,
                             std::function<void(const DeliveryResult &)> done) {
        delivered.append(request);
        DeliveryResult result;
        result.ok = !failDeliveries;
        result.storeId = m_nextId++;
        if (failDeliveries)
            result.error = Error(ErrorCode::StoreUnwritable, QStringLiteral("disk full"));
        auto complete = [receiver, done, result] {
            QMetaObject::invokeMethod(
                receiver, [done, result] { done(result); }, Qt::QueuedConnection);
        };
        if (holdDeliveries)
            m_pending.append(complete);
        else
            complete();
    };
    context.faultTimer = [this](std::chrono::milliseconds delay, QObject *receiver,
                                std::function<void()> fire) {
        faultDelays.append(delay);
        m_pendingFaultDelays.append([receiver = QPointer<QObject>(receiver), fire] {
            if (receiver)
                fire();
        });
    };
    const bool withTls = context.settings->tls.has_value();
    m_session =
        std::make_unique<SmtpSession>(&m_device, withTls ? this : nullptr, std::move(context));
    connect(m_session.get(), &SmtpSession::messageReceived, this,
            [this](const ReceivedMessage &m) { received.append(m); });
    connect(m_session.get(), &SmtpSession::authAttempted, this,
            [this](const AuthAttempt &a) { authAttempts.append(a); });
    connect(m_session.get(), &SmtpSession::protocolLine, this,
            [this](const ProtocolLine &l) { lines.append(l); });
    connect(m_session.get(), &SmtpSession::finished, this, [this] { finished = true; });
    connect(m_session.get(), &SmtpSession::closeRequested, this, [this] {
        closeRequested = true;
        // A socket reports its close on a later turn; so does the fake.
        QMetaObject::invokeMethod(
            this, [this] { m_session->transportClosed(); }, Qt::QueuedConnection);
    });
    m_session->start();
    if (implicitTls)
        startServerHandshake();
}

SessionFixture::~SessionFixture() = default;

void SessionFixture::fireFaultDelay()
{
    QVERIFY(!m_pendingFaultDelays.isEmpty());
    m_pendingFaultDelays.takeFirst()();
}

SmtpServerSettings SessionFixture::defaultSettings()
{
    SmtpServerSettings settings;
    settings.maxMessageSize = 1000;
    settings.maxRecipients = 3;
    return settings;
}

SmtpServerSettings SessionFixture::tlsSettings()
{
    SmtpServerSettings settings = defaultSettings();
    settings.tls = QSslConfiguration();
    return settings;
}

AuthHandler SessionFixture::aliceHandler()
{
    return [](const AuthRequest &request) {
        if (request.username != "alice")
            return false;
        if (request.mechanism == SaslMechanism::Type::CramMd5)
            return CramMd5::verify(request.challenge, "secret", request.password);
        return request.password == "secret";
    };
}

void SessionFixture::client(const QByteArray &bytes)
{
    m_device.feed(bytes);
}

QByteArray SessionFixture::nextReply()
{
    // A reply is complete at the first line whose fourth character is a space.
    auto completeLength = [this]() -> qsizetype {
        const QByteArray &out = m_device.written();
        qsizetype pos = m_readPos;
        while (true) {
            const qsizetype end = out.indexOf("\r\n", pos);
            if (end < 0)
                return -1;
            if (end - pos >= 4 && out.at(pos + 3) == ' ')
                return end + 2 - m_readPos;
            if (end - pos == 3)
                return end + 2 - m_readPos;
            if (out.at(pos) == '[') // a marker line from the fake TLS seam
                return end + 2 - m_readPos;
            pos = end + 2;
        }
    };
    if (!QTest::qWaitFor([&] { return completeLength() > 0; }, 5000))
        return QByteArray("<no reply>");
    const qsizetype length = completeLength();
    const QByteArray result = m_device.written().mid(m_readPos, length);
    m_readPos += length;
    return result;
}

bool SessionFixture::expectReply(const QByteArray &expected)
{
    const QByteArray actual = nextReply();
    return QTest::qCompare(actual, expected, "reply", "expected", __FILE__, __LINE__);
}

bool SessionFixture::expectCode(int code)
{
    const QByteArray actual = nextReply();
    if (actual.startsWith(QByteArray::number(code)))
        return true;
    QTest::qFail(
        qPrintable(QStringLiteral("expected %1, got: %2").arg(code).arg(QString::fromUtf8(actual))),
        __FILE__, __LINE__);
    return false;
}

bool SessionFixture::expectSilence()
{
    // Deliver what is queued (readyRead, and whatever the session queues in answer) without
    // waiting for time to pass: silence means nothing came of it.
    for (int round = 0; round < 5; ++round)
        QCoreApplication::sendPostedEvents();
    return QTest::qCompare(m_device.written().mid(m_readPos), QByteArray(), "unread output",
                           "nothing", __FILE__, __LINE__);
}

bool SessionFixture::greetAndEhlo(const QByteArray &name)
{
    if (!expectCode(220))
        return false;
    client("EHLO " + name + "\r\n");
    return expectCode(250);
}

bool SessionFixture::openData()
{
    client("MAIL FROM:<a@x.test>\r\nRCPT TO:<r@x.test>\r\nDATA\r\n");
    return expectCode(250) && expectCode(250) && expectCode(354);
}

void SessionFixture::startServerHandshake()
{
    ++handshakes;
    m_device.appendMarker("[*** TLS handshake ***]\r\n");
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (failHandshake)
                m_session->tlsFailed(QStringLiteral("bad handshake"));
            else
                m_session->tlsEstablished(QStringLiteral("TLSv1.3"),
                                          QStringLiteral("TLS_AES_128_GCM_SHA256"));
        },
        Qt::QueuedConnection);
}

void SessionFixture::completePending()
{
    for (const auto &complete : std::exchange(m_pending, {}))
        complete();
}
