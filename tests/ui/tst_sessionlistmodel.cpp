// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "models/sessionlistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {

SessionInfo session(quint64 id)
{
    SessionInfo s;
    s.sessionId = id;
    s.started = QDateTime::currentDateTimeUtc();
    s.remoteAddress = QStringLiteral("127.0.0.1");
    s.remotePort = quint16(40000 + id);
    return s;
}

} // namespace

class TestSessionListModel final : public QObject
{
    Q_OBJECT

private slots:
    void startUpdateEnd()
    {
        SessionListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.sessionStarted(session(1));
        model.sessionStarted(session(2));
        AuthAttempt attempt;
        attempt.sessionId = 2;
        attempt.user = QStringLiteral("alice");
        attempt.success = true;
        model.authAttempted(attempt); // still pending: applied to the pending row
        model.flush();
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.openSessions(), 2);
        QCOMPARE(model.index(1, SessionListModel::AuthColumn).data().toString(), u"alice ✓");

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        ReceivedMessage message;
        message.sessionId = 1;
        model.messageReceived(message);
        SessionInfo ended = session(1);
        ended.ended = ended.started.addMSecs(250);
        ended.endReason = QStringLiteral("quit");
        model.sessionEnded(ended);
        model.flush();
        QCOMPARE(changed.count(), 1); // coalesced
        QCOMPARE(model.index(0, SessionListModel::MessagesColumn).data().toInt(), 1);
        QCOMPARE(model.index(0, SessionListModel::DurationColumn).data().toString(), u"250 ms");
        QCOMPARE(model.index(0, SessionListModel::EndColumn).data().toString(), u"quit");
        QCOMPARE(model.openSessions(), 1);
    }

    void capacityDropsOldest()
    {
        SessionListModel model;
        model.setCapacity(3);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (quint64 id = 1; id <= 4; ++id)
            model.sessionStarted(session(id));
        model.flush();
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.rowOf(1), -1);
        QCOMPARE(model.rowOf(2), 0);
        model.sessionStarted(session(5));
        model.flush();
        QCOMPARE(model.rowOf(5), 2);
        QCOMPARE(model.rowOf(3), 0);
        // Updates to a dropped session are ignored; to a kept one, land on the right row.
        SessionInfo ended = session(4);
        ended.ended = ended.started;
        ended.endReason = QStringLiteral("timeout");
        model.sessionEnded(ended);
        model.sessionEnded(session(1));
        model.flush();
        QCOMPARE(model.index(1, SessionListModel::EndColumn).data().toString(), u"timeout");
        // A burst bigger than the capacity.
        for (quint64 id = 10; id < 20; ++id)
            model.sessionStarted(session(id));
        model.flush();
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.rowOf(17), 0);
        QCOMPARE(model.rowOf(19), 2);
    }
};

QTEST_MAIN(TestSessionListModel)
#include "tst_sessionlistmodel.moc"
