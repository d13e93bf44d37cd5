// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "maildirmirror.h"

#include "common/threadhandoff.h"

#include <QDir>
#include <QFile>
#include <QSysInfo>

#include <algorithm>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>
#include <vector>

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
    if (std::filesystem::is_symlink(std::filesystem::symlink_status(fsPath, ec))) {
        *error =
            QStringLiteral("%1 is a symbolic link to something that is not a folder").arg(path);
        return false;
    }
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

static void syncDirectory(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
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
    : MaildirMirror(std::move(directory), Limits{}, parent)
{}

MaildirMirror::MaildirMirror(QString directory, Limits limits, QObject *parent)
    : QObject(parent)
    , m_directory(std::move(directory))
    , m_hostName(maildirHostName())
    , m_limits(limits)
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

qint64 MaildirMirror::cost(const Item &item)
{
    return kQueuedItemCost + (item.data && item.data->isInMemory() ? item.data->size() : 0);
}

MaildirMirror::Backlog MaildirMirror::backlog() const
{
    std::lock_guard lock(m_mutex);
    return m_backlog;
}

void MaildirMirror::enqueue(const QList<MaildirMirror::Item> &items)
{
    bool schedule = false;
    {
        std::lock_guard lock(m_mutex);
        for (const Item &item : items) {
            const qint64 itemCost = cost(item);
            // Checked before queueing, so the backlog never passes its limits.
            if (m_backlog.messages + 1 > m_limits.maxMessages
                || m_backlog.bytes + itemCost > m_limits.maxBytes) {
                ++m_backlog.dropped;
                if (m_burstDropped++ == 0)
                    m_burstTimer.start();
                continue;
            }
            m_queue.push_back(item);
            ++m_backlog.messages;
            m_backlog.bytes += itemCost;
            m_backlog.peakMessages = std::max(m_backlog.peakMessages, m_backlog.messages);
            m_backlog.peakBytes = std::max(m_backlog.peakBytes, m_backlog.bytes);
        }
        if (!m_queue.empty() && !m_drainScheduled) {
            m_drainScheduled = true;
            schedule = true;
        }
    }
    if (schedule)
        ThreadHandoff::post(this, [this] { drain(); });
}

void MaildirMirror::drain()
{
    for (;;) {
        QList<Item> batch;
        {
            std::lock_guard lock(m_mutex);
            if (m_queue.empty()) {
                m_drainScheduled = false;
                break;
            }
            const qsizetype count = std::min<qsizetype>(kMaxBatch, qsizetype(m_queue.size()));
            batch.reserve(count);
            for (qsizetype i = 0; i < count; ++i) {
                batch.append(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        // The batch still counts against the backlog while it is written: it holds its
        // spools (memory, open files) until then.
        writeBatch(batch.constData(), batch.size());
        {
            std::lock_guard lock(m_mutex);
            for (const Item &item : std::as_const(batch)) {
                --m_backlog.messages;
                m_backlog.bytes -= cost(item);
            }
        }
        batch.clear();
        reportDrops(false);
    }
    reportDrops(true);
}

void MaildirMirror::reportDrops(bool caughtUp)
{
    qint64 dropped = 0;
    {
        std::lock_guard lock(m_mutex);
        if (m_burstDropped == 0 || (!caughtUp && m_burstTimer.elapsed() < kLagReportIntervalMs))
            return;
        dropped = m_burstDropped;
        m_burstDropped = 0;
        m_burstTimer.invalidate();
    }
    emit failed(QStringLiteral("Maildir mirror is lagging: %1 messages not mirrored (they are in "
                               "the store)")
                    .arg(dropped));
}

void MaildirMirror::write(const QList<MaildirMirror::Item> &items)
{
    for (qsizetype first = 0; first < items.size(); first += kMaxBatch)
        writeBatch(items.constData() + first, std::min(kMaxBatch, items.size() - first));
}

struct MaildirMirror::Pending
{
    qint64 storeId = 0;
    QByteArray tmpPath;
    QByteArray newPath;
    int fd = -1;
};

void MaildirMirror::writeBatch(const Item *items, qsizetype count)
{
    const auto fail = [this](qint64 storeId, const QString &error) {
        emit failed(
            QStringLiteral("Maildir mirror: message %1 not copied: %2").arg(storeId).arg(error));
    };
    const QDir root(m_directory);
    std::vector<Pending> pending;
    pending.reserve(size_t(count));

    // 1. Every message into a file of its own in tmp/.
    for (qsizetype i = 0; i < count; ++i) {
        const Item &item = items[i];
        if (!item.data) {
            fail(item.storeId, QStringLiteral("no message data"));
            continue;
        }
        const QString name = uniqueName(item.data->size());
        Pending file{item.storeId, QFile::encodeName(root.filePath(QStringLiteral("tmp/") + name)),
                     QFile::encodeName(root.filePath(QStringLiteral("new/") + name)), -1};
        file.fd = ::open(file.tmpPath.constData(),
                         O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (file.fd < 0) {
            fail(item.storeId, QStringLiteral("cannot create %1: %2")
                                   .arg(QFile::decodeName(file.tmpPath), errnoText(errno)));
            continue;
        }
        int writeError = 0;
        const bool written =
            item.data->readChunks([fd = file.fd, &writeError](QByteArrayView chunk) {
                if (writeAll(fd, chunk))
                    return true;
                writeError = errno;
                return false;
            });
        if (!written) {
            fail(item.storeId,
                 writeError ? QStringLiteral("cannot write %1: %2")
                                  .arg(QFile::decodeName(file.tmpPath), errnoText(writeError))
                            : QStringLiteral("cannot read the spooled message"));
            ::close(file.fd);
            ::unlink(file.tmpPath.constData());
            continue;
        }
        pending.push_back(std::move(file));
    }

    // 2. Each file to disk. The kernel has been writing all of them out since step 1, so these
    // fsyncs mostly wait for the same journal commit instead of one each.
    for (Pending &file : pending) {
        const bool synced = ::fsync(file.fd) == 0;
        const int syncError = errno;
        const bool closed = ::close(file.fd) == 0;
        file.fd = -1;
        if (!synced || !closed) {
            fail(file.storeId,
                 QStringLiteral("cannot write %1: %2")
                     .arg(QFile::decodeName(file.tmpPath), errnoText(synced ? errno : syncError)));
            ::unlink(file.tmpPath.constData());
            file.tmpPath.clear();
        }
    }

    // 3. Only complete, synced files move into new/, where readers look (the Maildir protocol).
    bool anyMoved = false;
    for (const Pending &file : std::as_const(pending)) {
        if (file.tmpPath.isEmpty())
            continue;
        if (::rename(file.tmpPath.constData(), file.newPath.constData()) != 0) {
            fail(file.storeId, QStringLiteral("cannot move %1 into new/: %2")
                                   .arg(QFile::decodeName(file.tmpPath), errnoText(errno)));
            ::unlink(file.tmpPath.constData());
            continue;
        }
        ++m_written;
        anyMoved = true;
    }

    // 4. The renames are durable once both folders are synced: once per batch.
    if (anyMoved) {
        syncDirectory(root.filePath(QStringLiteral("new")));
        syncDirectory(root.filePath(QStringLiteral("tmp")));
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

bool MaildirMirror::event(QEvent *event)
{
    return ThreadHandoff::dispatch(this, event) || QObject::event(event);
}
