// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "dotstuffer.h"

QByteArray DotStuffer::stuff(QByteArrayView chunk)
{
    QByteArray out;
    out.reserve(chunk.size() + chunk.size() / 64 + 1);
    qsizetype copied = 0;
    for (qsizetype i = 0; i < chunk.size(); ++i) {
        const char c = chunk[i];
        if (m_afterCrlf && c == '.') {
            out.append(chunk.sliced(copied, i - copied));
            out.append('.');
            copied = i;
        }
        m_afterCrlf = m_afterCr && c == '\n';
        m_afterCr = c == '\r';
    }
    out.append(chunk.sliced(copied));
    return out;
}

QByteArray DotStuffer::finish() const
{
    return m_afterCrlf ? QByteArrayLiteral(".\r\n") : QByteArrayLiteral("\r\n.\r\n");
}
