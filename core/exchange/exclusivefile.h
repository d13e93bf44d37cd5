// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QString>

#include <memory>

class QFile;
class QIODevice;

/// Writes a new file under a name nobody holds yet, never through a symbolic link: the bytes go
/// to a temporary file created with O_CREAT|O_EXCL|O_NOFOLLOW (which refuses any existing name,
/// a dangling symlink included), and commit() flushes and fsyncs it and link()s it to its final
/// name. link() fails on any existing name as well, so nothing is replaced and nothing is written
/// where a planted link points; readers see the file complete or not at all. With
/// Existing::Replace, commit() rename()s instead, which replaces the name itself (a symlink there
/// is replaced, not followed).
///
/// Every export writer and the attachment opener create their files through this one class.
/// Destroying an uncommitted ExclusiveFile removes its temporary file, so a cancelled or failed
/// writer leaves nothing behind. One thread at a time.
class ExclusiveFile final
{
public:
    enum class Existing { Refuse, Replace };

    /// `mode` is the permission of the new file (the umask still applies, as for open(2)).
    explicit ExclusiveFile(int mode);
    ~ExclusiveFile();
    Q_DISABLE_COPY_MOVE(ExclusiveFile)

    /// Creates the temporary file at exactly `tempPath` (Maildir's tmp/ protocol). Errors:
    /// FileExists when something (a file, a folder, a symlink) already has the name,
    /// FileUnwritable otherwise; `field` is the path.
    Result<void> createAt(const QString &tempPath);
    /// Creates the temporary file under a fresh hidden name in `directory`, so that the final
    /// link() stays within one file system. FileUnwritable when it cannot.
    Result<void> createIn(const QString &directory);

    /// The open temporary file, for writing; nullptr before create*() and after commit().
    QIODevice *device() const;
    /// The bytes written so far.
    qint64 size() const;

    /// Flushes, fsyncs and closes the file and gives it the name `finalPath`. On FileExists the
    /// temporary file stays (another name may be tried); on any other error it is removed.
    Result<void> commit(const QString &finalPath, Existing existing);
    /// Removes the temporary file, if any.
    void discard();

    /// Whether anything is at `path`, without following a symlink there: QFileInfo::exists()
    /// says false for a dangling link, which a writer must not take as a free name.
    static bool nameTaken(const QString &path);

private:
    Result<void> open(const QString &tempPath);

    int m_mode;
    QString m_tempPath;
    std::unique_ptr<QFile> m_file;
};
