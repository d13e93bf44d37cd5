// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "guiprobe.h"

#include <QCoreApplication>

#include <atomic>
#include <chrono>
#include <thread>

/// Posts a ProbeInputEvent to the probe every kInputIntervalMs from its own thread, the way
/// the platform's input thread hands events over, so a stalled GUI thread cannot delay the
/// posting, only the delivery.
class InputInjector
{
public:
    static constexpr int kInputIntervalMs = 50;

    explicit InputInjector(GuiProbe *probe)
        : m_thread([this, probe] {
            while (!m_stop.load()) {
                QCoreApplication::postEvent(probe, new ProbeInputEvent(PhaseFigures::Clock::now()));
                std::this_thread::sleep_for(std::chrono::milliseconds(kInputIntervalMs));
            }
        })
    {}
    ~InputInjector()
    {
        m_stop.store(true);
        m_thread.join();
    }
    Q_DISABLE_COPY_MOVE(InputInjector)

private:
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};
