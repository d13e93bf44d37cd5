// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "messagestore.h"

#include "store/maildirmirror.h"
#include "store/sqlitedatabase.h"
#include "store/storewriter.h"

#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QSysInfo>
#include <QThread>

#include <atomic>
#include <filesystem>

// Readers and the writer wait this long for each other (only a WAL checkpoint or recovery
// makes them wait at all) before reporting "database is locked".
static constexpr int kBusyTimeoutMs = 5000;
// After a checkpoint the WAL file is cut back to this size, so one burst of big messages does
// not leave a huge file behind.
static constexpr qint64 kJournalSizeLimit = 64 * 1024 * 1024;

struct MessageStore::Private
{
    // Threads stop in order: quit() lets the event loop finish the current batch, wait() joins,
    // and the objects living there are deleted through QThread::finished → deleteLater.
    struct QuitAndWait
    {
        void operator()(QThread *thread) const
        {
            thread->quit();
            thread->wait();
            delete thread;
        }
    };
    using ThreadPointer = std::unique_ptr<QThread, QuitAndWait>;

    QString directory;
    std::unique_ptr<QLockFile> lock;
    std::atomic<quint64> nextSessionId{1};
    ThreadPointer writerThread;
    StoreWriter *writer = nullptr; ///< lives in writerThread, deleted when it finishes
    ThreadPointer mirrorThread;
    MaildirMirror *mirror = nullptr; ///< lives in mirrorThread, deleted when it finishes
};

// Runs `function` in `target`'s thread and waits for it. Called from that very thread it runs
// directly, because a blocking queued call to one's own thread never returns.
static void runBlocking(QObject *target, const std::function<void()> &function)
{
    if (QThread::currentThread() == target->thread())
        function();
    else
        QMetaObject::invokeMethod(target, function, Qt::BlockingQueuedConnection);
}

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

static const char kSchema[] = R"sql(
CREATE TABLE sessions(
    id INTEGER PRIMARY KEY,
    started INTEGER,
    ended INTEGER,
    remote_address TEXT,
    remote_port INTEGER,
    local_address TEXT,
    local_port INTEGER,
    implicit_tls INTEGER NOT NULL DEFAULT 0,
    tls INTEGER NOT NULL DEFAULT 0,
    tls_protocol TEXT,
    tls_cipher TEXT,
    helo TEXT,
    auth_user TEXT,
    messages INTEGER NOT NULL DEFAULT 0,
    end_reason TEXT,
    trace_bytes INTEGER NOT NULL DEFAULT 0,
    trace_chunks INTEGER NOT NULL DEFAULT 0,
    trace_truncated INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE session_trace(
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    UNIQUE(session_id, seq)
);
CREATE TABLE messages(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    received INTEGER NOT NULL,
    session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
    mail_from BLOB NOT NULL,
    mail_parameters BLOB NOT NULL,
    recipients BLOB NOT NULL,
    smtputf8 INTEGER NOT NULL DEFAULT 0,
    eightbitmime INTEGER NOT NULL DEFAULT 0,
    remote_address TEXT,
    helo TEXT,
    tls INTEGER NOT NULL DEFAULT 0,
    auth_user TEXT,
    size INTEGER NOT NULL,
    subject TEXT,
    header_from TEXT,
    header_to TEXT,
    header_cc TEXT,
    header_date TEXT,
    message_id TEXT,
    flags INTEGER NOT NULL DEFAULT 0,
    raw BLOB NOT NULL
);
CREATE INDEX messages_session ON messages(session_id);
CREATE VIRTUAL TABLE messages_fts USING fts5(
    subject, addresses, body, tokenize = 'unicode61 remove_diacritics 2');
)sql";

