// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apiwaitqueue.h"

#include "api/apichangefeed.h"
#include "api/apimessage.h"
#include "api/mailpitjson.h"
#include "api/mailpitquery.h"
#include "store/searchquery.h"
#include "store/storeexcerpt.h"
#include "store/storereader.h"

#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QJsonObject>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <limits>

namespace {

// A query parameter as a form sends it: "+" is a space (HTML's
// application/x-www-form-urlencoded, which Python's urlencode and Go's url.Values write).
QString formValue(const QUrlQuery &query, const QString &name)
{
    QByteArray encoded = query.queryItemValue(name, QUrl::FullyEncoded).toUtf8();
    encoded.replace('+', "%20");
    return QUrl::fromPercentEncoding(encoded);
}

Result<qint64> numberParameter(const QUrlQuery &query, const QString &name, qint64 fallback,
                               qint64 minimum, qint64 maximum)
{
    if (!query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const qint64 value = query.queryItemValue(name).toLongLong(&ok);
    if (!ok || value < minimum || value > maximum)
        return Error(ErrorCode::InvalidValue, QStringLiteral("%1 must be a number from %2 to %3")
                                                  .arg(name)
                                                  .arg(minimum)
                                                  .arg(maximum));
    return value;
}

// `query` narrowed by `extra` (both in the store's search language).
QString narrowed(const QString &query, const QString &extra)
{
    if (query.trimmed().isEmpty())
        return extra;
    return QStringLiteral("(%1) %2").arg(query, extra);
}

ApiReply storeErrorReply(const Error &error)
{
    // InvalidValue: the query does not parse, which is the client's doing.
    return ApiReply::text(error.code == ErrorCode::InvalidValue ? 400 : 503,
                          error.message.toUtf8());
}

} // namespace

ApiWaitQueue::ApiWaitQueue(ReaderAccess reader, ApiChangeFeed *feed, QObject *parent)
    : QObject(parent)
    , m_reader(std::move(reader))
{
    connect(feed, &ApiChangeFeed::messagesAdded, this, &ApiWaitQueue::onAdded);
    connect(feed, &ApiChangeFeed::messagesChanged, this, &ApiWaitQueue::onChanged);
    connect(feed, &ApiChangeFeed::messagesRemoved, this, &ApiWaitQueue::onRemoved);
    connect(feed, &ApiChangeFeed::truncated, this, &ApiWaitQueue::onTruncated);
    m_checkTimer.setSingleShot(true);
    connect(&m_checkTimer, &QTimer::timeout, this, &ApiWaitQueue::check);
    m_timeoutTimer.setSingleShot(true);
    // A coarse timer may fire 5 % late: 15 s on a five-minute wait.
    m_timeoutTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_timeoutTimer, &QTimer::timeout, this, &ApiWaitQueue::onTimeout);
}

ApiWaitQueue::~ApiWaitQueue()
{
    for (const auto &[token, waiter] : m_waiters)
        disconnect(waiter->disconnected);
}

Result<QString> ApiWaitQueue::storeQuery(const QString &query, const QString &timeZone)
{
    // Mailpit's syntax, as GET /api/v1/search takes it.
    const Result<QTimeZone> zone = MailpitQuery::timeZone(timeZone);
    if (!zone)
        return zone.error();
    return MailpitQuery::translate(query, *zone);
}

