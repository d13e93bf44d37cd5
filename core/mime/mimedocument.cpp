// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "mimedocument.h"

#include "gmimeinit.h"

#include <QSet>

#include <algorithm>

namespace {

// Tried in order for 8-bit header text without an RFC 2047 charset. Latin-1 maps every byte,
// so the list always ends in a result.
const char *kFallbackCharsets[] = {"UTF-8", "ISO-8859-1", nullptr};

// A warning's `item` is a header name, parameter or, for junk, the junk itself: keep it short
// and printable.
constexpr qsizetype kMaxItemLength = 60;

QString printable(const char *item)
{
    if (!item)
        return {};
    QByteArrayView bytes(item);
    const bool cut = bytes.size() > kMaxItemLength;
    QByteArray text = bytes.first(std::min(bytes.size(), kMaxItemLength)).toByteArray();
    for (char &c : text) {
        if (c < 0x20 || c > 0x7e)
            c = '?';
    }
    if (cut)
        text += "...";
    return QString::fromLatin1(text);
}

QByteArray lowerMimeType(GMimeObject *object)
{
    GMimeContentType *type = g_mime_object_get_content_type(object);
    if (!type)
        return QByteArrayLiteral("application/octet-stream");
    const GCharPtr mimeType(g_mime_content_type_get_mime_type(type));
    return mimeType ? QByteArray(mimeType.get()).toLower()
                    : QByteArrayLiteral("application/octet-stream");
}

bool isType(GMimeObject *object, const char *type, const char *subtype)
{
    GMimeContentType *contentType = g_mime_object_get_content_type(object);
    return contentType && g_mime_content_type_is_type(contentType, type, subtype);
}

QByteArray chopLineBreak(const char *value)
{
    QByteArray bytes(value ? value : "");
    while (bytes.endsWith('\n') || bytes.endsWith('\r'))
        bytes.chop(1);
    return bytes;
}

} // namespace

MimeDocument::MimeDocument(QByteArrayView raw, MimeBounds::Extent extent)
{
    ensureGMimeInitialized();
    m_options.reset(g_mime_parser_options_new());
    if (!m_options) {
        addProblem(true, QStringLiteral("GMime could not allocate parser options"));
        return;
    }
    g_mime_parser_options_set_fallback_charsets(m_options.get(), kFallbackCharsets);
    g_mime_parser_options_set_warning_callback(m_options.get(), &MimeDocument::onParserWarning,
                                               this);

    m_bounds = MimeBounds::scan(raw, extent);
    QByteArray bounded;
    if (m_bounds.isCut() || m_bounds.isShortened()) {
        bounded = m_bounds.boundedMessage(raw);
        raw = bounded;
    }

    // The memory stream copies the bytes once; being seekable, it lets the parser keep part
    // contents as substreams instead of copying each again. GMime refuses a null buffer, which
    // is what an empty QByteArray has.
    const GObjectPtr<GMimeStream> stream(
        raw.isEmpty() ? g_mime_stream_mem_new()
                      : g_mime_stream_mem_new_with_buffer(raw.data(), size_t(raw.size())));
    if (!stream) {
        addProblem(true, QStringLiteral("GMime could not allocate a stream"));
        return;
    }
    const GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    if (!parser) {
        addProblem(true, QStringLiteral("GMime could not allocate a parser"));
        return;
    }
    g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
    m_message.reset(g_mime_parser_construct_message(parser.get(), m_options.get()));
    if (!m_message) {
        addProblem(true, raw.isEmpty()
                             ? QStringLiteral("empty message")
                             : QStringLiteral("no header block could be read; not a message"));
        return;
    }
    collectHeaders();
    if (GMimeObject *body = g_mime_message_get_mime_part(m_message.get()))
        walk(body, 0, false);
}

MimeDocument::~MimeDocument() = default;

