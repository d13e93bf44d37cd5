// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "relay/relaytarget.h"
#include "relay/smtpclient.h"

#include <QObject>
#include <QString>

class QSslSocket;

/// One relay attempt over the network: connects a QSslSocket to the target (encrypted from
/// the start for implicit TLS), runs an SmtpClient over it, and serves as its TLS seam
/// (QSslSocket::startClientEncryption for STARTTLS). Never blocks: connecting, the handshake
/// and the dialogue are signals, and the client's step timeout covers the connect too.
/// finished() once; the owner deletes it afterwards (deleteLater). One thread.
class RelayConnection final : public QObject, private ClientTlsUpgrade
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelayConnection)

public:
    RelayConnection(RelayTarget target, RelayEnvelope envelope, QObject *parent = nullptr);
    ~RelayConnection() override;

    void start();

signals:
    void finished(const RelayOutcome &outcome);

private:
    void startClientHandshake() override;
    void encrypted();

    RelayTarget m_target;
    QSslSocket *m_socket;
    SmtpClient *m_client;
    QString m_sslErrors; ///< why the certificate was refused, for the failure text
};
