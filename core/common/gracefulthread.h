// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/threadhandoff.h"

#include <QCoreApplication>
#include <QThread>

#include <memory>

/// Deleter for an owned worker thread: asks its event loop to quit, which lets the work already
/// queued there finish, then joins it. The objects living in the thread are deleted through
/// QThread::finished → deleteLater, so they are gone before the owner is.
///
/// The join happens on a wait condition inside libQt6Core, which ThreadSanitizer cannot see:
/// the owner would then free data (a shared QString, say) whose last reference the worker
/// dropped, and TSan would call it a race. So the thread releases a token after its objects
/// are deleted, and the owner acquires it after the join (see common/threadhandoff.h).
struct GracefulQuit
{
    void operator()(QThread *thread) const
    {
        // Connected last, so it runs after the finished → deleteLater connections have posted
        // their deletions; it runs them now, in the thread, then states that all is done. It
        // captures nothing: the thread finds its token itself, and the owner's release below
        // orders the connection (made here, read there) for TSan.
        QObject::connect(
            thread, &QThread::finished, thread,
            [] {
                QThread *self = QThread::currentThread();
                ThreadHandoff::acquire(self);
                QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
                ThreadHandoff::release(self);
            },
            Qt::DirectConnection);
        ThreadHandoff::release(thread);
        thread->quit();
        thread->wait();
        ThreadHandoff::acquire(thread);
        delete thread;
    }
};

/// An owned worker thread, stopped by GracefulQuit.
using GracefulThread = std::unique_ptr<QThread, GracefulQuit>;
