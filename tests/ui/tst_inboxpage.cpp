// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "mainactions.h"
#include "openstore.h"
#include "store/storereader.h"
#include "storefiller.h"
#include "testsettings.h"
#include "views/messageschemehandler.h"
#include "windowparts.h"
#include "windowsteps.h"

#include <QAbstractButton>
#include <QApplication>
#include <QHeaderView>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

using namespace WindowParts;
using namespace WindowSteps;

/// The Inbox tab as a user meets it: what selecting, searching and deleting do to the list, the
/// viewer and the store, in a real window over a real store.
class TestInboxPage final : public QObject
{
    Q_OBJECT

private:
    /// Messages the store holds unread (the model's count follows the store's answers).
    static int storeUnread(const QString &directory)
    {
        auto reader = StoreReader::open(directory);
        if (!reader)
            return -1;
        int unread = 0;
        for (const StoredMessage &message : (*reader)->list())
            unread += message.read ? 0 : 1;
        return unread;
    }

    static qint64 storeCount(const QString &directory)
    {
        auto reader = StoreReader::open(directory);
        return reader ? (*reader)->messageCount() : -1;
    }

    static void search(const MainWindow &window, const QString &query)
    {
        searchBox(window)->setText(query);
        QSignalSpy edited(searchBox(window), &SearchBox::queryEdited);
        QVERIFY(edited.wait());
        QTRY_VERIFY(!inboxModel(window)->isBusy());
    }

    static void clickRow(const MainWindow &window, int row)
    {
        InboxView *view = inboxView(window);
        const QRect rect = view->visualRect(inboxModel(window)->index(row, 0));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    }

    static QAbstractButton *button(const QMessageBox *box, const QString &text)
    {
        for (QAbstractButton *candidate : box->buttons()) {
            if (candidate->text() == text)
                return candidate;
        }
        return nullptr;
    }

