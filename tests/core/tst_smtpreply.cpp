// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtp/smtpreply.h"

#include <QTest>

using namespace Qt::StringLiterals;

/// SmtpReply wire format: RFC 5321 §4.2 (multi-line "code-" continuation) with the enhanced
/// status code of RFC 2034 §4 on every line.
class TestSmtpReply final : public QObject
{
    Q_OBJECT

private slots:
    void toBytes_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QByteArray>("enhancedCode");
        QTest::addColumn<QList<QByteArray>>("lines");
        QTest::addColumn<QByteArray>("wire");

        QTest::addRow("single-line") << 250 << "2.1.0"_ba << QList<QByteArray>{"Sender OK"_ba}
                                     << "250 2.1.0 Sender OK\r\n"_ba;
        QTest::addRow("multi-line-enhanced-code-on-each-line")
            << 250 << "2.0.0"_ba << QList<QByteArray>{"first"_ba, "second"_ba, "last"_ba}
            << "250-2.0.0 first\r\n250-2.0.0 second\r\n250 2.0.0 last\r\n"_ba;
        QTest::addRow("greeting-without-enhanced-code")
            << 220 << ""_ba << QList<QByteArray>{"mx.letterbox.test ESMTP Letterbox"_ba}
            << "220 mx.letterbox.test ESMTP Letterbox\r\n"_ba;
        QTest::addRow("ehlo-multi-line-without-enhanced-code")
            << 250 << ""_ba
            << QList<QByteArray>{"mx.letterbox.test Hello client.test"_ba, "SIZE 1000"_ba,
                                 "8BITMIME"_ba}
            << "250-mx.letterbox.test Hello client.test\r\n250-SIZE 1000\r\n250 8BITMIME\r\n"_ba;
        QTest::addRow("permanent-error")
            << 550 << "5.1.1"_ba << QList<QByteArray>{"No such user"_ba}
            << "550 5.1.1 No such user\r\n"_ba;
        QTest::addRow("no-lines-gives-one-empty-line")
            << 354 << ""_ba << QList<QByteArray>() << "354 \r\n"_ba;
    }

    void toBytes()
    {
        QFETCH(int, code);
        QFETCH(QByteArray, enhancedCode);
        QFETCH(QList<QByteArray>, lines);
        QFETCH(QByteArray, wire);

        const SmtpReply reply(code, enhancedCode, lines);
        QCOMPARE(reply.toBytes(), wire);
        if (lines.size() == 1)
            QCOMPARE(SmtpReply(code, enhancedCode, lines.front()).toBytes(), wire);
    }

    void isPositive_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<bool>("positive");

        QTest::addRow("220") << 220 << true;
        QTest::addRow("250") << 250 << true;
        QTest::addRow("334") << 334 << true;
        QTest::addRow("354") << 354 << true;
        QTest::addRow("421") << 421 << false;
        QTest::addRow("452") << 452 << false;
        QTest::addRow("535") << 535 << false;
        QTest::addRow("554") << 554 << false;
    }

    void isPositive()
    {
        QFETCH(int, code);
        QFETCH(bool, positive);

        QCOMPARE(SmtpReply(code, ""_ba, "text"_ba).isPositive(), positive);
    }
};

QTEST_GUILESS_MAIN(TestSmtpReply)
#include "tst_smtpreply.moc"
