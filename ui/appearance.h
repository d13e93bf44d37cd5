// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "settings/appsettings.h"

class QPalette;

/// Light, dark or the platform's look for the whole application. "System" leaves the style and
/// palette the platform theme chose (KDE and other desktops that tell Qt 6.4 about dark mode);
/// "Light" and "Dark" use the Fusion style with a palette of our own, for desktops where Qt 6.4
/// cannot see the system's preference. Every colour in Letterbox's own views comes from the
/// palette, so switching at run time repaints everything. GUI thread only.
class Appearance final
{
public:
    Appearance() = delete;

    /// Applies `mode` to the running QApplication. The first call remembers the platform's
    /// style and palette, so switching back to System restores them.
    static void apply(AppSettings::Appearance mode);
    /// The palette Letterbox uses for the dark appearance.
    static QPalette darkPalette();
    /// Whether `palette` is dark (its window colour is), so views can pick readable accents.
    static bool isDark(const QPalette &palette);
};
