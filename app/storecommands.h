// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "commandline.h"

/// `letterbox list [QUERY]`: one line (or JSON object) per stored message, oldest first;
/// QUERY is in the search language (SearchQuery).
int runList(const CommandLine &commandLine);
/// `letterbox search QUERY`: like list, newest first.
int runSearch(const CommandLine &commandLine);
/// `letterbox delete ID...|--all`: refuses while another process holds the store.
int runDelete(const CommandLine &commandLine);
/// `letterbox rebuild-index`: rebuilds the search index, or salvages a damaged store.
int runRebuildIndex(const CommandLine &commandLine);
/// `letterbox show ID`: a message's envelope and bytes; --raw writes exactly the stored bytes.
int runShow(const CommandLine &commandLine);
