// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtpworker.h"

#include "common/freememory.h"
#include "common/threadhandoff.h"
#include "smtp/connectioncounter.h"
#include "smtp/smtpconnection.h"
#include "smtp/smtpserver.h"

#include <QMetaMethod>
#include <QTcpSocket>
#include <QTimer>

SmtpWorker::SmtpWorker(std::shared_ptr<const SmtpServerSettings> settings,
                       std::shared_ptr<const DeliveryTarget> target,
                       std::shared_ptr<ConnectionCounter> counter, SmtpServer *server)
    : m_settings(std::move(settings))
    , m_target(std::move(target))
    , m_counter(std::move(counter))
    , m_server(server)
    , m_releaseTimer(new QTimer(this))
{
    m_releaseTimer->setSingleShot(true);
    m_releaseTimer->setInterval(kReleaseMemoryDelay);
    connect(m_releaseTimer, &QTimer::timeout, this, &SmtpWorker::releaseFreeMemory);
}

SmtpWorker::~SmtpWorker()
{
    ThreadHandoff::acquire(this); // calls still queued are freed with this object
}

void SmtpWorker::accept(qintptr socketDescriptor, bool implicitTls, bool admitted)
{
    if (!admitted) {
        refuse(socketDescriptor);
        return;
    }
    SessionContext context;
    context.sessionId = m_target->allocateSessionId();
    context.implicitTls = implicitTls;
    context.settings = m_settings;
    context.spoolDirectory = m_target->spoolDirectory;
    context.deliver = m_target->deliver;
    context.rejected = m_target->rejected;
    // The store takes the facts so far and more trace as often as it likes; the end comes last.
    context.flushTrace = m_target->recordSessionEnd;
    context.traceBacklog = m_target->traceBacklog;

    const Result<SmtpConnection *> created =
        SmtpConnection::create(socketDescriptor, m_settings->tls, std::move(context), this);
    if (!created) {
        ServerError error;
        error.time = QDateTime::currentDateTime();
        error.message = QStringLiteral("cannot take a connection: ") + created.error().message;
        ThreadHandoff::post(m_server,
                            [server = m_server, error] { Q_EMIT server->errorOccurred(error); });
        m_counter->release();
        return;
    }
    SmtpConnection *connection = *created;
    SmtpSession *session = connection->session();
    // Through ThreadHandoff, not a queued signal-to-signal connection (see forward()).
    const auto forward = [this, session](auto sessionSignal, auto serverSignal) {
        if (m_server->hasReceivers(QMetaMethod::fromSignal(serverSignal)))
            ThreadHandoff::forward(session, sessionSignal, m_server, serverSignal);
    };
    forward(&SmtpSession::started, &SmtpServer::sessionStarted);
    forward(&SmtpSession::protocolLine, &SmtpServer::protocolLine);
    forward(&SmtpSession::authAttempted, &SmtpServer::authAttempted);
    forward(&SmtpSession::messageReceived, &SmtpServer::messageReceived);
    forward(&SmtpSession::errorOccurred, &SmtpServer::errorOccurred);
    const bool announceEnd =
        m_server->hasReceivers(QMetaMethod::fromSignal(&SmtpServer::sessionEnded));
    connect(session, &SmtpSession::finished, this,
            [this, session, announceEnd](const SessionInfo &info) {
                if (m_target->recordSessionEnd)
                    m_target->recordSessionEnd(info, session->takeTrace());
                m_counter->release();
                if (!m_releaseTimer->isActive())
                    m_releaseTimer->start();
                if (announceEnd) {
                    ThreadHandoff::post(
                        m_server, [server = m_server, info] { Q_EMIT server->sessionEnded(info); });
                }
            });
    connection->start();
}

void SmtpWorker::refuse(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    ServerError error;
    error.time = QDateTime::currentDateTime();
    error.remoteAddress = socket->peerAddress().toString();
    error.message = QStringLiteral("connection limit (%1) reached: refused %2")
                        .arg(m_settings->maxConnections)
                        .arg(error.remoteAddress);
    ThreadHandoff::post(m_server,
                        [server = m_server, error] { Q_EMIT server->errorOccurred(error); });
    // RFC 5321 §3.8: a server that cannot serve a connection may say 421 and close it.
    socket->write("421 4.3.2 " + m_settings->effectiveHostName().toUtf8()
                  + " Too many connections, try again later\r\n");
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(kRefusalGraceMs, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
    socket->disconnectFromHost();
}

void SmtpWorker::releaseFreeMemory()
{
    releaseFreeHeapMemory();
}

void SmtpWorker::shutdownSessions()
{
    for (SmtpConnection *connection : findChildren<SmtpConnection *>(Qt::FindDirectChildrenOnly))
        connection->session()->shutdown();
}

bool SmtpWorker::event(QEvent *event)
{
    return ThreadHandoff::dispatch(this, event) || QObject::event(event);
}
