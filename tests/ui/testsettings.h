// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "settings/appsettings.h"

/// Settings for a test window or controller: a private store, an ephemeral loopback port, and
/// no desktop notifications.
inline AppSettings testSettings(const QString &storeDirectory)
{
    AppSettings settings;
    settings.listen = QStringLiteral("127.0.0.1:0");
    settings.storeDirectory = storeDirectory;
    settings.notifications = false;
    return settings;
}
