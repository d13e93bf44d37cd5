// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "service/mailservice.h"

#include "common/threadhandoff.h"
#include "relay/relayservice.h"
#include "service/apibridge.h"
#include "service/transferrunner.h"
#include "smtp/smtpserver.h"
#include "smtp/smtpserversettings.h"
#include "store/messagestore.h"

#include <QDir>
#include <QMetaMethod>
#include <QThread>

namespace {

// True when `next` asks nothing different of the SMTP listeners than `serving` did: the same
// ServerConfig apart from what only the store and the API use, and the same certificate and
// key as loaded now (a certificate file replaced under the same name counts as a change).
bool listenersUnchanged(const ServerConfig &serving, const SmtpServerSettings &running,
                        const ServerConfig &next, const SmtpServerSettings &loaded)
{
    ServerConfig a = serving;
    ServerConfig b = next;
    for (ServerConfig *config : {&a, &b}) {
        config->maildirDirectory.clear();
        config->retainMessages = 0;
        config->retainDays = 0;
        config->apiListen.clear();
        config->apiUsers.clear();
        // Fault rules reach the running sessions through the shared FaultInjector.
        config->faultRules.clear();
        config->faultsEnabled = false;
        config->faultSeed = 0;
        config->faultGreylistWindowSeconds = 0;
        // The relay is a client of other servers; the listeners do not use it.
        for (const ConfigSetting::Id id :
             {ConfigSetting::Id::RelayHost, ConfigSetting::Id::RelayTls,
              ConfigSetting::Id::RelayNoVerify, ConfigSetting::Id::RelayUser,
              ConfigSetting::Id::RelaySender, ConfigSetting::Id::RelayAllow,
              ConfigSetting::Id::RelayAuto, ConfigSetting::Id::RelayTimeout,
              ConfigSetting::Id::RelayQueueLimit, ConfigSetting::Id::RelayRetryHours})
            config->setValue(id, ServerConfig().value(id));
    }
    return a == b && running.tls == loaded.tls;
}

} // namespace

MailService::Problem MailService::problemOf(const Error &error)
{
    using Id = ConfigSetting::Id;
    if (const ConfigSetting *setting = ConfigSetting::byKey(error.field)) {
        switch (setting->id) {
        case Id::TlsListen:
        case Id::TlsCertificate:
        case Id::TlsKey:
        case Id::TlsPassphrase:
        case Id::RequireTls:
        case Id::TlsHandshakeTimeout:
            return Problem::Tls;
        case Id::AuthEnabled:
        case Id::AuthRequired:
        case Id::AuthAcceptAny:
        case Id::AuthUsers:
        case Id::AuthMechanisms:
        case Id::AllowInsecureAuth:
            return Problem::Auth;
        case Id::StoreDirectory:
        case Id::MaildirDirectory:
        case Id::RetainMessages:
        case Id::RetainDays:
            return Problem::Store;
        case Id::Listen:
        case Id::HostName:
        case Id::AppName:
        case Id::MaxMessageSize:
        case Id::MaxRecipients:
        case Id::IdleTimeout:
        case Id::MaxConnections:
        case Id::MaxProtocolErrors:
        case Id::AcceptRcpt:
            return Problem::Server;
        case Id::RelayHost:
        case Id::RelayTls:
        case Id::RelayNoVerify:
        case Id::RelayUser:
        case Id::RelaySender:
        case Id::RelayAllow:
        case Id::RelayAuto:
        case Id::RelayTimeout:
        case Id::RelayQueueLimit:
        case Id::RelayRetryHours:
            return Problem::Relay;
        case Id::FaultRules:
        case Id::FaultsEnabled:
        case Id::FaultSeed:
        case Id::FaultGreylistWindow:
            return Problem::Faults;
        case Id::ApiListen:
        case Id::ApiAuth:
            return Problem::Api;
        }
    }
    switch (error.code) {
    case ErrorCode::CertificateUnreadable:
    case ErrorCode::KeyUnreadable:
    case ErrorCode::KeyMismatch:
        return Problem::Tls;
    case ErrorCode::StoreUnwritable:
    case ErrorCode::StoreInUse:
    case ErrorCode::StoreDamaged:
    case ErrorCode::StoreTooNew:
    case ErrorCode::DatabaseError:
        return Problem::Store;
    // What a relay attempt or a release ends with: the relay's settings (host, TLS mode,
    // credentials, allowed recipients) are where the user can act on it.
    case ErrorCode::NotAllowed:
    case ErrorCode::ExtensionMissing:
    case ErrorCode::TlsFailed:
    case ErrorCode::AuthFailed:
    case ErrorCode::RemoteRejected:
    case ErrorCode::RemoteTemporary:
        return Problem::Relay;
    case ErrorCode::Cancelled:
        return Problem::None;
    default:
        return Problem::Server;
    }
}

