// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "relayconnection.h"

#include <QSslCipher>
#include <QSslSocket>

RelayConnection::RelayConnection(RelayTarget target, RelayEnvelope envelope, QObject *parent)
    : QObject(parent)
    , m_target(std::move(target))
    , m_socket(new QSslSocket(this))
{
    SmtpClient::Options options;
    options.heloName = m_target.heloName;
    options.tls = m_target.tls;
    options.user = m_target.user;
    options.password = m_target.password;
    options.stepTimeout = m_target.stepTimeout;
    m_client = new SmtpClient(m_socket, this, options, std::move(envelope), this);

    m_socket->setPeerVerifyMode(m_target.verifyCertificate ? QSslSocket::VerifyPeer
                                                           : QSslSocket::VerifyNone);
    connect(m_socket, &QSslSocket::encrypted, this, &RelayConnection::encrypted);
    connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        QStringList texts;
        for (const QSslError &error : errors)
            texts.append(error.errorString());
        m_sslErrors = texts.join(QStringLiteral("; "));
    });
    connect(m_socket, &QAbstractSocket::errorOccurred, this,
            [this](QAbstractSocket::SocketError error) {
                if (error == QAbstractSocket::SslHandshakeFailedError)
                    m_client->tlsFailed(m_sslErrors.isEmpty() ? m_socket->errorString()
                                                              : m_sslErrors);
                else
                    m_client->connectionFailed(m_socket->errorString());
            });
    connect(m_socket, &QAbstractSocket::disconnected, this, [this] {
        m_client->connectionFailed(QStringLiteral("the server closed the connection"));
    });
    connect(m_client, &SmtpClient::finished, this, [this](RelayOutcome outcome) {
        outcome.target = m_target.describe();
        emit finished(outcome);
    });
}

RelayConnection::~RelayConnection() = default;

void RelayConnection::start()
{
    if (m_target.tls == RelayTlsMode::Implicit)
        m_socket->connectToHostEncrypted(m_target.host, m_target.port);
    else
        m_socket->connectToHost(m_target.host, m_target.port);
    m_client->start();
}

void RelayConnection::startClientHandshake()
{
    m_socket->startClientEncryption();
}

void RelayConnection::encrypted()
{
    m_client->tlsEstablished(m_socket->sessionCipher().protocolString(),
                             m_socket->sessionCipher().name());
}
