// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "faults/faultrule.h"

#include <QTest>

using namespace Qt::StringLiterals;

/// FaultRule: the short syntax, its canonical form and the validation both it and the API use.
class TestFaultRule final : public QObject
{
    Q_OBJECT

private slots:
    void issueExamples()
    {
        const Result<FaultRule> blocked =
            FaultRule::parse(u"rcpt:*@blocked.test:550 5.1.1 no such user");
        QVERIFY(blocked);
        QVERIFY(blocked->stage == FaultStage::Rcpt);
        QVERIFY(blocked->match.field == FaultMatch::Field::Subject);
        QCOMPARE(blocked->match.pattern, u"*@blocked.test"_s);
        QVERIFY(blocked->action == FaultRule::Action::Reply);
        QCOMPARE(blocked->code, 550);
        QCOMPARE(blocked->enhancedCode, "5.1.1");
        QCOMPARE(blocked->text, "no such user");

        const Result<FaultRule> disconnect = FaultRule::parse(u"data-end:*:disconnect");
        QVERIFY(disconnect);
        QVERIFY(disconnect->stage == FaultStage::DataEnd);
        QVERIFY(disconnect->match.matchesEverything());
        QVERIFY(disconnect->action == FaultRule::Action::Disconnect);

        const Result<FaultRule> delay = FaultRule::parse(u"mail:*:delay=3000");
        QVERIFY(delay);
        QVERIFY(delay->action == FaultRule::Action::Delay);
        QCOMPARE(delay->delayMs, 3000);
        QVERIFY(!delay->hasReply());

        const Result<FaultRule> greylist = FaultRule::parse(u"rcpt:*:greylist=1");
        QVERIFY(greylist);
        QVERIFY(greylist->action == FaultRule::Action::Greylist);
        QCOMPARE(greylist->greylistAttempts, 1);
    }

