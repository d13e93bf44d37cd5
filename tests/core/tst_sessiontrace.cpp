// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtp/sessiontrace.h"

#include <QTest>

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
};

QTEST_GUILESS_MAIN(TestSessionTrace)
#include "tst_sessiontrace.moc"
