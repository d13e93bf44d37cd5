// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "terminaltext.h"

#include <algorithm>

namespace {

bool needsEscape(char16_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
           || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

QString escaped(char16_t c)
{
    if (c <= 0xff)
        return QStringLiteral("\\x%1").arg(uint(c), 2, 16, QChar(u'0'));
    return QStringLiteral("\\u%1").arg(uint(c), 4, 16, QChar(u'0'));
}

} // namespace

QString TerminalText::oneLine(QStringView text, qsizetype maxLength)
{
    QString result;
    result.reserve(maxLength >= 1 ? std::min(text.size(), maxLength) : text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        QString piece;
        if (needsEscape(c))
            piece = escaped(c);
        else if (QChar::isHighSurrogate(c) && i + 1 < text.size()
                 && text.at(i + 1).isLowSurrogate())
            piece = text.mid(i++, 2).toString();
        else
            piece = QChar(c);
        // Room for the piece and, unless it is the last one, for the "…" after it.
        if (maxLength >= 1
            && result.size() + piece.size() + (i + 1 < text.size() ? 1 : 0) > maxLength) {
            result.append(u'…');
            break;
        }
        result.append(piece);
    }
    return result;
}
