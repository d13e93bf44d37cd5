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
/// folder, and two clients for it: what every API test starts from. Lives in the test's thread.
///
/// request() speaks HTTP/1.1 itself over a QTcpSocket in the test's thread. The API server's
/// threads (API, MailService, store writer) are what ThreadSanitizer should examine, and
/// QNetworkAccessManager runs HTTP in a thread of its own whose hand-offs go through Qt's
/// locks, which TSan cannot see (it reports dozens of races inside Qt per test). send() and
/// take() use QNetworkAccessManager, for tests that hold many requests at once; the TSan job
/// (build.sh tsan) runs only tests that use request().
class ApiTestClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiTestClient)

public:
    struct Response
    {
        int status = 0; ///< -1: no answer within the time limit
        QByteArray body;
        QNetworkReply::NetworkError error = QNetworkReply::NoError; ///< take() only
        QHash<QByteArray, QByteArray> headers;                      ///< names in lower case
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

    /// One request on its own connection, waited for (30 s at most) while the test thread's
    /// events run (MailService, which makes the API's changes, lives there).
    Response request(const QByteArray &method, const QString &path, const QByteArray &body = {},
                     const QByteArray &authorization = {});
    /// Starts a request through QNetworkAccessManager without waiting; the caller owns the
    /// reply.
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
