// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtp/sessiontrace.h"
#include "store/tracebacklog.h"

#include <QSignalSpy>
#include <QTest>

#include <vector>

using namespace Qt::StringLiterals;

namespace {

ProtocolLine line(qsizetype bytes)
{
    ProtocolLine line;
    line.direction = Direction::ClientToServer;
    line.bytes = QByteArray(bytes, 'x');
    return line;
}

} // namespace

/// The cost accounting of a session's stored trace: the cap, the note at the cut, the flushes.
class TestSessionTrace final : public QObject
{
    Q_OBJECT

private slots:
    void wireLinesSplitMultiLineReplies_data()
    {
        QTest::addColumn<int>("direction");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qsizetype>("truncated");
        QTest::addColumn<QList<QByteArray>>("expected");
        QTest::addColumn<qsizetype>("lastTruncated");
        const int server = int(Direction::ServerToClient);
        QTest::addRow("single-line-reply") << server << "250 Ok\r\n"_ba << qsizetype(0)
                                           << QList<QByteArray>{"250 Ok\r\n"} << qsizetype(0);
        QTest::addRow("ehlo-reply")
            << server << "250-mx Hello\r\n250-SIZE 10\r\n250 HELP\r\n"_ba << qsizetype(0)
            << QList<QByteArray>{"250-mx Hello\r\n", "250-SIZE 10\r\n", "250 HELP\r\n"}
            << qsizetype(0);
        // A cut reply keeps its unfinished last line, and the count of what was cut.
        QTest::addRow("cut-reply") << server << "250-a\r\n250-b"_ba << qsizetype(40)
                                   << QList<QByteArray>{"250-a\r\n", "250-b"} << qsizetype(40);
        // A bare LF is not a line end on the wire (RFC 5321 §2.3.8): it stays visible.
        QTest::addRow("bare-lf") << server << "250-a\n250 b\r\n"_ba << qsizetype(0)
                                 << QList<QByteArray>{"250-a\n250 b\r\n"} << qsizetype(0);
        QTest::addRow("client-line-untouched")
            << int(Direction::ClientToServer) << "DATA\r\nX\r\n"_ba << qsizetype(0)
            << QList<QByteArray>{"DATA\r\nX\r\n"} << qsizetype(0);
    }

    void wireLinesSplitMultiLineReplies()
    {
        QFETCH(int, direction);
        QFETCH(QByteArray, bytes);
        QFETCH(qsizetype, truncated);
        QFETCH(QList<QByteArray>, expected);
        QFETCH(qsizetype, lastTruncated);
        ProtocolLine line;
        line.sessionId = 7;
        line.direction = Direction(direction);
        line.bytes = bytes;
        line.truncatedBytes = truncated;
        const QList<ProtocolLine> wire = line.wireLines();
        QList<QByteArray> got;
        for (const ProtocolLine &piece : wire) {
            got.append(piece.bytes);
            QCOMPARE(piece.sessionId, quint64(7));
            QVERIFY(piece.direction == line.direction);
        }
        QCOMPARE(got, expected);
        QCOMPARE(wire.last().truncatedBytes, lastTruncated);
    }

    void lineCountCountsStoredLines()
    {
        SessionTrace trace;
        trace.append(line(10));
        trace.append(line(10));
        QCOMPARE(trace.lineCount(), 2);
        (void)trace.take();
        trace.append(line(10));
        QCOMPARE(trace.lineCount(), 3);
        // Over the cap: one note, then nothing more is counted.
        trace.append(line(SessionTrace::kMaxBytes));
        trace.append(line(10));
        QCOMPARE(trace.lineCount(), 4);
    }

