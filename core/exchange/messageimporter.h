// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "exchange/importreport.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>

class MessageStore;

/// Brings messages into a store: .eml files, folders of them, mbox files (MboxReader) and
/// Maildirs (MaildirReader). Each message is stored with exactly the bytes found (no Received
/// header is added), without a session (an import is not an SMTP session; the messages record
/// remote "import" and the file name as HELO name). The received time is the date of the mbox "From
/// " line or the time in the Maildir file name, else the Date header, else the file's modification
/// time. The envelope comes from the headers (From; To, Cc and Bcc); an mbox "From " line that
/// holds an address gives the sender. Messages with the Maildir S flag are marked read.
///
/// Keeps at most kMaxInFlight messages (kMaxInFlightBytes) queued in the store and waits for
/// their commits, so memory stays bounded for any mbox size; messages over 1 MiB are spooled to
/// disk (MessageSpool). A damaged or empty entry costs only itself: it is reported in one line
/// and the rest is imported. Cancelling removes what this run already stored, so the store is
/// as before.
///
/// run() blocks and is meant for a worker thread (any thread but the store's writer); the
/// progress callback runs in that thread.
class MessageImporter final
{
public:
    static constexpr int kMaxInFlight = 256;
    static constexpr qint64 kMaxInFlightBytes = 64 * 1024 * 1024;

    enum class SourceKind { Eml, EmlFolder, Mbox, Maildir };

    struct Progress
    {
        qint64 imported = 0;   ///< committed to the store so far
        qint64 failed = 0;     ///< entries reported as not imported so far
        qint64 bytesDone = 0;  ///< of the sources read so far
        qint64 bytesTotal = 0; ///< of all sources
    };
    using ProgressCallback = std::function<void(const Progress &)>;

    /// `store` must outlive run().
    explicit MessageImporter(MessageStore *store);
    Q_DISABLE_COPY_MOVE(MessageImporter)

    /// Called after each entry (message or file), in run()'s thread.
    void setProgressCallback(ProgressCallback callback) { m_progress = std::move(callback); }
    /// When the flag turns true (any thread), run() stops before the next message, waits for
    /// what is queued, removes everything this run stored and returns with `cancelled`.
    void setCancelFlag(const std::atomic_bool *cancel) { m_cancel = cancel; }

    /// Imports every path in order. Blocks until the last message is committed.
    ImportReport run(const QStringList &paths);

    /// What a path holds: a folder with cur/ or new/ is a Maildir, another folder holds .eml
    /// files, a file whose first line starts with "From " is an mbox, any other file one
    /// message. Errors, with the path in field: FileNotFound, FileUnreadable, MalformedInput
    /// (not a file, an empty file, a name ending in .mbox that does not start like one).
    static Result<SourceKind> detect(const QString &path);

private:
    struct Run;

    bool cancelled() const;

    MessageStore *m_store;
    ProgressCallback m_progress;
    const std::atomic_bool *m_cancel = nullptr;
};
