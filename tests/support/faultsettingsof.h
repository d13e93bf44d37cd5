// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "faults/faultinjector.h"

#include <QStringList>

/// Fault settings of `rules` in their short syntax, switched on, with `seed`. A rule that does
/// not parse ends the test run: the test itself is wrong.
inline FaultSettings faultSettingsOf(const QStringList &rules, quint64 seed)
{
    FaultSettings settings;
    settings.seed = seed;
    for (const QString &text : rules) {
        Result<FaultRule> rule = FaultRule::parse(text);
        if (!rule)
            qFatal("bad rule %s: %s", qPrintable(text), qPrintable(rule.error().message));
        settings.rules.append(*rule);
    }
    return settings;
}
