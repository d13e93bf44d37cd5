// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/threadcheck.h"
#include "events/events.h"

#include <QList>

#include <functional>

/// The part of one session's protocol log that goes to the store, with its memory bounded
/// twice: the whole trace stops at kMaxBytes of cost (a note marks the cut), and with a flush
/// function the lines are handed over every kFlushBytes, so a session holds at most that much.
/// Cost is the line's bytes plus kLineOverhead, so a flood of short lines cannot hold many times
/// the cap. Owned by one SmtpSession, used in its thread only.
class SessionTrace final
{
public:
    /// The trace of one session stops at this cost.
    static constexpr qsizetype kMaxBytes = 1024 * 1024;
    /// With a flush function, the trace is handed over whenever this much has collected, so a
    /// hundred chatty sessions hold a few MiB of trace, not a hundred.
    static constexpr qsizetype kFlushBytes = 32 * 1024;
    /// What one trace line costs beyond its bytes.
    static constexpr qsizetype kLineOverhead = kProtocolLineOverhead;

    using FlushFunction = std::function<void(QList<ProtocolLine> lines)>;

    /// Without `flush`, the lines stay here (up to kMaxBytes) until take().
    explicit SessionTrace(FlushFunction flush = {});

    /// Admits `line` while the cap allows it; the first line over the cap is replaced by a
    /// note saying so, later ones are dropped. May call the flush function.
    void append(const ProtocolLine &line);
    /// The lines not yet handed over.
    QList<ProtocolLine> take();
    /// Whether the cap was reached.
    bool isCapped() const { return m_capped; }
    /// What every line admitted so far cost, flushed or not.
    qsizetype totalCost() const { return m_total; }
    /// Lines admitted so far (the cap's note included), flushed or not: the index the next
    /// admitted line will have in the stored trace.
    qint64 lineCount() const { return m_lineCount; }

    static qsizetype cost(const ProtocolLine &line) { return memoryCost(line); }

private:
    FlushFunction m_flush;
    QList<ProtocolLine> m_lines;
    qsizetype m_pending = 0; ///< cost of the lines in m_lines
    qsizetype m_total = 0;   ///< cost of every line admitted so far
    qint64 m_lineCount = 0;
    bool m_capped = false;
    ThreadCheck m_thread; ///< the session's thread, which builds it
};
