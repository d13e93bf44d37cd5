// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "phasefigures.h"

#include <algorithm>
#include <cstdio>

double PhaseFigures::millisecondsBetween(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration<double, std::milli>(to - from).count();
}

double PhaseFigures::percentile(std::vector<double> values, double fraction)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<size_t>(fraction * static_cast<double>(values.size() - 1) + 0.5);
    return values.at(std::min(rank, values.size() - 1));
}

double PhaseFigures::maximum(const std::vector<double> &values)
{
    return values.empty() ? 0 : *std::max_element(values.cbegin(), values.cend());
}

void PhaseFigures::add(const PhaseFigures &other)
{
    tickLatenessMs.insert(tickLatenessMs.end(), other.tickLatenessMs.cbegin(),
                          other.tickLatenessMs.cend());
    inputLatencyMs.insert(inputLatencyMs.end(), other.inputLatencyMs.cbegin(),
                          other.inputLatencyMs.cend());
    inboxPaints += other.inboxPaints;
    logPaints += other.logPaints;
    seconds += other.seconds;
}

void PhaseFigures::print(const char *name) const
{
    const double measured = std::max(seconds, 0.001);
    std::printf("%-22s %6.1f %6zu %6.2f %7.2f %7.1f %6zu %6.2f %7.2f %7.1f %8.1f %8.1f\n", name,
                seconds, tickLatenessMs.size(), percentile(tickLatenessMs, 0.5),
                percentile(tickLatenessMs, 0.99), maximum(tickLatenessMs), inputLatencyMs.size(),
                percentile(inputLatencyMs, 0.5), percentile(inputLatencyMs, 0.99),
                maximum(inputLatencyMs), static_cast<double>(inboxPaints) / measured,
                static_cast<double>(logPaints) / measured);
}
