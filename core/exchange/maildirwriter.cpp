// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "maildirwriter.h"

#include "exchange/exclusivefile.h"
#include "store/maildirmirror.h"

#include <QDir>
#include <QFile>

#include <atomic>
#include <fcntl.h>
#include <unistd.h>

namespace {

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
        const QString tmpPath = root.filePath(QStringLiteral("tmp/") + name);
        ExclusiveFile file(0600);
        ExclusiveFile::Status status = file.createAt(tmpPath, error);
        if (status == ExclusiveFile::Status::NameTaken)
            continue;
        if (status != ExclusiveFile::Status::Ok)
            return {};
        QString reason;
        if (!fill(file.device(), &reason)) {
            if (reason.isEmpty())
                reason = file.device()->errorString();
            file.discard();
            *error = QStringLiteral("cannot write %1: %2").arg(tmpPath, reason);
            return {};
        }
        const qint64 size = file.size();
        const QString finalPath =
            root.filePath(seen ? QStringLiteral("cur/%1,S=%2:2,S").arg(name).arg(size)
                               : QStringLiteral("new/%1,S=%2").arg(name).arg(size));
        status = file.commit(finalPath, ExclusiveFile::Existing::Refuse, error);
        if (status == ExclusiveFile::Status::NameTaken)
            continue;
        if (status != ExclusiveFile::Status::Ok)
            return {};
        return finalPath;
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
