// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apiinspectroutes.h"

#include "api/mailpitjson.h"
#include "mime/linkextractor.h"
#include "mime/messagechecker.h"
#include "mime/messageparts.h"
#include "store/storereader.h"

#include <QHash>
#include <QJsonArray>
#include <QUrl>

#include <limits>

namespace {

ApiReply noBody(const StoredMessage &message, const char *kind)
{
    return ApiReply::text(404, "message " + QByteArray::number(message.id) + " has no " + kind
                                   + " body");
}

// A line of a stored trace as text: its line ending dropped, the line breaks inside a
// multi-line reply as "\n".
QString lineText(const ProtocolLine &line)
{
    QByteArray bytes = line.bytes;
    if (bytes.endsWith("\r\n"))
        bytes.chop(2);
    else if (bytes.endsWith('\n'))
        bytes.chop(1);
    bytes.replace("\r\n", "\n");
    return QString::fromUtf8(bytes);
}

QJsonArray traceLines(const QList<ProtocolLine> &lines, qint64 first, qint64 last)
{
    QJsonArray array;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const ProtocolLine &line = lines.at(i);
        QJsonObject object{{QStringLiteral("Index"), i},
                           {QStringLiteral("Direction"), QString(toString(line.direction))},
                           {QStringLiteral("Time"), MailpitJson::time(line.time)},
                           {QStringLiteral("Text"), lineText(line)},
                           {QStringLiteral("TruncatedBytes"), qint64(line.truncatedBytes)}};
        if (first >= 0)
            object.insert(QStringLiteral("Message"), i >= first && i <= last);
        array.append(object);
    }
    return array;
}

QStringList byteList(const QList<QByteArray> &list)
{
    QStringList strings;
    for (const QByteArray &item : list)
        strings.append(QString::fromUtf8(item));
    return strings;
}

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

QJsonObject ApiInspectRoutes::session(const SessionInfo &session)
{
    return {{QStringLiteral("ID"), QString::number(session.sessionId)},
            {QStringLiteral("Started"), MailpitJson::time(session.started)},
            // null while the session runs (a snapshot taken at its last delivery)
            {QStringLiteral("Ended"),
             session.ended.isValid() ? QJsonValue(MailpitJson::time(session.ended)) : QJsonValue()},
            {QStringLiteral("RemoteAddress"), session.remoteAddress},
            {QStringLiteral("RemotePort"), session.remotePort},
            {QStringLiteral("LocalAddress"), session.localAddress},
            {QStringLiteral("LocalPort"), session.localPort},
            {QStringLiteral("HeloName"), session.heloName},
            {QStringLiteral("TLS"), session.tls},
            {QStringLiteral("ImplicitTLS"), session.implicitTls},
            {QStringLiteral("TLSProtocol"), session.tlsProtocol},
            {QStringLiteral("TLSCipher"), session.tlsCipher},
            {QStringLiteral("AuthUser"), session.authUser},
            {QStringLiteral("Messages"), session.messages},
            {QStringLiteral("EndReason"), session.endReason}};
}

QString ApiInspectRoutes::linkInlineParts(const QString &html, qint64 messageId,
                                          const QList<std::pair<QString, int>> &contentIds)
{
    if (contentIds.isEmpty())
        return html;
    QHash<QString, int> parts;
    for (const auto &[contentId, partIndex] : contentIds)
        parts.insert(contentId, partIndex);
    const QString prefix = QStringLiteral("/api/v1/message/%1/part/").arg(messageId);
    // One pass: each "cid:" is followed by the reference up to the end of the attribute value
    // or CSS url(); only references to a part of this message are replaced.
    QString out;
    out.reserve(html.size());
    qsizetype from = 0;
    while (true) {
        const qsizetype at = html.indexOf(u"cid:", from, Qt::CaseInsensitive);
        if (at < 0)
            break;
        qsizetype end = at + 4;
        while (end < html.size()) {
            const QChar c = html.at(end);
            if (c == u'"' || c == u'\'' || c == u')' || c == u'>' || c.isSpace())
                break;
            ++end;
        }
        const QString reference =
            QUrl::fromPercentEncoding(html.sliced(at + 4, end - at - 4).toUtf8());
        out.append(QStringView(html).sliced(from, at - from));
        if (const auto found = parts.constFind(reference); found != parts.cend())
            out.append(prefix + QString::number(*found));
        else
            out.append(QStringView(html).sliced(at, end - at));
        from = end;
    }
    out.append(QStringView(html).sliced(from));
    return out;
}

ApiReply ApiInspectRoutes::viewHtml(StoreReader &store, const StoredMessage &message)
{
    const MessageParts parts = MessageParts::parse(store.raw(message.id));
    if (parts.html.isEmpty())
        return noBody(message, "HTML");
    QList<std::pair<QString, int>> contentIds;
    for (const QList<MessageAttachment> *list : {&parts.inlineImages, &parts.attachments}) {
        for (const MessageAttachment &part : *list) {
            if (!part.contentId.isEmpty())
                contentIds.append({part.contentId, part.partIndex});
        }
    }
    ApiReply reply;
    reply.contentType = "text/html; charset=utf-8";
    reply.body = linkInlineParts(parts.html, message.id, contentIds).toUtf8();
    reply.headers.append({QByteArray("Content-Security-Policy"), QByteArray(kViewPolicy)});
    reply.headers.append({QByteArray("X-Content-Type-Options"), QByteArray("nosniff")});
    reply.headers.append({QByteArray("Referrer-Policy"), QByteArray("no-referrer")});
    return reply;
}

