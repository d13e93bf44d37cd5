#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
#
# Fails when a C++ file in the repository is not formatted as .clang-format says; the message
# names the files and the command that fixes them. Usage: check-format.sh SOURCE_DIR
set -euo pipefail
cd "$1"
command -v clang-format >/dev/null || { echo "clang-format is not installed"; exit 1; }
mapfile -t files < <(git ls-files '*.cpp' '*.h' 2>/dev/null || find core app ui tests bench -name '*.cpp' -o -name '*.h')
unformatted=()
for file in "${files[@]}"; do
    clang-format --dry-run "$file" 2>&1 | grep -q . && unformatted+=("$file")
done
if ((${#unformatted[@]})); then
    printf 'not formatted: %s\n' "${unformatted[@]}"
    echo "fix with: clang-format -i ${unformatted[*]}"
    exit 1
fi
echo "${#files[@]} files formatted"
