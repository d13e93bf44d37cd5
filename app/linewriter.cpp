// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "linewriter.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <vector>

#include <cerrno>
#include <poll.h>
#include <pthread.h>
#include <unistd.h>

struct LineWriter::State
{
    int fd = -1;
    std::function<QByteArray(quint64)> droppedLine;

    std::mutex mutex;
    std::condition_variable wake;    ///< to the writer: lines, a drop to report, or stop
    std::condition_variable drained; ///< to finish(): the writer is back from write(2)
    std::deque<QByteArray> queue;    ///< each line with its '\n'
    qsizetype queuedBytes = 0;
    quint64 unreported = 0; ///< dropped since the writer last took the queue
    quint64 dropped = 0;    ///< dropped in all
    bool writing = false;   ///< the writer is outside the lock, in write(2)
    /// While writing: where each line of the batch ends, and how much of it is written.
    std::vector<qsizetype> batchLineEnds;
    std::atomic<qsizetype> batchWritten = 0;
    bool stopping = false;
    bool abandoned = false; ///< finish() gave up waiting: the writer must touch nothing more
    bool failed = false;    ///< the output is gone (EPIPE, EBADF...): nothing more is written

    bool idle() const { return failed || (queue.empty() && unreported == 0 && !writing); }
};

namespace {

// Linux thread names hold 15 characters.
constexpr char kThreadName[] = "event-writer";

bool writeAll(int fd, const char *data, size_t size, std::atomic<qsizetype> *progress)
{
    while (size > 0) {
        const ssize_t written = ::write(fd, data, size);
        if (written >= 0) {
            data += written;
            size -= size_t(written);
            *progress += written;
            continue;
        }
        if (errno == EINTR)
            continue;
        // A descriptor inherited in non-blocking mode: wait until it takes bytes again.
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            pollfd descriptor{fd, POLLOUT, 0};
            if (::poll(&descriptor, 1, -1) < 0 && errno != EINTR)
                return false;
            continue;
        }
        return false;
    }
    return true;
}

} // namespace

LineWriter::LineWriter(int fd, std::function<QByteArray(quint64 count)> droppedLine)
    : m_state(std::make_shared<State>())
{
    m_state->fd = fd;
    m_state->droppedLine = std::move(droppedLine);
    m_thread = std::thread(&LineWriter::run, m_state);
}

LineWriter::~LineWriter()
{
    if (!m_finished)
        finish(std::chrono::milliseconds(0));
}

bool LineWriter::post(const QByteArray &line)
{
    const std::lock_guard lock(m_state->mutex);
    State &state = *m_state;
    if (state.failed || state.stopping)
        return true;
    const qsizetype size = line.size() + 1;
    // Once a line is dropped, the rest are too until the writer takes the queue, so the lines
    // written before the report are exactly those that came before the first drop.
    if (state.unreported > 0 || qsizetype(state.queue.size()) >= kMaxQueuedLines
        || state.queuedBytes + size > kMaxQueuedBytes) {
        // The writer may be asleep with an empty queue (a line too big for the byte limit).
        if (state.unreported++ == 0)
            state.wake.notify_one();
        ++state.dropped;
        return false;
    }
    QByteArray copy;
    copy.reserve(size);
    copy.append(line).append('\n');
    state.queue.push_back(std::move(copy));
    state.queuedBytes += size;
    state.wake.notify_one();
    return true;
}

void LineWriter::run(const std::shared_ptr<State> &shared)
{
    ::pthread_setname_np(::pthread_self(), kThreadName);
    State &state = *shared;
    std::unique_lock lock(state.mutex);
    for (;;) {
        state.wake.wait(lock, [&state] {
            return state.abandoned || state.stopping || !state.queue.empty()
                   || state.unreported > 0;
        });
        if (state.abandoned || state.failed || (state.queue.empty() && state.unreported == 0))
            return;
        QByteArray bytes;
        bytes.reserve(state.queuedBytes);
        state.batchLineEnds.clear();
        for (const QByteArray &line : state.queue) {
            bytes.append(line);
            state.batchLineEnds.push_back(bytes.size());
        }
        state.batchWritten = 0;
        state.queue.clear();
        state.queuedBytes = 0;
        if (state.unreported > 0) {
            bytes.append(state.droppedLine(state.unreported)).append('\n');
            state.unreported = 0;
        }
        state.writing = true;
        lock.unlock();
        const bool written =
            writeAll(state.fd, bytes.constData(), size_t(bytes.size()), &state.batchWritten);
        lock.lock();
        state.writing = false;
        if (!written) {
            state.failed = true;
            state.queue.clear();
            state.queuedBytes = 0;
            state.unreported = 0;
        }
        state.drained.notify_all();
    }
}

quint64 LineWriter::finish(std::chrono::milliseconds timeout)
{
    Q_ASSERT(!m_finished);
    m_finished = true;
    State &state = *m_state;
    std::unique_lock lock(state.mutex);
    state.stopping = true;
    state.wake.notify_one();
    if (state.drained.wait_for(lock, timeout, [&state] { return state.idle(); })) {
        lock.unlock();
        m_thread.join();
        return state.dropped;
    }
    // The writer is stuck in write(2) on an output nobody reads, and nothing interrupts a
    // blocking write portably: closing the descriptor under it races with its reuse, and
    // making stdout non-blocking would change the file description we share with the parent
    // (a terminal, say) behind its back. So the thread is left behind: it holds the state
    // through its own shared_ptr, sees `abandoned` when (if ever) write(2) returns, and ends
    // without touching anything else; the process exit ends it otherwise. `abandoned` is set
    // under the lock that droppedLine() runs under, so that callback never runs after this.
    state.abandoned = true;
    // Lost: the dropped lines, the queued ones, and those of the batch in write(2) that did not
    // get out whole.
    const auto &ends = state.batchLineEnds;
    const auto unwritten =
        ends.end() - std::upper_bound(ends.begin(), ends.end(), state.batchWritten.load());
    const quint64 lost = state.dropped + quint64(state.queue.size()) + quint64(unwritten);
    lock.unlock();
    m_thread.detach();
    return lost;
}
