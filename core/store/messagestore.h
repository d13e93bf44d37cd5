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
    /// message has committed (or failed); it does not run if `context` is destroyed first.
    void deliver(DeliveryRequest request, QObject *context, DeliveryCallback done);

    /// Queues the final facts and the rest of the trace of a session. Fire and forget.
    void recordSessionEnd(const SessionInfo &session, QList<ProtocolLine> traceDelta);

    /// Mirrors every committed message into a Maildir at `directory` (created if missing),
    /// off the commit path. Returns false with a reason when the folder cannot be used.
    bool setMaildirMirror(const QString &directory, QString *error);

    /// Blocks until everything queued so far is committed and mirrored. For shutdown and tests.
    void flush();

signals:
    /// A write failed (disk full, database error). Emitted from the writer thread.
    void storeError(const QString &message);

private:
    explicit MessageStore(QString directory);

    struct Private;
    std::unique_ptr<Private> d;
};
