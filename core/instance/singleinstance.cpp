// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "singleinstance.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QTimer>

namespace {

std::chrono::milliseconds remaining(const QDeadlineTimer &deadline)
{
    return std::chrono::milliseconds(std::max<qint64>(0, deadline.remainingTime()));
}

void pause(std::chrono::milliseconds interval)
{
    QEventLoop loop;
    QTimer::singleShot(interval, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

Result<InstanceClaim> SingleInstance::claimOrAsk(const InstanceAddress &address,
                                                 InstanceServer::Mode mode,
                                                 InstanceProtocol::Request request,
                                                 std::chrono::milliseconds timeout)
{
    const QDeadlineTimer deadline(timeout);
    for (;;) {
        InstanceClient client;
        if (client.connectTo(address.serverName(), remaining(deadline))) {
            const Result<InstanceProtocol::Reply> reply =
                client.ask(request, std::max(remaining(deadline), InstanceProtocol::kLineTimeout));
            if (!reply)
                return Error(
                    reply.error().code,
                    QStringLiteral("the Letterbox running on %1 does not answer: %2")
                        .arg(QDir::toNativeSeparators(address.storePath()), reply.error().message),
                    QStringLiteral("store"));
            InstanceClaim claim;
            claim.reply = *reply;
            return claim;
        }
        auto server = std::make_unique<InstanceServer>(mode);
        const Result<void> claimed = server->claim(address);
        if (claimed) {
            InstanceClaim claim;
            claim.server = std::move(server);
            return claim;
        }
        if (claimed.error().code != ErrorCode::StoreInUse)
            return claimed.error();
        // Another launch holds the lock and is about to listen (or is stuck doing so).
        if (deadline.hasExpired())
            return Error(ErrorCode::Timeout,
                         QStringLiteral("another Letterbox is starting on %1 and does not answer")
                             .arg(QDir::toNativeSeparators(address.storePath())),
                         QStringLiteral("store"));
        pause(std::min(kRetryInterval, remaining(deadline)));
    }
}

Result<void> SingleInstance::quit(const InstanceAddress &address, std::chrono::milliseconds timeout)
{
    const QDeadlineTimer deadline(timeout);
    const QString store = QDir::toNativeSeparators(address.storePath());
    InstanceClient client;
    if (const Result<void> connected = client.connectTo(
            address.serverName(), std::min(remaining(deadline), InstanceProtocol::kLineTimeout));
        !connected)
        return Error(connected.error().code,
                     connected.error().code == ErrorCode::NotFound
                         ? QStringLiteral("no Letterbox runs on %1").arg(store)
                         : QStringLiteral("the Letterbox running on %1 does not answer").arg(store),
                     QStringLiteral("store"));
    const Result<InstanceProtocol::Reply> reply =
        client.ask(InstanceProtocol::Request::Quit,
                   std::min(remaining(deadline), InstanceProtocol::kLineTimeout));
    if (!reply || *reply != InstanceProtocol::Reply::Quitting)
        return Error(
            reply ? ErrorCode::MalformedInput : reply.error().code,
            QStringLiteral("the Letterbox running on %1 does not answer: %2")
                .arg(store, reply ? QStringLiteral("unexpected answer") : reply.error().message),
            QStringLiteral("store"));
    if (const Result<void> closed = client.waitUntilClosed(remaining(deadline)); !closed)
        return Error(closed.error().code,
                     QStringLiteral("the Letterbox on %1 is %2").arg(store, closed.error().message),
                     QStringLiteral("store"));
    return {};
}
