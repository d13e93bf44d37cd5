// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "service/mailservice.h"

#include <QHash>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QObject>
#include <QTemporaryDir>

#include <memory>

/// A MailService with its HTTP API on 127.0.0.1 (port 0) over a fresh store in a temporary
/// folder, and a QNetworkAccessManager that talks to it: what every API test starts from.
/// Lives in the test's thread.
class ApiTestClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiTestClient)

public:
    struct Response
    {
        int status = 0; ///< -1: no answer within the time limit
        QByteArray body;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QHash<QByteArray, QByteArray> headers; ///< names in lower case
        QJsonObject json() const;
    };

    ApiTestClient();
    ~ApiTestClient() override;

    /// (Re)starts the service on the same store. Returns false (with a warning) when the
    /// apply fails. `maxMessageSize` 0 keeps the default.
    [[nodiscard]] bool start(const QStringList &apiUsers = {}, qint64 maxMessageSize = 0);
    /// (Re)starts the service with `config`, its store, SMTP and API addresses replaced by the
    /// temporary folder and 127.0.0.1:0.
    [[nodiscard]] bool startWith(ServerConfig config);
    void stop();

    /// One request, waited for (30 s at most).
    Response request(const QByteArray &method, const QString &path, const QByteArray &body = {},
                     const QByteArray &authorization = {});
    /// Starts a request without waiting; the caller owns the reply.
    QNetworkReply *send(const QByteArray &method, const QString &path, const QByteArray &body = {});
    /// Reads a finished reply into a Response (and deletes it later).
    static Response take(QNetworkReply *reply);

    /// Stores `bytes` as if delivered over SMTP by sender@example.test to `recipients`;
    /// returns its id once committed, 0 on failure.
    qint64 deliverRaw(const QByteArray &bytes, const QList<QByteArray> &recipients);

    MailService *service() const { return m_service.get(); }
    quint16 port() const { return m_port; }
    QString storeDirectory() const { return m_dir.path(); }
    QNetworkAccessManager &network() { return m_network; }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<MailService> m_service;
    QNetworkAccessManager m_network;
    quint16 m_port = 0;
};
