// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>
#include <memory>

class QFile;

/// The bytes of one message on their way to the store. Small messages stay in memory; once
/// `memoryLimit` is passed, everything moves to an unlinked temporary file in `spoolDirectory`,
/// so a 30 MiB message costs 30 MiB of disk, not of RAM. Appending happens on the session's
/// thread; after the spool is handed to the store, only the store's writer thread reads it.
class MessageSpool final
{
public:
    static constexpr qsizetype kDefaultMemoryLimit = 1024 * 1024;

    explicit MessageSpool(QString spoolDirectory, qsizetype memoryLimit = kDefaultMemoryLimit);
    ~MessageSpool();
    Q_DISABLE_COPY_MOVE(MessageSpool)

    /// Appends bytes. FileUnwritable (field: the spool directory) when the spool file cannot
    /// be created or written; the spool is then unusable.
    Result<void> append(QByteArrayView bytes);
    qint64 size() const { return m_size; }
    bool isInMemory() const { return !m_file; }

    /// The bytes when they are still in memory; empty otherwise.
    const QByteArray &memory() const { return m_memory; }

    /// Calls `sink` with consecutive chunks of at most `chunkSize` bytes from the start. Stops
    /// early and returns false when `sink` returns false or the spool file cannot be read.
    bool readChunks(const std::function<bool(QByteArrayView)> &sink,
                    qsizetype chunkSize = 256 * 1024) const;

    /// The first `maxBytes` bytes (the header block, for summaries), from memory or from disk.
    QByteArray head(qsizetype maxBytes) const;

    /// All bytes at once. For tests and small messages; large ones should use readChunks().
    QByteArray readAll() const;

private:
    Result<void> moveToFile();

    QString m_spoolDirectory;
    qsizetype m_memoryLimit;
    QByteArray m_memory;
    std::unique_ptr<QFile> m_file;
    qint64 m_size = 0;
};
