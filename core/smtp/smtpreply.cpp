// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtpreply.h"

SmtpReply::SmtpReply(int code, QByteArrayView enhancedCode, const QByteArray &text)
    : code(code)
    , enhancedCode(enhancedCode.toByteArray())
    , lines{text}
{}

SmtpReply::SmtpReply(int code, QByteArrayView enhancedCode, QList<QByteArray> lines)
    : code(code)
    , enhancedCode(enhancedCode.toByteArray())
    , lines(std::move(lines))
{
    if (this->lines.isEmpty())
        this->lines.append(QByteArray());
}

QByteArray SmtpReply::toBytes() const
{
    const QByteArray number = QByteArray::number(code);
    QByteArray out;
    out.reserve(lines.size() * 64);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        out += number;
        out += (i + 1 < lines.size()) ? '-' : ' ';
        if (!enhancedCode.isEmpty()) {
            out += enhancedCode;
            out += ' ';
        }
        out += lines.at(i);
        out += "\r\n";
    }
    return out;
}
