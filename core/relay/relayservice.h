// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/gracefulthread.h"
#include "common/result.h"
#include "relay/relayjob.h"
#include "relay/relayoutcome.h"
#include "relay/relayqueueentry.h"
#include "relay/relaysettings.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <chrono>
#include <deque>

class MessageStore;
class RelayWorker;

/// Releases and automatic relays for MailService: checks a release against the settings (a
/// relay must be set up and every recipient allowed), runs the dialogues in a thread of its
/// own ("relay", RelayWorker), stores every attempt with its message, and keeps the retry
/// queue of automatic relays: a temporary failure (4xx, no connection) is tried again with
/// exponential backoff until RelaySettings::retryFor has passed since the first try; a
/// permanent one (5xx) is not. The queue lives in the store (relay_queue), so it survives a
/// restart, and is bounded by RelaySettings::queueLimit.
///
/// At most kMaxRunning dialogues run at once; further relays wait in memory, at most
/// queueLimit of them: a release beyond that is refused (TooLarge), an arrival beyond that is
/// not relayed automatically (a flood cannot grow the list). Lives in MailService's thread.
class RelayService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelayService)

public:
    static constexpr int kMaxRunning = 4;
    /// The first retry waits this long, each further one twice as long as the one before, up
    /// to kMaxRetryDelay.
    static constexpr std::chrono::milliseconds kFirstRetryDelay{std::chrono::minutes(1)};
    static constexpr std::chrono::milliseconds kMaxRetryDelay{std::chrono::hours(1)};

    explicit RelayService(QObject *parent = nullptr);
    /// Joins the relay thread; dialogues still running are cut off (not stored).
    ~RelayService() override;

    /// The settings of the latest apply and the open store (null while none is). A new store
    /// loads its retry queue.
    void configure(const RelaySettings &settings, MessageStore *store, const QString &directory);
    /// For tests: the delay before the first retry (the later ones double it).
    void setFirstRetryDelay(std::chrono::milliseconds delay) { m_firstRetryDelay = delay; }

    /// See MailService::release(); `done` runs after finished() for this attempt.
    using Done = std::function<void(const RelayOutcome &)>;
    Result<void> release(qint64 id, const QStringList &recipients, Done done = {});
    /// A message arrived: relayed when an auto query is set and it matches.
    void messageArrived(qint64 id);

    /// The settings of the latest configure().
    const RelaySettings &settings() const { return m_settings; }
    /// The automatic relays waiting for a retry.
    QList<RelayQueueEntry> queue() const { return m_queue; }
    /// Retries the queued relay of message `id` now instead of at its time. Errors: NotAllowed
    /// (no relay set up), NotFound (nothing of that message is queued), Conflict (its retry is
    /// running already).
    Result<void> retryNow(qint64 id);
    /// Whether a relay of message `id` waits in the retry queue.
    bool isQueued(qint64 id) const;

signals:
    /// An attempt ended and is committed with its message.
    void finished(const RelayOutcome &outcome);
    /// The retry queue changed (an entry added, rescheduled or removed).
    void queueChanged();

protected:
    bool event(QEvent *event) override;

private:
    void start(RelayJob job);
    void runNext();
    void attemptDone(const RelayJob &job, const RelayOutcome &outcome, bool skipped);
    /// Queues the temporarily failed recipients of an automatic relay for a retry, or gives up.
    void reschedule(const RelayJob &job, const RelayOutcome &outcome);
    void unqueue(qint64 messageId);
    void queueLoaded(const QString &directory, const Result<QList<RelayQueueEntry>> &queue);
    void armRetryTimer();
    void retryDue();

    RelaySettings m_settings;
    MessageStore *m_store = nullptr;
    QString m_storeDirectory;
    std::chrono::milliseconds m_firstRetryDelay = kFirstRetryDelay;

    GracefulThread m_thread;
    RelayWorker *m_worker; ///< lives in m_thread
    int m_running = 0;
    std::deque<RelayJob> m_waiting;
    QList<RelayQueueEntry> m_queue; ///< as in the store's relay_queue
    QList<qint64> m_retrying;       ///< queue entries whose retry runs now
    QTimer m_retryTimer;
    quint64 m_nextToken = 1;
    QHash<quint64, Done> m_done; ///< by RelayJob::token: who waits for a release
};
