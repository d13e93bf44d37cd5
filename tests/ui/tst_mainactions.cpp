// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "events/events.h"
#include "mainactions.h"
#include "openstore.h"
#include "store/searchquery.h"
#include "storefiller.h"
#include "testsettings.h"
#include "views/messageschemehandler.h"
#include "windowparts.h"
#include "windowsteps.h"

#include <QApplication>
#include <QDialog>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace WindowParts;
using namespace WindowSteps;

/// The window's commands: when they are enabled, and the Help menu, whose references are made
/// from the tables the program itself uses.
class TestMainActions final : public QObject
{
    Q_OBJECT

private:
    static QMenu *menu(const MainWindow &window, const QString &title)
    {
        for (QAction *action : window.menuBar()->actions()) {
            if (action->menu() && action->text() == title)
                return action->menu();
        }
        return nullptr;
    }

    static QAction *action(const QMenu *menu, const QString &text)
    {
        for (QAction *candidate : menu->actions()) {
            if (candidate->text() == text)
                return candidate;
        }
        return nullptr;
    }

    /// The text of the help window `name` after `text` in the Help menu was chosen.
    static QString helpText(const MainWindow &window, const QString &text, const char *name)
    {
        QAction *entry = action(menu(window, QStringLiteral("&Help")), text);
        if (!entry)
            return {};
        entry->trigger();
        auto *dialog = window.findChild<QWidget *>(QLatin1StringView(name));
        if (!dialog || !dialog->isVisible())
            return {};
        if (auto *browser = dialog->findChild<QTextBrowser *>())
            return browser->toPlainText();
        if (auto *box = qobject_cast<QMessageBox *>(dialog))
            return box->text() + u'\n' + box->informativeText();
        return {};
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    /// The commands on messages act on the inbox's selection, so they are off while the
    /// Sessions tab is shown, and on again back on the Inbox.
    void messageActionsFollowTheInboxTab()
    {
        QTemporaryDir store;
        {
            QString error;
            std::unique_ptr<MessageStore> filled = openStore(store.path(), &error);
            QVERIFY2(filled, qPrintable(error));
            QObject context;
            QVERIFY(!StoreFiller::deliver(*filled, &context, 0, 3).isEmpty());
        }
        MainWindow window(testSettings(store.path()));
        window.show();
        QCOMPARE(start(window), 1);
        QTRY_COMPARE(inboxModel(window)->rowCount(), 3);
        mainTabs(window)->setCurrentIndex(0); // an earlier run may have left another one saved
        QVERIFY(inboxPage(window)->selectMessage(inboxModel(window)->idAt(0)));
        QTRY_VERIFY(messageView(window)->hasMessage());

        const QList<QAction *> actions = window.findChild<MainActions *>()->messageActions();
        QVERIFY(actions.size() >= 5);
        for (const QAction *action : actions)
            QVERIFY2(action->isEnabled(), qPrintable(action->text()));
        mainTabs(window)->setCurrentIndex(1);
        for (const QAction *action : actions)
            QVERIFY2(!action->isEnabled(), qPrintable(action->text()));
        mainTabs(window)->setCurrentIndex(0);
        for (const QAction *action : actions)
            QVERIFY2(action->isEnabled(), qPrintable(action->text()));
    }

    /// Help › Search Syntax lists every keyword of the parser's table with its argument and
    /// description; Keyboard Shortcuts lists every menu command that has a shortcut, including
    /// one added after the window was built; About names the version, the license and Qt.
    void helpIsMadeFromTheTables()
    {
        QTemporaryDir store;
        MainWindow window(testSettings(store.path()));
        window.show();
        QVERIFY(menu(window, QStringLiteral("&Help")));

        const QString syntax =
            helpText(window, QStringLiteral("Search Syntax"), "searchSyntaxDialog");
        QVERIFY(!syntax.isEmpty());
        for (const SearchQuery::Keyword &keyword : SearchQuery::keywords()) {
            QVERIFY2(syntax.contains(keyword.name + u':' + keyword.argument),
                     qPrintable(QString(keyword.name)));
            QVERIFY2(syntax.contains(keyword.description), qPrintable(QString(keyword.name)));
        }

        QMenu *messageMenu = menu(window, QStringLiteral("&Message"));
        auto *extra = messageMenu->addAction(QStringLiteral("Frobnicate"));
        extra->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J));
        const QString keys =
            helpText(window, QStringLiteral("Keyboard Shortcuts"), "shortcutsDialog");
        QVERIFY(!keys.isEmpty());
        int listed = 0;
        for (const QAction *menuAction : window.menuBar()->actions()) {
            if (!menuAction->menu())
                continue;
            for (const QAction *command : menuAction->menu()->actions()) {
                for (const QKeySequence &shortcut : command->shortcuts()) {
                    QVERIFY2(keys.contains(shortcut.toString(QKeySequence::NativeText)),
                             qPrintable(command->text()));
                    ++listed;
                }
            }
        }
        QVERIFY(listed >= 8);
        QVERIFY(keys.contains(u"Frobnicate"));
        QVERIFY(keys.contains(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));

        const QString about = helpText(window, QStringLiteral("About Letterbox"), "aboutDialog");
        QVERIFY2(about.contains(QStringLiteral(LETTERBOX_VERSION)), qPrintable(about));
        QVERIFY(about.contains(u"MIT"));
        QVERIFY(about.contains(QString::fromLatin1(qVersion())));
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
    TestMainActions test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainactions.moc"
