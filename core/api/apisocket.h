// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QTcpSocket>

/// One connection of the HTTP API: a QTcpSocket that can end the connection after the next
/// answer, for a request that asked for it ("Connection: close", or HTTP/1.0 without
/// "keep-alive"; RFC 9112 §9.3 and §9.6). Qt 6.4's QAbstractHttpServer keeps every connection
/// open, and its responders write straight to the socket whenever an answer is ready (at once,
/// or once a store change is committed), so the start of that answer is noticed here, where
/// every byte is written.
///
/// Made by ApiTcpServer; lives in the API thread like the HTTP server that uses it.
class ApiSocket final : public QTcpSocket
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiSocket)

public:
    explicit ApiSocket(QObject *parent = nullptr);

    /// The next answer written is the last: it gets the header "Connection: close", and once
    /// it is written the socket sends what it buffered and closes. ApiRequestGuard calls this
    /// when it reads such a request, and then lets no further request through.
    void closeAfterNextAnswer();
    bool isClosingAfterAnswer() const { return m_close != Close::No; }

protected:
    qint64 writeData(const char *data, qint64 size) override;

private:
    enum class Close {
        No,
        Armed,        ///< the next answer is the last
        InStatusLine, ///< its status line is being written
        Scheduled,    ///< the close follows the rest of the answer
    };
    Close m_close = Close::No;
};