void ApiWaitQueue::wait(const QHttpServerRequest &request, QHttpServerResponder &&responder,
                        QTcpSocket *socket)
{
    const QUrlQuery parameters = request.query();
    const Result<qint64> count =
        numberParameter(parameters, QStringLiteral("count"), kDefaultCount, 1, kMaxCount);
    const Result<qint64> timeout = numberParameter(parameters, QStringLiteral("timeout"),
                                                   kDefaultWaitSeconds, 0, kMaxWaitSeconds);
    const Result<qint64> start =
        numberParameter(parameters, QStringLiteral("start"), 0, 0, std::numeric_limits<int>::max());
    const Result<qint64> limit =
        numberParameter(parameters, QStringLiteral("limit"), 0, 0, kMaxCount);
    const Result<QString> query = storeQuery(formValue(parameters, QStringLiteral("query")),
                                             formValue(parameters, QStringLiteral("tz")));
    const Error *invalid = !count     ? &count.error()
                           : !timeout ? &timeout.error()
                           : !start   ? &start.error()
                           : !limit   ? &limit.error()
                           : !query   ? &query.error()
                                      : nullptr;
    if (invalid) {
        ApiReply::text(400, invalid->message.toUtf8()).sendTo(responder);
        return;
    }
    ApiReply error;
    StoreReader *store = m_reader(&error);
    if (!store) {
        error.sendTo(responder);
        return;
    }

    // No commit can slip between this count and the registration below: both happen in this
    // one turn of the API thread. A commit the count does not see yet (the reader sees
    // everything committed before its query starts) is announced after it commits, by a call
    // posted to this thread (ApiChangeFeed), which runs in a later turn, when this waiter is
    // registered, and is checked then. A commit the count already saw may be announced as
    // well; a group keeps ids, not a number, so it is counted once.
    auto group = m_groups.find(*query);
    if (group == m_groups.end()) {
        const Result<QList<StoredMessage>> found = store->search(*query, int(*count));
        if (!found) {
            storeErrorReply(found.error()).sendTo(responder);
            return;
        }
        if (found->size() < *count) {
            Group fresh;
            for (const StoredMessage &message : *found)
                fresh.matched.insert(message.id);
            group = m_groups.insert(*query, fresh);
            addToPacks(*query);
        }
    }
    if (group == m_groups.end() || group->matched.size() >= *count) {
        answer(*store, *query, Page{*start, *limit == 0 ? std::max(*count, kMinListed) : *limit})
            .sendTo(responder);
        return;
    }

    const quint64 token = m_nextToken++;
    auto waiter = std::make_unique<Waiter>(std::move(responder));
    waiter->query = *query;
    waiter->count = *count;
    waiter->page = Page{*start, *limit == 0 ? std::max(*count, kMinListed) : *limit};
    waiter->timeoutSeconds = *timeout;
    waiter->deadline = QDeadlineTimer(std::chrono::seconds(*timeout), Qt::PreciseTimer);
    waiter->socket = socket;
    // Qt 6.4's responder keeps a plain pointer to the socket and does not watch it: a client
    // that goes away must be noticed here, or 500 abandoned waits would pile up until their
    // timeouts.
    waiter->disconnected =
        connect(socket, &QAbstractSocket::disconnected, this, [this, token] { drop(token); });
    m_deadlines.emplace(waiter->deadline.deadline(), token);
    group->waiters.insert(token);
    m_waiters.emplace(token, std::move(waiter));
    scheduleTimeout();
}

void ApiWaitQueue::onAdded(const QList<qint64> &ids)
{
    if (m_groups.isEmpty())
        return; // a group that forms later counts afresh
    m_touched.unite(QSet<qint64>(ids.cbegin(), ids.cend()));
    scheduleCheck();
}

void ApiWaitQueue::onChanged(const QList<qint64> &ids)
{
    // A read flag decides queries with is:read or is:unread.
    onAdded(ids);
}

void ApiWaitQueue::onRemoved(const QList<qint64> &ids)
{
    if (m_groups.isEmpty())
        return;
    m_removed.unite(QSet<qint64>(ids.cbegin(), ids.cend()));
    scheduleCheck();
}

void ApiWaitQueue::onTruncated()
{
    if (m_groups.isEmpty())
        return;
    m_truncated = true;
    scheduleCheck();
}

void ApiWaitQueue::scheduleCheck()
{
    // Changes that arrive together are checked together. A check starts no sooner after the
    // last one ended than twice what that one took: under a flood of mail the checks take at
    // most a third of this thread's time (and of a core the SMTP workers share), while mail
    // that comes a message at a time is checked at once.
    if (m_checkTimer.isActive())
        return;
    const qint64 sinceLast = m_sinceLastCheck.isValid() ? m_sinceLastCheck.elapsed() : 0;
    m_checkTimer.start(int(std::max<qint64>(0, 2 * qint64(m_lastCheckMs) - sinceLast)));
}

void ApiWaitQueue::check()
{
    QElapsedTimer elapsed;
    elapsed.start();
    const QSet<qint64> removed = std::exchange(m_removed, {});
    QSet<qint64> touched = std::exchange(m_touched, {});
    touched.subtract(removed);
    const bool truncated = std::exchange(m_truncated, false);
    if (m_groups.isEmpty())
        return;
    ApiReply error;
    StoreReader *store = m_reader(&error);
    if (!store)
        return; // nothing can be counted; the waiters time out
    if (truncated) {
        // Which messages a "delete all" took is known only to the store: every message stored
        // before it, while mail stored after it stays.
        for (auto group = m_groups.begin(); group != m_groups.end(); ++group)
            recountGroup(*store, group.key(), *group);
    } else {
        for (Group &group : m_groups) {
            for (const qint64 id : removed)
                group.matched.remove(id);
        }
        QList<qint64> changed(touched.cbegin(), touched.cend());
        std::sort(changed.begin(), changed.end());
        // The rest, newest first in line, waits for the next turn.
        const qsizetype sorted = std::min(changed.size(), kMaxSortedPerCheck);
        for (qsizetype i = 0; i < changed.size() - sorted; ++i)
            m_touched.insert(changed[i]);
        const std::span<const qint64> now(changed.cend() - sorted, changed.cend());
        for (size_t first = 0; first < now.size();) {
            const qsizetype taken = sortOut(*store, now.subspan(first));
            if (taken == 0) {
                for (auto group = m_groups.begin(); group != m_groups.end(); ++group)
                    recountGroup(*store, group.key(), *group);
                break;
            }
            first += size_t(taken);
        }
    }
    answerReached(*store);
    m_lastCheckMs = int(std::min<qint64>(elapsed.elapsed(), 1000));
    m_sinceLastCheck.start();
    if (!m_touched.isEmpty())
        scheduleCheck();
}

