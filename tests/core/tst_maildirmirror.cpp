// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "store/maildirmirror.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSemaphore>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <filesystem>

using namespace Qt::StringLiterals;

class tst_MaildirMirror final : public QObject
{
    Q_OBJECT

private slots:
    void prepareCreatesPrivateFolders();
    void prepareFailsUnderARegularFile();
    void writesExactBytesThroughTmpIntoNew();
    void namesAreUniqueAndCarryTheSize();
    void failureIsReportedPerMessage();
    void batchesArriveCompleteInNew();
    void backlogIsBoundedAndDropsAreReportedOncePerBurst();

private:
    static QByteArray readFile(const QString &path);
    static std::shared_ptr<const MessageSpool>
    spoolOf(const QString &spoolDir, const QByteArray &bytes, qsizetype memoryLimit);
};

QByteArray tst_MaildirMirror::readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

std::shared_ptr<const MessageSpool>
tst_MaildirMirror::spoolOf(const QString &spoolDir, const QByteArray &bytes, qsizetype memoryLimit)
{
    auto spool = std::make_shared<MessageSpool>(spoolDir, memoryLimit);
    if (!spool->append(bytes))
        return nullptr;
    return spool;
}

void tst_MaildirMirror::prepareCreatesPrivateFolders()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    const QString maildir = temp.filePath(u"deep/maildir"_s);
    QString error;
    QVERIFY(MaildirMirror::prepare(maildir));
    for (const QString &sub : {u"tmp"_s, u"new"_s, u"cur"_s}) {
        const std::filesystem::path path(
            QFile::encodeName(QDir(maildir).filePath(sub)).toStdString());
        QVERIFY(std::filesystem::is_directory(path));
        QCOMPARE(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
                 std::filesystem::perms::owner_all);
    }
    // An existing Maildir is fine as it is.
    QVERIFY(MaildirMirror::prepare(maildir));
}

