// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "store/deliveryrequest.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class StoreWriter;

/// The durable record of every message and session: `<directory>/letterbox.sqlite3` (WAL,
/// synchronous=FULL). One MessageStore per process and store directory owns the only writer;
/// a lock file keeps a second Letterbox process from writing to the same store. Readers
/// (StoreReader) may run at the same time from any process.
///
/// deliver() and recordSessionEnd() are thread-safe; they queue work for the writer thread,
/// which commits everything that is queued together in one transaction (group commit).
class MessageStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageStore)

public:
    using DeliveryCallback = std::function<void(const DeliveryResult &)>;

    /// PRAGMA user_version of the database layout this code writes and reads.
    static constexpr int kSchemaVersion = 1;

    /// Opens or creates the store. On failure returns nullptr and a one-line reason in `error`
    /// (directory not writable, database damaged, store locked by another process).
    static std::unique_ptr<MessageStore> open(const QString &directory, QString *error);
    ~MessageStore() override; ///< commits what is queued, then stops the writer thread

    QString directory() const;
    QString databasePath() const;
    /// Where sessions spool large messages: on the same disk as the store.
    QString spoolDirectory() const;

    /// Session ids are unique across restarts of the same store. Thread-safe.
    quint64 allocateSessionId();

    /// Queues a message. `done` runs in `context`'s thread once the transaction that holds the
    /// message has committed (or failed); it does not run if `context` is destroyed first, even
    /// when that happens in another thread while the writer commits. With a null `context`,
    /// `done` runs in the writer thread. Thread-safe.
    void deliver(DeliveryRequest request, QObject *context, DeliveryCallback done);

    /// Queues the final facts and the rest of the trace of a session. Fire and forget.
    /// Thread-safe.
    void recordSessionEnd(const SessionInfo &session, QList<ProtocolLine> traceDelta);

    /// Mirrors every message committed from now on into a Maildir at `directory` (created if
    /// missing, with tmp/, new/ and cur/), off the commit path, in the "maildir-mirror" thread.
    /// Calling it again switches folders. Returns false with a reason when the folder cannot be
    /// used. Call from the store's thread.
    bool setMaildirMirror(const QString &directory, QString *error);

    /// Marks messages read or unread. Asynchronous (writer thread); messagesChanged follows.
    void setRead(const QList<qint64> &ids, bool read);
    /// Deletes messages (their rows, index entries and, once unused, their session traces) and
    /// reclaims space with an incremental vacuum, in small steps between delivery batches so
    /// delivery never waits long. Asynchronous; messagesRemoved follows.
    void remove(const QList<qint64> &ids);
    /// Deletes every message. Asynchronous; messagesRemoved follows with an empty list.
    void removeAll();

    /// Keep at most `maxMessages` messages (0: no limit) and none older than `maxAgeDays`
    /// (0: no limit). Applied now and after each delivery batch, oldest first, without
    /// blocking delivery. Off by default.
    struct Retention
    {
        int maxMessages = 0;
        int maxAgeDays = 0;
    };
    void setRetention(Retention retention);

    /// Blocks until everything queued so far is committed and mirrored. For shutdown and tests.
    /// Call from the store's thread (or any thread but the writer's and the mirror's).
    void flush();

    /// Transactions committed so far (each holds one or more queued writes). Any thread; for
    /// tests and statistics.
    quint64 commitCount() const;

signals:
    /// Flags of these messages changed (setRead). Emitted in the store's thread.
    void messagesChanged(const QList<qint64> &ids);
    /// These messages are gone (remove, removeAll with an empty list meaning "all", retention).
    /// Emitted in the store's thread.
    void messagesRemoved(const QList<qint64> &ids);
    /// A write failed (disk full, database error) or a message could not be mirrored. Emitted
    /// in the store's thread, queued from the writer and mirror threads.
    void storeError(const QString &message);

private:
    explicit MessageStore(QString directory);

    struct Private;
    std::unique_ptr<Private> d;
};
