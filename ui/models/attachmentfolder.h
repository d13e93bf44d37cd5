// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

#include <memory>

class QTemporaryDir;

/// Where "Open attachment" puts a part for another program to read: a folder of our own,
/// created fresh under the temporary location with a random name and mode 0700 (QTemporaryDir),
/// never a predictable path someone else could have prepared. Each part gets a subfolder of its
/// own (0700), so two parts with one name do not collide and each keeps its name for the program
/// that opens it; the file is created with O_EXCL|O_NOFOLLOW and mode 0600 (ExclusiveFile).
/// Everything is removed when the folder object goes (the app quits), not earlier: the opened
/// program may still be reading. Gui-free; one thread at a time (StoreLoader's).
class AttachmentFolder final
{
    Q_DECLARE_TR_FUNCTIONS(AttachmentFolder)

public:
    /// The folder is made inside `parent`: the system's temporary folder, or the app's private
    /// folder for this run (MainWindow), which goes with the app even if this object does not.
    explicit AttachmentFolder(const QString &parent = {});
    ~AttachmentFolder();
    Q_DISABLE_COPY_MOVE(AttachmentFolder)

    /// Writes `content` as `name` (made safe with safeFileName(), `fallback` when nothing is
    /// left) and returns its path; FileUnwritable (or FileExists) with a one-line reason when
    /// it cannot.
    Result<QString> write(const QString &name, const QString &fallback, QByteArrayView content);

    /// The private folder, or an empty string before the first write().
    QString path() const;

    /// A file name that stays one plain name in the folder it is written to: no '/', '\\' or
    /// other characters file systems and shells treat specially, no control or invisible
    /// formatting characters (a right-to-left override can make "gpj.exe" read "exe.jpg"),
    /// no leading dots (no "..", no hidden files), at most kMaxNameBytes bytes in UTF-8 with the
    /// extension kept. `fallback` when nothing usable is left.
    static QString safeFileName(const QString &name, const QString &fallback);

    /// Below NAME_MAX (255 bytes on Linux file systems), with room for "-1"-style suffixes.
    static constexpr qsizetype kMaxNameBytes = 200;

private:
    QString m_parent;
    std::unique_ptr<QTemporaryDir> m_folder;
    quint64 m_written = 0;
};
