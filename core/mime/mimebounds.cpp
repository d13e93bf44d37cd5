// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "mimebounds.h"

namespace {

/// A Content-Type field longer than this is not looked at beyond it: the type and the boundary
/// come first in any real one.
constexpr qsizetype kMaxContentTypeBytes = 8 * 1024;

bool startsWithNoCase(QByteArrayView text, QByteArrayView prefix)
{
    return text.size() >= prefix.size()
           && text.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) == 0;
}

/// The value of the `boundary` parameter (RFC 2046 5.1.1), unquoted; empty when there is none.
QByteArray boundaryParameter(QByteArrayView value)
{
    qsizetype at = 0;
    while ((at = value.indexOf(';', at)) >= 0) {
        ++at;
        QByteArrayView rest = value.sliced(at).trimmed();
        if (!startsWithNoCase(rest, "boundary"))
            continue;
        rest = rest.sliced(8).trimmed();
        if (!rest.startsWith('='))
            continue;
        rest = rest.sliced(1).trimmed();
        if (rest.startsWith('"')) {
            const qsizetype close = rest.indexOf('"', 1);
            return rest.sliced(1, (close < 0 ? rest.size() : close) - 1).toByteArray();
        }
        qsizetype end = 0;
        while (end < rest.size() && rest[end] != ';' && rest[end] != ' ' && rest[end] != '\t')
            ++end;
        return rest.first(end).toByteArray();
    }
    return {};
}

enum class EntityKind { Leaf, Multipart, Message };

EntityKind entityKind(QByteArrayView contentType, QByteArray *boundary)
{
    const QByteArrayView value = contentType.trimmed();
    if (startsWithNoCase(value, "multipart/")) {
        *boundary = boundaryParameter(value);
        // Without a boundary GMime reads the body as one part.
        return boundary->isEmpty() ? EntityKind::Leaf : EntityKind::Multipart;
    }
    if (startsWithNoCase(value, "message/rfc822") || startsWithNoCase(value, "message/global"))
        return EntityKind::Message;
    return EntityKind::Leaf;
}

/// A field's name for a note: RFC 5322 3.6.8 allows printable US-ASCII but the colon; anything
/// else a client sent becomes '?', and a name stops at 64 bytes.
QByteArray fieldName(QByteArrayView firstLine)
{
    constexpr qsizetype kMaxNameBytes = 64;
    qsizetype colon = firstLine.first(qMin(firstLine.size(), kMaxNameBytes + 1)).indexOf(':');
    QByteArray name = firstLine.first(colon < 0 ? qMin(firstLine.size(), kMaxNameBytes) : colon)
                          .trimmed()
                          .toByteArray();
    for (char &c : name) {
        if (c < 0x21 || c > 0x7e)
            c = '?';
    }
    return name;
}

} // namespace

