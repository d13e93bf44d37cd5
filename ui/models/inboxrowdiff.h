// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QSet>

#include <optional>

/// How one answer of the store turns the inbox's rows into the new ones: runs of removals and
/// insertions, so that a flood of arrivals is one ranged insert and never a reset. Pure.
class InboxRowDiff
{
public:
    /// One removal or one insertion, at a position of the list as it is after the runs
    /// before it.
    struct Run
    {
        int position = 0;
        int removeCount = 0;
        QList<qint64> insert;
    };

    /// The runs from the rows `now` to `next`, both in the store's total order (its ORDER BY
    /// ends with the id). `added` and `removed` are what the store says changed; ids in
    /// `locallyRemoved` (deleted by the user, not yet gone from the store) are not inserted;
    /// `keepListed` stays although removed. Empty when the orders disagree or the change needs
    /// more than `maxRuns` runs (a reset is cheaper then).
    static std::optional<QList<Run>> compute(const QList<qint64> &now, const QList<qint64> &next,
                                             const QSet<qint64> &added, const QSet<qint64> &removed,
                                             const QSet<qint64> &locallyRemoved, qint64 keepListed,
                                             int maxRuns);
};
