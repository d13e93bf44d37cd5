// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "messagestore.h"

#include "common/gracefulthread.h"
#include "common/threadhandoff.h"
#include "store/maildirmirror.h"
#include "store/sqlitedatabase.h"
#include "store/storelayout.h"
#include "store/storewriter.h"
#include "store/tracebacklog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSysInfo>
#include <QThread>

#include <atomic>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

struct MessageStore::Private
{
    QString directory;
    std::unique_ptr<QLockFile> lock;
    std::atomic<quint64> nextSessionId{1};
    GracefulThread writerThread;
    StoreWriter *writer = nullptr; ///< lives in writerThread, deleted when it finishes
    // Set in the writer thread (setMaildirMirror() runs there); read by it and, once the writer
    // thread has stopped, by the destructor.
    GracefulThread mirrorThread;
    MaildirMirror *mirror = nullptr; ///< lives in mirrorThread, deleted when it finishes
    TraceBacklog traceBacklog;
};

// Creates `path` and missing parents, mode 0700 for what we create: the store holds other
// people's mail. std::filesystem, unlike QDir::mkpath, says why it failed.
static bool makePrivateDirectory(const QString &path, QString *reason)
{
    const std::filesystem::path fsPath(QFile::encodeName(path).toStdString());
    std::error_code ec;
    if (std::filesystem::is_directory(fsPath, ec))
        return true;
    if (!std::filesystem::create_directories(fsPath, ec) && ec) {
        *reason = QString::fromStdString(ec.message());
        return false;
    }
    std::filesystem::permissions(fsPath, std::filesystem::perms::owner_all, ec);
    return true;
}

// The store holds other people's mail, so its directories are 0700 and its files 0600 whatever
// the umask was or an older version left, not only when we create them. Only what we own is
// changed: a directory set up by someone else (a shared or admin-made store) is used as it is,
// with a warning, since its permissions are its owner's decision and chmod would fail anyway.
// Returns false when `path` is not ours.
enum class Symlink { Follow, Skip };
static bool makePrivate(const QString &path, mode_t mode, Symlink symlink)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat info;
    if (::lstat(native.constData(), &info) != 0)
        return true; // nothing there (yet)
    // The store directory may be a symlink the user made (to another disk); a file inside the
    // store never is, and chmod() must not change whatever a planted link points at.
    if (S_ISLNK(info.st_mode)
        && (symlink == Symlink::Skip || ::stat(native.constData(), &info) != 0))
        return true;
    if (info.st_uid != ::geteuid())
        return false;
    if ((S_ISDIR(info.st_mode) || S_ISREG(info.st_mode)) && (info.st_mode & 07777) != mode)
        ::chmod(native.constData(), mode);
    return true;
}

static void makeStoreFilesPrivate(const QString &databasePath, const QString &lockPath)
{
    // SQLite gives -wal, -shm and -journal the mode of the database when it creates them; these
    // are the ones an older version or another umask left behind.
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        makePrivate(databasePath + QLatin1StringView(suffix), 0600, Symlink::Skip);
    makePrivate(lockPath, 0600, Symlink::Skip);
}

// The setting every error of open() is about (ServerConfig's key for the store directory).
static const QString kStoreField = QStringLiteral("store");

// The lock is held for the whole run; an age-based stale check would hand the store to a
// second process after 30 s. Locks of crashed processes are still detected by their pid.
static Result<std::unique_ptr<QLockFile>> lockStore(const QString &directory)
{
    auto lock = std::make_unique<QLockFile>(StoreLayout::lockPath(directory));
    lock->setStaleLockTime(0);
    if (lock->tryLock(0))
        return lock;
    qint64 pid = 0;
    QString host;
    QString application;
    if (lock->error() == QLockFile::LockFailedError
        && lock->getLockInfo(&pid, &host, &application)) {
        const QString where = host.isEmpty() || host == QSysInfo::machineHostName()
                                  ? QString()
                                  : QStringLiteral(" on %1").arg(host);
        return Error(ErrorCode::StoreInUse,
                     QStringLiteral("store %1 is in use by another Letterbox process (pid %2%3)")
                         .arg(directory)
                         .arg(pid)
                         .arg(where),
                     kStoreField);
    }
    return Error(ErrorCode::StoreUnwritable,
                 QStringLiteral("cannot lock store %1: %2")
                     .arg(directory, lock->error() == QLockFile::PermissionError
                                         ? QStringLiteral("permission denied")
                                         : QStringLiteral("the lock file cannot be used")),
                 kStoreField);
}

MessageStore::MessageStore(QString directory)
    : d(std::make_unique<Private>())
{
    d->directory = std::move(directory);
}

