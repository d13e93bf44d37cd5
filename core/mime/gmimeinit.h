// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

/// Runs g_mime_init() exactly once per process, from whichever thread gets there first. Call it
/// before any other GMime function; it is cheap after the first call.
void ensureGMimeInitialized();
