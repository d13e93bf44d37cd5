#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
# Every server setting's default and bounds are written once, in the ConfigSetting table
# (core/config/configsetting.h). This fails when one of those numbers appears again in code
# (not comments) of core/, app/ or ui/ on a line about a setting, or when a settings page sets
# a spin box range by hand instead of through SettingSpinBox.
set -euo pipefail
root=${1:?usage: check-config-defaults.sh SOURCE_DIR}
cd "$root"
numbers='33554432|2146435072|2047|1000000|100000000|100000|86400|36500|3600|8025|1025|1000|300|100|15'
words='messagesize|max-size|recipients|timeout|connections|retain|handshake|listen|port *=|setrange|setminimum\(|setmaximum\(|kdefault|protocolerrors'
status=0
if grep -rnE --include='*.cpp' --include='*.h' "\\b($numbers)\\b|32 ?\\* ?1024 ?\\* ?1024" \
        core app ui \
    | grep -v '^core/config/' \
    | grep -vE '^[^:]+:[0-9]+:[[:space:]]*//' \
    | sed -E 's#//.*$##' \
    | grep -iE "$words" \
    | grep -v 'setSingleStep' \
    | grep -E "\\b($numbers)\\b|32 ?\\* ?1024 ?\\* ?1024"; then
    echo "a setting's default or bound is written outside core/config (above)" >&2
    status=1
fi
if grep -rn --include='*.cpp' 'setRange(' ui/settings | grep -v '^ui/settings/settingspinbox.cpp:'; then
    echo "a settings page sets a range by hand; use SettingSpinBox (above)" >&2
    status=1
fi
[ "$status" -eq 0 ] && echo "every setting's default and bounds are declared once, in core/config"
exit "$status"
