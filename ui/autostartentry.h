// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QString>

/// The entry that opens Letterbox at login, as the freedesktop Desktop Application Autostart
/// Specification has it: a desktop file in $XDG_CONFIG_HOME/autostart/ (~/.config/autostart/
/// without XDG_CONFIG_HOME), named by the app's desktop file id. GNOME, KDE, Xfce and the other
/// XDG desktops start what they find there.
class AutostartEntry final
{
public:
    /// The entry's file name: the desktop file id, as in share/applications/.
    static constexpr QLatin1StringView kFileName{"io.github.letterbox.Letterbox.desktop"};

    /// The entry in `configDirectory`, or without one in the user's configuration folder
    /// (QStandardPaths::GenericConfigLocation, which follows XDG_CONFIG_HOME).
    explicit AutostartEntry(const QString &configDirectory = {});

    QString path() const { return m_path; }
    bool exists() const;
    /// Writes the entry, or removes it when `enabled` is false (nothing to do when there is
    /// none). It runs `program`, with --minimized when `minimized`. FileUnwritable on failure.
    Result<void> apply(bool enabled, bool minimized, const QString &program) const;

    /// The Exec value for `program`: quoted and escaped as the Desktop Entry Specification
    /// requires where the path holds spaces or other reserved characters.
    static QString execLine(const QString &program, bool minimized);

private:
    QString m_path;
};
