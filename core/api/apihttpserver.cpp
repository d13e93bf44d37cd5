// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apihttpserver.h"

#include "api/apichangefeed.h"
#include "api/apieventhub.h"
#include "api/apifaultroutes.h"
#include "api/apiinspectroutes.h"
#include "api/apimessage.h"
#include "api/apirelayroutes.h"
#include "api/apireply.h"
#include "api/apisearchroutes.h"
#include "api/apisendroute.h"
#include "api/apitcpserver.h"
#include "api/apiwaitqueue.h"
#include "api/mailpitjson.h"
#include "api/openapidocument.h"
#include "common/threadhandoff.h"
#include "config/configsetting.h"
#include "mime/messageparts.h"
#include "smtp/listenprobe.h"
#include "store/storelayout.h"
#include "store/storereader.h"

#include <QFile>
#include <QFileInfo>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QUrl>
#include <QWebSocket>

#include <mutex>

#include <unistd.h>

// The store writer calls back from its own thread; this lets it post to the server only while
// the server exists (the destructor clears `server` under the lock).
struct ApiHttpServer::Liveness
{
    std::mutex mutex;
    ApiHttpServer *server = nullptr;
};

namespace {

using Method = QHttpServerRequest::Method;

// A part whose browser rendering could run script in the API's origin goes out as a download.
bool isActiveContent(const QString &contentType)
{
    return contentType == u"text/html" || contentType == u"application/xhtml+xml"
           || contentType == u"image/svg+xml" || contentType == u"text/xml"
           || contentType == u"application/xml" || contentType.endsWith(u"+xml");
}

// Content-Disposition with a plain fallback name and the exact one (RFC 6266 §4.3, RFC 8187).
QByteArray disposition(const char *type, const QString &fileName)
{
    QByteArray header = type;
    if (fileName.isEmpty())
        return header;
    QByteArray plain;
    for (const QChar c : fileName)
        plain += (c.unicode() >= 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\')
                     ? char(c.unicode())
                     : '_';
    return header + "; filename=\"" + plain + "\"; filename*=UTF-8''"
           + QUrl::toPercentEncoding(fileName);
}

// Whether Qt 6.4 takes `request` for a WebSocket upgrade (QAbstractHttpServerPrivate::
// handleReadyRead): a Connection header containing "upgrade" and "Upgrade: websocket". It then
// calls handleRequest() without a socket to answer on, and takes the socket over when that
// returns true.
bool isWebSocketUpgrade(const QHttpServerRequest &request)
{
    return request.value("connection").toLower().contains("upgrade")
           && request.value("upgrade").compare("websocket", Qt::CaseInsensitive) == 0;
}

// The process's resident set (Linux /proc/self/statm, in pages); 0 where that is unknown.
qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * sysconf(_SC_PAGESIZE) : 0;
}

} // namespace

