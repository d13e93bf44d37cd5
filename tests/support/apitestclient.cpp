// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apitestclient.h"

#include "store/messagespool.h"
#include "store/messagestore.h"

#include <QJsonDocument>
#include <QSignalSpy>
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
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!done.wait(30000)) {
        reply->deleteLater();
        Response response;
        response.status = -1;
        return response;
    }
    return take(reply);
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