void tst_MaildirMirror::prepareFailsUnderARegularFile()
{
    QTemporaryDir temp;
    QFile file(temp.filePath(u"plain-file"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QString error;
    const Result<void> prepared = MaildirMirror::prepare(temp.filePath(u"plain-file/maildir"_s));
    QVERIFY(!prepared);
    QCOMPARE(prepared.error().code, ErrorCode::FileUnwritable);
    error = prepared.error().message;
    QVERIFY2(error.contains(u"cannot be used"_s), qPrintable(error));
    QVERIFY2(error.contains(u"plain-file/maildir"_s), qPrintable(error));
}

void tst_MaildirMirror::writesExactBytesThroughTmpIntoNew()
{
    QTemporaryDir temp;
    const QString maildir = temp.filePath(u"maildir"_s);
    QString error;
    QVERIFY(MaildirMirror::prepare(maildir));

    const QByteArray small = "Subject: small\r\n\r\nbody\r\n.. dot stays\r\n"_ba;
    static const char binary[] = " \x00\xff binary\r\n";
    QByteArray large;
    for (int i = 0; large.size() < 700 * 1024; ++i)
        large += "line " + QByteArray::number(i) + QByteArray(binary, sizeof(binary) - 1);
    const auto smallSpool = spoolOf(temp.path(), small, 1024 * 1024);
    const auto largeSpool = spoolOf(temp.path(), large, 1024);
    QVERIFY(smallSpool && largeSpool);
    QVERIFY(!largeSpool->isInMemory());

    MaildirMirror mirror(maildir);
    QSignalSpy failed(&mirror, &MaildirMirror::failed);
    mirror.write({{1, smallSpool}, {2, largeSpool}});
    QCOMPARE(failed.count(), 0);
    QCOMPARE(mirror.writtenCount(), qint64(2));

    QVERIFY(QDir(maildir + u"/tmp"_s).entryList(QDir::Files).isEmpty());
    QVERIFY(QDir(maildir + u"/cur"_s).entryList(QDir::Files).isEmpty());
    const QStringList names = QDir(maildir + u"/new"_s).entryList(QDir::Files, QDir::Name);
    QCOMPARE(names.size(), 2);
    QList<QByteArray> contents;
    for (const QString &name : names)
        contents.append(readFile(maildir + u"/new/"_s + name));
    QVERIFY(contents.contains(small));
    QVERIFY(contents.contains(large));
    for (const QString &name : names) {
        const auto mode =
            std::filesystem::status(QFile::encodeName(maildir + u"/new/"_s + name).toStdString())
                .permissions();
        QCOMPARE(mode & std::filesystem::perms::all,
                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    }
}

void tst_MaildirMirror::namesAreUniqueAndCarryTheSize()
{
    QTemporaryDir temp;
    const QString maildir = temp.filePath(u"maildir"_s);
    QString error;
    QVERIFY(MaildirMirror::prepare(maildir));
    QList<MaildirMirror::Item> items;
    for (int i = 0; i < 50; ++i)
        items.append(
            {i + 1, spoolOf(temp.path(), "Subject: " + QByteArray::number(i) + "\r\n\r\n", 4096)});
    MaildirMirror mirror(maildir);
    mirror.write(items);

    const QStringList names = QDir(maildir + u"/new"_s).entryList(QDir::Files);
    QCOMPARE(names.size(), 50);
    static const QRegularExpression pattern(
        u"^(\\d+)\\.M(\\d+)P(\\d+)Q(\\d+)\\.[^/:,]+,S=(\\d+)$"_s);
    for (const QString &name : names) {
        const QRegularExpressionMatch match = pattern.match(name);
        QVERIFY2(match.hasMatch(), qPrintable(name));
        QCOMPARE(match.captured(3).toLongLong(), QCoreApplication::applicationPid());
        QCOMPARE(match.captured(5).toLongLong(), QFileInfo(maildir + u"/new/"_s + name).size());
        QVERIFY(match.captured(2).toInt() < 1000000);
    }
}

void tst_MaildirMirror::failureIsReportedPerMessage()
{
    QTemporaryDir temp;
    const QString maildir = temp.filePath(u"maildir"_s);
    QString error;
    QVERIFY(MaildirMirror::prepare(maildir));
    MaildirMirror mirror(maildir);
    QSignalSpy failed(&mirror, &MaildirMirror::failed);

    mirror.write({{7, nullptr}});
    QCOMPARE(failed.count(), 1);
    QVERIFY2(failed.at(0).at(0).toString().contains(u"message 7"_s),
             qPrintable(failed.at(0).at(0).toString()));

    // The folder vanishing under us is reported, never fatal.
    QVERIFY(QDir(maildir + u"/tmp"_s).removeRecursively());
    mirror.write({{8, spoolOf(temp.path(), "Subject: x\r\n\r\n"_ba, 4096)}});
    QCOMPARE(failed.count(), 2);
    QVERIFY2(failed.at(1).at(0).toString().contains(u"message 8"_s),
             qPrintable(failed.at(1).at(0).toString()));
    QCOMPARE(mirror.writtenCount(), qint64(0));
}

namespace {

// A mirror in a thread of its own, as MessageStore runs it; failures arrive queued in the test
// thread, so the test can read them without a race.
struct MirrorThread
{
    MirrorThread(const QString &maildir, MaildirMirror::Limits limits)
        : mirror(new MaildirMirror(maildir, limits))
    {
        thread.setObjectName(u"maildir-mirror"_s);
        mirror->moveToThread(&thread);
        QObject::connect(&thread, &QThread::finished, mirror, &QObject::deleteLater);
        QObject::connect(mirror, &MaildirMirror::failed, &receiver,
                         [this](const QString &message) { failures.append(message); });
        thread.start();
    }
    ~MirrorThread()
    {
        gate.release(1000); // a failed check must not leave the thread blocked
        thread.quit();
        thread.wait();
    }
    // Blocks the mirror thread until release(): the mirror falls behind on purpose.
    void pause()
    {
        QMetaObject::invokeMethod(mirror, [this] { gate.acquire(); });
    }
    void release() { gate.release(); }

    QThread thread;
    MaildirMirror *mirror;
    QObject receiver;
    QStringList failures;
    QSemaphore gate;
};

} // namespace

// Messages go through tmp/ in batches (more than kMaxBatch here), and a reader looking at new/
// while they arrive only ever sees complete files: the size in every name is the file's size.
void tst_MaildirMirror::batchesArriveCompleteInNew()
{
    QTemporaryDir temp;
    const QString maildir = temp.filePath(u"maildir"_s);
    QString error;
    QVERIFY(MaildirMirror::prepare(maildir));
    constexpr int count = int(MaildirMirror::kMaxBatch) * 2 + 17;
    QList<MaildirMirror::Item> items;
    QSet<QByteArray> expected;
    for (int i = 0; i < count; ++i) {
        // Every fifth spooled to disk, the others in memory.
        const QByteArray bytes = "Subject: " + QByteArray::number(i) + "\r\n\r\n"
                                 + QByteArray(1000 + i * 97, char('a' + i % 26)) + "\r\n";
        items.append({i + 1, spoolOf(temp.path(), bytes, i % 5 == 0 ? 64 : 1024 * 1024)});
        expected.insert(bytes);
    }
    MirrorThread mirror(maildir, {});
    mirror.pause();
    mirror.mirror->enqueue(items);
    QCOMPARE(mirror.mirror->backlog().messages, qsizetype(count));
    mirror.release();

    static const QRegularExpression sizeField(u",S=(\\d+)$"_s);
    const QDir newDir(maildir + u"/new"_s);
    QDeadlineTimer deadline(30000);
    qsizetype seen = 0;
    while (seen < count && !deadline.hasExpired()) {
        const QStringList names = newDir.entryList(QDir::Files);
        for (const QString &name : names) {
            const QRegularExpressionMatch match = sizeField.match(name);
            QVERIFY2(match.hasMatch(), qPrintable(name));
            const QFileInfo info(newDir.filePath(name));
            QVERIFY(!info.exists() || info.size() == match.captured(1).toLongLong());
        }
        seen = names.size();
        QThread::yieldCurrentThread();
    }
    QCOMPARE(seen, qsizetype(count));
    QTRY_COMPARE(mirror.mirror->backlog().messages, qsizetype(0));
    QSet<QByteArray> contents;
    for (const QString &name : newDir.entryList(QDir::Files))
        contents.insert(readFile(newDir.filePath(name)));
    QCOMPARE(contents, expected);
    QVERIFY(QDir(maildir + u"/tmp"_s).entryList(QDir::Files | QDir::Hidden).isEmpty());
    QVERIFY(mirror.failures.isEmpty());
    QCOMPARE(mirror.mirror->backlog().dropped, qint64(0));
}

// A mirror that falls behind holds at most its limits; the copies it cannot take are dropped
// (the store has the messages), reported once per burst with their number, and later messages
// are mirrored again.
void tst_MaildirMirror::backlogIsBoundedAndDropsAreReportedOncePerBurst()
{
    QTemporaryDir temp;
    const QString maildir = temp.filePath(u"maildir"_s);
    QString error;
    QVERIFY(MaildirMirror::prepare(maildir));
    const MaildirMirror::Limits limits{10, 1024 * 1024};
    MirrorThread mirror(maildir, limits);
    const QDir newDir(maildir + u"/new"_s);
    qint64 nextId = 1;
    const auto small = [&] {
        return MaildirMirror::Item{nextId++,
                                   spoolOf(temp.path(), "Subject: s\r\n\r\nx\r\n"_ba, 1024 * 1024)};
    };

    // A burst of 100 one at a time, as commits arrive, while the mirror is stuck: the count
    // limit holds.
    mirror.pause();
    for (int i = 0; i < 100; ++i) {
        mirror.mirror->enqueue({small()});
        QVERIFY(mirror.mirror->backlog().messages <= limits.maxMessages);
    }
    MaildirMirror::Backlog backlog = mirror.mirror->backlog();
    QCOMPARE(backlog.messages, limits.maxMessages);
    QCOMPARE(backlog.peakMessages, limits.maxMessages);
    QCOMPARE(backlog.dropped, qint64(90));
    QVERIFY(mirror.failures.isEmpty());
    mirror.release();
    QTRY_COMPARE(mirror.failures.size(), 1);
    QVERIFY2(mirror.failures.at(0).contains(u"lagging: 90 messages not mirrored"_s),
             qPrintable(mirror.failures.at(0)));
    QTRY_COMPARE(newDir.entryList(QDir::Files).size(), 10);

    // A burst of big messages in memory: the byte limit holds. Spooled to disk, the same
    // message costs only kQueuedItemCost.
    const QByteArray big = "Subject: big\r\n\r\n"_ba + QByteArray(300 * 1024, 'b') + "\r\n";
    mirror.pause();
    for (int i = 0; i < 10; ++i)
        mirror.mirror->enqueue({{nextId++, spoolOf(temp.path(), big, 1024 * 1024)}});
    backlog = mirror.mirror->backlog();
    QCOMPARE(backlog.messages, qsizetype(3)); // 3 x (300 KiB + 16 KiB) fit into 1 MiB, 4 do not
    QVERIFY(backlog.peakBytes <= limits.maxBytes);
    QCOMPARE(backlog.dropped, qint64(97));
    mirror.mirror->enqueue({{nextId++, spoolOf(temp.path(), big, 4096)}});
    QCOMPARE(mirror.mirror->backlog().messages, qsizetype(4));
    mirror.release();
    QTRY_COMPARE(mirror.failures.size(), 2);
    QVERIFY2(mirror.failures.at(1).contains(u"lagging: 7 messages not mirrored"_s),
             qPrintable(mirror.failures.at(1)));
    QTRY_COMPARE(newDir.entryList(QDir::Files).size(), 14);

    // After the burst, every message is mirrored again, and nothing more is reported.
    for (int i = 0; i < 5; ++i)
        mirror.mirror->enqueue({small()});
    QTRY_COMPARE(newDir.entryList(QDir::Files).size(), 19);
    QTRY_COMPARE(mirror.mirror->backlog().messages, 0);
    QCOMPARE(mirror.failures.size(), 2);
    QCOMPARE(mirror.mirror->backlog().dropped, qint64(97));
    QVERIFY(mirror.mirror->backlog().peakMessages <= limits.maxMessages);
    QVERIFY(mirror.mirror->backlog().peakBytes <= limits.maxBytes);
}

QTEST_GUILESS_MAIN(tst_MaildirMirror)
#include "tst_maildirmirror.moc"