ApiHttpServer::ApiHttpServer(ApiSettings settings, ApiChangeFeed *feed, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_settings(std::move(settings))
    , m_auth(m_settings.users)
    , m_liveness(std::make_shared<Liveness>())
    , m_feed(feed)
{
    m_liveness->server = this;
    m_uptime.start();
}

ApiHttpServer::~ApiHttpServer()
{
    std::lock_guard lock(m_liveness->mutex);
    m_liveness->server = nullptr;
    ThreadHandoff::acquire(this); // posted completions are freed with this object
}

Result<ListenAddress> ApiHttpServer::start()
{
    auto tcp = std::make_unique<ApiTcpServer>(m_settings.maxBodySize);
    if (!tcp->listen(m_settings.listen.address, m_settings.listen.port)) {
        return Error(ListenProbe::errorCode(tcp->serverError()),
                     m_settings.listen.toString() + QStringLiteral(": ") + tcp->errorString(),
                     QString(ConfigSetting::of(ConfigSetting::Id::ApiListen).key));
    }
    ListenAddress bound{tcp->serverAddress(), tcp->serverPort()};
    bind(tcp.release());
    const auto readerAccess = [this](ApiReply *error) {
        return reader(error);
    };
    m_waits = std::make_unique<ApiWaitQueue>(readerAccess, m_feed);
    m_events = std::make_unique<ApiEventHub>(readerAccess, m_feed, m_settings.version);
    // Qt hands upgrades over only while this signal is connected.
    connect(this, &QAbstractHttpServer::newWebSocketConnection, this, [this] {
        while (std::unique_ptr<QWebSocket> socket = nextPendingWebSocketConnection())
            m_events->addClient(std::move(socket));
    });
    return bound;
}

bool ApiHttpServer::event(QEvent *event)
{
    return ThreadHandoff::dispatch(this, event) || QAbstractHttpServer::event(event);
}

bool ApiHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (isWebSocketUpgrade(request))
        return acceptUpgrade(request);
    const ApiRouter::Match match = ApiRouter::match(request.method(), request.url().path());
    const bool health = match.status == ApiRouter::Match::Status::Found
                        && (match.route == ApiRoute::Livez || match.route == ApiRoute::Readyz);
    QHttpServerResponder responder = makeResponder(request, socket);
    if (!health && !m_auth.check(request.value("authorization"))) {
        ApiReply reply = ApiReply::text(401, "authentication required");
        reply.headers.append({"WWW-Authenticate", ApiAuth::challenge()});
        reply.sendTo(responder);
        return true;
    }
    switch (match.status) {
    case ApiRouter::Match::Status::NotFound:
        ApiReply::text(404, "not found: " + request.url().path().toUtf8()).sendTo(responder);
        return true;
    case ApiRouter::Match::Status::WrongMethod: {
        ApiReply reply = ApiReply::text(405, "method not allowed; allowed: " + match.allowed);
        reply.headers.append({"Allow", match.allowed});
        reply.sendTo(responder);
        return true;
    }
    case ApiRouter::Match::Status::Found:
        break;
    }
    const QStringList &args = match.arguments;
    switch (match.route) {
    case ApiRoute::Info:
        info().sendTo(responder);
        break;
    case ApiRoute::MessagesList:
    case ApiRoute::Search: {
        ApiReply reply;
        if (StoreReader *store = reader(&reply))
            reply = match.route == ApiRoute::Search
                        ? ApiSearchRoutes::search(*store, request.query())
                        : ApiSearchRoutes::list(*store, request.query());
        reply.sendTo(responder);
        break;
    }
    case ApiRoute::SearchDelete:
        deleteSearch(request, std::move(responder), socket);
        break;
    case ApiRoute::MessagesSetRead:
        changeMessages(request, false, std::move(responder), socket);
        break;
    case ApiRoute::MessagesDelete:
        changeMessages(request, true, std::move(responder), socket);
        break;
    case ApiRoute::Message:
        messageSummary(args.value(0), std::move(responder), socket);
        break;
    case ApiRoute::MessageHeaders:
        messageHeaders(args.value(0)).sendTo(responder);
        break;
    case ApiRoute::MessageRaw:
        // The bytes as read from the store go to the socket without another copy.
        messageRaw(args.value(0)).sendTo(responder, socket);
        break;
    case ApiRoute::MessagePart:
        messagePart(args.value(0), args.value(1)).sendTo(responder);
        break;
    case ApiRoute::ViewHtml:
    case ApiRoute::ViewText:
    case ApiRoute::MessageTrace:
    case ApiRoute::MessageEnvelope:
    case ApiRoute::MessageChecks:
    case ApiRoute::MessageLinks:
    case ApiRoute::MessageRelay:
        inspect(match.route, args.value(0)).sendTo(responder);
        break;
    case ApiRoute::Sessions:
    case ApiRoute::SessionTrace: {
        ApiReply error;
        if (StoreReader *store = reader(&error)) {
            (match.route == ApiRoute::Sessions
                 ? ApiInspectRoutes::sessions(*store, request.query())
                 : ApiInspectRoutes::sessionTrace(*store, args.value(0)))
                .sendTo(responder);
        } else {
            error.sendTo(responder);
        }
        break;
    }
    case ApiRoute::Send:
        send(request, std::move(responder), socket);
        break;
    case ApiRoute::MessageRelease:
        release(args.value(0), request, std::move(responder), socket);
        break;
    case ApiRoute::Livez:
        ApiReply::text(200, "ok").sendTo(responder);
        break;
    case ApiRoute::Readyz:
        readyz().sendTo(responder);
        break;
    case ApiRoute::OpenApi:
        OpenApiDocument::reply().sendTo(responder);
        break;
    case ApiRoute::Wait:
        m_waits->wait(request, std::move(responder), socket);
        break;
    case ApiRoute::Faults:
    case ApiRoute::FaultsSet:
    case ApiRoute::Chaos:
    case ApiRoute::ChaosSet:
        faultRoute(match.route, request).sendTo(responder);
        break;
    case ApiRoute::Events: {
        // Only a WebSocket upgrade is served here (RFC 9110 §15.5.22).
        ApiReply reply = ApiReply::text(426, "a WebSocket upgrade is required");
        reply.headers.append({QByteArray("Upgrade"), QByteArray("websocket")});
        reply.headers.append({QByteArray("Connection"), QByteArray("Upgrade")});
        reply.sendTo(responder);
        break;
    }
    }
    return true;
}