    static QMessageBox *deleteAllDialog(const MainWindow &window)
    {
        return window.findChild<QMessageBox *>(QStringLiteral("deleteAllDialog"));
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    /// Home and End go to the first and the last message (QTableView's own would move between
    /// columns of a row, which select nothing new here).
    void homeAndEndGoToFirstAndLastMessage()
    {
        QTemporaryDir store;
        QVERIFY(fillStore(store.path(), 6));
        MainWindow window(testSettings(store.path()));
        window.show();
        QCOMPARE(start(window), 1);
        InboxModel *inbox = inboxModel(window);
        QTRY_COMPARE(inbox->rowCount(), 6);
        clickRow(window, 2);
        InboxView *view = inboxView(window);
        QTRY_COMPARE(view->currentIndex().row(), 2);
        QTest::keyClick(view, Qt::Key_End);
        QCOMPARE(view->currentIndex().row(), 5);
        QCOMPARE(inboxPage(window)->selectedIds(), QList<qint64>{inbox->idAt(5)});
        QTest::keyClick(view, Qt::Key_Home);
        QCOMPARE(view->currentIndex().row(), 0);
        QCOMPARE(inboxPage(window)->selectedIds(), QList<qint64>{inbox->idAt(0)});
    }

    /// Opening a store, searching and the selection that follows on their own show a message
    /// but leave it unread; a row the user clicks (even the one already shown) is read after
    /// the browsing delay.
    void onlyTheUserMarksMailRead()
    {
        QTemporaryDir store;
        QVERIFY(fillStore(store.path(), 6));
        MainWindow window(testSettings(store.path()));
        window.show();
        QSignalSpy shown(inboxPage(window), &InboxPage::messageShown);
        QCOMPARE(start(window), 1);
        InboxModel *inbox = inboxModel(window);
        QTRY_COMPARE(inbox->rowCount(), 6);
        QVERIFY(shown.wait());
        QCOMPARE(inbox->unreadCount(), 6);

        search(window, QStringLiteral("from:alice"));
        QCOMPARE(inbox->rowCount(), 2);
        QTRY_VERIFY(messageView(window)->hasMessage()
                    && inbox->rowOf(messageView(window)->details().id) >= 0);
        QTRY_VERIFY(!inbox->isBusy());
        QCOMPARE(inbox->unreadCount(), 6);
        QCOMPARE(storeUnread(store.path()), 6);

        // A click on the row already shown is the user's choice.
        const int shownRow = inbox->rowOf(messageView(window)->details().id);
        clickRow(window, shownRow);
        QTRY_COMPARE(inbox->unreadCount(), 5);
        QVERIFY(!inbox->index(shownRow, 0).data(InboxModel::UnreadRole).toBool());
        clickRow(window, 1 - shownRow);
        QTRY_COMPARE(inbox->unreadCount(), 4);
        QTRY_COMPARE(storeUnread(store.path()), 4);
    }

    /// A query that does not parse says why right under the search box, greys the list and
    /// empties the viewer; a query without hits says so, and the viewer shows nothing that is
    /// not listed.
    void searchStateIsNeverStale()
    {
        QTemporaryDir store;
        QVERIFY(fillStore(store.path(), 4, 1));
        MainWindow window(testSettings(store.path()));
        window.show();
        QCOMPARE(start(window), 1);
        InboxModel *inbox = inboxModel(window);
        QTRY_COMPARE(inbox->rowCount(), 4);
        QTRY_VERIFY(messageView(window)->hasMessage());
        auto *error = window.findChild<QLabel *>(QStringLiteral("searchError"));
        QVERIFY(error);
        QVERIFY(error->isHidden());

        search(window, QStringLiteral("from:alice has:nothing"));
        QTRY_VERIFY(error->isVisible());
        QVERIFY(error->text().contains(inbox->queryError()));
        QVERIFY(error->text().contains(u"has:"));
        SearchBox *box = searchBox(window);
        const QRect boxRect(box->mapTo(&window, QPoint()), box->size());
        const QRect errorRect(error->mapTo(&window, QPoint()), error->size());
        QVERIFY(errorRect.top() >= boxRect.bottom());
        QVERIFY(errorRect.top() - boxRect.bottom() < box->height());
        QVERIFY(errorRect.left() < boxRect.right() && errorRect.right() > boxRect.left());
        QVERIFY(!inboxView(window)->isEnabled());
        QVERIFY(!messageView(window)->hasMessage());
        QVERIFY(inboxPage(window)->selectedIds().isEmpty());
        auto *empty = window.findChild<QLabel *>(QStringLiteral("emptyInbox"));

        search(window, QStringLiteral("subject:nowhere"));
        QTRY_VERIFY(error->isHidden());
        QCOMPARE(inbox->rowCount(), 0);
        QVERIFY(empty->isVisible());
        QVERIFY2(empty->text().contains(u"No messages match"), qPrintable(empty->text()));
        QVERIFY(!messageView(window)->hasMessage());
        // Nothing listed, nothing to act on (a reset clears the selection without a signal).
        const QList<QAction *> actions = window.findChild<MainActions *>()->messageActions();
        for (const QAction *action : actions) {
            if (!action->text().startsWith(u"Delete All"))
                QVERIFY2(!action->isEnabled(), qPrintable(action->text()));
        }

        // A new result shows its own message, never the one from before.
        search(window, QStringLiteral("subject:match"));
        QCOMPARE(inbox->rowCount(), 1);
        QVERIFY(inboxView(window)->isEnabled());
        QTRY_VERIFY(messageView(window)->hasMessage());
        QCOMPARE(messageView(window)->details().id, inbox->idAt(0));

        // From a shown message straight to no hits: the viewer and the commands follow.
        search(window, QStringLiteral("subject:nowhere"));
        QCOMPARE(inbox->rowCount(), 0);
        QVERIFY(!messageView(window)->hasMessage());
        for (const QAction *action : actions) {
            if (!action->text().startsWith(u"Delete All"))
                QVERIFY2(!action->isEnabled(), qPrintable(action->text()));
        }
        // Then a query that does not parse: no stale "no match" for the query before.
        search(window, QStringLiteral("subject:("));
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(!empty->text().contains(u"nowhere"), qPrintable(empty->text()));
    }

    /// At 860 px the search box stays on screen (Ctrl+F reaches it), the tool bar drops its
    /// labels instead of hiding buttons behind », and Subject keeps the largest share.
    void narrowWindowKeepsSearchVisible()
    {
        QTemporaryDir store;
        QVERIFY(fillStore(store.path(), 3));
        MainWindow window(testSettings(store.path()));
        window.resize(860, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(start(window), 1);
        QTRY_COMPARE(inboxModel(window)->rowCount(), 3);

        SearchBox *box = searchBox(window);
        QVERIFY(box->isVisible());
        const QRect boxRect(box->mapTo(&window, QPoint()), box->size());
        QVERIFY2(window.rect().contains(boxRect), qPrintable(QStringLiteral("%1,%2 %3x%4")
                                                                 .arg(boxRect.x())
                                                                 .arg(boxRect.y())
                                                                 .arg(boxRect.width())
                                                                 .arg(boxRect.height())));
        QVERIFY(box->width() >= 200);
        window.activateWindow();
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(box->hasFocus());

        // Every command stays on the tool bar: none behind its » button.
        auto *toolBar = window.findChild<QToolBar *>(QStringLiteral("mainToolBar"));
        const auto extensionShown = [toolBar] {
            auto *extension =
                toolBar->findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button"));
            return extension && extension->isVisible();
        };
        QVERIFY(!extensionShown());
        QVERIFY(toolBar->toolButtonStyle() == Qt::ToolButtonIconOnly
                || toolBar->sizeHint().width() <= window.width());

        InboxView *view = inboxView(window);
        QHeaderView *header = view->horizontalHeader();
        const auto width = [header](int column) {
            return header->sectionSize(column);
        };
        QTRY_VERIFY(width(InboxModel::SubjectColumn) >= width(InboxModel::FromColumn));
        QVERIFY(width(InboxModel::SubjectColumn) >= width(InboxModel::ToColumn));
        QVERIFY(header->length() <= view->viewport()->width());
        QVERIFY(!view->horizontalScrollBar()->isVisible());

        // Narrower still, the labels go first.
        window.resize(480, 700);
        QTRY_COMPARE(toolBar->toolButtonStyle(), Qt::ToolButtonIconOnly);
        QTRY_VERIFY(!extensionShown());
        QVERIFY(box->isVisible());

        // Given room, the labels come back and the address columns their width; Subject takes
        // what is left.
        const int narrowFrom = width(InboxModel::FromColumn);
        window.resize(1400, 800);
        QTRY_COMPARE(toolBar->toolButtonStyle(), Qt::ToolButtonTextBesideIcon);
        QTRY_VERIFY(width(InboxModel::FromColumn) > narrowFrom);
        QVERIFY(width(InboxModel::SubjectColumn) > width(InboxModel::FromColumn));
        QCOMPARE(header->length(), view->viewport()->width());
    }

    /// "Delete All" in a search offers the messages shown or all of them, with the count on
    /// each button; without a search only all of them. Both go through the store.
    void deleteAllOffersShownOrAll()
    {
        QTemporaryDir store;
        QVERIFY(fillStore(store.path(), 6, 2));
        MainWindow window(testSettings(store.path()));
        window.show();
        QCOMPARE(start(window), 1);
        InboxModel *inbox = inboxModel(window);
        QTRY_COMPARE(inbox->rowCount(), 6);

        search(window, QStringLiteral("subject:match"));
        QCOMPARE(inbox->rowCount(), 2);
        inboxPage(window)->deleteAll();
        QTRY_VERIFY(deleteAllDialog(window) && deleteAllDialog(window)->isVisible());
        QMessageBox *dialog = deleteAllDialog(window);
        QVERIFY(button(dialog, QStringLiteral("Delete all 6")));
        QVERIFY(dialog->escapeButton());
        QCOMPARE(static_cast<QAbstractButton *>(dialog->defaultButton()), dialog->escapeButton());
        QAbstractButton *shown = button(dialog, QStringLiteral("Delete the 2 shown"));
        QVERIFY(shown);
        shown->click();
        QTRY_COMPARE(storeCount(store.path()), 4);
        QCOMPARE(inbox->rowCount(), 0);
        QTRY_VERIFY(!deleteAllDialog(window));

        search(window, QString());
        QTRY_COMPARE(inbox->rowCount(), 4);
        inboxPage(window)->deleteAll();
        QTRY_VERIFY(deleteAllDialog(window) && deleteAllDialog(window)->isVisible());
        dialog = deleteAllDialog(window);
        QCOMPARE(dialog->buttons().size(), 2); // "Delete all 4" and Cancel
        QVERIFY(button(dialog, QStringLiteral("Delete all 4")));
        dialog->escapeButton()->click();
        QTRY_VERIFY(!deleteAllDialog(window));
        QCOMPARE(storeCount(store.path()), 4);

        search(window, QStringLiteral("from:alice"));
        QVERIFY(inbox->rowCount() > 0 && inbox->rowCount() < 4);
        inboxPage(window)->deleteAll();
        QTRY_VERIFY(deleteAllDialog(window) && deleteAllDialog(window)->isVisible());
        button(deleteAllDialog(window), QStringLiteral("Delete all 4"))->click();
        QTRY_COMPARE(storeCount(store.path()), 0);
    }
};

int main(int argc, char *argv[])
{
    // Settings and window geometry of the tests stay in a folder of their own.
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(config.path()));
    MessageSchemeHandler::registerSchemes();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    registerEventMetaTypes();
    TestInboxPage test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_inboxpage.moc"
