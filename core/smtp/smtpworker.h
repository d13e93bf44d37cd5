// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "smtp/smtpserversettings.h"

#include <QObject>
#include <QTimer>

#include <chrono>

#include <memory>

class ConnectionCounter;
class SmtpServer;
struct DeliveryTarget;

/// Runs sessions in one worker thread. The listener hands it socket descriptors; it builds the
/// socket and the session in its own thread and wires the session's signals to the server's
/// (queued across threads). Owned by its thread: deleted when the thread finishes.
class SmtpWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SmtpWorker)

public:
    /// How long a refused connection may take to read our 421 before it is cut.
    static constexpr int kRefusalGraceMs = 5000;
    /// After sessions end, free heap is handed back to the system this much later (at most
    /// once per interval): glibc keeps what a burst of sessions freed in this thread's arena
    /// otherwise, and the process stays at its peak size long after the clients left.
    static constexpr std::chrono::milliseconds kReleaseMemoryDelay{1000};

    SmtpWorker(std::shared_ptr<const SmtpServerSettings> settings,
               std::shared_ptr<const DeliveryTarget> target,
               std::shared_ptr<ConnectionCounter> counter, SmtpServer *server);
    ~SmtpWorker() override;

    /// Starts a session on `socketDescriptor`. `admitted` false means the connection limit was
    /// reached: the client gets "421" and the connection is closed. Call in the worker thread.
    void accept(qintptr socketDescriptor, bool implicitTls, bool admitted);
    /// Says "421 shutting down" on every open session. Call in the worker thread.
    void shutdownSessions();

protected:
    /// Runs what other threads post with ThreadHandoff::post(), and acquires what they released.
    bool event(QEvent *event) override;

private:
    void refuse(qintptr socketDescriptor);
    void releaseFreeMemory();

    std::shared_ptr<const SmtpServerSettings> m_settings;
    std::shared_ptr<const DeliveryTarget> m_target;
    std::shared_ptr<ConnectionCounter> m_counter;
    SmtpServer *m_server;
    QTimer *m_releaseTimer;
};
