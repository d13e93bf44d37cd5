// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "configsetting.h"

const ConfigSetting *ConfigSetting::byKey(QStringView key)
{
    for (const ConfigSetting &setting : all()) {
        if (setting.key == key)
            return &setting;
    }
    return nullptr;
}

QString ConfigSetting::rangeText() const
{
    if (kind != Kind::Number)
        return {};
    const QString unitText = unit.isEmpty() ? QString() : u' ' + QString(unit);
    const QString defaultPart = zeroMeansOff && defaultNumber == 0
                                    ? QStringLiteral("off by default")
                                    : QStringLiteral("default %1").arg(defaultNumber);
    return defaultPart + QStringLiteral(", from %1 to %2").arg(optionMinimum()).arg(maximum)
           + unitText;
}

Result<void> ConfigSetting::checkRange(qint64 value) const
{
    if (value >= minimum && value <= maximum)
        return {};
    return Error(ErrorCode::OutOfRange,
                 QStringLiteral("%1 must be from %2 to %3%4, not %5")
                     .arg(key)
                     .arg(minimum)
                     .arg(maximum)
                     .arg(unit.isEmpty() ? QString() : u' ' + QString(unit))
                     .arg(value),
                 QString(key));
}

Result<qint64> ConfigSetting::parseOption(const QString &text) const
{
    const QString range = QStringLiteral("--%1 must be a number from %2 to %3%4")
                              .arg(option)
                              .arg(optionMinimum())
                              .arg(maximum)
                              .arg(unit.isEmpty() ? QString() : u' ' + QString(unit));
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok)
        return Error(ErrorCode::InvalidValue, range, QString(key));
    if (value < optionMinimum() || value > maximum)
        return Error(ErrorCode::OutOfRange, range, QString(key));
    return value;
}
