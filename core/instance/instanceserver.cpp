// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "instanceserver.h"

#include "instance/instanceprotocol.h"

#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QTimer>

using InstanceProtocol::Reply;
using InstanceProtocol::Request;

InstanceServer::InstanceServer(Mode mode, QObject *parent)
    : QObject(parent)
    , m_mode(mode)
{}

InstanceServer::~InstanceServer()
{
    // The socket file goes first, then the lock: a launch that sees the lock free finds no
    // socket to mistake for ours. The peers (children) close with this object.
    if (m_server)
        m_server->close();
}

Result<void> InstanceServer::claim(const InstanceAddress &address)
{
    QDir().mkpath(QFileInfo(address.lockPath()).path());
    auto lock = std::make_unique<QLockFile>(address.lockPath());
    // A lock whose process is gone counts as stale and is taken over (QLockFile checks the
    // process id), so a crash does not keep the store's socket closed.
    if (!lock->tryLock(0)) {
        if (lock->error() == QLockFile::LockFailedError)
            return Error(ErrorCode::StoreInUse,
                         QStringLiteral("another Letterbox runs or is starting on %1")
                             .arg(QDir::toNativeSeparators(address.storePath())),
                         QStringLiteral("store"));
        return Error(ErrorCode::FileUnwritable,
                     QStringLiteral("cannot create %1").arg(address.lockPath()),
                     address.lockPath());
    }
    // Holding the lock, whatever socket is there was left by a crash.
    QLocalServer::removeServer(address.serverName());
    auto *server = new QLocalServer(this);
    server->setSocketOptions(QLocalServer::UserAccessOption);
    server->setMaxPendingConnections(kMaxPeers);
    if (!server->listen(address.serverName())) {
        const QString reason = server->errorString();
        delete server;
        return Error(ErrorCode::FileUnwritable,
                     QStringLiteral("cannot listen on %1: %2").arg(address.serverName(), reason),
                     address.serverName());
    }
    m_server = server;
    m_lock = std::move(lock);
    connect(m_server, &QLocalServer::newConnection, this, &InstanceServer::acceptPeers);
    return {};
}

bool InstanceServer::isListening() const
{
    return m_server && m_server->isListening();
}

QString InstanceServer::serverName() const
{
    return m_server ? m_server->fullServerName() : QString();
}

void InstanceServer::acceptPeers()
{
    while (QLocalSocket *peer = m_server->nextPendingConnection()) {
        peer->setParent(this);
        if (m_peers >= kMaxPeers) {
            peer->abort();
            peer->deleteLater();
            continue;
        }
        ++m_peers;
        connect(peer, &QObject::destroyed, this, [this] { --m_peers; });
        connect(peer, &QLocalSocket::disconnected, peer, &QObject::deleteLater);
        // A peer that connects and says nothing is closed; one that asked to quit keeps its
        // connection until the end (the timer is stopped then).
        auto *deadline = new QTimer(peer);
        deadline->setObjectName(QStringLiteral("requestDeadline"));
        deadline->setSingleShot(true);
        connect(deadline, &QTimer::timeout, peer, [peer] {
            peer->abort();
            peer->deleteLater();
        });
        deadline->start(InstanceProtocol::kLineTimeout);
        // What is buffered stays bounded whatever the peer sends: past this, Qt stops reading.
        peer->setReadBufferSize(InstanceProtocol::kMaxLineLength);
        connect(peer, &QLocalSocket::readyRead, this, [this, peer] { readRequest(peer); });
        if (peer->bytesAvailable() > 0)
            readRequest(peer);
    }
}

void InstanceServer::readRequest(QLocalSocket *peer)
{
    if (!peer->canReadLine()) {
        // Not our client: a request is a word and a line end, far below the limit.
        if (peer->bytesAvailable() >= InstanceProtocol::kMaxLineLength) {
            peer->abort();
            peer->deleteLater();
        }
        return;
    }
    const QByteArray line = peer->readLine(InstanceProtocol::kMaxLineLength + 1);
    const std::optional<Request> request = InstanceProtocol::parseRequest(line);
    if (!request) {
        peer->abort();
        peer->deleteLater();
        return;
    }
    // One request per connection: whatever follows is not read.
    disconnect(peer, &QLocalSocket::readyRead, this, nullptr);
    const bool desktop = m_mode == Mode::Desktop;
    switch (*request) {
    case Request::Show:
        peer->write(InstanceProtocol::line(desktop ? Reply::Shown : Reply::NoWindow));
        peer->disconnectFromServer();
        if (desktop)
            emit showRequested();
        return;
    case Request::Ping:
        peer->write(InstanceProtocol::line(desktop ? Reply::RunsDesktop : Reply::RunsHeadless));
        peer->disconnectFromServer();
        return;
    case Request::Quit:
        if (auto *deadline = peer->findChild<QTimer *>(QStringLiteral("requestDeadline")))
            deadline->stop();
        peer->write(InstanceProtocol::line(Reply::Quitting));
        peer->flush();
        emit quitRequested();
        return;
    }
}
