// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "instance/instanceaddress.h"

#include <QObject>

#include <memory>

class QLocalServer;
class QLocalSocket;
class QLockFile;

/// The running instance's end of the single-instance socket: it answers later launches on the
/// same store (show the window, quit, what runs here). It holds the address's lock file while
/// it listens, so one process per store and user does; the store's own lock stays the final
/// word on who writes to the store.
///
/// Peers are bounded: at most kMaxPeers at a time, each must send its one request line within
/// InstanceProtocol::kLineTimeout and at most InstanceProtocol::kMaxLineLength bytes, or it is
/// closed. A quit request's connection stays open until this object goes, which the front ends
/// arrange to be after the store has closed, so `letterbox --quit` can wait for exactly that.
class InstanceServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InstanceServer)

public:
    enum class Mode { Desktop, Headless };
    /// Connections served at the same time; one more is closed at once.
    static constexpr int kMaxPeers = 8;

    explicit InstanceServer(Mode mode, QObject *parent = nullptr);
    ~InstanceServer() override;

    /// Takes the address's lock and listens, removing a socket that a crashed instance left.
    /// StoreInUse when another process holds the lock (it runs on the store, or is starting);
    /// FileUnwritable when the lock or the socket cannot be made.
    Result<void> claim(const InstanceAddress &address);
    bool isListening() const;
    QString serverName() const;

signals:
    /// A later desktop launch wants the window at the front (only in Desktop mode).
    void showRequested();
    /// `letterbox --quit`: stop the way SIGTERM does.
    void quitRequested();

private:
    void acceptPeers();
    void readRequest(QLocalSocket *peer);

    Mode m_mode;
    QLocalServer *m_server = nullptr;
    std::unique_ptr<QLockFile> m_lock;
    int m_peers = 0;
};
