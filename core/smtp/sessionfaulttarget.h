// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "faults/faultinjector.h"
#include "smtp/smtpreply.h"

#include <QByteArray>
#include <QString>

/// What a session lets its fault rules do to it. SessionFaults decides, schedules delays and
/// words the outcome; the session only carries it out on its own state.
class SessionFaultTarget
{
public:
    virtual ~SessionFaultTarget() = default;

    /// The session's protocol trace marks that a rule fired, and why.
    virtual void markFault(const QByteArray &reason) = 0;
    /// Undoes what `stage` had begun, so the client sees the server it asked for: an AUTH
    /// that failed, a message that was not stored, a recipient that was refused.
    virtual void undoFaultedStage(FaultStage stage) = 0;
    /// Sends `reply` in place of the stage's own reply.
    virtual void replyInstead(const SmtpReply &reply) = 0;
    /// Greets with `reply` and ends the session (RFC 5321 §3.1: a refusing greeting).
    virtual void refuseConnection(const SmtpReply &reply, const QString &reason) = 0;
    /// Closes the connection without a reply.
    virtual void hangUp(const QString &reason) = 0;
    /// A delay begins: nothing is read meanwhile, and the idle timeout is not ours to spend.
    virtual void holdForDelay() = 0;
    /// False once the session has ended or is closing: a delay's end then does nothing.
    virtual bool isOpenForFaults() const = 0;
    /// A delay ended and its outcome was sent: flush and read on where the session may.
    virtual void resumeAfterDelay() = 0;
};
