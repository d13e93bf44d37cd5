// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "service/apibridge.h"

#include "api/apiserver.h"
#include "common/threadhandoff.h"
#include "service/mailservice.h"
#include "smtp/receivedheader.h"
#include "smtp/smtpserver.h"
#include "store/messagestore.h"

ApiBridge::ApiBridge(MailService *service, std::function<QString()> hostName)
    : m_service(service)
    , m_hostName(std::move(hostName))
{}

ApiBridge::~ApiBridge()
{
    // No API request is left to ask for a change once its thread is joined.
    m_api.reset();
    ThreadHandoff::acquire(this); // posted changes and submissions are dropped with this object
}

bool ApiBridge::event(QEvent *event)
{
    return ThreadHandoff::dispatch(this, event) || QObject::event(event);
}

std::optional<ListenAddress> ApiBridge::address() const
{
    return m_api ? m_api->address() : std::nullopt;
}

void ApiBridge::stop()
{
    if (m_api)
        m_api->stop();
    m_inputs.reset();
}

void ApiBridge::countDeleted(qint64 count)
{
    m_runtimeStats->messagesDeleted.fetch_add(quint64(count), std::memory_order_relaxed);
}

Result<void> ApiBridge::start(const ServerConfig &settings)
{
    MessageStore *store = m_service->store();
    const QString storeDirectory = m_service->storeDirectory();
    const Inputs inputs{settings.apiListen.trimmed(), settings.apiUsers, settings.maxMessageSize,
                        storeDirectory};
    // Unchanged: it keeps running, and so do its held requests and event streams.
    if (m_api && m_api->isRunning() && m_inputs == inputs && settings.apiEnabled() && store)
        return {};
    m_inputs.reset();
    if (m_api)
        m_api->stop();
    if (!settings.apiEnabled() || !store)
        return {};
    if (!m_api) {
        m_api = std::make_unique<ApiServer>();
        // Every committed change reaches the API thread (waiting requests, WebSocket events).
        // Each signal below fires after its commit; MessageStore's removeAll() is an empty
        // messagesRemoved().
        ApiServer *apiServer = m_api.get();
        connect(m_service, &MailService::messageReceived, apiServer, &ApiServer::messageReceived);
        connect(m_service, &MailService::messagesAdded, apiServer, &ApiServer::messagesAdded);
        connect(m_service, &MailService::messagesChanged, apiServer, &ApiServer::messagesChanged);
        connect(m_service, &MailService::messagesRemoved, apiServer, &ApiServer::messagesRemoved);
    }
    const QString field = QString(ConfigSetting::of(ConfigSetting::Id::ApiListen).key);
    // Checked by validate() before the apply got here.
    const Result<ListenAddress> address = ListenAddress::parse(settings.apiListen.trimmed(), field);
    if (!address)
        return address.error();
    ApiSettings api;
    api.listen = *address;
    api.users = settings.apiUsers;
    api.maxBodySize = settings.maxMessageSize;
    api.storeDirectory = storeDirectory;
    api.version = QStringLiteral(LETTERBOX_VERSION);
    api.stats = m_runtimeStats;
    api.faults = m_service->faults();
    // Runs in the API thread, right after the injector took the change.
    api.faultsChanged = [this] {
        ThreadHandoff::post(this, [this] { emit faultsChanged(); });
    };
    // Runs in the API thread; the change itself is made here, in this object's thread (the
    // service's), where the desktop models learn of it through messagesChanged/messagesRemoved.
    // The API is stopped (its thread joined) before this object goes, so `this` outlives every
    // call; the service owns this object, so it outlives it too.
    api.changeStore = [this](const ApiSettings::StoreChange &change,
                             std::function<void()> committed) {
        ThreadHandoff::post(this, [this, change, committed = std::move(committed)] {
            using Kind = ApiSettings::StoreChange::Kind;
            MessageStore *open = m_service->store();
            if (!open) {
                committed();
                return;
            }
            switch (change.kind) {
            case Kind::SetRead:
                m_service->setRead(change.ids, change.read);
                break;
            case Kind::Remove:
                m_service->remove(change.ids);
                break;
            case Kind::RemoveAll:
                m_service->removeAll();
                break;
            }
            open->whenCommitted(committed);
        });
    };
    // Releases go to the service's relay from here; the answer waits for the stored attempt.
    api.releaseMessage = [this](qint64 id, const QStringList &recipients,
                                std::function<void(Result<RelayOutcome>)> done) {
        ThreadHandoff::post(this, [this, id, recipients, done = std::move(done)] {
            const Result<void> started = m_service->release(
                id, recipients, [done](const RelayOutcome &outcome) { done(outcome); });
            if (!started)
                done(started.error());
        });
    };
    // The same hand-over for messages sent through the API: built in the API thread, stored
    // from here.
    api.submitMessage = [this](const ApiSettings::Submission &submission,
                               std::function<void(Result<qint64>)> stored) {
        ThreadHandoff::post(this, [this, submission, stored = std::move(stored)] {
            storeSubmission(submission, stored);
        });
    };
    const Result<ListenAddress> bound = m_api->start(api);
    if (!bound) {
        if (settings.apiListenIsDefault() && bound.error().code == ErrorCode::AddressInUse) {
            emit warning(Error(
                bound.error().code,
                bound.error().message + QStringLiteral("; running without the HTTP API"), field));
            return {};
        }
        return bound.error();
    }
    m_inputs = inputs;
    if (!bound->address.isLoopback() && settings.apiUsers.isEmpty())
        emit warning(Error(ErrorCode::Conflict,
                           QStringLiteral("the HTTP API listens on %1 without authentication "
                                          "(see --api-auth)")
                               .arg(bound->toString()),
                           field));
    return {};
}

