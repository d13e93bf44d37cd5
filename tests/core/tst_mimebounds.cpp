// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "mime/mimebounds.h"
#include "mimecorpus.h"

#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray multipart(int parts, const QByteArray &boundary = "b"_ba)
{
    QByteArray message = "From: a@example.com\r\nMIME-Version: 1.0\r\n"
                         "Content-Type: multipart/mixed; boundary=\""
                         + boundary + "\"\r\n\r\npreamble\r\n";
    for (int i = 0; i < parts; ++i)
        message += "--" + boundary + "\r\nContent-Type: text/plain\r\n\r\npart "
                   + QByteArray::number(i) + "\r\n";
    return message + "--" + boundary + "--\r\nepilogue\r\n";
}

QByteArray nested(int depth)
{
    QByteArray message =
        "From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n";
    for (int i = 1; i < depth; ++i)
        message += "--b" + QByteArray::number(i - 1)
                   + "\r\nContent-Type: multipart/mixed; "
                     "boundary=b"
                   + QByteArray::number(i) + "\r\n\r\n";
    message += "--b" + QByteArray::number(depth - 1) + "\r\n\r\nleaf\r\n";
    for (int i = depth - 1; i >= 0; --i)
        message += "--b" + QByteArray::number(i) + "--\r\n";
    return message;
}

} // namespace

class tst_MimeBounds : public QObject
{
    Q_OBJECT

private slots:
    void ordinaryMessagesAreNotCut();
    void partsBeyondTheLimitAreCut();
    void closedMultipartsDoNotCountAsOpen();
    void nestingBeyondTheLimitIsCutWholeAtItsPart();
    void attachedMessagesCountAsNesting();
    void headerFieldsBeyondTheLimitAreCut();
    void overlongFieldsAreShortened_data();
    void overlongFieldsAreShortened();
    void fieldsOfAPartLeftOutAreNotShortened();
    void offsetsPointIntoTheOriginal();
    void prefixesAreClosed_data();
    void prefixesAreClosed();
    void boundaryParameterForms_data();
    void boundaryParameterForms();
};

void tst_MimeBounds::ordinaryMessagesAreNotCut()
{
    for (const MimeCorpus::Sample &sample : MimeCorpus::all()) {
        if (QByteArrayView(sample.name) == "deeply-nested")
            continue; // 100 levels: built to be cut
        const MimeBounds bounds = MimeBounds::scan(sample.raw);
        QVERIFY2(!bounds.isCut(), sample.name);
        QCOMPARE(bounds.cutOffset, sample.raw.size());
        QCOMPARE(bounds.boundedMessage(sample.raw), sample.raw);
    }
    const QByteArray exactly = multipart(MimeBounds::kMaxParts);
    QVERIFY(!MimeBounds::scan(exactly).isCut());
    QVERIFY(!MimeBounds::scan(nested(MimeBounds::kMaxDepth)).isCut());
}

void tst_MimeBounds::partsBeyondTheLimitAreCut()
{
    const QByteArray message = multipart(MimeBounds::kMaxParts + 5);
    const MimeBounds bounds = MimeBounds::scan(message);
    QCOMPARE(bounds.limit, MimeBounds::Limit::Parts);
    // Cut at the delimiter line of the first part too many.
    const QByteArray tail = "--b\r\nContent-Type: text/plain\r\n\r\npart "_ba
                            + QByteArray::number(MimeBounds::kMaxParts) + "\r\n";
    QCOMPARE(message.indexOf(tail), bounds.cutOffset);
    QCOMPARE(bounds.openDelimiters, QList<QByteArray>{"--b"_ba});
    const QByteArray bounded = bounds.boundedMessage(message);
    QVERIFY(bounded.startsWith(message.first(bounds.cutOffset)));
    QVERIFY(bounded.endsWith("part 999\r\n--b--\r\n"));
    QCOMPARE(bounds.describe(), u"analysis stopped after 1000 MIME parts"_s);
}

