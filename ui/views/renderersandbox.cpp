// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "renderersandbox.h"

#include <QList>
#include <QtGlobal>

#include <unistd.h>

bool RendererSandbox::disabledBy(const QByteArray &chromiumFlags, bool disableSandboxSet)
{
    if (disableSandboxSet)
        return true;
    const QList<QByteArray> flags = chromiumFlags.simplified().split(' ');
    for (const QByteArray &flag : flags) {
        if (flag == "--no-sandbox" || flag.startsWith("--no-sandbox=")
            || flag == "--single-process")
            return true;
    }
    return false;
}

bool RendererSandbox::disabledInThisProcess()
{
    return disabledBy(qgetenv("QTWEBENGINE_CHROMIUM_FLAGS"),
                      qEnvironmentVariableIsSet("QTWEBENGINE_DISABLE_SANDBOX"));
}

bool RendererSandbox::runsAsRoot()
{
    return geteuid() == 0;
}
