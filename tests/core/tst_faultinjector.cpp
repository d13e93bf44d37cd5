// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "faults/faultinjector.h"
#include "faultsettingsof.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

FaultSettings settingsOf(const QStringList &rules, quint64 seed = 42)
{
    return faultSettingsOf(rules, seed);
}

FaultSubject rcptSubject(const QByteArray &recipient, const QByteArray &sender = "s@x.test",
                         const QString &remote = u"127.0.0.1"_s)
{
    FaultSubject subject;
    subject.remoteAddress = remote;
    subject.sender = sender;
    subject.recipient = recipient;
    return subject;
}

/// Which draws of `count` RCPTs fired, as a string of 0 and 1.
QByteArray firingPattern(FaultInjector &injector, int count)
{
    QByteArray pattern;
    for (int i = 0; i < count; ++i)
        pattern += injector.decide(FaultStage::Rcpt, rcptSubject("r@x.test")).fired() ? '1' : '0';
    return pattern;
}

} // namespace

/// FaultInjector: order, frequency, seeded probability, greylisting and its bounds.
class TestFaultInjector final : public QObject
{
    Q_OBJECT

private slots:
    void firstMatchWins()
    {
        FaultInjector injector;
        injector.configure(settingsOf({u"rcpt:*@blocked.test:550 5.1.1 no such user"_s,
                                       u"rcpt:*:451 4.3.0 second"_s, u"rcpt:*:552 third"_s}));
        FaultDecision decision = injector.decide(FaultStage::Rcpt, rcptSubject("a@blocked.test"));
        QCOMPARE(decision.rule, 0);
        QVERIFY(decision.kind == FaultDecision::Kind::Reply);
        QCOMPARE(decision.code, 550);
        QCOMPARE(decision.enhancedCode, "5.1.1");
        QCOMPARE(decision.text, "no such user");
        QVERIFY(decision.reason.contains(u"fault rule 1 (rcpt:*@blocked.test:550"_s));

        decision = injector.decide(FaultStage::Rcpt, rcptSubject("a@other.test"));
        QCOMPARE(decision.rule, 1);
        QCOMPARE(decision.code, 451);
        // Other stages are not touched.
        QVERIFY(!injector.decide(FaultStage::Mail, rcptSubject("a@blocked.test")).fired());
    }

    void masterSwitchAndDisabledRules()
    {
        FaultInjector injector;
        FaultSettings settings = settingsOf({u"rcpt,off:*:550"_s, u"rcpt:*:451"_s});
        injector.configure(settings);
        QCOMPARE(injector.decide(FaultStage::Rcpt, rcptSubject("a@x.test")).rule, 1);
        settings.enabled = false;
        injector.configure(settings);
        QVERIFY(!injector.isActive());
        QVERIFY(!injector.decide(FaultStage::Rcpt, rcptSubject("a@x.test")).fired());
    }

    void explicitFields()
    {
        FaultInjector injector;
        injector.configure(settingsOf(
            {u"rcpt:from=*@shop.test:550 5.7.1 sender"_s, u"rcpt:remote=[::1]:451 4.7.0 v6"_s,
             u"data-end:header.Subject=*urgent*:554 5.7.1 subj"_s, u"data:to=*@b.test:451"_s}));
        QCOMPARE(injector.decide(FaultStage::Rcpt, rcptSubject("r@x.test", "me@SHOP.test")).rule,
                 0);
        QCOMPARE(
            injector.decide(FaultStage::Rcpt, rcptSubject("r@x.test", "me@a.test", u"::1"_s)).rule,
            1);
        QVERIFY(!injector.decide(FaultStage::Rcpt, rcptSubject("r@x.test", "me@a.test")).fired());

        FaultSubject end;
        end.headerBlock = "From: a@x.test\r\nSubject: not\r\n  so URGENT today\r\n";
        QCOMPARE(injector.decide(FaultStage::DataEnd, end).rule, 2);
        end.headerBlock = "Subject: calm\r\nX-Urgent: urgent\r\n";
        QVERIFY(!injector.decide(FaultStage::DataEnd, end).fired());

        FaultSubject data;
        data.recipients = {"a@a.test", "c@b.test"};
        QCOMPARE(injector.decide(FaultStage::Data, data).rule, 3);
        data.recipients = {"a@a.test"};
        QVERIFY(!injector.decide(FaultStage::Data, data).fired());
    }

