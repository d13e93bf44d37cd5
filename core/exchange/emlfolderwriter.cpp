// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "emlfolderwriter.h"

#include "exchange/exclusivefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

EmlFolderWriter::EmlFolderWriter(QString directory)
    : m_directory(std::move(directory))
{}

QString EmlFolderWriter::fileName(qint64 id)
{
    return QStringLiteral("%1.eml").arg(id, 6, 10, QLatin1Char('0'));
}

Result<void> EmlFolderWriter::prepare()
{
    const QFileInfo info(m_directory);
    if ((info.exists() || info.isSymLink()) && !info.isDir())
        return Error(ErrorCode::FileExists, QStringLiteral("%1 is not a folder").arg(m_directory),
                     m_directory);
    if (!QDir().mkpath(m_directory))
        return Error(ErrorCode::FileUnwritable,
                     QStringLiteral("cannot create the folder %1").arg(m_directory), m_directory);
    return {};
}

QString EmlFolderWriter::path(qint64 id) const
{
    return QDir(m_directory).filePath(fileName(id));
}

Result<void> EmlFolderWriter::write(qint64 id, const Fill &fill)
{
    const QString target = path(id);
    if (ExclusiveFile::nameTaken(target))
        return Error(ErrorCode::FileExists, QStringLiteral("%1 already exists").arg(target),
                     target);
    // Not QSaveFile: it writes through a symlink at the target name, even a dangling one.
    ExclusiveFile file(0644);
    if (Result<void> created = file.createIn(m_directory); !created)
        return created;
    if (Result<void> filled = fill(file.device()); !filled) {
        file.discard();
        Error error = std::move(filled).error();
        error.message = QStringLiteral("cannot write %1: %2").arg(target, error.message);
        return error.about(target);
    }
    if (Result<void> committed = file.commit(target, ExclusiveFile::Existing::Refuse); !committed)
        return committed;
    m_created.append(target);
    return {};
}

void EmlFolderWriter::removeCreated()
{
    for (const QString &file : std::as_const(m_created))
        QFile::remove(file);
    m_created.clear();
}
