// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apihttpserver.h"

#include "api/apimessage.h"
#include "api/apitcpserver.h"
#include "api/mailpitjson.h"
#include "common/threadhandoff.h"
#include "config/configsetting.h"
#include "mime/messageparts.h"
#include "smtp/listenprobe.h"
#include "store/storelayout.h"
#include "store/storereader.h"

#include <QFileInfo>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QUrl>

#include <mutex>

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

} // namespace

ApiHttpServer::ApiHttpServer(ApiSettings settings, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_settings(std::move(settings))
    , m_auth(m_settings.users)
    , m_liveness(std::make_shared<Liveness>())
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
    return bound;
}

bool ApiHttpServer::event(QEvent *event)
{
    return ThreadHandoff::dispatch(this, event) || QAbstractHttpServer::event(event);
}

ApiHttpServer::Reply ApiHttpServer::text(int status, const QByteArray &text)
{
    Reply reply;
    reply.status = status;
    reply.body = text + '\n';
    return reply;
}

ApiHttpServer::Reply ApiHttpServer::json(const QJsonObject &object)
{
    Reply reply;
    reply.contentType = "application/json";
    reply.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return reply;
}

void ApiHttpServer::send(QHttpServerResponder &responder, const Reply &reply)
{
    // QHttpServerResponder::write() takes headers only as an initializer_list, so the answer
    // is written piece by piece.
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(reply.status));
    responder.writeHeader("Content-Type", reply.contentType);
    for (const auto &[name, value] : reply.headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    responder.writeBody(reply.body);
}

bool ApiHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const ApiRouter::Match match = ApiRouter::match(request.method(), request.url().path());
    const bool health = match.status == ApiRouter::Match::Status::Found
                        && (match.route == ApiRoute::Livez || match.route == ApiRoute::Readyz);
    QHttpServerResponder responder = makeResponder(request, socket);
    if (!health && !m_auth.check(request.value("authorization"))) {
        Reply reply = text(401, "authentication required");
        reply.headers.append({"WWW-Authenticate", ApiAuth::challenge()});
        send(responder, reply);
        return true;
    }
    switch (match.status) {
    case ApiRouter::Match::Status::NotFound:
        send(responder, text(404, "not found: " + request.url().path().toUtf8()));
        return true;
    case ApiRouter::Match::Status::WrongMethod: {
        Reply reply = text(405, "method not allowed; allowed: " + match.allowed);
        reply.headers.append({"Allow", match.allowed});
        send(responder, reply);
        return true;
    }
    case ApiRouter::Match::Status::Found:
        break;
    }
    const QStringList &args = match.arguments;
    switch (match.route) {
    case ApiRoute::Info:
        send(responder, info());
        break;
    case ApiRoute::MessagesList:
        send(responder, listMessages(request));
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
        send(responder, messageHeaders(args.value(0)));
        break;
    case ApiRoute::MessageRaw:
        send(responder, messageRaw(args.value(0)));
        break;
    case ApiRoute::MessagePart:
        send(responder, messagePart(args.value(0), args.value(1)));
        break;
    case ApiRoute::Livez:
        send(responder, text(200, "ok"));
        break;
    case ApiRoute::Readyz:
        send(responder, readyz());
        break;
    }
    return true;
}

void ApiHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest() answers every request; this runs only for a WebSocket upgrade nobody
    // takes.
    QHttpServerResponder responder = makeResponder(request, socket);
    send(responder, text(404, "not found"));
}

