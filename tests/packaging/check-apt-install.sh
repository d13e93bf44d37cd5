#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
# Installs the Debian package for real (apt-get install ./letterbox_*.deb, which also pulls in
# its Depends), runs the installed letterbox --headless on loopback, sends it a message, lists
# it with the installed `letterbox list`, then purges the package and every package the install
# pulled in, so the machine is left as it was. It changes the system, so it runs only as root
# and only when LETTERBOX_TEST_INSTALL=1 says so (.ci/run does, on its fresh machine); otherwise
# it is skipped (exit 77).
#   check-apt-install.sh BUILD_DIR VERSION
set -euo pipefail
build=$1 version=$2
if [ "${LETTERBOX_TEST_INSTALL:-}" != 1 ] || [ "$(id -u)" -ne 0 ]; then
    echo "skipped: installs a package; runs as root with LETTERBOX_TEST_INSTALL=1"
    exit 77
fi
if dpkg-query -W -f='${Status}' letterbox 2>/dev/null | grep -q "ok installed"; then
    echo "skipped: a letterbox package is installed already; this test does not replace it"
    exit 77
fi
scratch=$(mktemp -d)
server=
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    # Purge the package and what its installation added, nothing else.
    dpkg-query -W -f='${db:Status-Abbrev} ${binary:Package}\n' | awk '$1 ~ /^.i/ {print $2}' |
        sort >"$scratch/after"
    local added
    added=$(comm -13 "$scratch/before" "$scratch/after" | tr '\n' ' ')
    if [ -n "$added" ]; then
        # shellcheck disable=SC2086 # one word per package
        DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq $added >/dev/null
    fi
    rm -rf "$scratch"
}
dpkg-query -W -f='${db:Status-Abbrev} ${binary:Package}\n' | awk '$1 ~ /^.i/ {print $2}' |
    sort >"$scratch/before"
trap cleanup EXIT

arch=$(dpkg --print-architecture)
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$scratch/out" >"$scratch/cpack.log" 2>&1 ||
    { cat "$scratch/cpack.log"; exit 1; }
deb="$scratch/out/letterbox_${version}_${arch}.deb"
# _apt, which apt-get downloads as, must be able to read the file.
chmod 755 "$scratch" "$scratch/out" && chmod 644 "$deb"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >/dev/null
installed=$(command -v letterbox)
echo "installed: $installed ($(dpkg-query -W -f='${Version}' letterbox))"
[ "$(letterbox --version)" = "letterbox $version" ]

# The installed binary serves on a free loopback port (port 0; the real one is in the
# listening event) and stores into a scratch store.
store="$scratch/store"
mkfifo "$scratch/events"
letterbox --headless --listen 127.0.0.1:0 --api-listen off --store "$store" --events json \
    >"$scratch/events" &
server=$!
exec 3<"$scratch/events"
port=
while read -r -t 30 line <&3; do
    if [[ $line == *'"event":"listening"'*'"kind":"smtp"'* ]] ||
        [[ $line == *'"kind":"smtp"'*'"event":"listening"'* ]]; then
        port=$(grep -oE '127\.0\.0\.1:[0-9]+' <<<"$line" | cut -d: -f2)
        break
    fi
done
[ -n "$port" ] || { echo "FAIL: the installed letterbox --headless did not report its port"; exit 1; }
python3 - "$port" <<'PY'
import smtplib, sys
with smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=30) as client:
    client.sendmail("ci@example.test", ["you@example.test"],
                    b"Subject: installed package\r\nFrom: ci@example.test\r\n\r\nhello\r\n")
PY
kill "$server" && wait "$server" || true
server=
exec 3<&-
listing=$(letterbox list --store "$store")
echo "$listing"
grep -q "installed package" <<<"$listing" || { echo "FAIL: letterbox list does not show it"; exit 1; }
echo "ok: installed, served, listed; now removed again"