ApiReply ApiHttpServer::faultRoute(ApiRoute route, const QHttpServerRequest &request)
{
    if (!m_settings.faults)
        return ApiReply::text(503, "fault rules are not available");
    switch (route) {
    case ApiRoute::Faults:
        return ApiFaultRoutes::faults(*m_settings.faults);
    case ApiRoute::Chaos:
        return ApiFaultRoutes::chaos(*m_settings.faults);
    default:
        break;
    }
    ApiReply reply = route == ApiRoute::FaultsSet
                         ? ApiFaultRoutes::setFaults(*m_settings.faults, request.body())
                         : ApiFaultRoutes::setChaos(*m_settings.faults, request.body());
    if (reply.status == 200 && m_settings.faultsChanged)
        m_settings.faultsChanged();
    return reply;
}

bool ApiHttpServer::acceptUpgrade(const QHttpServerRequest &request)
{
    // Nothing may be written here: on true, Qt's WebSocket server answers the handshake on
    // this socket; on false, missingHandler() sends the refusal and Qt closes the connection.
    const ApiRouter::Match match = ApiRouter::match(request.method(), request.url().path());
    if (match.status != ApiRouter::Match::Status::Found || match.route != ApiRoute::Events) {
        m_upgradeRefusal = ApiReply::text(404, "no WebSocket at " + request.url().path().toUtf8());
        return false;
    }
    if (!m_auth.check(request.value("authorization"))) {
        ApiReply reply = ApiReply::text(401, "authentication required");
        reply.headers.append({"WWW-Authenticate", ApiAuth::challenge()});
        m_upgradeRefusal = reply;
        return false;
    }
    return true;
}

void ApiHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest() answers every request but a WebSocket upgrade it refuses.
    QHttpServerResponder responder = makeResponder(request, socket);
    std::exchange(m_upgradeRefusal, std::nullopt)
        .value_or(ApiReply::text(404, "not found"))
        .sendTo(responder);
}

void ApiHttpServer::changeThenReply(const ApiSettings::StoreChange &change,
                                    QHttpServerResponder &&responder, QTcpSocket *socket,
                                    ApiReply reply)
{
    if (!m_settings.changeStore) {
        ApiReply::text(503, "the store cannot be changed").sendTo(responder);
        return;
    }
    const quint64 token = m_nextToken++;
    m_pending.emplace(token,
                      std::make_unique<Pending>(Pending{QPointer<QTcpSocket>(socket),
                                                        std::move(responder), std::move(reply)}));
    std::shared_ptr<Liveness> liveness = m_liveness;
    m_settings.changeStore(change, [liveness, token] {
        std::lock_guard lock(liveness->mutex);
        if (ApiHttpServer *server = liveness->server)
            ThreadHandoff::post(server, [server, token] { server->completePending(token); });
    });
}