Result<std::unique_ptr<MessageStore>> MessageStore::open(const QString &directory)
{
    const auto fail = [](ErrorCode code, const QString &message) {
        return Error(code, message, kStoreField);
    };
    QString reason;
    if (!makePrivateDirectory(directory, &reason))
        return fail(ErrorCode::StoreUnwritable,
                    QStringLiteral("cannot create store directory %1: %2").arg(directory, reason));
    if (!makePrivate(directory, 0700, Symlink::Follow)) {
        qWarning("letterbox: store directory %s belongs to another user; its permissions are left "
                 "as they are",
                 qPrintable(directory));
    }

    Result<std::unique_ptr<QLockFile>> lock = lockStore(directory);
    if (!lock)
        return lock.error();

    const QString spoolDirectory = StoreLayout::spoolPath(directory);
    if (!makePrivateDirectory(spoolDirectory, &reason))
        return fail(
            ErrorCode::StoreUnwritable,
            QStringLiteral("cannot create store directory %1: %2").arg(spoolDirectory, reason));
    makePrivate(spoolDirectory, 0700, Symlink::Skip);
    // Spool files are unlinked as soon as they are created; a name left behind belongs to a
    // process that died in between, and we hold the lock, so it is garbage.
    const QStringList leftovers =
        QDir(spoolDirectory).entryList({QStringLiteral("letterbox-spool-*")}, QDir::Files);
    for (const QString &name : leftovers)
        QFile::remove(QDir(spoolDirectory).filePath(name));

    const QString path = StoreLayout::databasePath(directory);
    makeStoreFilesPrivate(path, StoreLayout::lockPath(directory));
    auto opened = SqliteDatabase::open(path, SqliteDatabase::OpenMode::ReadWriteCreate);
    if (!opened)
        return fail(ErrorCode::StoreUnwritable,
                    QStringLiteral("cannot open the store database %1: %2")
                        .arg(path, opened.error().message));
    std::unique_ptr<SqliteDatabase> db = std::move(*opened);
    if (Result<void> prepared = StoreSchema::prepare(*db, path); !prepared)
        return prepared.error().about(kStoreField);
    const auto unusable = [&](const Error &error) {
        return fail(
            error.code,
            error.code == ErrorCode::StoreDamaged
                ? StoreSchema::damagedMessage(path, error.message)
                : QStringLiteral("cannot use the store database %1: %2").arg(path, error.message));
    };
    const Result<qint64> lastSessionId = StoreSchema::lastSessionId(*db);
    if (!lastSessionId)
        return unusable(lastSessionId.error());

    Result<std::unique_ptr<StoreWriter>> writer = StoreWriter::create(std::move(db));
    if (!writer)
        return unusable(writer.error());

    std::unique_ptr<MessageStore> store(new MessageStore(directory));
    store->d->lock = std::move(*lock);
    store->d->nextSessionId.store(quint64(*lastSessionId) + 1);

    store->d->writerThread.reset(new QThread);
    QThread *thread = store->d->writerThread.get();
    thread->setObjectName(QStringLiteral("store-writer"));
    StoreWriter *writerObject = writer->release();
    writerObject->moveToThread(thread);
    connect(thread, &QThread::finished, writerObject, &QObject::deleteLater);
    ThreadHandoff::forward(writerObject, &StoreWriter::failed, store.get(),
                           &MessageStore::storeError);
    ThreadHandoff::forward(writerObject, &StoreWriter::messagesChanged, store.get(),
                           &MessageStore::messagesChanged);
    ThreadHandoff::forward(writerObject, &StoreWriter::messagesRemoved, store.get(),
                           &MessageStore::messagesRemoved);
    ThreadHandoff::forward(writerObject, &StoreWriter::messagesDeleted, store.get(),
                           &MessageStore::messagesDeleted);
    store->d->writer = writerObject;
    thread->start();
    return store;
}

bool MessageStore::event(QEvent *event)
{
    return ThreadHandoff::dispatch(this, event) || QObject::event(event);
}

MessageStore::~MessageStore()
{
    flush();
    // The writer commits anything that raced with this destructor before it is deleted, and
    // may hand it to the mirror, so the mirror stops last.
    d->writerThread.reset();
    d->writer = nullptr;
    if (d->mirror)
        ThreadHandoff::callBlocking(d->mirror, [] {});
    d->mirrorThread.reset();
    d->mirror = nullptr;
    d->lock.reset();
    ThreadHandoff::acquire(this); // signals still queued are freed with this object
}

QString MessageStore::directory() const
{
    return d->directory;
}

QString MessageStore::databasePath() const
{
    return StoreLayout::databasePath(d->directory);
}

QString MessageStore::spoolDirectory() const
{
    return StoreLayout::spoolPath(d->directory);
}

quint64 MessageStore::allocateSessionId()
{
    return d->nextSessionId.fetch_add(1, std::memory_order_relaxed);
}

