// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apisendroute.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMimeDatabase>
#include <QSet>

namespace {

Error invalid(const QString &field, const QString &message)
{
    return Error(ErrorCode::InvalidValue, message, field);
}

// An optional string field: absent and null are empty.
Result<QString> optionalString(const QJsonObject &object, const QString &name, const QString &field)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined() || value.isNull())
        return QString();
    if (!value.isString())
        return invalid(field, field + QStringLiteral(" must be a string"));
    return value.toString();
}

Result<MessageBuilder::Mailbox> mailbox(const QJsonValue &value, const QString &field)
{
    if (!value.isObject())
        return invalid(field, field + QStringLiteral(" must be an object {\"Email\", \"Name\"}"));
    const QJsonObject object = value.toObject();
    Result<QString> email = optionalString(object, QStringLiteral("Email"), field + u".Email");
    if (!email)
        return std::move(email).error();
    Result<QString> name = optionalString(object, QStringLiteral("Name"), field + u".Name");
    if (!name)
        return std::move(name).error();
    if (!ApiSendRoute::isAddress(email->trimmed()))
        return invalid(field + u".Email",
                       QStringLiteral("invalid %1 address: \"%2\"").arg(field, *email));
    return MessageBuilder::Mailbox{*name, email->trimmed()};
}

// A list of {Email, Name}; for Bcc (a list of addresses in Mailpit) plain strings too.
Result<QList<MessageBuilder::Mailbox>> mailboxes(const QJsonObject &object, const QString &name,
                                                 bool stringsAllowed)
{
    QList<MessageBuilder::Mailbox> list;
    const QJsonValue value = object.value(name);
    if (value.isUndefined() || value.isNull())
        return list;
    if (!value.isArray())
        return invalid(name, name + QStringLiteral(" must be an array"));
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString field = QStringLiteral("%1[%2]").arg(name).arg(i);
        if (stringsAllowed && array.at(i).isString()) {
            const QString address = array.at(i).toString().trimmed();
            if (!ApiSendRoute::isAddress(address))
                return invalid(
                    field,
                    QStringLiteral("invalid %1 address: \"%2\"").arg(name, array.at(i).toString()));
            list.append({QString(), address});
            continue;
        }
        Result<MessageBuilder::Mailbox> entry = mailbox(array.at(i), field);
        if (!entry)
            return std::move(entry).error();
        list.append(*entry);
    }
    return list;
}

// RFC 5322 §2.2: a field name is printable US-ASCII but ':'.
bool isFieldName(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (const QChar c : name) {
        if (c.unicode() < 33 || c.unicode() > 126 || c == u':')
            return false;
    }
    return true;
}

// RFC 2045 §5.1: type "/" subtype, both tokens, parameters after ";".
bool isContentType(const QString &value)
{
    const QString bare = value.section(u';', 0, 0).trimmed();
    const qsizetype slash = bare.indexOf(u'/');
    if (slash <= 0 || slash == bare.size() - 1 || bare.count(u'/') != 1)
        return false;
    for (const QChar c : bare) {
        if (c.unicode() <= 32 || c.unicode() >= 127 || QStringView(u"()<>@,;:\\\"[]?=").contains(c))
            return c == u'/';
    }
    return true;
}

