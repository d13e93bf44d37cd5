// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "api/apiruntimestats.h"
#include "api/apisettings.h"
#include "common/error.h"
#include "config/serverconfig.h"
#include "events/events.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>

class ApiServer;
struct DeliveryTarget;
class MailService;
class MessageStore;

/// Connects the HTTP API to MailService: builds ApiSettings from a ServerConfig and the open
/// store, starts, keeps or stops the ApiServer, makes the store changes the API asks for
/// through MailService's public change methods (so every front end follows them through its
/// signals), stores messages sent through the API, feeds committed changes to the API thread,
/// and counts what /api/v1/info reports as RuntimeStats.
///
/// Lives in MailService's thread and is owned by it; calls from the API thread arrive here as
/// posted calls. Its destructor stops the API (joining its thread) first.
class ApiBridge final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiBridge)

public:
    /// `hostName` gives the name the running SMTP listeners announce, for the Received field of
    /// messages sent through the API; called in this object's thread.
    ApiBridge(MailService *service, std::function<QString()> hostName);
    ~ApiBridge() override;

    /// (Re)starts the HTTP API as `settings` say, on the service's open store; an error only
    /// for an address that was asked for explicitly and cannot be bound. A running API whose
    /// inputs did not change keeps running, with its held requests and event streams.
    Result<void> start(const ServerConfig &settings);
    void stop();
    /// The bound address while the API runs.
    std::optional<ListenAddress> address() const;

    /// The store's delivery target, counting accepted and rejected mail for RuntimeStats; the
    /// counting runs in the sessions' threads, on atomics.
    DeliveryTarget countedTarget(MessageStore *store) const;
    /// Counts `count` deleted messages for RuntimeStats.
    void countDeleted(qint64 count);

signals:
    /// The HTTP API runs other than asked, without failing start(); see
    /// MailService::apiWarning(). Emitted from within start().
    void warning(const Error &warning);
    /// A message sent through the API is stored (committed): MailService announces `session`
    /// and `message` as for mail that came by SMTP.
    void submitted(const SessionInfo &session, const ReceivedMessage &message);
    /// A client changed the fault rules or chaos triggers (PUT /api/v1/faults or /chaos).
    void faultsChanged();

protected:
    bool event(QEvent *event) override;

private:
    /// Stores a message sent through the HTTP API as if it had arrived: a session of its own
    /// (remote address "api", one note instead of an SMTP dialogue), the normal delivery path
    /// (analysis, checks, index, Maildir mirror), then submitted(). `stored` gets the id, or
    /// the error.
    void storeSubmission(const ApiSettings::Submission &submission,
                         const std::function<void(Result<qint64>)> &stored);

    MailService *m_service;
    std::function<QString()> m_hostName;
    std::unique_ptr<ApiServer> m_api; ///< null until the first start() that enables it
    /// What /api/v1/info reports as RuntimeStats, counted since this object was made.
    std::shared_ptr<ApiRuntimeStats> m_runtimeStats = std::make_shared<ApiRuntimeStats>();
    /// The settings the running API was started with (see start()).
    struct Inputs
    {
        QString listen;
        QStringList users;
        qint64 maxBodySize = 0;
        QString storeDirectory;
        friend bool operator==(const Inputs &, const Inputs &) = default;
    };
    std::optional<Inputs> m_inputs;
};