void ApiHttpServer::completePending(quint64 token, std::optional<ApiReply> reply)
{
    const auto found = m_pending.find(token);
    if (found == m_pending.end())
        return;
    std::unique_ptr<Pending> pending = std::move(found->second);
    m_pending.erase(found);
    if (reply)
        pending->reply = std::move(*reply);
    // The responder points at the socket without watching it (Qt 6.4 keeps a plain pointer):
    // a client that left while the change was committed gets nothing.
    if (pending->socket && pending->socket->state() == QAbstractSocket::ConnectedState)
        pending->reply.sendTo(pending->responder);
}

void ApiHttpServer::send(const QHttpServerRequest &request, QHttpServerResponder &&responder,
                         QTcpSocket *socket)
{
    if (!m_settings.submitMessage) {
        ApiReply::text(503, "messages cannot be stored").sendTo(responder);
        return;
    }
    Result<ApiSettings::Submission> submission = ApiSendRoute::submission(request.body());
    if (!submission) {
        ApiReply::text(400, submission.error().message.toUtf8()).sendTo(responder);
        return;
    }
    submission->peerAddress = socket->peerAddress().toString();
    submission->peerPort = socket->peerPort();
    if (m_auth.isEnabled())
        submission->authUser = ApiSendRoute::basicUser(request.value("authorization"));
    const quint64 token = m_nextToken++;
    m_pending.emplace(token, std::make_unique<Pending>(Pending{QPointer<QTcpSocket>(socket),
                                                               std::move(responder), ApiReply()}));
    std::shared_ptr<Liveness> liveness = m_liveness;
    m_settings.submitMessage(*submission, [liveness, token](Result<qint64> stored) {
        ApiReply reply = stored ? ApiReply::json(ApiSendRoute::answer(*stored))
                                : ApiReply::text(503, "the message could not be stored: "
                                                          + stored.error().message.toUtf8());
        std::lock_guard lock(liveness->mutex);
        if (ApiHttpServer *server = liveness->server)
            ThreadHandoff::post(server, [server, token, reply = std::move(reply)] {
                server->completePending(token, reply);
            });
    });
}

void ApiHttpServer::release(const QString &id, const QHttpServerRequest &request,
                            QHttpServerResponder &&responder, QTcpSocket *socket)
{
    if (!m_settings.releaseMessage) {
        ApiReply::text(503, "messages cannot be released").sendTo(responder);
        return;
    }
    ApiReply error;
    const Result<StoredMessage> stored = resolve(id, &error);
    if (!stored) {
        error.sendTo(responder);
        return;
    }
    const Result<QStringList> recipients = ApiRelayRoutes::releaseRecipients(request.body());
    if (!recipients) {
        ApiReply::text(400, recipients.error().message.toUtf8()).sendTo(responder);
        return;
    }
    const quint64 token = m_nextToken++;
    m_pending.emplace(token, std::make_unique<Pending>(Pending{QPointer<QTcpSocket>(socket),
                                                               std::move(responder), ApiReply()}));
    std::shared_ptr<Liveness> liveness = m_liveness;
    m_settings.releaseMessage(
        stored->id, *recipients, [liveness, token](Result<RelayOutcome> outcome) {
            ApiReply reply = ApiRelayRoutes::releaseReply(outcome);
            std::lock_guard lock(liveness->mutex);
            if (ApiHttpServer *server = liveness->server)
                ThreadHandoff::post(server, [server, token, reply = std::move(reply)] {
                    server->completePending(token, reply);
                });
        });
}

