// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

#include <chrono>
#include <functional>
#include <memory>
#include <thread>

/// Writes lines to a file descriptor (stdout in headless mode) from a thread of its own, so a
/// reader that stops reading blocks that thread only, never the thread that posts: the main
/// thread accepts connections and handles SIGTERM. Lines wait in a bounded queue; when it is
/// full, post() drops the line and counts it, and once the writer has caught up it writes one
/// line (made by `droppedLine`, on the writer thread) saying how many were dropped.
class LineWriter final
{
    Q_DISABLE_COPY_MOVE(LineWriter)

public:
    /// At most this many lines wait for the writer...
    static constexpr qsizetype kMaxQueuedLines = 10000;
    /// ...and at most this many bytes of them (a line's bytes, not its allocation overhead).
    static constexpr qsizetype kMaxQueuedBytes = 4 * 1024 * 1024;

    /// `droppedLine(count)` is the report line without its '\n'; it runs on the writer thread
    /// with the writer's lock held, so it must not block.
    LineWriter(int fd, std::function<QByteArray(quint64 count)> droppedLine);
    /// finish() with no time to drain, unless it was called already.
    ~LineWriter();

    /// Queues `line` and a '\n' for writing. Returns false (and counts the line as dropped)
    /// when the queue is full; lines posted after the output failed are discarded silently.
    bool post(const QByteArray &line);

    /// Gives the writer up to `timeout` to write what is queued, then stops it: joined when it
    /// finished, otherwise abandoned (see the .cpp). Returns every line dropped since the
    /// start, including those not written whole when the time ran out. Call once.
    quint64 finish(std::chrono::milliseconds timeout);

private:
    struct State;
    static void run(const std::shared_ptr<State> &state);

    std::shared_ptr<State> m_state;
    std::thread m_thread;
    bool m_finished = false;
};