ApiReply ApiInspectRoutes::viewText(StoreReader &store, const StoredMessage &message)
{
    const MessageParts parts = MessageParts::parse(store.raw(message.id));
    if (parts.text.isEmpty())
        return noBody(message, "text");
    ApiReply reply;
    reply.body = parts.text.toUtf8();
    reply.headers.append({QByteArray("X-Content-Type-Options"), QByteArray("nosniff")});
    return reply;
}

ApiReply ApiInspectRoutes::messageTrace(StoreReader &store, const StoredMessage &message)
{
    const std::optional<SessionInfo> info =
        message.sessionId == 0 ? std::nullopt : store.session(message.sessionId);
    if (!info)
        return ApiReply::text(404, "message " + QByteArray::number(message.id)
                                       + " has no stored session (it was imported)");
    const QList<ProtocolLine> lines = store.sessionTrace(message.sessionId);
    return ApiReply::json(QJsonObject{
        {QStringLiteral("Session"), session(*info)},
        {QStringLiteral("MessageFirst"), message.traceFirst},
        {QStringLiteral("MessageLast"), message.traceLast},
        {QStringLiteral("Lines"), traceLines(lines, message.traceFirst, message.traceLast)}});
}

ApiReply ApiInspectRoutes::envelope(const StoredMessage &message)
{
    return ApiReply::json(QJsonObject{
        {QStringLiteral("ID"), MailpitJson::id(message.id)},
        {QStringLiteral("MailFrom"), QString::fromUtf8(message.mailFrom)},
        {QStringLiteral("MailParameters"), QString::fromUtf8(message.mailParameters)},
        {QStringLiteral("Recipients"), QJsonArray::fromStringList(byteList(message.recipients))},
        {QStringLiteral("RemoteAddress"), message.remoteAddress},
        {QStringLiteral("HeloName"), message.heloName},
        {QStringLiteral("TLS"), message.tls},
        {QStringLiteral("AuthUser"), message.authUser},
        {QStringLiteral("Received"), MailpitJson::time(message.received)},
        {QStringLiteral("SessionID"),
         message.sessionId == 0 ? QString() : QString::number(message.sessionId)}});
}

ApiReply ApiInspectRoutes::checks(StoreReader &store, const StoredMessage &message)
{
    QJsonArray findings;
    for (const CheckFinding &finding : store.findings(message.id))
        findings.append(
            QJsonObject{{QStringLiteral("Severity"), QString(toString(finding.severity))},
                        {QStringLiteral("Code"), finding.code},
                        {QStringLiteral("Message"), finding.message}});
    return ApiReply::json(findings);
}

ApiReply ApiInspectRoutes::links(StoreReader &store, const StoredMessage &message)
{
    const MessageParts parts = MessageParts::parse(store.raw(message.id));
    const LinkExtractor::Links found = LinkExtractor::extract(parts.html, parts.text);
    QStringList urls;
    for (const LinkExtractor::Link &link : found.links)
        urls.append(link.url);
    // A plain array, so that `.[0]` is the first link; the cut is said in a header.
    ApiReply reply = ApiReply::json(QJsonArray::fromStringList(urls));
    if (found.truncated)
        reply.headers.append({QByteArray(kLinksTruncatedHeader), QByteArray("true")});
    return reply;
}

ApiReply ApiInspectRoutes::sessions(StoreReader &store, const QUrlQuery &query)
{
    const Result<qint64> start =
        queryNumber(query, QStringLiteral("start"), 0, std::numeric_limits<int>::max());
    if (!start)
        return ApiReply::text(400, start.error().message.toUtf8());
    Result<qint64> limit =
        queryNumber(query, QStringLiteral("limit"), kDefaultSessionPage, kMaxSessionPage);
    if (!limit)
        return ApiReply::text(400, limit.error().message.toUtf8());
    if (*limit == 0)
        limit = kDefaultSessionPage; // as the message list: 0 is "not given"
    QJsonArray items;
    const QList<SessionInfo> page = store.sessionPage(int(*limit), int(*start));
    for (const SessionInfo &info : page)
        items.append(session(info));
    return ApiReply::json(QJsonObject{{QStringLiteral("total"), store.sessionCount()},
                                      {QStringLiteral("start"), *start},
                                      {QStringLiteral("count"), page.size()},
                                      {QStringLiteral("sessions"), items}});
}

ApiReply ApiInspectRoutes::sessionTrace(StoreReader &store, const QString &id)
{
    bool ok = false;
    const qint64 number = id.toLongLong(&ok);
    if (!ok || number <= 0)
        return ApiReply::text(400, "invalid session ID \"" + id.toUtf8() + "\"");
    const std::optional<SessionInfo> info = store.session(quint64(number));
    if (!info)
        return ApiReply::text(404, "session " + id.toUtf8() + " not found");
    return ApiReply::json(QJsonObject{
        {QStringLiteral("Session"), session(*info)},
        {QStringLiteral("Lines"), traceLines(store.sessionTrace(quint64(number)), -1, -1)}});
}

QJsonArray ApiInspectRoutes::traceJson(const QList<ProtocolLine> &lines)
{
    return traceLines(lines, -1, -1);
}
