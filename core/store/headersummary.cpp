// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "headersummary.h"

#include <QByteArray>

#include "mime/gmimeheaders.h"
#include "mime/gmimeinit.h"

QString HeaderSummary::textFromBytes(QByteArrayView bytes)
{
    if (bytes.isValidUtf8())
        return QString::fromUtf8(bytes);
    return QString::fromLatin1(bytes);
}

// RFC 2047 words are pure ASCII, so the raw 8-bit text around them (common in the wild even
// without SMTPUTF8) is made UTF-8 first, by the same rule as textFromBytes(), and GMime then
// only replaces the encoded words.
static QString decodeHeaderText(QByteArrayView raw)
{
    const QByteArrayView value = raw.trimmed();
    if (!value.contains(QByteArrayView("=?")))
        return HeaderSummary::textFromBytes(value);
    const QByteArray utf8 =
        value.isValidUtf8() ? value.toByteArray() : QString::fromLatin1(value).toUtf8();
    ensureGMimeInitialized();
    char *decoded = g_mime_utils_header_decode_text(nullptr, utf8.constData());
    if (!decoded)
        return QString::fromUtf8(utf8);
    const QString result = QString::fromUtf8(decoded);
    g_free(decoded);
    return result;
}

HeaderSummary HeaderSummary::parse(QByteArrayView head)
{
    enum class Field { None, Subject, From, To, Cc, Date, MessageId, Other };
    struct Known
    {
        QByteArrayView name;
        Field field;
    };
    static constexpr Known known[] = {
        {"subject", Field::Subject}, {"from", Field::From}, {"to", Field::To},
        {"cc", Field::Cc},           {"date", Field::Date}, {"message-id", Field::MessageId},
    };

    HeaderSummary summary;
    // Raw (still folded-away, not yet decoded) values; null means "not seen yet", which is how
    // the first occurrence wins.
    QByteArray values[int(Field::Other) + 1];
    Field current = Field::None;
    bool currentIsFirst = false;

    qsizetype position = 0;
    while (position < head.size()) {
        qsizetype end = head.indexOf('\n', position);
        const qsizetype next = end < 0 ? head.size() : end + 1;
        if (end < 0)
            end = head.size();
        QByteArrayView line = head.sliced(position, end - position);
        if (line.endsWith('\r'))
            line.chop(1);
        position = next;

        if (line.isEmpty()) {
            summary.m_bodyOffset = next;
            break;
        }
        if (line.front() == ' ' || line.front() == '\t') {
            // RFC 5322 2.2.3: unfolding removes the line break and keeps the white space.
            if (currentIsFirst)
                values[int(current)].append(line);
            continue;
        }
        current = Field::None;
        currentIsFirst = false;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue; // not a header field (an mbox "From " line, garbage): skip it
        // RFC 5322 4.5 (obsolete syntax) allows white space before the colon.
        const QByteArrayView name = line.first(colon).trimmed();
        current = Field::Other;
        for (const Known &candidate : known) {
            if (name.compare(candidate.name, Qt::CaseInsensitive) == 0) {
                current = candidate.field;
                break;
            }
        }
        if (current == Field::Other || !values[int(current)].isNull())
            continue;
        currentIsFirst = true;
        values[int(current)] = line.sliced(colon + 1).toByteArray();
        if (values[int(current)].isNull())
            values[int(current)] = QByteArray("");
    }

    const auto text = [&values](Field field) {
        const QByteArray &raw = values[int(field)];
        return raw.isNull() ? QString() : decodeHeaderText(raw);
    };
    summary.m_subject = text(Field::Subject);
    summary.m_from = text(Field::From);
    summary.m_to = text(Field::To);
    summary.m_cc = text(Field::Cc);
    // Date and Message-ID are ASCII by definition; never run them through the word decoder.
    const auto plain = [&values](Field field) {
        const QByteArray &raw = values[int(field)];
        return raw.isNull() ? QString() : HeaderSummary::textFromBytes(raw.trimmed());
    };
    summary.m_date = plain(Field::Date);
    summary.m_messageId = plain(Field::MessageId);
    return summary;
}
