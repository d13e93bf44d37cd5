#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
#
# SMTP throughput on loopback: Postfix's smtp-source as the load, Postfix's smtp-sink as the
# reference, Letterbox headless storing durably, and the engine alone (bin/enginebench: the same
# SMTP engine answering 250 without storing), all in the same run on the same machine.
# design.md promises letterbox >= 1.5x smtp-sink -d and the engine >= 0.8x smtp-sink.
# Usage: bench/throughput.sh [BUILD_DIR] [MESSAGES] [SESSIONS] [SIZE]
# BASELINE=/path/to/letterbox adds that binary as a further column, for before/after figures.
set -euo pipefail
build=${1:-build}
messages=${2:-20000}
sessions=${3:-20}
size=${4:-2000}
letterbox=$build/bin/letterbox
enginebench=$build/bin/enginebench
baseline=${BASELINE:-}

if ! command -v smtp-source >/dev/null && [ ! -x /usr/sbin/smtp-source ]; then
    # "No configuration": the binaries, but no mail system configured or started.
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postfix >/dev/null
fi
export PATH=$PATH:/usr/sbin
work=$(mktemp -d)
chmod 755 "$work"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done; return 1; }

# run NAME PORT EXTRA_SMTP_SOURCE_ARGS: prints messages per second
measure() {
    local port=$1; shift
    local start end
    start=$(date +%s.%N)
    smtp-source "$@" -s "$sessions" -m "$messages" -l "$size" "127.0.0.1:$port" >/dev/null
    end=$(date +%s.%N)
    python3 -c "print(f'{$messages/($end-$start):.0f}')"
}

# letterbox_rate BINARY SMTP_SOURCE_ARGS...: one headless run on a fresh store; prints
# "RATE STORED"
letterbox_rate() {
    local binary=$1; shift
    local port pid rate
    rm -rf "$work/store"
    port=$(free_port); "$binary" --headless --listen "127.0.0.1:$port" --store "$work/store" \
        --events none --max-connections 1000 & pid=$!; wait_port "$port"
    rate=$(measure "$port" "$@"); kill -TERM $pid; wait $pid
    echo "$rate $("$binary" list --store "$work/store" | wc -l)"
}

run_case() { # label, smtp-source extra args
    local label=$1; shift
    local port rate_sink rate_sinkd rate_lb rate_engine
    port=$(free_port); smtp-sink -u nobody "127.0.0.1:$port" 1000 & local pid=$!; wait_port "$port"
    rate_sink=$(measure "$port" "$@"); kill $pid; wait $pid 2>/dev/null || true

    mkdir -p "$work/dump" && chown nobody "$work/dump"
    port=$(free_port); smtp-sink -u nobody -d "$work/dump/%M." "127.0.0.1:$port" 1000 & pid=$!; wait_port "$port"
    rate_sinkd=$(measure "$port" "$@"); kill $pid; wait $pid 2>/dev/null || true; rm -rf "$work/dump"

    local stored
    read -r rate_lb stored < <(letterbox_rate "$letterbox" "$@")

    port=$(free_port); "$enginebench" --listen "127.0.0.1:$port" --max-connections 1000 >/dev/null &
    pid=$!; wait_port "$port"
    rate_engine=$(measure "$port" "$@"); kill -TERM $pid; wait $pid

    local extra=""
    if [ -n "$baseline" ]; then
        local rate_base stored_base
        read -r rate_base stored_base < <(letterbox_rate "$baseline" "$@")
        extra=$(printf '   baseline %7s/s (stored %s, %s of sink -d)' "$rate_base" "$stored_base" \
            "$(python3 -c "print(f'{$rate_base/$rate_sinkd:.2f}x')")")
    fi

    printf '%-42s smtp-sink %6s/s  smtp-sink -d %6s/s  letterbox %6s/s (stored %s)  engine %6s/s  letterbox/sink-d %s  engine/sink %s%s\n' \
        "$label" "$rate_sink" "$rate_sinkd" "$rate_lb" "$stored" "$rate_engine" \
        "$(python3 -c "print(f'{$rate_lb/$rate_sinkd:.2f}x')")" \
        "$(python3 -c "print(f'{$rate_engine/$rate_sink:.2f}x')")" "$extra"
}

echo "$messages messages of $size bytes, $sessions parallel sessions, $(nproc) cores"
run_case "one message per connection"
run_case "messages back to back on each connection" -d
