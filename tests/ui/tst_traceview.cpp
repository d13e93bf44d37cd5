// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "exchange/messageimporter.h"
#include "mainwindow.h"
#include "models/inboxmodel.h"
#include "models/sessionlistmodel.h"
#include "models/sessionlogmodel.h"
#include "openstore.h"
#include "smtptestclient.h"
#include "testsettings.h"
#include "views/messageview.h"
#include "views/sessionlogview.h"
#include "views/traceview.h"
#include "windowparts.h"

#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace WindowParts;

/// The protocol trace as the desktop app shows it: the Trace tab of a message, the Sessions
/// page's log, and the sessions it lists after a restart.
class TestTraceView final : public QObject
{
    Q_OBJECT

    static int start(MainWindow &window)
    {
        QSignalSpy applied(&window, &MainWindow::serverApplied);
        window.startServer();
        if (applied.isEmpty() && !applied.wait(20000))
            return -1;
        return applied.size() == 1 ? int(applied.constFirst().constFirst().toBool()) : -1;
    }

    static quint16 port(const MainWindow &window)
    {
        const auto address = controller(window)->listenAddress();
        return address ? address->port : 0;
    }

    /// Sends `count` messages ("message 1" ...) in one SMTP session; true if all were queued.
    static bool sendSession(quint16 port, int count)
    {
        SmtpTestClient client;
        if (!client.connectPlain(port) || client.replyCode() != 220)
            return false;
        client.send("EHLO client.test\r\n");
        if (client.replyCode() != 250)
            return false;
        for (int i = 1; i <= count; ++i) {
            const QByteArray content = "Subject: message " + QByteArray::number(i) + "\r\n\r\nbody "
                                       + QByteArray::number(i) + "\r\n";
            if (client.sendMessage("alice@example.test", {"bob@example.test"}, content) != 250)
                return false;
        }
        client.send("QUIT\r\n");
        return client.replyCode() == 221;
    }

    static qint64 idOfSubject(InboxModel *inbox, const QString &subject)
    {
        for (int row = 0; row < inbox->rowCount(); ++row) {
            if (inbox->index(row, InboxModel::SubjectColumn).data().toString() == subject)
                return inbox->index(row, 0).data(InboxModel::MessageIdRole).toLongLong();
        }
        return 0;
    }

    static QByteArray bytesAt(const QAbstractItemModel *model, int row)
    {
        return model->index(row, 0).data(SessionLogModel::BytesRole).toByteArray();
    }

    /// The rows of the reply to EHLO, as the model has them.
    static QList<QByteArray> ehloReplyRows(const QAbstractItemModel *model)
    {
        QList<QByteArray> rows;
        int row = 0;
        while (row < model->rowCount() && bytesAt(model, row) != "EHLO client.test\r\n")
            ++row;
        for (++row; row < model->rowCount(); ++row) {
            const QByteArray bytes = bytesAt(model, row);
            if (!bytes.startsWith("250"))
                break;
            rows.append(bytes);
            if (bytes.startsWith("250 "))
                break;
        }
        return rows;
    }