void tst_MimeBounds::closedMultipartsDoNotCountAsOpen()
{
    // An inner multipart that closes leaves the outer one's delimiter as the only one open.
    QByteArray message = "Content-Type: multipart/mixed; boundary=outer\r\n\r\n"
                         "--outer\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n"
                         "--inner\r\n\r\na\r\n--inner\r\n\r\nb\r\n--inner--\r\n"_ba;
    for (int i = 0; i < MimeBounds::kMaxParts; ++i)
        message += "--outer\r\n\r\nx\r\n";
    message += "--outer--\r\n";
    const MimeBounds bounds = MimeBounds::scan(message);
    QCOMPARE(bounds.limit, MimeBounds::Limit::Parts);
    QCOMPARE(bounds.openDelimiters, QList<QByteArray>{"--outer"_ba});
}

void tst_MimeBounds::nestingBeyondTheLimitIsCutWholeAtItsPart()
{
    const QByteArray message = nested(1000);
    const MimeBounds bounds = MimeBounds::scan(message);
    QCOMPARE(bounds.limit, MimeBounds::Limit::Depth);
    QCOMPARE(bounds.openDelimiters.size(), MimeBounds::kMaxDepth);
    // The part that would open level 65 goes whole: the cut is at its delimiter line.
    const QByteArray delimiter = "--b" + QByteArray::number(MimeBounds::kMaxDepth - 1) + "\r\n";
    QCOMPARE(bounds.cutOffset, message.indexOf(delimiter));
    const QByteArray bounded = bounds.boundedMessage(message);
    QVERIFY(bounded.contains("boundary=b63\r\n\r\n--b63--\r\n--b62--\r\n"));
    QVERIFY(bounded.endsWith("--b1--\r\n--b0--\r\n"));
}

void tst_MimeBounds::attachedMessagesCountAsNesting()
{
    QByteArray message;
    for (int i = 0; i < 100; ++i)
        message +=
            "Subject: level " + QByteArray::number(i) + "\r\nContent-Type: message/rfc822\r\n\r\n";
    message += "Subject: innermost\r\n\r\nhello\r\n";
    const MimeBounds bounds = MimeBounds::scan(message);
    QCOMPARE(bounds.limit, MimeBounds::Limit::Depth);
    QVERIFY(bounds.openDelimiters.isEmpty());
    // The innermost 36 messages go; the 64 around them stay.
    QCOMPARE(bounds.cutOffset, message.indexOf("Subject: level 64\r\n"));
}

void tst_MimeBounds::headerFieldsBeyondTheLimitAreCut()
{
    QByteArray message = "From: a@example.com\r\n"_ba;
    for (int i = 0; i < MimeBounds::kMaxHeaderFields + 10; ++i)
        message += "X-Field: " + QByteArray::number(i) + "\r\n\tfolded\r\n";
    message += "\r\nbody\r\n";
    const MimeBounds bounds = MimeBounds::scan(message);
    QCOMPARE(bounds.limit, MimeBounds::Limit::HeaderFields);
    QCOMPARE(bounds.cutOffset,
             message.indexOf(QByteArray(
                 "X-Field: " + QByteArray::number(MimeBounds::kMaxHeaderFields - 1) + "\r\n")));
}

void tst_MimeBounds::overlongFieldsAreShortened_data()
{
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<QByteArray>("kept");
    constexpr qsizetype limit = MimeBounds::kMaxHeaderFieldBytes;

    const QByteArray line = "X-Long: "_ba + QByteArray(3 * limit, 'x');
    QTest::addRow("one-line") << line + "\r\n" << line.first(limit) + "\r\n";
    QTest::addRow("one-line-bare-lf") << line + "\n" << line.first(limit) + "\n";

    // Folded: whole lines up to the limit are kept, so no address is cut in two.
    const QByteArray folded =
        "To: "_ba + QByteArray("someone@example.com,\r\n ").repeated(3 * limit / 24) + "x@y";
    const qsizetype keptEnd = folded.lastIndexOf("\r\n", limit);
    QTest::addRow("folded") << folded + "\r\n" << folded.first(keptEnd) + "\r\n";

    // A long first line and short continuations: the first line's first bytes.
    const QByteArray longFirst = line + "\r\n short\r\n short";
    QTest::addRow("long-first-line") << longFirst + "\r\n" << line.first(limit) + "\r\n";

    const QByteArray exactly = "X-Exact: "_ba + QByteArray(limit - 9, 'x') + "\r\n";
    QTest::addRow("exactly-the-limit") << exactly << exactly;
}

