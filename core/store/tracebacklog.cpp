// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "tracebacklog.h"

#include <utility>

TraceBacklog::Ticket::Ticket(TraceBacklog *backlog, qsizetype cost)
    : m_backlog(backlog)
    , m_cost(cost)
{}

TraceBacklog::Ticket::Ticket(Ticket &&other) noexcept
    : m_backlog(std::exchange(other.m_backlog, nullptr))
    , m_cost(std::exchange(other.m_cost, 0))
{}

TraceBacklog::Ticket &TraceBacklog::Ticket::operator=(Ticket &&other) noexcept
{
    if (this != &other) {
        if (m_backlog)
            m_backlog->release(m_cost);
        m_backlog = std::exchange(other.m_backlog, nullptr);
        m_cost = std::exchange(other.m_cost, 0);
    }
    return *this;
}

TraceBacklog::Ticket::~Ticket()
{
    if (m_backlog)
        m_backlog->release(m_cost);
}

TraceBacklog::TraceBacklog(qsizetype maxBytes, QObject *parent)
    : QObject(parent)
    , m_maxBytes(maxBytes)
{}

TraceBacklog::Ticket TraceBacklog::admit(qsizetype cost)
{
    const std::lock_guard lock(m_mutex);
    m_bytes.store(m_bytes.load(std::memory_order_relaxed) + cost, std::memory_order_relaxed);
    return Ticket(this, cost);
}

bool TraceBacklog::isFull() const
{
    // Asked before every command: a stale small figure only lets one more command through.
    if (m_bytes.load(std::memory_order_relaxed) <= m_maxBytes)
        return false;
    const std::lock_guard lock(m_mutex);
    if (m_bytes.load(std::memory_order_relaxed) <= m_maxBytes)
        return false;
    // Set under the lock that release() takes, so the release that brings the backlog down
    // cannot miss a session that has just decided to wait.
    m_waitedOn = true;
    return true;
}

void TraceBacklog::release(qsizetype cost)
{
    bool wake = false;
    {
        const std::lock_guard lock(m_mutex);
        const qsizetype left = m_bytes.load(std::memory_order_relaxed) - cost;
        m_bytes.store(left, std::memory_order_relaxed);
        if (m_waitedOn && left <= m_maxBytes / 2) {
            m_waitedOn = false;
            wake = true;
        }
    }
    if (wake)
        Q_EMIT drained();
}
