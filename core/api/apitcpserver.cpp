// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apitcpserver.h"

#include "api/apirequestguard.h"
#include "api/apisocket.h"

ApiTcpServer::ApiTcpServer(qint64 maxBodySize, QObject *parent)
    : QTcpServer(parent)
    , m_maxBodySize(maxBodySize)
{}

void ApiTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new ApiSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    new ApiRequestGuard(socket, m_maxBodySize);
    addPendingConnection(socket);
}
