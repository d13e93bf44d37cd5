// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apimessage.h"

#include "mime/gmimeheaders.h"
#include "mime/gmimeinit.h"
#include "mime/gobjectptr.h"

#include <QRegularExpression>
#include <QSet>

namespace {

void collect(InternetAddressList *list, QList<ApiMessage::Address> *out, int depth)
{
    // RFC 5322 groups do not nest; a hostile message that nests them anyway stops here.
    if (!list || depth > 2)
        return;
    const int count = internet_address_list_length(list);
    for (int i = 0; i < count; ++i) {
        InternetAddress *address = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_GROUP(address)) {
            collect(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), out,
                    depth + 1);
            continue;
        }
        if (!INTERNET_ADDRESS_IS_MAILBOX(address))
            continue;
        const char *addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
        const char *name = internet_address_get_name(address);
        if (!addr || !*addr)
            continue;
        out->append({QString::fromUtf8(name ? name : ""), QString::fromUtf8(addr)});
    }
}

// The value of the first header field `name`, as stored (after the colon, still folded).
QByteArray rawValue(const MessageParts &parts, QLatin1StringView name)
{
    for (const MessageHeader &header : parts.headers) {
        if (header.name.compare(name, Qt::CaseInsensitive) == 0) {
            const qsizetype colon = header.raw.indexOf(':');
            return colon < 0 ? QByteArray() : header.raw.mid(colon + 1);
        }
    }
    return {};
}

// The words of an HTML body, roughly: enough for a one-line snippet (QTextDocument would need
// Qt Gui, which core does not link).
QString htmlWords(const QString &html)
{
    static const QRegularExpression hidden(QStringLiteral("<(style|script|head)\\b.*?</\\1\\s*>"),
                                           QRegularExpression::CaseInsensitiveOption
                                               | QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression tag(QStringLiteral("<[^>]*>"));
    QString text = html.left(ApiMessage::kSummaryBytes);
    text.remove(hidden).replace(tag, QStringLiteral(" "));
    text.replace(QStringLiteral("&nbsp;"), QStringLiteral(" "))
        .replace(QStringLiteral("&lt;"), QStringLiteral("<"))
        .replace(QStringLiteral("&gt;"), QStringLiteral(">"))
        .replace(QStringLiteral("&quot;"), QStringLiteral("\""))
        .replace(QStringLiteral("&amp;"), QStringLiteral("&"));
    return text;
}

QString snippetOf(const MessageParts &parts)
{
    QString text = parts.text;
    if (text.trimmed().isEmpty() && !parts.html.isEmpty())
        text = htmlWords(parts.html);
    static const QRegularExpression space(QStringLiteral("\\s+"));
    text = text.left(ApiMessage::kSnippetLength * 8).replace(space, QStringLiteral(" ")).trimmed();
    if (text.size() > ApiMessage::kSnippetLength)
        text = text.left(ApiMessage::kSnippetLength).trimmed() + QStringLiteral("...");
    return text;
}

} // namespace

QList<ApiMessage::Address> ApiMessage::parseAddresses(QByteArrayView headerValue)
{
    QList<Address> result;
    const QByteArray value = headerValue.trimmed().toByteArray();
    if (value.isEmpty())
        return result;
    ensureGMimeInitialized();
    GObjectPtr<InternetAddressList> list(internet_address_list_parse(nullptr, value.constData()));
    collect(list.get(), &result, 0);
    return result;
}

ApiMessage ApiMessage::parse(const StoredMessage &stored, const QByteArray &raw)
{
    ApiMessage message;
    message.stored = stored;
    message.parts = MessageParts::parse(raw);
    const MessageParts &parts = message.parts;

    const QList<Address> from = parseAddresses(rawValue(parts, QLatin1StringView("From")));
    if (!from.isEmpty())
        message.from = from.first();
    message.to = parseAddresses(rawValue(parts, QLatin1StringView("To")));
    message.cc = parseAddresses(rawValue(parts, QLatin1StringView("Cc")));
    message.replyTo = parseAddresses(rawValue(parts, QLatin1StringView("Reply-To")));
    const QList<Address> returnPath =
        parseAddresses(rawValue(parts, QLatin1StringView("Return-Path")));
    message.returnPath =
        returnPath.isEmpty() ? QString::fromUtf8(stored.mailFrom) : returnPath.first().address;

    // A hash set of what the headers name, so a message with thousands of recipients stays
    // linear.
    QSet<QString> visible;
    for (const QList<Address> *list : {&message.to, &message.cc}) {
        for (const Address &address : *list)
            visible.insert(address.address.toLower());
    }
    for (const QByteArray &recipient : stored.recipients) {
        const QString address = QString::fromUtf8(recipient);
        if (!visible.contains(address.toLower())) {
            visible.insert(address.toLower());
            message.bcc.append({QString(), address});
        }
    }

    message.date = parts.date.isValid() ? parts.date : stored.received;
    message.snippet = snippetOf(parts);
    for (const MessageAttachment &attachment : parts.attachments) {
        if (!attachment.isInline)
            ++message.attachmentCount;
    }
    return message;
}
