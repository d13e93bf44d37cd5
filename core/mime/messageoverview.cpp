// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "messageoverview.h"

#include "mime/gmimeheaders.h"
#include "mime/gmimeinit.h"
#include "mime/gobjectptr.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {

using Address = MessageOverview::Address;

void collect(InternetAddressList *list, QList<Address> *out, int depth)
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
    QString text = html.left(MessageOverview::kParsedBytes);
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
    text = text.left(MessageOverview::kSnippetLength * 8)
               .replace(space, QStringLiteral(" "))
               .trimmed();
    if (text.size() > MessageOverview::kSnippetLength)
        text = text.left(MessageOverview::kSnippetLength).trimmed() + QStringLiteral("...");
    return text;
}

QJsonArray toArray(const QList<Address> &addresses)
{
    QJsonArray array;
    for (const Address &address : addresses)
        array.append(QJsonArray{address.name, address.address});
    return array;
}

std::optional<QList<Address>> fromArray(const QJsonValue &value)
{
    if (!value.isArray())
        return std::nullopt;
    QList<Address> addresses;
    for (const QJsonValue &entry : value.toArray()) {
        const QJsonArray pair = entry.toArray();
        if (pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString())
            return std::nullopt;
        addresses.append({pair.at(0).toString(), pair.at(1).toString()});
    }
    return addresses;
}

} // namespace

QList<Address> MessageOverview::parseAddresses(QByteArrayView headerValue)
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

MessageOverview MessageOverview::fromParts(const MessageParts &parts)
{
    MessageOverview overview;
    const QList<Address> from = parseAddresses(rawValue(parts, QLatin1StringView("From")));
    if (!from.isEmpty())
        overview.from = from.first();
    overview.to = parseAddresses(rawValue(parts, QLatin1StringView("To")));
    overview.cc = parseAddresses(rawValue(parts, QLatin1StringView("Cc")));
    overview.replyTo = parseAddresses(rawValue(parts, QLatin1StringView("Reply-To")));
    overview.snippet = snippetOf(parts);
    for (const MessageAttachment &attachment : parts.attachments) {
        if (!attachment.isInline)
            ++overview.attachmentCount;
    }
    return overview;
}

MessageOverview MessageOverview::parse(const QByteArray &raw)
{
    return fromParts(MessageParts::parse(raw.left(kParsedBytes)));
}

QByteArray MessageOverview::toJson() const
{
    QJsonObject object{{QStringLiteral("to"), toArray(to)},
                       {QStringLiteral("cc"), toArray(cc)},
                       {QStringLiteral("replyTo"), toArray(replyTo)},
                       {QStringLiteral("snippet"), snippet},
                       {QStringLiteral("attachments"), attachmentCount}};
    if (from)
        object.insert(QStringLiteral("from"), toArray({*from}));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<MessageOverview> MessageOverview::fromJson(QByteArrayView json)
{
    if (json.isEmpty())
        return std::nullopt;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray());
    if (!document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    MessageOverview overview;
    const std::optional<QList<Address>> to = fromArray(object.value(QStringLiteral("to")));
    const std::optional<QList<Address>> cc = fromArray(object.value(QStringLiteral("cc")));
    const std::optional<QList<Address>> replyTo =
        fromArray(object.value(QStringLiteral("replyTo")));
    const QJsonValue snippet = object.value(QStringLiteral("snippet"));
    const QJsonValue attachments = object.value(QStringLiteral("attachments"));
    if (!to || !cc || !replyTo || !snippet.isString() || !attachments.isDouble())
        return std::nullopt;
    overview.to = *to;
    overview.cc = *cc;
    overview.replyTo = *replyTo;
    overview.snippet = snippet.toString();
    overview.attachmentCount = attachments.toInt();
    if (object.contains(QStringLiteral("from"))) {
        const std::optional<QList<Address>> from = fromArray(object.value(QStringLiteral("from")));
        if (!from || from->size() != 1)
            return std::nullopt;
        overview.from = from->first();
    }
    return overview;
}
