#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
#
# usage: fuzz/run.sh [SECONDS] [TARGET...]
#
# Builds the libFuzzer targets (clang, LETTERBOX_FUZZ=ON) in build-fuzz/ and runs each TARGET
# (default: all) for SECONDS (default 25), FUZZ_JOBS (default 2) of them at a time. Each run
# starts from fuzz/corpus/<target> and writes what it finds to a scratch directory under
# build-fuzz/runs/; afterwards the seeds and the finds are merged (-merge=1) into a fresh
# directory that replaces fuzz/corpus/<target>, so the corpus in the repository stays minimal.
# Exits non-zero when any target crashed, leaked, timed out or ran out of memory, and prints the
# path of the input that did it; reproduce with build-fuzz/bin/<target> <that file>.
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(fuzz_smtpcommand fuzz_datareader fuzz_saslmechanism fuzz_searchquery fuzz_mboxreader
             fuzz_maildirreader fuzz_messageparts fuzz_smtpsession)

seconds=25
if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then
    seconds=$1
    shift
fi
targets=("$@")
((${#targets[@]})) || targets=("${all_targets[@]}")
for target in "${targets[@]}"; do
    [[ " ${all_targets[*]} " == *" $target "* ]] || {
        echo "unknown target $target (known: ${all_targets[*]})" >&2
        exit 2
    }
done
jobs=${FUZZ_JOBS:-2}

dictionary_for() {
    case "$1" in
    fuzz_smtpcommand | fuzz_smtpsession | fuzz_saslmechanism) echo fuzz/dict/smtp.dict ;;
    fuzz_datareader | fuzz_mboxreader | fuzz_messageparts) echo fuzz/dict/mime.dict ;;
    fuzz_searchquery) echo fuzz/dict/searchquery.dict ;;
    esac
}

./build.sh install-fuzz-tools
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DLETTERBOX_FUZZ=ON >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target "${targets[@]}"

runs=build-fuzz/runs/$(date +%Y%m%d-%H%M%S)
mkdir -p "$runs"

# One target: fuzz, then minimise seeds + finds into the repository corpus. Writes a one-line
# result to $work/result and its status to $work/status.
fuzz_one() {
    local target=$1 work=$runs/$1 corpus=fuzz/corpus/$1 dictionary status=0
    local options=(-timeout=10 -rss_limit_mb=2048 -print_final_stats=1)
    dictionary=$(dictionary_for "$target")
    [ -z "$dictionary" ] || options+=("-dict=$dictionary")
    mkdir -p "$work/new" "$work/minimal" "$work/artifacts" "$corpus"
    "build-fuzz/bin/$target" "${options[@]}" -max_total_time="$seconds" \
        -artifact_prefix="$work/artifacts/" "$work/new" "$corpus" >"$work/log" 2>&1 || status=$?

    if "build-fuzz/bin/$target" "${options[@]}" -merge=1 "$work/minimal" "$corpus" "$work/new" \
        >"$work/merge.log" 2>&1 && [ -n "$(ls -A "$work/minimal")" ]; then
        find "$corpus" -mindepth 1 -maxdepth 1 -type f -delete
        cp "$work/minimal"/* "$corpus/"
    else
        echo "$target: merge failed, corpus left as it was (see $work/merge.log)" >&2
    fi

    local last runs_done files bytes
    last=$(grep -E '^#[0-9]+' "$work/log" | grep 'cov:' | tail -1 || true)
    runs_done=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
    files=$(find "$corpus" -type f | wc -l)
    bytes=$(du -sb "$corpus" | cut -f1)
    printf '%-20s runs=%s %s | corpus %s files, %s bytes\n' "$target" "${runs_done:-?}" \
        "$(grep -oE 'cov: [0-9]+ ft: [0-9]+' <<<"$last" || echo 'cov: ?')" "$files" "$bytes" \
        >"$work/result"
    echo "$status" >"$work/status"
}

for target in "${targets[@]}"; do
    while (($(jobs -rp | wc -l) >= jobs)); do
        wait -n || true
    done
    echo "fuzzing $target for ${seconds}s"
    fuzz_one "$target" &
done
wait

failed=0
echo
for target in "${targets[@]}"; do
    work=$runs/$target
    cat "$work/result"
    if [ "$(cat "$work/status")" != 0 ]; then
        failed=1
        echo "  FAILED (exit $(cat "$work/status")); log: $work/log"
        grep -E 'ERROR: |SUMMARY: |runtime error' "$work/log" | head -5 | sed 's/^/  /'
        for artifact in "$work"/artifacts/*; do
            [ -e "$artifact" ] && echo "  input: $artifact"
        done
    fi
done
exit $failed