MailService::MailService(QObject *parent)
    : QObject(parent)
    , m_storeOpener(&MessageStore::open)
    , m_apiBridge(std::make_unique<ApiBridge>(this,
                                              [this] {
                                                  return m_running ? m_running->effectiveHostName()
                                                                   : QStringLiteral("localhost");
                                              }))
    , m_transfers(std::make_unique<TransferRunner>())
    , m_relay(std::make_unique<RelayService>())
{
    connect(m_relay.get(), &RelayService::finished, this, &MailService::relayFinished);
    connect(m_apiBridge.get(), &ApiBridge::warning, this, &MailService::apiWarning);
    connect(m_apiBridge.get(), &ApiBridge::faultsChanged, this, &MailService::adoptApiFaults);
    connect(m_apiBridge.get(), &ApiBridge::submitted, this,
            [this](const SessionInfo &session, const ReceivedMessage &message) {
                emit sessionStarted(session);
                emit messageReceived(message);
                emit sessionEnded(session);
            });
    connect(m_transfers.get(), &TransferRunner::importProgress, this, &MailService::importProgress);
    connect(m_transfers.get(), &TransferRunner::importFinished, this, &MailService::importDone);
    connect(m_transfers.get(), &TransferRunner::exportProgress, this, &MailService::exportProgress);
    connect(m_transfers.get(), &TransferRunner::exportFinished, this, &MailService::exportFinished);
    m_pool.setMaxThreadCount(1);
    m_pool.setObjectName(QStringLiteral("server-apply"));
}

MailService::~MailService()
{
    // No further attempt is stored; the store below closes before the relay goes.
    m_relay->configure({}, nullptr, {});
    // A running import writes into the store: it takes itself back before the store closes.
    m_transfers->cancel();
    m_transfers->wait();
    // The worker may be opening a store (holding its lock); that may not be cut short, and a
    // store it opened must be closed, so wait and close what it made. The worker never waits
    // for this thread, so this cannot deadlock (a store it closes waits only for sessions that
    // end by themselves within SmtpServer::kShutdownGrace).
    ThreadHandoff::waitForDone(m_pool);
    ThreadHandoff::acquire(this); // the posted applyDone() is dropped with this object
    OutcomePointer outcome;
    {
        std::lock_guard lock(m_outcomeMutex);
        outcome = std::exchange(m_finishedOutcome, nullptr);
    }
    if (m_applying && outcome)
        outcome->store.reset();
    // The API and the server go first: sessions answer 421 and deliveries commit before the
    // store closes, and no API request is left to ask for a change.
    m_apiBridge.reset();
    m_server.reset();
    if (m_store)
        m_store->flush();
    // Stores being closed in the background release their locks before this returns.
    ThreadHandoff::waitForDone(m_pool);
}

void MailService::setStoreOpener(StoreOpener opener)
{
    m_storeOpener = opener ? std::move(opener) : StoreOpener(&MessageStore::open);
}

void MailService::apply(const ServerConfig &settings)
{
    m_pending = settings;
    if (m_applying) {
        // Back from stop(): the latest settings listen again.
        m_listenAfterApply = true;
        return;
    }
    m_applying = true;
    startNextApply();
}

