// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apisocket.h"

#include <QByteArray>

ApiSocket::ApiSocket(QObject *parent)
    : QTcpSocket(parent)
{}

void ApiSocket::closeAfterNextAnswer()
{
    if (m_close == Close::No)
        m_close = Close::Armed;
}

qint64 ApiSocket::writeData(const char *data, qint64 size)
{
    const qint64 written = QTcpSocket::writeData(data, size);
    if (written <= 0 || m_close == Close::No || m_close == Close::Scheduled)
        return written;
    const QByteArray bytes = QByteArray::fromRawData(data, size); // no copy
    if (m_close == Close::Armed) {
        // Every answer is written in one go within one call (ApiReply::sendTo), so closing
        // from the next event-loop turn closes after all of it; disconnectFromHost() sends
        // what is buffered before it closes.
        QMetaObject::invokeMethod(
            this, [this] { disconnectFromHost(); }, Qt::QueuedConnection);
        // Qt 6.4's QHttpServerResponder::writeStatusLine() writes "HTTP/1.1 ", the code, the
        // reason and the line end in separate pieces; the header goes after the line end. An
        // answer written otherwise (in one piece) goes out as it is.
        m_close = bytes.startsWith("HTTP/1.") && !bytes.contains('\n') ? Close::InStatusLine
                                                                       : Close::Scheduled;
        return written;
    }
    // Close::InStatusLine
    if (bytes == "\r\n") {
        m_close = Close::Scheduled;
        // RFC 9112 §9.6: the server SHOULD say "close" in its last answer.
        QTcpSocket::writeData("Connection: close\r\n", 19);
    } else if (bytes.contains('\n')) {
        m_close = Close::Scheduled;
    }
    return written;
}