void MimeDocument::onParserWarning(gint64 offset, GMimeParserWarning code, const gchar *item,
                                   gpointer self)
{
    const QString what = printable(item);
    bool structural = false;
    QString text;
    switch (code) {
    case GMIME_WARN_DUPLICATED_HEADER:
        text = QStringLiteral("header %1 repeated").arg(what);
        break;
    case GMIME_WARN_DUPLICATED_PARAMETER:
        text = QStringLiteral("parameter %1 repeated").arg(what);
        break;
    case GMIME_WARN_UNENCODED_8BIT_HEADER:
        text = QStringLiteral("unencoded 8-bit text in header %1").arg(what);
        break;
    case GMIME_WARN_INVALID_CONTENT_TYPE:
        structural = true;
        text =
            QStringLiteral("invalid Content-Type %1; read as application/octet-stream").arg(what);
        break;
    case GMIME_WARN_INVALID_RFC2047_HEADER_VALUE:
        text = QStringLiteral("invalid RFC 2047 encoded word in %1").arg(what);
        break;
    case GMIME_WARN_MALFORMED_MULTIPART:
        structural = true;
        text = QStringLiteral("multipart/%1 ends without its closing boundary").arg(what);
        break;
    case GMIME_WARN_TRUNCATED_MESSAGE:
        structural = true;
        text = QStringLiteral("message truncated: it ends inside the header block or before a "
                              "multipart's closing boundary");
        break;
    case GMIME_WARN_MALFORMED_MESSAGE:
        structural = true;
        text = QStringLiteral("malformed message");
        break;
    case GMIME_CRIT_INVALID_HEADER_NAME:
        text = QStringLiteral("invalid header line %1").arg(what);
        break;
    case GMIME_CRIT_CONFLICTING_HEADER:
        text = QStringLiteral("header %1 repeated with a different value").arg(what);
        break;
    case GMIME_CRIT_CONFLICTING_PARAMETER:
        text = QStringLiteral("parameter %1 repeated with a different value").arg(what);
        break;
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
        structural = true;
        text = QStringLiteral("multipart/%1 without a boundary parameter").arg(what);
        break;
    case GMIME_WARN_INVALID_PARAMETER:
        text = QStringLiteral("invalid parameter %1").arg(what);
        break;
    case GMIME_WARN_INVALID_ADDRESS_LIST:
        text = QStringLiteral("invalid address list %1").arg(what);
        break;
    case GMIME_CRIT_NESTING_OVERFLOW:
        structural = true;
        text = QStringLiteral("MIME parts nested too deeply for GMime");
        break;
    case GMIME_WARN_PART_WITHOUT_CONTENT:
        text = QStringLiteral("part without content");
        break;
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
        structural = true;
        text = QStringLiteral("part without headers or content");
        break;
    }
    if (text.isEmpty())
        text = QStringLiteral("GMime warning %1 %2").arg(int(code)).arg(what);
    auto *document = static_cast<MimeDocument *>(self);
    if (offset >= 0)
        text += QStringLiteral(" (at byte %1)").arg(document->m_bounds.originalOffset(offset));
    document->addProblem(structural, text);
}

void MimeDocument::addProblem(bool structural, const QString &text)
{
    if (m_problems.size() >= kMaxProblems) {
        ++m_droppedProblems;
        return;
    }
    m_problems.append({structural, text});
}

void MimeDocument::collectHeaders()
{
    // GMime files the top-level Content-* fields under the body part and the rest under the
    // message; the offsets put them back in the order they were written.
    const auto append = [this](GMimeObject *object) {
        GMimeHeaderList *list = object ? g_mime_object_get_header_list(object) : nullptr;
        const int count = list ? g_mime_header_list_get_count(list) : 0;
        for (int i = 0; i < count; ++i) {
            GMimeHeader *header = g_mime_header_list_get_header_at(list, i);
            if (!header || g_mime_header_get_offset(header) < 0)
                continue; // synthesised by GMime, not in the message
            const char *name = g_mime_header_get_name(header);
            const char *rawName = g_mime_header_get_raw_name(header);
            const char *value = g_mime_header_get_value(header);
            m_headers.append({QByteArray(name ? name : ""), QByteArray(rawName ? rawName : ""),
                              chopLineBreak(g_mime_header_get_raw_value(header)),
                              QString::fromUtf8(value ? value : ""),
                              g_mime_header_get_offset(header)});
        }
    };
    GMimeObject *message = reinterpret_cast<GMimeObject *>(m_message.get());
    append(message);
    const qsizetype messageFields = m_headers.size();
    append(g_mime_message_get_mime_part(m_message.get()));
    if (m_headers.size() > messageFields) {
        std::stable_sort(
            m_headers.begin(), m_headers.end(),
            [](const HeaderField &a, const HeaderField &b) { return a.offset < b.offset; });
    }
}

