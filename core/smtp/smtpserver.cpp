// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtpserver.h"

#include "common/gracefulthread.h"
#include "common/threadhandoff.h"
#include "smtp/connectioncounter.h"
#include "smtp/listenprobe.h"
#include "smtp/smtplistener.h"
#include "smtp/smtpsyntax.h"
#include "smtp/smtpworker.h"
#include "store/messagestore.h"

#include <QMetaMethod>
#include <QThread>

#include <algorithm>
#include <future>
#include <thread>

DeliveryTarget DeliveryTarget::forStore(MessageStore *store)
{
    DeliveryTarget target;
    if (!store)
        return target;
    target.allocateSessionId = [store] {
        return store->allocateSessionId();
    };
    target.deliver = [store](DeliveryRequest request, QObject *context,
                             std::function<void(const DeliveryResult &)> done) {
        store->deliver(std::move(request), context, std::move(done));
    };
    target.recordSessionEnd = [store](const SessionInfo &session, QList<ProtocolLine> traceDelta) {
        store->recordSessionEnd(session, std::move(traceDelta));
    };
    target.spoolDirectory = store->spoolDirectory();
    target.traceBacklog = store->traceBacklog();
    return target;
}

struct SmtpServer::Private
{
    std::shared_ptr<const DeliveryTarget> target;
    std::shared_ptr<const SmtpServerSettings> settings;
    std::shared_ptr<ConnectionCounter> counter = std::make_shared<ConnectionCounter>();
    std::unique_ptr<SmtpListener> listener;
    std::unique_ptr<SmtpListener> tlsListener;
    std::vector<GracefulThread> threads;
    std::vector<SmtpWorker *> workers; // owned by their threads
    size_t nextWorker = 0;
    /// Workers stopping in the background; they report to this object until they are gone.
    std::vector<std::shared_future<void>> stopping;
};

SmtpServer::SmtpServer(MessageStore *store, QObject *parent)
    : SmtpServer(DeliveryTarget::forStore(store), parent)
{}

SmtpServer::SmtpServer(DeliveryTarget target, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    registerEventMetaTypes();
    d->target = std::make_shared<const DeliveryTarget>(std::move(target));
}

SmtpServer::~SmtpServer()
{
    stop();
    for (const std::shared_future<void> &stopping : d->stopping)
        stopping.wait();
    ThreadHandoff::acquire(this); // calls still queued are freed with this object
}

namespace {

QString keyOf(ConfigSetting::Id id)
{
    return QString(ConfigSetting::of(id).key);
}

} // namespace

Result<void> SmtpServer::start(const SmtpServerSettings &requested)
{
    using Id = ConfigSetting::Id;
    stop();
    auto settings = std::make_shared<SmtpServerSettings>(requested);
    settings->hostName = requested.effectiveHostName();
    if (!SmtpSyntax::isDomain(settings->hostName.toUtf8(), false)) {
        return Error(
            ErrorCode::InvalidValue,
            QStringLiteral("host name \"%1\" is not a valid domain name").arg(settings->hostName),
            keyOf(Id::HostName));
    }
    if (!settings->listen && !settings->tlsListen)
        return Error(ErrorCode::Conflict, QStringLiteral("no address to listen on"),
                     keyOf(Id::Listen));
    if (settings->tlsListen && !settings->tls) {
        return Error(ErrorCode::Conflict,
                     QStringLiteral("the implicit-TLS listener needs a certificate and a key"),
                     keyOf(Id::TlsListen));
    }
    const auto positive = [](bool ok, Id id) -> Result<void> {
        if (ok)
            return {};
        return Error(ErrorCode::OutOfRange, QStringLiteral("limits must be positive"), keyOf(id));
    };
    for (const Result<void> &limit :
         {positive(settings->maxRecipients >= 1, Id::MaxRecipients),
          positive(settings->maxConnections >= 1, Id::MaxConnections),
          positive(settings->idleTimeout.count() >= 1, Id::IdleTimeout),
          positive(settings->tlsHandshakeTimeout.count() >= 1, Id::TlsHandshakeTimeout),
          positive(settings->maxMessageSize >= 0, Id::MaxMessageSize)}) {
        if (!limit)
            return limit.error();
    }

    auto handoff = [this](qintptr descriptor, bool implicitTls) {
        const bool admitted = d->counter->tryAcquire(d->settings->maxConnections);
        SmtpWorker *worker = d->workers[d->nextWorker++ % d->workers.size()];
        ThreadHandoff::post(worker, [worker, descriptor, implicitTls, admitted] {
            worker->accept(descriptor, implicitTls, admitted);
        });
    };
    Error bindError;
    auto bind = [&](const ListenAddress &address,
                    bool implicitTls) -> std::unique_ptr<SmtpListener> {
        auto listener = std::make_unique<SmtpListener>(implicitTls, handoff);
        if (!listener->listen(address.address, address.port)) {
            bindError = Error(ListenProbe::errorCode(listener->serverError()),
                              address.toString() + QStringLiteral(": ") + listener->errorString(),
                              keyOf(implicitTls ? Id::TlsListen : Id::Listen));
            return nullptr;
        }
        return listener;
    };
    if (settings->listen && !(d->listener = bind(*settings->listen, false)))
        return bindError;
    if (settings->tlsListen && !(d->tlsListener = bind(*settings->tlsListen, true))) {
        d->listener.reset();
        return bindError;
    }
    d->settings = settings;

    // One core is left to the listener's thread and the store writer: on two cores, a second
    // worker only adds context switches (bench/throughput.sh: 12,000 against 9,300 sessions/s).
    const int threadCount = settings->workerThreads > 0 ? settings->workerThreads
                                                        : qMax(1, QThread::idealThreadCount() - 1);
    for (int i = 0; i < threadCount; ++i) {
        GracefulThread thread(new QThread);
        thread->setObjectName(QStringLiteral("smtp-worker-%1").arg(i + 1));
        auto *worker = new SmtpWorker(settings, d->target, d->counter, this);
        worker->moveToThread(thread.get());
        connect(thread.get(), &QThread::finished, worker, &QObject::deleteLater);
        thread->start();
        d->workers.push_back(worker);
        d->threads.push_back(std::move(thread));
    }
    return {};
}

