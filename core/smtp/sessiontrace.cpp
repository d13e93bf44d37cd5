// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "sessiontrace.h"

SessionTrace::SessionTrace(FlushFunction flush)
    : m_flush(std::move(flush))
{}

void SessionTrace::append(const ProtocolLine &line)
{
    m_thread.check("SessionTrace");
    const qsizetype lineCost = cost(line);
    // Once capped, a shorter line that would still fit is dropped too: the stored trace stays
    // a prefix of the session, so line indexes into it stay true.
    if (!m_capped && m_total + lineCost <= kMaxBytes) {
        m_total += lineCost;
        m_pending += lineCost;
        m_lines.append(line);
        ++m_lineCount;
        if (m_flush && m_pending >= kFlushBytes)
            m_flush(take());
        return;
    }
    if (m_capped)
        return;
    m_capped = true;
    ProtocolLine capped = line;
    capped.direction = Direction::Note;
    capped.bytes = "trace limit reached; further lines are not stored";
    capped.truncatedBytes = 0;
    capped.revealedBytes.clear();
    m_lines.append(capped);
    ++m_lineCount;
}

QList<ProtocolLine> SessionTrace::take()
{
    m_thread.check("SessionTrace");
    m_pending = 0;
    return std::exchange(m_lines, {});
}
