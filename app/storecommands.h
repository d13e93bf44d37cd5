// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "commandline.h"

/// `letterbox list`: one line (or JSON object) per stored message, oldest first.
int runList(const CommandLine &commandLine);
/// `letterbox show ID`: a message's envelope and bytes; --raw writes exactly the stored bytes.
int runShow(const CommandLine &commandLine);