void ApiHttpServer::changeThenReply(const ApiSettings::StoreChange &change,
                                    QHttpServerResponder &&responder, QTcpSocket *socket,
                                    Reply reply)
{
    if (!m_settings.changeStore) {
        send(responder, text(503, "the store cannot be changed"));
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

void ApiHttpServer::completePending(quint64 token)
{
    const auto found = m_pending.find(token);
    if (found == m_pending.end())
        return;
    std::unique_ptr<Pending> pending = std::move(found->second);
    m_pending.erase(found);
    // The responder points at the socket without watching it (Qt 6.4 keeps a plain pointer):
    // a client that left while the change was committed gets nothing.
    if (pending->socket && pending->socket->state() == QAbstractSocket::ConnectedState)
        send(pending->responder, pending->reply);
}

StoreReader *ApiHttpServer::reader(Reply *error)
{
    if (!m_reader) {
        Result<std::unique_ptr<StoreReader>> opened = StoreReader::open(m_settings.storeDirectory);
        if (!opened) {
            *error = text(503, "store unavailable: " + opened.error().message.toUtf8());
            return nullptr;
        }
        m_reader = std::move(*opened);
    }
    return m_reader.get();
}

Result<StoredMessage> ApiHttpServer::resolve(const QString &id, Reply *error)
{
    StoreReader *store = reader(error);
    if (!store)
        return Error(ErrorCode::DatabaseError, QString());
    if (id == u"latest") {
        const QList<StoredMessage> newest = store->list(1, 0);
        if (newest.isEmpty()) {
            *error = text(404, "no messages");
            return Error(ErrorCode::NotFound, QString());
        }
        return newest.first();
    }
    bool ok = false;
    const qint64 number = id.toLongLong(&ok);
    if (!ok || number <= 0) {
        *error = text(400, "invalid message ID \"" + id.toUtf8() + "\"");
        return Error(ErrorCode::InvalidValue, QString());
    }
    // messages() leaves out messages flagged deleted, which message() would still return.
    const QList<StoredMessage> found = store->messages({number});
    if (found.isEmpty()) {
        *error = text(404, "message " + id.toUtf8() + " not found");
        return Error(ErrorCode::NotFound, QString());
    }
    return found.first();
}

ApiHttpServer::Reply ApiHttpServer::info()
{
    Reply error;
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
    return json(MailpitJson::info(info));
}

namespace {

// A non-negative integer query parameter, its default when absent.
Result<qint64> queryNumber(const QUrlQuery &query, const QString &name, qint64 fallback,
                           qint64 maximum)
{
    if (!query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const qint64 value = query.queryItemValue(name).toLongLong(&ok);
    if (!ok || value < 0 || value > maximum)
        return Error(ErrorCode::InvalidValue,
                     QStringLiteral("%1 must be a number from 0 to %2").arg(name).arg(maximum));
    return value;
}

} // namespace

ApiHttpServer::Reply ApiHttpServer::listMessages(const QHttpServerRequest &request)
{
    const QUrlQuery query = request.query();
    const Result<qint64> start =
        queryNumber(query, QStringLiteral("start"), 0, std::numeric_limits<int>::max());
    if (!start)
        return text(400, start.error().message.toUtf8());
    Result<qint64> limit =
        queryNumber(query, QStringLiteral("limit"), kDefaultPageSize, kMaxPageSize);
    if (!limit)
        return text(400, limit.error().message.toUtf8());
    if (*limit == 0)
        limit = kDefaultPageSize; // Mailpit treats 0 as "not given"
    Reply error;
    StoreReader *store = reader(&error);
    if (!store)
        return error;
    const StoreReader::Counts counts = store->counts();
    QList<ApiMessage> messages;
    for (const StoredMessage &stored : store->list(int(*limit), int(*start)))
        messages.append(
            ApiMessage::parse(stored, store->raw(stored.id).left(ApiMessage::kSummaryBytes)));
    MailpitJson::ListCounts listCounts;
    listCounts.total = counts.messages;
    listCounts.unread = counts.unread;
    listCounts.matched = counts.messages;
    listCounts.matchedUnread = counts.unread;
    listCounts.start = *start;
    return json(MailpitJson::list(listCounts, messages));
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
            send(responder, text(400, "invalid JSON body: "
                                          + (parseError.error != QJsonParseError::NoError
                                                 ? parseError.errorString().toUtf8()
                                                 : QByteArray("not an object"))));
            return;
        }
        object = document.object();
    }
    QList<qint64> ids;
    const QJsonValue idsValue = object.value(QStringLiteral("IDs"));
    if (!idsValue.isUndefined() && !idsValue.isNull()) {
        if (!idsValue.isArray()) {
            send(responder, text(400, "IDs must be an array of message IDs"));
            return;
        }
        for (const QJsonValue &value : idsValue.toArray()) {
            bool ok = value.isString();
            const qint64 id = ok ? value.toString().toLongLong(&ok) : 0;
            if (!ok || id <= 0) {
                send(responder,
                     text(400,
                          "IDs must hold message IDs (strings of digits), not "
                              + QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)));
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
            send(responder, text(400, "Read must be true or false"));
            return;
        }
        if (object.contains(QStringLiteral("Search"))) {
            // Search comes with the search route; refused rather than taken for "all".
            send(responder, text(400, "Search is not supported yet"));
            return;
        }
        change.kind = ApiSettings::StoreChange::Kind::SetRead;
        change.read = read.toBool(false);
        if (ids.isEmpty()) {
            Reply error;
            StoreReader *store = reader(&error);
            if (!store) {
                send(responder, error);
                return;
            }
            const Result<QList<qint64>> all =
                store->searchIds(QString(), StoreReader::SortField::Received, Qt::AscendingOrder);
            if (!all) {
                send(responder, text(503, all.error().message.toUtf8()));
                return;
            }
            ids = *all;
        }
    }
    change.ids = ids;
    changeThenReply(change, std::move(responder), socket, text(200, "ok"));
}

void ApiHttpServer::messageSummary(const QString &id, QHttpServerResponder &&responder,
                                   QTcpSocket *socket)
{
    Reply error;
    const Result<StoredMessage> stored = resolve(id, &error);
    if (!stored) {
        send(responder, error);
        return;
    }
    const ApiMessage message = ApiMessage::parse(*stored, m_reader->raw(stored->id));
    Reply reply = json(MailpitJson::message(message));
    if (stored->read) {
        send(responder, reply);
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

ApiHttpServer::Reply ApiHttpServer::messageHeaders(const QString &id)
{
    Reply error;
    const Result<StoredMessage> stored = resolve(id, &error);
    if (!stored)
        return error;
    return json(MailpitJson::headers(MessageParts::parse(m_reader->raw(stored->id)).headers));
}

ApiHttpServer::Reply ApiHttpServer::messageRaw(const QString &id)
{
    Reply error;
    const Result<StoredMessage> stored = resolve(id, &error);
    if (!stored)
        return error;
    Reply reply;
    reply.body = m_reader->raw(stored->id);
    return reply;
}

ApiHttpServer::Reply ApiHttpServer::messagePart(const QString &id, const QString &partId)
{
    Reply error;
    const Result<StoredMessage> stored = resolve(id, &error);
    if (!stored)
        return error;
    bool ok = false;
    const int index = partId.toInt(&ok);
    if (!ok || index < 0)
        return text(400, "invalid part ID \"" + partId.toUtf8() + "\"");
    const QByteArray raw = m_reader->raw(stored->id);
    const MessageParts parts = MessageParts::parse(raw);
    const auto part = std::find_if(
        parts.attachments.cbegin(), parts.attachments.cend(),
        [index](const MessageAttachment &attachment) { return attachment.partIndex == index; });
    const std::optional<QByteArray> content =
        part == parts.attachments.cend() ? std::nullopt : MessageParts::partContent(raw, index);
    if (!content)
        return text(404, "part " + partId.toUtf8() + " not found");
    Reply reply;
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

ApiHttpServer::Reply ApiHttpServer::readyz()
{
    Reply error;
    if (!reader(&error))
        return error;
    return text(200, "ok");
}
