// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "messageparts.h"

#include "charsetdecoder.h"
#include "mimedocument.h"

#include <QSet>

#include <new>

namespace {

using Leaf = MimeDocument::Leaf;

QString addressList(InternetAddressList *list)
{
    if (!list || internet_address_list_length(list) == 0)
        return {};
    // encode = FALSE: display names come out decoded, in UTF-8.
    const GCharPtr text(internet_address_list_to_string(list, nullptr, FALSE));
    return QString::fromUtf8(text.get());
}

QDateTime dateOf(GMimeMessage *message)
{
    GDateTime *date = g_mime_message_get_date(message); // owned by the message
    if (!date)
        return {};
    const int offsetSeconds = int(g_date_time_get_utc_offset(date) / G_TIME_SPAN_SECOND);
    return QDateTime::fromSecsSinceEpoch(g_date_time_to_unix(date), Qt::OffsetFromUTC,
                                         offsetSeconds);
}

/// The body of `leaf` as text with "\n" line breaks, noting in `warnings` what went wrong.
QString bodyText(const MimeDocument &document, const Leaf &leaf, QStringList *warnings)
{
    bool decoded = false;
    const QByteArray bytes = document.content(leaf, &decoded);
    if (!decoded)
        warnings->append(QStringLiteral("could not decode the content of part %1").arg(leaf.index));
    const QByteArray charset = document.charset(leaf);
    const CharsetDecoder::Decoded result = CharsetDecoder::decode(bytes, charset);
    switch (result.status) {
    case CharsetDecoder::Status::Ok:
    case CharsetDecoder::Status::Undeclared8Bit:
        break;
    case CharsetDecoder::Status::Unknown:
        warnings->append(QStringLiteral("unknown charset %1 in part %2")
                             .arg(QString::fromLatin1(charset))
                             .arg(leaf.index));
        break;
    case CharsetDecoder::Status::Invalid:
        warnings->append(result.invalidSequences > 0
                             ? QStringLiteral("%1 invalid byte sequences for charset %2 in part %3")
                                   .arg(result.invalidSequences)
                                   .arg(QString::fromLatin1(charset))
                                   .arg(leaf.index)
                             : QStringLiteral("invalid %1 in part %2")
                                   .arg(QString::fromLatin1(charset))
                                   .arg(leaf.index));
        break;
    }
    QString text = result.text;
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    return text;
}

bool isBodyType(const Leaf &leaf)
{
    return leaf.contentType == "text/plain" || leaf.contentType == "text/html";
}

void fill(MessageParts &parts, const MimeDocument &document)
{
    GMimeMessage *message = document.message();
    if (message) {
        for (const MimeDocument::HeaderField &field : document.headers()) {
            parts.headers.append(
                {QString::fromUtf8(field.name), field.value, field.rawName + ':' + field.rawValue});
        }
        parts.subject = QString::fromUtf8(g_mime_message_get_subject(message));
        parts.from = addressList(g_mime_message_get_from(message));
        parts.to = addressList(g_mime_message_get_to(message));
        parts.cc = addressList(g_mime_message_get_cc(message));
        parts.date = dateOf(message);
    }

    QStringList bodyWarnings;
    if (const Leaf *leaf = document.leaf(document.textLeaf()))
        parts.text = bodyText(document, *leaf, &bodyWarnings);
    if (const Leaf *leaf = document.leaf(document.htmlLeaf()))
        parts.html = bodyText(document, *leaf, &bodyWarnings);

    const QStringList references = MimeDocument::cidReferences(parts.html);
    const QSet<QString> referenced(references.cbegin(), references.cend());
    for (const Leaf &leaf : document.leaves()) {
        if (leaf.index == document.textLeaf() || leaf.index == document.htmlLeaf())
            continue;
        // The plainer or richer twin of a chosen body says the same thing again.
        if (leaf.inAlternative && !leaf.isMessage && !leaf.attachmentDisposition
            && isBodyType(leaf))
            continue;
        MessageAttachment attachment;
        attachment.partIndex = leaf.index;
        attachment.fileName = document.fileName(leaf);
        attachment.contentType = QString::fromLatin1(leaf.contentType);
        attachment.contentId = document.contentId(leaf);
        attachment.size = document.contentSize(leaf);
        const bool shownByCid =
            !attachment.contentId.isEmpty() && referenced.contains(attachment.contentId);
        attachment.isInline = leaf.inlineDisposition || shownByCid;
        if (shownByCid && !leaf.attachmentDisposition)
            parts.inlineImages.append(attachment);
        else
            parts.attachments.append(attachment);
    }

    if (document.bounds().isCut())
        parts.warnings.append(document.bounds().describe()
                              + QStringLiteral("; the rest is not shown"));
    if (document.bounds().isShortened())
        parts.warnings.append(document.bounds().describeShortening());
    for (const MimeDocument::Problem &problem : document.problems())
        parts.warnings.append(problem.text);
    if (document.droppedProblems() > 0) {
        parts.warnings.append(
            QStringLiteral("%1 more parser warnings not shown").arg(document.droppedProblems()));
    }
    parts.warnings.append(bodyWarnings);
    if (message && document.textLeaf() < 0 && document.htmlLeaf() < 0)
        parts.warnings.append(QStringLiteral("no text or HTML body"));
}

} // namespace

MessageParts MessageParts::parse(const QByteArray &raw)
{
    MessageParts parts;
    try {
        const MimeDocument document(raw);
        fill(parts, document);
    } catch (const std::bad_alloc &) {
        // Only Qt containers throw here (GMime aborts on allocation failure instead); what was
        // filled so far is still worth showing.
        parts.warnings.append(QStringLiteral("out of memory while reading the message"));
    }
    return parts;
}

std::optional<QByteArray> MessageParts::partContent(const QByteArray &raw, int partIndex)
{
    try {
        const MimeDocument document(raw);
        const MimeDocument::Leaf *leaf = document.leaf(partIndex);
        if (!leaf)
            return std::nullopt;
        return document.content(*leaf);
    } catch (const std::bad_alloc &) {
        return std::nullopt;
    }
}

std::optional<MessageAttachment> MessageParts::findByContentId(const MessageParts &parts,
                                                               const QString &contentId)
{
    QStringView id(contentId);
    // Accept the form written in a Content-ID field too.
    if (id.size() >= 2 && id.startsWith(u'<') && id.endsWith(u'>'))
        id = id.sliced(1, id.size() - 2);
    if (id.isEmpty())
        return std::nullopt;
    for (const QList<MessageAttachment> *list : {&parts.inlineImages, &parts.attachments}) {
        for (const MessageAttachment &attachment : *list) {
            if (attachment.contentId == id)
                return attachment;
        }
    }
    return std::nullopt;
}
