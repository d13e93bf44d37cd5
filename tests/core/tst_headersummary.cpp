// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "store/headersummary.h"

#include <QThread>
#include <QtTest>

#include <atomic>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

class tst_HeaderSummary final : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void textFromBytes_data();
    void textFromBytes();
    void onlyTheGivenBytesAreRead();
    void hostileEncodedWordsAreSurvived();
    void parsesInParallel();
};

void tst_HeaderSummary::parse_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("cc");
    QTest::addColumn<QString>("date");
    QTest::addColumn<QString>("messageId");
    QTest::addColumn<qsizetype>("bodyOffset");

    const QString none; // null: the header is missing

    const QByteArray all = "Received: from client.test by letterbox\r\n\tfor <c@d.test>; now\r\n"
                           "Subject: Hello\r\nFrom: Alice <a@b.test>\r\nTo: c@d.test\r\n"
                           "Cc: e@f.test, g@h.test\r\nDate: Thu, 1 Jan 2026 10:00:00 +0000\r\n"
                           "Message-ID: <1@b.test>\r\n\r\nbody\r\n"_ba;
    QTest::addRow("all-fields") << all << u"Hello"_s << u"Alice <a@b.test>"_s << u"c@d.test"_s
                                << u"e@f.test, g@h.test"_s << u"Thu, 1 Jan 2026 10:00:00 +0000"_s
                                << u"<1@b.test>"_s << all.indexOf("body");

    const QByteArray folded = "Subject: Hello\r\n  folded\r\n\tworld\r\nTo: x@y.test\r\n\r\n"_ba;
    QTest::addRow("folded-subject") << folded << u"Hello  folded\tworld"_s << none << u"x@y.test"_s
                                    << none << none << none << folded.size();

    QTest::addRow("q-utf8") << "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_Z=C3=BCrich?=\r\n\r\n"_ba
                            << u"Grüße aus Zürich"_s << none << none << none << none << none
                            << qsizetype(56);
    QTest::addRow("b-utf8") << "Subject: =?utf-8?B?R3LDvMOfZQ==?=\r\n\r\n"_ba << u"Grüße"_s << none
                            << none << none << none << none << qsizetype(37);
    QTest::addRow("q-latin1") << "Subject: =?ISO-8859-1?Q?Gr=FC=DFe?=\r\n\r\n"_ba << u"Grüße"_s
                              << none << none << none << none << none << qsizetype(39);
    QTest::addRow("b-latin1") << "Subject: =?iso-8859-1?b?R3L832U=?=\r\n\r\n"_ba << u"Grüße"_s
                              << none << none << none << none << none << qsizetype(38);
    QTest::addRow("folded-encoded-words")
        << "Subject: =?UTF-8?B?w5xuw69jw7Zkw6kgd8O2cmxkIOKckw==?=\r\n =?UTF-8?Q?_again?=\r\n\r\n"_ba
        << u"Ünïcödé wörld ✓ again"_s << none << none << none << none << none << qsizetype(78);
    QTest::addRow("encoded-from-and-to")
        << "From: =?UTF-8?Q?J=C3=BCrgen?= <j@x.test>\r\nTo: =?ISO-8859-1?Q?Ren=E9?= <r@y.test>\r\n"_ba
        << none << u"Jürgen <j@x.test>"_s << u"René <r@y.test>"_s << none << none << none
        << qsizetype(-1);
    QTest::addRow("missing-headers") << "X-Mailer: test\r\n\r\nSubject: in the body\r\n"_ba << none
                                     << none << none << none << none << none << qsizetype(18);
    QTest::addRow("empty-subject")
        << "Subject:\r\nFrom: a@b.test\r\n\r\n"_ba << u""_s << u"a@b.test"_s << none << none << none
        << none << qsizetype(28);
    QTest::addRow("bare-lf") << "Subject: Hi\nFrom: a@b.test\n\nbody\n"_ba << u"Hi"_s
                             << u"a@b.test"_s << none << none << none << none << qsizetype(28);
    QTest::addRow("bare-lf-folding") << "Subject: one\n two\n\n"_ba << u"one two"_s << none << none
                                     << none << none << none << qsizetype(19);
    QTest::addRow("no-body") << "Subject: only headers\r\nFrom: a@b.test\r\n"_ba
                             << u"only headers"_s << u"a@b.test"_s << none << none << none << none
                             << qsizetype(-1);
    QTest::addRow("no-final-newline")
        << "Subject: cut"_ba << u"cut"_s << none << none << none << none << none << qsizetype(-1);
    QTest::addRow("raw-utf8-subject") << "Subject: Grüße ✓\r\n\r\n"_ba << u"Grüße ✓"_s << none
                                      << none << none << none << none << qsizetype(24);
    QTest::addRow("raw-latin1-subject")
        << "Subject: Gr\xfc\xdf"
           "e\r\n\r\n"_ba
        << u"Grüße"_s << none << none << none << none << none << qsizetype(18);
    QTest::addRow("raw-utf8-around-encoded-word")
        << "Subject: Grüße =?UTF-8?Q?und_Tsch=C3=BCss?=\r\n\r\n"_ba << u"Grüße und Tschüss"_s
        << none << none << none << none << none << qsizetype(49);
    QTest::addRow("first-occurrence-wins")
        << "Subject: first\r\nSubject: second\r\n  continued\r\nTo: a@b.test\r\nTo: c@d.test\r\n\r\n"_ba
        << u"first"_s << none << u"a@b.test"_s << none << none << none << qsizetype(76);
    QTest::addRow("case-insensitive-names")
        << "SUBJECT: loud\r\nmessage-id:  <x@y.test> \r\nfRoM: a@b.test\r\n\r\n"_ba << u"loud"_s
        << u"a@b.test"_s << none << none << none << u"<x@y.test>"_s << qsizetype(59);
    QTest::addRow("space-before-colon") << "Subject : spaced\r\n\r\n"_ba << u"spaced"_s << none
                                        << none << none << none << none << qsizetype(20);
    QTest::addRow("mbox-from-line")
        << "From sender@x.test Thu Jan  1 10:00:00 2026\r\nSubject: s\r\n\r\n"_ba << u"s"_s << none
        << none << none << none << none << qsizetype(59);
    QTest::addRow("continuation-without-field")
        << "  leading\r\nSubject: s\r\n\r\n"_ba << u"s"_s << none << none << none << none << none
        << qsizetype(25);
    QTest::addRow("empty") << QByteArray() << none << none << none << none << none << none
                           << qsizetype(-1);
    QTest::addRow("only-empty-line") << "\r\nSubject: body\r\n"_ba << none << none << none << none
                                     << none << none << qsizetype(2);
    QTest::addRow("garbage") << QByteArray("\x00\x01\xff\xfe:\x80 :: \r\n\x80\x81\x82\r\r\n\x00",
                                           20)
                             << none << none << none << none << none << none << qsizetype(-1);
    QTest::addRow("unknown-charset")
        << "Subject: =?bogus-charset?Q?caf=E9?= =?UTF-8?Q?ok?=\r\n\r\n"_ba << u"caféok"_s << none
        << none << none << none << none << qsizetype(54);
    QTest::addRow("unterminated-encoded-word")
        << "Subject: =?UTF-8?Q?unterminated\r\n\r\n"_ba << u"=?UTF-8?Q?unterminated"_s << none
        << none << none << none << none << qsizetype(35);
}

