// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "mainstatusbar.h"
#include "mainwindow.h"
#include "settings/fielderrorlabel.h"
#include "settings/serversettingspage.h"
#include "settings/settingsdialog.h"
#include "settings/storagesettingspage.h"
#include "smtptestclient.h"
#include "store/storelayout.h"
#include "testsettings.h"
#include "views/messageschemehandler.h"
#include "widgetchild.h"
#include "windowparts.h"
#include "windowsteps.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace WindowParts;
using namespace WindowSteps;

/// Applying settings from the Settings dialog of a running window: a setting that fails leaves
/// the server that was working as it was, and says what is wrong next to the field, in the
/// dialog, without a message box on top of it. And the status bar's stopped state.
class TestSettingsApply final : public QObject
{
    Q_OBJECT

private:
    /// Message boxes on screen: none may cover the settings dialog.
    static int visibleMessageBoxes()
    {
        int count = 0;
        for (QWidget *widget : QApplication::topLevelWidgets())
            count += qobject_cast<QMessageBox *>(widget) && widget->isVisible() ? 1 : 0;
        return count;
    }

    static MainStatusBar *statusBar(const MainWindow &window)
    {
        return window.findChild<MainStatusBar *>();
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    /// A port another program has, applied from the dialog (faster than the check as typed):
    /// the old listener keeps serving, a session open on it goes on, the error shows next to
    /// the port field with the dialog still open, and no message box covers it. The window
    /// keeps the settings that work.
    void busyPortKeepsTheOldListener()
    {
        QTemporaryDir store;
        MainWindow window(testSettings(store.path()));
        window.show();
        QCOMPARE(start(window), 1);
        const quint16 working = port(window);
        SmtpTestClient open;
        QVERIFY(open.connectPlain(working));
        QCOMPARE(open.replyCode(), 220);

        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        const QString busy = QStringLiteral("127.0.0.1:%1").arg(squatter.serverPort());
        SettingsDialog *dialog = window.openSettings(SettingsDialog::Page::Storage);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        child<QLineEdit>(dialog->findChild<ServerSettingsPage *>(), "listenEdit")->setText(busy);
        QSignalSpy applied(&window, &MainWindow::serverApplied);
        QVERIFY(dialog->apply());
        QCOMPARE(waitApplied(applied), 0);

        QVERIFY(controller(window)->isRunning());
        QCOMPARE(port(window), working);
        SmtpTestClient later;
        QVERIFY(later.connectPlain(working));
        QCOMPARE(later.replyCode(), 220);
        open.send("EHLO client.test\r\n");
        QCOMPARE(open.replyCode(), 250);
        QCOMPARE(SmtpTestClient::deliverSubject(working, "still here"), 250);

        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->findChild<QTabWidget *>()->currentWidget(),
                 dialog->findChild<ServerSettingsPage *>());
        const QString shown =
            child<FieldErrorLabel>(dialog->findChild<ServerSettingsPage *>(), "listenError")
                ->text();
        QVERIFY2(shown.contains(QString::number(squatter.serverPort())), qPrintable(shown));
        QTRY_COMPARE(QApplication::focusWidget(),
                     child<QLineEdit>(dialog->findChild<ServerSettingsPage *>(), "listenEdit"));
        QCOMPARE(visibleMessageBoxes(), 0);
        QVERIFY(listeningText(window).contains(QString::number(working)));
        QCOMPARE(window.settings().listen, u"127.0.0.1:0");
    }

