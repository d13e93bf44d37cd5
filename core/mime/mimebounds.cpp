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

} // namespace

MimeBounds MimeBounds::scan(QByteArrayView message)
{
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

    const auto cut = [&bounds, &levels](qsizetype offset, Limit limit) {
        bounds.cutOffset = offset;
        bounds.limit = limit;
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

        if (inHeaders) {
            if (!line.isEmpty() && (line.front() == ' ' || line.front() == '\t')) {
                if (inContentType && contentType.size() < kMaxContentTypeBytes)
                    contentType.append(
                        line.first(qMin(line.size(), kMaxContentTypeBytes - contentType.size())));
                continue;
            }
            if (!line.isEmpty()) {
                if (++fields > kMaxHeaderFields)
                    return cut(lineStart, Limit::HeaderFields);
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
    return bounds;
}

QByteArray MimeBounds::boundedMessage(QByteArrayView message) const
{
    if (!isCut())
        return message.toByteArray();
    QByteArray bounded;
    qsizetype closing = 0;
    for (const QByteArray &delimiter : openDelimiters)
        closing += delimiter.size() + 6;
    bounded.reserve(cutOffset + closing + 2);
    bounded.append(message.first(cutOffset));
    if (!bounded.isEmpty() && !bounded.endsWith('\n'))
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
    }
    return {};
}
