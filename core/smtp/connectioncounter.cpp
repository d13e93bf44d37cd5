// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "connectioncounter.h"

#include <QDeadlineTimer>

bool ConnectionCounter::tryAcquire(int limit)
{
    QMutexLocker locker(&m_mutex);
    if (limit > 0 && m_count >= limit)
        return false;
    ++m_count;
    return true;
}

void ConnectionCounter::release()
{
    QMutexLocker locker(&m_mutex);
    if (--m_count == 0)
        m_idle.wakeAll();
}

int ConnectionCounter::count() const
{
    QMutexLocker locker(&m_mutex);
    return m_count;
}

bool ConnectionCounter::waitUntilIdle(std::chrono::milliseconds timeout)
{
    QDeadlineTimer deadline(timeout);
    QMutexLocker locker(&m_mutex);
    while (m_count > 0) {
        if (!m_idle.wait(&m_mutex, deadline))
            return m_count == 0;
    }
    return true;
}
