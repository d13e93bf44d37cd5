// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "sessionfixture.h"

#include "faults/faultinjector.h"
#include "faultsettingsof.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

SmtpServerSettings withFaults(const QStringList &rules,
                              SmtpServerSettings settings = SessionFixture::defaultSettings())
{
    settings.faults = std::make_shared<FaultInjector>();
    settings.faults->configure(faultSettingsOf(rules, 7));
    return settings;
}

QList<QByteArray> faultMarks(const QList<ProtocolLine> &lines)
{
    QList<QByteArray> marks;
    for (const ProtocolLine &line : lines) {
        if (line.direction == Direction::Fault)
            marks.append(line.bytes);
    }
    return marks;
}

} // namespace

/// Fault rules as a session applies them: every stage, every action, the trace marks.
class TestSessionFaults final : public QObject
{
    Q_OBJECT

private slots:
    void connectReplyRefusesTheSession()
    {
        SessionFixture f(withFaults({u"connect:*:554 5.7.1 go away"_s}));
        QVERIFY(f.expectReply("554 5.7.1 go away\r\n"_ba));
        QTRY_VERIFY(f.finished);
        QVERIFY(f.closeRequested);
        QCOMPARE(f.session()->info().endReason, u"fault rule 1: refused the connection"_s);
    }

    void connectDisconnectSaysNothing()
    {
        SessionFixture f(withFaults({u"connect:remote=192.0.2.*:disconnect"_s}));
        QVERIFY(f.closeRequested);
        QVERIFY(f.expectSilence());
        QCOMPARE(faultMarks(f.lines).size(), 1);
        QVERIFY(faultMarks(f.lines).front().contains("disconnects without a reply"));
    }

    void connectRuleForOtherAddressesPasses()
    {
        SessionFixture f(withFaults({u"connect:remote=10.*:disconnect"_s}));
        QVERIFY(f.expectCode(220));
        QVERIFY(faultMarks(f.lines).isEmpty());
    }

    void connectDelayHoldsTheGreeting()
    {
        SessionFixture f(withFaults({u"connect:*:delay=250"_s}));
        QCOMPARE(f.faultDelays, QList<std::chrono::milliseconds>{250ms});
        f.client("EHLO early.test\r\n"_ba);
        QVERIFY(f.expectSilence()); // no greeting yet, and the early EHLO is not read
        f.fireFaultDelay();
        QVERIFY(f.expectCode(220));
        QVERIFY(f.expectCode(250));
        QCOMPARE(f.faultDelays.size(), 1); // the rule fired once, not again for the greeting
    }

    void heloReplyReplaced()
    {
        SessionFixture f(withFaults({u"helo:*:421 4.3.2 not today"_s}));
        QVERIFY(f.expectCode(220));
        f.client("EHLO client.test\r\n"_ba);
        QVERIFY(f.expectReply("421 4.3.2 not today\r\n"_ba));
        f.client("MAIL FROM:<a@x.test>\r\n"_ba);
        QVERIFY(f.expectReply("503 5.5.1 Send HELO/EHLO first\r\n"_ba));
    }

