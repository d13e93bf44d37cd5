// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>

#include <functional>

/// The time as one session tells it: UTC for the protocol log and the session's facts, and the
/// server's local time with its offset for the Received header. A test clock replaces both.
/// Cheap enough for every protocol line: neither consults the time zone database per call.
class SessionClock final
{
public:
    /// `clock` unset: the system clock.
    explicit SessionClock(std::function<QDateTime()> clock = {});

    /// Now, in UTC (or the test clock's time).
    QDateTime now() const;
    /// Now, at the server's own UTC offset (or the test clock's time).
    QDateTime localNow() const;

private:
    std::function<QDateTime()> m_clock;
};
