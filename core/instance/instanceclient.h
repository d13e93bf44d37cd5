// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "instance/instanceprotocol.h"

#include <chrono>
#include <functional>
#include <memory>

class QLocalSocket;

/// A launch's end of the single-instance socket: connect, send one request, read the reply,
/// and (after Quit) wait until the instance closes the connection on its way out. Every wait
/// runs a local event loop with a deadline; it needs a QCoreApplication.
class InstanceClient final
{
    Q_DISABLE_COPY_MOVE(InstanceClient)

public:
    InstanceClient();
    ~InstanceClient();

    /// NotFound when nothing listens on `serverName` (none runs, or a crash left its socket);
    /// Timeout when the connection is not made in time.
    Result<void> connectTo(const QString &serverName, std::chrono::milliseconds timeout);
    /// Sends `request` and reads the one-line reply. Timeout, NetworkError when the instance
    /// closes without a reply, MalformedInput when the reply is not ours.
    Result<InstanceProtocol::Reply> ask(InstanceProtocol::Request request,
                                        std::chrono::milliseconds timeout);
    /// Waits until the instance closes the connection: after Quit, once it has stopped and
    /// closed its store. Timeout when it takes longer.
    Result<void> waitUntilClosed(std::chrono::milliseconds timeout);

private:
    /// Runs the event loop until `done` or the timeout; whether `done` came.
    bool waitFor(const std::function<bool()> &done, std::chrono::milliseconds timeout);

    std::unique_ptr<QLocalSocket> m_socket;
};
