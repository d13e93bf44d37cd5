# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
# The Debian package, with CPack's DEB generator (`./build.sh package`, or `cpack -G DEB` in the
# build directory). CPack rather than a debian/ directory with dpkg-buildpackage: it packages
# the build tree the tests just ran against, through the same install rules as
# `cmake --install` (one description of the layout, not two), in seconds, without a second
# full build and without writing into the parent directory of the checkout; dpkg-shlibdeps
# still computes Depends. What debhelper would do besides (strip, compress the man page and
# the changelog) is done here and in compress-docs.cmake.

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME letterbox)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The Letterbox developers")
set(CPACK_PACKAGE_CONTACT "The Letterbox developers <letterbox@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "mail catcher for developers: a local SMTP server that shows every message")
# The extended description (deb-control(5)); CPack puts the summary above it as the synopsis
# and indents the lines.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Letterbox accepts every message an application sends over SMTP, stores it in
SQLite and shows it with its envelope and the SMTP dialogue that delivered it.
Nothing is ever delivered anywhere. It speaks STARTTLS, implicit TLS and SMTP
AUTH, checks each message (headers, MIME structure, line lengths), searches,
imports and exports .eml, mbox and Maildir, and serves an HTTP API compatible
with Mailpit's v1 for test suites.
.
It runs as a desktop app, or headless for scripts and CI (a systemd user unit
is included).")
set(CPACK_DEBIAN_PACKAGE_SECTION mail)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/letterbox/letterbox")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # letterbox_<version>_<arch>.deb
# The package installs under /usr, whatever prefix `cmake --install` has by default; the user
# unit names the binary by its full path, so the build directory is configured with
# CMAKE_INSTALL_PREFIX=/usr for packaging (build.sh package) and the two agree.
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)
# Depends from the libraries the binary links (dpkg-shlibdeps). That covers QtWebEngine's
# renderer process too (QtWebEngineProcess, in libqt6webenginecore6-bin): the shlibs entry of
# libqt6webenginecore6 names that package.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Wayland sessions get a native window with Qt's Wayland plugin; without it, XWayland. Qt's own
# translations (qtbase_de.qm ...) make the standard buttons and dialogs speak the user's language
# beside Letterbox's own translation (Translations::install); without them they are English.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland, qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
# Debian wants the man page and the changelog gzip-compressed in the package (Policy 12.1,
# 12.7); `cmake --install` leaves them as they are.
set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/compress-docs.cmake)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
include(CPack)