    void keepsLinesUntilTaken()
    {
        SessionTrace trace;
        trace.append(line(10));
        trace.append(line(20));
        QCOMPARE(trace.totalCost(), 30 + 2 * SessionTrace::kLineOverhead);
        const QList<ProtocolLine> lines = trace.take();
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(1).bytes.size(), 20);
        QVERIFY(trace.take().isEmpty());
    }

    void capCountsTheOverheadOfShortLines()
    {
        // Empty lines cost only their overhead; the cap must still stop them.
        SessionTrace trace;
        const qsizetype fits = SessionTrace::kMaxBytes / SessionTrace::kLineOverhead;
        for (qsizetype i = 0; i < fits + 100; ++i)
            trace.append(line(0));
        const QList<ProtocolLine> lines = trace.take();
        QCOMPARE(lines.size(), fits + 1);
        QVERIFY(trace.isCapped());
        QVERIFY(trace.totalCost() <= SessionTrace::kMaxBytes);
    }

    void noteMarksTheCutOnce()
    {
        SessionTrace trace;
        trace.append(line(SessionTrace::kMaxBytes - SessionTrace::kLineOverhead));
        QVERIFY(!trace.isCapped());
        ProtocolLine secret = line(5);
        secret.revealedBytes = "clear text"_ba;
        trace.append(secret);
        trace.append(line(5));
        const QList<ProtocolLine> lines = trace.take();
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.last().direction == Direction::Note);
        QCOMPARE(lines.last().bytes, "trace limit reached; further lines are not stored"_ba);
        QVERIFY(lines.last().revealedBytes.isEmpty());
    }

    void flushesEveryFlushBytes()
    {
        QList<QList<ProtocolLine>> flushed;
        SessionTrace trace([&flushed](QList<ProtocolLine> lines) { flushed.append(lines); });
        const qsizetype size = 1000;
        const qsizetype perFlush =
            (SessionTrace::kFlushBytes + size + SessionTrace::kLineOverhead - 1)
            / (size + SessionTrace::kLineOverhead);
        for (qsizetype i = 0; i < 3 * perFlush; ++i)
            trace.append(line(size));
        QCOMPARE(flushed.size(), 3);
        for (const QList<ProtocolLine> &batch : flushed)
            QCOMPARE(batch.size(), perFlush);
        QVERIFY(trace.take().isEmpty());
    }

    void flushedLinesStillCountTowardsTheCap()
    {
        qsizetype flushedLines = 0;
        SessionTrace trace(
            [&flushedLines](QList<ProtocolLine> lines) { flushedLines += lines.size(); });
        for (int i = 0; i < 2000; ++i)
            trace.append(line(1000));
        QVERIFY(trace.isCapped());
        QVERIFY(flushedLines * (1000 + SessionTrace::kLineOverhead) <= SessionTrace::kMaxBytes);
    }

    void backlogWakesThoseItTurnedAwayOnce()
    {
        TraceBacklog backlog(1000);
        QSignalSpy drained(&backlog, &TraceBacklog::drained);
        std::vector<TraceBacklog::Ticket> held;
        held.push_back(backlog.admit(600));
        held.push_back(backlog.admit(600));
        QCOMPARE(backlog.bytes(), 1200);
        // Nobody was turned away: writing it down wakes nobody.
        held.pop_back();
        QCOMPARE(backlog.bytes(), 600);
        QCOMPARE(drained.size(), 0);
        QVERIFY(!backlog.isFull());

        held.push_back(backlog.admit(600));
        QVERIFY(backlog.isFull());
        QVERIFY(backlog.isFull()); // two sessions turned away, one wake-up for both
        TraceBacklog::Ticket moved = std::move(held.back());
        held.pop_back();
        QCOMPARE(backlog.bytes(), 1200); // a moved ticket still holds its bytes
        moved = {};
        QCOMPARE(backlog.bytes(), 600);
        QCOMPARE(drained.size(), 0); // above half the limit: not yet
        held.clear();
        QCOMPARE(backlog.bytes(), 0);
        QCOMPARE(drained.size(), 1);
        QVERIFY(!backlog.isFull());
    }
};

QTEST_GUILESS_MAIN(TestSessionTrace)
#include "tst_sessiontrace.moc"