    void nextCountsDownThenFallsThrough()
    {
        FaultInjector injector;
        injector.configure(settingsOf({u"rcpt,next=2:*:451 4.3.0 busy"_s, u"rcpt:*:550"_s}));
        QCOMPARE(injector.decide(FaultStage::Rcpt, rcptSubject("a@x.test")).rule, 0);
        QCOMPARE(injector.decide(FaultStage::Rcpt, rcptSubject("a@x.test")).rule, 0);
        QCOMPARE(injector.decide(FaultStage::Rcpt, rcptSubject("a@x.test")).rule, 1);
        // The same settings again change nothing; changed rules start the count afresh.
        injector.configure(injector.settings());
        QCOMPARE(injector.decide(FaultStage::Rcpt, rcptSubject("a@x.test")).rule, 1);
        injector.configure(settingsOf({u"rcpt,next=1:*:451 4.3.0 busy"_s}));
        QCOMPARE(injector.decide(FaultStage::Rcpt, rcptSubject("a@x.test")).rule, 0);
        QVERIFY(!injector.decide(FaultStage::Rcpt, rcptSubject("a@x.test")).fired());
    }

    void seededProbabilityRepeats()
    {
        const FaultSettings settings = settingsOf({u"rcpt,p=0.5:*:451"_s}, 1234);
        FaultInjector first;
        first.configure(settings);
        FaultInjector second;
        second.configure(settings);
        const QByteArray pattern = firingPattern(first, 64);
        QCOMPARE(firingPattern(second, 64), pattern);
        // Roughly half, and neither all nor none.
        QVERIFY(pattern.count('1') > 16 && pattern.count('1') < 48);
        // Another seed gives another run.
        FaultInjector other;
        other.configure(settingsOf({u"rcpt,p=0.5:*:451"_s}, 99));
        QVERIFY(firingPattern(other, 64) != pattern);
        // Configuring the same settings again starts the same run again.
        first.configure(settingsOf({u"rcpt:*:451"_s}, 1234));
        first.configure(settings);
        QCOMPARE(firingPattern(first, 64), pattern);
    }

    void randomSeedIsChosenAndShown()
    {
        FaultInjector injector;
        injector.configure(settingsOf({u"rcpt,p=1:*:451"_s}, 0));
        QVERIFY(injector.seed() != 0);
        const FaultDecision decision = injector.decide(FaultStage::Rcpt, rcptSubject("r@x.test"));
        QVERIFY(decision.reason.contains(u"seed %1"_s.arg(injector.seed())));
    }

    void greylistWindow()
    {
        qint64 clock = 1'000'000;
        FaultInjector injector([&clock] { return clock; });
        FaultSettings settings = settingsOf({u"rcpt:*:greylist=2"_s});
        settings.greylistWindow = std::chrono::seconds(60);
        injector.configure(settings);
        const auto decide = [&injector](const QByteArray &to,
                                        const QString &remote = u"10.0.0.1"_s) {
            return injector.decide(FaultStage::Rcpt, rcptSubject(to, "s@x.test", remote));
        };
        FaultDecision decision = decide("a@x.test");
        QCOMPARE(decision.code, 451);
        QCOMPARE(decision.enhancedCode, "4.7.1");
        QCOMPARE(decide("a@x.test").code, 451);
        QVERIFY(!decide("a@x.test").fired()); // the third attempt gets through
        QVERIFY(!decide("A@X.TEST").fired()); // addresses compare without case
        // Another triple starts its own count.
        QCOMPARE(decide("a@x.test", u"10.0.0.2"_s).code, 451);
        QCOMPARE(decide("b@x.test").code, 451);
        // Past the window, the triple is a stranger again.
        clock += 61'000;
        QCOMPARE(decide("a@x.test").code, 451);
        clock += 59'000;
        QCOMPARE(decide("a@x.test").code, 451);
        QVERIFY(!decide("a@x.test").fired());
    }

    void greylistTableIsBounded()
    {
        qint64 clock = 0;
        FaultInjector injector([&clock] { return clock; });
        injector.configure(settingsOf({u"rcpt:*:greylist=1"_s}));
        for (qsizetype i = 0; i < FaultInjector::kMaxGreylistEntries + 50; ++i) {
            ++clock;
            QCOMPARE(
                injector
                    .decide(FaultStage::Rcpt, rcptSubject("r" + QByteArray::number(i) + "@x.test"))
                    .code,
                451);
        }
        QCOMPARE(injector.greylistEntries(), FaultInjector::kMaxGreylistEntries);
        // The oldest went first: the newest is still remembered and now accepted.
        const QByteArray newest =
            "r" + QByteArray::number(FaultInjector::kMaxGreylistEntries + 49) + "@x.test";
        QVERIFY(!injector.decide(FaultStage::Rcpt, rcptSubject(newest)).fired());
        QCOMPARE(injector.decide(FaultStage::Rcpt, rcptSubject("r0@x.test")).code, 451);
    }

    void headerValues()
    {
        const QByteArray block =
            "Subject: one\r\nX-A: a\r\nsubject:  two\r\n\tfolded\r\n\r\nSubject: body";
        const QList<QByteArray> values = FaultInjector::headerValues(block, "Subject");
        QCOMPARE(values, (QList<QByteArray>{"one", "two\tfolded"}));
    }
};

QTEST_GUILESS_MAIN(TestFaultInjector)
#include "tst_faultinjector.moc"
