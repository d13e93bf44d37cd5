// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QString>

#include <functional>
#include <memory>

class ExclusiveFile;
class QIODevice;

/// The one writer of Maildir files, for the export and the mirror. Writes each message the way
/// delivery agents do: into tmp/ (O_CREAT|O_EXCL), synced, then linked under a name no other
/// file has into new/ (unread) or, with the ":2,S" info, into cur/ (read), and the tmp/ name
/// removed. So a reader sees every message complete or not at all, and an existing file is
/// never replaced: link() fails on a taken name where rename() would silently overwrite it.
/// The name starts with the time the message was received
/// ("<seconds>.M<microseconds>P<pid>Q<counter>.<host>,S=<size>"), which MaildirReader reads
/// back. One thread at a time.
class MaildirWriter final
{
public:
    /// Fills `out` with the message bytes; an error when it cannot.
    using Fill = std::function<Result<void>(QIODevice *out)>;

    /// A message written into tmp/ but not yet moved into new/ or cur/ (see stage()).
    class Staged
    {
    public:
        Staged();
        Staged(Staged &&) noexcept;
        Staged &operator=(Staged &&) noexcept;
        ~Staged(); ///< removes the tmp/ file unless it was committed

    private:
        friend class MaildirWriter;
        std::unique_ptr<ExclusiveFile> m_file;
        QString m_name;
    };

    explicit MaildirWriter(QString directory);
    ~MaildirWriter();
    Q_DISABLE_COPY_MOVE(MaildirWriter)

    /// Creates `directory` and its tmp/, new/ and cur/ (mode 0700) if missing. FileUnwritable
    /// when it cannot be used. Any thread.
    static Result<void> prepare(const QString &directory);
    /// This machine's name as it may stand in a Maildir file name.
    static QString hostName();

    /// Writes one message. Returns the path of the new file; on error nothing is left behind.
    Result<QString> write(const Fill &fill, const QDateTime &received, bool seen);

    /// The two halves of write(), for writing a batch into tmp/ before any of it is synced and
    /// moved (the kernel writes all of them out meanwhile, so the fsyncs mostly wait for one
    /// journal commit). An invalid `received` means now.
    Result<Staged> stage(const Fill &fill, const QDateTime &received);
    /// Syncs the staged file and links it into new/ or cur/.
    Result<QString> commit(Staged &staged, bool seen);

    /// Makes the names of the files written so far durable (fsync of new/, cur/ and tmp/).
    void syncDirectories();

    QString directory() const { return m_directory; }
    void setDirectory(const QString &directory) { m_directory = directory; }

private:
    QString uniqueName(const QDateTime &received);

    QString m_directory;
    QString m_hostName;
};
