// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "smtp/smtpsession.h"
#include "smtp/tlsupgrade.h"

#include <QObject>
#include <QSslConfiguration>
#include <QTimer>

#include <optional>

class QSslSocket;
class QTcpSocket;

/// One accepted connection in a worker thread: the QSslSocket, the SmtpSession that speaks
/// over it, and the TLS handshake with its timeout (SmtpServerSettings::tlsHandshakeTimeout,
/// for implicit TLS and STARTTLS alike). Created in the worker thread from a socket
/// descriptor, so the socket is born in the thread that uses it. Deletes itself (deleteLater)
/// after the session has finished.
class SmtpConnection final : public QObject, public TlsUpgrade
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SmtpConnection)

public:
    /// Unread bytes Qt may buffer per socket; beyond it the kernel window pushes back. One
    /// session read (SessionInput::kReadChunk): more only multiplies memory by the number of
    /// connections whose input is not being read (a hundred clients that pipeline without
    /// reading held 25 MiB at 256 KiB each).
    static constexpr qint64 kSocketReadBuffer = 64 * 1024;

    /// Takes over `socketDescriptor`: the connection, owned by `parent`, or why the socket
    /// would not take it (NetworkError).
    static Result<SmtpConnection *> create(qintptr socketDescriptor,
                                           std::optional<QSslConfiguration> tls,
                                           SessionContext context, QObject *parent);
    ~SmtpConnection() override;

    SmtpSession *session() const { return m_session; }
    /// Starts the session (and the handshake, for implicit TLS).
    void start();

    void startServerHandshake() override;

private:
    SmtpConnection(bool tls, QObject *parent);
    void setUp(std::optional<QSslConfiguration> tls, SessionContext context);
    void onEncrypted();
    void onSocketError();
    void onCloseRequested();

    QTcpSocket *m_socket = nullptr;
    QSslSocket *m_sslSocket = nullptr; ///< m_socket when TLS is configured, else null
    SmtpSession *m_session = nullptr;
    QTimer m_handshakeTimer;
    bool m_implicitTls = false;
};
