// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "config/serverconfig.h"

/// Settings for a MailService (or a window) under test: a private store, an ephemeral loopback
/// port, and no HTTP API. The API's default port is fixed (127.0.0.1:8025), so tests running
/// side by side would take it from each other; API tests ask for 127.0.0.1:0 themselves.
inline ServerConfig testConfig(const QString &storeDirectory)
{
    ServerConfig config;
    config.listen = QStringLiteral("127.0.0.1:0");
    config.storeDirectory = storeDirectory;
    config.apiListen = QStringLiteral("off");
    return config;
}
