// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "exchange/maildirwriter.h"
#include "store/messagespool.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>

#include <deque>
#include <memory>
#include <mutex>

/// Copies committed messages into a Maildir (tmp/ → new/) for mutt, neomutt or notmuch. Lives
/// in its own thread ("maildir-mirror"), owned by MessageStore; the store writer hands it each
/// committed batch through enqueue(), so a slow or failing mirror never delays a 250.
///
/// The backlog is bounded: a mirror that cannot keep up (a slow disk, a stalled network file
/// system) holds at most kMaxQueuedMessages messages and kMaxQueuedBytes bytes. Beyond that the
/// mirror copy of a new message is dropped and counted; the message itself is in the store,
/// which is the record of truth. Drops are reported through failed() once per burst, when the
/// mirror has caught up again (or every kLagReportInterval while it cannot), never per message.
class MaildirMirror final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MaildirMirror)

public:
    /// One committed message. The spool is shared with the store writer and only read here.
    struct Item
    {
        qint64 storeId = 0;
        std::shared_ptr<const MessageSpool> data;
    };

    /// At most this many messages wait for the mirror (each spooled to disk holds an open file).
    static constexpr qsizetype kMaxQueuedMessages = 1000;
    /// At most this much memory waits for the mirror: the bytes of spools still in memory, plus
    /// kQueuedItemCost for every message.
    static constexpr qint64 kMaxQueuedBytes = qint64(64) * 1024 * 1024;
    /// What a waiting message costs besides bytes in memory: the Item, its spool object and, for
    /// a spool on disk, the QFile with its buffer.
    static constexpr qint64 kQueuedItemCost = 16 * 1024;
    /// Messages written into tmp/ before they are moved into new/ and the folders are synced
    /// once: one directory fsync per batch instead of per message.
    static constexpr qsizetype kMaxBatch = 64;
    /// While the mirror cannot catch up, what it dropped is reported at most this often.
    static constexpr qint64 kLagReportIntervalMs = 60 * 1000;

    struct Limits
    {
        qsizetype maxMessages = kMaxQueuedMessages;
        qint64 maxBytes = kMaxQueuedBytes;
    };

    /// The backlog as enqueue() saw it. `messages` and `bytes` count what waits or is being
    /// written; the peaks are the largest values since construction.
    struct Backlog
    {
        qsizetype messages = 0;
        qint64 bytes = 0;
        qsizetype peakMessages = 0;
        qint64 peakBytes = 0;
        qint64 dropped = 0; ///< since construction
    };

    /// Creates `directory` and its tmp/, new/ and cur/ folders (mode 0700) if missing; an error
    /// when the folder cannot be used (see MaildirWriter::prepare()). Any thread.
    static Result<void> prepare(const QString &directory);

    explicit MaildirMirror(QString directory, QObject *parent = nullptr);
    /// With other backlog limits (tests use small ones).
    MaildirMirror(QString directory, Limits limits, QObject *parent = nullptr);
    ~MaildirMirror() override;

    QString directory() const { return m_writer.directory(); }
    /// Switches to another (prepared) Maildir. Mirror thread only.
    void setDirectory(const QString &directory);

    /// Queues committed messages and wakes the mirror thread, which writes them in batches.
    /// What does not fit the backlog limits is dropped and counted. Any thread.
    void enqueue(const QList<MaildirMirror::Item> &items);

    /// Writes the items now, kMaxBatch at a time, through MaildirWriter: all into tmp/, then
    /// each fsynced and linked into new/ (so new/ only ever holds complete files, and never
    /// replaces one), then the folders fsynced once.
    /// Emits failed() for each message that could not be written. Mirror thread only.
    void write(const QList<MaildirMirror::Item> &items);

    /// Messages written since construction. Mirror thread only (tests read it after flush());
    /// asserted in debug builds.
    qint64 writtenCount() const;
    /// Any thread.
    Backlog backlog() const;

signals:
    /// A message could not be mirrored, or the mirror lagged and dropped copies. Emitted in the
    /// mirror thread; the store stays intact.
    void failed(const QString &message);

protected:
    /// Runs what other threads post with ThreadHandoff::post(), and acquires what they released.
    bool event(QEvent *event) override;

private:
    void drain();
    void writeBatch(const Item *items, qsizetype count);
    void reportDrops(bool caughtUp);
    static qint64 cost(const Item &item);
    /// Asserts, in debug builds, that the caller runs in the mirror thread.
    void assertMirrorThread() const;

    MaildirWriter m_writer; ///< mirror thread only
    qint64 m_written = 0;
    const Limits m_limits;

    // std::mutex, not QMutex: ThreadSanitizer sees the ordering of pthread-based locks only.
    mutable std::mutex m_mutex; ///< guards everything below
    std::deque<Item> m_queue;   ///< enqueued, not yet taken by drain()
    Backlog m_backlog;
    qint64 m_burstDropped = 0;  ///< dropped since the last report
    QElapsedTimer m_burstTimer; ///< since the first unreported drop
    bool m_drainScheduled = false;
};
