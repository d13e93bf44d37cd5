// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apitestclient.h"

#include "store/messagespool.h"
#include "store/messagestore.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

QJsonObject ApiTestClient::Response::json() const
{
    return QJsonDocument::fromJson(body).object();
}

ApiTestClient::ApiTestClient() = default;

ApiTestClient::~ApiTestClient() = default;

bool ApiTestClient::start(const QStringList &apiUsers, qint64 maxMessageSize)
{
    ServerConfig config;
    config.apiUsers = apiUsers;
    if (maxMessageSize > 0)
        config.maxMessageSize = maxMessageSize;
    return startWith(config);
}

bool ApiTestClient::startWith(ServerConfig config)
{
    m_service.reset();
    m_service = std::make_unique<MailService>();
    config.storeDirectory = m_dir.path();
    config.listen = QStringLiteral("127.0.0.1:0");
    config.apiListen = QStringLiteral("127.0.0.1:0");
    QSignalSpy finished(m_service.get(), &MailService::applyFinished);
    m_service->apply(config);
    if (!finished.wait(30000)) {
        qWarning("ApiTestClient: the apply did not finish");
        return false;
    }
    if (!finished.first().at(0).toBool()) {
        qWarning("ApiTestClient: %s", qPrintable(finished.first().at(1).value<Error>().message));
        return false;
    }
    if (!m_service->apiAddress() || m_service->apiAddress()->port == 0) {
        qWarning("ApiTestClient: the API does not listen");
        return false;
    }
    m_port = m_service->apiAddress()->port;
    return true;
}

void ApiTestClient::stop()
{
    m_service.reset();
    m_port = 0;
}

QNetworkReply *ApiTestClient::send(const QByteArray &method, const QString &path,
                                   const QByteArray &body)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    return m_network.sendCustomRequest(request, method, body);
}

ApiTestClient::Response ApiTestClient::take(QNetworkReply *reply)
{
    Response response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    response.error = reply->error();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        response.headers.insert(name.toLower(), value);
    reply->deleteLater();
    return response;
}

ApiTestClient::Response ApiTestClient::request(const QByteArray &method, const QString &path,
                                               const QByteArray &body,
                                               const QByteArray &authorization)
{
    Response response;
    response.status = -1;
    QTcpSocket socket;
    QByteArray head = method + ' ' + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1:"
                      + QByteArray::number(m_port) + "\r\nConnection: close\r\n";
    if (!body.isEmpty())
        head += "Content-Type: application/json\r\n";
    if (!body.isEmpty() || method == "PUT" || method == "POST")
        head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (!authorization.isEmpty())
        head += "Authorization: " + authorization + "\r\n";
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    socket.write(head + "\r\n" + body); // sent once connected

    // The answer is complete when Content-Length bytes follow the header block, or when the
    // server closes the connection (Connection: close).
    QByteArray received;
    qsizetype headerEnd = -1;
    qint64 length = -1;
    const auto complete = [&] {
        received += socket.readAll();
        if (headerEnd < 0) {
            headerEnd = received.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return socket.state() == QAbstractSocket::UnconnectedState;
            const QList<QByteArray> lines = received.left(headerEnd).split('\n');
            const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
            response.status = statusLine.value(1).toInt();
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon <= 0)
                    continue;
                const QByteArray name = lines[i].left(colon).trimmed().toLower();
                const QByteArray value = lines[i].mid(colon + 1).trimmed();
                response.headers.insert(name, value);
                if (name == "content-length")
                    length = value.toLongLong();
            }
        }
        const qint64 bodyBytes = received.size() - headerEnd - 4;
        return (length >= 0 && bodyBytes >= length)
               || socket.state() == QAbstractSocket::UnconnectedState;
    };
    if (!QTest::qWaitFor(complete, 30000) || headerEnd < 0) {
        response.status = -1;
        return response;
    }
    response.body = received.mid(headerEnd + 4, length >= 0 ? length : -1);
    return response;
}

qint64 ApiTestClient::deliverRaw(const QByteArray &bytes, const QList<QByteArray> &recipients)
{
    MessageStore *store = m_service->store();
    auto spool = std::make_shared<MessageSpool>(store->spoolDirectory());
    if (!spool->append(bytes))
        return 0;
    DeliveryRequest delivery;
    delivery.session.sessionId = store->allocateSessionId();
    delivery.session.started = QDateTime::currentDateTimeUtc();
    delivery.session.remoteAddress = QStringLiteral("127.0.0.1");
    delivery.received = QDateTime::currentDateTimeUtc();
    delivery.envelope.mailFrom = "sender@example.test";
    delivery.envelope.recipients = recipients;
    delivery.data = std::move(spool);
    qint64 id = 0;
    bool done = false;
    store->deliver(std::move(delivery), this, [&](const DeliveryResult &result) {
        done = true;
        id = result.ok ? result.storeId : 0;
    });
    if (!QTest::qWaitFor([&done] { return done; }, 30000))
        return 0;
    return id;
}