Result<QList<MessageBuilder::Attachment>> attachments(const QJsonObject &object)
{
    QList<MessageBuilder::Attachment> list;
    const QJsonValue value = object.value(QStringLiteral("Attachments"));
    if (value.isUndefined() || value.isNull())
        return list;
    if (!value.isArray())
        return invalid(QStringLiteral("Attachments"),
                       QStringLiteral("Attachments must be an array"));
    const QJsonArray array = value.toArray();
    static const QMimeDatabase mimeDatabase;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString field = QStringLiteral("Attachments[%1]").arg(i);
        if (!array.at(i).isObject())
            return invalid(field, field + QStringLiteral(" must be an object"));
        const QJsonObject entry = array.at(i).toObject();
        MessageBuilder::Attachment attachment;
        Result<QString> content =
            optionalString(entry, QStringLiteral("Content"), field + u".Content");
        Result<QString> fileName =
            optionalString(entry, QStringLiteral("Filename"), field + u".Filename");
        Result<QString> type =
            optionalString(entry, QStringLiteral("ContentType"), field + u".ContentType");
        Result<QString> contentId =
            optionalString(entry, QStringLiteral("ContentID"), field + u".ContentID");
        for (const Result<QString> *checked : {&content, &fileName, &type, &contentId}) {
            if (!*checked)
                return checked->error();
        }
        // As Mailpit: a data: URL ("data:image/png;base64,...") is taken for its base64 part.
        QByteArray base64 = content->section(u',', -1).toLatin1();
        base64.replace("\r", "").replace("\n", "").replace(" ", "");
        QByteArray::FromBase64Result decoded =
            QByteArray::fromBase64Encoding(base64, QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return invalid(
                field + u".Content",
                QStringLiteral("%1.Content of \"%2\" is not valid base64").arg(field, *fileName));
        attachment.content = std::move(*decoded);
        attachment.fileName = *fileName;
        if (!type->trimmed().isEmpty()) {
            if (!isContentType(*type))
                return invalid(
                    field + u".ContentType",
                    QStringLiteral("%1.ContentType \"%2\" is not type/subtype").arg(field, *type));
            attachment.contentType = type->section(u';', 0, 0).trimmed().toLower();
        } else {
            // Mailpit sniffs the bytes; the file name and the bytes together guess better.
            attachment.contentType =
                mimeDatabase.mimeTypeForFileNameAndData(attachment.fileName, attachment.content)
                    .name();
        }
        QString id = contentId->trimmed();
        if (id.startsWith(u'<') && id.endsWith(u'>'))
            id = id.mid(1, id.size() - 2);
        attachment.contentId = id;
        list.append(attachment);
    }
    return list;
}

} // namespace

bool ApiSendRoute::isAddress(const QString &address)
{
    const qsizetype at = address.lastIndexOf(u'@');
    if (at <= 0 || at == address.size() - 1 || address.size() > 998)
        return false;
    for (const QChar c : address) {
        if (c.isSpace() || c.unicode() < 32 || c == u'<' || c == u'>' || c == u',' || c == u';'
            || c.unicode() == 127)
            return false;
    }
    const QStringView domain = QStringView(address).sliced(at + 1);
    return !domain.contains(u'@') && !domain.startsWith(u'.') && !domain.endsWith(u'.');
}

