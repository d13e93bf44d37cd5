// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "localetime.h"

#include <QDateTime>
#include <QRegularExpression>

namespace {

/// `format` (a QLocale time format) without its time zone field ("t", "tt", "ttt", "tttt")
/// and the spaces next to it.
QString withoutZone(QString format)
{
    static const QRegularExpression zone(QStringLiteral("\\s*\\(?\\bt+\\b\\)?\\s*"));
    return format.replace(zone, QStringLiteral(" ")).trimmed();
}

} // namespace

LocaleTime::LocaleTime(const QLocale &locale)
    : m_locale(locale)
    , m_timeFormat(withoutZone(locale.timeFormat(QLocale::LongFormat)))
{}

QString LocaleTime::time(const QTime &time) const
{
    return m_locale.toString(time, m_timeFormat);
}

QString LocaleTime::timeWithMilliseconds(const QTime &time) const
{
    QString format = m_timeFormat;
    format.replace(QStringLiteral("ss"), QStringLiteral("ss'%1'zzz").arg(m_locale.decimalPoint()));
    return m_locale.toString(time, format);
}

QString LocaleTime::dateTime(const QDateTime &dateTime) const
{
    return m_locale.toString(dateTime.date(), QLocale::ShortFormat) + u' ' + time(dateTime.time());
}
