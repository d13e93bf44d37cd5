// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#ifdef __GLIBC__
#include <malloc.h>
#endif

/// Hands the free pages of every malloc arena back to the system. glibc keeps freed memory in
/// its per-thread arenas; after a burst (a 10 MiB header line, a hundred pipelining clients)
/// the process would stay at its peak size. A few milliseconds at most, and it holds each
/// arena's lock meanwhile, so callers run it once things are quiet, not after every piece of
/// work.
inline void releaseFreeHeapMemory()
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}