    static MessageView *showMessage(const MainWindow &window, qint64 id)
    {
        if (!inboxPage(window)->selectMessage(id))
            return nullptr;
        MessageView *view = messageView(window);
        if (!QTest::qWaitFor([&] { return view->hasMessage() && view->details().id == id; }))
            return nullptr;
        return view;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    /// The 12th of 25 messages in one session: the Trace tab opens at its transaction (MAIL
    /// FROM to "250 ... queued as <id>"), highlighted, with the rest of the session dimmed
    /// but there, and the session's facts above it. It used to open at the end of the
    /// session, on other messages' commands and QUIT.
    void midSessionMessageOpensAtItsTransaction()
    {
        QTemporaryDir store;
        MainWindow window(testSettings(store.path()));
        window.resize(1100, 760);
        window.show();
        QCOMPARE(start(window), 1);
        constexpr int kMessages = 25;
        QVERIFY(sendSession(port(window), kMessages));
        InboxModel *inbox = inboxModel(window);
        QTRY_COMPARE(inbox->rowCount(), kMessages);

        const qint64 id = idOfSubject(inbox, u"message 12"_s);
        QVERIFY(id > 0);
        MessageView *view = showMessage(window, id);
        QVERIFY(view);
        auto *tabs = view->findChild<QTabWidget *>(u"messageTabs"_s);
        tabs->setCurrentIndex(MessageView::TraceTab);
        auto *trace = view->findChild<TraceView *>();
        QVERIFY(trace);
        const SessionLogModel *model = trace->model();

        const int first = model->markedFirstRow();
        const int last = model->markedLastRow();
        QVERIFY(first > 0);
        QVERIFY(last > first);
        QCOMPARE(bytesAt(model, first), "MAIL FROM:<alice@example.test>\r\n"_ba);
        QCOMPARE(bytesAt(model, last),
                 "250 2.0.0 Ok: queued as " + QByteArray::number(id) + "\r\n");
        // It is the 12th transaction of the session, not any MAIL FROM.
        int mailsBefore = 0;
        for (int row = 0; row < first; ++row)
            mailsBefore += bytesAt(model, row).startsWith("MAIL FROM:") ? 1 : 0;
        QCOMPARE(mailsBefore, 11);
        // Highlighted inside, dimmed (but present) outside.
        QVERIFY(model->index(first, 0).data(SessionLogModel::MarkedRole).toBool());
        QVERIFY(model->index(last, 0).data(SessionLogModel::MarkedRole).toBool());
        QVERIFY(!model->index(first - 1, 0).data(SessionLogModel::MarkedRole).toBool());
        QVERIFY(!model->index(last + 1, 0).data(SessionLogModel::MarkedRole).toBool());
        QVERIFY(model->index(first, 0).data(Qt::BackgroundRole).isValid());
        const auto alpha = [model](int row) {
            return model->index(row, SessionLogModel::TextColumn)
                .data(Qt::ForegroundRole)
                .value<QColor>()
                .alphaF();
        };
        QVERIFY(alpha(last + 1) < 0.9);
        QCOMPARE(alpha(first), 1.0f);

        // Opened scrolled to the transaction: its MAIL FROM is the top row, the end of the
        // session (the later messages) is off screen.
        SessionLogView *log = trace->view();
        QTRY_COMPARE(log->indexAt(QPoint(4, 2)).row(), first);
        const QRect end = log->visualRect(model->index(model->rowCount() - 1, 0));
        QVERIFY(!log->viewport()->rect().intersects(end));

        // The session's facts head the trace.
        const QString header = trace->findChild<QLabel *>(u"traceHeader"_s)->text();
        QVERIFY2(header.contains(u"127.0.0.1"_s), qPrintable(header));
        QVERIFY2(header.contains(u"no TLS"_s), qPrintable(header));
        QVERIFY2(header.contains(u"no AUTH"_s), qPrintable(header));
        QVERIFY2(header.contains(u"client.test"_s), qPrintable(header));

        // With the Trace tab already open, the next message opens at its own transaction too.
        const qint64 fifth = idOfSubject(inbox, u"message 5"_s);
        QVERIFY(showMessage(window, fifth));
        QCOMPARE(bytesAt(model, model->markedLastRow()),
                 "250 2.0.0 Ok: queued as " + QByteArray::number(fifth) + "\r\n");
        QTRY_COMPARE(log->indexAt(QPoint(4, 2)).row(), model->markedFirstRow());
    }

    /// A multi-line reply shows as the lines it was on the wire ("250-..." then "250 ..."),
    /// in the Trace tab and in the live log, never squashed onto one row with \r\n in it.
    void multiLineReplyIsOneRowPerLine()
    {
        QTemporaryDir store;
        MainWindow window(testSettings(store.path()));
        window.show();
        QCOMPARE(start(window), 1);
        QVERIFY(sendSession(port(window), 1));
        QTRY_COMPARE(inboxModel(window)->rowCount(), 1);
        MessageView *view = showMessage(
            window, inboxModel(window)->index(0, 0).data(InboxModel::MessageIdRole).toLongLong());
        QVERIFY(view);

        const SessionLogModel *trace = view->findChild<TraceView *>()->model();
        const QList<QByteArray> rows = ehloReplyRows(trace);
        QVERIFY2(rows.size() >= 5, rows.join().constData());
        QVERIFY(rows.first().startsWith("250-"));
        QVERIFY(rows.last().startsWith("250 "));
        for (const QByteArray &row : rows)
            QCOMPARE(row.count("\r\n"), 1);
        for (int row = 0; row < trace->rowCount(); ++row) {
            const QString shown = trace->index(row, SessionLogModel::TextColumn).data().toString();
            QVERIFY2(!shown.contains(u"\\r\\n"_s) && !shown.contains(u'…'), qPrintable(shown));
        }

        mainTabs(window)->setCurrentIndex(1);
        SessionLogModel *live = sessionLog(window);
        QTRY_VERIFY(ehloReplyRows(live).size() == rows.size());
        QCOMPARE(ehloReplyRows(live), rows);
    }

    /// The Sessions page lists the sessions of earlier runs after a restart, and shows a
    /// stored session's trace when it is selected. An import is not an SMTP session: it takes
    /// no session number and is not listed.
    void sessionsComeBackAfterRestartWithoutImports()
    {
        QTemporaryDir store;
        {
            QString error;
            auto opened = openStore(store.path(), &error);
            QVERIFY2(opened, qPrintable(error));
            const QString eml = store.filePath(u"imported.eml"_s);
            QFile file(eml);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("From: a@example.test\r\nSubject: imported\r\n\r\nhi\r\n");
            file.close();
            const auto imported = MessageImporter(opened.get()).run({eml});
            QVERIFY(imported.problems.isEmpty());
        }
        {
            MainWindow window(testSettings(store.path()));
            window.show();
            QCOMPARE(start(window), 1);
            QVERIFY(sendSession(port(window), 1));
            QVERIFY(sendSession(port(window), 2));
            QTRY_COMPARE(inboxModel(window)->rowCount(), 4);
            QTRY_COMPARE(sessionList(window)->rowCount(), 2);
            QTRY_VERIFY(
                !sessionList(window)->index(1, 0).data(SessionListModel::RunningRole).toBool());
            // Numbered from 1: the import before them took no number.
            QCOMPARE(sessionList(window)
                         ->index(0, 0)
                         .data(SessionListModel::SessionIdRole)
                         .toULongLong(),
                     quint64(1));
            QCOMPARE(sessionList(window)
                         ->index(1, 0)
                         .data(SessionListModel::SessionIdRole)
                         .toULongLong(),
                     quint64(2));
        }

        MainWindow window(testSettings(store.path()));
        window.show();
        QCOMPARE(start(window), 1);
        SessionListModel *sessions = sessionList(window);
        // The stored sessions arrive in one batch.
        QTRY_VERIFY(sessions->rowCount() > 0);
        QCOMPARE(sessions->rowCount(), 2);
        for (int row = 0; row < 2; ++row) {
            const QModelIndex index = sessions->index(row, 0);
            QCOMPARE(index.data(SessionListModel::SessionIdRole).toULongLong(), quint64(row + 1));
            QVERIFY(index.data(SessionListModel::StoredRole).toBool());
            QVERIFY(!index.data(SessionListModel::RunningRole).toBool());
        }
        QCOMPARE(sessions->index(1, SessionListModel::MessagesColumn).data().toInt(), 2);

        mainTabs(window)->setCurrentIndex(1);
        auto *list = window.findChild<QTableView *>(u"sessionsView"_s);
        list->selectRow(0);
        auto *stored = window.findChild<SessionLogModel *>(u"storedSessionLog"_s);
        QVERIFY(stored);
        QTRY_VERIFY(stored->rowCount() > 5);
        bool sawMail = false;
        for (int row = 0; row < stored->rowCount(); ++row)
            sawMail = sawMail || bytesAt(stored, row).startsWith("MAIL FROM:");
        QVERIFY(sawMail);
        QVERIFY(ehloReplyRows(stored).size() >= 5);

        // A new session continues the numbering and is live.
        QVERIFY(sendSession(port(window), 1));
        QTRY_COMPARE(sessions->rowCount(), 3);
        const int row = sessions->rowOf(3);
        QVERIFY(row >= 0);
        QVERIFY(!sessions->index(row, 0).data(SessionListModel::StoredRole).toBool());
    }
};

QTEST_MAIN(TestTraceView)
#include "tst_traceview.moc"
