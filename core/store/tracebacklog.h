// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

#include <atomic>
#include <mutex>

/// The protocol trace that sessions have handed to the store and the store has not written
/// yet, counted in SessionTrace's cost. Sessions hand their trace over every
/// SessionTrace::kFlushBytes without waiting, so without a bound a hundred clients that
/// pipeline EHLO and never read their replies (each reply line is a trace line) queue their
/// whole 1 MiB traces at once: about 100 MiB in flight while the writer catches up. Sessions
/// stop reading commands while the backlog is full (isFull()) and go on when drained() says
/// the writer has caught up; what is already queued is never dropped.
///
/// admit(), isFull() and the tickets' release are thread-safe. drained() is emitted in the
/// thread that releases the last ticket needed (the store writer's).
class TraceBacklog final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TraceBacklog)

public:
    /// Sessions stop reading above this much queued trace, and go on once it is down to half
    /// of it, so they do not wake for every piece written. A store writes about this much
    /// trace in a fraction of a second.
    static constexpr qsizetype kDefaultMaxBytes = 8 * 1024 * 1024;

    /// Holds `cost` bytes of the backlog until it is destroyed (after the trace is written,
    /// or dropped).
    class Ticket
    {
    public:
        Ticket() = default;
        Ticket(Ticket &&other) noexcept;
        Ticket &operator=(Ticket &&other) noexcept;
        Ticket(const Ticket &) = delete;
        Ticket &operator=(const Ticket &) = delete;
        ~Ticket();

    private:
        friend class TraceBacklog;
        Ticket(TraceBacklog *backlog, qsizetype cost);

        TraceBacklog *m_backlog = nullptr;
        qsizetype m_cost = 0;
    };

    explicit TraceBacklog(qsizetype maxBytes = kDefaultMaxBytes, QObject *parent = nullptr);

    qsizetype maxBytes() const { return m_maxBytes; }

    /// Counts `cost` more bytes queued, whatever the backlog holds: the trace is already made.
    [[nodiscard]] Ticket admit(qsizetype cost);
    /// Whether a session should stop reading now. A true answer promises one drained() later.
    bool isFull() const;
    /// Bytes queued now.
    qsizetype bytes() const { return m_bytes.load(std::memory_order_relaxed); }

Q_SIGNALS:
    /// The backlog was full and is down to half of maxBytes().
    void drained();

private:
    void release(qsizetype cost);

    const qsizetype m_maxBytes;
    // std::mutex, not QMutex: ThreadSanitizer sees the ordering of pthread-based locks only.
    mutable std::mutex m_mutex;
    /// Written under m_mutex; read without it for isFull()'s fast answer.
    std::atomic<qsizetype> m_bytes{0};
    /// Someone was told the backlog is full and waits for drained(); guarded by m_mutex.
    mutable bool m_waitedOn = false;
};
