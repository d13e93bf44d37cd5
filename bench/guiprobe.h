// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "phasefigures.h"

#include <QEvent>
#include <QObject>
#include <QTimer>
#include <QWidget>

#include <algorithm>

/// Stands for a key press or mouse move: posted from outside the GUI thread, stamped when
/// posted, so its delivery measures how long input would wait for the event loop.
class ProbeInputEvent final : public QEvent
{
public:
    explicit ProbeInputEvent(PhaseFigures::Clock::time_point posted)
        : QEvent(type())
        , m_posted(posted)
    {}

    static QEvent::Type type()
    {
        static const auto registered = static_cast<QEvent::Type>(QEvent::registerEventType());
        return registered;
    }

    PhaseFigures::Clock::time_point posted() const { return m_posted; }

private:
    PhaseFigures::Clock::time_point m_posted;
};

/// Lives in the GUI thread and charges what it sees to the current phase.
class GuiProbe final : public QObject
{
public:
    /// How often the probe's precise timer ticks; its lateness is a stall of the event loop.
    static constexpr int kTickIntervalMs = 5;

    GuiProbe(QWidget *inboxViewport, QWidget *logViewport)
        : m_inboxViewport(inboxViewport)
        , m_logViewport(logViewport)
    {
        inboxViewport->installEventFilter(this);
        logViewport->installEventFilter(this);
        m_ticks.setTimerType(Qt::PreciseTimer);
        m_ticks.setInterval(kTickIntervalMs);
        connect(&m_ticks, &QTimer::timeout, this, &GuiProbe::tick);
        m_ticks.start();
    }
    Q_DISABLE_COPY_MOVE(GuiProbe)

    /// Ends the current phase (if any) and charges everything from now on to `phase`; null
    /// stops measuring for good. The timer ticks from construction, which also keeps
    /// runUntil() waking up.
    void measure(PhaseFigures *phase)
    {
        const PhaseFigures::Clock::time_point now = PhaseFigures::Clock::now();
        if (m_phase)
            m_phase->seconds = PhaseFigures::millisecondsBetween(m_phaseStart, now) / 1000;
        m_phase = phase;
        m_phaseStart = now;
        m_lastTick = now;
        if (!phase)
            m_ticks.stop();
    }

protected:
    bool event(QEvent *event) override
    {
        if (event->type() != ProbeInputEvent::type())
            return QObject::event(event);
        if (m_phase) {
            const auto *input = static_cast<ProbeInputEvent *>(event);
            m_phase->inputLatencyMs.push_back(
                PhaseFigures::millisecondsBetween(input->posted(), PhaseFigures::Clock::now()));
        }
        return true;
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (m_phase && event->type() == QEvent::Paint) {
            if (watched == m_inboxViewport)
                ++m_phase->inboxPaints;
            else if (watched == m_logViewport)
                ++m_phase->logPaints;
        }
        return false;
    }

private:
    void tick()
    {
        const PhaseFigures::Clock::time_point now = PhaseFigures::Clock::now();
        // Qt keeps a precise timer on its schedule, so a tick after a late one may come early;
        // only lateness counts.
        const double late = PhaseFigures::millisecondsBetween(m_lastTick, now) - kTickIntervalMs;
        m_lastTick = now;
        if (m_phase)
            m_phase->tickLatenessMs.push_back(std::max(0.0, late));
    }

    QWidget *m_inboxViewport = nullptr;
    QWidget *m_logViewport = nullptr;
    QTimer m_ticks;
    PhaseFigures *m_phase = nullptr;
    PhaseFigures::Clock::time_point m_phaseStart;
    PhaseFigures::Clock::time_point m_lastTick;
};
