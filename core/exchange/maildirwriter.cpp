// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "maildirwriter.h"

#include "exchange/exclusivefile.h"

#include <QDir>
#include <QFile>
#include <QSysInfo>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
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

// Creates `path` (and missing parents) with mode 0700: a Maildir holds other people's mail.
Result<void> makePrivateDirectory(const QString &path)
{
    const std::filesystem::path fsPath(QFile::encodeName(path).toStdString());
    std::error_code ec;
    if (std::filesystem::is_directory(fsPath, ec))
        return {};
    if (std::filesystem::is_symlink(std::filesystem::symlink_status(fsPath, ec))) {
        return Error(
            ErrorCode::FileUnwritable,
            QStringLiteral("%1 is a symbolic link to something that is not a folder").arg(path));
    }
    if (!std::filesystem::create_directories(fsPath, ec) && ec) {
        return Error(
            ErrorCode::FileUnwritable,
            QStringLiteral("cannot create %1: %2").arg(path, QString::fromStdString(ec.message())));
    }
    std::filesystem::permissions(fsPath, std::filesystem::perms::owner_all, ec);
    return {};
}

} // namespace

MaildirWriter::Staged::Staged() = default;
MaildirWriter::Staged::Staged(Staged &&) noexcept = default;
MaildirWriter::Staged &MaildirWriter::Staged::operator=(Staged &&) noexcept = default;
MaildirWriter::Staged::~Staged() = default;

MaildirWriter::MaildirWriter(QString directory)
    : m_directory(std::move(directory))
    , m_hostName(hostName())
{}

MaildirWriter::~MaildirWriter() = default;

Result<void> MaildirWriter::prepare(const QString &directory)
{
    const QDir root(directory);
    for (const QString &path :
         {directory, root.filePath(QStringLiteral("tmp")), root.filePath(QStringLiteral("new")),
          root.filePath(QStringLiteral("cur"))}) {
        if (Result<void> made = makePrivateDirectory(path); !made) {
            return Error(ErrorCode::FileUnwritable,
                         QStringLiteral("Maildir %1 cannot be used: %2")
                             .arg(directory, made.error().message),
                         directory);
        }
    }
    if (::access(QFile::encodeName(root.filePath(QStringLiteral("tmp"))).constData(), W_OK | X_OK)
        != 0) {
        return Error(ErrorCode::FileUnwritable,
                     QStringLiteral("Maildir %1 cannot be used: %2")
                         .arg(directory, QString::fromLocal8Bit(std::strerror(errno))),
                     directory);
    }
    return {};
}

QString MaildirWriter::hostName()
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

QString MaildirWriter::uniqueName(const QDateTime &received)
{
    // Unique through pid and a process-wide counter (so two writers in one process cannot
    // collide); the counter is zero-padded so that names with the same time sort in the order
    // they were written.
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

Result<MaildirWriter::Staged> MaildirWriter::stage(const Fill &fill, const QDateTime &received)
{
    const QDir root(m_directory);
    for (int attempt = 0; attempt < 100; ++attempt) {
        Staged staged;
        staged.m_name = uniqueName(received);
        const QString tmpPath = root.filePath(QStringLiteral("tmp/") + staged.m_name);
        staged.m_file = std::make_unique<ExclusiveFile>(0600);
        Result<void> created = staged.m_file->createAt(tmpPath);
        if (!created && created.error().code == ErrorCode::FileExists)
            continue;
        if (!created)
            return std::move(created).error();
        if (Result<void> filled = fill(staged.m_file->device()); !filled) {
            QString reason = filled.error().message;
            if (reason.isEmpty())
                reason = staged.m_file->device()->errorString();
            staged.m_file->discard();
            return Error(filled.error().code,
                         QStringLiteral("cannot write %1: %2").arg(tmpPath, reason), tmpPath);
        }
        return staged;
    }
    return Error(ErrorCode::FileUnwritable,
                 QStringLiteral("cannot find a free file name in %1").arg(m_directory),
                 m_directory);
}

Result<QString> MaildirWriter::commit(Staged &staged, bool seen)
{
    const QDir root(m_directory);
    const qint64 size = staged.m_file->size();
    // The tmp/ name is unique, so the final name is free unless something planted a file there;
    // then another suffix is tried, and the planted file is left alone.
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QString unique =
            attempt == 0 ? staged.m_name : staged.m_name + QStringLiteral("_%1").arg(attempt);
        const QString finalPath =
            root.filePath(seen ? QStringLiteral("cur/%1,S=%2:2,S").arg(unique).arg(size)
                               : QStringLiteral("new/%1,S=%2").arg(unique).arg(size));
        Result<void> committed = staged.m_file->commit(finalPath, ExclusiveFile::Existing::Refuse);
        if (!committed && committed.error().code == ErrorCode::FileExists)
            continue;
        if (!committed)
            return Error(ErrorCode::FileUnwritable, committed.error().message, finalPath);
        return finalPath;
    }
    staged.m_file->discard();
    return Error(ErrorCode::FileExists,
                 QStringLiteral("cannot find a free file name in %1").arg(m_directory),
                 m_directory);
}

Result<QString> MaildirWriter::write(const Fill &fill, const QDateTime &received, bool seen)
{
    Result<Staged> staged = stage(fill, received);
    if (!staged)
        return staged.error();
    return commit(*staged, seen);
}

void MaildirWriter::syncDirectories()
{
    const QDir root(m_directory);
    syncDirectory(root.filePath(QStringLiteral("new")));
    syncDirectory(root.filePath(QStringLiteral("cur")));
    syncDirectory(root.filePath(QStringLiteral("tmp")));
}