void MessageStore::deliver(DeliveryRequest request, QObject *context, DeliveryCallback done)
{
    d->writer->enqueueDelivery(std::move(request), context, std::move(done));
}

void MessageStore::recordSessionEnd(const SessionInfo &session, QList<ProtocolLine> traceDelta)
{
    qsizetype cost = 0;
    for (const ProtocolLine &line : std::as_const(traceDelta))
        cost += memoryCost(line);
    d->writer->enqueueSessionEnd(session, std::move(traceDelta), d->traceBacklog.admit(cost));
}

TraceBacklog *MessageStore::traceBacklog() const
{
    return &d->traceBacklog;
}

Result<void> MessageStore::setMaildirMirror(const QString &directory)
{
    // Runs in the writer thread, whoever calls: the writer must stop handing committed messages
    // to the old folder before the switch, and the mirror pointer is then only ever changed in
    // one thread.
    Result<void> result;
    StoreWriter *writer = d->writer;
    ThreadHandoff::callBlocking(
        writer, [this, writer, &directory, &result] { result = switchMirror(writer, directory); });
    return result;
}

Result<void> MessageStore::switchMirror(StoreWriter *writer, const QString &directory)
{
    Q_ASSERT(QThread::currentThread() == writer->thread());
    if (Result<void> prepared = MaildirMirror::prepare(directory); !prepared)
        return prepared.error().about(QStringLiteral("maildir"));
    if (d->mirror) {
        // Messages committed before the switch still go to the old folder.
        writer->flush();
        MaildirMirror *mirror = d->mirror;
        ThreadHandoff::callBlocking(mirror,
                                    [mirror, directory] { mirror->setDirectory(directory); });
        return {};
    }
    d->mirrorThread.reset(new QThread);
    QThread *thread = d->mirrorThread.get();
    thread->setObjectName(QStringLiteral("maildir-mirror"));
    auto *mirror = new MaildirMirror(directory);
    mirror->moveToThread(thread);
    connect(thread, &QThread::finished, mirror, &QObject::deleteLater);
    ThreadHandoff::forward(mirror, &MaildirMirror::failed, this, &MessageStore::storeError);
    thread->start();
    d->mirror = mirror;
    writer->setMirror(mirror);
    return {};
}

void MessageStore::setRead(const QList<qint64> &ids, bool read)
{
    if (!ids.isEmpty())
        d->writer->enqueueSetRead(ids, read);
}

void MessageStore::remove(const QList<qint64> &ids)
{
    if (!ids.isEmpty())
        d->writer->enqueueRemove(ids);
}

void MessageStore::removeAll()
{
    d->writer->enqueueRemoveAll();
}

void MessageStore::setRetention(Retention retention)
{
    d->writer->enqueueRetention(retention.maxMessages, retention.maxAgeDays);
}

void MessageStore::writeRecord(std::function<Result<void>(SqliteDatabase &)> write)
{
    d->writer->enqueueRecord(std::move(write));
}

bool MessageStore::isInUse(const QString &directory)
{
    if (!QFileInfo(directory).isDir())
        return false;
    return !lockStore(directory) && QFileInfo::exists(StoreLayout::lockPath(directory));
}

Result<StoreRepair::Report> MessageStore::rebuildIndex(const QString &directory)
{
    const Result<std::unique_ptr<QLockFile>> lock = lockStore(directory);
    if (!lock)
        return lock.error();
    return StoreRepair::rebuild(directory);
}

void MessageStore::finishMaintenance()
{
    StoreWriter *writer = d->writer;
    MaildirMirror *mirror = nullptr;
    if (writer) {
        ThreadHandoff::callBlocking(writer, [this, writer, &mirror] {
            writer->finishMaintenance();
            mirror = d->mirror;
        });
    }
    if (mirror)
        ThreadHandoff::callBlocking(mirror, [] {});
}

void MessageStore::flush()
{
    StoreWriter *writer = d->writer;
    MaildirMirror *mirror = nullptr;
    // d->mirror is read in the writer thread, which is the one that sets it.
    if (writer) {
        ThreadHandoff::callBlocking(writer, [this, writer, &mirror] {
            writer->flush();
            mirror = d->mirror;
        });
    }
    // The writer queued its mirror work before returning, so an empty call behind it waits
    // for all of that.
    if (mirror)
        ThreadHandoff::callBlocking(mirror, [] {});
}

void MessageStore::whenCommitted(std::function<void()> done)
{
    StoreWriter *writer = d->writer;
    if (!writer)
        return;
    // Behind everything queued so far in the writer's own thread; flush() there commits the
    // queue (it would have been committed on the next turn anyway).
    ThreadHandoff::post(writer, [writer, done = std::move(done)] {
        writer->flush();
        done();
    });
}

quint64 MessageStore::commitCount() const
{
    return d->writer ? d->writer->commitCount() : 0;
}
