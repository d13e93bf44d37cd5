// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtp/sessionfaults.h"

#include <QTimer>

SessionFaults::SessionFaults(std::shared_ptr<FaultInjector> injector, FaultTimer timer,
                             QObject *context)
    : m_injector(std::move(injector))
    , m_timer(std::move(timer))
    , m_context(context)
{
    if (!m_timer) {
        m_timer = [](std::chrono::milliseconds delay, QObject *receiver,
                     std::function<void()> fire) {
            QTimer::singleShot(delay, receiver, std::move(fire));
        };
    }
}

FaultDecision SessionFaults::decide(FaultStage stage, const FaultSubject &subject)
{
    if (m_bypass) {
        // The stage a delay held back is being done now: its rule already fired.
        m_bypass = false;
        return {};
    }
    if (!m_injector)
        return {};
    return m_injector->decide(stage, subject);
}

void SessionFaults::pause(std::chrono::milliseconds delay, std::function<void()> then)
{
    m_paused = true;
    m_timer(delay, m_context, [this, then = std::move(then)] {
        m_paused = false;
        m_bypass = true;
        then();
        m_bypass = false;
    });
}

void SessionFaults::dataStarted()
{
    m_head.clear();
    m_capturing = m_injector && m_injector->needsHeaders();
}

void SessionFaults::dataRead(QByteArrayView bytes)
{
    if (m_capturing)
        m_head.feed(bytes);
}
