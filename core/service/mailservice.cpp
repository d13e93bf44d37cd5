// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "service/mailservice.h"

#include "api/apiserver.h"
#include "common/threadhandoff.h"
#include "smtp/smtpserver.h"
#include "smtp/smtpserversettings.h"
#include "store/messagestore.h"

#include <QDir>
#include <QMetaMethod>
#include <QThread>

#include <future>

#include <pthread.h>

// What the worker is asked to do. It owns `closing` from the moment it is handed over.
struct MailService::ApplyJob
{
    ServerConfig settings;
    QString directory;
    std::unique_ptr<MessageStore> closing; ///< the store of another folder, to close first
    std::shared_future<void> sessionsGone; ///< the sessions delivering into `closing` ended
    MessageStore *kept = nullptr;          ///< the open store, when the folder is the same
    bool switchMirror = false;             ///< `kept` mirrors into another Maildir from now on
    MailService::StoreOpener opener;
    QThread *home = nullptr; ///< the controller's thread, where a new store must end up
};

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
        case Id::ApiListen:
        case Id::ApiAuth:
            return Problem::Server;
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
    case ErrorCode::Cancelled:
        return Problem::None;
    default:
        return Problem::Server;
    }
}

// What the worker found. A new store has already been moved to the controller's thread.
struct MailService::ApplyOutcome
{
    ServerConfig settings;
    QString directory;
    std::unique_ptr<MessageStore> store; ///< newly opened; null when kept or on failure
    bool storeReady = false;             ///< a store for `directory` is open (new or kept)
    bool mirrorApplied = false;          ///< the store mirrors as settings.maildirDirectory says
    std::optional<SmtpServerSettings> server;
    Error error;
};

MailService::MailService(QObject *parent)
    : QObject(parent)
    , m_storeOpener(&MessageStore::open)
{}

