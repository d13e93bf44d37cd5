// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "exclusivefile.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

// Fresh temporary names tried before createIn() gives up; each collides only with a file
// someone else made under a random 64-bit name.
constexpr int kMaxNameAttempts = 100;

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

ExclusiveFile::ExclusiveFile(int mode)
    : m_mode(mode)
{}

ExclusiveFile::~ExclusiveFile()
{
    discard();
}

bool ExclusiveFile::nameTaken(const QString &path)
{
    struct stat info;
    return ::lstat(QFile::encodeName(path).constData(), &info) == 0 || errno != ENOENT;
}

Result<void> ExclusiveFile::open(const QString &tempPath)
{
    discard();
    // O_EXCL alone already fails on a symlink (POSIX: "If O_EXCL and O_CREAT are set, and path
    // names a symbolic link, open() shall fail"); O_NOFOLLOW says so for every reader.
    const int fd =
        ::open(QFile::encodeName(tempPath).constData(),
               O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, static_cast<mode_t>(m_mode));
    if (fd < 0) {
        const int openError = errno;
        return Error(openError == EEXIST || openError == ELOOP ? ErrorCode::FileExists
                                                               : ErrorCode::FileUnwritable,
                     QStringLiteral("cannot create %1: %2").arg(tempPath, errnoText(openError)),
                     tempPath);
    }
    m_tempPath = tempPath;
    m_file = std::make_unique<QFile>();
    if (!m_file->open(fd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle)) {
        Error error(ErrorCode::FileUnwritable,
                    QStringLiteral("cannot create %1: %2").arg(tempPath, m_file->errorString()),
                    tempPath);
        ::close(fd);
        discard();
        return error;
    }
    return {};
}

Result<void> ExclusiveFile::createAt(const QString &tempPath)
{
    return open(tempPath);
}

Result<void> ExclusiveFile::createIn(const QString &directory)
{
    const QDir dir(directory);
    for (int attempt = 0; attempt < kMaxNameAttempts; ++attempt) {
        const QString name =
            QStringLiteral(".letterbox-%1.tmp")
                .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
        Result<void> opened = open(dir.filePath(name));
        if (opened || opened.error().code != ErrorCode::FileExists)
            return opened;
    }
    return Error(ErrorCode::FileUnwritable,
                 QStringLiteral("cannot find a free temporary name in %1").arg(directory),
                 directory);
}

QIODevice *ExclusiveFile::device() const
{
    return m_file.get();
}

qint64 ExclusiveFile::size() const
{
    return m_file ? m_file->pos() : 0;
}

Result<void> ExclusiveFile::commit(const QString &finalPath, Existing existing)
{
    if (!m_file)
        return Error(ErrorCode::Internal,
                     QStringLiteral("cannot write %1: no file is open").arg(finalPath), finalPath);
    const auto fail = [&](const QString &reason) {
        discard();
        return Error(ErrorCode::FileUnwritable,
                     QStringLiteral("cannot write %1: %2").arg(finalPath, reason), finalPath);
    };
    if (m_file->isOpen()) {
        if (!m_file->flush())
            return fail(m_file->errorString());
        if (::fsync(m_file->handle()) != 0)
            return fail(errnoText(errno));
        m_file->close();
        if (m_file->error() != QFileDevice::NoError)
            return fail(m_file->errorString());
    }
    const QByteArray from = QFile::encodeName(m_tempPath);
    const QByteArray to = QFile::encodeName(finalPath);
    if (existing == Existing::Replace) {
        if (::rename(from.constData(), to.constData()) != 0)
            return fail(errnoText(errno));
        m_tempPath.clear();
        m_file.reset();
        return {};
    }
    if (::link(from.constData(), to.constData()) == 0) {
        ::unlink(from.constData());
        m_tempPath.clear();
        m_file.reset();
        return {};
    }
    int linkError = errno;
    // Some file systems (FAT, some FUSE ones) have no hard links; renameat2(RENAME_NOREPLACE)
    // still refuses an existing name there. Only where that is missing too does a check before
    // rename() remain, which another process could race.
    if (linkError == EPERM || linkError == ENOSYS || linkError == EOPNOTSUPP) {
        if (::renameat2(AT_FDCWD, from.constData(), AT_FDCWD, to.constData(), RENAME_NOREPLACE)
            == 0) {
            m_tempPath.clear();
            m_file.reset();
            return {};
        }
        linkError = errno;
        if (linkError == EINVAL || linkError == ENOSYS) {
            if (nameTaken(finalPath)) {
                linkError = EEXIST;
            } else if (::rename(from.constData(), to.constData()) == 0) {
                m_tempPath.clear();
                m_file.reset();
                return {};
            } else {
                linkError = errno;
            }
        }
    }
    if (linkError == EEXIST)
        return Error(ErrorCode::FileExists, QStringLiteral("%1 already exists").arg(finalPath),
                     finalPath);
    return fail(errnoText(linkError));
}

void ExclusiveFile::discard()
{
    if (m_file && m_file->isOpen())
        m_file->close();
    m_file.reset();
    if (!m_tempPath.isEmpty())
        ::unlink(QFile::encodeName(m_tempPath).constData());
    m_tempPath.clear();
}