void MimeDocument::walk(GMimeObject *object, int depth, bool inAlternative)
{
    if (depth > kMaxDepth) {
        if (!m_depthReported) {
            m_depthReported = true;
            addProblem(true, QStringLiteral("MIME parts nested deeper than %1 levels; the "
                                            "deeper parts are not shown")
                                 .arg(kMaxDepth));
        }
        return;
    }
    if (auto *multipart = gobjectCast<GMimeMultipart>(object, g_mime_multipart_get_type())) {
        walkMultipart(multipart, depth, inAlternative);
        return;
    }
    addLeaf(object, inAlternative);
}

void MimeDocument::walkMultipart(GMimeMultipart *multipart, int depth, bool inAlternative)
{
    GMimeObject *object = reinterpret_cast<GMimeObject *>(multipart);
    const int count = g_mime_multipart_get_count(multipart);
    if (count <= 0) {
        // A multipart emptied by MimeBounds' cut is not the sender's mistake.
        if (m_bounds.isCut())
            return;
        addProblem(
            true,
            QStringLiteral("%1 without any part").arg(QString::fromLatin1(lowerMimeType(object))));
        return;
    }
    const bool alternative = isType(object, "multipart", "alternative");
    const int textBefore = m_textLeaf;
    const int htmlBefore = m_htmlLeaf;
    for (int i = 0; i < count; ++i) {
        GMimeObject *child = g_mime_multipart_get_part(multipart, i);
        if (!child)
            continue;
        if (!alternative) {
            walk(child, depth + 1, inAlternative);
            continue;
        }
        // A body an earlier alternative chose may be replaced by a later, richer one; a body
        // chosen before this multipart/alternative stays.
        const int textSoFar = m_textLeaf;
        const int htmlSoFar = m_htmlLeaf;
        if (m_textLeaf != textBefore)
            m_textLeaf = -1;
        if (m_htmlLeaf != htmlBefore)
            m_htmlLeaf = -1;
        walk(child, depth + 1, true);
        if (m_textLeaf == -1)
            m_textLeaf = textSoFar;
        if (m_htmlLeaf == -1)
            m_htmlLeaf = htmlSoFar;
    }
}

void MimeDocument::addLeaf(GMimeObject *object, bool inAlternative)
{
    Leaf leaf;
    leaf.index = int(m_leaves.size());
    leaf.object = object;
    leaf.contentType = lowerMimeType(object);
    leaf.isMessage =
        gobjectCast<GMimeMessagePart>(object, g_mime_message_part_get_type()) != nullptr;
    const QByteArrayView disposition(g_mime_object_get_disposition(object));
    leaf.attachmentDisposition = disposition.compare("attachment", Qt::CaseInsensitive) == 0;
    leaf.inlineDisposition = disposition.compare("inline", Qt::CaseInsensitive) == 0;
    leaf.inAlternative = inAlternative;
    m_leaves.append(leaf);

    // Bodies are plain GMimeParts; text inside an attached message belongs to that message.
    if (leaf.isMessage || leaf.attachmentDisposition)
        return;
    if (leaf.contentType == "text/plain" && m_textLeaf == -1)
        m_textLeaf = leaf.index;
    else if (leaf.contentType == "text/html" && m_htmlLeaf == -1)
        m_htmlLeaf = leaf.index;
}

const MimeDocument::Leaf *MimeDocument::leaf(int index) const
{
    if (index < 0 || index >= m_leaves.size())
        return nullptr;
    return &m_leaves.at(index);
}

