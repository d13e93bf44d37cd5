// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "connectioncounter.h"

bool ConnectionCounter::tryAcquire(int limit)
{
    std::lock_guard locker(m_mutex);
    if (limit > 0 && m_count >= limit)
        return false;
    ++m_count;
    return true;
}

void ConnectionCounter::release()
{
    std::lock_guard locker(m_mutex);
    if (--m_count == 0)
        m_idle.notify_all();
}

int ConnectionCounter::count() const
{
    std::lock_guard locker(m_mutex);
    return m_count;
}

bool ConnectionCounter::waitUntilIdle(std::chrono::milliseconds timeout)
{
    std::unique_lock locker(m_mutex);
    return m_idle.wait_for(locker, timeout, [this] { return m_count == 0; });
}
