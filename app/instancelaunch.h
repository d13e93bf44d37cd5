// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "commandline.h"
#include "instance/instanceserver.h"

#include <memory>
#include <optional>

/// What a launch does about the Letterbox that may already run on its store (SingleInstance):
/// the desktop app asks it to show its window, headless mode refuses to start beside it, and
/// `letterbox --quit` stops it.
namespace InstanceLaunch {

/// The exit code of a launch that found another Letterbox on its store that cannot do what
/// the launch wanted: a headless one when the desktop app was started (no window to show), or
/// any one when headless mode was started.
constexpr int kExitOtherInstance = 3;

struct Outcome
{
    /// This launch is the store's instance; null when it runs without being reachable (the
    /// socket could not be made; a warning said so).
    std::unique_ptr<InstanceServer> server;
    /// Set when this launch must end here with that code (it has printed why, if anything).
    std::optional<int> exitCode;
};

/// Asks the instance on `storeDirectory` to show its window (desktop) or whether one runs
/// (headless), or makes this process that instance. Touches neither a port nor the store.
Outcome claim(const QString &storeDirectory, InstanceServer::Mode mode);

/// `letterbox --quit`: stops the instance on `--store DIR` (without it: the desktop app's saved
/// store, then the default store) and waits until it has stopped. 0, or 1 with a message when
/// none runs or it does not stop in time.
int runQuit(const CommandLine &commandLine, const QString &desktopStoreDirectory);

} // namespace InstanceLaunch