namespace {

/// Writes the decoded content of `leaf` to `stream`; -1 on a decoding or write error.
gint64 writeContent(const MimeDocument::Leaf &leaf, GMimeStream *stream)
{
    if (leaf.isMessage) {
        auto *part = gobjectCast<GMimeMessagePart>(leaf.object, g_mime_message_part_get_type());
        GMimeMessage *inner = part ? g_mime_message_part_get_message(part) : nullptr;
        if (!inner)
            return 0; // an empty message/rfc822 part
        // Stored mail uses CRLF (RFC 5322 2.1), so the attached message is written the same way.
        const GMimeFormatOptionsPtr format(g_mime_format_options_new());
        if (!format)
            return -1;
        g_mime_format_options_set_newline_format(format.get(), GMIME_NEWLINE_FORMAT_DOS);
        return g_mime_object_write_to_stream(reinterpret_cast<GMimeObject *>(inner), format.get(),
                                             stream);
    }
    auto *part = gobjectCast<GMimePart>(leaf.object, g_mime_part_get_type());
    GMimeDataWrapper *wrapper = part ? g_mime_part_get_content(part) : nullptr;
    if (!wrapper)
        return 0; // a part without content
    return g_mime_data_wrapper_write_to_stream(wrapper, stream);
}

} // namespace

QByteArray MimeDocument::content(const Leaf &leaf, bool *ok) const
{
    if (ok)
        *ok = false;
    const GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new());
    if (!stream)
        return {};
    const gint64 written = writeContent(leaf, stream.get());
    auto *memory = gobjectCast<GMimeStreamMem>(stream.get(), g_mime_stream_mem_get_type());
    GByteArray *bytes = memory ? g_mime_stream_mem_get_byte_array(memory) : nullptr;
    if (ok)
        *ok = written >= 0;
    if (!bytes || bytes->len == 0)
        return {};
    return QByteArray(reinterpret_cast<const char *>(bytes->data), qsizetype(bytes->len));
}

qint64 MimeDocument::contentSize(const Leaf &leaf) const
{
    const GObjectPtr<GMimeStream> stream(g_mime_stream_null_new());
    if (!stream)
        return 0;
    writeContent(leaf, stream.get());
    auto *null = gobjectCast<GMimeStreamNull>(stream.get(), g_mime_stream_null_get_type());
    return null ? qint64(null->written) : 0;
}

QByteArray MimeDocument::charset(const Leaf &leaf) const
{
    return QByteArray(g_mime_object_get_content_type_parameter(leaf.object, "charset"));
}

QString MimeDocument::fileName(const Leaf &leaf) const
{
    if (auto *part = gobjectCast<GMimePart>(leaf.object, g_mime_part_get_type()))
        return QString::fromUtf8(g_mime_part_get_filename(part)); // RFC 2231 and 2047 decoded
    if (!leaf.isMessage)
        return {};
    // GMimeMessagePart is no GMimePart: look at the same two parameters by hand.
    QString name =
        QString::fromUtf8(g_mime_object_get_content_disposition_parameter(leaf.object, "filename"));
    if (name.isEmpty())
        name = QString::fromUtf8(g_mime_object_get_content_type_parameter(leaf.object, "name"));
    if (!name.isEmpty())
        return name;
    auto *part = gobjectCast<GMimeMessagePart>(leaf.object, g_mime_message_part_get_type());
    GMimeMessage *inner = part ? g_mime_message_part_get_message(part) : nullptr;
    const QString subject =
        QString::fromUtf8(inner ? g_mime_message_get_subject(inner) : nullptr).trimmed();
    return (subject.isEmpty() ? QStringLiteral("message") : subject) + QStringLiteral(".eml");
}

QString MimeDocument::contentId(const Leaf &leaf) const
{
    // GMime strips the angle brackets and comments (it parses the field as a msg-id).
    return QString::fromUtf8(g_mime_object_get_content_id(leaf.object));
}

QStringList MimeDocument::cidReferences(QStringView html, bool *capped)
{
    if (capped)
        *capped = false;
    QStringList ids;
    QSet<QString> seen;
    qsizetype position = 0;
    while ((position = html.indexOf(u"cid:", position, Qt::CaseInsensitive)) >= 0) {
        position += 4;
        qsizetype end = position;
        // The URL ends where HTML or CSS syntax resumes: quotes, brackets, white space.
        while (end < html.size() && !QStringView(u"\"'<>() \t\r\n;").contains(html.at(end)))
            ++end;
        if (end > position) {
            const QString id = QString::fromUtf8(
                QByteArray::fromPercentEncoding(html.sliced(position, end - position).toUtf8()));
            if (!seen.contains(id)) {
                if (ids.size() >= kMaxCidReferences) {
                    if (capped)
                        *capped = true;
                    break;
                }
                seen.insert(id);
                ids.append(id);
            }
        }
        position = end;
    }
    return ids;
}
