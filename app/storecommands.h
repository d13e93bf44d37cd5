// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "commandline.h"
#include "common/result.h"

#include <memory>

class MessageStore;
class StoreReader;

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

/// Opens a store for reading; a store with an older layout is upgraded first unless a running
/// Letterbox holds it. Errors as StoreReader::open() and MessageStore::open().
Result<std::unique_ptr<StoreReader>> openStoreReader(const QString &directory);
/// Opens (or creates) a store for writing. On failure prints one line on stderr and sets
/// `exitCode`: 1 when a running Letterbox holds the store (with a hint to stop it), else 2.
std::unique_ptr<MessageStore> openStoreForWriting(const QString &directory, int *exitCode);
/// Prints "letterbox: <message>" on stderr; returns 2.
int printStoreError(const QString &message);
