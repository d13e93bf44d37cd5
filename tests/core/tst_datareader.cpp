// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtp/datareader.h"
#include "store/messagespool.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Outcome
{
    QByteArray stored;
    qsizetype consumed = 0;
    bool finished = false;
    bool oversized = false;
    qint64 size = 0;
    bool feedContractKept = true; ///< all bytes taken before the end, none after it
};

// Feeds `input` to a fresh reader in pieces that end at each of `cuts` (ascending offsets).
Outcome run(const QString &spoolDirectory, QByteArrayView input, qint64 maxSize,
            const QList<qsizetype> &cuts)
{
    MessageSpool spool(spoolDirectory);
    DataReader reader(&spool, maxSize);
    Outcome outcome;
    qsizetype from = 0;
    for (const qsizetype cut : cuts) {
        const QByteArrayView piece = input.sliced(from, cut - from);
        const qsizetype taken = reader.feed(piece);
        // Before the end, every byte is the message's; after it, none is.
        if ((!reader.isFinished() && taken != piece.size()) || (outcome.finished && taken != 0))
            outcome.feedContractKept = false;
        outcome.consumed += taken;
        outcome.finished = reader.isFinished();
        from = cut;
    }
    outcome.stored = spool.readAll();
    outcome.oversized = reader.isOversized();
    outcome.size = reader.size();
    return outcome;
}

} // namespace

