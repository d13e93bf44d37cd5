// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "maildirwriter.h"

#include "store/maildirmirror.h"

#include <QDir>
#include <QFile>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace {

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

void syncDirectory(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

MaildirWriter::MaildirWriter(QString directory)
    : m_directory(std::move(directory))
    , m_hostName(MaildirMirror::maildirHostName())
{}

bool MaildirWriter::prepare(QString *error)
{
    return MaildirMirror::prepare(m_directory, error);
}

QString MaildirWriter::uniqueName(const QDateTime &received)
{
    // Unique through pid and a process-wide counter; the counter is zero-padded so that names
    // with the same time sort in the order they were written.
    static std::atomic<quint64> counter{0};
    const qint64 msecs =
        (received.isValid() ? received : QDateTime::currentDateTimeUtc()).toMSecsSinceEpoch();
    const qint64 seconds = msecs >= 0 ? msecs / 1000 : 0;
    const qint64 micros = msecs >= 0 ? (msecs % 1000) * 1000 : 0;
    return QStringLiteral("%1.M%2P%3Q%4.%5")
        .arg(seconds)
        .arg(micros)
        .arg(::getpid())
        .arg(counter.fetch_add(1, std::memory_order_relaxed) + 1, 10, 10, QLatin1Char('0'))
        .arg(m_hostName);
}

QString MaildirWriter::write(const Fill &fill, const QDateTime &received, bool seen, QString *error)
{
    const QDir root(m_directory);
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QString name = uniqueName(received);
        const QByteArray tmpPath = QFile::encodeName(root.filePath(QStringLiteral("tmp/") + name));
        const int fd = ::open(tmpPath.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) {
            if (errno == EEXIST)
                continue;
            *error = QStringLiteral("cannot create %1: %2")
                         .arg(QFile::decodeName(tmpPath), errnoText(errno));
            return {};
        }
        QFile file;
        QString reason;
        bool ok = file.open(fd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle);
        if (!ok)
            reason = file.errorString();
        ok = ok && fill(&file, &reason);
        if (!ok && reason.isEmpty())
            reason = file.errorString();
        if (ok && !file.flush()) {
            ok = false;
            reason = file.errorString();
        }
        if (ok && ::fsync(fd) != 0) {
            ok = false;
            reason = errnoText(errno);
        }
        const qint64 size = file.pos();
        if (file.isOpen())
            file.close();
        else
            ::close(fd);
        if (!ok) {
            ::unlink(tmpPath.constData());
            *error = QStringLiteral("cannot write %1: %2").arg(QFile::decodeName(tmpPath), reason);
            return {};
        }
        const QString finalName = seen ? QStringLiteral("cur/%1,S=%2:2,S").arg(name).arg(size)
                                       : QStringLiteral("new/%1,S=%2").arg(name).arg(size);
        const QString finalPath = root.filePath(finalName);
        const QByteArray target = QFile::encodeName(finalPath);
        // link() refuses to replace an existing file, which rename() would do silently.
        if (::link(tmpPath.constData(), target.constData()) == 0) {
            ::unlink(tmpPath.constData());
            return finalPath;
        }
        const int linkError = errno;
        if (linkError == EEXIST) {
            ::unlink(tmpPath.constData());
            continue;
        }
        // Some file systems (FAT, some FUSE ones) have no hard links.
        if ((linkError == EPERM || linkError == ENOSYS || linkError == EOPNOTSUPP)
            && !QFile::exists(finalPath) && ::rename(tmpPath.constData(), target.constData()) == 0)
            return finalPath;
        ::unlink(tmpPath.constData());
        *error = QStringLiteral("cannot move %1 into place: %2")
                     .arg(QFile::decodeName(tmpPath), errnoText(linkError));
        return {};
    }
    *error = QStringLiteral("cannot find a free file name in %1").arg(m_directory);
    return {};
}

void MaildirWriter::syncDirectories()
{
    const QDir root(m_directory);
    syncDirectory(root.filePath(QStringLiteral("new")));
    syncDirectory(root.filePath(QStringLiteral("cur")));
}
