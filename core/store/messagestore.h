// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "store/deliveryrequest.h"
#include "store/storerepair.h"
#include "store/storeschema.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class SqliteDatabase;
class StoreWriter;

/// The durable record of every message and session: `<directory>/letterbox.sqlite3` (WAL,
/// synchronous=FULL). One MessageStore per process and store directory owns the only writer;
/// a lock file keeps a second Letterbox process from writing to the same store. Readers
/// (StoreReader) may run at the same time from any process.
///
/// deliver() and recordSessionEnd() are thread-safe; they queue work for the writer thread,
/// which commits everything that is queued together in one transaction (group commit).
class TraceBacklog;

class MessageStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageStore)

public:
    using DeliveryCallback = std::function<void(const DeliveryResult &)>;

    /// PRAGMA user_version of the database layout this code writes and reads (see StoreSchema).
    static constexpr int kSchemaVersion = StoreSchema::kVersion;

    /// Opens or creates the store, upgrading an older layout (in one transaction). Errors, all
    /// about the field "store": StoreInUse (another process holds the lock), StoreUnwritable
    /// (the directory, lock or database cannot be created or written), StoreDamaged (the text
    /// names `letterbox rebuild-index`), StoreTooNew, MalformedInput (not a Letterbox
    /// database) or DatabaseError.
    static Result<std::unique_ptr<MessageStore>> open(const QString &directory);

    /// True while another process (or another MessageStore in this one) holds the store.
    static bool isInUse(const QString &directory);

    /// Rebuilds the full-text index and the findings of a store that is not in use, or
    /// salvages what is readable of a damaged one (see StoreRepair). Blocks; may take a while
    /// for a big store. Errors: StoreInUse, or those of StoreRepair::rebuild().
    static Result<StoreRepair::Report> rebuildIndex(const QString &directory);
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

    /// Queues the facts of a session so far and the next part of its trace; called as a
    /// session's trace grows and a last time with its final facts. Fire and forget.
    /// Thread-safe.
    void recordSessionEnd(const SessionInfo &session, QList<ProtocolLine> traceDelta);
    /// The trace queued by recordSessionEnd() and not written yet; sessions stop reading while
    /// it is full. Lives as long as the store.
    TraceBacklog *traceBacklog() const;

    /// Mirrors every message committed from now on into a Maildir at `directory` (created if
    /// missing, with tmp/, new/ and cur/), off the commit path, in the "maildir-mirror" thread.
    /// Calling it again switches folders. An error (about the field "maildir") when the folder
    /// cannot be used. Any thread but the mirror's: the switch itself runs in the writer thread,
    /// and this call waits for it.
    Result<void> setMaildirMirror(const QString &directory);

    /// Marks messages read or unread. Asynchronous (writer thread, queued like a delivery);
    /// messagesChanged follows with the ids that exist. Thread-safe.
    void setRead(const QList<qint64> &ids, bool read);
    /// Deletes messages (their rows, index entries, findings and, once unused, their sessions
    /// and traces) and reclaims space with an incremental vacuum. The messages disappear from
    /// readers with the first commit (they are flagged deleted); the purge and the vacuum
    /// follow in small steps between delivery batches, so delivery never waits long.
    /// Asynchronous; messagesRemoved follows with the ids that existed. Thread-safe.
    void remove(const QList<qint64> &ids);
    /// Deletes every message stored before the call, as remove() does. Asynchronous;
    /// messagesRemoved follows with an empty list. Thread-safe.
    void removeAll();

    /// Keep at most `maxMessages` messages (0: no limit) and none older than `maxAgeDays`
    /// (0: no limit). Applied now and after each delivery batch (and every few minutes for the
    /// age limit), oldest first, a bounded number per batch, without blocking delivery. Removed
    /// messages are reported with messagesRemoved. Off by default. Thread-safe.
    struct Retention
    {
        int maxMessages = 0;
        int maxAgeDays = 0;
    };
    void setRetention(Retention retention);

    /// Writes rows of a feature beside the messages (relay attempts and queue) in the writer
    /// thread, in the next batch's transaction; see RecordJob for what `write` must keep to.
    /// Fire and forget; whenCommitted() tells when it is visible. Thread-safe.
    void writeRecord(std::function<Result<void>(SqliteDatabase &)> write);

    /// Runs `done` once everything queued so far (deliveries, read flags, removals) is
    /// committed, without blocking the caller: for a front end that answers only after its
    /// change is visible to readers. `done` runs in the writer thread, so it must only hand
    /// over (post to its own thread). It never runs if the store closes first. Thread-safe.
    void whenCommitted(std::function<void()> done);
    /// Blocks until everything queued so far is committed and mirrored, including every read
    /// flag and removal asked for (not the purge that follows a removal). For shutdown and
    /// tests. Call from the store's thread (or any thread but the writer's and the mirror's).
    void flush();
    /// Like flush(), and also waits until deleted messages are purged and their space given
    /// back (normally done a step at a time between deliveries). For the command line and
    /// tests; same threads as flush().
    void finishMaintenance();

    /// Transactions committed so far (each holds one or more queued writes). Any thread; for
    /// tests and statistics.
    quint64 commitCount() const;

signals:
    /// Flags of these messages changed (setRead). Emitted in the store's thread, queued from
    /// the writer thread.
    void messagesChanged(const QList<qint64> &ids);
    /// These messages are gone (remove, retention); readers no longer see them. An empty list
    /// (removeAll) means every message stored before the removeAll call: reload the list.
    /// Emitted in the store's thread, queued from the writer thread.
    void messagesRemoved(const QList<qint64> &ids);
    /// This many messages were deleted (remove, removeAll and retention alike), after the
    /// commit; for counters. Emitted in the store's thread, queued from the writer thread.
    void messagesDeleted(qint64 count);
    /// A write failed (disk full, database error) or a message could not be mirrored. Emitted
    /// in the store's thread, queued from the writer and mirror threads.
    void storeError(const QString &message);

protected:
    /// Runs what the writer and mirror threads post (ThreadHandoff::forward).
    bool event(QEvent *event) override;

private:
    explicit MessageStore(QString directory);
    Result<void> switchMirror(StoreWriter *writer, const QString &directory);

    struct Private;
    std::unique_ptr<Private> d;
};
