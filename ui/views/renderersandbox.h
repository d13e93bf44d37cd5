// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

/// Whether QtWebEngine's renderer processes run inside Chromium's sandbox. Without it, a flaw
/// in the HTML engine that a hostile message triggers runs with all of our rights (as root,
/// over the whole machine), so the preview asks before rendering (HtmlPreview).
class RendererSandbox final
{
public:
    /// Whether these QtWebEngine settings run renderers unsandboxed: `--no-sandbox` or
    /// `--single-process` (the renderer then lives in our own process) among the Chromium
    /// flags, or QTWEBENGINE_DISABLE_SANDBOX set at all (QtWebEngine only checks that it is
    /// set). Pure.
    static bool disabledBy(const QByteArray &chromiumFlags, bool disableSandboxSet);

    /// disabledBy() for this process's environment (QTWEBENGINE_CHROMIUM_FLAGS,
    /// QTWEBENGINE_DISABLE_SANDBOX), which main() completes before QtWebEngine starts.
    static bool disabledInThisProcess();

    /// Whether this process runs as root, where Chromium refuses to start its sandbox.
    static bool runsAsRoot();
};
