// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "store/deliveryreply.h"
#include "store/deliveryrequest.h"
#include "store/messageanalysis.h"
#include "store/tracebacklog.h"

#include <QList>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>
#include <variant>

/// The kinds of work queued for the store writer, one type each (see StoreJob). Moved from
/// the enqueuing thread (and the analysis pool, for deliveries) to the writer thread.

/// One message to store, with its session snapshot and the trace since the session's last write.
struct DeliveryJob
{
    DeliveryRequest request;
    std::optional<MessageAnalysis> analysis; ///< computed by the analysis pool
    DeliveryResult result;
    DeliveryReply reply; ///< to the caller's context (see StoreWriter::enqueueDelivery())
    std::function<void(const DeliveryResult &)> directCallback; ///< without a context
};

/// The facts of a session so far and the next part of its trace.
struct SessionEndJob
{
    SessionInfo session;
    QList<ProtocolLine> traceDelta;
    TraceBacklog::Ticket backlog; ///< counts traceDelta until the job is gone
};

struct SetReadJob
{
    QList<qint64> ids;
    bool read = false;
};

struct RemoveJob
{
    QList<qint64> ids;
};

/// Every message stored before this job was queued.
struct RemoveAllJob
{
};

/// 0 means no limit.
struct SetRetentionJob
{
    int maxMessages = 0;
    int maxAgeDays = 0;
};

class SqliteDatabase;

/// Rows of a feature outside the store proper (relay attempts, the relay queue), written in
/// the batch's transaction. `write` must not fail for an ordinary reason such as a message
/// deleted meanwhile (it writes nothing then): an error fails the whole batch.
struct RecordJob
{
    std::function<Result<void>(SqliteDatabase &)> write;
};

using StoreJob = std::variant<DeliveryJob, SessionEndJob, SetReadJob, RemoveJob, RemoveAllJob,
                              SetRetentionJob, RecordJob>;
