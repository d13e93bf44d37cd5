// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apiserver.h"

#include "api/apihttpserver.h"
#include "common/threadhandoff.h"

#include <QThread>

ApiServer::ApiServer(QObject *parent)
    : QObject(parent)
{}

ApiServer::~ApiServer()
{
    stop();
}

Result<ListenAddress> ApiServer::start(const ApiSettings &settings)
{
    stop();
    GracefulThread thread(new QThread);
    thread->setObjectName(QStringLiteral("letterbox-api"));
    // The feed is moved before its thread starts, so it never has two threads at once; the
    // server is built in the API thread itself: Qt 6.4's QAbstractHttpServer keeps its
    // QWebSocketServer outside its children, so moveToThread() would leave that behind and
    // WebSocket handshakes would run in the wrong thread. Both are deleted by their thread's
    // end (GracefulQuit), the server with its sockets.
    auto *feed = new ApiChangeFeed;
    feed->moveToThread(thread.get());
    connect(thread.get(), &QThread::finished, feed, &QObject::deleteLater);
    thread->start();
    Result<ListenAddress> bound = Error(ErrorCode::Internal, QStringLiteral("not started"));
    QThread *apiThread = thread.get();
    ThreadHandoff::callBlocking(feed, [&settings, feed, apiThread, &bound] {
        auto *server = new ApiHttpServer(settings, feed);
        connect(apiThread, &QThread::finished, server, &QObject::deleteLater);
        bound = server->start();
    });
    if (!bound)
        return bound; // the thread quits with `thread`
    m_thread = std::move(thread);
    m_address = *bound;
    m_feed = feed;
    return bound;
}

void ApiServer::stop()
{
    m_feed = nullptr;
    m_address.reset();
    m_thread.reset();
}

void ApiServer::messageReceived(const ReceivedMessage &message)
{
    notify({ApiChangeFeed::Change::Kind::Added, {message.storeId}});
}

void ApiServer::messagesAdded(const QList<qint64> &ids)
{
    notify({ApiChangeFeed::Change::Kind::Added, ids});
}

void ApiServer::messagesChanged(const QList<qint64> &ids)
{
    notify({ApiChangeFeed::Change::Kind::Changed, ids});
}

void ApiServer::messagesRemoved(const QList<qint64> &ids)
{
    notify({ids.isEmpty() ? ApiChangeFeed::Change::Kind::Truncated
                          : ApiChangeFeed::Change::Kind::Removed,
            ids});
}

void ApiServer::notify(const ApiChangeFeed::Change &change)
{
    if (m_feed)
        m_feed->post(change);
}