void SmtpServer::stop()
{
    stopInBackground().wait();
}

namespace {

bool isReady(const std::shared_future<void> &future)
{
    return future.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

} // namespace

std::shared_future<void> SmtpServer::stopInBackground()
{
    d->listener.reset();
    d->tlsListener.reset();
    std::promise<void> promise;
    std::shared_future<void> future = promise.get_future().share();
    if (d->workers.empty()) {
        promise.set_value();
        return future;
    }
    // The goodbye takes up to kShutdownGrace and joining a worker waits for its event loop, so
    // both happen on a thread of their own. The counter stays this server's: a later start()
    // counts its sessions against the same limit, the old ones included.
    struct Retiring
    {
        std::vector<GracefulThread> threads;
        std::vector<SmtpWorker *> workers;
        std::shared_ptr<ConnectionCounter> counter;
        std::promise<void> promise;
    };
    auto retiring = std::make_shared<Retiring>(Retiring{std::exchange(d->threads, {}),
                                                        std::exchange(d->workers, {}), d->counter,
                                                        std::move(promise)});
    d->nextWorker = 0;
    std::erase_if(d->stopping, isReady);
    d->stopping.push_back(future);
    std::thread([this, retiring] {
        for (SmtpWorker *worker : retiring->workers)
            ThreadHandoff::callBlocking(worker, [worker] { worker->shutdownSessions(); });
        retiring->counter->waitUntilIdle(kShutdownGrace);
        // quit + wait each; the workers and their leftover sessions go with them
        retiring->threads.clear();
        // Posted before the promise is kept: the destructor waits for the promise, so this
        // object still exists here. A call still queued when it is destroyed is dropped.
        ThreadHandoff::post(this, [this] { emit backgroundStopFinished(); });
        retiring->promise.set_value();
    }).detach();
    return future;
}

bool SmtpServer::isStoppingInBackground() const
{
    return std::any_of(d->stopping.begin(), d->stopping.end(),
                       [](const std::shared_future<void> &f) { return !isReady(f); });
}

bool SmtpServer::isRunning() const
{
    return d->listener || d->tlsListener;
}

std::optional<ListenAddress> SmtpServer::listenAddress() const
{
    if (!d->listener)
        return std::nullopt;
    return ListenAddress{d->listener->serverAddress(), d->listener->serverPort()};
}

std::optional<ListenAddress> SmtpServer::tlsListenAddress() const
{
    if (!d->tlsListener)
        return std::nullopt;
    return ListenAddress{d->tlsListener->serverAddress(), d->tlsListener->serverPort()};
}

bool SmtpServer::hasReceivers(const QMetaMethod &signal) const
{
    return isSignalConnected(signal);
}

int SmtpServer::activeSessions() const
{
    return d->counter->count();
}

bool SmtpServer::event(QEvent *event)
{
    return ThreadHandoff::dispatch(this, event) || QObject::event(event);
}
