// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "messagebuilder.h"

#include "mime/gmimeinit.h"
#include "mime/gobjectptr.h"

namespace {

struct DateTimeUnref
{
    void operator()(GDateTime *time) const { g_date_time_unref(time); }
};

// Text bodies are handed over with LF line ends; the CRLF output format writes them as CRLF.
QByteArray unixLines(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    utf8.replace("\r\n", "\n");
    utf8.replace('\r', '\n');
    return utf8;
}

GObjectPtr<GMimeObject> textPart(const char *subtype, const QString &text)
{
    GMimeTextPart *part = g_mime_text_part_new_with_subtype(subtype);
    // Picks the charset (us-ascii, iso-8859-1 or utf-8) and says it in Content-Type.
    g_mime_text_part_set_text(part, unixLines(text).constData());
    return GObjectPtr<GMimeObject>(&part->parent_object.parent_object);
}

GObjectPtr<GMimeObject> attachmentPart(const MessageBuilder::Attachment &attachment)
{
    const QByteArray type = attachment.contentType.toUtf8();
    const qsizetype slash = type.indexOf('/');
    const QByteArray major = slash > 0 ? type.left(slash) : QByteArray("application");
    const QByteArray minor = slash > 0 ? type.mid(slash + 1) : QByteArray("octet-stream");
    GMimePart *part = g_mime_part_new_with_type(major.constData(), minor.constData());
    GObjectPtr<GMimeObject> object(&part->parent_object);
    GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(
        attachment.content.constData(), size_t(attachment.content.size())));
    GObjectPtr<GMimeDataWrapper> wrapper(
        g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
    g_mime_part_set_content(part, wrapper.get());
    g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
    g_mime_object_set_disposition(object.get(),
                                  attachment.contentId.isEmpty() ? "attachment" : "inline");
    if (!attachment.fileName.isEmpty())
        g_mime_part_set_filename(part, attachment.fileName.toUtf8().constData());
    if (!attachment.contentId.isEmpty())
        g_mime_part_set_content_id(part, attachment.contentId.toUtf8().constData());
    return object;
}

GObjectPtr<GMimeObject> multipart(const char *subtype, std::vector<GObjectPtr<GMimeObject>> parts)
{
    GMimeMultipart *multipart = g_mime_multipart_new_with_subtype(subtype);
    for (const GObjectPtr<GMimeObject> &part : parts)
        g_mime_multipart_add(multipart, part.get()); // takes a reference of its own
    return GObjectPtr<GMimeObject>(&multipart->parent_object);
}

void addMailboxes(GMimeMessage *message, GMimeAddressType type,
                  const QList<MessageBuilder::Mailbox> &mailboxes)
{
    for (const MessageBuilder::Mailbox &mailbox : mailboxes) {
        const QByteArray name = mailbox.name.toUtf8();
        g_mime_message_add_mailbox(message, type, name.isEmpty() ? nullptr : name.constData(),
                                   mailbox.address.toUtf8().constData());
    }
}

} // namespace

QByteArray MessageBuilder::build(const Draft &draft)
{
    ensureGMimeInitialized();

    // The body: text and HTML, as alternatives when there are both. A message with neither
    // gets an empty text part, as every message has a body.
    GObjectPtr<GMimeObject> body;
    if (!draft.html.isEmpty() && !draft.text.isEmpty()) {
        std::vector<GObjectPtr<GMimeObject>> alternatives;
        alternatives.push_back(textPart("plain", draft.text));
        alternatives.push_back(textPart("html", draft.html));
        body = multipart("alternative", std::move(alternatives));
    } else if (!draft.html.isEmpty()) {
        body = textPart("html", draft.html);
    } else {
        body = textPart("plain", draft.text);
    }

    std::vector<GObjectPtr<GMimeObject>> inlineParts;
    std::vector<GObjectPtr<GMimeObject>> attachments;
    for (const Attachment &attachment : draft.attachments)
        (attachment.contentId.isEmpty() ? attachments : inlineParts)
            .push_back(attachmentPart(attachment));
    if (!inlineParts.empty()) {
        const char *rootType = draft.html.isEmpty()   ? "text/plain"
                               : draft.text.isEmpty() ? "text/html"
                                                      : "multipart/alternative";
        inlineParts.insert(inlineParts.begin(), std::move(body));
        body = multipart("related", std::move(inlineParts));
        // RFC 2387 §3.1: "type" names the root part's content type.
        g_mime_object_set_content_type_parameter(body.get(), "type", rootType);
    }
    if (!attachments.empty()) {
        attachments.insert(attachments.begin(), std::move(body));
        body = multipart("mixed", std::move(attachments));
    }

    GObjectPtr<GMimeMessage> message(g_mime_message_new(TRUE));
    GMimeObject *top = &message->parent_object;
    addMailboxes(message.get(), GMIME_ADDRESS_TYPE_FROM, {draft.from});
    addMailboxes(message.get(), GMIME_ADDRESS_TYPE_REPLY_TO, draft.replyTo);
    addMailboxes(message.get(), GMIME_ADDRESS_TYPE_TO, draft.to);
    addMailboxes(message.get(), GMIME_ADDRESS_TYPE_CC, draft.cc);
    g_mime_message_set_subject(message.get(), draft.subject.toUtf8().constData(), "utf-8");
    const QDateTime date = draft.date.isValid() ? draft.date : QDateTime::currentDateTime();
    const std::unique_ptr<GDateTime, DateTimeUnref> gdate(
        g_date_time_new_from_unix_local(date.toSecsSinceEpoch()));
    g_mime_message_set_date(message.get(), gdate.get());
    bool messageIdGiven = false;
    for (const auto &[name, value] : draft.headers) {
        if (name.compare(u"Message-ID", Qt::CaseInsensitive) == 0) {
            messageIdGiven = true;
            QString id = value.trimmed();
            if (id.startsWith(u'<') && id.endsWith(u'>'))
                id = id.mid(1, id.size() - 2);
            g_mime_message_set_message_id(message.get(), id.toUtf8().constData());
            continue;
        }
        g_mime_object_append_header(top, name.toUtf8().constData(), value.toUtf8().constData(),
                                    "utf-8");
    }
    if (!messageIdGiven) {
        const GCharPtr id(g_mime_utils_generate_message_id(
            draft.messageIdDomain.isEmpty() ? "localhost"
                                            : draft.messageIdDomain.toUtf8().constData()));
        g_mime_message_set_message_id(message.get(), id.get());
    }
    g_mime_message_set_mime_part(message.get(), body.get());
    // Quoted-printable or base64 where the bytes are not 7-bit text with short lines.
    g_mime_object_encode(top, GMIME_ENCODING_CONSTRAINT_7BIT);

    const GMimeFormatOptionsPtr options(g_mime_format_options_new());
    g_mime_format_options_set_newline_format(options.get(), GMIME_NEWLINE_FORMAT_DOS);
    GObjectPtr<GMimeStream> out(g_mime_stream_mem_new());
    g_mime_object_write_to_stream(top, options.get(), out.get());
    GByteArray *bytes = g_mime_stream_mem_get_byte_array(
        gobjectCast<GMimeStreamMem>(out.get(), GMIME_TYPE_STREAM_MEM));
    return QByteArray(reinterpret_cast<const char *>(bytes->data), qsizetype(bytes->len));
}