void MailService::startNextApply()
{
    if (!m_pending) {
        // stop() came while the apply waited for an import.
        m_applying = false;
        emit applyFinished(false, Error(ErrorCode::Cancelled, tr("Stopped before listening")));
        return;
    }
    if (m_transfers->running() == Transfer::Import && m_store
        && QDir::cleanPath(m_pending->effectiveStoreDirectory()) != m_storeDirectory) {
        // The import writes through the open store, which this apply would close: it is
        // cancelled (nothing half-imported stays) and the apply follows when it has ended.
        m_applyAfterImport = true;
        cancelTransfer();
        return;
    }
    ApplyJob job;
    job.settings = *std::exchange(m_pending, std::nullopt);
    job.directory = QDir::cleanPath(job.settings.effectiveStoreDirectory());
    job.opener = m_storeOpener;
    job.home = thread();
    job.keepNewStore = !m_store;
    m_listenAfterApply = true;
    if (m_store && job.directory == m_storeDirectory) {
        // The listeners keep serving the open store while the worker loads the certificate.
        job.kept = m_store.get();
        job.switchMirror = !job.settings.maildirDirectory.isEmpty()
                           && job.settings.maildirDirectory != m_maildirDirectory;
    }
    // Another folder: the old store and its listeners keep working while the worker opens the
    // new one beside it; finish() switches only if the new settings work.
    for (const std::optional<ListenAddress> &address : {listenAddress(), tlsListenAddress()}) {
        if (address)
            job.ownPorts.append(address->port);
    }
    if (const std::optional<ListenAddress> api = apiAddress())
        job.ownApiPort = api->port;
    ThreadHandoff::startInPool(m_pool, [this, job = std::move(job)]() mutable {
        OutcomePointer outcome = ApplyTask::run(std::move(job));
        {
            std::lock_guard lock(m_outcomeMutex);
            m_finishedOutcome = std::move(outcome);
        }
        // The destructor waits for the pool before it goes, so `this` is alive here.
        ThreadHandoff::post(this, [this] { applyDone(); });
    });
}

bool MailService::event(QEvent *event)
{
    return ThreadHandoff::dispatch(this, event) || QObject::event(event);
}

void MailService::applyDone()
{
    OutcomePointer outcome;
    {
        std::lock_guard lock(m_outcomeMutex);
        outcome = std::exchange(m_finishedOutcome, nullptr);
    }
    if (!outcome)
        return;
    if (outcome->kept && outcome->mirrorApplied)
        m_maildirDirectory = outcome->settings.maildirDirectory;
    if (m_pending) {
        // Superseded: its result is nobody's business any more, and a store it opened closes
        // again (before the next apply runs: the pool has one thread).
        if (outcome->store)
            closeInBackground(std::move(outcome->store));
        startNextApply();
        return;
    }
    m_applying = false;
    finish(*outcome);
}

void MailService::switchStore(ApplyOutcome &outcome, std::unique_ptr<SmtpServer> server)
{
    if (m_server) {
        // Usually stopped already; its sessions may still be saying goodbye.
        stopServer();
        retire(std::move(m_server));
    }
    if (m_store) {
        disconnect(m_store.get(), nullptr, this, nullptr);
        closeInBackground(std::move(m_store));
    }
    m_store = std::move(outcome.store);
    m_storeDirectory = outcome.directory;
    m_maildirDirectory = outcome.mirrorApplied ? outcome.settings.maildirDirectory : QString();
    m_storeAnnounced = false;
    connect(m_store.get(), &MessageStore::storeError, this, &MailService::storeError);
    connect(m_store.get(), &MessageStore::messagesChanged, this, &MailService::messagesChanged);
    connect(m_store.get(), &MessageStore::messagesRemoved, this, &MailService::messagesRemoved);
    // Every deletion counts for the API's RuntimeStats, whoever asked: the API, the desktop
    // app, retention, and a delete-all (whose messagesRemoved() names no ids).
    connect(m_store.get(), &MessageStore::messagesDeleted, this, [this](qint64 count) {
        if (m_apiBridge)
            m_apiBridge->countDeleted(count);
    });

    m_server = server ? std::move(server)
                      : std::make_unique<SmtpServer>(m_apiBridge->countedTarget(m_store.get()));
    m_forwarded.reset();
    forwardEngineSignals();
}

