// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QThread>

#include <memory>

/// Deleter for an owned worker thread: asks its event loop to quit and waits for it, so the
/// objects living in it (deleted on finished()) are gone before the owner is.
struct GracefulQuit
{
    void operator()(QThread *thread) const
    {
        thread->quit();
        thread->wait();
        delete thread;
    }
};

using GracefulThread = std::unique_ptr<QThread, GracefulQuit>;