qsizetype ApiWaitQueue::sortOut(StoreReader &store, std::span<const qint64> ids)
{
    if (!m_excerpt) {
        Result<std::unique_ptr<StoreExcerpt>> created = StoreExcerpt::create();
        if (!created)
            return 0;
        m_excerpt = std::move(*created);
    }
    const Result<qsizetype> taken = m_excerpt->fill(store, ids);
    if (!taken || *taken == 0)
        return 0;
    const std::span<const qint64> batch = ids.first(size_t(*taken));
    const QList<qint64> batchIds(batch.begin(), batch.end());
    for (const QStringList &pack : std::as_const(m_packs))
        sortOut(store, pack, batchIds, true);
    return *taken;
}

void ApiWaitQueue::sortOut(StoreReader &store, const QStringList &queries, const QList<qint64> &ids,
                           bool keep)
{
    const Result<QSet<qint64>> hits = m_excerpt->matching(
        combined(queries), keep ? StoreExcerpt::Keep::Statement : StoreExcerpt::Keep::Nothing);
    if (!hits) {
        for (const QString &query : queries)
            recountGroup(store, query, m_groups[query]);
        return;
    }
    QList<qint64> matched;
    for (const qint64 id : ids) {
        if (hits->contains(id)) {
            matched.append(id);
            continue;
        }
        // Matches none of them (now: a read flag may have taken it out).
        for (const QString &query : queries)
            m_groups[query].matched.remove(id);
    }
    if (matched.isEmpty())
        return;
    if (queries.size() == 1) {
        for (const qint64 id : std::as_const(matched))
            m_groups[queries.first()].matched.insert(id);
        return;
    }
    // Halves come and go with the messages that hit them: their statements are not kept.
    const qsizetype half = queries.size() / 2;
    sortOut(store, queries.mid(0, half), matched, false);
    sortOut(store, queries.mid(half), matched, false);
}

QString ApiWaitQueue::combined(const QStringList &queries)
{
    if (queries.size() == 1)
        return queries.first();
    QStringList alternatives;
    for (const QString &query : queries) {
        if (query.trimmed().isEmpty())
            return QString(); // one of them matches everything
        alternatives.append(u'(' + query + u')');
    }
    return alternatives.join(QStringLiteral(" OR "));
}

void ApiWaitQueue::addToPacks(const QString &query)
{
    // As many queries per statement as the search language takes (SearchQuery::kMaxTerms,
    // kMaxQueryLength). A query that does not fit with the last pack starts a new one; one
    // parse per new group.
    if (!m_packs.isEmpty()) {
        QStringList trial = m_packs.last();
        trial.append(query);
        if (SearchQuery::parse(combined(trial))) {
            forgetPack(m_packs.last());
            m_packs.last() = trial;
            return;
        }
    }
    m_packs.append({query});
}

void ApiWaitQueue::removeFromPacks(const QString &query)
{
    for (qsizetype i = 0; i < m_packs.size(); ++i) {
        if (m_packs[i].contains(query)) {
            forgetPack(m_packs[i]);
            m_packs[i].removeOne(query);
            if (m_packs[i].isEmpty())
                m_packs.removeAt(i);
            return;
        }
    }
}

void ApiWaitQueue::forgetPack(const QStringList &pack)
{
    if (m_excerpt)
        m_excerpt->forget(combined(pack));
}

bool ApiWaitQueue::recountGroup(StoreReader &store, const QString &query, Group &group)
{
    qint64 wanted = 0;
    for (const quint64 token : std::as_const(group.waiters))
        wanted = std::max(wanted, m_waiters.at(token)->count);
    const Result<QList<StoredMessage>> found = store.search(query, int(wanted));
    if (!found)
        return false;
    group.matched.clear();
    for (const StoredMessage &message : *found)
        group.matched.insert(message.id);
    return true;
}

void ApiWaitQueue::answerReached(StoreReader &store)
{
    QList<std::pair<quint64, ApiReply>> answers;
    for (auto group = m_groups.begin(); group != m_groups.end(); ++group) {
        // Waiters of one query that want the same count get the same answer.
        std::map<std::pair<qint64, qint64>, ApiReply> byPage;
        for (const quint64 token : std::as_const(group->waiters)) {
            const qint64 count = m_waiters.at(token)->count;
            if (group->matched.size() < count)
                continue;
            const Page page = m_waiters.at(token)->page;
            const std::pair key(page.start, page.limit);
            auto reply = byPage.find(key);
            if (reply == byPage.end())
                reply = byPage.emplace(key, answer(store, group.key(), page)).first;
            answers.append({token, reply->second});
        }
    }
    for (const auto &[token, reply] : std::as_const(answers))
        finish(token, reply);
}