// Pragmas, then the schema when the file is new. `raw` is the last column of `messages` so that
// listing never reads the message bytes.
static bool initializeDatabase(SqliteDatabase &db, const QString &path, QString *error)
{
    const auto damaged = [&] {
        *error = QStringLiteral("%1 is not a Letterbox store / database is damaged: %2")
                     .arg(path, db.errorString());
        return false;
    };
    db.exec(QByteArray("PRAGMA busy_timeout = " + QByteArray::number(kBusyTimeoutMs)).constData());
    qint64 version = 0;
    if (!db.queryInt64("PRAGMA user_version", &version))
        return damaged();
    if (version > MessageStore::kSchemaVersion) {
        *error =
            QStringLiteral("%1 was written by a newer Letterbox (schema %2, this one reads %3)")
                .arg(path)
                .arg(version)
                .arg(MessageStore::kSchemaVersion);
        return false;
    }
    if (version == 0) {
        qint64 objects = 0;
        if (!db.queryInt64("SELECT count(*) FROM sqlite_schema", &objects))
            return damaged();
        if (objects > 0) {
            *error =
                QStringLiteral("%1 is not a Letterbox store (it holds other tables)").arg(path);
            return false;
        }
        // Only takes effect before the first table exists.
        if (!db.exec("PRAGMA auto_vacuum = INCREMENTAL"))
            return damaged();
    }
    QString journalMode;
    if (!db.queryText("PRAGMA journal_mode = WAL", &journalMode))
        return damaged();
    if (journalMode.compare(QLatin1StringView("wal"), Qt::CaseInsensitive) != 0) {
        *error = QStringLiteral("cannot switch %1 to WAL mode (%2)").arg(path, journalMode);
        return false;
    }
    const QByteArray pragmas = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
                               "PRAGMA journal_size_limit = "
                               + QByteArray::number(kJournalSizeLimit);
    if (!db.exec(pragmas.constData()))
        return damaged();
    if (version == 0) {
        SqliteDatabase::Transaction transaction(db);
        const QByteArray setVersion =
            "PRAGMA user_version = " + QByteArray::number(MessageStore::kSchemaVersion);
        if (!transaction.isActive() || !db.exec(kSchema) || !db.exec(setVersion.constData())
            || !transaction.commit()) {
            *error = QStringLiteral("cannot create the store database %1: %2")
                         .arg(path, transaction.isActive() ? db.errorString()
                                                           : transaction.errorString());
            return false;
        }
    }
    return true;
}

MessageStore::MessageStore(QString directory)
    : d(std::make_unique<Private>())
{
    d->directory = std::move(directory);
}

std::unique_ptr<MessageStore> MessageStore::open(const QString &directory, QString *error)
{
    QString reason;
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return nullptr;
    };
    if (!makePrivateDirectory(directory, &reason))
        return fail(QStringLiteral("cannot create store directory %1: %2").arg(directory, reason));

    const QDir dir(directory);
    auto lock = std::make_unique<QLockFile>(dir.filePath(QStringLiteral("letterbox.lock")));
    // The lock is held for the whole run; an age-based stale check would hand the store to a
    // second process after 30 s. Locks of crashed processes are still detected by their pid.
    lock->setStaleLockTime(0);
    if (!lock->tryLock(0)) {
        qint64 pid = 0;
        QString host;
        QString application;
        if (lock->error() == QLockFile::LockFailedError
            && lock->getLockInfo(&pid, &host, &application)) {
            const QString where = host.isEmpty() || host == QSysInfo::machineHostName()
                                      ? QString()
                                      : QStringLiteral(" on %1").arg(host);
            return fail(QStringLiteral("store %1 is in use by another Letterbox process (pid %2%3)")
                            .arg(directory)
                            .arg(pid)
                            .arg(where));
        }
        return fail(QStringLiteral("cannot lock store %1: %2")
                        .arg(directory, lock->error() == QLockFile::PermissionError
                                            ? QStringLiteral("permission denied")
                                            : QStringLiteral("the lock file cannot be used")));
    }

    const QString spoolDirectory = dir.filePath(QStringLiteral("spool"));
    if (!makePrivateDirectory(spoolDirectory, &reason))
        return fail(
            QStringLiteral("cannot create store directory %1: %2").arg(spoolDirectory, reason));
    // Spool files are unlinked as soon as they are created; a name left behind belongs to a
    // process that died in between, and we hold the lock, so it is garbage.
    const QStringList leftovers =
        QDir(spoolDirectory).entryList({QStringLiteral("letterbox-spool-*")}, QDir::Files);
    for (const QString &name : leftovers)
        QFile::remove(QDir(spoolDirectory).filePath(name));

    const QString path = dir.filePath(QStringLiteral("letterbox.sqlite3"));
    auto db = SqliteDatabase::open(path, SqliteDatabase::OpenMode::ReadWriteCreate, &reason);
    if (!db)
        return fail(QStringLiteral("cannot open the store database %1: %2").arg(path, reason));
    if (!initializeDatabase(*db, path, &reason))
        return fail(reason);
    qint64 lastSessionId = 0;
    if (!db->queryInt64("SELECT coalesce(max(id), 0) FROM sessions", &lastSessionId))
        return fail(QStringLiteral("%1 is not a Letterbox store / database is damaged: %2")
                        .arg(path, db->errorString()));

    auto writer = StoreWriter::create(std::move(db), &reason);
    if (!writer)
        return fail(QStringLiteral("%1 is not a Letterbox store / database is damaged: %2")
                        .arg(path, reason));

    std::unique_ptr<MessageStore> store(new MessageStore(directory));
    store->d->lock = std::move(lock);
    store->d->nextSessionId.store(quint64(lastSessionId) + 1);

    store->d->writerThread.reset(new QThread);
    QThread *thread = store->d->writerThread.get();
    thread->setObjectName(QStringLiteral("store-writer"));
    StoreWriter *writerObject = writer.release();
    writerObject->moveToThread(thread);
    connect(thread, &QThread::finished, writerObject, &QObject::deleteLater);
    connect(writerObject, &StoreWriter::failed, store.get(), &MessageStore::storeError);
    store->d->writer = writerObject;
    thread->start();
    return store;
}