void MailService::closeInBackground(std::unique_ptr<MessageStore> store)
{
    // The sessions of every stopped listener may still deliver into it; it closes once they
    // are gone. Its destructor commits what is queued and joins its threads; the lock goes
    // last, so the folder may be opened again right after. The worker pulls the store into
    // its own thread first (only an object without a thread may be pulled), so its events are
    // never delivered in two threads.
    std::erase_if(m_serverStops, [](const std::shared_future<void> &stop) {
        return stop.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    });
    store->moveToThread(nullptr);
    ThreadHandoff::startInPool(m_pool, [closing = std::shared_ptr<MessageStore>(std::move(store)),
                                        stops = m_serverStops]() mutable {
        for (const std::shared_future<void> &stop : stops)
            stop.wait();
        closing->moveToThread(QThread::currentThread());
        closing.reset();
    });
}

std::shared_future<void> MailService::stopServer()
{
    std::shared_future<void> stopped = m_server->stopInBackground();
    if (stopped.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        m_serverStops.push_back(stopped);
    return stopped;
}

void MailService::announceStore(const ApplyOutcome &outcome, bool adopted)
{
    if (m_store && !m_storeAnnounced) {
        m_storeAnnounced = true;
        emit storeOpened(m_storeDirectory);
    }
    // Settings that failed do not prune the store that keeps serving.
    if (adopted && m_store && m_storeDirectory == outcome.directory)
        m_store->setRetention({outcome.settings.retainMessages, outcome.settings.retainDays});
    configureRelay(adopted ? &outcome.settings : nullptr);
}

void MailService::configureRelay(const ServerConfig *adopted)
{
    if (adopted) {
        // Valid: the apply validated every setting before it got here.
        const Result<RelaySettings> relay = adopted->toRelaySettings();
        m_relaySettings = relay ? *relay : RelaySettings();
    }
    m_relay->configure(m_relaySettings, m_store.get(), m_storeDirectory);
    // Arrivals reach the relay only while it may relay them automatically; otherwise the
    // engine need not forward them on its account.
    disconnect(this, &MailService::messageReceived, m_relay.get(), nullptr);
    if (m_relaySettings.enabled && !m_relaySettings.autoQuery.isEmpty()) {
        connect(this, &MailService::messageReceived, m_relay.get(),
                [relay = m_relay.get()](const ReceivedMessage &message) {
                    relay->messageArrived(message.storeId);
                });
    }
}

Result<void> MailService::release(qint64 id, const QStringList &recipients,
                                  std::function<void(const RelayOutcome &)> done)
{
    return m_relay->release(id, recipients, std::move(done));
}

Result<void> MailService::retryRelay(qint64 id)
{
    return m_relay->retryNow(id);
}

bool MailService::isRelayQueued(qint64 id) const
{
    return m_relay->isQueued(id);
}

void MailService::finish(ApplyOutcome &outcome)
{
    if (!m_listenAfterApply) {
        // stop() came first; a store that opened is switched to all the same.
        if (outcome.store)
            switchStore(outcome);
        announceStore(outcome, true);
        emit applyFinished(false, Error(ErrorCode::Cancelled, tr("Stopped before listening")));
        return;
    }
    if (!outcome.server) {
        // Nothing was switched: the store and the listeners that were running keep running,
        // with the settings they had. Only a first store opens, so the inbox shows.
        const bool first = outcome.store != nullptr;
        if (first)
            switchStore(outcome);
        announceStore(outcome, first);
        emit applyFinished(false, outcome.error);
        return;
    }
    SmtpServerSettings serverSettings = *outcome.server;
    serverSettings.revealCredentials = true; // hidden until "Show credentials" in the log
    // One injector for the service's whole life: the sessions of every listener ask it, so new
    // rules reach the open sessions at their next command, without a restart.
    serverSettings.faults = m_faults;
    if (!outcome.store && m_server && m_server->isRunning() && m_running && m_serving
        && listenersUnchanged(*m_serving, *m_running, outcome.settings, serverSettings)) {
        // Restarting the listeners would end every open session with 421 (and a client's
        // connection pool with it) for a change they do not use.
        m_serving = outcome.settings;
        applyFaults(outcome.settings);
        announceStore(outcome, true);
        if (const Result<void> api = m_apiBridge->start(outcome.settings); !api) {
            emit applyFinished(false, api.error());
            return;
        }
        emit applyFinished(true, Error());
        return;
    }
    const bool wasRunning = isRunning();
    // What to bind again if the new listeners fail after all (the port was taken since the
    // worker probed it, or it overlaps one of ours): the old settings on the ports they really
    // had (port 0 asked for any).
    std::optional<SmtpServerSettings> previous = wasRunning ? m_running : std::nullopt;
    if (previous) {
        if (previous->listen)
            previous->listen = m_server->listenAddress();
        if (previous->tlsListen)
            previous->tlsListen = m_server->tlsListenAddress();
    }
    // The old listeners close at once (a new one may want their port); their open sessions
    // finish in the background, still delivering into the store they had.
    if (m_server)
        stopServer();
    std::unique_ptr<SmtpServer> fresh;
    if (outcome.store)
        fresh = std::make_unique<SmtpServer>(m_apiBridge->countedTarget(outcome.store.get()));
    SmtpServer *target = fresh ? fresh.get() : m_server.get();
    const Result<void> started = target->start(serverSettings);
    if (!started) {
        fresh.reset();
        const bool first = outcome.store && !m_store;
        if (first)
            switchStore(outcome);
        else if (outcome.store)
            closeInBackground(std::move(outcome.store));
        if (previous && !m_server->start(*previous)) {
            m_running.reset(); // the old port was taken meanwhile
            m_serving.reset();
        }
        if (isRunning() != wasRunning)
            emit runningChanged(isRunning());
        announceStore(outcome, first);
        emit applyFinished(false, started.error());
        return;
    }
    if (fresh)
        switchStore(outcome, std::move(fresh));
    m_running = serverSettings;
    m_serving = outcome.settings;
    applyFaults(outcome.settings);
    announceStore(outcome, true);
    if (isRunning() != wasRunning)
        emit runningChanged(isRunning());
    if (const Result<void> api = m_apiBridge->start(outcome.settings); !api) {
        emit applyFinished(false, api.error());
        return;
    }
    emit applyFinished(true, Error());
}
void MailService::applyFaults(const ServerConfig &settings)
{
    // Validated with the rest of the settings before the apply got here. Settings whose fault
    // part did not change leave the rules alone, also those a client set through the API.
    const Result<FaultSettings> faults = settings.faultSettings();
    if (!faults || m_configuredFaults == *faults)
        return;
    m_configuredFaults = *faults;
    m_faults->configure(*faults);
    emit faultsChanged();
}

void MailService::adoptApiFaults()
{
    // Rules a client put through the API (PUT /api/v1/faults) are the settings in force now:
    // an apply that leaves the fault settings as they are keeps them (applyFaults() compares
    // with these), and the front ends take them into their own settings (faultsChanged()).
    // Mailpit's chaos triggers are no setting and stay in the injector only.
    const FaultSettings faults = m_faults->settings();
    m_configuredFaults = faults;
    if (m_serving)
        m_serving->setFaultSettings(faults);
    emit faultsChanged();
}

std::optional<ListenAddress> MailService::apiAddress() const
{
    return m_apiBridge->address();
}

void MailService::stop()
{
    if (m_applying) {
        m_pending.reset();
        m_listenAfterApply = false;
    }
    stopListeners();
}

void MailService::stopListeners()
{
    m_apiBridge->stop();
    m_running.reset();
    m_serving.reset();
    if (m_server && m_server->isRunning()) {
        stopServer();
        emit runningChanged(false);
    }
}

void MailService::connectNotify(const QMetaMethod &signal)
{
    Q_UNUSED(signal);
    forwardEngineSignals();
}

// Only the signals somebody receives are forwarded: the sessions skip the hop to this thread
// for the others (SmtpServer::hasReceivers), and with --events none that is every protocol
// line.
void MailService::forwardEngineSignals()
{
    if (!m_server)
        return;
    const auto forward = [this](int index, auto serverSignal, auto serviceSignal) {
        if (m_forwarded.test(size_t(index))
            || !isSignalConnected(QMetaMethod::fromSignal(serviceSignal)))
            return;
        m_forwarded.set(size_t(index));
        connect(m_server.get(), serverSignal, this, serviceSignal);
    };
    forward(0, &SmtpServer::sessionStarted, &MailService::sessionStarted);
    forward(1, &SmtpServer::sessionEnded, &MailService::sessionEnded);
    forward(2, &SmtpServer::protocolLine, &MailService::protocolLine);
    forward(3, &SmtpServer::authAttempted, &MailService::authAttempted);
    forward(4, &SmtpServer::messageReceived, &MailService::messageReceived);
    forward(5, &SmtpServer::errorOccurred, &MailService::errorOccurred);
}

void MailService::retire(std::unique_ptr<SmtpServer> server)
{
    SmtpServer *retiring = server.get();
    disconnect(retiring, nullptr, this, nullptr);
    m_retiring.push_back(std::move(server));
    // Deleted once every background stop of it has ended; deleting it earlier would block this
    // thread until they do.
    connect(retiring, &SmtpServer::backgroundStopFinished, this, [this, retiring] {
        if (retiring->isStoppingInBackground())
            return;
        // Not inside its own signal: deleted from this object's next event instead.
        ThreadHandoff::post(this, [this, retiring] {
            std::erase_if(m_retiring, [retiring](const std::unique_ptr<SmtpServer> &server) {
                return server.get() == retiring;
            });
        });
    });
}

void MailService::setRead(const QList<qint64> &ids, bool read)
{
    if (m_store && !ids.isEmpty())
        m_store->setRead(ids, read);
}

void MailService::remove(const QList<qint64> &ids)
{
    if (m_store && !ids.isEmpty())
        m_store->remove(ids);
}

void MailService::removeAll()
{
    if (m_store)
        m_store->removeAll();
}

MailService::Transfer MailService::transfer() const
{
    return m_transfers->running();
}

bool MailService::importMessages(const QStringList &paths)
{
    if (m_transfers->running() != Transfer::None || !m_store || paths.isEmpty()
        || m_applyAfterImport)
        return false;
    // The store stays open until the import is done: only this object closes it, and it waits
    // for the import first (startNextApply, the destructor).
    return m_transfers->startImport(m_store.get(), paths);
}

bool MailService::exportMessages(const MessageExporter::Selection &selection,
                                 MessageExporter::Format format, const QString &destination,
                                 bool replaceExisting)
{
    if (m_transfers->running() != Transfer::None || !m_store || destination.isEmpty())
        return false;
    return m_transfers->startExport(m_storeDirectory, selection, format, destination,
                                    replaceExisting);
}

void MailService::cancelTransfer()
{
    m_transfers->cancel();
}

void MailService::importDone(const ImportReport &report)
{
    if (!report.cancelled && !report.ids.isEmpty())
        emit messagesAdded(report.ids);
    emit importFinished(report);
    if (std::exchange(m_applyAfterImport, false))
        startNextApply();
}
bool MailService::isRunning() const
{
    return m_server && m_server->isRunning();
}

std::optional<ListenAddress> MailService::listenAddress() const
{
    return m_server ? m_server->listenAddress() : std::nullopt;
}

std::optional<ListenAddress> MailService::tlsListenAddress() const
{
    return m_server ? m_server->tlsListenAddress() : std::nullopt;
}

int MailService::activeSessions() const
{
    return m_server ? m_server->activeSessions() : 0;
}