MailService::~MailService()
{
    // The worker may be opening a store (holding its lock) or closing the old one; neither may
    // be cut short, and a store it opened must be closed, so wait and take what it made. The
    // worker never waits for this thread, so this cannot deadlock.
    if (m_applyThread.joinable())
        m_applyThread.join();
    ThreadHandoff::acquire(this); // the posted applyDone() is dropped with this object
    OutcomePointer outcome;
    {
        std::lock_guard lock(m_outcomeMutex);
        outcome = std::exchange(m_finishedOutcome, nullptr);
    }
    if (m_applying && outcome) {
        if (outcome->store) {
            m_server.reset();
            m_store = std::move(outcome->store);
        }
    }
    // The API and the server go first: sessions answer 421 and deliveries commit before the
    // store closes, and no API request is left to ask for a change.
    m_api.reset();
    m_server.reset();
    if (m_store)
        m_store->flush();
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
    ApplyJob job;
    job.settings = *std::exchange(m_pending, std::nullopt);
    job.directory = QDir::cleanPath(job.settings.effectiveStoreDirectory());
    job.opener = m_storeOpener;
    job.home = thread();
    m_listenAfterApply = true;
    if (m_store && job.directory == m_storeDirectory) {
        // The listeners keep serving the open store while the worker loads the certificate.
        job.kept = m_store.get();
        job.switchMirror = !job.settings.maildirDirectory.isEmpty()
                           && job.settings.maildirDirectory != m_maildirDirectory;
    } else if (m_store) {
        // The listeners deliver into the old store: they close here, and the worker closes the
        // store only once their sessions are gone.
        if (m_server) {
            if (m_server->isRunning())
                emit runningChanged(false);
            job.sessionsGone = m_server->stopInBackground();
            retire(std::move(m_server));
            m_running.reset();
        }
        disconnect(m_store.get(), nullptr, this, nullptr);
        // The worker pulls the store into its own thread before closing it (only an object
        // without a thread may be pulled), so its events are never delivered in two threads.
        m_store->moveToThread(nullptr);
        job.closing = std::move(m_store);
        m_storeDirectory.clear();
        m_maildirDirectory.clear();
        m_storeAnnounced = false;
    }
    // The previous apply has ended (applyDone() ran), so this join does not wait.
    if (m_applyThread.joinable())
        m_applyThread.join();
    m_applyThread = std::thread([this, job = std::move(job)]() mutable {
        pthread_setname_np(pthread_self(), "server-apply");
        OutcomePointer outcome = runApply(std::move(job));
        {
            std::lock_guard lock(m_outcomeMutex);
            m_finishedOutcome = std::move(outcome);
        }
        // The destructor joins this thread before it goes, so `this` is alive here.
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
    adopt(*outcome);
    if (m_pending) {
        // Superseded: what it opened is kept (the next apply may use the same store), but its
        // result is nobody's business any more.
        startNextApply();
        return;
    }
    m_applying = false;
    finish(*outcome);
}

void MailService::adopt(ApplyOutcome &outcome)
{
    if (outcome.store) {
        m_store = std::move(outcome.store);
        m_storeDirectory = outcome.directory;
        m_maildirDirectory.clear();
        m_storeAnnounced = false;
        connect(m_store.get(), &MessageStore::storeError, this, &MailService::storeError);
        connect(m_store.get(), &MessageStore::messagesChanged, this, &MailService::messagesChanged);
        connect(m_store.get(), &MessageStore::messagesRemoved, this, &MailService::messagesRemoved);

        m_server = std::make_unique<SmtpServer>(m_store.get());
        m_forwarded.reset();
        forwardEngineSignals();
    }
    if (outcome.mirrorApplied)
        m_maildirDirectory = outcome.settings.maildirDirectory;
}

void MailService::finish(ApplyOutcome &outcome)
{
    if (m_store && !m_storeAnnounced) {
        m_storeAnnounced = true;
        emit storeOpened(m_storeDirectory);
    }
    if (m_store && outcome.storeReady)
        m_store->setRetention({outcome.settings.retainMessages, outcome.settings.retainDays});
    if (!m_listenAfterApply) {
        emit applyFinished(false, Error(ErrorCode::Cancelled, tr("Stopped before listening")));
        return;
    }
    if (!outcome.storeReady || !outcome.mirrorApplied) {
        emit applyFinished(false, outcome.error);
        return;
    }
    if (!outcome.server) {
        // The listeners that were running keep running, with the settings they had.
        emit applyFinished(false, outcome.error);
        return;
    }
    SmtpServerSettings serverSettings = *outcome.server;
    serverSettings.revealCredentials = true; // hidden until "Show credentials" in the log
    const bool wasRunning = m_server->isRunning();
    // What to bind again if the new listeners fail: the old settings on the ports they really
    // had (port 0 asked for any).
    std::optional<SmtpServerSettings> previous = m_running;
    if (previous && wasRunning) {
        if (previous->listen)
            previous->listen = m_server->listenAddress();
        if (previous->tlsListen)
            previous->tlsListen = m_server->tlsListenAddress();
    }
    // The old listeners close at once (a new one may want their port); their open sessions
    // finish in the background, still delivering into the same store.
    m_server->stopInBackground();
    const Result<void> started = m_server->start(serverSettings);
    if (started) {
        m_running = serverSettings;
    } else if (previous && wasRunning && !m_server->start(*previous)) {
        m_running.reset(); // the old port was taken meanwhile
    }
    if (m_server->isRunning() != wasRunning)
        emit runningChanged(m_server->isRunning());
    if (started) {
        if (const Result<void> api = startApi(outcome.settings); !api) {
            emit applyFinished(false, api.error());
            return;
        }
    }
    emit applyFinished(started.ok(), started ? Error() : started.error());
}

Result<void> MailService::startApi(const ServerConfig &settings)
{
    if (m_api)
        m_api->stop();
    if (!settings.apiEnabled() || !m_store)
        return {};
    if (!m_api)
        m_api = std::make_unique<ApiServer>();
    const QString field = QString(ConfigSetting::of(ConfigSetting::Id::ApiListen).key);
    // Checked by validate() before the apply got here.
    const Result<ListenAddress> address = ListenAddress::parse(settings.apiListen.trimmed(), field);
    if (!address)
        return address.error();
    ApiSettings api;
    api.listen = *address;
    api.users = settings.apiUsers;
    api.maxBodySize = settings.maxMessageSize;
    api.storeDirectory = m_storeDirectory;
    api.version = QStringLiteral(LETTERBOX_VERSION);
    // Runs in the API thread; the change itself is made here, in this object's thread, where
    // the desktop models learn of it through messagesChanged/messagesRemoved. The API is
    // stopped (its thread joined) before this object goes, so `this` outlives every call.
    api.changeStore = [this](const ApiSettings::StoreChange &change,
                             std::function<void()> committed) {
        ThreadHandoff::post(this, [this, change, committed = std::move(committed)] {
            using Kind = ApiSettings::StoreChange::Kind;
            if (!m_store) {
                committed();
                return;
            }
            switch (change.kind) {
            case Kind::SetRead:
                setRead(change.ids, change.read);
                break;
            case Kind::Remove:
                remove(change.ids);
                break;
            case Kind::RemoveAll:
                removeAll();
                break;
            }
            m_store->whenCommitted(committed);
        });
    };
    const Result<ListenAddress> bound = m_api->start(api);
    if (!bound) {
        if (settings.apiListenIsDefault() && bound.error().code == ErrorCode::AddressInUse) {
            emit apiWarning(Error(
                bound.error().code,
                bound.error().message + QStringLiteral("; running without the HTTP API"), field));
            return {};
        }
        return bound.error();
    }
    if (!bound->address.isLoopback() && settings.apiUsers.isEmpty())
        emit apiWarning(Error(ErrorCode::Conflict,
                              QStringLiteral("the HTTP API listens on %1 without authentication "
                                             "(see --api-auth)")
                                  .arg(bound->toString()),
                              field));
    return {};
}

std::optional<ListenAddress> MailService::apiAddress() const
{
    return m_api ? m_api->address() : std::nullopt;
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
    if (m_api)
        m_api->stop();
    m_running.reset();
    if (m_server && m_server->isRunning()) {
        m_server->stopInBackground();
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

namespace {

Error mirrorError(const Error &error)
{
    return Error(error.code, error.message,
                 QString(ConfigSetting::of(ConfigSetting::Id::MaildirDirectory).key));
}

} // namespace

// Only this function touches the disk while applying.
MailService::OutcomePointer MailService::runApply(ApplyJob job)
{
    auto outcome = std::make_shared<ApplyOutcome>();
    outcome->settings = job.settings;
    outcome->directory = job.directory;
    const QString &maildir = job.settings.maildirDirectory;

    if (job.closing) {
        if (job.sessionsGone.valid())
            job.sessionsGone.wait();
        // Nothing refers to it any more: the server that delivered into it is gone and its
        // signals are disconnected. Its destructor commits what is queued and joins its
        // threads; the lock goes last, so the folder may be opened again right after.
        job.closing->moveToThread(QThread::currentThread());
        job.closing.reset();
    }

    if (job.kept) {
        outcome->storeReady = true;
        // setMaildirMirror() runs the switch in the store's writer thread, whichever thread
        // calls it. The store must not be destroyed meanwhile; only this controller does that,
        // and never while an apply runs (its destructor waits for the apply first).
        if (job.switchMirror) {
            if (const Result<void> mirrored = job.kept->setMaildirMirror(maildir); !mirrored) {
                outcome->error = mirrorError(mirrored.error());
                return outcome;
            }
        }
        outcome->mirrorApplied = true;
    } else {
        Result<std::unique_ptr<MessageStore>> opened = job.opener(job.directory);
        if (!opened) {
            outcome->error = opened.error().about(
                QString(ConfigSetting::of(ConfigSetting::Id::StoreDirectory).key));
            return outcome;
        }
        std::unique_ptr<MessageStore> store = std::move(*opened);
        // The store is still this thread's, so the mirror is set up from the store's thread as
        // it asks. Its writer and mirror threads run event loops of their own and reach the
        // store only through queued signals, which follow the store to its new thread when it
        // moves (events already posted to it move along); the QThread objects that run them
        // keep this thread's affinity, which is harmless: nothing posts events to them, and
        // the store's destructor quits, joins and deletes them directly.
        const Result<void> mirrored =
            maildir.isEmpty() ? Result<void>() : store->setMaildirMirror(maildir);
        store->moveToThread(job.home);
        outcome->store = std::move(store);
        outcome->storeReady = true;
        if (!mirrored) {
            outcome->error = mirrorError(mirrored.error());
            return outcome;
        }
        outcome->mirrorApplied = true;
    }

    Result<SmtpServerSettings> server = job.settings.toServerSettings();
    if (!server) {
        outcome->error = std::move(server).error();
        return outcome;
    }
    outcome->server = std::move(server).value();
    return outcome;
}
