#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
# The generated bash completion, loaded by bash-completion as a shell would, completes
# options, commands, files for FILE options and import, folders for DIR options, and nothing
# for other values. Skipped (77) without bash-completion.
#   check-completion.sh COMPLETION
# Not -e or -u: bash-completion's functions are written for interactive shells.
completion=$1
library=/usr/share/bash-completion/bash_completion
[ -f "$library" ] || { echo "skipped: bash-completion is not installed"; exit 77; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/folder" && touch "$scratch/file.pem" && cd "$scratch" || exit 1
# shellcheck disable=SC1090
source "$library"
source "$completion"
status=0
expect() {
    local expected=$1
    shift
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _letterbox
    if [ "${COMPREPLY[*]}" = "$expected" ]; then
        echo "ok: $* -> $expected"
    else
        echo "FAIL: $* -> '${COMPREPLY[*]}', expected '$expected'"
        status=1
    fi
}
expect --store letterbox --sto
expect --json letterbox list --j
expect rebuild-index letterbox reb
expect "rebuild-index release" letterbox re
expect list letterbox --store folder lis
expect folder letterbox --store fo
expect file.pem letterbox --tls-cert fi
expect file.pem letterbox import fi
expect "" letterbox --limit 1
exit $status
