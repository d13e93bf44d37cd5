// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "phasefigures.h"

#include <atomic>
#include <mutex>
#include <string>

/// Shared by the load threads; the GUI thread only reads it.
struct FloodProgress
{
    /// More failed deliveries than this stop the flood: something is broken, not slow.
    static constexpr int kMaxClientErrors = 20;

    std::atomic<int> nextMessage{0};
    std::atomic<int> accepted{0};
    std::atomic<int> errors{0};
    std::atomic<int> finishedConnections{0};
    std::atomic<bool> abort{false};
    std::atomic<PhaseFigures::Clock::rep> lastAccepted{0}; ///< time_since_epoch() of the latest 250

    std::mutex errorMutex;
    std::string firstError;

    void noteAccepted()
    {
        accepted.fetch_add(1);
        const PhaseFigures::Clock::rep now = PhaseFigures::Clock::now().time_since_epoch().count();
        PhaseFigures::Clock::rep seen = lastAccepted.load();
        while (seen < now && !lastAccepted.compare_exchange_weak(seen, now)) {
        }
    }

    void noteError(const std::string &what)
    {
        {
            const std::lock_guard lock(errorMutex);
            if (firstError.empty())
                firstError = what;
        }
        if (errors.fetch_add(1) + 1 >= kMaxClientErrors)
            abort.store(true);
    }
};
