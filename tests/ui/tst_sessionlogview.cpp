// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "models/sessionlogmodel.h"
#include "views/sessionlogview.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

namespace {

void appendLines(SessionLogModel *model, int count, qint64 messageId = 0)
{
    for (int i = 0; i < count; ++i) {
        ProtocolLine line;
        line.sessionId = 1;
        line.time = QDateTime::currentDateTimeUtc();
        line.direction = Direction::ClientToServer;
        line.bytes = "NOOP " + QByteArray::number(i) + "\r\n";
        model->append(line);
    }
    if (messageId > 0)
        model->appendNote(1, QStringLiteral("stored as message"), messageId);
    model->flush();
}

} // namespace

class TestSessionLogView final : public QObject
{
    Q_OBJECT

private slots:
    /// The log follows new lines while the user is at the bottom, and stays put once they
    /// scroll up (Wireshark's rule: only if rows came in and the bar was at the end).
    void followsTailOnlyAtTheBottom()
    {
        SessionLogModel model;
        SessionLogView view;
        view.setModel(&model);
        view.resize(400, 200);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        appendLines(&model, 200);
        QScrollBar *bar = view.verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > 0 && bar->value() == bar->maximum());
        QVERIFY(view.followsTail());

        bar->setValue(10); // the user scrolls up to read
        QVERIFY(!view.followsTail());
        appendLines(&model, 50);
        QTest::qWait(SessionLogView::kTailIntervalMs * 3);
        QCOMPARE(bar->value(), 10);

        bar->setValue(bar->maximum()); // and back down: following again
        QVERIFY(view.followsTail());
        appendLines(&model, 50);
        QTRY_COMPARE(bar->value(), bar->maximum());
    }

    /// The context menu's Show credentials reaches the log model through the per-session
    /// proxy; it starts off, and Copy takes the text as shown.
    void showCredentialsActionRevealsThroughTheProxy()
    {
        SessionLogModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        SessionLogView view;
        view.setModel(&proxy);
        QAction *action = view.showCredentialsAction();
        QVERIFY(action);
        QVERIFY(action->isCheckable());
        QVERIFY(!action->isChecked());
        QCOMPARE(view.contextMenuPolicy(), Qt::ActionsContextMenu);
        QVERIFY(view.actions().contains(action));

        ProtocolLine credential;
        credential.sessionId = 1;
        credential.time = QDateTime::currentDateTimeUtc();
        credential.direction = Direction::ClientToServer;
        credential.bytes = "****\r\n";
        credential.revealedBytes = "c2VjcmV0  [password \"secret\"]";
        model.append(credential);
        model.flush();
        const QModelIndex text = proxy.index(0, SessionLogModel::TextColumn);
        QCOMPARE(text.data().toString(), QStringLiteral("****"));
        view.copySelection();
        QVERIFY(!QApplication::clipboard()->text().contains(QStringLiteral("secret")));

        QSignalSpy changed(&proxy, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&proxy, &QAbstractItemModel::modelReset);
        action->trigger();
        QVERIFY(model.showCredentials());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(text.data().toString(), QString::fromUtf8(credential.revealedBytes));
        view.copySelection();
        QVERIFY(QApplication::clipboard()->text().endsWith(
            QStringLiteral("C: c2VjcmV0  [password \"secret\"]\n")));

        action->trigger();
        QVERIFY(!model.showCredentials());
        QCOMPARE(text.data().toString(), QStringLiteral("****"));

        // A model set later follows the action's state.
        action->setChecked(true);
        SessionLogModel other;
        view.setModel(&other);
        QVERIFY(other.showCredentials());
    }

    void activatingANoteOpensItsMessage()
    {
        SessionLogModel model;
        SessionLogView view;
        view.setModel(&model);
        appendLines(&model, 1, 42);
        QSignalSpy activated(&view, &SessionLogView::messageActivated);
        emit view.activated(model.index(0, SessionLogModel::TextColumn));
        QCOMPARE(activated.count(), 0); // an ordinary line points nowhere
        emit view.activated(model.index(1, SessionLogModel::TextColumn));
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toLongLong(), 42);
    }
};

QTEST_MAIN(TestSessionLogView)
#include "tst_sessionlogview.moc"
