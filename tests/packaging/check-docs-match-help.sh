#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
# The man page and the bash completion list exactly the options and commands `letterbox --help`
# lists: all three come from the command line's option table, and this fails when one of them
# stops doing so (an option parsed but not in commandLineOptions(), a generator that drops
# some).
#   check-docs-match-help.sh LETTERBOX MANPAGE COMPLETION
set -euo pipefail
letterbox=$1 manpage=$2 completion=$3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

help=$("$letterbox" --help)
# Options: the lines of --help's "Options:" block that start with an option name.
sed -n '/^Options:/,/^Arguments:/p' <<<"$help" | grep -oE '^  (-[a-z], )?--[a-z0-9-]+' |
    grep -oE -- '--[a-z0-9-]+' | sort -u >"$scratch/help-options"
# The man page: the headings of the OPTIONS section (\fB\-\-name\fR).
sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$manpage" | grep -A1 '^\.TP' |
    grep -oE '\\fB\\-\\-[a-z0-9]([a-z0-9]|\\-)*' |
    sed 's/\\fB//; s/\\-/-/g' | sort -u >"$scratch/man-options"
# The completion: the word list offered after "-".
grep -oE "compgen -W '[^']*--[^']*'" "$completion" | tr ' ' '\n' | grep -E -- '^--' |
    tr -d "'" | sort -u >"$scratch/completion-options"

# Commands: --help's description of the "command" argument, the man page's COMMANDS headings,
# the completion's first-word list.
# (Qt wraps the description over several lines.)
sed -n '/^Arguments:/,$p' <<<"$help" | tr '\n' ' ' |
    sed -E 's/^Arguments: +command +//; s/ *\(optional\).*//; s/,? or /, /' | tr ',' '\n' |
    tr -d ' ' | grep -v '^$' | sort -u >"$scratch/help-commands"
sed -n '/^\.SH COMMANDS/,/^\.SH /p' "$manpage" | grep -A1 '^\.TP' |
    grep -oE '^\\fBletterbox [a-z]([a-z]|\\-)+' | sed 's/\\fBletterbox //; s/\\-/-/g' |
    sort -u >"$scratch/man-commands"
grep -E "^ *''\) COMPREPLY" "$completion" | grep -oE "compgen -W '[^']*'" |
    sed -E "s/compgen -W '//; s/'//" | tr ' ' '\n' |
    grep -v '^$' | sort -u >"$scratch/completion-commands"

status=0
compare() {
    local what=$1 expected=$2 actual=$3
    if [ ! -s "$scratch/$expected" ]; then
        echo "FAIL: found no $what in --help (the parsing here is out of date)"
        status=1
    elif ! diff -u "$scratch/$expected" "$scratch/$actual"; then
        echo "FAIL: the $what of $actual differ from --help (- --help, + $actual)"
        status=1
    else
        echo "ok: $actual has the $(wc -l <"$scratch/$expected") $what of --help"
    fi
}
compare options help-options man-options
compare options help-options completion-options
compare commands help-commands man-commands
compare commands help-commands completion-commands

# The man page formats without warnings (what lintian's groff check does).
if command -v groff >/dev/null; then
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 groff -man -Tutf8 -ww -z "$manpage" 2>&1 || true)
    if [ -n "$warnings" ]; then
        echo "FAIL: groff warns about $manpage:"
        echo "$warnings"
        status=1
    fi
fi
# The completion is valid bash.
bash -n "$completion" || status=1
exit $status
