#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
# Core has one result style, Result<T> (core/common/result.h): no function in a core header
# reports failure through a QString out-parameter, and no struct shadows the template by
# calling itself Result. The headers listed below still do and may keep as many as they have
# now; the list only shrinks as they are converted.
set -euo pipefail
core=${1:?usage: check-result-style.sh CORE_DIR}
cd "$core"

# header:count of QString out-parameters not converted yet.
allowed_out_parameters="
exchange/emlfolderwriter.h:3
"
# headers that still declare a struct Result of their own.
allowed_result_structs="
exchange/messageexporter.h
exchange/messageimporter.h
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

[ "$status" -eq 0 ] && echo "core headers use Result<T> for errors"
exit "$status"
