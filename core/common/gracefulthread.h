// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QThread>

#include <memory>

/// Deleter for an owned worker thread: asks its event loop to quit, which lets the work already
/// queued there finish, then joins it. The objects living in the thread are deleted through
/// QThread::finished → deleteLater, so they are gone before the owner is.
struct GracefulQuit
{
    void operator()(QThread *thread) const
    {
        thread->quit();
        thread->wait();
        delete thread;
    }
};

/// An owned worker thread, stopped by GracefulQuit.
using GracefulThread = std::unique_ptr<QThread, GracefulQuit>;
