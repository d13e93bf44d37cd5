// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "events/events.h"
#include "faults/faultinjector.h"
#include "smtp/messageheadcapture.h"
#include "smtp/sessionfaulttarget.h"

#include <QObject>

#include <chrono>
#include <functional>
#include <memory>

/// Starts a one-shot timer in `context`'s thread that calls `fire`, unless `context` is gone
/// first. Unset in SessionContext: QTimer::singleShot. Tests replace it to fire delays at will.
using FaultTimer = std::function<void(std::chrono::milliseconds delay, QObject *context,
                                      std::function<void()> fire)>;

/// One session's side of fault injection: asks the server's FaultInjector at each stage, has
/// the session mark and carry out what fired (through SessionFaultTarget), keeps the session
/// from reading while a delay runs (without blocking its thread: the delay is a timer), and
/// keeps the message's header block when a rule wants it. Used in the session's thread only.
class SessionFaults final
{
public:
    /// `injector` may be null (no faults); `context` and `target` are the session, which must
    /// outlive this.
    SessionFaults(std::shared_ptr<FaultInjector> injector, FaultTimer timer, QObject *context,
                  SessionFaultTarget *target);

    /// What the rules may match in a session: its remote address, auth user and envelope.
    static FaultSubject subjectOf(const SessionInfo &info, const QByteArray &sender,
                                  const QList<QByteArray> &recipients);

    /// Asks the rules about `stage` and has the target mark and carry out what fired. True
    /// when a rule took the stage over: the caller stops there. After a delay whose rule lets
    /// the stage go on, `again` does the stage (the rules are not asked twice).
    bool intercepts(FaultStage stage, const FaultSubject &subject, std::function<void()> again);

    /// What to do at `stage`: Pass when there is no injector, and once right after a delay
    /// whose rule lets the session go on (the stage is then being done again, see pause()).
    FaultDecision decide(FaultStage stage, const FaultSubject &subject);

    /// Waits `delay`, then lets the next decide() pass and calls `then`. Meanwhile isPaused().
    void pause(std::chrono::milliseconds delay, std::function<void()> then);
    bool isPaused() const { return m_paused; }

    /// DATA bytes, for header rules; costs nothing unless a rule looks at headers.
    void dataRead(QByteArrayView bytes);
    /// The header block of the message just received (empty unless a rule looks at headers).
    QByteArray headerBlock() const { return m_head.headerBlock(); }
    void dataStarted();

private:
    /// Replies or hangs up as `decision` says, undoing what the stage had begun.
    void apply(FaultStage stage, const FaultDecision &decision);

    std::shared_ptr<FaultInjector> m_injector;
    FaultTimer m_timer;
    QObject *m_context;
    SessionFaultTarget *m_target;
    MessageHeadCapture m_head;
    bool m_capturing = false;
    bool m_paused = false;
    bool m_bypass = false;
};
