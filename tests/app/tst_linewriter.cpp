// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "linewriter.h"

#include <QElapsedTimer>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace {

QByteArray droppedLine(quint64 count)
{
    return "dropped " + QByteArray::number(count);
}

// Everything the pipe gives until `until` has arrived or the deadline passes.
QByteArray readUntil(int fd, const QByteArray &until, int timeoutMs = 20000)
{
    QByteArray data;
    QElapsedTimer timer;
    timer.start();
    while (!data.contains(until) && timer.elapsed() < timeoutMs) {
        pollfd descriptor{fd, POLLIN, 0};
        if (::poll(&descriptor, 1, int(timeoutMs - timer.elapsed())) <= 0)
            continue;
        char buffer[65536];
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got <= 0)
            break;
        data.append(buffer, got);
    }
    return data;
}

} // namespace

/// LineWriter: a reader that stops reading costs lines, counted, never the poster's time.
class TestLineWriter final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // The reader goes away in one test; write(2) then fails with EPIPE, as in letterbox.
        std::signal(SIGPIPE, SIG_IGN);
    }

    void init() { QCOMPARE(::pipe2(m_pipe, O_CLOEXEC), 0); }

    void cleanup()
    {
        if (m_pipe[0] >= 0)
            ::close(m_pipe[0]);
        // The write end stays open: a writer abandoned by a test may still be in write(2).
        m_pipe[0] = m_pipe[1] = -1;
    }

    void linesArriveInOrder()
    {
        LineWriter writer(m_pipe[1], droppedLine);
        for (int i = 0; i < 1000; ++i)
            QVERIFY(writer.post("line " + QByteArray::number(i)));
        const QByteArray data = readUntil(m_pipe[0], "line 999\n");
        QByteArray expected;
        for (int i = 0; i < 1000; ++i)
            expected += "line " + QByteArray::number(i) + '\n';
        QCOMPARE(data, expected);
        QCOMPARE(writer.finish(std::chrono::seconds(2)), 0u);
    }

    void fullQueueDropsAndCountsThenReports()
    {
        LineWriter writer(m_pipe[1], droppedLine);
        // Nobody reads: the pipe fills, then the queue, then lines are dropped.
        int accepted = 0;
        QElapsedTimer timer;
        timer.start();
        while (writer.post("line " + QByteArray::number(accepted))) {
            ++accepted;
            QVERIFY2(accepted < 10 * LineWriter::kMaxQueuedLines, "nothing was ever dropped");
        }
        QVERIFY(accepted >= LineWriter::kMaxQueuedLines);
        // Once dropping, the rest are dropped until the writer catches up, even lines that fit.
        for (int i = 0; i < 4; ++i)
            QVERIFY(!writer.post("x"));
        QVERIFY2(timer.elapsed() < 10000, "post() waited for the reader");

        const QByteArray data = readUntil(m_pipe[0], "dropped 5\n");
        QByteArray expected;
        for (int i = 0; i < accepted; ++i)
            expected += "line " + QByteArray::number(i) + '\n';
        QCOMPARE(data, expected + "dropped 5\n");

        // Caught up: lines are taken again.
        QVERIFY(writer.post("after"));
        QCOMPARE(readUntil(m_pipe[0], "after\n"), QByteArray("after\n"));
        QCOMPARE(writer.finish(std::chrono::seconds(2)), 5u);
    }

    void byteLimit()
    {
        LineWriter writer(m_pipe[1], droppedLine);
        QVERIFY(!writer.post(QByteArray(LineWriter::kMaxQueuedBytes, 'a')));
        QCOMPARE(readUntil(m_pipe[0], "dropped 1\n"), QByteArray("dropped 1\n"));
        // Bigger than the pipe, and nobody reads: lost too, though it was not dropped.
        QVERIFY(writer.post(QByteArray(LineWriter::kMaxQueuedBytes / 2, 'b')));
        QCOMPARE(writer.finish(std::chrono::milliseconds(200)), 2u);
    }

    void finishDoesNotWaitForABlockedReader()
    {
        LineWriter writer(m_pipe[1], droppedLine);
        int accepted = 0;
        while (writer.post("line " + QByteArray::number(accepted)))
            ++accepted;
        QElapsedTimer timer;
        timer.start();
        const quint64 lost = writer.finish(std::chrono::milliseconds(200));
        QVERIFY2(timer.elapsed() < 5000, "finish() waited for the blocked write");
        // The one dropped line and what was still queued.
        QVERIFY2(lost > 1,
                 QByteArray(QByteArray::number(lost) + " lost of " + QByteArray::number(accepted))
                     .constData());
        // The abandoned writer ends when its write(2) fails.
        ::close(m_pipe[0]);
        m_pipe[0] = -1;
    }

    void readerGoneIsNotFatal()
    {
        ::close(m_pipe[0]);
        m_pipe[0] = -1;
        LineWriter writer(m_pipe[1], droppedLine);
        for (int i = 0; i < 100; ++i)
            writer.post("line");
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(writer.finish(std::chrono::seconds(5)), 0u);
        QVERIFY(timer.elapsed() < 5000);
    }

private:
    int m_pipe[2] = {-1, -1};
};

QTEST_APPLESS_MAIN(TestLineWriter)
#include "tst_linewriter.moc"
