#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
#
# Fails when a C++ file in the repository is not formatted as .clang-format says; clang-format
# names each place. Usage: check-format.sh SOURCE_DIR
set -euo pipefail
cd "$1"
command -v clang-format >/dev/null || { echo "clang-format is not installed"; exit 1; }
mapfile -t files < <(git ls-files '*.cpp' '*.h' 2>/dev/null || find core app ui tests bench -name '*.cpp' -o -name '*.h')
if ! clang-format --dry-run --Werror "${files[@]}"; then
    echo "fix with: clang-format -i FILE..."
    exit 1
fi
echo "${#files[@]} files formatted"
