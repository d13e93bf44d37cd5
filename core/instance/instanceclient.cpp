// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "instanceclient.h"

#include <QEventLoop>
#include <QLocalSocket>
#include <QTimer>

using InstanceProtocol::Reply;

InstanceClient::InstanceClient()
    : m_socket(std::make_unique<QLocalSocket>())
{
    m_socket->setReadBufferSize(InstanceProtocol::kMaxLineLength);
}

InstanceClient::~InstanceClient() = default;

bool InstanceClient::waitFor(const std::function<bool()> &done, std::chrono::milliseconds timeout)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    const auto check = [&loop, &done] {
        if (done())
            loop.quit();
    };
    QObject::connect(m_socket.get(), &QLocalSocket::connected, &loop, check);
    QObject::connect(m_socket.get(), &QLocalSocket::readyRead, &loop, check);
    QObject::connect(m_socket.get(), &QLocalSocket::disconnected, &loop, check);
    QObject::connect(m_socket.get(), &QLocalSocket::errorOccurred, &loop, check);
    deadline.start(timeout);
    loop.exec();
    return done();
}

Result<void> InstanceClient::connectTo(const QString &serverName, std::chrono::milliseconds timeout)
{
    m_socket->connectToServer(serverName);
    waitFor([this] { return m_socket->state() != QLocalSocket::ConnectingState; }, timeout);
    switch (m_socket->state()) {
    case QLocalSocket::ConnectedState:
        return {};
    case QLocalSocket::ConnectingState:
        m_socket->abort();
        return Error(ErrorCode::Timeout, QStringLiteral("%1 does not accept").arg(serverName));
    default:
        return Error(
            ErrorCode::NotFound,
            QStringLiteral("nothing listens on %1: %2").arg(serverName, m_socket->errorString()));
    }
}

Result<Reply> InstanceClient::ask(InstanceProtocol::Request request,
                                  std::chrono::milliseconds timeout)
{
    m_socket->write(InstanceProtocol::line(request));
    m_socket->flush();
    const bool answered = waitFor(
        [this] {
            return m_socket->canReadLine()
                   || m_socket->bytesAvailable() >= InstanceProtocol::kMaxLineLength
                   || m_socket->state() != QLocalSocket::ConnectedState;
        },
        timeout);
    if (!m_socket->canReadLine()) {
        if (!answered)
            return Error(ErrorCode::Timeout,
                         QStringLiteral("no answer within %1 ms").arg(qint64(timeout.count())));
        if (m_socket->bytesAvailable() == 0)
            return Error(ErrorCode::NetworkError,
                         QStringLiteral("the connection closed without an answer"));
        return Error(ErrorCode::MalformedInput, QStringLiteral("the answer is not Letterbox's"));
    }
    const QByteArray line = m_socket->readLine(InstanceProtocol::kMaxLineLength + 1);
    if (const std::optional<Reply> reply = InstanceProtocol::parseReply(line))
        return *reply;
    return Error(ErrorCode::MalformedInput, QStringLiteral("the answer is not Letterbox's"));
}

Result<void> InstanceClient::waitUntilClosed(std::chrono::milliseconds timeout)
{
    // Whatever the instance still sends is not read; only the close counts.
    const bool closed = waitFor(
        [this] {
            m_socket->readAll();
            return m_socket->state() == QLocalSocket::UnconnectedState;
        },
        timeout);
    if (!closed)
        return Error(ErrorCode::Timeout,
                     QStringLiteral("still running after %1 s")
                         .arg(qint64(std::chrono::ceil<std::chrono::seconds>(timeout).count())));
    return {};
}
