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
    ThreadHandoff::callBlocking(server, [server, &bound] { bound = server->start(); });
    if (!bound)
        return bound; // the thread quits with `thread`
    m_thread = std::move(thread);
    m_address = *bound;
    return bound;
}

void ApiServer::stop()
{
    m_address.reset();
    m_thread.reset();
}
