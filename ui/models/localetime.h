// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QLocale>
#include <QString>

class QDateTime;
class QTime;

/// Times to the second (and to the millisecond) in the user's locale. QLocale's short time
/// format has no seconds and its long one ends in the time zone; sessions and protocol lines
/// are told apart by the second, and the zone is the user's own, so these use the long format
/// without its zone: "14:03:07" in German, "2:03:07 PM" in American English.
class LocaleTime final
{
public:
    explicit LocaleTime(const QLocale &locale = QLocale());

    QString time(const QTime &time) const;
    /// With milliseconds after the seconds, in the locale's decimal separator.
    QString timeWithMilliseconds(const QTime &time) const;
    /// The locale's short date and the time to the second.
    QString dateTime(const QDateTime &dateTime) const;

private:
    QLocale m_locale;
    QString m_timeFormat;
};