ApiReply ApiHttpServer::inspect(ApiRoute route, const QString &id)
{
    ApiReply error;
    const Result<StoredMessage> stored = resolve(id, &error);
    if (!stored)
        return error;
    StoreReader &store = *m_reader;
    switch (route) {
    case ApiRoute::ViewHtml:
        return ApiInspectRoutes::viewHtml(store, *stored);
    case ApiRoute::ViewText:
        return ApiInspectRoutes::viewText(store, *stored);
    case ApiRoute::MessageTrace:
        return ApiInspectRoutes::messageTrace(store, *stored);
    case ApiRoute::MessageEnvelope:
        return ApiInspectRoutes::envelope(*stored);
    case ApiRoute::MessageChecks:
        return ApiInspectRoutes::checks(store, *stored);
    case ApiRoute::MessageLinks:
        return ApiInspectRoutes::links(store, *stored);
    case ApiRoute::MessageRelay: {
        const Result<QList<RelayOutcome>> attempts = store.relayAttempts(stored->id);
        const Result<QList<RelayQueueEntry>> queue = store.relayQueue();
        if (!attempts || !queue)
            return ApiReply::text(503, "store unavailable");
        std::optional<RelayQueueEntry> queued;
        for (const RelayQueueEntry &entry : *queue) {
            if (entry.messageId == stored->id)
                queued = entry;
        }
        return ApiRelayRoutes::attempts(*attempts, queued);
    }
    default:
        return ApiReply::text(404, "not found");
    }
}

StoreReader *ApiHttpServer::reader(ApiReply *error)
{
    if (!m_reader) {
        Result<std::unique_ptr<StoreReader>> opened = StoreReader::open(m_settings.storeDirectory);
        if (!opened) {
            *error = ApiReply::text(503, "store unavailable: " + opened.error().message.toUtf8());
            return nullptr;
        }
        m_reader = std::move(*opened);
    }
    return m_reader.get();
}

Result<StoredMessage> ApiHttpServer::resolve(const QString &id, ApiReply *error)
{
    StoreReader *store = reader(error);
    if (!store)
        return Error(ErrorCode::DatabaseError, QString());
    if (id == u"latest") {
        const QList<StoredMessage> newest = store->list(1, 0);
        if (newest.isEmpty()) {
            *error = ApiReply::text(404, "no messages");
            return Error(ErrorCode::NotFound, QString());
        }
        return newest.first();
    }
    bool ok = false;
    const qint64 number = id.toLongLong(&ok);
    if (!ok || number <= 0) {
        *error = ApiReply::text(400, "invalid message ID \"" + id.toUtf8() + "\"");
        return Error(ErrorCode::InvalidValue, QString());
    }
    // messages() leaves out messages flagged deleted, which message() would still return.
    const QList<StoredMessage> found = store->messages({number});
    if (found.isEmpty()) {
        *error = ApiReply::text(404, "message " + id.toUtf8() + " not found");
        return Error(ErrorCode::NotFound, QString());
    }
    return found.first();
}

ApiReply ApiHttpServer::info()
{
    ApiReply error;
    StoreReader *store = reader(&error);
    if (!store)
        return error;
    const StoreReader::Counts counts = store->counts();
    MailpitJson::Info info;
    info.version = m_settings.version;
    info.database = StoreLayout::databasePath(m_settings.storeDirectory);
    info.databaseSize = QFileInfo(info.database).size();
    info.messages = counts.messages;
    info.unread = counts.unread;
    info.uptimeSeconds = m_uptime.elapsed() / 1000;
    info.memoryBytes = residentBytes();
    if (const std::shared_ptr<const ApiRuntimeStats> &stats = m_settings.stats) {
        info.messagesDeleted = stats->messagesDeleted.load(std::memory_order_relaxed);
        info.smtpAccepted = stats->smtpAccepted.load(std::memory_order_relaxed);
        info.smtpAcceptedSize = stats->smtpAcceptedSize.load(std::memory_order_relaxed);
        info.smtpRejected = stats->smtpRejected.load(std::memory_order_relaxed);
    }
    QJsonObject object = MailpitJson::info(info);
    // Letterbox's own: requests held by /api/v1/wait and WebSocket clients connected now.
    QJsonObject runtime = object.value(QStringLiteral("RuntimeStats")).toObject();
    runtime.insert(QStringLiteral("WaitingRequests"), m_waits ? m_waits->waiting() : 0);
    runtime.insert(QStringLiteral("EventClients"), m_events ? m_events->clientCount() : 0);
    object.insert(QStringLiteral("RuntimeStats"), runtime);
    return ApiReply::json(object);
}

