// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "maildirmirror.h"

#include <QDir>
#include <QFile>
#include <QSysInfo>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

static QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// Creates `path` (and missing parents) with mode 0700: the mirror holds other people's mail.
static bool makePrivateDirectory(const QString &path, QString *error)
{
    const std::filesystem::path fsPath(QFile::encodeName(path).toStdString());
    std::error_code ec;
    if (std::filesystem::is_directory(fsPath, ec))
        return true;
    if (!std::filesystem::create_directories(fsPath, ec) && ec) {
        *error =
            QStringLiteral("cannot create %1: %2").arg(path, QString::fromStdString(ec.message()));
        return false;
    }
    std::filesystem::permissions(fsPath, std::filesystem::perms::owner_all, ec);
    return true;
}

static bool writeAll(int fd, QByteArrayView bytes)
{
    const char *data = bytes.data();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t written = ::write(fd, data, size_t(left));
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += written;
        left -= written;
    }
    return true;
}

bool MaildirMirror::prepare(const QString &directory, QString *error)
{
    QString reason;
    const QDir root(directory);
    for (const QString &path :
         {directory, root.filePath(QStringLiteral("tmp")), root.filePath(QStringLiteral("new")),
          root.filePath(QStringLiteral("cur"))}) {
        if (!makePrivateDirectory(path, &reason)) {
            if (error)
                *error = QStringLiteral("Maildir %1 cannot be used: %2").arg(directory, reason);
            return false;
        }
    }
    if (::access(QFile::encodeName(root.filePath(QStringLiteral("tmp"))).constData(), W_OK | X_OK)
        != 0) {
        if (error)
            *error =
                QStringLiteral("Maildir %1 cannot be used: %2").arg(directory, errnoText(errno));
        return false;
    }
    return true;
}

MaildirMirror::MaildirMirror(QString directory, QObject *parent)
    : QObject(parent)
    , m_directory(std::move(directory))
    , m_hostName(maildirHostName())
{}

QString MaildirMirror::maildirHostName()
{
    // Maildir reserves '/' and ':' in names, and we use ',' for the size field; Dovecot and
    // Courier write the octal escapes used here.
    QString name = QSysInfo::machineHostName();
    if (name.isEmpty())
        name = QStringLiteral("localhost");
    name.replace(QLatin1Char('/'), QLatin1StringView("\\057"));
    name.replace(QLatin1Char(':'), QLatin1StringView("\\072"));
    name.replace(QLatin1Char(','), QLatin1StringView("\\054"));
    return name;
}

MaildirMirror::~MaildirMirror() = default;

void MaildirMirror::setDirectory(const QString &directory)
{
    m_directory = directory;
}

void MaildirMirror::write(const QList<MaildirMirror::Item> &items)
{
    bool anyWritten = false;
    for (const Item &item : items) {
        QString error;
        if (writeOne(item, &error)) {
            anyWritten = true;
            ++m_written;
        } else {
            emit failed(QStringLiteral("Maildir mirror: message %1 not copied: %2")
                            .arg(item.storeId)
                            .arg(error));
        }
    }
    if (!anyWritten)
        return;
    // The renames are durable only once the directory itself is synced; once per batch.
    const QByteArray newDir = QFile::encodeName(QDir(m_directory).filePath(QStringLiteral("new")));
    const int fd = ::open(newDir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

QString MaildirMirror::uniqueName(qint64 size)
{
    // The classic Maildir unique name, plus the size (",S=") that Dovecot and notmuch use to
    // skip a stat. The counter is process-wide, so two mirrors in one process cannot collide.
    static std::atomic<quint64> counter{0};
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now - seconds);
    return QStringLiteral("%1.M%2P%3Q%4.%5,S=%6")
        .arg(seconds.count())
        .arg(micros.count())
        .arg(::getpid())
        .arg(counter.fetch_add(1, std::memory_order_relaxed) + 1)
        .arg(m_hostName)
        .arg(size);
}

bool MaildirMirror::writeOne(const Item &item, QString *error)
{
    if (!item.data) {
        *error = QStringLiteral("no message data");
        return false;
    }
    const QDir root(m_directory);
    const QString name = uniqueName(item.data->size());
    const QByteArray tmpPath = QFile::encodeName(root.filePath(QStringLiteral("tmp/") + name));
    const QByteArray newPath = QFile::encodeName(root.filePath(QStringLiteral("new/") + name));

    const int fd = ::open(tmpPath.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = QStringLiteral("cannot create %1: %2")
                     .arg(QFile::decodeName(tmpPath), errnoText(errno));
        return false;
    }
    int writeError = 0;
    const bool written = item.data->readChunks([fd, &writeError](QByteArrayView chunk) {
        if (writeAll(fd, chunk))
            return true;
        writeError = errno;
        return false;
    });
    if (!written || ::fsync(fd) != 0) {
        const int savedErrno = writeError ? writeError : errno;
        *error = written || writeError ? QStringLiteral("cannot write %1: %2")
                                             .arg(QFile::decodeName(tmpPath), errnoText(savedErrno))
                                       : QStringLiteral("cannot read the spooled message");
        ::close(fd);
        ::unlink(tmpPath.constData());
        return false;
    }
    if (::close(fd) != 0 || ::rename(tmpPath.constData(), newPath.constData()) != 0) {
        *error = QStringLiteral("cannot move %1 into new/: %2")
                     .arg(QFile::decodeName(tmpPath), errnoText(errno));
        ::unlink(tmpPath.constData());
        return false;
    }
    return true;
}
