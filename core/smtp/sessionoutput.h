// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/threadcheck.h"

#include <QByteArray>

#include <QIODevice>

/// The write side of one session: writes replies, pushes each burst out at once, and tells
/// when too many of them wait for a client that does not read (RFC 2920 §3.1 lets a server
/// stop reading pipelined commands while its replies are not read; without that, a client
/// that pipelines EHLO and never reads grows the write buffer without bound). Owned by one
/// SmtpSession, used in its thread only.
class SessionOutput final
{
public:
    /// Replies waiting beyond this stop the reading of commands until the client takes some.
    static constexpr qint64 kMaxUnsentBytes = 64 * 1024;

    /// `device` must outlive this object.
    explicit SessionOutput(QIODevice *device);

    void write(const QByteArray &bytes);
    /// Sends what was written now rather than on a later event-loop turn.
    void flush();
    /// Whether more than kMaxUnsentBytes are unsent now; remembered for wasBlocked().
    bool isBlocked();
    /// What the last isBlocked() said.
    bool wasBlocked() const { return m_blocked; }

private:
    QIODevice *m_device;
    bool m_blocked = false;
    ThreadCheck m_thread{m_device}; ///< the session's thread, which owns the device
};
