// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

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
    /// Fills `out` with the message bytes; returns false with a reason when it cannot.
    using Fill = std::function<bool(QIODevice *out, QString *error)>;

    explicit EmlFolderWriter(QString directory);
    Q_DISABLE_COPY_MOVE(EmlFolderWriter)

    /// "000123.eml": six digits at least, more for bigger ids.
    static QString fileName(qint64 id);

    /// Creates the folder if missing. Returns false with a one-line reason when it cannot.
    bool prepare(QString *error);

    QString path(qint64 id) const;
    /// Writes message `id`; refuses to replace an existing file. Returns false with a one-line
    /// reason, leaving no file behind.
    bool write(qint64 id, const Fill &fill, QString *error);

    /// The files written so far.
    const QStringList &created() const { return m_created; }
    /// Deletes the files written so far.
    void removeCreated();

private:
    QString m_directory;
    QStringList m_created;
};
