// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QString>

#include <optional>

/// Repairs a store that is not in use (`letterbox rebuild-index`). The caller holds the store
/// lock; everything runs on the caller's thread and may take a while for a big store.
///
/// When the database itself is sound (PRAGMA quick_check), the full-text index and the
/// findings are dropped and rebuilt from the stored messages, in place and in one transaction.
/// When it is not, the readable sessions, traces and messages, with the relay attempts and
/// retry queue entries of those messages, are copied into a fresh database
/// which then takes the old one's place; the old file is kept next to it as
/// `letterbox.sqlite3.damaged-<yyyyMMdd-HHmmss>` (with its -wal and -shm files, if any).
class StoreRepair final
{
public:
    struct Report
    {
        qint64 messages = 0;     ///< messages indexed (in place) or copied (salvage)
        qint64 lostMessages = 0; ///< salvage: messages that could not be read
        bool salvaged = false;   ///< the database was damaged and has been replaced
        QString damagedCopy;     ///< salvage: where the old file was kept
        QString damageReason;    ///< salvage: what was wrong with it
    };

    /// Messages are copied in transactions of this many during a salvage.
    static constexpr int kSalvageBatch = 256;

    /// Repairs `<directory>/letterbox.sqlite3`. Fails with a one-line reason when there is
    /// nothing to repair with (FileNotFound: no store; MalformedInput: not a Letterbox store;
    /// StoreTooNew) or the repair itself failed (disk full: StoreUnwritable, DatabaseError);
    /// the store is then left as it was.
    static Result<Report> rebuild(const QString &directory);

private:
    static Result<Report> salvage(const QString &path, const QString &reason);
};
