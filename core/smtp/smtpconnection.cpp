// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtpconnection.h"

#include <QSslCipher>
#include <QSslSocket>

namespace {

QString protocolName(QSsl::SslProtocol protocol)
{
    switch (protocol) {
    case QSsl::TlsV1_2:
        return QStringLiteral("TLSv1.2");
    case QSsl::TlsV1_3:
        return QStringLiteral("TLSv1.3");
    default:
        return QStringLiteral("TLS");
    }
}

} // namespace

Result<SmtpConnection *> SmtpConnection::create(qintptr socketDescriptor,
                                                std::optional<QSslConfiguration> tls,
                                                SessionContext context, QObject *parent)
{
    auto *connection = new SmtpConnection(tls.has_value(), parent);
    if (!connection->m_socket->setSocketDescriptor(socketDescriptor)) {
        Error error(ErrorCode::NetworkError, connection->m_socket->errorString());
        delete connection;
        return error;
    }
    connection->setUp(std::move(tls), std::move(context));
    return connection;
}

SmtpConnection::SmtpConnection(bool tls, QObject *parent)
    : QObject(parent)
{
    // A plain QTcpSocket when TLS is not configured: QSslSocket wraps a second socket object
    // and costs more per connection for nothing.
    if (tls) {
        m_sslSocket = new QSslSocket(this);
        m_socket = m_sslSocket;
    } else {
        m_socket = new QTcpSocket(this);
    }
}

void SmtpConnection::setUp(std::optional<QSslConfiguration> tls, SessionContext context)
{
    m_implicitTls = context.implicitTls;
    m_socket->setReadBufferSize(kSocketReadBuffer);
    // Replies are small and the client waits for each; Nagle would add latency per command.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_sslSocket)
        m_sslSocket->setSslConfiguration(*tls);
    context.remoteAddress = m_socket->peerAddress();
    context.remotePort = m_socket->peerPort();
    context.localAddress = m_socket->localAddress();
    context.localPort = m_socket->localPort();

    m_handshakeTimer.setSingleShot(true);
    m_handshakeTimer.setInterval(context.settings->tlsHandshakeTimeout);
    m_session = new SmtpSession(m_socket, tls ? this : nullptr, std::move(context), this);

    connect(&m_handshakeTimer, &QTimer::timeout, m_session, &SmtpSession::tlsHandshakeTimedOut);
    if (m_sslSocket)
        connect(m_sslSocket, &QSslSocket::encrypted, this, &SmtpConnection::onEncrypted);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &SmtpConnection::onSocketError);
    connect(m_socket, &QAbstractSocket::disconnected, this, [this] {
        // A peer that hangs up (or is cut off) mid-handshake failed TLS; say so in the log.
        if (m_session->state() == SessionState::TlsHandshake) {
            m_handshakeTimer.stop();
            m_session->tlsFailed(m_socket->error() == QAbstractSocket::UnknownSocketError
                                     ? QStringLiteral("connection closed during the handshake")
                                     : m_socket->errorString());
            return;
        }
        m_session->transportClosed();
    });
    connect(m_session, &SmtpSession::closeRequested, this, &SmtpConnection::onCloseRequested);
    connect(m_session, &SmtpSession::finished, this, [this] {
        m_handshakeTimer.stop();
        if (m_socket->state() != QAbstractSocket::UnconnectedState)
            m_socket->abort();
        deleteLater();
    });
}

SmtpConnection::~SmtpConnection() = default;

void SmtpConnection::start()
{
    if (m_implicitTls)
        startServerHandshake();
    m_session->start();
}

void SmtpConnection::startServerHandshake()
{
    if (!m_sslSocket) {
        m_session->tlsFailed(QStringLiteral("TLS is not configured"));
        return;
    }
    m_handshakeTimer.start();
    m_sslSocket->startServerEncryption();
}

void SmtpConnection::onEncrypted()
{
    m_handshakeTimer.stop();
    m_session->tlsEstablished(protocolName(m_sslSocket->sessionProtocol()),
                              m_sslSocket->sessionCipher().name());
}

void SmtpConnection::onSocketError()
{
    const auto error = m_socket->error();
    if (error == QAbstractSocket::RemoteHostClosedError)
        return; // followed by disconnected()
    if (m_session->state() == SessionState::TlsHandshake) {
        m_handshakeTimer.stop();
        m_session->tlsFailed(m_socket->errorString());
        return;
    }
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        m_session->transportClosed(m_socket->errorString());
}

void SmtpConnection::onCloseRequested()
{
    if (m_socket->state() == QAbstractSocket::UnconnectedState) {
        m_session->transportClosed();
        return;
    }
    // Flushes the last reply, then disconnected() arrives; the session's own timer covers a
    // peer that never reads it.
    m_socket->disconnectFromHost();
}