void tst_MimeBounds::overlongFieldsAreShortened()
{
    QFETCH(QByteArray, field);
    QFETCH(QByteArray, kept);
    const QByteArray before = "From: a@example.com\r\nSubject: hi\r\n"_ba;
    const QByteArray after = "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                             "--b\r\nX-Part: "_ba
                             + QByteArray(2 * MimeBounds::kMaxHeaderFieldBytes, 'p')
                             + "\r\n\r\npart\r\n--b--\r\n";
    const QByteArray message = before + field + after;
    const MimeBounds bounds = MimeBounds::scan(message);
    QVERIFY(!bounds.isCut());
    const bool shortened = kept != field;
    // The part's own overlong field is shortened as well.
    QCOMPARE(bounds.shortenedFields.size(), shortened ? 2 : 1);

    const QByteArray partKept = "--b\r\nX-Part: "_ba
                                + QByteArray(MimeBounds::kMaxHeaderFieldBytes - 8, 'p')
                                + "\r\n\r\npart\r\n--b--\r\n";
    const QByteArray expected =
        before + kept + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"_ba + partKept;
    QCOMPARE(bounds.boundedMessage(message), expected);
    if (shortened) {
        QCOMPARE(bounds.shortenedFields.constFirst().name, field.first(field.indexOf(':')));
        QVERIFY2(bounds.describeShortening().contains(u"2 header fields analysed only in"_s),
                 qPrintable(bounds.describeShortening()));
    } else {
        QCOMPARE(bounds.describeShortening(),
                 u"header field X-Part analysed only in its first 256 KiB"_s);
    }
}

void tst_MimeBounds::fieldsOfAPartLeftOutAreNotShortened()
{
    // The overlong field sits in a part nested too deeply, which is left out whole: nothing
    // to shorten, and the note would name a field nobody is shown.
    QByteArray message = nested(MimeBounds::kMaxDepth + 1);
    const QByteArray deepest = "--b" + QByteArray::number(MimeBounds::kMaxDepth - 1) + "\r\n";
    const qsizetype at = message.indexOf(deepest) + deepest.size();
    message.insert(at, "X-Long: " + QByteArray(2 * MimeBounds::kMaxHeaderFieldBytes, 'x') + "\r\n");
    const MimeBounds bounds = MimeBounds::scan(message);
    QCOMPARE(bounds.limit, MimeBounds::Limit::Depth);
    QVERIFY(!bounds.isShortened());
    QVERIFY(bounds.describeShortening().isEmpty());
    QVERIFY(!bounds.boundedMessage(message).contains("X-Long"));
}

void tst_MimeBounds::offsetsPointIntoTheOriginal()
{
    constexpr qsizetype limit = MimeBounds::kMaxHeaderFieldBytes;
    const QByteArray message = "X-A: "_ba + QByteArray(2 * limit, 'a') + "\r\nX-B: "
                               + QByteArray(3 * limit, 'b') + "\r\nSubject: hi\r\n\r\nbody\r\n";
    const MimeBounds bounds = MimeBounds::scan(message);
    QCOMPARE(bounds.shortenedFields.size(), 2);
    const QByteArray bounded = bounds.boundedMessage(message);
    // Every byte kept maps back to the same byte in the original.
    for (const QByteArray &marker : {"X-A"_ba, "\r\nX-B"_ba, "Subject"_ba, "body"_ba}) {
        const qsizetype at = bounded.indexOf(marker);
        QVERIFY(at >= 0);
        QCOMPARE(bounds.originalOffset(at), message.indexOf(marker));
    }
    QCOMPARE(bounds.originalOffset(limit - 1), limit - 1);
    QCOMPARE(bounds.originalOffset(bounded.size()), message.size());
}

