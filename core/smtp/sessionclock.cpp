// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "sessionclock.h"

#include <ctime>

SessionClock::SessionClock(std::function<QDateTime()> clock)
    : m_clock(std::move(clock))
{}

QDateTime SessionClock::now() const
{
    // UTC: the local-time variant consults the time zone database on every call, and this
    // runs for every protocol line.
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

QDateTime SessionClock::localNow() const
{
    if (m_clock)
        return m_clock();
    // The Received header shows the server's own offset, as mail servers conventionally do.
    // A fixed-offset time rather than QDateTime::currentDateTime(): Qt calls tzset() for every
    // local-time conversion, and glibc then stats /etc/localtime each time; that was three
    // system calls per message here and in the store writer. localtime_r() keeps the zone it
    // loaded first (a zone changed while the server runs shows from the next start).
    const qint64 msecs = QDateTime::currentMSecsSinceEpoch();
    const time_t seconds = time_t(msecs / 1000);
    struct tm local = {};
    if (!localtime_r(&seconds, &local))
        return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::OffsetFromUTC, int(local.tm_gmtoff));
}
