// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "appsettings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>
#include <array>

namespace {

// The desktop-only preferences; the server's keys are in the ConfigSetting table.
constexpr QLatin1StringView kNotifications("desktop/notifications");
constexpr QLatin1StringView kAppearance("desktop/appearance");

// Words in the file, so a hand-edited or newer file cannot select a mode by number.
constexpr std::array kAppearanceNames{QLatin1StringView("system"), QLatin1StringView("light"),
                                      QLatin1StringView("dark")};
constexpr QLatin1StringView kCloseToTray("desktop/closeToTray");
constexpr QLatin1StringView kOpenAtLogin("desktop/openAtLogin");
constexpr QLatin1StringView kStartMinimized("desktop/startMinimized");

} // namespace

std::unique_ptr<QSettings> AppSettings::openSettingsFile()
{
    return openSettingsFile(settingsFilePath());
}

QString AppSettings::settingsFilePath()
{
    // Explicit, because QSettings() without an organisation name ends up in "Unknown
    // Organization", and setting one would move the default store. AppConfigLocation is
    // $XDG_CONFIG_HOME/<application name> on Linux.
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
           + QStringLiteral("/letterbox.conf");
}

std::unique_ptr<QSettings> AppSettings::openSettingsFile(const QString &path)
{
    // Created private before the first secret is written into it, not tightened afterwards.
    if (!QFileInfo::exists(path)) {
        QDir().mkpath(QFileInfo(path).path());
        QFile file(path);
        if (file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    return std::make_unique<QSettings>(path, QSettings::IniFormat);
}

AppSettings AppSettings::load(const QSettings &s)
{
    AppSettings r;
    for (const ConfigSetting &setting : ConfigSetting::all()) {
        if (s.contains(setting.fileKey))
            r.setValue(setting.id, s.value(setting.fileKey));
        // The first releases read a negative count as "off", so a hand-edited file still does.
        if (setting.zeroMeansOff && r.value(setting.id).toLongLong() < 0)
            r.setValue(setting.id, 0);
    }
    r.notifications = s.value(kNotifications, r.notifications).toBool();
    r.closeToTray = s.value(kCloseToTray, r.closeToTray).toBool();
    r.openAtLogin = s.value(kOpenAtLogin, r.openAtLogin).toBool();
    r.startMinimized = s.value(kStartMinimized, r.startMinimized).toBool();
    const QString appearance = s.value(kAppearance).toString();
    for (std::size_t i = 0; i < kAppearanceNames.size(); ++i) {
        if (appearance == kAppearanceNames[i])
            r.appearance = Appearance(i);
    }
    return r;
}

void AppSettings::save(QSettings &s) const
{
    for (const ConfigSetting &setting : ConfigSetting::all())
        s.setValue(setting.fileKey, value(setting.id));
    s.setValue(kNotifications, notifications);
    s.setValue(kCloseToTray, closeToTray);
    s.setValue(kOpenAtLogin, openAtLogin);
    s.setValue(kStartMinimized, startMinimized);
    s.setValue(kAppearance, kAppearanceNames[std::size_t(appearance)]);
}
