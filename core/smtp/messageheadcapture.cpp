// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtp/messageheadcapture.h"

void MessageHeadCapture::feed(QByteArrayView bytes)
{
    if (m_complete)
        return;
    // Only the new bytes and the three before them can complete the empty line.
    const qsizetype searchFrom = qMax<qsizetype>(0, m_bytes.size() - 3);
    m_bytes.append(bytes.first(qMin(bytes.size(), kMaxBytes - m_bytes.size())));
    const qsizetype end = m_bytes.indexOf("\r\n\r\n", searchFrom);
    if (end >= 0) {
        m_bytes.truncate(end + 2);
        m_complete = true;
    } else if (m_bytes.startsWith("\r\n")) {
        m_bytes.clear(); // no header at all
        m_complete = true;
    } else if (m_bytes.size() >= kMaxBytes) {
        m_complete = true;
    }
}

void MessageHeadCapture::clear()
{
    m_bytes.clear();
    m_complete = false;
}
