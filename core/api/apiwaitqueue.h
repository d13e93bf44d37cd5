// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "api/apireply.h"
#include "common/result.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QHttpServerResponder>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>
#include <span>

class ApiChangeFeed;
class QHttpServerRequest;
class QTcpSocket;
class StoreExcerpt;
class StoreReader;

/// GET /api/v1/wait?query=Q&count=N&timeout=SECONDS (and search's start, limit and tz): holds
/// each request, without a thread,
/// until N messages match Q, then answers like a search (Mailpit's list shape, with
/// messages_count the number of matches). A request still waiting at its timeout gets 408 with
/// the count so far; a client that disconnects is dropped at once.
///
/// Driven by the ApiChangeFeed, never by polling: waiters with the same query form one group,
/// which keeps the ids of the messages matching it (fewer than the largest count any of its
/// waiters wants), and each batch of changed messages is copied into a StoreExcerpt and the
/// groups' queries run there (see sortOut()): the statements search runs, over the batch
/// alone, so a check costs (packs of groups) x (batch), whatever the size of the store. Lives in
/// the API thread; ApiHttpServer owns it.
class ApiWaitQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiWaitQueue)

public:
    static constexpr qint64 kDefaultCount = 1;
    /// As many as one page of a search holds.
    static constexpr qint64 kMaxCount = 1000;
    static constexpr qint64 kDefaultWaitSeconds = 30;
    /// Beyond five minutes a test has failed anyway, and a forgotten client must not be held
    /// for ever.
    static constexpr qint64 kMaxWaitSeconds = 300;
    /// Without `limit`, the answer lists this many of the newest matches (Mailpit's page
    /// size), or `count` when that is more.
    static constexpr qint64 kMinListed = 50;
    /// One check sorts out at most this many changed messages; the rest wait for the next
    /// turn of the API thread, so a change of 100 000 read flags does not hold the API for
    /// seconds at a time.
    static constexpr qsizetype kMaxSortedPerCheck = 1024;

    /// The API's StoreReader (opened on first use), or null with a 503 in `error`.
    using ReaderAccess = std::function<StoreReader *(ApiReply *error)>;

    ApiWaitQueue(ReaderAccess reader, ApiChangeFeed *feed, QObject *parent = nullptr);
    /// Drops the requests still waiting, unanswered (their connections close with the server).
    ~ApiWaitQueue() override;

    /// Answers `request` now (the condition holds, or a parameter is bad: 400) or holds it.
    void wait(const QHttpServerRequest &request, QHttpServerResponder &&responder,
              QTcpSocket *socket);
    /// Requests being held now.
    qsizetype waiting() const { return qsizetype(m_waiters.size()); }

    /// The API's `query` parameter (with its `tz`) in the store's search language
    /// (SearchQuery). The one place the wait queue turns a client's query into a store query.
    static Result<QString> storeQuery(const QString &query, const QString &timeZone);

private:
    /// Which matches the answer lists: `limit` from `start`, newest first.
    struct Page
    {
        qint64 start = 0;
        qint64 limit = kMinListed;
    };
    struct Waiter
    {
        explicit Waiter(QHttpServerResponder &&held)
            : responder(std::move(held))
        {}

        QString query; ///< the store query, the key of its group
        qint64 count = kDefaultCount;
        Page page;
        qint64 timeoutSeconds = kDefaultWaitSeconds;
        QDeadlineTimer deadline;
        QPointer<QTcpSocket> socket;
        QHttpServerResponder responder;
        QMetaObject::Connection disconnected;
    };
    struct Group
    {
        QSet<qint64> matched; ///< every message matching now (as far as changes were seen)
        QSet<quint64> waiters;
    };

    void onAdded(const QList<qint64> &ids);
    void onChanged(const QList<qint64> &ids);
    void onRemoved(const QList<qint64> &ids);
    void onTruncated();
    void scheduleCheck();
    /// Brings every group up to date with the changes seen since the last check, then answers
    /// the waiters whose count is reached.
    void check();
    /// Sorts the changed messages at the front of `ids` into the groups: copies them into the
    /// excerpt (StoreExcerpt::kMaxMessages at most) and asks it, pack by pack, which of them
    /// match any query of the pack; only when some do is the pack split in halves and asked
    /// again, down to single groups. Most mail matches no waiter, so a batch costs one
    /// statement per pack, not one per group. Returns how many ids it took; 0 when the excerpt
    /// cannot be filled (the caller then counts the groups afresh).
    qsizetype sortOut(StoreReader &store, std::span<const qint64> ids);
    /// Sorts `ids` (held by the excerpt) into the groups of `queries`, whose statement is
    /// `combined(queries)`; `keep`: the excerpt keeps that statement for the next batch.
    void sortOut(StoreReader &store, const QStringList &queries, const QList<qint64> &ids,
                 bool keep);
    /// Keeps m_packs as groups come and go.
    void addToPacks(const QString &query);
    void removeFromPacks(const QString &query);
    /// Drops the excerpt's statement for `pack` (before the pack changes).
    void forgetPack(const QStringList &pack);
    /// "(q1) OR (q2)", or "" when one of them is "" (it matches everything).
    static QString combined(const QStringList &queries);
    /// Counts a group afresh (at most as many as its waiters want).
    bool recountGroup(StoreReader &store, const QString &query, Group &group);
    void answerReached(StoreReader &store);
    /// The search-shaped answer for `query`: the matches of `page`.
    ApiReply answer(StoreReader &store, const QString &query, Page page);
    void finish(quint64 token, const ApiReply &reply);
    void drop(quint64 token);
    void onTimeout();
    void scheduleTimeout();

    ReaderAccess m_reader;
    std::map<quint64, std::unique_ptr<Waiter>> m_waiters;
    QHash<QString, Group> m_groups;
    /// Every group's query, in packs that each fit one statement of the search language.
    QList<QStringList> m_packs;
    /// The changed messages being sorted out, with a statement for each pack; created on
    /// first use.
    std::unique_ptr<StoreExcerpt> m_excerpt;
    /// Deadlines (QDeadlineTimer::deadline(), milliseconds) of the waiters, earliest first.
    std::multimap<qint64, quint64> m_deadlines;
    quint64 m_nextToken = 1;
    QTimer m_checkTimer;
    QTimer m_timeoutTimer;
    int m_lastCheckMs = 0;          ///< how long the last check took
    QElapsedTimer m_sinceLastCheck; ///< since it ended
    QSet<qint64> m_touched;         ///< added or changed since the last check
    QSet<qint64> m_removed;         ///< deleted since the last check
    bool m_truncated = false;
};
