// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "mailpitjson.h"

namespace {

QJsonObject attachment(const MessageAttachment &part)
{
    return {{QStringLiteral("PartID"), QString::number(part.partIndex)},
            {QStringLiteral("FileName"), part.fileName},
            {QStringLiteral("ContentType"), part.contentType},
            {QStringLiteral("ContentID"), part.contentId},
            {QStringLiteral("Size"), part.size}};
}

QJsonValue fromValue(const ApiMessage &message)
{
    // Mailpit sends null for a message without a From address.
    return message.from ? QJsonValue(MailpitJson::address(*message.from)) : QJsonValue();
}

} // namespace

QString MailpitJson::id(qint64 storeId)
{
    return QString::number(storeId);
}

QString MailpitJson::time(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(Qt::ISODateWithMs); // "Z", as Mailpit writes it
}

QJsonObject MailpitJson::address(const ApiMessage::Address &address)
{
    return {{QStringLiteral("Name"), address.name}, {QStringLiteral("Address"), address.address}};
}

QJsonArray MailpitJson::addresses(const QList<ApiMessage::Address> &addresses)
{
    QJsonArray array;
    for (const ApiMessage::Address &entry : addresses)
        array.append(address(entry));
    return array;
}

QJsonObject MailpitJson::summary(const ApiMessage &message)
{
    const StoredMessage &stored = message.stored;
    return {{QStringLiteral("ID"), id(stored.id)},
            // Mailpit gives the Message-ID without its angle brackets.
            {QStringLiteral("MessageID"),
             QString(stored.messageId).trimmed().remove(u'<').remove(u'>')},
            {QStringLiteral("Read"), stored.read},
            {QStringLiteral("From"), fromValue(message)},
            {QStringLiteral("To"), addresses(message.to)},
            {QStringLiteral("Cc"), addresses(message.cc)},
            {QStringLiteral("Bcc"), addresses(message.bcc)},
            {QStringLiteral("ReplyTo"), addresses(message.replyTo)},
            {QStringLiteral("Subject"), message.parts.subject},
            {QStringLiteral("Created"), time(stored.received)},
            {QStringLiteral("Username"), stored.authUser},
            {QStringLiteral("Tags"), QJsonArray()},
            {QStringLiteral("Size"), stored.size},
            {QStringLiteral("Attachments"), message.attachmentCount},
            {QStringLiteral("Snippet"), message.snippet}};
}

QJsonObject MailpitJson::list(const ListCounts &counts, const QList<ApiMessage> &messages)
{
    QJsonArray items;
    for (const ApiMessage &message : messages)
        items.append(summary(message));
    return {{QStringLiteral("total"), counts.total},
            {QStringLiteral("unread"), counts.unread},
            {QStringLiteral("count"), messages.size()},
            {QStringLiteral("messages_count"), counts.matched},
            {QStringLiteral("messages_unread"), counts.matchedUnread},
            {QStringLiteral("start"), counts.start},
            {QStringLiteral("tags"), QJsonArray()},
            {QStringLiteral("messages"), items}};
}

QJsonObject MailpitJson::message(const ApiMessage &message)
{
    const StoredMessage &stored = message.stored;
    QJsonArray inlineParts;
    QJsonArray attachments;
    for (const MessageAttachment &part : message.parts.attachments)
        (part.isInline ? inlineParts : attachments).append(attachment(part));
    // The parts the HTML shows by cid: are Mailpit's Inline too.
    for (const MessageAttachment &part : message.parts.inlineImages)
        inlineParts.append(attachment(part));
    QJsonObject object = summary(message);
    object.remove(QStringLiteral("Read"));
    object.remove(QStringLiteral("Created"));
    object.remove(QStringLiteral("Attachments"));
    object.remove(QStringLiteral("Snippet"));
    object.insert(QStringLiteral("ReturnPath"), message.returnPath);
    object.insert(QStringLiteral("Date"), time(message.date));
    object.insert(QStringLiteral("Text"), message.parts.text);
    object.insert(QStringLiteral("HTML"), message.parts.html);
    object.insert(QStringLiteral("Inline"), inlineParts);
    object.insert(QStringLiteral("Attachments"), attachments);
    object.insert(QStringLiteral("Size"), stored.size);
    return object;
}

QJsonObject MailpitJson::headers(const QList<MessageHeader> &headers)
{
    QJsonObject object;
    for (const MessageHeader &header : headers) {
        QJsonArray values = object.value(header.name).toArray();
        values.append(header.value);
        object.insert(header.name, values);
    }
    return object;
}

QJsonObject MailpitJson::info(const Info &info)
{
    const QJsonObject runtime{{QStringLiteral("Uptime"), info.uptimeSeconds},
                              {QStringLiteral("Memory"), info.memoryBytes},
                              {QStringLiteral("MessagesDeleted"), qint64(info.messagesDeleted)},
                              {QStringLiteral("SMTPAccepted"), qint64(info.smtpAccepted)},
                              {QStringLiteral("SMTPAcceptedSize"), qint64(info.smtpAcceptedSize)},
                              {QStringLiteral("SMTPRejected"), qint64(info.smtpRejected)},
                              {QStringLiteral("SMTPIgnored"), 0}};
    return {{QStringLiteral("Version"), info.version},
            {QStringLiteral("LatestVersion"), QString()},
            {QStringLiteral("Database"), info.database},
            {QStringLiteral("DatabaseSize"), info.databaseSize},
            {QStringLiteral("Messages"), info.messages},
            {QStringLiteral("Unread"), info.unread},
            {QStringLiteral("Tags"), QJsonObject()},
            {QStringLiteral("RuntimeStats"), runtime}};
}
