// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apieventhub.h"

#include "api/apichangefeed.h"
#include "api/apimessage.h"
#include "api/mailpitjson.h"
#include "store/storereader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QWebSocket>

#include <algorithm>

ApiEventHub::ApiEventHub(ReaderAccess reader, ApiChangeFeed *feed, QString version,
                         qint64 maxQueuedBytes, QObject *parent)
    : QObject(parent)
    , m_reader(std::move(reader))
    , m_version(std::move(version))
    , m_maxQueuedBytes(maxQueuedBytes)
{
    if (feed) {
        connect(feed, &ApiChangeFeed::messagesAdded, this, &ApiEventHub::onAdded);
        connect(feed, &ApiChangeFeed::messagesChanged, this, &ApiEventHub::onChanged);
        connect(feed, &ApiChangeFeed::messagesRemoved, this, &ApiEventHub::onRemoved);
        connect(feed, &ApiChangeFeed::truncated, this, &ApiEventHub::onTruncated);
    }
    m_newTimer.setSingleShot(true);
    connect(&m_newTimer, &QTimer::timeout, this, &ApiEventHub::sendNew);
    m_statsTimer.setSingleShot(true);
    m_statsTimer.setInterval(kStatsIntervalMs);
    connect(&m_statsTimer, &QTimer::timeout, this,
            [this] { broadcast(QStringLiteral("stats"), stats()); });
}

ApiEventHub::~ApiEventHub()
{
    for (const std::unique_ptr<QWebSocket> &client : m_clients)
        disconnect(client.get(), nullptr, this, nullptr);
}

void ApiEventHub::addClient(std::unique_ptr<QWebSocket> socket)
{
    QWebSocket *client = socket.get();
    client->setMaxAllowedIncomingMessageSize(kMaxIncomingMessage);
    client->setMaxAllowedIncomingFrameSize(kMaxIncomingMessage);
    connect(client, &QWebSocket::disconnected, this, [this, client] { remove(client); });
    m_clients.push_back(std::move(socket));
    // As Mailpit does, a new client learns the counts at once.
    send(client, QString::fromUtf8(
                     QJsonDocument(QJsonObject{{QStringLiteral("Type"), QStringLiteral("stats")},
                                               {QStringLiteral("Data"), stats()}})
                         .toJson(QJsonDocument::Compact)));
}

void ApiEventHub::broadcast(const QString &type, const QJsonValue &data)
{
    if (m_clients.empty())
        return;
    const QString text = QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("Type"), type}, {QStringLiteral("Data"), data}})
            .toJson(QJsonDocument::Compact));
    // send() may drop a client; walk a copy of the list.
    std::vector<QWebSocket *> clients;
    for (const std::unique_ptr<QWebSocket> &client : m_clients)
        clients.push_back(client.get());
    for (QWebSocket *client : clients)
        send(client, text);
}

bool ApiEventHub::send(QWebSocket *client, const QString &text)
{
    client->sendTextMessage(text);
    // QWebSocket queues without a limit in its socket's write buffer; the kernel's buffer in
    // front of it is full when the client stopped reading.
    if (client->bytesToWrite() <= m_maxQueuedBytes)
        return true;
    client->abort();
    remove(client);
    return false;
}

void ApiEventHub::remove(QWebSocket *client)
{
    const auto found =
        std::find_if(m_clients.begin(), m_clients.end(),
                     [client](const std::unique_ptr<QWebSocket> &c) { return c.get() == client; });
    if (found == m_clients.end())
        return;
    std::unique_ptr<QWebSocket> gone = std::move(*found);
    m_clients.erase(found);
    disconnect(gone.get(), nullptr, this, nullptr);
    // Possibly inside one of its own signals.
    gone.release()->deleteLater();
    if (m_clients.empty()) {
        m_newIds.clear();
        m_newTimer.stop();
        m_statsTimer.stop();
    }
}

void ApiEventHub::onAdded(const QList<qint64> &ids)
{
    if (m_clients.empty())
        return;
    m_newIds.append(ids);
    if (!m_newTimer.isActive())
        m_newTimer.start(0);
    statsSoon();
}

void ApiEventHub::sendNew()
{
    ApiReply error;
    StoreReader *store = m_reader ? m_reader(&error) : nullptr;
    if (!store || m_clients.empty()) {
        m_newIds.clear();
        return;
    }
    const QList<qint64> batch = m_newIds.mid(0, kNewEventsPerTurn);
    m_newIds.remove(0, batch.size());
    for (const StoredMessage &stored : store->messages(batch)) {
        const ApiMessage message =
            ApiMessage::parse(stored, store->raw(stored.id).left(ApiMessage::kSummaryBytes));
        broadcast(QStringLiteral("new"), MailpitJson::summary(message));
    }
    if (!m_newIds.isEmpty())
        m_newTimer.start(0);
}

void ApiEventHub::onChanged(const QList<qint64> &ids)
{
    if (m_clients.empty())
        return;
    ApiReply error;
    StoreReader *store = m_reader ? m_reader(&error) : nullptr;
    if (!store)
        return;
    for (const StoredMessage &stored : store->messages(ids))
        broadcast(QStringLiteral("update"),
                  QJsonObject{{QStringLiteral("ID"), MailpitJson::id(stored.id)},
                              {QStringLiteral("Read"), stored.read}});
    statsSoon();
}

void ApiEventHub::onRemoved(const QList<qint64> &ids)
{
    if (m_clients.empty())
        return;
    for (const qint64 id : ids)
        broadcast(QStringLiteral("delete"),
                  QJsonObject{{QStringLiteral("ID"), MailpitJson::id(id)}});
    statsSoon();
}

void ApiEventHub::onTruncated()
{
    m_newIds.clear();
    broadcast(QStringLiteral("truncate"), QJsonValue::Null);
    statsSoon();
}

void ApiEventHub::statsSoon()
{
    if (!m_clients.empty() && !m_statsTimer.isActive())
        m_statsTimer.start();
}

QJsonValue ApiEventHub::stats()
{
    ApiReply error;
    StoreReader *store = m_reader ? m_reader(&error) : nullptr;
    const StoreReader::Counts counts = store ? store->counts() : StoreReader::Counts();
    return QJsonObject{{QStringLiteral("Total"), counts.messages},
                       {QStringLiteral("Unread"), counts.unread},
                       {QStringLiteral("Version"), m_version}};
}
