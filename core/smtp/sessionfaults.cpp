// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtp/sessionfaults.h"

#include <QTimer>

SessionFaults::SessionFaults(std::shared_ptr<FaultInjector> injector, FaultTimer timer,
                             QObject *context, SessionFaultTarget *target)
    : m_injector(std::move(injector))
    , m_timer(std::move(timer))
    , m_context(context)
    , m_target(target)
{
    if (!m_timer) {
        m_timer = [](std::chrono::milliseconds delay, QObject *receiver,
                     std::function<void()> fire) {
            QTimer::singleShot(delay, receiver, std::move(fire));
        };
    }
}

FaultSubject SessionFaults::subjectOf(const SessionInfo &info, const QByteArray &sender,
                                      const QList<QByteArray> &recipients)
{
    FaultSubject subject;
    subject.remoteAddress = info.remoteAddress;
    subject.authUser = info.authUser;
    subject.sender = sender;
    subject.recipients = recipients;
    return subject;
}

bool SessionFaults::intercepts(FaultStage stage, const FaultSubject &subject,
                               std::function<void()> again)
{
    const FaultDecision decision = decide(stage, subject);
    if (!decision.fired())
        return false;
    m_target->markFault(decision.reason.toUtf8());
    if (decision.delay.count() <= 0) {
        apply(stage, decision);
        return true;
    }
    m_target->holdForDelay();
    pause(decision.delay, [this, stage, decision, again = std::move(again)] {
        if (!m_target->isOpenForFaults())
            return;
        if (decision.kind == FaultDecision::Kind::Pass)
            again();
        else
            apply(stage, decision);
        m_target->resumeAfterDelay();
    });
    return true;
}

void SessionFaults::apply(FaultStage stage, const FaultDecision &decision)
{
    m_target->undoFaultedStage(stage);
    if (decision.kind == FaultDecision::Kind::Disconnect) {
        m_target->hangUp(QStringLiteral("fault rule %1: disconnect").arg(decision.rule + 1));
        return;
    }
    const SmtpReply replacement(decision.code, decision.enhancedCode, decision.text);
    if (stage == FaultStage::Connect) {
        m_target->refuseConnection(
            replacement,
            QStringLiteral("fault rule %1: refused the connection").arg(decision.rule + 1));
        return;
    }
    m_target->replyInstead(replacement);
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