    /// The example: exactly the matching recipients are refused, others accepted.
    void rcptRefusesMatchingRecipients()
    {
        SessionFixture f(withFaults({u"rcpt:*@blocked.test:550 5.1.1 no such user"_s}));
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<a@x.test>\r\nRCPT TO:<bob@Blocked.test>\r\nRCPT TO:<ok@x.test>\r\n"
                 "DATA\r\n"_ba);
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectReply("550 5.1.1 no such user\r\n"_ba));
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(354));
        f.client("Subject: x\r\n\r\nbody\r\n.\r\n"_ba);
        QVERIFY(f.expectCode(250));
        QCOMPARE(f.delivered.size(), 1);
        QCOMPARE(f.delivered.front().envelope.recipients, QList<QByteArray>{"ok@x.test"});
    }

    void refusedRecipientsOnlyThenData()
    {
        SessionFixture f(withFaults({u"rcpt:*:550 5.1.1 no"_s}));
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<a@x.test>\r\nRCPT TO:<r@x.test>\r\nDATA\r\n"_ba);
        QVERIFY(f.expectCode(250) && f.expectCode(550));
        QVERIFY(f.expectReply("554 5.5.1 No valid recipients\r\n"_ba));
    }

    /// A delay answers normally after the time has passed, and reads nothing meanwhile.
    void mailDelayHoldsTheReplyAndTheInput()
    {
        SessionFixture f(withFaults({u"mail:*:delay=3000"_s}));
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<a@x.test>\r\nRCPT TO:<r@x.test>\r\n"_ba);
        QVERIFY(f.expectSilence());
        QCOMPARE(f.faultDelays, QList<std::chrono::milliseconds>{3000ms});
        f.fireFaultDelay();
        QVERIFY(f.expectReply("250 2.1.0 Sender <a@x.test> OK\r\n"_ba));
        QVERIFY(f.expectCode(250));
        // The next MAIL is delayed again: the rule holds for every MAIL.
        f.client("RSET\r\nMAIL FROM:<b@x.test>\r\n"_ba);
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectSilence());
        QCOMPARE(f.faultDelays.size(), 2);
        f.fireFaultDelay();
        QVERIFY(f.expectCode(250));
    }

    void delayThenReply()
    {
        SessionFixture f(withFaults({u"rcpt:*:delay=100 451 4.3.0 busy"_s}));
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<a@x.test>\r\nRCPT TO:<r@x.test>\r\n"_ba);
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectSilence());
        f.fireFaultDelay();
        QVERIFY(f.expectReply("451 4.3.0 busy\r\n"_ba));
        f.client("DATA\r\n"_ba);
        QVERIFY(f.expectCode(554)); // the recipient was not taken
    }

    void sessionEndingDuringADelay()
    {
        SessionFixture f(withFaults({u"mail:*:delay=100"_s}));
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<a@x.test>\r\n"_ba);
        QVERIFY(f.expectSilence());
        f.session()->transportClosed();
        QVERIFY(f.finished);
        f.fireFaultDelay();
        QVERIFY(f.expectSilence());
    }

    void dataReplyReplaced()
    {
        SessionFixture f(withFaults({u"data:*:451 4.3.2 later"_s}));
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<a@x.test>\r\nRCPT TO:<r@x.test>\r\nDATA\r\n"_ba);
        QVERIFY(f.expectCode(250) && f.expectCode(250));
        QVERIFY(f.expectReply("451 4.3.2 later\r\n"_ba));
        f.client("RSET\r\n"_ba);
        QVERIFY(f.expectCode(250));
    }

    void dataEndDisconnectStoresNothing()
    {
        SessionFixture f(withFaults({u"data-end:*:disconnect"_s}));
        QVERIFY(f.greetAndEhlo());
        QVERIFY(f.openData());
        f.client("Subject: x\r\n\r\nbody\r\n.\r\n"_ba);
        QTRY_VERIFY(f.finished);
        QVERIFY(f.closeRequested);
        QVERIFY(f.expectSilence());
        QVERIFY(f.delivered.isEmpty());
        QCOMPARE(f.session()->info().endReason, u"fault rule 1: disconnect"_s);
    }

    void dataEndReplyDiscardsTheMessage()
    {
        SessionFixture f(withFaults({u"data-end:*:554 5.7.1 rejected"_s}));
        QVERIFY(f.greetAndEhlo());
        QVERIFY(f.openData());
        f.client("Subject: x\r\n\r\nbody\r\n.\r\n"_ba);
        QVERIFY(f.expectReply("554 5.7.1 rejected\r\n"_ba));
        QVERIFY(f.delivered.isEmpty());
        // The session goes on with a new transaction.
        f.client("MAIL FROM:<a@x.test>\r\n"_ba);
        QVERIFY(f.expectCode(250));
    }

    void dataEndDelayThenStores()
    {
        SessionFixture f(withFaults({u"data-end:*:delay=5000"_s}));
        QVERIFY(f.greetAndEhlo());
        QVERIFY(f.openData());
        f.client("Subject: x\r\n\r\nbody\r\n.\r\nNOOP\r\n"_ba);
        QVERIFY(f.expectSilence());
        QVERIFY(f.delivered.isEmpty());
        QCOMPARE(f.faultDelays, QList<std::chrono::milliseconds>{5000ms});
        f.fireFaultDelay();
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(250)); // the NOOP pipelined behind the data
        QCOMPARE(f.delivered.size(), 1);
    }

    void dataEndMatchesAHeader()
    {
        SessionFixture f(withFaults({u"data-end:header.Subject=*urgent*:550 5.7.1 calm down"_s}));
        QVERIFY(f.greetAndEhlo());
        QVERIFY(f.openData());
        f.client("From: a@x.test\r\nSubject: Very\r\n URGENT\r\n\r\nSubject: urgent\r\n.\r\n"_ba);
        QVERIFY(f.expectReply("550 5.7.1 calm down\r\n"_ba));
        QVERIFY(f.openData());
        f.client("Subject: calm\r\n\r\nSubject: urgent\r\n.\r\n"_ba);
        QVERIFY(f.expectCode(250));
        QCOMPARE(f.delivered.size(), 1);
    }

    void greylistThenAccept()
    {
        SessionFixture f(withFaults({u"rcpt:*:greylist=1"_s}));
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<a@x.test>\r\nRCPT TO:<r@x.test>\r\nRCPT TO:<r@x.test>\r\n"
                 "RCPT TO:<s@x.test>\r\n"_ba);
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectReply("451 4.7.1 Greylisted, please try again later\r\n"_ba));
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(451)); // another triple
    }

    void nextCountsDown()
    {
        SessionFixture f(withFaults({u"rcpt,next=2:*:452 4.5.3 full"_s}));
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<a@x.test>\r\n"_ba);
        QVERIFY(f.expectCode(250));
        for (const int code : {452, 452, 250, 250}) {
            f.client("RCPT TO:<r@x.test>\r\n"_ba);
            QVERIFY(f.expectCode(code));
        }
    }

    void seededProbabilityRepeatsExactly()
    {
        const auto run = [](quint64 seed) {
            SmtpServerSettings settings = SessionFixture::defaultSettings();
            settings.faults = std::make_shared<FaultInjector>();
            settings.faults->configure(faultSettingsOf({u"rcpt,p=0.5:*:451 4.3.0 maybe"_s}, seed));
            SessionFixture f(settings);
            QByteArray codes;
            if (!f.greetAndEhlo())
                return codes;
            f.client("MAIL FROM:<a@x.test>\r\n"_ba);
            if (!f.expectCode(250))
                return codes;
            for (int i = 0; i < 24; ++i) {
                f.client("RCPT TO:<r@x.test>\r\n"_ba);
                codes += f.nextReply().left(3) + ' ';
            }
            return codes;
        };
        const QByteArray first = run(2026);
        QVERIFY(first.contains("451") && first.contains("250"));
        QCOMPARE(run(2026), first);
        QVERIFY(run(77) != first);
    }

    void firstMatchWins()
    {
        SessionFixture f(withFaults({u"rcpt:*@a.test:550 5.1.1 first"_s,
                                     u"rcpt:*:451 4.3.0 second"_s, u"rcpt:*@a.test:552 third"_s}));
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<a@x.test>\r\nRCPT TO:<x@a.test>\r\nRCPT TO:<y@b.test>\r\n"_ba);
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectReply("550 5.1.1 first\r\n"_ba));
        QVERIFY(f.expectReply("451 4.3.0 second\r\n"_ba));
    }

    /// The trace marks each fault as a line of its own kind, before the reply it replaced.
    void traceMarksTheFault()
    {
        SessionFixture f(withFaults({u"rcpt:*@blocked.test:550 5.1.1 no such user"_s}));
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<a@x.test>\r\nRCPT TO:<b@blocked.test>\r\n"_ba);
        QVERIFY(f.expectCode(250) && f.expectCode(550));
        const QList<ProtocolLine> trace = f.session()->takeTrace();
        qsizetype mark = -1;
        for (qsizetype i = 0; i < trace.size(); ++i) {
            if (trace.at(i).direction == Direction::Fault)
                mark = i;
        }
        QVERIFY(mark > 0);
        QCOMPARE(
            trace.at(mark).bytes,
            "fault rule 1 (rcpt:*@blocked.test:550 5.1.1 no such user): replaces the reply"_ba);
        QCOMPARE(trace.at(mark - 1).bytes, "RCPT TO:<b@blocked.test>\r\n"_ba);
        QCOMPARE(trace.at(mark + 1).bytes, "550 5.1.1 no such user\r\n"_ba);
        QCOMPARE(faultMarks(f.lines).size(), 1); // the live log has it too
    }

    void startTlsReplaced()
    {
        SessionFixture f(withFaults({u"starttls:*:454 4.7.0 TLS not available"_s},
                                    SessionFixture::tlsSettings()));
        QVERIFY(f.greetAndEhlo());
        f.client("STARTTLS\r\n"_ba);
        QVERIFY(f.expectReply("454 4.7.0 TLS not available\r\n"_ba));
        QCOMPARE(f.handshakes, 0);
    }

    void authRefusedForOneUser()
    {
        SmtpServerSettings settings = SessionFixture::defaultSettings();
        settings.authHandler = SessionFixture::aliceHandler();
        settings.authMechanismsBeforeTls.insert(SaslMechanism::Type::Plain);
        SessionFixture f(withFaults({u"auth:alice:535 5.7.8 not you"_s}, settings));
        QVERIFY(f.greetAndEhlo());
        f.client("AUTH PLAIN " + QByteArray("\0alice\0secret", 13).toBase64() + "\r\n");
        QVERIFY(f.expectReply("535 5.7.8 not you\r\n"_ba));
        QVERIFY(f.session()->info().authUser.isEmpty());
        f.client("NOOP\r\n"_ba);
        QVERIFY(f.expectCode(250));
    }

    void rsetAndQuit()
    {
        SessionFixture f(withFaults({u"rset:*:451 4.3.0 no reset"_s, u"quit:*:disconnect"_s}));
        QVERIFY(f.greetAndEhlo());
        f.client("RSET\r\n"_ba);
        QVERIFY(f.expectReply("451 4.3.0 no reset\r\n"_ba));
        f.client("QUIT\r\n"_ba);
        QTRY_VERIFY(f.finished);
        QVERIFY(f.expectSilence());
    }

    /// New rules reach a session that is already open, at its next command.
    void rulesChangeLive()
    {
        SmtpServerSettings settings = withFaults({});
        const std::shared_ptr<FaultInjector> injector = settings.faults;
        SessionFixture f(settings);
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<a@x.test>\r\nRCPT TO:<r@x.test>\r\n"_ba);
        QVERIFY(f.expectCode(250) && f.expectCode(250));
        injector->configure(faultSettingsOf({u"rcpt:*:450 4.2.0 now busy"_s}, 7));
        f.client("RCPT TO:<s@x.test>\r\n"_ba);
        QVERIFY(f.expectReply("450 4.2.0 now busy\r\n"_ba));
        FaultSettings off = injector->settings();
        off.enabled = false;
        injector->configure(off);
        f.client("RCPT TO:<t@x.test>\r\n"_ba);
        QVERIFY(f.expectCode(250));
    }
};

QTEST_GUILESS_MAIN(TestSessionFaults)
#include "tst_sessionfaults.moc"