/// DataReader: end-of-data detection and dot-unstuffing (RFC 5321 §4.1.1.4, §4.5.2), with
/// every input also fed split at every position, so state carried across chunks is checked.
class TestDataReader final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_spoolDirectory.isValid()); }

    void feed_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<qint64>("maxSize");
        QTest::addColumn<QByteArray>("stored");
        QTest::addColumn<qsizetype>("consumed");
        QTest::addColumn<bool>("finished");
        QTest::addColumn<bool>("oversized");

        QTest::addRow("simple") << "Subject: hi\r\n\r\nbody\r\n.\r\n"_ba << qint64(0)
                                << "Subject: hi\r\n\r\nbody\r\n"_ba << qsizetype(24) << true
                                << false;
        QTest::addRow("empty-message")
            << ".\r\n"_ba << qint64(0) << ""_ba << qsizetype(3) << true << false;
        QTest::addRow("dot-stuffed-first-line")
            << "..x\r\n.\r\n"_ba << qint64(0) << ".x\r\n"_ba << qsizetype(8) << true << false;
        QTest::addRow("dot-stuffed-later-line")
            << "a\r\n..b\r\n.\r\n"_ba << qint64(0) << "a\r\n.b\r\n"_ba << qsizetype(11) << true
            << false;
        QTest::addRow("line-of-two-dots") << "a\r\n..\r\n.\r\n"_ba << qint64(0) << "a\r\n.\r\n"_ba
                                          << qsizetype(10) << true << false;
        QTest::addRow("line-of-three-dots")
            << "...\r\n.\r\n"_ba << qint64(0) << "..\r\n"_ba << qsizetype(8) << true << false;
        QTest::addRow("dot-inside-line")
            << "a.b\r\n.\r\n"_ba << qint64(0) << "a.b\r\n"_ba << qsizetype(8) << true << false;
        QTest::addRow("dot-at-end-of-line")
            << "abc.\r\n.\r\n"_ba << qint64(0) << "abc.\r\n"_ba << qsizetype(9) << true << false;
        // RFC 5321 §4.5.2: a leading dot with other characters on the line is removed, and a
        // bare LF is such a character, not a line end.
        QTest::addRow("dot-bare-lf-at-line-start")
            << ".\nx\r\n.\r\n"_ba << qint64(0) << "\nx\r\n"_ba << qsizetype(8) << true << false;
        QTest::addRow("dot-bare-lf-after-crlf")
            << "a\r\n.\nb\r\n.\r\n"_ba << qint64(0) << "a\r\n\nb\r\n"_ba << qsizetype(11) << true
            << false;
        // SMTP smuggling: only <CRLF>.<CRLF> ends the data.
        QTest::addRow("lf-dot-lf-does-not-end")
            << "a\n.\nb\r\n.\r\n"_ba << qint64(0) << "a\n.\nb\r\n"_ba << qsizetype(10) << true
            << false;
        QTest::addRow("lf-dot-crlf-does-not-end")
            << "a\n.\r\nb\r\n.\r\n"_ba << qint64(0) << "a\n.\r\nb\r\n"_ba << qsizetype(11) << true
            << false;
        QTest::addRow("cr-dot-cr-does-not-end")
            << "a\r.\rb\r\n.\r\n"_ba << qint64(0) << "a\r.\rb\r\n"_ba << qsizetype(10) << true
            << false;
        QTest::addRow("cr-dot-crlf-does-not-end")
            << "a\r.\r\nb\r\n.\r\n"_ba << qint64(0) << "a\r.\r\nb\r\n"_ba << qsizetype(11) << true
            << false;
        QTest::addRow("crlf-dot-lf-does-not-end")
            << "a\r\n.\nb"_ba << qint64(0) << "a\r\n\nb"_ba << qsizetype(6) << false << false;
        QTest::addRow("only-lf-dot-lf")
            << "\n.\n"_ba << qint64(0) << "\n.\n"_ba << qsizetype(3) << false << false;
        QTest::addRow("dot-cr-then-text") << "x\r\n.\rx\r\n.\r\n"_ba << qint64(0)
                                          << "x\r\n\rx\r\n"_ba << qsizetype(11) << true << false;
        QTest::addRow("dot-cr-cr-lf") << "x\r\n.\r\r\n.\r\n"_ba << qint64(0) << "x\r\n\r\r\n"_ba
                                      << qsizetype(10) << true << false;
        QTest::addRow("crlf-crlf-dot")
            << "a\r\n\r\n.\r\n"_ba << qint64(0) << "a\r\n\r\n"_ba << qsizetype(8) << true << false;
        QTest::addRow("cr-cr-lf-dot")
            << "a\r\r\n.\r\n"_ba << qint64(0) << "a\r\r\n"_ba << qsizetype(7) << true << false;
        QTest::addRow("pipelined-quit-not-consumed")
            << "a\r\n.\r\nQUIT\r\n"_ba << qint64(0) << "a\r\n"_ba << qsizetype(6) << true << false;
        QTest::addRow("pipelined-after-empty-message")
            << ".\r\nRSET\r\n"_ba << qint64(0) << ""_ba << qsizetype(3) << true << false;
        QTest::addRow("pipelined-second-terminator")
            << "a\r\n.\r\n.\r\n"_ba << qint64(0) << "a\r\n"_ba << qsizetype(6) << true << false;
        QTest::addRow("no-terminator-yet")
            << "a\r\nb"_ba << qint64(0) << "a\r\nb"_ba << qsizetype(4) << false << false;
        QTest::addRow("held-dot") << "a\r\n."_ba << qint64(0) << "a\r\n"_ba << qsizetype(4) << false
                                  << false;
        QTest::addRow("held-dot-cr")
            << "a\r\n.\r"_ba << qint64(0) << "a\r\n"_ba << qsizetype(5) << false << false;
        QTest::addRow("binary-bytes") << "\x00\xff\x80\r\n.\r\n"_ba << qint64(0)
                                      << "\x00\xff\x80\r\n"_ba << qsizetype(8) << true << false;
        QTest::addRow("empty-input")
            << ""_ba << qint64(0) << ""_ba << qsizetype(0) << false << false;
        // Size limits count the unstuffed octets (RFC 1870 §4: the message as delivered).
        QTest::addRow("size-exactly-max") << "0123456789\r\n.\r\n"_ba << qint64(12)
                                          << "0123456789\r\n"_ba << qsizetype(15) << true << false;
        QTest::addRow("size-one-over-max") << "0123456789\r\n.\r\n"_ba << qint64(11)
                                           << "0123456789\r\n"_ba << qsizetype(15) << true << true;
        QTest::addRow("size-stuffing-dot-not-counted")
            << "..2345678\r\n.\r\n"_ba << qint64(10) << ".2345678\r\n"_ba << qsizetype(14) << true
            << false;
        QTest::addRow("size-stuffed-one-over-max")
            << "..2345678\r\n.\r\n"_ba << qint64(9) << ".2345678\r\n"_ba << qsizetype(14) << true
            << true;
        QTest::addRow("oversized-then-pipelined")
            << "0123456789\r\n.\r\nQUIT\r\n"_ba << qint64(5) << "0123456789\r\n"_ba << qsizetype(15)
            << true << true;
        QTest::addRow("oversized-smuggled-terminator-ignored")
            << "0123456789\n.\nMAIL FROM:<x@y>\r\n.\r\n"_ba << qint64(5)
            << "0123456789\n.\nMAIL FROM:<x@y>\r\n"_ba << qsizetype(33) << true << true;
    }

    void feed()
    {
        QFETCH(QByteArray, input);
        QFETCH(qint64, maxSize);
        QFETCH(QByteArray, stored);
        QFETCH(qsizetype, consumed);
        QFETCH(bool, finished);
        QFETCH(bool, oversized);

        // The expectation in `stored` is the whole message; when it is over the limit only a
        // prefix within the limit may reach the spool, depending on how the input was chunked.
        const auto check = [&](const Outcome &outcome, const QByteArray &how) {
            const QByteArray where = "fed " + how;
            QVERIFY2(outcome.feedContractKept, where.constData());
            QVERIFY2(outcome.consumed == consumed, where.constData());
            QVERIFY2(outcome.finished == finished, where.constData());
            QVERIFY2(outcome.oversized == oversized, where.constData());
            QVERIFY2(outcome.size == stored.size(), where.constData());
            if (oversized) {
                QVERIFY2(outcome.stored.size() <= maxSize, where.constData());
                QVERIFY2(stored.startsWith(outcome.stored), where.constData());
            } else {
                QVERIFY2(outcome.stored == stored,
                         QByteArray(where + ": " + outcome.stored.toHex(' ')).constData());
            }
        };

        const QString directory = m_spoolDirectory.path();
        const qsizetype n = input.size();
        check(run(directory, input, maxSize, {n}), "whole"_ba);
        if (QTest::currentTestFailed())
            return;
        for (qsizetype split = 0; split <= n; ++split) {
            check(run(directory, input, maxSize, {split, n}),
                  "in two pieces split at " + QByteArray::number(split));
            if (QTest::currentTestFailed())
                return;
        }
        QList<qsizetype> bytewise;
        for (qsizetype i = 1; i <= n; ++i)
            bytewise.append(i);
        check(run(directory, input, maxSize, bytewise), "one byte at a time"_ba);
        if (QTest::currentTestFailed())
            return;
        // Three pieces, every pair of split points: catches state held over two boundaries.
        for (qsizetype first = 0; first <= n; ++first) {
            for (qsizetype second = first; second <= n; ++second) {
                check(run(directory, input, maxSize, {first, second, n}),
                      "in three pieces split at " + QByteArray::number(first) + " and "
                          + QByteArray::number(second));
                if (QTest::currentTestFailed())
                    return;
            }
        }
    }

    void feedAfterFinishTakesNothing()
    {
        MessageSpool spool(m_spoolDirectory.path());
        DataReader reader(&spool, 0);
        QCOMPARE(reader.feed("a\r\n.\r\n"_ba), 6);
        QVERIFY(reader.isFinished());
        QCOMPARE(reader.feed("more\r\n.\r\n"_ba), 0);
        QCOMPARE(spool.readAll(), "a\r\n"_ba);
    }

    void largeMessageSpoolsToDisk()
    {
        // 8 MiB of random lines, stuffed by an independent encoder, through a spool that may
        // keep only 1 MiB in memory.
        QRandomGenerator random(8'388'608u);
        static constexpr qsizetype kTarget = 8 * 1024 * 1024;
        static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789 .:<>@\t";
        QByteArray content;
        QByteArray wire;
        content.reserve(kTarget + 4096);
        wire.reserve(kTarget + 1024 * 1024);
        QByteArray line;
        while (content.size() < kTarget) {
            line.clear();
            if (random.bounded(8) == 0)
                line += '.';
            const int length = random.bounded(200);
            for (int i = 0; i < length; ++i) {
                const int kind = random.bounded(64);
                if (kind == 0 && (line.isEmpty() || line.back() != '\r'))
                    line += '\n'; // a bare LF, never right after a CR
                else if (kind == 1)
                    line += '\r'; // a bare CR unless a LF follows, which the next line avoids
                else if (kind == 2)
                    line += char(0x80 + random.bounded(0x80));
                else
                    line += kAlphabet[random.bounded(int(sizeof kAlphabet) - 1)];
            }
            while (line.endsWith('\r'))
                line.chop(1); // "x\r" + "\r\n" is still one line, but keep the lines plain
            content += line + "\r\n";
            // RFC 5321 §4.5.2: a line that starts with "." gets one more.
            if (line.startsWith('.'))
                wire += '.';
            wire += line + "\r\n";
        }
        wire += ".\r\nQUIT\r\n";

        MessageSpool spool(m_spoolDirectory.path(), 1024 * 1024);
        DataReader reader(&spool, 0);
        qsizetype consumed = 0;
        qsizetype offset = 0;
        while (offset < wire.size() && !reader.isFinished()) {
            const qsizetype chunk =
                qMin<qsizetype>(1 + random.bounded(65536), wire.size() - offset);
            consumed += reader.feed(QByteArrayView(wire).sliced(offset, chunk));
            offset += chunk;
        }
        QVERIFY(reader.isFinished());
        QVERIFY(!reader.isOversized());
        QVERIFY(!reader.hasSinkError());
        QCOMPARE(consumed, wire.size() - qsizetype(6));
        QCOMPARE(reader.size(), content.size());
        QVERIFY(!spool.isInMemory());
        QCOMPARE(spool.size(), content.size());
        const QByteArray readBack = spool.readAll();
        QCOMPARE(readBack.size(), content.size());
        QVERIFY(readBack == content);
    }

private:
    QTemporaryDir m_spoolDirectory;
};

QTEST_GUILESS_MAIN(TestDataReader)
#include "tst_datareader.moc"
