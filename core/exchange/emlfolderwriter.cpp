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

bool EmlFolderWriter::prepare(QString *error)
{
    const QFileInfo info(m_directory);
    if ((info.exists() || info.isSymLink()) && !info.isDir()) {
        *error = QStringLiteral("%1 is not a folder").arg(m_directory);
        return false;
    }
    if (!QDir().mkpath(m_directory)) {
        *error = QStringLiteral("cannot create the folder %1").arg(m_directory);
        return false;
    }
    return true;
}

QString EmlFolderWriter::path(qint64 id) const
{
    return QDir(m_directory).filePath(fileName(id));
}

bool EmlFolderWriter::write(qint64 id, const Fill &fill, QString *error)
{
    const QString target = path(id);
    if (ExclusiveFile::nameTaken(target)) {
        *error = QStringLiteral("%1 already exists").arg(target);
        return false;
    }
    // Not QSaveFile: it writes through a symlink at the target name, even a dangling one.
    ExclusiveFile file(0644);
    if (const ::Result<void> created = file.createIn(m_directory); !created) {
        *error = created.error().message;
        return false;
    }
    QString reason;
    if (!fill(file.device(), &reason)) {
        if (reason.isEmpty())
            reason = file.device()->errorString();
        file.discard();
        *error = QStringLiteral("cannot write %1: %2").arg(target, reason);
        return false;
    }
    if (const ::Result<void> committed = file.commit(target, ExclusiveFile::Existing::Refuse);
        !committed) {
        *error = committed.error().message;
        return false;
    }
    m_created.append(target);
    return true;
}

void EmlFolderWriter::removeCreated()
{
    for (const QString &file : std::as_const(m_created))
        QFile::remove(file);
    m_created.clear();
}
