// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apirequestguard.h"

#include "api/apisocket.h"

namespace {

// Whether the request with this header block asks to close the connection after its answer
// (RFC 9112 §9.3): "close" among the Connection options, or HTTP/1.0 without "keep-alive".
bool asksToClose(const QList<QByteArray> &lines)
{
    const bool http10 = lines.value(0).trimmed().endsWith(" HTTP/1.0");
    bool close = false;
    bool keepAlive = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.left(colon).trimmed().toLower() != "connection")
            continue;
        for (const QByteArray &option : line.mid(colon + 1).split(',')) {
            const QByteArray name = option.trimmed().toLower();
            close = close || name == "close";
            keepAlive = keepAlive || name == "keep-alive";
        }
    }
    return close || (http10 && !keepAlive);
}

} // namespace

ApiRequestGuard::ApiRequestGuard(ApiSocket *socket, qint64 maxBodySize)
    : QObject(socket)
    , m_socket(socket)
    , m_maxBodySize(maxBodySize)
{
    connect(socket, &QTcpSocket::readyRead, this, &ApiRequestGuard::onReadyRead);
    connect(socket, &QTcpSocket::bytesWritten, this, &ApiRequestGuard::onBytesWritten);
}

void ApiRequestGuard::onReadyRead()
{
    if (m_state == State::Refused) {
        // Read and dropped in place; QIODevice::skip() keeps nothing.
        m_drained += m_socket->skip(m_socket->bytesAvailable());
        if (m_drained > kMaxDrainBytes)
            m_socket->abort();
        return;
    }
    if (m_holding)
        return; // the server finds nothing to read either (see hold())
    // No transaction: the server has consumed the previous request completely, so what is
    // available starts a new one.
    if (!m_socket->isTransactionStarted()) {
        if (m_socket->isClosingAfterAnswer()) {
            // RFC 9112 §9.6: nothing after a request that asked to close is processed. What
            // follows is read and dropped, so that the close does not turn into a reset that
            // could cost the client the answer.
            m_state = State::Refused;
            disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
            connect(m_socket, &QTcpSocket::readyRead, this, &ApiRequestGuard::onReadyRead);
            m_drained = m_socket->skip(m_socket->bytesAvailable());
            return;
        }
        if (m_socket->bytesToWrite() > kMaxUnsentBytes && m_socket->bytesAvailable() > 0) {
            hold();
            return;
        }
        m_state = State::Headers;
        m_head.clear();
        m_bodySeen = 0;
        m_chunked = false;
    }
    // Otherwise the server consumed everything we saw last time (it reads headers up to the
    // available end and the body up to its length), so the peeked bytes are new ones.
    const qint64 available = m_socket->bytesAvailable();
    if (m_state == State::Headers) {
        const qsizetype room = kMaxHeaderBytes + 4 - m_head.size();
        m_head += m_socket->peek(qMin<qint64>(available, room));
        const qsizetype seen = m_head.size();
        inspectHeaders(); // cuts m_head after the header block once it is complete
        if (m_state == State::Body && m_chunked)
            m_bodySeen += seen - m_head.size(); // what came after the header block
    } else if (m_state == State::Body && m_chunked) {
        m_bodySeen += available;
    }
    if (m_state == State::Body && m_chunked && m_bodySeen > m_maxBodySize)
        refuse(413, "Payload Too Large", "request body too large");
}

void ApiRequestGuard::inspectHeaders()
{
    // A request may start with empty lines (RFC 9112 §2.2), which the server skips too.
    qsizetype start = 0;
    while (start < m_head.size() && (m_head[start] == '\r' || m_head[start] == '\n'))
        ++start;
    qsizetype end = m_head.indexOf("\r\n\r\n", start);
    qsizetype endLength = 4;
    if (const qsizetype bare = m_head.indexOf("\n\n", start);
        bare >= 0 && (end < 0 || bare < end)) {
        end = bare;
        endLength = 2;
    }
    if (end < 0) {
        if (m_head.size() - start > kMaxHeaderBytes)
            refuse(431, "Request Header Fields Too Large", "request header block too long");
        return;
    }
    const QByteArray head = m_head.mid(start, end - start);
    const qsizetype headEnd = end + endLength;
    m_state = State::Body;
    qint64 contentLength = 0;
    bool expectContinue = false;
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed().toLower();
        if (name == "content-length") {
            bool ok = false;
            contentLength = value.toLongLong(&ok);
            if (!ok || contentLength < 0) {
                refuse(400, "Bad Request", "Content-Length is not a number");
                return;
            }
        } else if (name == "transfer-encoding" && value.contains("chunked")) {
            m_chunked = true;
        } else if (name == "expect" && value == "100-continue") {
            expectContinue = true;
        }
    }
    if (contentLength > m_maxBodySize) {
        refuse(413, "Payload Too Large",
               "request body of " + QByteArray::number(contentLength)
                   + " bytes is larger than the limit of " + QByteArray::number(m_maxBodySize));
        return;
    }
    if (expectContinue)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    // After the interim answer: it is the final answer that closes.
    if (asksToClose(lines))
        m_socket->closeAfterNextAnswer();
    // Bytes of the body that came with the header block count for chunked bodies.
    m_head.truncate(headEnd);
}

void ApiRequestGuard::refuse(int status, const QByteArray &reason, const QByteArray &text)
{
    m_state = State::Refused;
    m_head.clear();
    // The server must not parse what follows: it would buffer it all. Every readyRead receiver
    // goes (this one included, it is connected again below); the server's handler of
    // disconnected stays and deletes the socket when it closes.
    disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    const QByteArray body = text + '\n';
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
                    + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                    + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    connect(m_socket, &QTcpSocket::readyRead, this, &ApiRequestGuard::onReadyRead);
    m_drained = m_socket->skip(m_socket->bytesAvailable());
    m_socket->disconnectFromHost();
}

void ApiRequestGuard::hold()
{
    // Qt 6.4's server reads in the same readyRead, after this guard, and starts a read
    // transaction only when none is open. A transaction of ours that has read everything
    // keeps the bytes in the socket's buffer while the server finds nothing to read; rolling
    // it back hands them over again. A read buffer smaller than what is held keeps further
    // bytes in the kernel, whose full buffer stops the client (TCP flow control).
    m_holding = true;
    m_socket->startTransaction();
    m_socket->skip(m_socket->bytesAvailable());
    m_socket->setReadBufferSize(1);
}

void ApiRequestGuard::onBytesWritten()
{
    if (!m_holding || m_socket->bytesToWrite() > kMaxUnsentBytes)
        return;
    m_holding = false;
    m_socket->rollbackTransaction();
    m_socket->setReadBufferSize(0);
    // The held requests are read as if they had just arrived; queued, as bytesWritten may be
    // emitted from within a write.
    QMetaObject::invokeMethod(m_socket, &QAbstractSocket::readyRead, Qt::QueuedConnection);
}
