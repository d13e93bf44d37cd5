// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "relayworker.h"

#include "common/threadhandoff.h"
#include "relay/relayconnection.h"
#include "smtp/receivedheader.h"
#include "store/storereader.h"

RelayWorker::RelayWorker(Done done, QueueLoaded queueLoaded)
    : m_done(std::move(done))
    , m_queueLoaded(std::move(queueLoaded))
{}

RelayWorker::~RelayWorker() = default;

bool RelayWorker::event(QEvent *event)
{
    if (ThreadHandoff::dispatch(this, event))
        return true;
    return QObject::event(event);
}

QByteArray RelayWorker::receivedHeader(const QByteArray &hostName, qint64 id, const QDateTime &time)
{
    return "Received: by " + hostName + " (Letterbox relay) id " + QByteArray::number(id)
           + ";\r\n\t" + ReceivedHeader::formatDate(time) + "\r\n";
}

StoreReader *RelayWorker::reader(const QString &directory, Error *error)
{
    if (!m_reader || m_readerDirectory != directory) {
        m_reader.reset();
        Result<std::unique_ptr<StoreReader>> opened = StoreReader::open(directory);
        if (!opened) {
            *error = opened.error();
            return nullptr;
        }
        m_reader = std::move(*opened);
        m_readerDirectory = directory;
    }
    return m_reader.get();
}

void RelayWorker::finish(const RelayJob &job, RelayOutcome outcome, bool skipped)
{
    outcome.messageId = job.messageId;
    if (!outcome.started.isValid())
        outcome.started = QDateTime::currentDateTimeUtc();
    if (outcome.target.isEmpty())
        outcome.target = job.settings.target.describe();
    m_done(job, outcome, skipped);
}

void RelayWorker::run(const RelayJob &job)
{
    RelayOutcome failed;
    Error error;
    StoreReader *store = reader(job.storeDirectory, &error);
    if (!store) {
        failed.error = error;
        return finish(job, failed);
    }
    const std::optional<StoredMessage> message = store->message(job.messageId);
    if (!message) {
        failed.error = Error(ErrorCode::NotFound,
                             QStringLiteral("message %1 is not in the store").arg(job.messageId));
        return finish(job, failed);
    }
    if (job.checkQuery) {
        // The search language has no "this message" filter that combines with an arbitrary
        // query cheaply, but id: does: one indexed lookup.
        const QString query =
            QStringLiteral("id:%1 (%2)").arg(job.messageId).arg(job.settings.autoQuery);
        const Result<QList<StoredMessage>> matches = store->search(query, 1);
        if (!matches || matches->isEmpty())
            return finish(job, failed, true);
    }

    QList<QByteArray> recipients = job.recipients;
    if (recipients.isEmpty()) {
        for (const QByteArray &address : message->recipients) {
            if (job.settings.allows(QString::fromUtf8(address)))
                recipients.append(address);
        }
    }
    if (recipients.isEmpty()) {
        failed.error = Error(ErrorCode::NotAllowed,
                             QStringLiteral("no envelope recipient is allowed (relay.allow)"));
        for (const QByteArray &address : message->recipients) {
            RecipientResult result;
            result.address = address;
            result.text = QStringLiteral("not an allowed recipient");
            result.temporary = false;
            failed.recipients.append(result);
        }
        return finish(job, failed);
    }

    RelayEnvelope envelope;
    envelope.sender =
        job.settings.senderOverride.isEmpty() ? message->mailFrom : job.settings.senderOverride;
    envelope.recipients = recipients;
    // Held whole while it goes out; the store's size limit bounds it.
    envelope.content =
        receivedHeader(job.settings.target.heloName, job.messageId, QDateTime::currentDateTime())
        + store->raw(job.messageId);
    auto *connection = new RelayConnection(job.settings.target, std::move(envelope), this);
    connect(connection, &RelayConnection::finished, this,
            [this, job, connection](const RelayOutcome &outcome) {
                connection->deleteLater();
                finish(job, outcome);
            });
    connection->start();
}

void RelayWorker::loadQueue(const QString &storeDirectory)
{
    Error error;
    StoreReader *store = reader(storeDirectory, &error);
    if (!store)
        return m_queueLoaded(storeDirectory, error);
    m_queueLoaded(storeDirectory, store->relayQueue());
}
