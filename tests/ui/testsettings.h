// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "settings/appsettings.h"
#include "testconfig.h"

/// Settings for a test window: testConfig(), and no desktop notifications.
inline AppSettings testSettings(const QString &storeDirectory)
{
    AppSettings settings;
    static_cast<ServerConfig &>(settings) = testConfig(storeDirectory);
    settings.notifications = false;
    return settings;
}