void tst_HeaderSummary::parse()
{
    QFETCH(QByteArray, head);
    QFETCH(QString, subject);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, cc);
    QFETCH(QString, date);
    QFETCH(QString, messageId);
    QFETCH(qsizetype, bodyOffset);

    const HeaderSummary summary = HeaderSummary::parse(head);
    QCOMPARE(summary.subject(), subject);
    QCOMPARE(summary.subject().isNull(), subject.isNull());
    QCOMPARE(summary.from(), from);
    QCOMPARE(summary.from().isNull(), from.isNull());
    QCOMPARE(summary.to(), to);
    QCOMPARE(summary.cc(), cc);
    QCOMPARE(summary.date(), date);
    QCOMPARE(summary.messageId(), messageId);
    QCOMPARE(summary.bodyOffset(), bodyOffset);
}

void tst_HeaderSummary::textFromBytes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::addRow("ascii") << "plain"_ba << u"plain"_s;
    QTest::addRow("utf8") << "Grüße"_ba << u"Grüße"_s;
    QTest::addRow("latin1") << "Gr\xfc\xdf"
                               "e"_ba
                            << u"Grüße"_s;
    QTest::addRow("truncated-utf8-is-latin1") << "ab\xc3"_ba << u"ab\u00c3"_s;
}

void tst_HeaderSummary::textFromBytes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QCOMPARE(HeaderSummary::textFromBytes(bytes), text);
}

void tst_HeaderSummary::onlyTheGivenBytesAreRead()
{
    // The store hands over a prefix of the message; a header cut at that point is kept as far
    // as it goes, and nothing past the view is touched.
    const QByteArray message = "Subject: a long subject\r\nTo: x@y.test\r\n\r\n"_ba;
    const HeaderSummary summary = HeaderSummary::parse(QByteArrayView(message).first(15));
    QCOMPARE(summary.subject(), u"a long"_s);
    QVERIFY(summary.to().isNull());
    QCOMPARE(summary.bodyOffset(), qsizetype(-1));
}

void tst_HeaderSummary::hostileEncodedWordsAreSurvived()
{
    // What GMime makes of these is its business; they must only come back as some text.
    const QList<QByteArray> subjects = {
        "=?UTF-8?B?not base64!?="_ba,
        "=?UTF-8?B?////?="_ba,
        "=?UTF-8?Q?=FF=FE=00=01?="_ba,
        "=?"_ba,
        "=?=?=?=?"_ba,
        "=?UTF-8?X?unknown-encoding?="_ba,
        QByteArray(2000, '=') + "?UTF-8?Q?"_ba,
        "=?" + QByteArray(5000, 'a') + "?Q?x?="_ba,
    };
    for (const QByteArray &subject : subjects) {
        const QByteArray head = "Subject: " + subject + "\r\n\r\n";
        const HeaderSummary summary = HeaderSummary::parse(head);
        QVERIFY2(!summary.subject().isNull(), subject.constData());
    }
}

void tst_HeaderSummary::parsesInParallel()
{
    // parse() runs in the store writer and in UI threads at once; GMime is initialised once.
    const QByteArray head =
        "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe_?= =?ISO-8859-1?Q?=E0_vous?=\r\n\r\n"_ba;
    std::atomic<int> wrong{0};
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back(QThread::create([&head, &wrong] {
            for (int i = 0; i < 500; ++i) {
                if (HeaderSummary::parse(head).subject() != u"Grüße à vous"_s)
                    ++wrong;
            }
        }));
        threads.back()->start();
    }
    for (const auto &thread : threads)
        QVERIFY(thread->wait(60000));
    QCOMPARE(wrong.load(), 0);
}

QTEST_GUILESS_MAIN(tst_HeaderSummary)
#include "tst_headersummary.moc"
