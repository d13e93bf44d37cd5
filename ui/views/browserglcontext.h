// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

/// The OpenGL context that QtWebEngine shares with the window, made when the first HTML body
/// is shown rather than at start.
///
/// QtWebEngine needs a global share context, and without one it creates it itself while
/// QApplication is constructed (QGuiApplication does the same for Qt::AA_ShareOpenGLContexts).
/// Creating it loads the OpenGL driver: with Mesa's llvmpipe that is about 56 MB of the main
/// process (libLLVM alone 43 MB), for a window that may never show HTML. Both only create one
/// when no global share context is set, so reserve() sets one that is not created yet, and
/// createIfNeeded() creates it just before the first browser object.
class BrowserGlContext final
{
public:
    /// Before QApplication is constructed.
    static void reserve();
    /// In the GUI thread, before the first QWebEngineProfile or QWebEngineView. Without
    /// reserve() (tests) there is nothing to do: Qt made the context at start.
    static void createIfNeeded();
    /// Whether the shared context exists and is created (tests).
    static bool isCreated();
};
