// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "events/events.h"
#include "store/storedmessage.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

class QIODevice;
struct sqlite3;

/// A read-only view of a store, for `letterbox list/show` and the UI. Uses its own SQLite
/// connection, so it works while another thread or process is writing (WAL). Not thread-safe:
/// use one StoreReader per thread.
class StoreReader final
{
public:
    /// Opens an existing store. Returns nullptr with a one-line reason when there is no store
    /// in `directory` or it cannot be read.
    static std::unique_ptr<StoreReader> open(const QString &directory, QString *error);
    ~StoreReader();
    Q_DISABLE_COPY_MOVE(StoreReader)

    /// Every message, oldest first.
    QList<StoredMessage> list() const;
    std::optional<StoredMessage> message(qint64 id) const;
    /// Writes exactly the stored bytes of message `id` to `out`, streaming large messages.
    bool writeRaw(qint64 id, QIODevice *out, QString *error) const;
    /// The stored bytes of message `id` at once; empty if there is no such message.
    QByteArray raw(qint64 id) const;
    /// The stored protocol trace of a session, in order.
    QList<ProtocolLine> sessionTrace(quint64 sessionId) const;
    qint64 messageCount() const;

private:
    explicit StoreReader(sqlite3 *db);
    sqlite3 *m_db;
};
