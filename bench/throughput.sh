#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
#
# SMTP throughput on loopback: Postfix's smtp-source as the load, Postfix's smtp-sink as the
# reference, Letterbox headless storing durably, all in the same run on the same machine.
# Usage: bench/throughput.sh [BUILD_DIR] [MESSAGES] [SESSIONS] [SIZE]
set -euo pipefail
build=${1:-build}
messages=${2:-20000}
sessions=${3:-20}
size=${4:-2000}
letterbox=$build/bin/letterbox

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

run_case() { # label, smtp-source extra args
    local label=$1; shift
    local port rate_sink rate_sinkd rate_lb
    port=$(free_port); smtp-sink -u nobody "127.0.0.1:$port" 1000 & local pid=$!; wait_port "$port"
    rate_sink=$(measure "$port" "$@"); kill $pid; wait $pid 2>/dev/null || true

    mkdir -p "$work/dump" && chown nobody "$work/dump"
    port=$(free_port); smtp-sink -u nobody -d "$work/dump/%M." "127.0.0.1:$port" 1000 & pid=$!; wait_port "$port"
    rate_sinkd=$(measure "$port" "$@"); kill $pid; wait $pid 2>/dev/null || true; rm -rf "$work/dump"

    rm -rf "$work/store"
    port=$(free_port); "$letterbox" --headless --listen "127.0.0.1:$port" --store "$work/store" --events none \
        --max-connections 1000 & pid=$!; wait_port "$port"
    rate_lb=$(measure "$port" "$@"); kill -TERM $pid; wait $pid
    local stored
    stored=$("$letterbox" list --store "$work/store" | wc -l)

    printf '%-34s smtp-sink %7s/s   smtp-sink -d %7s/s   letterbox %7s/s (stored %s)   vs sink -d: %s\n' \
        "$label" "$rate_sink" "$rate_sinkd" "$rate_lb" "$stored" \
        "$(python3 -c "print(f'{$rate_lb/$rate_sinkd:.2f}x')")"
}

echo "$messages messages of $size bytes, $sessions parallel sessions, $(nproc) cores"
run_case "one message per connection"
run_case "messages back to back on each connection" -d
