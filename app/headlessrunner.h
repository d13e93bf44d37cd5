// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "commandline.h"

/// `letterbox --headless`: opens the store, loads TLS, starts the engine, prints events, and
/// runs until SIGINT/SIGTERM. Returns the process exit code: 0 after a clean stop, 2 for a
/// configuration problem (named in one line on stderr), 1 for anything else.
int runHeadless(const CommandLine &commandLine);
