// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "terminaltext.h"

#include <QTest>

using namespace Qt::StringLiterals;

/// TerminalText::oneLine: what a client chose, safe on one line of a terminal.
class TestTerminalText final : public QObject
{
    Q_OBJECT

private slots:
    void oneLine_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qsizetype>("maxLength");
        QTest::addColumn<QString>("expected");

        const qsizetype none = -1;
        QTest::addRow("plain") << u"Hello, world"_s << none << u"Hello, world"_s;
        QTest::addRow("empty") << QString() << none << QString();
        QTest::addRow("non-ascii-kept") << u"J\u00f6rg \u65e5\u672c \U0001F600"_s << none
                                        << u"J\u00f6rg \u65e5\u672c \U0001F600"_s;
        QTest::addRow("crlf-forges-a-line")
            << u"a\r\nsession 99: forged"_s << none << u"a\\x0d\\x0asession 99: forged"_s;
        QTest::addRow("esc-sequence") << u"\x1b[31mred"_s << none << u"\\x1b[31mred"_s;
        QTest::addRow("nul-tab-bel")
            << QString(u"a\0b\tc\x07"_s) << none << u"a\\x00b\\x09c\\x07"_s;
        QTest::addRow("del") << u"a\x7f"_s << none << u"a\\x7f"_s;
        QTest::addRow("c1-nel-and-csi") << u"a\u0085b\u009b31m"_s << none << u"a\\x85b\\x9b31m"_s;
        QTest::addRow("c1-edges") << u"\u0080\u009f\u00a0"_s << none << u"\\x80\\x9f\u00a0"_s;
        QTest::addRow("line-paragraph-separators")
            << u"a\u2028b\u2029c"_s << none << u"a\\u2028b\\u2029c"_s;
        QTest::addRow("bidi-overrides") << u"\u202a\u202b\u202c\u202d\u202eabc"_s << none
                                        << u"\\u202a\\u202b\\u202c\\u202d\\u202eabc"_s;
        QTest::addRow("bidi-isolates")
            << u"\u2066\u2067\u2068\u2069"_s << none << u"\\u2066\\u2067\\u2068\\u2069"_s;
        QTest::addRow("bidi-neighbours-kept")
            << u"\u2029x\u202f\u2065\u206a"_s << none << u"\\u2029x\u202f\u2065\u206a"_s;
        QTest::addRow("percent-kept") << u"%1 %2"_s << none << u"%1 %2"_s;

        QTest::addRow("cap-not-needed") << u"abcde"_s << qsizetype(5) << u"abcde"_s;
        QTest::addRow("cap") << u"abcdef"_s << qsizetype(5) << u"abcd\u2026"_s;
        QTest::addRow("cap-one") << u"abcdef"_s << qsizetype(1) << u"\u2026"_s;
        QTest::addRow("cap-before-escape") << u"abc\x1b"_s << qsizetype(5) << u"abc\u2026"_s;
        QTest::addRow("cap-counts-escapes") << u"\x1b\x1b"_s << qsizetype(8) << u"\\x1b\\x1b"_s;
        QTest::addRow("cap-never-splits-a-surrogate-pair")
            << u"ab\U0001F600cd"_s << qsizetype(4) << u"ab\u2026"_s;
        QTest::addRow("cap-keeps-a-whole-pair")
            << u"ab\U0001F600cd"_s << qsizetype(5) << u"ab\U0001F600\u2026"_s;
    }

    void oneLine()
    {
        QFETCH(QString, text);
        QFETCH(qsizetype, maxLength);
        QFETCH(QString, expected);
        QCOMPARE(TerminalText::oneLine(text, maxLength), expected);
    }
};

QTEST_APPLESS_MAIN(TestTerminalText)
#include "tst_terminaltext.moc"
