#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
#
# One entry point for people and CI, on Debian 12:
#   ./build.sh run [letterbox options]   install what is missing, build, start Letterbox
#   ./build.sh test                      install what is missing, build, run every test
#   ./build.sh sanitize                  the same tests built with AddressSanitizer and
#                                        UndefinedBehaviorSanitizer, in build-asan/
#   ./build.sh tsan                      the threaded engine, store and server tests built with
#                                        ThreadSanitizer, in build-tsan/
#   ./build.sh package                   install what is missing, build, and make the Debian package
#                                        build/letterbox_<version>_<arch>.deb, checked by lintian
#   ./build.sh install-fuzz-tools        install clang and libFuzzer for fuzz/run.sh
# Both are idempotent: packages already installed and an up-to-date build are left alone.
set -euo pipefail
cd "$(dirname "$0")"

build_packages=(cmake ninja-build g++ pkg-config qt6-base-dev qt6-base-dev-tools libqt6network6
                qt6-webengine-dev qt6-svg-dev libqt6svg6 qt6-tools-dev qt6-l10n-tools
                qt6-httpserver-dev qt6-websockets-dev
                libsqlite3-dev libgmime-3.0-dev libssl-dev)
# Real clients for the interop tests (swaks needs Net::SSLeay for TLS), and openssl for test certificates.
# Xvfb, xdotool and ImageMagick for the desktop app's screenshot script (tests/ui/screenshot.sh), and xauth,
# which xvfb-run needs (tst_browserglcontext_x11) and apt only recommends; clang-format
# (and git, to list the sources) for the formatting check.
# Node.js for the Mailpit client library test (tests/interop/test_api_npm.py, which runs npm ci).
# Postfix for its smtp-sink, the relay target of tests/interop/test_relay.py (installed without
# configuring a mail system, as bench/throughput.sh does); the desktop file's and the metainfo's
# validators and bash-completion for tests/packaging. Qt's own German translation
# (qt6-translations-l10n) for the German screenshot's standard buttons.
test_packages=(curl swaks libnet-ssleay-perl python3 openssl ca-certificates xvfb xauth xdotool imagemagick
               fonts-dejavu-core clang-format git nodejs postfix desktop-file-utils appstream bash-completion
               qt6-translations-l10n)
# lintian checks the package that `package` makes.
package_packages=(lintian)

# clang with compiler-rt (libFuzzer, the sanitizer runtimes) for the fuzz targets (fuzz/run.sh).
fuzz_packages=(clang libclang-rt-14-dev)

install_missing() {
    local missing=() package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    ((${#missing[@]})) || return 0
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    echo "Installing: ${missing[*]}"
    # "No configuration": Postfix's binaries (smtp-sink), but no mail system set up or started.
    if [[ " ${missing[*]} " == *" postfix "* ]]; then
        echo "postfix postfix/main_mailer_type select No configuration" | "${sudo[@]}" debconf-set-selections
    fi
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# npm comes with NodeSource's nodejs package, which conflicts with Debian's npm package; Debian's
# own nodejs needs the npm package.
install_npm() {
    command -v npm >/dev/null || install_missing npm
}

build() {
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLETTERBOX_WERROR=ON >/dev/null
    cmake --build build -j "$(nproc)"
}

# A sanitizer build in its own directory ($1), with the sanitizer flags ($2); without -Werror,
# because instrumentation changes what gcc's flow analysis warns about. -O1 keeps the stacks
# readable and the build and the tests fast enough.
sanitizer_build() {
    local dir=$1 flags=$2
    shift 2
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" \
        -DCMAKE_CXX_FLAGS="$flags -fno-omit-frame-pointer" \
        -DCMAKE_EXE_LINKER_FLAGS="$flags" -DCMAKE_SHARED_LINKER_FLAGS="$flags" >/dev/null
    cmake --build "$dir" -j "$(nproc)" "$@"
}

case "${1:-}" in
run)
    shift
    install_missing "${build_packages[@]}"
    build
    if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
        exec build/bin/letterbox "$@"
    fi
    echo "No display (neither DISPLAY nor WAYLAND_DISPLAY is set): running headless." >&2
    exec build/bin/letterbox --headless "$@"
    ;;
test)
    install_missing "${build_packages[@]}" "${test_packages[@]}"
    install_npm
    build
    cd build
    exec ctest --output-on-failure -j 2
    ;;
sanitize)
    install_missing "${build_packages[@]}" "${test_packages[@]}"
    install_npm
    sanitizer_build build-asan "-fsanitize=address,undefined -fno-sanitize-recover=undefined"
    cd build-asan
    # Leaks are reported at exit and fail the test; tests/sanitizers/lsan.supp says which
    # third-party leaks are ignored, and why.
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
    export LSAN_OPTIONS="suppressions=$PWD/../tests/sanitizers/lsan.supp:print_suppressions=0"
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    # The QtWebEngine tests get a second pass with one check off (tests/sanitizers/asan-relaxed.txt
    # says which and why); everything else runs with every check.
    relaxed="^($(grep -v '^#' ../tests/sanitizers/asan-relaxed.txt | paste -sd'|'))\$"
    status=0
    ctest --output-on-failure -j 2 -E "$relaxed" || status=1
    ASAN_OPTIONS=$ASAN_OPTIONS:new_delete_type_mismatch=0 ctest --output-on-failure -j 2 -R "$relaxed" ||
        status=1
    exit $status
    ;;
tsan)
    install_missing "${build_packages[@]}" "${test_packages[@]}"
    # Not tst_apilive: its many QNetworkAccessManager requests make Qt's own HTTP thread report
    # races inside libQt6Core (events Qt posts to that thread and frees there), with no frame
    # of ours to suppress by. tst_apiserver runs the same server threads.
    tsan_tests=(tst_threadhandoff tst_smtpserver tst_messagestore tst_smtpsession tst_maildirmirror
                tst_mailservice tst_apiserver tst_relay tst_faultinjector)
    sanitizer_build build-tsan "-fsanitize=thread" --target "${tsan_tests[@]}"
    cd build-tsan
    export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$PWD/../tests/sanitizers/tsan.supp"
    tests_regex=$(IFS='|' && echo "${tsan_tests[*]}")
    exec ctest --output-on-failure -j 2 -R "^($tests_regex)\$"
    ;;
package)
    install_missing "${build_packages[@]}" "${package_packages[@]}"
    # The package installs under /usr, and its user unit names /usr/bin/letterbox, so the build
    # directory is configured for that prefix (it only changes where `cmake --install` goes).
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLETTERBOX_WERROR=ON \
        -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
    cmake --build build -j "$(nproc)" --target letterbox letterbox_install_files
    # CPack's DEB generator, not dpkg-buildpackage: packaging/cpack.cmake says why.
    (cd build && cpack -G DEB -B "$PWD/package" >/dev/null)
    version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' build/CPackConfig.cmake)
    deb=build/letterbox_${version}_$(dpkg --print-architecture).deb
    mv "build/package/$(basename "$deb")" "$deb"
    echo "$deb"
    # Errors and warnings fail; info tags are shown. packaging/lintian-overrides says why each
    # overridden tag is there.
    lintian --display-info --fail-on error,warning "$deb"
    ;;
install-fuzz-tools)
    install_missing "${build_packages[@]}" "${fuzz_packages[@]}"
    ;;
*)
    echo "usage: $0 run [letterbox options] | $0 test | $0 sanitize | $0 tsan | $0 package | $0 install-fuzz-tools" >&2
    exit 2
    ;;
esac
