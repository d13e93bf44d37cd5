// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "events/events.h"
#include "mime/messagechecker.h"
#include "relay/relayoutcome.h"
#include "relay/relayqueueentry.h"
#include "store/searchcounter.h"
#include "store/searchquery.h"
#include "store/storedmessage.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>
#include <span>

class QIODevice;
class SqliteDatabase;

/// A read-only view of a store, for `letterbox list/show` and the UI. Uses its own SQLite
/// connection, so it works while another thread or process is writing (WAL): each call sees
/// everything committed before it started. Not thread-safe: use one StoreReader per thread.
/// Messages flagged deleted are left out of list() and messageCount() but can still be read
/// by id until they are purged.
class StoreReader final
{
public:
    /// writeRaw() copies the stored bytes in chunks of this size.
    static constexpr qsizetype kRawChunkSize = 256 * 1024;

    /// Opens an existing store. Errors, with a one-line reason: FileNotFound (no store in
    /// `directory`), MalformedInput (not a Letterbox store), StoreDamaged, StoreTooNew,
    /// StoreTooOld (an older layout: a reader never writes; MessageStore::open upgrades it, see
    /// needsUpgrade()), or the code SqliteDatabase gives when it cannot be read.
    static Result<std::unique_ptr<StoreReader>> open(const QString &directory);
    /// True when `directory` holds a store with an older layout than this code reads.
    static bool needsUpgrade(const QString &directory);
    ~StoreReader();
    Q_DISABLE_COPY_MOVE(StoreReader)

    /// Every message, oldest first.
    QList<StoredMessage> list() const;
    /// One page of the message list, newest first (the same as search() with an empty query).
    QList<StoredMessage> list(int limit, int offset) const;
    std::optional<StoredMessage> message(qint64 id) const;
    /// Writes exactly the stored bytes of message `id` to `out`, streaming large messages.
    /// Errors: NotFound, DatabaseError (cannot read), FileUnwritable (`out` cannot be written).
    Result<void> writeRaw(qint64 id, QIODevice *out) const;
    /// The stored bytes of message `id` at once; empty if there is no such message.
    QByteArray raw(qint64 id) const;
    /// The relay attempts of message `id`, oldest first (see RelayRecords).
    Result<QList<RelayOutcome>> relayAttempts(qint64 id) const;
    /// The automatic relays waiting for a retry, the next due first.
    Result<QList<RelayQueueEntry>> relayQueue() const;
    /// The stored protocol trace of a session, in order (empty if the session is unknown).
    QList<ProtocolLine> sessionTrace(quint64 sessionId) const;
    /// The stored facts of a session: a snapshot from its last delivery while it runs, the
    /// final facts once it has ended.
    std::optional<SessionInfo> session(quint64 sessionId) const;
    /// The stored facts of the newest `limit` sessions, oldest first, without their traces
    /// (sessionTrace() reads one when it is wanted).
    QList<SessionInfo> recentSessions(int limit) const;
    /// One page of the stored sessions, newest first: `limit` at most, from `offset`.
    QList<SessionInfo> sessionPage(int limit, int offset) const;
    /// How many sessions the store holds (those that delivered nothing too).
    qint64 sessionCount() const;
    qint64 messageCount() const;

    /// Messages matching a query in the search language (see SearchQuery), newest first,
    /// `limit` at most (-1: all) from `offset`. An empty query matches everything. Errors:
    /// InvalidValue (the query does not parse), StoreDamaged (the index).
    Result<QList<StoredMessage>> search(const QString &query, int limit = -1, int offset = 0) const;
    /// What the inbox sorts by. Every order ends with the message id in the same direction, so
    /// it is total: the same store always gives the same sequence.
    enum class SortField { Received, From, To, Subject, Size, Attachments, Security, Findings };
    /// The ids of the messages matching `query` (as search() takes it), all of them, ordered by
    /// `field` in `order`; text compares without ASCII case, as the inbox shows it (From falls
    /// back to MAIL FROM and To to RCPT TO when the header is empty). For 100 000 messages this
    /// is 800 KB and one sort in SQLite. Errors as search().
    Result<QList<qint64>> searchIds(const QString &query, SortField field,
                                    Qt::SortOrder order) const;
    /// The messages with these ids, in the order given; ids without a message (or flagged
    /// deleted) are left out.
    QList<StoredMessage> messages(const QList<qint64> &ids) const;
    using Counts = SearchCounter::Counts;
    /// Both counts, from the counters the store keeps (no scan).
    Counts counts() const;
    /// The same counts for the messages matching `query` (as search() takes it). Errors as
    /// search().
    Result<Counts> searchCounts(const QString &query) const;

    /// Copies what the search statements (SearchQuery::toSql()) read of the messages at the
    /// front of `ids` into `target`, an empty database made with StoreSchema's statements
    /// (StoreExcerpt): their rows in `messages`, `messages_fts` and `findings` as they are now,
    /// all read in one transaction. Ids without a message are passed over. Stops after
    /// `maxMessages` ids, or once the copied values reach `maxBytes` (one message alone may
    /// pass it). Returns how many ids of the front it went through (at least one when `ids`
    /// is not empty). Lookups by id only: the cost grows with the copied messages, not with
    /// the store. Errors: the code SqliteDatabase gives, of either database.
    Result<qsizetype> copySearchRows(std::span<const qint64> ids, qsizetype maxMessages,
                                     qint64 maxBytes, SqliteDatabase &target) const;

    /// The findings of the message checks stored for message `id`, in the order the checks
    /// reported them (empty when there are none or no such message).
    QList<CheckFinding> findings(qint64 id) const;

private:
    explicit StoreReader(std::unique_ptr<SqliteDatabase> db);

    /// True when no message is flagged deleted (in the current read transaction, if any).
    bool noneFlaggedDeleted() const;
    std::unique_ptr<SqliteDatabase> m_db;
};
