// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "gmimeinit.h"

#include "gmimeheaders.h"

#include <mutex>

void ensureGMimeInitialized()
{
    // g_mime_init() builds the charset and type tables the parser and decoders read; running it
    // twice, or concurrently, is not safe.
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}
