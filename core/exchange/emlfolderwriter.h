// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QString>
#include <QStringList>

#include <functional>

class QIODevice;

/// Writes messages as one .eml file each into a folder, named after the store id with leading
/// zeros ("000123.eml"), so the names sort in id order. Each file goes through ExclusiveFile:
/// it exists complete or not at all, and never replaces anything or writes through a symlink.
/// Remembers what it created so a cancelled or failed export can take it back. One thread at a
/// time.
class EmlFolderWriter final
{
public:
    /// Fills `out` with the message bytes; an error when it cannot.
    using Fill = std::function<Result<void>(QIODevice *out)>;

    explicit EmlFolderWriter(QString directory);
    Q_DISABLE_COPY_MOVE(EmlFolderWriter)

    /// "000123.eml": six digits at least, more for bigger ids.
    static QString fileName(qint64 id);

    /// Creates the folder if missing. FileExists when something else has its name,
    /// FileUnwritable when it cannot be created; the path is the field.
    Result<void> prepare();

    QString path(qint64 id) const;
    /// Writes message `id`; refuses to replace an existing file (FileExists). On any error no
    /// file is left behind; the fill's error comes back as it is, with the file as its field.
    Result<void> write(qint64 id, const Fill &fill);

    /// The files written so far.
    const QStringList &created() const { return m_created; }
    /// Deletes the files written so far.
    void removeCreated();

private:
    QString m_directory;
    QStringList m_created;
};
