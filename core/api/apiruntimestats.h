// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <atomic>

/// Counters since start for the RuntimeStats of `GET /api/v1/info`, with Mailpit's meanings
/// (internal/stats, internal/storage/utils.go). MailService owns them and counts (deliveries and
/// refusals in the SMTP workers' threads, deletions and API submissions in its own); the API
/// thread reads them. Atomics with relaxed order: each is an independent tally, read one by one.
///
/// Mailpit's SMTPIgnored counts messages dropped as duplicates (--ignore-duplicate-ids);
/// Letterbox never drops a message it answered 250, so it has no such counter and reports 0.
struct ApiRuntimeStats
{
    /// Messages stored: by SMTP after their final ".", and sent with POST /api/v1/send (Mailpit
    /// stores both through the same function and counts both).
    std::atomic<quint64> smtpAccepted{0};
    std::atomic<quint64> smtpAcceptedSize{0}; ///< their bytes, Received: header included
    /// Refusals: a message too big (552, at MAIL with SIZE or after the data), a recipient the
    /// accept-rcpt policy refused (550, one per RCPT, as Mailpit counts its recipient filter),
    /// and a message the store could not keep.
    std::atomic<quint64> smtpRejected{0};
    /// Messages deleted, however: by id, by search, everything at once (API or desktop), and by
    /// retention (Mailpit counts its pruning too).
    std::atomic<quint64> messagesDeleted{0};
};
