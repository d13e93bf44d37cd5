// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QMutex>
#include <QWaitCondition>

#include <chrono>

/// Counts open sessions across the listener and worker threads, so the connection limit holds
/// and a stopping server can wait for its sessions to end. Thread-safe.
class ConnectionCounter final
{
public:
    /// Takes a slot if fewer than `limit` are taken (`limit` <= 0: unlimited).
    bool tryAcquire(int limit);
    void release();
    int count() const;
    /// Waits until no slot is taken or `timeout` passes. Returns true when drained.
    bool waitUntilIdle(std::chrono::milliseconds timeout);

private:
    mutable QMutex m_mutex;
    QWaitCondition m_idle;
    int m_count = 0;
};
