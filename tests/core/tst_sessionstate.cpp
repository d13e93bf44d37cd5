// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtp/sessionstate.h"

#include <QTest>

/// The transitions SmtpSession::enterState() accepts.
class TestSessionState final : public QObject
{
    Q_OBJECT

private slots:
    void closingIsReachableFromEverywhere()
    {
        for (int s = int(SessionState::Greeting); s <= int(SessionState::Closing); ++s)
            QVERIFY(isAllowedTransition(SessionState(s), SessionState::Closing));
    }

    void closingLeadsNowhereElse()
    {
        for (int s = int(SessionState::Greeting); s < int(SessionState::Closing); ++s)
            QVERIFY(!isAllowedTransition(SessionState::Closing, SessionState(s)));
    }

    void transactionFollowsRfc5321Order()
    {
        QVERIFY(isAllowedTransition(SessionState::Ready, SessionState::MailFrom));
        QVERIFY(!isAllowedTransition(SessionState::Greeting, SessionState::MailFrom));
        QVERIFY(isAllowedTransition(SessionState::MailFrom, SessionState::RcptTo));
        QVERIFY(!isAllowedTransition(SessionState::MailFrom, SessionState::Data));
        QVERIFY(isAllowedTransition(SessionState::RcptTo, SessionState::Data));
        QVERIFY(isAllowedTransition(SessionState::Data, SessionState::Delivering));
        QVERIFY(!isAllowedTransition(SessionState::RcptTo, SessionState::Delivering));
        QVERIFY(isAllowedTransition(SessionState::Delivering, SessionState::Ready));
    }

    void authOnlyOutsideTransactions()
    {
        QVERIFY(isAllowedTransition(SessionState::Ready, SessionState::Auth));
        QVERIFY(!isAllowedTransition(SessionState::MailFrom, SessionState::Auth));
        QVERIFY(isAllowedTransition(SessionState::Auth, SessionState::Ready));
        QVERIFY(!isAllowedTransition(SessionState::Auth, SessionState::MailFrom));
    }

    void handshakeNeverDuringData()
    {
        QVERIFY(isAllowedTransition(SessionState::Greeting, SessionState::TlsHandshake));
        QVERIFY(!isAllowedTransition(SessionState::Data, SessionState::TlsHandshake));
        QVERIFY(!isAllowedTransition(SessionState::Delivering, SessionState::TlsHandshake));
        QVERIFY(isAllowedTransition(SessionState::TlsHandshake, SessionState::Greeting));
    }

    void namesForTheLog()
    {
        QCOMPARE(toString(SessionState::MailFrom), QLatin1StringView("mail-from"));
        QCOMPARE(toString(SessionState::TlsHandshake), QLatin1StringView("tls-handshake"));
    }
};

QTEST_GUILESS_MAIN(TestSessionState)
#include "tst_sessionstate.moc"
