// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QTcpServer>

/// The API's listening socket: accepts like QTcpServer, as an ApiSocket, and puts an
/// ApiRequestGuard on every connection before the HTTP server sees it (see both for why).
/// Lives in the API thread.
class ApiTcpServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiTcpServer)

public:
    explicit ApiTcpServer(qint64 maxBodySize, QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    qint64 m_maxBodySize;
};
