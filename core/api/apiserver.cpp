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
    // Moved before its thread starts, so it never has two threads at once; deleted by its
    // thread's end (GracefulQuit), with its sockets.
    auto *server = new ApiHttpServer(settings);
    server->moveToThread(thread.get());
    connect(thread.get(), &QThread::finished, server, &QObject::deleteLater);
    thread->start();
    Result<ListenAddress> bound = Error(ErrorCode::Internal, QStringLiteral("not started"));
    ApiChangeFeed *feed = nullptr;
    ThreadHandoff::callBlocking(server, [server, &bound, &feed] {
        bound = server->start();
        feed = server->changeFeed();
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
