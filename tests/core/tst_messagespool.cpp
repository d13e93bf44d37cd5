// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "store/messagespool.h"

#include <QDir>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestMessageSpool final : public QObject
{
    Q_OBJECT

private slots:
    void smallMessagesStayInMemory()
    {
        MessageSpool spool(QDir::tempPath(), 64);
        QVERIFY(spool.append("hello "_ba));
        QVERIFY(spool.append("world"_ba));
        QVERIFY(spool.isInMemory());
        QCOMPARE(spool.size(), 11);
        QCOMPARE(spool.readAll(), "hello world"_ba);
        QCOMPARE(spool.head(5), "hello"_ba);
    }

    void passingTheLimitMovesToAnUnlinkedFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        MessageSpool spool(dir.path(), 1024);
        QByteArray expected;
        QRandomGenerator random(42);
        for (int i = 0; i < 100; ++i) {
            QByteArray chunk(int(random.bounded(1, 500)), Qt::Uninitialized);
            for (char &c : chunk)
                c = char(random.bounded(256));
            expected += chunk;
            QVERIFY(spool.append(chunk));
        }
        QVERIFY(!spool.isInMemory());
        QVERIFY(spool.memory().isEmpty()); // nothing kept in RAM once on disk
        QCOMPARE(spool.size(), expected.size());
        QCOMPARE(spool.readAll(), expected);
        QCOMPARE(spool.head(100), expected.left(100));
        // The file has no name: nothing is left behind in the spool directory.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList());
        QByteArray chunked;
        QVERIFY(spool.readChunks(
            [&chunked](QByteArrayView chunk) {
                chunked += chunk;
                return chunked.size() < 10'000'000;
            },
            333));
        QCOMPARE(chunked, expected);
    }

    void unwritableSpoolDirectoryIsAnError()
    {
        MessageSpool spool(u"/nonexistent/letterbox-spool"_s, 4);
        QVERIFY(spool.append("abc"_ba));
        const Result<void> appended = spool.append("defgh"_ba);
        QVERIFY(!appended);
        QCOMPARE(appended.error().code, ErrorCode::FileUnwritable);
        QCOMPARE(appended.error().field, u"/nonexistent/letterbox-spool"_s);
        QVERIFY(!appended.error().message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMessageSpool)
#include "tst_messagespool.moc"
