// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "api/apireply.h"

#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

class ApiChangeFeed;
class QWebSocket;
class StoreReader;

/// The WebSocket `/api/events`: tells every connected client what happens to the store, in
/// Mailpit's shape `{"Type": ..., "Data": ...}` (server/websockets in axllent/mailpit):
/// - `new`: a message arrived; Data is its summary, as in the message list;
/// - `update`: `{"ID": "12", "Read": true}`, one per message whose read flag changed;
/// - `delete`: `{"ID": "12"}`, one per deleted message;
/// - `truncate`: every message was deleted; Data is null;
/// - `stats`: `{"Total": n, "Unread": n, "Version": "..."}`, to a client as it connects and
///   to all at most every kStatsIntervalMs after changes.
///
/// Clients only listen; what they send is read and dropped. A client that does not read
/// cannot make the server hold its events for ever: one with more than `maxQueuedBytes`
/// unsent is disconnected. Lives in the API thread; ApiHttpServer owns it, and the sockets
/// it is given.
class ApiEventHub final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiEventHub)

public:
    /// A client that lets this much of its events pile up unsent is dropped. A `new` event is
    /// about 1 KiB, so a client may fall a thousand messages behind.
    static constexpr qint64 kMaxQueuedBytes = 1024 * 1024;
    /// Mailpit sends `stats` at most four times a second.
    static constexpr int kStatsIntervalMs = 250;
    /// Messages turned into `new` events per turn of the API thread: an import of thousands
    /// must not hold the thread (each is read and parsed).
    static constexpr qsizetype kNewEventsPerTurn = 64;
    /// What a client may send in one message (it has nothing to say).
    static constexpr quint64 kMaxIncomingMessage = 4096;

    /// The API's StoreReader (opened on first use), or null with a 503 in `error`.
    using ReaderAccess = std::function<StoreReader *(ApiReply *error)>;

    /// `feed` null: only broadcast() sends events (tests).
    ApiEventHub(ReaderAccess reader, ApiChangeFeed *feed, QString version,
                qint64 maxQueuedBytes = kMaxQueuedBytes, QObject *parent = nullptr);
    ~ApiEventHub() override;

    /// Takes a connected WebSocket (a completed upgrade) and sends it events from now on.
    void addClient(std::unique_ptr<QWebSocket> socket);
    qsizetype clientCount() const { return qsizetype(m_clients.size()); }
    /// Sends `{"Type": type, "Data": data}` to every client.
    void broadcast(const QString &type, const QJsonValue &data);

private:
    void onAdded(const QList<qint64> &ids);
    void onChanged(const QList<qint64> &ids);
    void onRemoved(const QList<qint64> &ids);
    void onTruncated();
    /// Turns the next kNewEventsPerTurn waiting ids into `new` events.
    void sendNew();
    void statsSoon();
    QJsonValue stats();
    /// Sends to one client; false when it was dropped for not reading.
    bool send(QWebSocket *client, const QString &text);
    void remove(QWebSocket *client);

    ReaderAccess m_reader;
    QString m_version;
    qint64 m_maxQueuedBytes;
    std::vector<std::unique_ptr<QWebSocket>> m_clients;
    QList<qint64> m_newIds; ///< received, their `new` events not sent yet
    QTimer m_newTimer;
    QTimer m_statsTimer;
};
