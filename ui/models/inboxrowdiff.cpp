// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "inboxrowdiff.h"

std::optional<QList<InboxRowDiff::Run>>
InboxRowDiff::compute(const QList<qint64> &now, const QList<qint64> &next,
                      const QSet<qint64> &added, const QSet<qint64> &removed,
                      const QSet<qint64> &locallyRemoved, qint64 keepListed, int maxRuns)
{
    // One walk over both lists turns the old rows into the new ones.
    const auto insertable = [&](qint64 id) {
        return added.contains(id) && !locallyRemoved.contains(id);
    };
    QList<Run> runs;
    qsizetype i = 0;
    qsizetype j = 0;
    int position = 0;
    while (i < next.size() || j < now.size()) {
        if (i < next.size() && j < now.size() && next.at(i) == now.at(j)) {
            ++i;
            ++j;
            ++position;
        } else if (j < now.size() && now.at(j) == keepListed && removed.contains(now.at(j))) {
            ++j;
            ++position;
        } else if (j < now.size() && removed.contains(now.at(j))) {
            Run run{position, 0, {}};
            while (j < now.size() && removed.contains(now.at(j)) && now.at(j) != keepListed) {
                ++run.removeCount;
                ++j;
            }
            runs.append(run);
        } else if (i < next.size() && insertable(next.at(i))) {
            Run run{position, 0, {}};
            while (i < next.size() && insertable(next.at(i)))
                run.insert.append(next.at(i++));
            position += int(run.insert.size());
            runs.append(run);
        } else if (i < next.size()) {
            // Removed here since the request left (the user deleted it): leave it out.
            ++i;
        } else {
            return std::nullopt; // a row the store did not mention: orders disagree
        }
        if (runs.size() > maxRuns)
            return std::nullopt;
    }
    return runs;
}
