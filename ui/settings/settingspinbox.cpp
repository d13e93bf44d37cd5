// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "settingspinbox.h"

#include "settingtexts.h"

#include <algorithm>

SettingSpinBox::SettingSpinBox(ConfigSetting::Id id, QWidget *parent, qint64 scale,
                               const QString &scaledUnit)
    : QSpinBox(parent)
    , m_id(id)
    , m_scale(std::max<qint64>(1, scale))
{
    const ConfigSetting &spec = setting();
    // Whole box units within the bounds: round the minimum up and the maximum down.
    setRange(int((spec.minimum + m_scale - 1) / m_scale), int(spec.maximum / m_scale));
    const QString unit = m_scale == 1 ? SettingTexts::unit(spec) : scaledUnit;
    if (!unit.isEmpty())
        setSuffix(u' ' + unit);
    setAccelerated(true);
    setSettingValue(spec.defaultNumber);
}

SettingSpinBox::~SettingSpinBox() = default;

void SettingSpinBox::setSettingValue(qint64 value)
{
    setValue(int(std::clamp<qint64>(value / m_scale, minimum(), maximum())));
}

qint64 SettingSpinBox::settingValue(qint64 previous) const
{
    return previous / m_scale == value() ? previous : value() * m_scale;
}