void ApiHttpServer::changeMessages(const QHttpServerRequest &request, bool remove,
                                   QHttpServerResponder &&responder, QTcpSocket *socket)
{
    // Mailpit's body: {"IDs": ["1", ...], "Read": true} for PUT, {"IDs": [...]} for DELETE; no
    // IDs (or an empty body) means every message.
    const QByteArray body = request.body();
    QJsonObject object;
    if (!body.trimmed().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            ApiReply::text(400, "invalid JSON body: "
                                    + (parseError.error != QJsonParseError::NoError
                                           ? parseError.errorString().toUtf8()
                                           : QByteArray("not an object")))
                .sendTo(responder);
            return;
        }
        object = document.object();
    }
    QList<qint64> ids;
    const QJsonValue idsValue = object.value(QStringLiteral("IDs"));
    if (!idsValue.isUndefined() && !idsValue.isNull()) {
        if (!idsValue.isArray()) {
            ApiReply::text(400, "IDs must be an array of message IDs").sendTo(responder);
            return;
        }
        for (const QJsonValue &value : idsValue.toArray()) {
            bool ok = value.isString();
            const qint64 id = ok ? value.toString().toLongLong(&ok) : 0;
            if (!ok || id <= 0) {
                ApiReply::text(
                    400, "IDs must hold message IDs (strings of digits), not "
                             + QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
                    .sendTo(responder);
                return;
            }
            ids.append(id);
        }
    }
    ApiSettings::StoreChange change;
    if (remove) {
        change.kind = ids.isEmpty() ? ApiSettings::StoreChange::Kind::RemoveAll
                                    : ApiSettings::StoreChange::Kind::Remove;
    } else {
        const QJsonValue read = object.value(QStringLiteral("Read"));
        if (!read.isUndefined() && !read.isBool()) {
            ApiReply::text(400, "Read must be true or false").sendTo(responder);
            return;
        }
        const QJsonValue search = object.value(QStringLiteral("Search"));
        if (!search.isUndefined() && !search.isNull() && !search.isString()) {
            ApiReply::text(400, "Search must be a string").sendTo(responder);
            return;
        }
        const QString searchText = search.toString().trimmed();
        if (!searchText.isEmpty() && !ids.isEmpty()) {
            ApiReply::text(400, "You may specify either IDs or a search query, not both")
                .sendTo(responder);
            return;
        }
        change.kind = ApiSettings::StoreChange::Kind::SetRead;
        change.read = read.toBool(false);
        if (!searchText.isEmpty()) {
            // Mailpit reads `tz` for the search's dates from the URL here too.
            ApiReply error;
            StoreReader *store = reader(&error);
            if (!store) {
                error.sendTo(responder);
                return;
            }
            Result<QList<qint64>> matching = ApiSearchRoutes::matchingIds(
                *store, searchText, ApiSearchRoutes::timeZoneName(request.query()));
            if (!matching) {
                ApiSearchRoutes::errorReply(matching.error()).sendTo(responder);
                return;
            }
            change.ids = *matching; // none matching: nothing changes, still answered once committed
            changeThenReply(change, std::move(responder), socket, ApiReply::text(200, "ok"));
            return;
        }
        if (ids.isEmpty()) {
            ApiReply error;
            StoreReader *store = reader(&error);
            if (!store) {
                error.sendTo(responder);
                return;
            }
            const Result<QList<qint64>> all =
                store->searchIds(QString(), StoreReader::SortField::Received, Qt::AscendingOrder);
            if (!all) {
                ApiReply::text(503, all.error().message.toUtf8()).sendTo(responder);
                return;
            }
            ids = *all;
        }
    }
    change.ids = ids;
    changeThenReply(change, std::move(responder), socket, ApiReply::text(200, "ok"));
}

