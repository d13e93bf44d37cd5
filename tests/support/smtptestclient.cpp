// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtptestclient.h"

#include <QTest>

SmtpTestClient::SmtpTestClient(QObject *parent)
    : QObject(parent)
{
    QSslConfiguration configuration = m_socket.sslConfiguration();
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    m_socket.setSslConfiguration(configuration);
    connect(&m_socket, &QIODevice::readyRead, this, [this] { m_buffer += m_socket.readAll(); });
}

bool SmtpTestClient::connectPlain(quint16 port)
{
    m_socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; },
                           10000);
}

bool SmtpTestClient::connectImplicitTls(quint16 port)
{
    m_socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    return QTest::qWaitFor([this] { return m_socket.isEncrypted(); }, 10000);
}

void SmtpTestClient::send(const QByteArray &bytes)
{
    m_socket.write(bytes);
}

qsizetype SmtpTestClient::completeReplyLength() const
{
    qsizetype pos = 0;
    while (true) {
        const qsizetype end = m_buffer.indexOf("\r\n", pos);
        if (end < 0)
            return -1;
        if (end - pos == 3 || (end - pos >= 4 && m_buffer.at(pos + 3) == ' '))
            return end + 2;
        pos = end + 2;
    }
}

QByteArray SmtpTestClient::reply(int timeoutMs)
{
    if (!QTest::qWaitFor([this] { return completeReplyLength() > 0; }, timeoutMs))
        return QByteArray("<none>");
    const qsizetype length = completeReplyLength();
    const QByteArray result = m_buffer.left(length);
    m_buffer.remove(0, length);
    return result;
}

int SmtpTestClient::replyCode(int timeoutMs)
{
    return reply(timeoutMs).left(3).toInt();
}

bool SmtpTestClient::startTls()
{
    send("STARTTLS\r\n");
    if (replyCode() != 220)
        return false;
    m_socket.startClientEncryption();
    return QTest::qWaitFor([this] { return m_socket.isEncrypted(); }, 10000);
}

int SmtpTestClient::sendMessage(const QByteArray &from, const QList<QByteArray> &to,
                                const QByteArray &content)
{
    send("MAIL FROM:<" + from + ">\r\n");
    if (replyCode() != 250)
        return -1;
    for (const QByteArray &recipient : to) {
        send("RCPT TO:<" + recipient + ">\r\n");
        if (replyCode() != 250)
            return -2;
    }
    send("DATA\r\n");
    if (replyCode() != 354)
        return -3;
    send(content + ".\r\n");
    return replyCode(30000);
}

int SmtpTestClient::deliver(quint16 port, const QByteArray &from, const QList<QByteArray> &to,
                            const QByteArray &content)
{
    SmtpTestClient client;
    if (!client.connectPlain(port) || client.replyCode() != 220)
        return -1;
    client.send("EHLO client.test\r\n");
    if (client.replyCode() != 250)
        return -2;
    const int code = client.sendMessage(from, to, content);
    client.send("QUIT\r\n");
    client.replyCode();
    return code;
}

int SmtpTestClient::deliverSubject(quint16 port, const QByteArray &subject)
{
    return deliver(port, "alice@example.test", {"bob@example.test"},
                   "Subject: " + subject + "\r\n\r\nbody\r\n");
}

bool SmtpTestClient::waitForDisconnected(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; },
                           timeoutMs);
}