    void canonicalRoundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::addRow("reply") << u"rcpt:*@blocked.test:550 5.1.1 no such user"_s
                               << u"rcpt:*@blocked.test:550 5.1.1 no such user"_s;
        QTest::addRow("case-and-spaces")
            << u"  RCPT:*:  451   try later "_s << u"rcpt:*:451 try later"_s;
        QTest::addRow("text-with-colons") << u"data-end:*:554 5.7.1 spam: score 9.1: rejected"_s
                                          << u"data-end:*:554 5.7.1 spam: score 9.1: rejected"_s;
        QTest::addRow("code-only") << u"helo:*:421"_s << u"helo:*:421"_s;
        QTest::addRow("delay-then-reply")
            << u"mail:*:delay=500 451 4.3.0 busy"_s << u"mail:*:delay=500 451 4.3.0 busy"_s;
        QTest::addRow("next") << u"rcpt,next=2:*:452 4.5.3 full"_s
                              << u"rcpt,next=2:*:452 4.5.3 full"_s;
        QTest::addRow("percent") << u"rcpt,p=25%:*:451"_s << u"rcpt,p=0.25:*:451"_s;
        QTest::addRow("off") << u"quit,off:*:disconnect"_s << u"quit,off:*:disconnect"_s;
        QTest::addRow("sender") << u"rcpt:FROM=*@shop.test:550"_s << u"rcpt:from=*@shop.test:550"_s;
        QTest::addRow("user") << u"auth:user=bob:535 5.7.8 no"_s << u"auth:user=bob:535 5.7.8 no"_s;
        QTest::addRow("ipv6") << u"connect:remote=[::1]:554"_s << u"connect:remote=[::1]:554"_s;
        QTest::addRow("ipv6-subject")
            << u"helo:[::ffff:*]:disconnect"_s << u"helo:[::ffff:*]:disconnect"_s;
        QTest::addRow("header") << u"data-end:header.Subject=*urgent*:550 5.7.1 no"_s
                                << u"data-end:header.Subject=*urgent*:550 5.7.1 no"_s;
        QTest::addRow("address-with-equals")
            << u"rcpt:a=b@x.test:550"_s << u"rcpt:a=b@x.test:550"_s;
    }

    void canonicalRoundTrip()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        const Result<FaultRule> rule = FaultRule::parse(text);
        QVERIFY2(rule, rule ? "" : qPrintable(rule.error().message));
        QCOMPARE(rule->toString(), canonical);
        const Result<FaultRule> again = FaultRule::parse(rule->toString());
        QVERIFY(again);
        QCOMPARE(*again, *rule);
    }

    void refused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("code");
        QTest::addRow("no-colons") << u"rcpt"_s << int(ErrorCode::InvalidValue);
        QTest::addRow("no-action") << u"rcpt:*"_s << int(ErrorCode::InvalidValue);
        QTest::addRow("empty-action") << u"rcpt:*:"_s << int(ErrorCode::InvalidValue);
        QTest::addRow("unknown-stage") << u"ehlo:*:550"_s << int(ErrorCode::InvalidValue);
        QTest::addRow("unknown-action") << u"rcpt:*:reject"_s << int(ErrorCode::InvalidValue);
        QTest::addRow("success-code") << u"rcpt:*:250 ok"_s << int(ErrorCode::OutOfRange);
        QTest::addRow("code-600") << u"rcpt:*:600"_s << int(ErrorCode::OutOfRange);
        QTest::addRow("class-mismatch") << u"rcpt:*:550 4.1.1 x"_s << int(ErrorCode::InvalidValue);
        QTest::addRow("control-text") << u"rcpt:*:550 a\u0001b"_s << int(ErrorCode::InvalidValue);
        QTest::addRow("non-ascii-text")
            << u"rcpt:*:550 caf\u00e9"_s << int(ErrorCode::InvalidValue);
        QTest::addRow("long-text")
            << (u"rcpt:*:550 "_s + QString(401, u'x')) << int(ErrorCode::OutOfRange);
        QTest::addRow("delay-zero") << u"mail:*:delay=0"_s << int(ErrorCode::OutOfRange);
        QTest::addRow("delay-huge") << u"mail:*:delay=600001"_s << int(ErrorCode::OutOfRange);
        QTest::addRow("delay-word") << u"mail:*:delay=soon"_s << int(ErrorCode::InvalidValue);
        QTest::addRow("delay-success") << u"mail:*:delay=5 250 ok"_s << int(ErrorCode::OutOfRange);
        QTest::addRow("greylist-at-mail") << u"mail:*:greylist=1"_s << int(ErrorCode::InvalidValue);
        QTest::addRow("greylist-zero") << u"rcpt:*:greylist=0"_s << int(ErrorCode::OutOfRange);
        QTest::addRow("next-zero") << u"rcpt,next=0:*:550"_s << int(ErrorCode::OutOfRange);
        QTest::addRow("p-zero") << u"rcpt,p=0:*:550"_s << int(ErrorCode::OutOfRange);
        QTest::addRow("p-above-one") << u"rcpt,p=1.5:*:550"_s << int(ErrorCode::OutOfRange);
        QTest::addRow("next-and-p") << u"rcpt,next=1,p=0.5:*:550"_s << int(ErrorCode::InvalidValue);
        QTest::addRow("unknown-option") << u"rcpt,often:*:550"_s << int(ErrorCode::InvalidValue);
        QTest::addRow("empty-pattern") << u"rcpt::550"_s << int(ErrorCode::InvalidValue);
        QTest::addRow("recipient-at-mail") << u"mail:to=*:550"_s << int(ErrorCode::InvalidValue);
        QTest::addRow("sender-at-helo") << u"helo:from=*:550"_s << int(ErrorCode::InvalidValue);
        QTest::addRow("header-at-rcpt")
            << u"rcpt:header.Subject=*:550"_s << int(ErrorCode::InvalidValue);
        QTest::addRow("bad-header-name")
            << u"data-end:header.Sub ject=*:550"_s << int(ErrorCode::InvalidValue);
        QTest::addRow("too-long") << (u"rcpt:"_s + QString(1100, u'a') + u":550"_s)
                                  << int(ErrorCode::OutOfRange);
    }

    void refused()
    {
        QFETCH(QString, text);
        QFETCH(int, code);
        const Result<FaultRule> rule = FaultRule::parse(text);
        QVERIFY2(!rule, qPrintable(text));
        QCOMPARE(int(rule.error().code), code);
        QVERIFY(!rule.error().message.isEmpty());
    }

    void replyDefaults()
    {
        const Result<FaultRule> rule = FaultRule::parse(u"rcpt:*:451");
        QVERIFY(rule);
        QCOMPARE(rule->effectiveEnhancedCode(), "4.0.0");
        QVERIFY(!rule->effectiveText().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFaultRule)
#include "tst_faultrule.moc"