void tst_MimeBounds::prefixesAreClosed_data()
{
    QTest::addColumn<QByteArray>("prefix");
    QTest::addColumn<QByteArray>("bounded"); // empty: not cut

    const QByteArray top =
        "From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
        "--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n"_ba;
    QTest::addRow("inside-a-part-body")
        << top + "--b\r\nContent-Type: image/png\r\n\r\nAAAA\r\nAA"
        << top + "--b\r\nContent-Type: image/png\r\n\r\nAAAA\r\n--b--\r\n";
    // The header block is ended, so the parser sees an empty part, not a truncated one.
    QTest::addRow("inside-a-part-header-block")
        << top + "--b\r\nContent-Type: image/png\r\nContent-Dispo"
        << top + "--b\r\nContent-Type: image/png\r\n\r\n--b--\r\n";
    QTest::addRow("inside-the-top-header-block")
        << "From: a@example.com\r\nSubject: hi\r\nX-Long: xxx"_ba
        << "From: a@example.com\r\nSubject: hi\r\n\r\n"_ba;
    QTest::addRow("a-leaf-body-is-not-cut")
        << "From: a@example.com\r\n\r\nhello\r\nwor"_ba << QByteArray();
    QTest::addRow("closed-multipart-is-not-cut") << top + "--b--\r\nepilogue" << QByteArray();

    // An overlong folded field whose last line is cut short: shortened to whole lines, and the
    // part after the cut is no excision beyond it.
    const QByteArray line = "\r\n someone@example.com,"_ba;
    const QByteArray folded =
        "To: a@example.com," + line.repeated(MimeBounds::kMaxHeaderFieldBytes / 20);
    const qsizetype kept = folded.lastIndexOf("\r\n", MimeBounds::kMaxHeaderFieldBytes);
    QTest::addRow("inside-an-overlong-field")
        << "From: a@example.com\r\n" + folded + "\r\n some"
        << "From: a@example.com\r\n" + folded.first(kept) + "\r\n\r\n";
}

void tst_MimeBounds::prefixesAreClosed()
{
    QFETCH(QByteArray, prefix);
    QFETCH(QByteArray, bounded);
    const MimeBounds bounds = MimeBounds::scan(prefix, MimeBounds::Extent::Prefix);
    if (bounded.isEmpty()) {
        QVERIFY(!bounds.isCut());
        return;
    }
    QCOMPARE(bounds.limit, MimeBounds::Limit::Prefix);
    QCOMPARE(bounds.boundedMessage(prefix), bounded);
    // The reader of a prefix says so itself.
    QVERIFY(bounds.describe().isEmpty());
    // The same bytes as a whole message are not cut.
    QVERIFY(!MimeBounds::scan(prefix).isCut());
}

void tst_MimeBounds::boundaryParameterForms_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addRow("quoted") << "multipart/mixed; boundary=\"b\""_ba;
    QTest::addRow("token") << "multipart/mixed; boundary=b"_ba;
    QTest::addRow("upper-case") << "MULTIPART/MIXED; BOUNDARY=b"_ba;
    QTest::addRow("spaces") << "multipart/mixed ;  boundary = b ; charset=x"_ba;
    QTest::addRow("folded") << "multipart/mixed;\r\n\tboundary=\"b\""_ba;
    QTest::addRow("other-parameter-first")
        << "multipart/related; type=\"text/html\"; boundary=b"_ba;
}

void tst_MimeBounds::boundaryParameterForms()
{
    QFETCH(QByteArray, contentType);
    QByteArray message = "Content-Type: " + contentType + "\r\n\r\n";
    for (int i = 0; i <= MimeBounds::kMaxParts; ++i)
        message += "--b\r\n\r\nx\r\n";
    message += "--b--\r\n";
    QCOMPARE(MimeBounds::scan(message).limit, MimeBounds::Limit::Parts);
}

QTEST_GUILESS_MAIN(tst_MimeBounds)
#include "tst_mimebounds.moc"
