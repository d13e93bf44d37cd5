// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "api/apiauth.h"
#include "api/apireply.h"
#include "api/apirouter.h"
#include "api/apisearchroutes.h"
#include "api/apisettings.h"
#include "common/result.h"
#include "store/storedmessage.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHttpServerResponder>
#include <QPointer>

#include <map>
#include <memory>
#include <optional>
#include <utility>

class ApiChangeFeed;
class ApiEventHub;
class ApiWaitQueue;
class QTcpSocket;
class StoreReader;

/// The HTTP side of the API: authenticates each request, routes it (ApiRouter), reads the
/// store through a StoreReader of its own, and answers in Mailpit's shapes (MailpitJson).
/// Changes to the store go to ApiSettings::changeStore; their answer is held (without a
/// thread) until the change is committed, so a client that reads right after sees it.
///
/// Built from QAbstractHttpServer rather than QHttpServer: Qt 6.4's QHttpServer router cannot
/// tell a wrong method (405) from an unknown path (404) and has no hook that runs before every
/// route (authentication). Lives in the API thread (ApiServer owns that thread); everything
/// here runs there.
class ApiHttpServer final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiHttpServer)

public:
    /// Pages of the message list and of searches (ApiSearchRoutes).
    static constexpr qint64 kMaxPageSize = ApiSearchRoutes::kMaxPageSize;
    static constexpr qint64 kDefaultPageSize = ApiSearchRoutes::kDefaultPageSize;

    /// Committed store changes arrive through `feed`, which must outlive this object.
    ApiHttpServer(ApiSettings settings, ApiChangeFeed *feed, QObject *parent = nullptr);
    ~ApiHttpServer() override;

    /// Binds settings.listen. Errors: AddressInUse, AddressUnavailable, AccessDenied,
    /// NetworkError, about the field "api.listen".
    Result<ListenAddress> start();

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;
    bool event(QEvent *event) override;

private:
    /// An answer held until a store change is committed.
    struct Pending
    {
        QPointer<QTcpSocket> socket; ///< null once the client went away
        QHttpServerResponder responder;
        ApiReply reply;
    };
    /// Reached from the store writer's thread; see changeThenReply().
    struct Liveness;

    /// Answers with `reply` once `change` is committed.
    void changeThenReply(const ApiSettings::StoreChange &change, QHttpServerResponder &&responder,
                         QTcpSocket *socket, ApiReply reply);
    void completePending(quint64 token, std::optional<ApiReply> reply = std::nullopt);
    /// POST /api/v1/send: builds the message and answers once it is stored (ApiSendRoute).
    void send(const QHttpServerRequest &request, QHttpServerResponder &&responder,
              QTcpSocket *socket);
    /// The read-only routes of ApiInspectRoutes about one message.
    ApiReply inspect(ApiRoute route, const QString &id);
    /// POST /api/v1/message/{ID}/release: answered once the attempt has ended.
    void release(const QString &id, const QHttpServerRequest &request,
                 QHttpServerResponder &&responder, QTcpSocket *socket);

    /// The reader, opened on first use; null with `error` set when the store cannot be read.
    StoreReader *reader(ApiReply *error);
    /// The message `id` names ("latest" or a number), or a 400/404 reply.
    Result<StoredMessage> resolve(const QString &id, ApiReply *error);

    void dispatch(const ApiRouter::Match &match, const QHttpServerRequest &request,
                  QTcpSocket *socket);
    ApiReply info();
    void deleteSearch(const QHttpServerRequest &request, QHttpServerResponder &&responder,
                      QTcpSocket *socket);
    void changeMessages(const QHttpServerRequest &request, bool remove,
                        QHttpServerResponder &&responder, QTcpSocket *socket);
    void messageSummary(const QString &id, QHttpServerResponder &&responder, QTcpSocket *socket);
    ApiReply messageHeaders(const QString &id);
    ApiReply messageRaw(const QString &id);
    ApiReply messagePart(const QString &id, const QString &partId);
    ApiReply readyz();
    /// GET/PUT /api/v1/faults and /api/v1/chaos (ApiFaultRoutes).
    ApiReply faultRoute(ApiRoute route, const QHttpServerRequest &request);
    /// A WebSocket upgrade: true hands the socket to Qt's WebSocket server (then to
    /// m_events); false leaves the answer in m_upgradeRefusal for missingHandler().
    bool acceptUpgrade(const QHttpServerRequest &request);

    ApiSettings m_settings;
    ApiAuth m_auth;
    std::unique_ptr<StoreReader> m_reader;
    std::shared_ptr<Liveness> m_liveness;
    std::map<quint64, std::unique_ptr<Pending>> m_pending;
    quint64 m_nextToken = 1;
    QElapsedTimer m_uptime;
    ApiChangeFeed *m_feed;
    // Made by start(); destroyed in reverse order, before the sockets.
    std::unique_ptr<ApiWaitQueue> m_waits;
    std::unique_ptr<ApiEventHub> m_events;
    /// Qt 6.4 answers a refused WebSocket upgrade through missingHandler(), which only gets
    /// the request: handleRequest() leaves the answer here.
    std::optional<ApiReply> m_upgradeRefusal;
};
