// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <chrono>
#include <vector>

/// What the GUI probe saw while one phase of the flood benchmark ran, and how it is printed.
struct PhaseFigures
{
    using Clock = std::chrono::steady_clock;

    std::vector<double> tickLatenessMs;
    std::vector<double> inputLatencyMs;
    qint64 inboxPaints = 0;
    qint64 logPaints = 0;
    double seconds = 0;

    void add(const PhaseFigures &other);
    /// One row of the benchmark's table.
    void print(const char *name) const;

    static double millisecondsBetween(Clock::time_point from, Clock::time_point to);
    static double percentile(std::vector<double> values, double fraction);
    static double maximum(const std::vector<double> &values);
};
