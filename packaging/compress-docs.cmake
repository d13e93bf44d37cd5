# SPDX-FileCopyrightText: 2026 The Letterbox developers
# SPDX-License-Identifier: MIT
# CPack pre-build script (CPACK_PRE_BUILD_SCRIPTS): gzip -9n the man page and the changelog in
# the staging directory, as Debian Policy 12.1 and 12.7 ask and lintian checks; -n keeps the
# name and time out of the file, so the package is reproducible.
# Under whatever prefix the package has (/usr, or /usr/local in a test build).
file(GLOB_RECURSE documents ${CPACK_TEMPORARY_DIRECTORY}/*)
list(FILTER documents INCLUDE REGEX "/share/man/man1/letterbox\\.1$|/share/doc/letterbox/changelog$")
if(NOT documents)
    message(FATAL_ERROR "compress-docs.cmake: no man page or changelog in ${CPACK_TEMPORARY_DIRECTORY}")
endif()
foreach(document IN LISTS documents)
    execute_process(COMMAND gzip -9nf ${document} COMMAND_ERROR_IS_FATAL ANY)
endforeach()
