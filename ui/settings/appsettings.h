// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "config/serverconfig.h"

#include <memory>

class QSettings;

/// Everything the desktop app remembers between runs: the server's ServerConfig plus the
/// preferences only the desktop has. load() and save() map it to QSettings, by the keys the
/// ConfigSetting table gives for the server's part.
struct AppSettings : ServerConfig
{
    enum class Appearance { System, Light, Dark };
    bool notifications = true;
    bool closeToTray = false;
    /// An XDG autostart entry opens Letterbox at login (AutostartEntry), started with
    /// --minimized when startMinimized.
    bool openAtLogin = false;
    bool startMinimized = true;
    Appearance appearance = Appearance::System;

    /// The settings file of the desktop app: <config>/letterbox/letterbox.conf (INI). Window
    /// geometry and column widths live there too. It holds the TLS passphrase and the AUTH
    /// users' passwords (test credentials the server must be able to check, CRAM-MD5 needs
    /// them in clear), so the file is created readable by its owner only; QSettings replaces
    /// it through QSaveFile, which keeps those permissions.
    static std::unique_ptr<QSettings> openSettingsFile();
    /// Where openSettingsFile() keeps it: $XDG_CONFIG_HOME/letterbox/letterbox.conf
    /// (~/.config/letterbox/letterbox.conf without XDG_CONFIG_HOME).
    static QString settingsFilePath();
    /// openSettingsFile() for a given path (tests).
    static std::unique_ptr<QSettings> openSettingsFile(const QString &path);

    static AppSettings load(const QSettings &settings);
    void save(QSettings &settings) const;

    friend bool operator==(const AppSettings &, const AppSettings &) = default;
};
