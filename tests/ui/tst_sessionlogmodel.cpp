// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "models/sessionlogmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

ProtocolLine line(quint64 session, Direction direction, const QByteArray &bytes)
{
    ProtocolLine l;
    l.sessionId = session;
    l.time = QDateTime::currentDateTimeUtc();
    l.direction = direction;
    l.bytes = bytes;
    return l;
}

} // namespace

class TestSessionLogModel final : public QObject
{
    Q_OBJECT

private slots:
    void batchedAppend()
    {
        SessionLogModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        for (int i = 0; i < 10; ++i)
            model.append(line(1, Direction::ClientToServer, "NOOP\r\n"));
        QCOMPARE(model.rowCount(), 0);
        QTRY_COMPARE(model.rowCount(), 10);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(2).toInt(), 9);
    }

    /// Hidden log: lines are kept (bounded) but not inserted until it is shown again.
    void pausedCollectsWithoutInserting()
    {
        SessionLogModel model;
        model.setCapacity(10);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPaused(true);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        for (int i = 0; i < 25; ++i)
            model.append(line(1, Direction::ClientToServer, QByteArray::number(i)));
        QTest::qWait(SessionLogModel::kFlushIntervalMs * 3);
        QCOMPARE(model.rowCount(), 0);
        model.setPaused(false);
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.droppedLines(), 15);
        QCOMPARE(model.index(0, SessionLogModel::TextColumn).data().toString(), u"15");
    }

    /// Overflow: the oldest lines go first (one removal), then the batch comes in (one insert).
    void capacityDropsOldestBeforeInsert()
    {
        SessionLogModel model;
        model.setCapacity(5);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int i = 0; i < 3; ++i)
            model.append(line(1, Direction::ClientToServer, "A" + QByteArray::number(i)));
        model.flush();
        QStringList order;
        connect(&model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                [&order](const QModelIndex &, int first, int last) {
                    order.append(QStringLiteral("remove %1-%2").arg(first).arg(last));
                });
        connect(&model, &QAbstractItemModel::rowsAboutToBeInserted, this,
                [&order](const QModelIndex &, int first, int last) {
                    order.append(QStringLiteral("insert %1-%2").arg(first).arg(last));
                });
        QSignalSpy dropped(&model, &SessionLogModel::linesDropped);
        for (int i = 3; i < 7; ++i)
            model.append(line(1, Direction::ServerToClient, "B" + QByteArray::number(i)));
        model.flush();
        QCOMPARE(order, QStringList({QStringLiteral("remove 0-1"), QStringLiteral("insert 1-4")}));
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.droppedLines(), 2);
        QCOMPARE(dropped.count(), 1);
        QCOMPARE(model.index(0, SessionLogModel::TextColumn).data().toString(), u"A2");
        QCOMPARE(model.index(4, SessionLogModel::TextColumn).data().toString(), u"B6");
    }

    /// A burst bigger than the whole log keeps only its newest lines.
    void burstBiggerThanCapacity()
    {
        SessionLogModel model;
        model.setCapacity(100);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int i = 0; i < 50; ++i)
            model.append(line(1, Direction::ClientToServer, "old"));
        model.flush();
        for (int i = 0; i < 1000; ++i)
            model.append(line(2, Direction::ClientToServer, QByteArray::number(i)));
        model.flush();
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.droppedLines(), 950);
        QCOMPARE(model.index(0, SessionLogModel::TextColumn).data().toString(), u"900");
        QCOMPARE(model.index(99, SessionLogModel::TextColumn).data().toString(), u"999");
    }

    void displayTextShowsLineEndsAndCuts()
    {
        QCOMPARE(SessionLogModel::displayText("EHLO a\r\n", 0), QStringLiteral("EHLO a"));
        QCOMPARE(SessionLogModel::displayText("250-a\r\n250 b\r\n", 0),
                 QStringLiteral("250-a\\r\\n250 b"));
        QCOMPARE(SessionLogModel::displayText("DATA\n", 0), QStringLiteral("DATA\\n"));
        const QString cut = SessionLogModel::displayText(QByteArray(300, 'x'), 10);
        QVERIFY(cut.startsWith(QString(SessionLogModel::kDisplayChars, u'x') + u' '));
        QVERIFY2(cut.endsWith(u"+ 110 bytes"), qPrintable(cut));
    }

    void rolesAndColours()
    {
        SessionLogModel model;
        model.append(line(7, Direction::ServerToClient, "250 OK\r\n"));
        model.appendNote(7, QStringLiteral("stored as message 42"), 42);
        model.flush();
        const QModelIndex server = model.index(0, SessionLogModel::TextColumn);
        QCOMPARE(server.data(SessionLogModel::SessionIdRole).toULongLong(), 7u);
        QCOMPARE(server.data(SessionLogModel::DirectionRole).toInt(),
                 int(Direction::ServerToClient));
        QCOMPARE(server.data(Qt::ForegroundRole).value<QColor>(),
                 SessionLogModel::colorFor(Direction::ServerToClient));
        QVERIFY(SessionLogModel::colorFor(Direction::ServerToClient)
                != SessionLogModel::colorFor(Direction::ClientToServer));
        QCOMPARE(model.index(1, 0).data(SessionLogModel::MessageIdRole).toLongLong(), 42);
        QCOMPARE(model.index(0, SessionLogModel::DirectionColumn).data().toString(), u"S:");
    }

    /// A fault rule's mark stands out: its own colour, a "!" and a tinted row.
    void faultLinesAreHighlighted()
    {
        SessionLogModel model;
        model.append(line(7, Direction::ClientToServer, "RCPT TO:<b@blocked.test>\r\n"));
        model.append(line(7, Direction::Fault, "fault rule 1 (rcpt:*:550): replaces the reply"));
        model.flush();
        const QModelIndex fault = model.index(1, SessionLogModel::TextColumn);
        QCOMPARE(fault.data(SessionLogModel::DirectionRole).toInt(), int(Direction::Fault));
        QCOMPARE(fault.data(Qt::ForegroundRole).value<QColor>(),
                 SessionLogModel::colorFor(Direction::Fault));
        for (const Direction other :
             {Direction::ClientToServer, Direction::ServerToClient, Direction::Note})
            QVERIFY(SessionLogModel::colorFor(Direction::Fault)
                    != SessionLogModel::colorFor(other));
        QCOMPARE(model.index(1, SessionLogModel::DirectionColumn).data().toString(), u"!");
        QVERIFY(fault.data(Qt::BackgroundRole).value<QColor>().isValid());
        QVERIFY(!model.index(0, SessionLogModel::TextColumn).data(Qt::BackgroundRole).isValid());
    }

    /// Show credentials swaps the masked text of a credential line for its clear text, in the
    /// warning colour, with one dataChanged and no reset; lines without clear text stay masked.
    void showCredentialsTogglesRevealedText()
    {
        SessionLogModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append(line(3, Direction::ClientToServer, "EHLO c.test\r\n"));
        ProtocolLine credential = line(3, Direction::ClientToServer, "AUTH PLAIN ****\r\n");
        credential.revealedBytes =
            "AUTH PLAIN AGFsaWNlAHNlY3JldA==  [authzid \"\", user \"alice\", password \"secret\"]";
        model.append(credential);
        model.append(line(3, Direction::ServerToClient, "235 2.7.0 Authentication successful\r\n"));
        model.append(line(4, Direction::ClientToServer, "****\r\n")); // stored: no clear text
        model.flush();
        const QModelIndex text = model.index(1, SessionLogModel::TextColumn);
        const QModelIndex stored = model.index(3, SessionLogModel::TextColumn);

        QVERIFY(!model.showCredentials());
        QCOMPARE(text.data().toString(), u"AUTH PLAIN ****");
        QVERIFY(!text.data().toString().contains(u"secret"));
        QCOMPARE(text.data(SessionLogModel::RevealedBytesRole).toByteArray(), QByteArray());
        QCOMPARE(text.data(Qt::ForegroundRole).value<QColor>(),
                 SessionLogModel::colorFor(Direction::ClientToServer));
        QVERIFY(text.data(Qt::ToolTipRole).toString().contains(u"Show credentials"));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setShowCredentials(true);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 1);
        QCOMPARE(text.data().toString(), QString::fromUtf8(credential.revealedBytes));
        QCOMPARE(text.data(SessionLogModel::RevealedBytesRole).toByteArray(),
                 credential.revealedBytes);
        QCOMPARE(text.data(SessionLogModel::BytesRole).toByteArray(), credential.bytes);
        QCOMPARE(text.data(Qt::ForegroundRole).value<QColor>(), SessionLogModel::credentialColor());
        QVERIFY(SessionLogModel::credentialColor()
                != SessionLogModel::colorFor(Direction::ClientToServer));
        QCOMPARE(text.data(Qt::ToolTipRole).toString(), u"Shown because Show credentials is on."_s);
        QCOMPARE(stored.data().toString(), u"****");
        QVERIFY(stored.data(Qt::ToolTipRole).toString().contains(u"cannot be shown"));
        QCOMPARE(model.index(0, SessionLogModel::TextColumn).data().toString(), u"EHLO c.test");

        model.setShowCredentials(true); // no change, no signal
        QCOMPARE(changed.count(), 1);
        model.setShowCredentials(false);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(text.data().toString(), u"AUTH PLAIN ****");
        QCOMPARE(text.data(SessionLogModel::RevealedBytesRole).toByteArray(), QByteArray());
    }

    /// A stored trace has no clear text, so showing credentials changes nothing in it.
    void storedTraceStaysMasked()
    {
        SessionLogModel model;
        model.setLines({line(5, Direction::ClientToServer, "AUTH LOGIN\r\n"),
                        line(5, Direction::ClientToServer, "****\r\n")});
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setShowCredentials(true);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(model.index(1, SessionLogModel::TextColumn).data().toString(), u"****");
        QVERIFY(!model.index(1, SessionLogModel::TextColumn).data(Qt::DecorationRole).isNull());
    }

    /// One session's trace is a proxy over the shared log, not a model of its own.
    void filterBySession()
    {
        SessionLogModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setFilterRole(SessionLogModel::SessionIdRole);
        proxy.setFilterRegularExpression(QRegularExpression(QStringLiteral("^2$")));
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (quint64 session : {1u, 2u, 12u, 2u, 21u})
            model.append(line(session, Direction::ClientToServer, "x"));
        model.flush();
        QCOMPARE(proxy.rowCount(), 2);
        model.setCapacity(2); // the oldest session-2 line goes
        QCOMPARE(proxy.rowCount(), 1);
    }
};

QTEST_MAIN(TestSessionLogModel)
#include "tst_sessionlogmodel.moc"