MessageStore::~MessageStore()
{
    flush();
    // The writer commits anything that raced with this destructor before it is deleted, and
    // may hand it to the mirror, so the mirror stops last.
    d->writerThread.reset();
    d->writer = nullptr;
    if (d->mirror)
        runBlocking(d->mirror, [] {});
    d->mirrorThread.reset();
    d->mirror = nullptr;
    d->lock.reset();
}

QString MessageStore::directory() const
{
    return d->directory;
}

QString MessageStore::databasePath() const
{
    return QDir(d->directory).filePath(QStringLiteral("letterbox.sqlite3"));
}

QString MessageStore::spoolDirectory() const
{
    return QDir(d->directory).filePath(QStringLiteral("spool"));
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
    d->writer->enqueueSessionEnd(session, std::move(traceDelta));
}

bool MessageStore::setMaildirMirror(const QString &directory, QString *error)
{
    if (!MaildirMirror::prepare(directory, error))
        return false;
    if (d->mirror) {
        // Messages committed before the switch still go to the old folder.
        flush();
        MaildirMirror *mirror = d->mirror;
        runBlocking(mirror, [mirror, directory] { mirror->setDirectory(directory); });
        return true;
    }
    d->mirrorThread.reset(new QThread);
    QThread *thread = d->mirrorThread.get();
    thread->setObjectName(QStringLiteral("maildir-mirror"));
    auto *mirror = new MaildirMirror(directory);
    mirror->moveToThread(thread);
    connect(thread, &QThread::finished, mirror, &QObject::deleteLater);
    connect(mirror, &MaildirMirror::failed, this, &MessageStore::storeError);
    thread->start();
    d->mirror = mirror;
    StoreWriter *writer = d->writer;
    runBlocking(writer, [writer, mirror] { writer->setMirror(mirror); });
    return true;
}

void MessageStore::flush()
{
    StoreWriter *writer = d->writer;
    if (writer)
        runBlocking(writer, [writer] { writer->processQueue(); });
    // The writer queued its mirror work before returning, so an empty call behind it waits
    // for all of that.
    if (d->mirror)
        runBlocking(d->mirror, [] {});
}

quint64 MessageStore::commitCount() const
{
    return d->writer ? d->writer->commitCount() : 0;
}
