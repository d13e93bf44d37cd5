// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "relayservice.h"

#include "common/threadhandoff.h"
#include "relay/relayrecords.h"
#include "relay/relayworker.h"
#include "smtp/smtpsyntax.h"
#include "store/messagestore.h"

#include <algorithm>

RelayService::RelayService(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread)
{
    m_thread->setObjectName(QStringLiteral("relay"));
    m_worker = new RelayWorker(
        [this](const RelayJob &job, const RelayOutcome &outcome, bool skipped) {
            ThreadHandoff::post(
                this, [this, job, outcome, skipped] { attemptDone(job, outcome, skipped); });
        },
        [this](const QString &directory, const Result<QList<RelayQueueEntry>> &queue) {
            ThreadHandoff::post(this, [this, directory, queue] { queueLoaded(directory, queue); });
        });
    m_worker->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();

    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &RelayService::retryDue);
}

RelayService::~RelayService()
{
    m_thread.reset();
}

bool RelayService::event(QEvent *event)
{
    if (ThreadHandoff::dispatch(this, event))
        return true;
    return QObject::event(event);
}

void RelayService::configure(const RelaySettings &settings, MessageStore *store,
                             const QString &directory)
{
    m_settings = settings;
    const bool newStore = store != m_store || directory != m_storeDirectory;
    m_store = store;
    m_storeDirectory = directory;
    if (!newStore) {
        armRetryTimer();
        return;
    }
    m_queue.clear();
    m_retrying.clear();
    m_retryTimer.stop();
    if (m_store) {
        ThreadHandoff::post(m_worker,
                            [worker = m_worker, directory] { worker->loadQueue(directory); });
    }
}

Result<void> RelayService::release(qint64 id, const QStringList &recipients, Done done)
{
    if (!m_settings.enabled)
        return Error(ErrorCode::NotAllowed, QStringLiteral("no relay is set up (relay.host)"),
                     QStringLiteral("relay.host"));
    if (!m_store)
        return Error(ErrorCode::NotFound, QStringLiteral("no store is open"));
    if (recipients.isEmpty())
        return Error(ErrorCode::InvalidValue, QStringLiteral("no recipients"));
    QList<QByteArray> addresses;
    for (const QString &recipient : recipients) {
        const QString address = recipient.trimmed();
        if (!SmtpSyntax::isMailbox(address.toUtf8(), true, false))
            return Error(ErrorCode::InvalidValue,
                         QStringLiteral("\"%1\" is not an address").arg(address));
        // A typo must not mail a customer: only what the allowed patterns name goes out.
        if (!m_settings.allows(address))
            return Error(
                ErrorCode::NotAllowed,
                QStringLiteral("%1 is not an allowed relay recipient (relay.allow)").arg(address),
                QStringLiteral("relay.allow"));
        addresses.append(address.toUtf8());
    }
    if (m_waiting.size() >= std::size_t(qMax(1, m_settings.queueLimit)))
        return Error(ErrorCode::TooLarge,
                     QStringLiteral("%1 relays are waiting already").arg(m_waiting.size()));
    RelayJob job;
    job.messageId = id;
    job.recipients = addresses;
    if (done) {
        job.token = m_nextToken++;
        m_done.insert(job.token, std::move(done));
    }
    start(std::move(job));
    return {};
}

void RelayService::messageArrived(qint64 id)
{
    if (!m_settings.enabled || m_settings.autoQuery.isEmpty() || !m_store)
        return;
    if (m_waiting.size() >= std::size_t(qMax(1, m_settings.queueLimit)))
        return; // bounded: a flood of arrivals cannot grow the waiting list
    RelayJob job;
    job.messageId = id;
    job.automatic = true;
    job.checkQuery = true;
    job.firstTry = QDateTime::currentDateTimeUtc();
    start(std::move(job));
}

void RelayService::start(RelayJob job)
{
    job.settings = m_settings;
    job.storeDirectory = m_storeDirectory;
    m_waiting.push_back(std::move(job));
    runNext();
}

void RelayService::runNext()
{
    while (m_running < kMaxRunning && !m_waiting.empty()) {
        RelayJob job = std::move(m_waiting.front());
        m_waiting.pop_front();
        ++m_running;
        ThreadHandoff::post(m_worker, [worker = m_worker, job] { worker->run(job); });
    }
}

void RelayService::attemptDone(const RelayJob &job, const RelayOutcome &outcome, bool skipped)
{
    --m_running;
    m_retrying.removeAll(job.messageId);
    runNext();
    Done done = m_done.take(job.token);
    // A store switched meanwhile: the attempt belongs to the old one, which is closing.
    if (skipped || !m_store || job.storeDirectory != m_storeDirectory) {
        if (done)
            done(outcome);
        return;
    }
    m_store->writeRecord(
        [outcome](SqliteDatabase &db) { return RelayRecords::insertAttempt(db, outcome); });
    if (job.automatic)
        reschedule(job, outcome);
    m_store->whenCommitted([this, outcome, done] {
        ThreadHandoff::post(this, [this, outcome, done] {
            emit finished(outcome);
            if (done)
                done(outcome);
        });
    });
}

