// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "remotereply.h"

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

/// The enhanced status code at the start of `text` (RFC 3463 §2: class "." subject "." detail,
/// class 2, 4 or 5, subject up to three digits, detail up to three), or empty.
QByteArray enhancedCodeOf(QByteArrayView text)
{
    qsizetype at = 0;
    if (text.isEmpty() || (text[0] != '2' && text[0] != '4' && text[0] != '5'))
        return {};
    at = 1;
    for (int part = 0; part < 2; ++part) {
        if (at >= text.size() || text[at] != '.')
            return {};
        ++at;
        const qsizetype digitsStart = at;
        while (at < text.size() && isDigit(text[at]) && at - digitsStart < 3)
            ++at;
        if (at == digitsStart)
            return {};
    }
    if (at < text.size() && text[at] != ' ')
        return {};
    return text.first(at).toByteArray();
}

} // namespace

QByteArray RemoteReply::text() const
{
    // Without the enhanced code each line repeats (RFC 2034 §4): it has a field of its own.
    const QByteArray prefix = enhancedCode + QByteArray(1, ' ');
    QList<QByteArray> texts;
    for (const QByteArray &line : lines) {
        if (!enhancedCode.isEmpty() && line.startsWith(prefix))
            texts.append(line.sliced(enhancedCode.size() + 1));
        else if (!enhancedCode.isEmpty() && line == enhancedCode)
            texts.append(QByteArray());
        else
            texts.append(line);
    }
    return texts.join(' ');
}

QByteArray RemoteReply::summary() const
{
    QByteArray result = QByteArray::number(code);
    const QByteArray last = lines.isEmpty() ? QByteArray() : lines.last();
    if (!last.isEmpty())
        result += ' ' + last;
    return result;
}

Result<std::optional<RemoteReply>> RemoteReplyParser::takeLine(QByteArrayView line)
{
    const auto malformed = [this](const QString &why) {
        m_pending = {};
        return Error(ErrorCode::MalformedInput, QStringLiteral("malformed reply: ") + why);
    };
    // Reply-code = %x32-35 %x30-35 %x30-39 (RFC 5321 §4.2); a reply of 1xx or 6xx is not SMTP.
    if (line.size() < 3 || line[0] < '2' || line[0] > '5' || !isDigit(line[1]) || !isDigit(line[2]))
        return malformed(QStringLiteral("a line without a reply code"));
    if (line.size() > 3 && line[3] != ' ' && line[3] != '-')
        return malformed(QStringLiteral("no space or hyphen after the reply code"));
    const int code = line.first(3).toInt();
    if (!m_pending.lines.isEmpty() && code != m_pending.code)
        return malformed(QStringLiteral("the code changes within a multi-line reply"));
    if (m_pending.lines.size() >= kMaxLines)
        return malformed(QStringLiteral("more than %1 lines").arg(kMaxLines));

    m_pending.code = code;
    const QByteArrayView text = line.size() > 4 ? line.sliced(4) : QByteArrayView();
    m_pending.lines.append(text.toByteArray());
    if (line.size() > 3 && line[3] == '-')
        return std::optional<RemoteReply>();

    RemoteReply done = std::move(m_pending);
    m_pending = {};
    done.enhancedCode = enhancedCodeOf(done.lines.last());
    // The enhanced code's class repeats the reply's (RFC 3463 §2); a mismatch is not one.
    if (!done.enhancedCode.isEmpty() && done.enhancedCode[0] != line[0])
        done.enhancedCode.clear();
    return std::optional<RemoteReply>(std::move(done));
}
