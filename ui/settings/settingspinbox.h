// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "config/configsetting.h"

#include <QSpinBox>

/// A spin box for one numeric setting, with its range and unit suffix from the ConfigSetting
/// table. A setting kept in small units (bytes) can be shown in larger ones (MiB): the range is
/// then the whole larger units within the setting's bounds.
class SettingSpinBox final : public QSpinBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingSpinBox)

public:
    /// `scale` setting units make one step of the box, named `scaledUnit` ("MiB").
    SettingSpinBox(ConfigSetting::Id id, QWidget *parent, qint64 scale = 1,
                   const QString &scaledUnit = {});
    ~SettingSpinBox() override;

    const ConfigSetting &setting() const { return ConfigSetting::of(m_id); }
    qint64 scale() const { return m_scale; }

    /// Shows `value` (in the setting's units), rounded down to the box's units and kept in its
    /// range.
    void setSettingValue(qint64 value);
    /// The value in the setting's units; `previous` when the box still shows it (so a limit
    /// that is not a whole number of the box's units survives a visit to the dialog).
    qint64 settingValue(qint64 previous) const;

private:
    ConfigSetting::Id m_id;
    qint64 m_scale;
};
