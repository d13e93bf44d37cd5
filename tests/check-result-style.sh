#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
# Core has one result style, Result<T> (core/common/result.h): no function in a core header
# reports failure through a QString out-parameter, no class keeps its last failure as text in a
# `QString errorString() const` member, and no struct shadows the template by calling itself
# Result. The lists below name the headers that still may; they only shrink.
set -euo pipefail
core=${1:?usage: check-result-style.sh CORE_DIR}
cd "$core"

# header:count of QString out-parameters not converted yet.
allowed_out_parameters="
"
# headers that still declare a struct Result of their own.
allowed_result_structs="
"
# headers that still declare a `QString errorString() const` member.
allowed_error_strings="
"

status=0
while IFS= read -r header; do
    count=$(grep -cE 'QString \*[a-zA-Z]*(error|reason|why)[a-zA-Z]*\b' "$header" || true)
    [ "$count" -eq 0 ] && continue
    allowed=$(printf '%s\n' "$allowed_out_parameters" | sed -n "s|^$header:||p")
    if [ -z "$allowed" ] || [ "$count" -gt "$allowed" ]; then
        grep -nE 'QString \*[a-zA-Z]*(error|reason|why)[a-zA-Z]*\b' "$header" | sed "s|^|$header:|" >&2
        echo "$header: return Result<T> or Result<void> instead of a QString out-parameter" >&2
        status=1
    fi
done < <(find . -name '*.h' -printf '%P\n' | sort)

while IFS= read -r hit; do
    header=${hit%%:*}
    [ "$header" = common/result.h ] && continue
    if ! printf '%s\n' "$allowed_result_structs" | grep -qx "$header"; then
        echo "$hit" >&2
        echo "$header: a struct named Result shadows Result<T>; name it after what it holds" >&2
        status=1
    fi
done < <(grep -rnE '(struct|class) +Result\b' --include='*.h' . | sed 's|^\./||')

while IFS= read -r hit; do
    header=${hit%%:*}
    if ! printf '%s\n' "$allowed_error_strings" | grep -qx "$header"; then
        echo "$hit" >&2
        echo "$header: return Result<T> (or keep an Error with its code) instead of errorString()" >&2
        status=1
    fi
done < <(grep -rnE 'QString +errorString\(\) *const' --include='*.h' . | sed 's|^\./||')

[ "$status" -eq 0 ] && echo "core headers use Result<T> for errors"
exit "$status"