ApiReply ApiWaitQueue::answer(StoreReader &store, const QString &query, Page page)
{
    const Result<QList<qint64>> ids =
        store.searchIds(query, StoreReader::SortField::Received, Qt::DescendingOrder);
    if (!ids)
        return storeErrorReply(ids.error());
    const StoreReader::Counts counts = store.counts();
    MailpitJson::ListCounts listCounts;
    listCounts.total = counts.messages;
    listCounts.unread = counts.unread;
    listCounts.matched = ids->size();
    listCounts.start = page.start;
    if (query.trimmed().isEmpty()) {
        listCounts.matchedUnread = counts.unread;
    } else {
        const Result<QList<qint64>> unread =
            store.searchIds(narrowed(query, QStringLiteral("is:unread")),
                            StoreReader::SortField::Received, Qt::DescendingOrder);
        listCounts.matchedUnread = unread ? unread->size() : 0;
    }
    QList<ApiMessage> messages;
    for (const StoredMessage &stored : store.messages(ids->mid(page.start, page.limit)))
        messages.append(
            ApiMessage::parse(stored, store.raw(stored.id).left(ApiMessage::kSummaryBytes)));
    return ApiReply::json(MailpitJson::list(listCounts, messages));
}

void ApiWaitQueue::finish(quint64 token, const ApiReply &reply)
{
    const auto found = m_waiters.find(token);
    if (found == m_waiters.end())
        return;
    Waiter &waiter = *found->second;
    // The responder points at the socket without watching it: only a connected client is
    // written to.
    if (waiter.socket && waiter.socket->state() == QAbstractSocket::ConnectedState)
        reply.sendTo(waiter.responder);
    drop(token);
}

void ApiWaitQueue::drop(quint64 token)
{
    const auto found = m_waiters.find(token);
    if (found == m_waiters.end())
        return;
    std::unique_ptr<Waiter> waiter = std::move(found->second);
    m_waiters.erase(found);
    disconnect(waiter->disconnected);
    const qint64 deadline = waiter->deadline.deadline();
    for (auto [it, end] = m_deadlines.equal_range(deadline); it != end; ++it) {
        if (it->second == token) {
            m_deadlines.erase(it);
            break;
        }
    }
    const auto group = m_groups.find(waiter->query);
    if (group != m_groups.end()) {
        group->waiters.remove(token);
        if (group->waiters.isEmpty()) {
            removeFromPacks(waiter->query);
            m_groups.erase(group);
        }
    }
    if (m_groups.isEmpty()) {
        // Emptied, not destroyed: creating one takes longer than a check of one message, and
        // a test suite's next wait comes soon. Its memory stays below what one batch needs.
        if (m_excerpt)
            (void)m_excerpt->clear();
        m_touched.clear();
        m_removed.clear();
        m_truncated = false;
    }
    scheduleTimeout();
}

void ApiWaitQueue::onTimeout()
{
    const qint64 now = QDeadlineTimer::current(Qt::PreciseTimer).deadline();
    QList<quint64> expired;
    for (auto it = m_deadlines.cbegin(); it != m_deadlines.cend() && it->first <= now; ++it)
        expired.append(it->second);
    for (const quint64 token : expired) {
        const Waiter &waiter = *m_waiters.at(token);
        const auto group = m_groups.constFind(waiter.query);
        const qint64 matched = group == m_groups.cend() ? 0 : group->matched.size();
        ApiReply reply = ApiReply::json(
            QJsonObject{{QStringLiteral("error"),
                         QStringLiteral("timed out after %1 s: %2 of %3 messages match")
                             .arg(waiter.timeoutSeconds)
                             .arg(matched)
                             .arg(waiter.count)},
                        {QStringLiteral("messages_count"), matched},
                        {QStringLiteral("count"), waiter.count},
                        {QStringLiteral("timeout"), waiter.timeoutSeconds}});
        reply.status = 408;
        finish(token, reply);
    }
    scheduleTimeout();
}

void ApiWaitQueue::scheduleTimeout()
{
    if (m_deadlines.empty()) {
        m_timeoutTimer.stop();
        return;
    }
    const qint64 now = QDeadlineTimer::current(Qt::PreciseTimer).deadline();
    m_timeoutTimer.start(
        int(std::clamp<qint64>(m_deadlines.cbegin()->first - now, 0, kMaxWaitSeconds * 1000)));
}
