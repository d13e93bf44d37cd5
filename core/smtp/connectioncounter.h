// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

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
    // The standard types rather than QMutex/QWaitCondition: they are built on pthreads, which
    // ThreadSanitizer understands, while Qt's futex-based ones are invisible to it in a Qt that
    // is not built with TSan (./build.sh tsan then reports the counter's users as racing).
    mutable std::mutex m_mutex;
    std::condition_variable m_idle;
    int m_count = 0;
};
