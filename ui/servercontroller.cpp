// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "servercontroller.h"

#include "smtp/smtpserver.h"
#include "smtp/smtpserversettings.h"
#include "store/messagestore.h"

#include <QDir>
#include <QThread>
#include <QtConcurrentRun>

// What the worker is asked to do. It owns `closing` from the moment it is handed over.
struct ServerController::ApplyJob
{
    AppSettings settings;
    QString directory;
    std::unique_ptr<MessageStore> closing; ///< the store of another folder, to close first
    MessageStore *kept = nullptr;          ///< the open store, when the folder is the same
    bool switchMirror = false;             ///< `kept` mirrors into another Maildir from now on
    ServerController::StoreOpener opener;
    QThread *home = nullptr; ///< the controller's thread, where a new store must end up
};

ServerController::Problem ServerController::problemOf(const Error &error)
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
struct ServerController::ApplyOutcome
{
    AppSettings settings;
    QString directory;
    std::unique_ptr<MessageStore> store; ///< newly opened; null when kept or on failure
    bool storeReady = false;             ///< a store for `directory` is open (new or kept)
    bool mirrorApplied = false;          ///< the store mirrors as settings.maildirDirectory says
    std::optional<SmtpServerSettings> server;
    Error error;
};

ServerController::ServerController(QObject *parent)
    : QObject(parent)
    , m_storeOpener(&MessageStore::open)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setObjectName(QStringLiteral("server-apply"));
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &ServerController::applyDone);
}

ServerController::~ServerController()
{
    // The worker may be opening a store (holding its lock) or closing the old one; neither may
    // be cut short, and a store it opened must be closed, so wait and take what it made. The
    // worker never waits for this thread, so this cannot deadlock.
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
    if (m_applying && m_watcher.future().resultCount() > 0) {
        const OutcomePointer outcome = m_watcher.result();
        if (outcome->store) {
            m_server.reset();
            m_store = std::move(outcome->store);
        }
    }
    // The server goes first: sessions answer 421 and deliveries commit before the store closes.
    m_server.reset();
    if (m_store)
        m_store->flush();
}

void ServerController::setStoreOpener(StoreOpener opener)
{
    m_storeOpener = opener ? std::move(opener) : StoreOpener(&MessageStore::open);
}

void ServerController::apply(const AppSettings &settings)
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

void ServerController::startNextApply()
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
        // The listeners deliver into the old store, so they stop here, before it is handed over.
        stopListeners();
        m_server.reset();
        disconnect(m_store.get(), nullptr, this, nullptr);
        // The worker pulls the store into its own thread before closing it (only an object
        // without a thread may be pulled), so its events are never delivered in two threads.
        m_store->moveToThread(nullptr);
        job.closing = std::move(m_store);
        m_storeDirectory.clear();
        m_maildirDirectory.clear();
        m_storeAnnounced = false;
    }
    // A lambda, because QtConcurrent passes stored arguments as lvalues and the job moves.
    m_watcher.setFuture(
        QtConcurrent::run(&m_pool, [job = std::move(job)]() mutable -> OutcomePointer {
            return runApply(std::move(job));
        }));
}

void ServerController::applyDone()
{
    const OutcomePointer outcome = m_watcher.result();
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

void ServerController::adopt(ApplyOutcome &outcome)
{
    if (outcome.store) {
        m_store = std::move(outcome.store);
        m_storeDirectory = outcome.directory;
        m_maildirDirectory.clear();
        m_storeAnnounced = false;
        connect(m_store.get(), &MessageStore::storeError, this, &ServerController::storeError);
        connect(m_store.get(), &MessageStore::messagesChanged, this,
                &ServerController::messagesChanged);
        connect(m_store.get(), &MessageStore::messagesRemoved, this,
                &ServerController::messagesRemoved);

        m_server = std::make_unique<SmtpServer>(m_store.get());
        connect(m_server.get(), &SmtpServer::sessionStarted, this,
                &ServerController::sessionStarted);
        connect(m_server.get(), &SmtpServer::sessionEnded, this, &ServerController::sessionEnded);
        connect(m_server.get(), &SmtpServer::protocolLine, this, &ServerController::protocolLine);
        connect(m_server.get(), &SmtpServer::authAttempted, this, &ServerController::authAttempted);
        connect(m_server.get(), &SmtpServer::messageReceived, this,
                &ServerController::messageReceived);
        connect(m_server.get(), &SmtpServer::errorOccurred, this, &ServerController::errorOccurred);
    }
    if (outcome.mirrorApplied)
        m_maildirDirectory = outcome.settings.maildirDirectory;
}

void ServerController::finish(ApplyOutcome &outcome)
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
        stopListeners();
        emit applyFinished(false, outcome.error);
        return;
    }
    SmtpServerSettings serverSettings = *outcome.server;
    serverSettings.revealCredentials = true; // hidden until "Show credentials" in the log
    m_server->stop();
    const Result<void> started = m_server->start(serverSettings);
    emit runningChanged(started.ok());
    emit applyFinished(started.ok(), started ? Error() : started.error());
}

void ServerController::stop()
{
    if (m_applying) {
        m_pending.reset();
        m_listenAfterApply = false;
    }
    stopListeners();
}

void ServerController::stopListeners()
{
    if (m_server && m_server->isRunning()) {
        m_server->stop();
        emit runningChanged(false);
    }
}

bool ServerController::isRunning() const
{
    return m_server && m_server->isRunning();
}

std::optional<ListenAddress> ServerController::listenAddress() const
{
    return m_server ? m_server->listenAddress() : std::nullopt;
}

std::optional<ListenAddress> ServerController::tlsListenAddress() const
{
    return m_server ? m_server->tlsListenAddress() : std::nullopt;
}

int ServerController::activeSessions() const
{
    return m_server ? m_server->activeSessions() : 0;
}

namespace {

Error mirrorError(const Error &error)
{
    return Error(error.code, QStringLiteral("Maildir: ") + error.message,
                 QString(ConfigSetting::of(ConfigSetting::Id::MaildirDirectory).key));
}

} // namespace

// Only this function touches the disk while applying.
ServerController::OutcomePointer ServerController::runApply(ApplyJob job)
{
    auto outcome = std::make_shared<ApplyOutcome>();
    outcome->settings = job.settings;
    outcome->directory = job.directory;
    const QString &maildir = job.settings.maildirDirectory;

    if (job.closing) {
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
