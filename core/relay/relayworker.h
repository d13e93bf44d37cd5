// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "relay/relayjob.h"
#include "relay/relayoutcome.h"
#include "relay/relayqueueentry.h"

#include <QObject>

#include <functional>
#include <memory>

class StoreReader;

/// The relay's thread side: reads the message through a StoreReader of its own, builds what
/// goes out (its Received header, then the stored bytes), and runs a RelayConnection. Results
/// go back through the callbacks the owner gives, which must hand over to the owner's thread.
/// Lives in the "relay" thread; reached only through ThreadHandoff::post().
class RelayWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelayWorker)

public:
    /// `skipped` is false when the outcome is an attempt to store; true when an automatic
    /// relay did not apply (the message does not match the query), and nothing is stored.
    using Done =
        std::function<void(const RelayJob &job, const RelayOutcome &outcome, bool skipped)>;
    using QueueLoaded = std::function<void(const QString &storeDirectory,
                                           const Result<QList<RelayQueueEntry>> &queue)>;

    RelayWorker(Done done, QueueLoaded queueLoaded);
    ~RelayWorker() override;

    void run(const RelayJob &job);
    void loadQueue(const QString &storeDirectory);

    /// "Received: by <host> (Letterbox relay) id <id>; <date>" (RFC 5321 §4.4: a relay adds
    /// one), folded, ending in CRLF.
    static QByteArray receivedHeader(const QByteArray &hostName, qint64 id, const QDateTime &time);

protected:
    bool event(QEvent *event) override;

private:
    /// The reader of `directory`, opened on first use; null with `error` set when it fails.
    StoreReader *reader(const QString &directory, Error *error);
    void finish(const RelayJob &job, RelayOutcome outcome, bool skipped = false);

    Done m_done;
    QueueLoaded m_queueLoaded;
    QString m_readerDirectory;
    std::unique_ptr<StoreReader> m_reader;
};
