// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "api/apiruntimestats.h"
#include "common/result.h"
#include "events/events.h"
#include "faults/faultinjector.h"
#include "relay/relayoutcome.h"
#include "smtp/smtpserversettings.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

/// What the HTTP API needs to run: where to listen, who may use it, how large a request body
/// may be, which store to read, and how to ask for changes to it. A value type.
struct ApiSettings
{
    /// A change to the stored messages, asked for by a client. The API never writes the store
    /// itself: the owner of the store (MailService) makes the change, so every front end
    /// follows it through the owner's signals.
    struct StoreChange
    {
        enum class Kind { SetRead, Remove, RemoveAll };
        Kind kind = Kind::SetRead;
        QList<qint64> ids;
        bool read = true; ///< SetRead only
    };
    /// Makes `change` and calls `committed` (from any thread) once readers see it. Called in
    /// the API thread; must not block. Never calling `committed` leaves the client waiting
    /// until it gives up, so call it also when there is nothing to change.
    using StoreChanger =
        std::function<void(const StoreChange &change, std::function<void()> committed)>;

    /// A message composed by a client (POST /api/v1/send), to be stored as if it had arrived.
    struct Submission
    {
        QByteArray message;  ///< the built message, without a Received field
        Envelope envelope;   ///< MAIL FROM and every recipient, the blind copies too
        QString peerAddress; ///< the HTTP client
        quint16 peerPort = 0;
        QString authUser; ///< the Basic auth user, if any
    };
    /// Stores `submission` through the normal delivery path and calls `stored` (from any
    /// thread) with its id once readers see it, or with the error. Called in the API thread;
    /// must not block.
    using MessageSubmitter = std::function<void(const Submission &submission,
                                                std::function<void(Result<qint64>)> stored)>;

    /// Relays stored message `id` to `recipients` (POST /api/v1/message/{ID}/release) and calls
    /// `done` (from any thread) with the stored attempt once it ended, or with the error that
    /// kept it from starting (NotAllowed, InvalidValue...). Called in the API thread; must not
    /// block.
    using MessageReleaser = std::function<void(qint64 id, const QStringList &recipients,
                                               std::function<void(Result<RelayOutcome>)> done)>;

    ListenAddress listen;
    QStringList users;              ///< "user:password"; empty: no authentication
    qint64 maxBodySize = 0;         ///< larger request bodies get 413 unread
    QString storeDirectory;         ///< read through a StoreReader of the API's own
    StoreChanger changeStore;       ///< null: changes are answered 503
    MessageSubmitter submitMessage; ///< null: sending is answered 503
    MessageReleaser releaseMessage; ///< null: releasing is answered 503
    QString version;                ///< for /api/v1/info
    /// Counters for /api/v1/info's RuntimeStats; null: they read 0.
    std::shared_ptr<const ApiRuntimeStats> stats;
    /// The SMTP server's fault rules and chaos triggers, for /api/v1/faults and /api/v1/chaos
    /// (thread-safe); null: those routes answer 503.
    std::shared_ptr<FaultInjector> faults;
    /// Called in the API thread after a PUT changed the faults; must not block.
    std::function<void()> faultsChanged;
};
