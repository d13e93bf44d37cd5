// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apimessage.h"

#include <QSet>

namespace {

// The envelope recipients (RCPT TO) that neither To nor Cc names. A hash set of what the headers
// name, so a message with thousands of recipients stays linear.
QList<ApiMessage::Address> blindCopies(const StoredMessage &stored,
                                       const QList<ApiMessage::Address> &to,
                                       const QList<ApiMessage::Address> &cc)
{
    QSet<QString> visible;
    for (const QList<ApiMessage::Address> *list : {&to, &cc}) {
        for (const ApiMessage::Address &address : *list)
            visible.insert(address.address.toLower());
    }
    QList<ApiMessage::Address> bcc;
    for (const QByteArray &recipient : stored.recipients) {
        const QString address = QString::fromUtf8(recipient);
        if (!visible.contains(address.toLower())) {
            visible.insert(address.toLower());
            bcc.append({QString(), address});
        }
    }
    return bcc;
}

void takeOverview(ApiMessage &message, const MessageOverview &overview)
{
    message.from = overview.from;
    message.to = overview.to;
    message.cc = overview.cc;
    message.replyTo = overview.replyTo;
    message.snippet = overview.snippet;
    message.attachmentCount = overview.attachmentCount;
    message.bcc = blindCopies(message.stored, message.to, message.cc);
}

} // namespace

QList<ApiMessage::Address> ApiMessage::parseAddresses(QByteArrayView headerValue)
{
    return MessageOverview::parseAddresses(headerValue);
}

ApiMessage ApiMessage::parse(const StoredMessage &stored, const QByteArray &raw)
{
    ApiMessage message;
    message.stored = stored;
    message.parts = MessageParts::parse(raw);
    const MessageParts &parts = message.parts;
    takeOverview(message, MessageOverview::fromParts(parts));
    QByteArray returnPathValue;
    for (const MessageHeader &header : parts.headers) {
        if (header.name.compare(QLatin1StringView("Return-Path"), Qt::CaseInsensitive) == 0) {
            const qsizetype colon = header.raw.indexOf(':');
            returnPathValue = colon < 0 ? QByteArray() : header.raw.mid(colon + 1);
            break;
        }
    }
    const QList<Address> returnPath = parseAddresses(returnPathValue);
    message.returnPath =
        returnPath.isEmpty() ? QString::fromUtf8(stored.mailFrom) : returnPath.first().address;
    message.date = parts.date.isValid() ? parts.date : stored.received;
    return message;
}

ApiMessage ApiMessage::fromOverview(const StoredMessage &stored, const MessageOverview &overview)
{
    ApiMessage message;
    message.stored = stored;
    message.parts.subject = stored.subject;
    takeOverview(message, overview);
    message.returnPath = QString::fromUtf8(stored.mailFrom);
    message.date = stored.received;
    return message;
}
