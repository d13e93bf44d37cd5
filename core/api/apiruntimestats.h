// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <atomic>

/// Counters since start for the RuntimeStats of `GET /api/v1/info`. MailService owns them and
/// counts (deliveries in the SMTP workers' threads, deletions in its own); the API thread reads
/// them. Atomics with relaxed order: each is an independent tally, read one by one.
struct ApiRuntimeStats
{
    std::atomic<quint64> smtpAccepted{0};     ///< messages stored after their final "."
    std::atomic<quint64> smtpAcceptedSize{0}; ///< their bytes
    std::atomic<quint64> smtpRejected{0};     ///< messages answered with an error at the end
    std::atomic<quint64> messagesDeleted{0};  ///< messages deleted by id or by search
};
