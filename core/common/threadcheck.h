// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QThread>

/// For a class whose comment says "used in X's thread only" but which is no QObject itself:
/// in debug builds, check() asserts that the caller runs in that thread, so a call from the
/// wrong thread fails the tests where it happens instead of racing. Without QT_DEBUG (release
/// builds, QT_NO_DEBUG) check() compiles to nothing.
class ThreadCheck final
{
public:
    /// The thread that constructs the check.
    ThreadCheck()
        : m_thread(QThread::currentThread())
    {}
    /// The thread `owner` lives in at the time of each check (an owner built in one thread and
    /// moved to its own before it starts work). `owner` must outlive the check.
    explicit ThreadCheck(const QObject *owner)
        : m_owner(owner)
    {}

    void check([[maybe_unused]] const char *where) const
    {
        Q_ASSERT_X(QThread::currentThread() == (m_owner ? m_owner->thread() : m_thread), where,
                   "called outside the thread that owns this object");
    }

private:
    const QObject *m_owner = nullptr;
    QThread *m_thread = nullptr;
};