MimeBounds MimeBounds::scan(QByteArrayView message, Extent extent)
{
    // A prefix's last line without its line break may be any part of a longer line: left out.
    if (extent == Extent::Prefix && !message.endsWith('\n'))
        message = message.first(message.lastIndexOf('\n') + 1);
    MimeBounds bounds;
    bounds.cutOffset = message.size();

    // Each open level is a delimiter; an attached message is a level without one (empty), which
    // ends where an enclosing multipart's delimiter appears.
    QList<QByteArray> levels;
    bool inHeaders = true;
    bool inContentType = false;
    QByteArray contentType;
    // Where the entity being read began: the delimiter line of its part, the header block of
    // an attached message, 0 for the message itself. An entity nested too deeply is cut there,
    // so it is left out whole.
    qsizetype entityStart = 0;
    int parts = 0;
    int fields = 0;
    // The header field being read: where it starts, where its last line's text ends, and
    // where its last line that still fits in kMaxHeaderFieldBytes ends. fieldStart < 0: none.
    qsizetype fieldStart = -1;
    qsizetype fieldEnd = 0;
    qsizetype fieldKeepEnd = 0;
    const auto closeField = [&] {
        if (fieldStart >= 0 && fieldEnd - fieldStart > kMaxHeaderFieldBytes) {
            bounds.shortenedFields.append(
                {fieldName(message.sliced(fieldStart, fieldEnd - fieldStart)), fieldKeepEnd,
                 fieldEnd});
        }
        fieldStart = -1;
    };

    const auto cut = [&bounds, &levels, &inHeaders](qsizetype offset, Limit limit) {
        bounds.cutOffset = offset;
        bounds.limit = limit;
        bounds.cutInHeaders = inHeaders;
        // A field shortened in an entity that is left out whole goes with it.
        while (!bounds.shortenedFields.isEmpty() && bounds.shortenedFields.last().fieldEnd > offset)
            bounds.shortenedFields.removeLast();
        for (const QByteArray &level : std::as_const(levels)) {
            if (!level.isEmpty())
                bounds.openDelimiters.append(level);
        }
        return bounds;
    };

    qsizetype position = 0;
    while (position < message.size()) {
        const qsizetype lineStart = position;
        qsizetype end = message.indexOf('\n', position);
        position = end < 0 ? message.size() : end + 1;
        if (end < 0)
            end = message.size();
        QByteArrayView line = message.sliced(lineStart, end - lineStart);
        if (line.endsWith('\r'))
            line.chop(1);

        const qsizetype lineEnd = lineStart + line.size();
        if (inHeaders) {
            if (!line.isEmpty() && (line.front() == ' ' || line.front() == '\t')) {
                if (fieldStart >= 0) {
                    fieldEnd = lineEnd;
                    if (lineEnd - fieldStart <= kMaxHeaderFieldBytes)
                        fieldKeepEnd = lineEnd;
                }
                if (inContentType && contentType.size() < kMaxContentTypeBytes)
                    contentType.append(
                        line.first(qMin(line.size(), kMaxContentTypeBytes - contentType.size())));
                continue;
            }
            closeField();
            if (!line.isEmpty()) {
                if (++fields > kMaxHeaderFields)
                    return cut(lineStart, Limit::HeaderFields);
                fieldStart = lineStart;
                fieldEnd = lineEnd;
                fieldKeepEnd = qMin(lineEnd, lineStart + kMaxHeaderFieldBytes);
                inContentType = startsWithNoCase(line, "content-type:");
                if (inContentType)
                    contentType = line.sliced(13)
                                      .first(qMin(line.size() - 13, kMaxContentTypeBytes))
                                      .toByteArray();
                continue;
            }
            // The empty line ends the header block: what follows depends on the type.
            inHeaders = false;
            inContentType = false;
            QByteArray boundary;
            const EntityKind kind = entityKind(contentType, &boundary);
            contentType.clear();
            if (kind == EntityKind::Leaf)
                continue;
            if (levels.size() >= kMaxDepth)
                return cut(entityStart, Limit::Depth);
            if (kind == EntityKind::Multipart) {
                levels.append("--" + boundary);
            } else {
                levels.append(QByteArray());
                inHeaders = true; // the attached message's own header block
                entityStart = position;
            }
            continue;
        }

        if (!line.startsWith("--") || levels.isEmpty())
            continue;
        for (qsizetype level = levels.size() - 1; level >= 0; --level) {
            const QByteArray &delimiter = levels.at(level);
            if (delimiter.isEmpty() || !line.startsWith(delimiter))
                continue;
            if (line.sliced(delimiter.size()).startsWith("--")) {
                // The close delimiter: back in the enclosing multipart's body.
                levels.resize(level);
            } else {
                levels.resize(level + 1);
                if (++parts > kMaxParts)
                    return cut(lineStart, Limit::Parts);
                inHeaders = true;
                entityStart = lineStart;
            }
            break;
        }
    }
    closeField();
    if (extent == Extent::Prefix && (inHeaders || !levels.isEmpty()))
        return cut(message.size(), Limit::Prefix);
    return bounds;
}

QByteArray MimeBounds::boundedMessage(QByteArrayView message) const
{
    if (!isCut() && !isShortened())
        return message.toByteArray();
    qsizetype size = cutOffset + 2;
    for (const ShortenedField &field : shortenedFields)
        size -= field.fieldEnd - field.keepEnd;
    for (const QByteArray &delimiter : openDelimiters)
        size += delimiter.size() + 6;
    QByteArray bounded;
    bounded.reserve(size);
    qsizetype from = 0;
    for (const ShortenedField &field : shortenedFields) {
        bounded.append(message.sliced(from, field.keepEnd - from));
        from = field.fieldEnd;
    }
    bounded.append(message.sliced(from, cutOffset - from));
    if (!isCut())
        return bounded;
    if (!bounded.isEmpty() && !bounded.endsWith('\n'))
        bounded.append("\r\n");
    if (cutInHeaders)
        bounded.append("\r\n");
    for (qsizetype i = openDelimiters.size() - 1; i >= 0; --i)
        bounded.append(openDelimiters.at(i) + "--\r\n");
    return bounded;
}

QString MimeBounds::describe() const
{
    switch (limit) {
    case Limit::None:
        return {};
    case Limit::Parts:
        return QStringLiteral("analysis stopped after %1 MIME parts").arg(kMaxParts);
    case Limit::Depth:
        return QStringLiteral("analysis stopped at MIME nesting depth %1").arg(kMaxDepth);
    case Limit::HeaderFields:
        return QStringLiteral("analysis stopped after %1 header fields").arg(kMaxHeaderFields);
    case Limit::Prefix:
        return {};
    }
    return {};
}

QString MimeBounds::describeShortening() const
{
    if (shortenedFields.isEmpty())
        return {};
    QStringList names;
    for (const ShortenedField &field : shortenedFields) {
        const QString name = QString::fromLatin1(field.name);
        if (!names.contains(name) && names.size() < 5)
            names.append(name);
    }
    if (shortenedFields.size() == 1) {
        return QStringLiteral("header field %1 analysed only in its first %2 KiB")
            .arg(names.constFirst())
            .arg(kMaxHeaderFieldBytes / 1024);
    }
    return QStringLiteral("%1 header fields analysed only in their first %2 KiB each: %3")
        .arg(shortenedFields.size())
        .arg(kMaxHeaderFieldBytes / 1024)
        .arg(names.join(QStringLiteral(", ")));
}

qsizetype MimeBounds::originalOffset(qsizetype offset) const
{
    for (const ShortenedField &field : shortenedFields) {
        if (offset < field.keepEnd)
            break;
        offset += field.fieldEnd - field.keepEnd;
    }
    return offset;
}
