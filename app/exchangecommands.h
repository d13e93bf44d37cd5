// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "commandline.h"

/// `letterbox export [--format F] (--query Q | --all | ID...) DEST`: copies stored messages
/// out (MessageExporter). Only reads the store, so it works while a Letterbox runs on it.
/// SIGINT/SIGTERM cancel and leave nothing behind (exit 1).
int runExport(const CommandLine &commandLine);
/// `letterbox import PATH...`: .eml files, folders of them, mbox files and Maildirs
/// (MessageImporter). Refuses while another process holds the store. SIGINT/SIGTERM cancel
/// and leave the store as it was (exit 1); entries that could not be imported are named on
/// stderr (exit 1), the rest is imported.
int runImport(const CommandLine &commandLine);
