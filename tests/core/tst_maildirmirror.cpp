// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "store/maildirmirror.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
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
    QVERIFY2(MaildirMirror::prepare(maildir, &error), qPrintable(error));
    for (const QString &sub : {u"tmp"_s, u"new"_s, u"cur"_s}) {
        const std::filesystem::path path(
            QFile::encodeName(QDir(maildir).filePath(sub)).toStdString());
        QVERIFY(std::filesystem::is_directory(path));
        QCOMPARE(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
                 std::filesystem::perms::owner_all);
    }
    // An existing Maildir is fine as it is.
    QVERIFY2(MaildirMirror::prepare(maildir, &error), qPrintable(error));
}

void tst_MaildirMirror::prepareFailsUnderARegularFile()
{
    QTemporaryDir temp;
    QFile file(temp.filePath(u"plain-file"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QString error;
    QVERIFY(!MaildirMirror::prepare(temp.filePath(u"plain-file/maildir"_s), &error));
    QVERIFY2(error.contains(u"cannot be used"_s), qPrintable(error));
    QVERIFY2(error.contains(u"plain-file/maildir"_s), qPrintable(error));
}

void tst_MaildirMirror::writesExactBytesThroughTmpIntoNew()
{
    QTemporaryDir temp;
    const QString maildir = temp.filePath(u"maildir"_s);
    QString error;
    QVERIFY(MaildirMirror::prepare(maildir, &error));

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
    QVERIFY(MaildirMirror::prepare(maildir, &error));
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
    QVERIFY(MaildirMirror::prepare(maildir, &error));
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

QTEST_GUILESS_MAIN(tst_MaildirMirror)
#include "tst_maildirmirror.moc"
