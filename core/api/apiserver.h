// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "api/apichangefeed.h"
#include "api/apisettings.h"
#include "common/gracefulthread.h"
#include "common/result.h"
#include "events/events.h"

#include <QObject>

#include <optional>

class ApiHttpServer;

/// The HTTP API (Mailpit API v1 compatible): owns the "letterbox-api" thread and the server
/// that runs in it, off the GUI thread, the SMTP workers and the store writer. Requests read
/// the store through a StoreReader of the API's own; changes go to ApiSettings::changeStore.
///
/// Lives in its owner's thread (MailService's); start() and stop() are called from there.
class ApiServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiServer)

public:
    explicit ApiServer(QObject *parent = nullptr);
    /// Stops the server: open connections close, held answers are dropped.
    ~ApiServer() override;

    /// Stops a running server, then starts one with `settings` and binds its address (in the
    /// API thread; this call waits for the bind, which takes microseconds). Returns the
    /// address really bound (port 0 picks one). Errors as ApiHttpServer::start().
    Result<ListenAddress> start(const ApiSettings &settings);
    void stop();
    bool isRunning() const { return m_address.has_value(); }
    /// The bound address while running.
    std::optional<ListenAddress> address() const { return m_address; }

    /// Committed changes to the store, from its owner (MailService connects its signals here):
    /// each is posted to the API thread (ApiChangeFeed) without blocking, where waiting
    /// requests and WebSocket clients learn of it. Dropped while the server is not running.
    void messageReceived(const ReceivedMessage &message);
    void messagesAdded(const QList<qint64> &ids);
    void messagesChanged(const QList<qint64> &ids);
    /// An empty list is MessageStore's "every message stored before removeAll()".
    void messagesRemoved(const QList<qint64> &ids);

private:
    void notify(const ApiChangeFeed::Change &change);

    GracefulThread m_thread;
    std::optional<ListenAddress> m_address;
    /// The running server's feed (in the API thread); null while stopped. Posted to only from
    /// this object's thread, which is also the one that stops the server, so never after it
    /// is gone.
    ApiChangeFeed *m_feed = nullptr;
};