void ApiBridge::storeSubmission(const ApiSettings::Submission &submission,
                                const std::function<void(Result<qint64>)> &stored)
{
    MessageStore *store = m_service->store();
    if (!store) {
        stored(Error(ErrorCode::StoreUnwritable, tr("no store is open")));
        return;
    }
    const QDateTime now = QDateTime::currentDateTime();
    const QString hostName = m_hostName();
    const QString peer =
        QStringLiteral("%1:%2").arg(submission.peerAddress).arg(submission.peerPort);

    SessionInfo session;
    session.sessionId = store->allocateSessionId();
    session.started = now;
    session.ended = now;
    session.remoteAddress = QStringLiteral("api");
    session.authUser = submission.authUser;
    session.messages = 1;
    session.endReason = QStringLiteral("api");

    // A trace field like the one SMTP deliveries start with, naming the HTTP client (RFC 5321
    // §4.4 "via" says how it came; there is no SMTP "with" protocol to name).
    const QByteArray received =
        "Received: from " + ReceivedHeader::addressLiteral(QHostAddress(submission.peerAddress))
        + " by " + hostName.toUtf8() + " via HTTP (HTTP API);\r\n\t"
        + ReceivedHeader::formatDate(now) + "\r\n" + submission.message;
    auto spool = std::make_shared<MessageSpool>(store->spoolDirectory());
    if (Result<void> appended = spool->append(received); !appended) {
        stored(std::move(appended).error());
        return;
    }

    ProtocolLine note;
    note.sessionId = session.sessionId;
    note.time = now;
    note.direction = Direction::Note;
    note.bytes = "message submitted with POST /api/v1/send by " + peer.toUtf8()
                 + (submission.authUser.isEmpty() ? QByteArray()
                                                  : " (user " + submission.authUser.toUtf8() + ")")
                 + "; no SMTP dialogue";

    DeliveryRequest request;
    request.session = session;
    request.received = now;
    request.envelope = submission.envelope;
    request.data = spool;
    request.traceDelta = {note};
    request.traceFirst = 0; // the note stands for the transaction
    request.traceLast = 0;
    // Counted like SMTP deliveries: Mailpit's send route stores through the same function as
    // its SMTP server, which counts both.
    countedTarget(store).deliver(
        std::move(request), this,
        [this, session, submission, spool, now, stored](const DeliveryResult &result) {
            if (!result.ok) {
                stored(result.error);
                return;
            }
            ReceivedMessage message;
            message.sessionId = session.sessionId;
            message.storeId = result.storeId;
            message.received = now;
            message.envelope = submission.envelope;
            message.size = spool->size();
            message.remoteAddress = session.remoteAddress;
            message.authUser = session.authUser;
            message.subject = result.subject;
            emit submitted(session, message);
            stored(result.storeId);
        });
}

// The store's target, counting for the API's RuntimeStats; the counting runs in the sessions'
// threads, on atomics.
DeliveryTarget ApiBridge::countedTarget(MessageStore *store) const
{
    DeliveryTarget target = DeliveryTarget::forStore(store);
    if (!target.deliver)
        return target;
    target.deliver = [deliver = std::move(target.deliver),
                      stats = m_runtimeStats](DeliveryRequest request, QObject *context,
                                              std::function<void(const DeliveryResult &)> done) {
        const qint64 size = request.data ? request.data->size() : 0;
        deliver(std::move(request), context,
                [stats, size, done = std::move(done)](const DeliveryResult &result) {
                    if (result.ok) {
                        stats->smtpAccepted.fetch_add(1, std::memory_order_relaxed);
                        stats->smtpAcceptedSize.fetch_add(quint64(size), std::memory_order_relaxed);
                    } else {
                        stats->smtpRejected.fetch_add(1, std::memory_order_relaxed);
                    }
                    done(result);
                });
    };
    target.rejected = [stats = m_runtimeStats] {
        stats->smtpRejected.fetch_add(1, std::memory_order_relaxed);
    };
    return target;
}
