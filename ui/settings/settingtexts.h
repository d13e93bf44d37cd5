// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "config/configsetting.h"

#include <QCoreApplication>
#include <QString>

/// A setting's help text and unit as the settings pages show them: translated. The table
/// (core/config/configsetting.h) marks them with QT_TRANSLATE_NOOP in the "ConfigSetting"
/// context and keeps them English for --help, the man page and the API.
namespace SettingTexts {

inline QString translated(QLatin1StringView text)
{
    // The table's texts are literals, so their data ends in a NUL as translate() expects.
    return text.isEmpty() ? QString() : QCoreApplication::translate("ConfigSetting", text.data());
}

inline QString help(ConfigSetting::Id id)
{
    return translated(ConfigSetting::of(id).help);
}

inline QString unit(const ConfigSetting &setting)
{
    return translated(setting.unit);
}

} // namespace SettingTexts
