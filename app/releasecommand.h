// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "commandline.h"

/// `letterbox release ID --to ADDR...`: delivers a stored message through the relay the
/// command line names (--relay-host and the other --relay-* options; the recipients must match
/// a --relay-allow pattern), stores the attempt with the message, and prints one line per
/// recipient with the reply that decided it. The store is opened for writing, so a store that
/// a running Letterbox holds is refused (exit 1) with a hint to release through that one (its
/// API or the desktop app). Exit 0 when every recipient got the message, 1 when one did not,
/// 2 for a bad command line, an unknown message or a recipient no pattern allows.
int runRelease(const CommandLine &commandLine);