void RelayService::reschedule(const RelayJob &job, const RelayOutcome &outcome)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QList<QByteArray> again = outcome.temporarilyFailed();
    const bool expired =
        job.firstTry.msecsTo(now) >= std::chrono::milliseconds(m_settings.retryFor).count();
    const bool queued = std::any_of(m_queue.cbegin(), m_queue.cend(), [&](const auto &entry) {
        return entry.messageId == job.messageId;
    });
    if (again.isEmpty() || expired || (!queued && m_queue.size() >= m_settings.queueLimit)) {
        unqueue(job.messageId);
        return;
    }
    RelayQueueEntry entry;
    entry.messageId = job.messageId;
    entry.recipients = again;
    entry.firstTry = job.firstTry;
    entry.tries = job.tries + 1;
    // Exponential backoff: 1, 2, 4 ... minutes, at most an hour between tries.
    const qint64 delay =
        qMin<qint64>(kMaxRetryDelay.count(),
                     m_firstRetryDelay.count() * (qint64(1) << qMin(entry.tries - 1, 20)));
    entry.nextTry = now.addMSecs(delay);
    m_queue.removeIf([&](const RelayQueueEntry &e) { return e.messageId == entry.messageId; });
    m_queue.append(entry);
    m_store->writeRecord(
        [entry](SqliteDatabase &db) { return RelayRecords::saveQueueEntry(db, entry); });
    armRetryTimer();
    emit queueChanged();
}

void RelayService::unqueue(qint64 messageId)
{
    if (m_queue.removeIf([&](const RelayQueueEntry &e) { return e.messageId == messageId; }) == 0)
        return;
    m_store->writeRecord(
        [messageId](SqliteDatabase &db) { return RelayRecords::removeQueueEntry(db, messageId); });
    armRetryTimer();
    emit queueChanged();
}

void RelayService::queueLoaded(const QString &directory,
                               const Result<QList<RelayQueueEntry>> &queue)
{
    if (directory != m_storeDirectory || !queue)
        return;
    m_queue = *queue;
    armRetryTimer();
    if (!m_queue.isEmpty())
        emit queueChanged();
}

void RelayService::armRetryTimer()
{
    if (!m_settings.enabled) {
        m_retryTimer.stop(); // the queue waits until a relay is set up again
        return;
    }
    QDateTime next;
    for (const RelayQueueEntry &entry : std::as_const(m_queue)) {
        if (!m_retrying.contains(entry.messageId) && (!next.isValid() || entry.nextTry < next))
            next = entry.nextTry;
    }
    if (!next.isValid()) {
        m_retryTimer.stop();
        return;
    }
    const qint64 wait = qMax<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(next));
    // QTimer takes an int of milliseconds; a wait beyond that is cut and re-armed on expiry.
    m_retryTimer.start(int(qMin<qint64>(wait, std::numeric_limits<int>::max())));
}

Result<void> RelayService::retryNow(qint64 id)
{
    if (!m_settings.enabled)
        return Error(ErrorCode::NotAllowed, QStringLiteral("no relay is set up (relay.host)"),
                     QStringLiteral("relay.host"));
    if (m_retrying.contains(id))
        return Error(ErrorCode::Conflict,
                     QStringLiteral("the relay of message %1 is being retried already").arg(id));
    for (RelayQueueEntry &entry : m_queue) {
        if (entry.messageId != id)
            continue;
        entry.nextTry = qMin(entry.nextTry, QDateTime::currentDateTimeUtc());
        retryDue();
        return {};
    }
    return Error(ErrorCode::NotFound,
                 QStringLiteral("no relay of message %1 waits for a retry").arg(id));
}

bool RelayService::isQueued(qint64 id) const
{
    return std::any_of(m_queue.cbegin(), m_queue.cend(),
                       [id](const RelayQueueEntry &entry) { return entry.messageId == id; });
}

void RelayService::retryDue()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const RelayQueueEntry &entry : std::as_const(m_queue)) {
        if (entry.nextTry > now || m_retrying.contains(entry.messageId))
            continue;
        m_retrying.append(entry.messageId);
        RelayJob job;
        job.messageId = entry.messageId;
        job.recipients = entry.recipients;
        job.automatic = true;
        job.firstTry = entry.firstTry;
        job.tries = entry.tries;
        start(std::move(job));
    }
    armRetryTimer();
}
