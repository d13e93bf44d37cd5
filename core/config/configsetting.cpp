// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "configsetting.h"

#include <QCoreApplication>

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
    // Only --help shows this, to people: translated when the program installed a translation
    // (the man page is made without one, so it stays English).
    const QString unitText = unit.isEmpty()
                                 ? QString()
                                 : u' ' + QCoreApplication::translate("ConfigSetting", unit.data());
    const QString defaultPart =
        zeroMeansOff && defaultNumber == 0
            ? QCoreApplication::translate("ConfigSetting", "off by default")
            : QCoreApplication::translate("ConfigSetting", "default %1").arg(defaultNumber);
    return defaultPart
           + QCoreApplication::translate("ConfigSetting", ", from %1 to %2")
                 .arg(optionMinimum())
                 .arg(maximum)
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
