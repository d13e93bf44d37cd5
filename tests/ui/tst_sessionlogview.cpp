// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "models/sessionlogmodel.h"
#include "views/sessionlogview.h"

#include <QApplication>
#include <QScrollBar>
#include <QSignalSpy>
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