    /// A store that cannot be opened (its database is a folder), applied from the dialog: the
    /// old store stays open with its inbox and still receives, and the error shows at the store
    /// field on the Storage page.
    void unwritableStoreKeepsTheOldStore()
    {
        QTemporaryDir store;
        QTemporaryDir broken;
        QVERIFY(QDir(broken.path()).mkpath(StoreLayout::databasePath(broken.path())));
        MainWindow window(testSettings(store.path()));
        window.show();
        QCOMPARE(start(window), 1);
        const quint16 working = port(window);
        QCOMPARE(SmtpTestClient::deliverSubject(working, "before"), 250);
        QTRY_COMPARE(inboxModel(window)->rowCount(), 1);

        SettingsDialog *dialog = window.openSettings(SettingsDialog::Page::Server);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        // The dialog wants a real port (1 to 65535): the one in use, which is ours.
        child<QLineEdit>(dialog->findChild<ServerSettingsPage *>(), "listenEdit")
            ->setText(QStringLiteral("127.0.0.1:%1").arg(working));
        child<QLineEdit>(dialog->findChild<StorageSettingsPage *>(), "storeEdit")
            ->setText(broken.path());
        QSignalSpy applied(&window, &MainWindow::serverApplied);
        QVERIFY(dialog->apply());
        QCOMPARE(waitApplied(applied), 0);

        QCOMPARE(controller(window)->storeDirectory(), store.path());
        QVERIFY(controller(window)->isRunning());
        QCOMPARE(port(window), working);
        QCOMPARE(inboxModel(window)->rowCount(), 1);
        QCOMPARE(SmtpTestClient::deliverSubject(working, "after"), 250);
        QTRY_COMPARE(inboxModel(window)->rowCount(), 2);
        QCOMPARE(window.settings().storeDirectory, store.path());
        QCOMPARE(window.settings().listen, u"127.0.0.1:0");

        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->findChild<QTabWidget *>()->currentWidget(),
                 dialog->findChild<StorageSettingsPage *>());
        QVERIFY(!child<QLabel>(dialog->findChild<StorageSettingsPage *>(), "storeError")
                     ->text()
                     .isEmpty());
        QCOMPARE(visibleMessageBoxes(), 0);
    }

    /// Stopped, the status bar says so and offers Start instead of the TLS and AUTH state;
    /// Start listens again.
    void stoppedStateOffersStart()
    {
        QTemporaryDir store;
        AppSettings settings = testSettings(store.path());
        settings.authEnabled = true;
        settings.authAcceptAny = true;
        MainWindow window(settings);
        window.show();
        QCOMPARE(start(window), 1);
        MainStatusBar *bar = statusBar(window);
        auto *startButton = bar->findChild<QToolButton *>(QStringLiteral("startButton"));
        QCOMPARE(bar->listenState(), MainStatusBar::State::Listening);
        QVERIFY(startButton->isHidden());

        window.stopServer();
        QCOMPARE(bar->listenState(), MainStatusBar::State::Stopped);
        QVERIFY(listeningText(window).contains(u"Stopped"));
        QVERIFY(!startButton->isHidden());
        for (const QLabel *label : bar->findChildren<QLabel *>()) {
            if (!label->isHidden())
                QVERIFY2(!label->text().contains(u"AUTH"), qPrintable(label->text()));
        }
        QVERIFY(!bar->findChild<QLabel *>(QStringLiteral("listenStateIcon"))->pixmap().isNull());

        QSignalSpy applied(&window, &MainWindow::serverApplied);
        startButton->click();
        QCOMPARE(waitApplied(applied), 1);
        QCOMPARE(bar->listenState(), MainStatusBar::State::Listening);
        QVERIFY(startButton->isHidden());
    }

    /// A first start that fails (the port is taken) is the stopped state too: the status bar
    /// offers Start, and the toolbar's action says Start, not Stop.
    void failedFirstStartIsStopped()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir store;
        AppSettings settings = testSettings(store.path());
        settings.listen = QStringLiteral("127.0.0.1:%1").arg(squatter.serverPort());
        MainWindow window(settings);
        window.show();
        QCOMPARE(start(window), 0);
        MainStatusBar *bar = statusBar(window);
        QCOMPARE(bar->listenState(), MainStatusBar::State::Stopped);
        QVERIFY(!bar->findChild<QToolButton *>(QStringLiteral("startButton"))->isHidden());
        QStringList startStop;
        for (const QAction *action : window.findChildren<QAction *>()) {
            if (action->text() == u"Start" || action->text() == u"Stop")
                startStop.append(action->text());
        }
        QCOMPARE(startStop, QStringList{QStringLiteral("Start")});

        // "Fix…" opens the settings at the port, with the reason next to it.
        bar->findChild<QToolButton *>(QStringLiteral("problemFix"))->click();
        auto *dialog = window.findChild<SettingsDialog *>();
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QTabWidget *>()->currentWidget(),
                 dialog->findChild<ServerSettingsPage *>());
        QVERIFY2(child<FieldErrorLabel>(dialog->findChild<ServerSettingsPage *>(), "listenError")
                     ->text()
                     .contains(QString::number(squatter.serverPort())),
                 qPrintable(child<FieldErrorLabel>(dialog->findChild<ServerSettingsPage *>(),
                                                   "listenError")
                                ->text()));
    }
};

int main(int argc, char *argv[])
{
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(config.path()));
    MessageSchemeHandler::registerSchemes();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    registerEventMetaTypes();
    TestSettingsApply test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_settingsapply.moc"