void ApiHttpServer::deleteSearch(const QHttpServerRequest &request,
                                 QHttpServerResponder &&responder, QTcpSocket *socket)
{
    ApiReply error;
    StoreReader *store = reader(&error);
    if (!store) {
        error.sendTo(responder);
        return;
    }
    const QUrlQuery query = request.query();
    const Result<QString> text = ApiSearchRoutes::requiredQuery(query);
    if (!text) {
        ApiSearchRoutes::errorReply(text.error()).sendTo(responder);
        return;
    }
    Result<QList<qint64>> matching =
        ApiSearchRoutes::matchingIds(*store, *text, ApiSearchRoutes::timeZoneName(query));
    if (!matching) {
        ApiSearchRoutes::errorReply(matching.error()).sendTo(responder);
        return;
    }
    ApiSettings::StoreChange change;
    change.kind = ApiSettings::StoreChange::Kind::Remove;
    change.ids = *matching;
    changeThenReply(change, std::move(responder), socket, ApiReply::text(200, "ok"));
}

void ApiHttpServer::messageSummary(const QString &id, QHttpServerResponder &&responder,
                                   QTcpSocket *socket)
{
    ApiReply error;
    const Result<StoredMessage> stored = resolve(id, &error);
    if (!stored) {
        error.sendTo(responder);
        return;
    }
    const ApiMessage message = ApiMessage::parse(*stored, m_reader->raw(stored->id));
    ApiReply reply = ApiReply::json(MailpitJson::message(message));
    if (stored->read) {
        reply.sendTo(responder);
        return;
    }
    // As in Mailpit, reading the summary marks the message read; the answer waits for the
    // commit, so the next list already shows it read.
    ApiSettings::StoreChange change;
    change.kind = ApiSettings::StoreChange::Kind::SetRead;
    change.ids = {stored->id};
    change.read = true;
    changeThenReply(change, std::move(responder), socket, std::move(reply));
}

ApiReply ApiHttpServer::messageHeaders(const QString &id)
{
    ApiReply error;
    const Result<StoredMessage> stored = resolve(id, &error);
    if (!stored)
        return error;
    return ApiReply::json(
        MailpitJson::headers(MessageParts::parse(m_reader->raw(stored->id)).headers));
}

ApiReply ApiHttpServer::messageRaw(const QString &id)
{
    ApiReply error;
    const Result<StoredMessage> stored = resolve(id, &error);
    if (!stored)
        return error;
    ApiReply reply;
    reply.body = m_reader->raw(stored->id);
    return reply;
}

ApiReply ApiHttpServer::messagePart(const QString &id, const QString &partId)
{
    ApiReply error;
    const Result<StoredMessage> stored = resolve(id, &error);
    if (!stored)
        return error;
    bool ok = false;
    const int index = partId.toInt(&ok);
    if (!ok || index < 0)
        return ApiReply::text(400, "invalid part ID \"" + partId.toUtf8() + "\"");
    const QByteArray raw = m_reader->raw(stored->id);
    const MessageParts parts = MessageParts::parse(raw);
    // The inline images the HTML shows by cid: are parts too (/view/{id}.html links to them).
    QList<MessageAttachment> leaves = parts.attachments;
    leaves.append(parts.inlineImages);
    const auto part =
        std::find_if(leaves.cbegin(), leaves.cend(), [index](const MessageAttachment &attachment) {
            return attachment.partIndex == index;
        });
    const std::optional<QByteArray> content =
        part == leaves.cend() ? std::nullopt : MessageParts::partContent(raw, index);
    if (!content)
        return ApiReply::text(404, "part " + partId.toUtf8() + " not found");
    ApiReply reply;
    reply.body = *content;
    reply.headers.append({QByteArray("X-Content-Type-Options"), QByteArray("nosniff")});
    if (isActiveContent(part->contentType)) {
        reply.contentType = "application/octet-stream";
        reply.headers.append({"Content-Disposition", disposition("attachment", part->fileName)});
    } else {
        reply.contentType = part->contentType.toUtf8();
        reply.headers.append({"Content-Disposition", disposition("inline", part->fileName)});
    }
    return reply;
}

ApiReply ApiHttpServer::readyz()
{
    ApiReply error;
    if (!reader(&error))
        return error;
    return ApiReply::text(200, "ok");
}