Result<std::pair<MessageBuilder::Draft, Envelope>> ApiSendRoute::parse(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error(ErrorCode::MalformedInput,
                     QStringLiteral("invalid JSON body: ") + parseError.errorString());
    if (!document.isObject())
        return Error(ErrorCode::MalformedInput, QStringLiteral("invalid JSON body: not an object"));
    const QJsonObject object = document.object();
    MessageBuilder::Draft draft;

    if (!object.contains(QStringLiteral("From")))
        return invalid(QStringLiteral("From"), QStringLiteral("From is required"));
    Result<MessageBuilder::Mailbox> from =
        mailbox(object.value(QStringLiteral("From")), QStringLiteral("From"));
    if (!from)
        return std::move(from).error();
    draft.from = *from;

    Result<QList<MessageBuilder::Mailbox>> to = mailboxes(object, QStringLiteral("To"), false);
    Result<QList<MessageBuilder::Mailbox>> cc = mailboxes(object, QStringLiteral("Cc"), false);
    Result<QList<MessageBuilder::Mailbox>> bcc = mailboxes(object, QStringLiteral("Bcc"), true);
    Result<QList<MessageBuilder::Mailbox>> replyTo =
        mailboxes(object, QStringLiteral("ReplyTo"), false);
    for (const auto *list : {&to, &cc, &bcc, &replyTo}) {
        if (!*list)
            return list->error();
    }
    draft.to = *to;
    draft.cc = *cc;
    draft.replyTo = *replyTo;
    if (to->isEmpty() && cc->isEmpty() && bcc->isEmpty())
        return invalid(QStringLiteral("To"),
                       QStringLiteral("no recipients: To, Cc or Bcc must hold an address"));

    Result<QString> subject =
        optionalString(object, QStringLiteral("Subject"), QStringLiteral("Subject"));
    Result<QString> text = optionalString(object, QStringLiteral("Text"), QStringLiteral("Text"));
    Result<QString> html = optionalString(object, QStringLiteral("HTML"), QStringLiteral("HTML"));
    for (const Result<QString> *checked : {&subject, &text, &html}) {
        if (!*checked)
            return checked->error();
    }
    if (subject->isEmpty())
        return invalid(QStringLiteral("Subject"), QStringLiteral("Subject is required"));
    if (subject->contains(u'\r') || subject->contains(u'\n'))
        return invalid(QStringLiteral("Subject"),
                       QStringLiteral("Subject must not contain line breaks"));
    draft.subject = *subject;
    draft.text = *text;
    draft.html = *html;

    Result<QList<MessageBuilder::Attachment>> parts = attachments(object);
    if (!parts)
        return std::move(parts).error();
    draft.attachments = *parts;

    QStringList restricted{
        QStringLiteral("To"),      QStringLiteral("From"),         QStringLiteral("Cc"),
        QStringLiteral("Bcc"),     QStringLiteral("Reply-To"),     QStringLiteral("Date"),
        QStringLiteral("Subject"), QStringLiteral("Content-Type"), QStringLiteral("MIME-Version")};
    const QJsonValue tags = object.value(QStringLiteral("Tags"));
    if (!tags.isUndefined() && !tags.isNull()) {
        if (!tags.isArray())
            return invalid(QStringLiteral("Tags"),
                           QStringLiteral("Tags must be an array of strings"));
        QStringList names;
        for (const QJsonValue &tag : tags.toArray()) {
            if (!tag.isString() || tag.toString().contains(u'\n') || tag.toString().contains(u'\r'))
                return invalid(QStringLiteral("Tags"),
                               QStringLiteral("Tags must be an array of one-line strings"));
            names.append(tag.toString().trimmed());
        }
        names.removeAll(QString());
        if (!names.isEmpty()) {
            // Mailpit's header for tags given at send time.
            draft.headers.append({QStringLiteral("X-Tags"), names.join(QStringLiteral(", "))});
            restricted.append(QStringLiteral("X-Tags"));
        }
    }
    const QJsonValue headers = object.value(QStringLiteral("Headers"));
    if (!headers.isUndefined() && !headers.isNull()) {
        if (!headers.isObject())
            return invalid(QStringLiteral("Headers"),
                           QStringLiteral("Headers must be an object {\"Name\": \"value\"}"));
        const QJsonObject fields = headers.toObject();
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            const QString field = QStringLiteral("Headers.") + it.key();
            if (!isFieldName(it.key()))
                return invalid(field,
                               QStringLiteral("\"%1\" is not a header field name").arg(it.key()));
            if (restricted.contains(it.key(), Qt::CaseInsensitive))
                return invalid(field,
                               QStringLiteral("cannot overwrite header: \"%1\"").arg(it.key()));
            if (!it.value().isString())
                return invalid(field, field + QStringLiteral(" must be a string"));
            const QString value = it.value().toString();
            // A line break would start a field of the client's choosing (header injection).
            if (value.contains(u'\r') || value.contains(u'\n'))
                return invalid(field, field + QStringLiteral(" must not contain line breaks"));
            draft.headers.append({it.key(), value});
        }
    }

    Envelope envelope;
    envelope.mailFrom = draft.from.address.toUtf8();
    QSet<QByteArray> seen;
    for (const QList<MessageBuilder::Mailbox> *list : {&draft.to, &draft.cc, &*bcc}) {
        for (const MessageBuilder::Mailbox &entry : *list) {
            const QByteArray address = entry.address.toUtf8();
            if (!seen.contains(address)) {
                seen.insert(address);
                envelope.recipients.append(address);
            }
        }
    }
    const auto nonAscii = [](const QByteArray &bytes) {
        return std::any_of(bytes.cbegin(), bytes.cend(), [](char c) { return uchar(c) >= 0x80; });
    };
    envelope.smtpUtf8 =
        nonAscii(envelope.mailFrom)
        || std::any_of(envelope.recipients.cbegin(), envelope.recipients.cend(), nonAscii);
    draft.messageIdDomain = draft.from.address.section(u'@', -1);
    return std::pair{draft, envelope};
}

Result<ApiSettings::Submission> ApiSendRoute::submission(const QByteArray &body)
{
    Result<std::pair<MessageBuilder::Draft, Envelope>> parsed = parse(body);
    if (!parsed)
        return std::move(parsed).error();
    ApiSettings::Submission submission;
    submission.message = MessageBuilder::build(parsed->first);
    submission.envelope = parsed->second;
    return submission;
}

QString ApiSendRoute::basicUser(const QByteArray &authorization)
{
    const QByteArray value = authorization.trimmed();
    if (!value.startsWith("Basic ") && !value.startsWith("basic "))
        return {};
    const QByteArray decoded = QByteArray::fromBase64(value.mid(6).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    return colon < 0 ? QString() : QString::fromUtf8(decoded.left(colon));
}

QJsonObject ApiSendRoute::answer(qint64 id)
{
    return {{QStringLiteral("ID"), QString::number(id)}};
}
