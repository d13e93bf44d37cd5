// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QObject>
#include <QSslSocket>

/// A minimal SMTP client over a real QSslSocket for integration tests: it writes raw lines
/// and waits for complete replies with QTRY-style polling of the event loop, never sleeping.
class SmtpTestClient final : public QObject
{
    Q_OBJECT

public:
    explicit SmtpTestClient(QObject *parent = nullptr);

    bool connectPlain(quint16 port);
    bool connectImplicitTls(quint16 port);
    void send(const QByteArray &bytes);
    /// The next complete reply, or "<none>" after `timeoutMs`.
    QByteArray reply(int timeoutMs = 10000);
    int replyCode(int timeoutMs = 10000);
    /// Sends STARTTLS, expects 220, and completes a real handshake.
    bool startTls();
    /// MAIL, RCPT..., DATA, content (already dot-stuffed, without the final dot), "."; returns
    /// the code of the final reply.
    int sendMessage(const QByteArray &from, const QList<QByteArray> &to, const QByteArray &content);
    bool waitForDisconnected(int timeoutMs = 10000);
    /// One whole delivery on a new connection: greeting, EHLO, sendMessage(), QUIT. The final
    /// reply's code, or -1 without a greeting, -2 when EHLO is refused, and sendMessage()'s
    /// negative codes.
    static int deliver(quint16 port, const QByteArray &from, const QList<QByteArray> &to,
                       const QByteArray &content);
    /// deliver() of a one-line message from alice@example.test to bob@example.test.
    static int deliverSubject(quint16 port, const QByteArray &subject);
    QSslSocket *socket() { return &m_socket; }

private:
    qsizetype completeReplyLength() const;
    QSslSocket m_socket;
    QByteArray m_buffer;
};
