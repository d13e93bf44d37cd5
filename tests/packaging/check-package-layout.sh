#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
# Builds the Debian package from the build directory (CPack), unpacks it with dpkg -x into a
# scratch root and checks that every file is in its place, that the control fields are filled
# in (computed Depends included), and that the unpacked binary runs.
#   check-package-layout.sh BUILD_DIR PREFIX VERSION
set -euo pipefail
build=$1 prefix=${2#/} version=$3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cpack --config "$build/CPackConfig.cmake" -G DEB -B "$scratch/out" >"$scratch/cpack.log" 2>&1 ||
    { cat "$scratch/cpack.log"; exit 1; }
arch=$(dpkg --print-architecture)
deb="$scratch/out/letterbox_${version}_${arch}.deb"
[ -f "$deb" ] || { echo "FAIL: no $deb"; ls "$scratch/out"; exit 1; }
dpkg-deb -x "$deb" "$scratch/root"

id=io.github.letterbox.Letterbox
expected=(
    "bin/letterbox"
    "share/applications/$id.desktop"
    "share/metainfo/$id.metainfo.xml"
    "share/icons/hicolor/scalable/apps/$id.svg"
    "share/man/man1/letterbox.1.gz"
    "share/bash-completion/completions/letterbox"
    "share/doc/letterbox/README.md"
    "share/doc/letterbox/copyright"
    "share/doc/letterbox/changelog.gz"
    "lib/systemd/user/letterbox-headless.service"
)
for size in 16 22 24 32 48 64 128 256 512; do
    expected+=("share/icons/hicolor/${size}x${size}/apps/$id.png")
done
status=0
for file in "${expected[@]}"; do
    if [ ! -s "$scratch/root/$prefix/$file" ]; then
        echo "FAIL: /$prefix/$file is missing or empty"
        status=1
    fi
done
# Nothing else: a file installed by mistake (a test, a header) shows up here.
(cd "$scratch/root/$prefix" && find . -type f | sed 's|^\./||' | sort) >"$scratch/actual"
printf '%s\n' "${expected[@]}" | sort >"$scratch/expected"
if ! diff -u "$scratch/expected" "$scratch/actual"; then
    echo "FAIL: the package holds other files than expected (- expected, + in the package)"
    status=1
fi
[ -x "$scratch/root/$prefix/bin/letterbox" ] || { echo "FAIL: bin/letterbox not executable"; status=1; }
readelf -S "$scratch/root/$prefix/bin/letterbox" | grep -qE '\.symtab|\.debug_info' &&
    { echo "FAIL: bin/letterbox is not stripped"; status=1; }
for size in 16 512; do
    png="$scratch/root/$prefix/share/icons/hicolor/${size}x${size}/apps/$id.png"
    # The PNG header's width (bytes 17-20, big-endian).
    width=$(od -An -tu1 -j16 -N4 "$png" | awk '{print $1*16777216 + $2*65536 + $3*256 + $4}')
    [ "$width" = "$size" ] || { echo "FAIL: $png is $width px wide"; status=1; }
done
gzip -t "$scratch/root/$prefix/share/man/man1/letterbox.1.gz" || status=1
grep -q "^ExecStart=/$prefix/bin/letterbox --headless" \
    "$scratch/root/$prefix/lib/systemd/user/letterbox-headless.service" ||
    { echo "FAIL: the user unit does not run /$prefix/bin/letterbox --headless"; status=1; }

# Control fields: computed Depends (dpkg-shlibdeps found the Qt libraries), section, description.
depends=$(dpkg-deb -f "$deb" Depends)
for library in libqt6core6 libqt6widgets6 libqt6webenginecore6-bin libsqlite3-0 libgmime-3.0-0 libc6; do
    grep -q "$library" <<<"$depends" || { echo "FAIL: Depends lacks $library: $depends"; status=1; }
done
[ "$(dpkg-deb -f "$deb" Section)" = mail ] || { echo "FAIL: Section is not mail"; status=1; }
[ "$(dpkg-deb -f "$deb" Package)" = letterbox ] || { echo "FAIL: Package is not letterbox"; status=1; }
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || { echo "FAIL: Version is not $version"; status=1; }
[ "$(dpkg-deb -f "$deb" Description | wc -l)" -gt 3 ] ||
    { echo "FAIL: no extended description"; status=1; }
# The changelog's newest entry is this version.
zcat "$scratch/root/$prefix/share/doc/letterbox/changelog.gz" | head -1 | grep -qF "letterbox ($version)" ||
    { echo "FAIL: the changelog does not start with version $version"; status=1; }

# The unpacked binary runs (its libraries are the system's).
output=$("$scratch/root/$prefix/bin/letterbox" --version)
[ "$output" = "letterbox $version" ] || { echo "FAIL: --version printed: $output"; status=1; }

[ $status -eq 0 ] && echo "ok: $(basename "$deb"): ${#expected[@]} files in place, Depends: $depends"
exit $status
