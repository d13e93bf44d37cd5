// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "mainstatusbar.h"
#include "mainwindow.h"
#include "settings/apisettingspage.h"
#include "settings/appsettings.h"
#include "settings/fielderrorlabel.h"
#include "settings/settingsdialog.h"
#include "testsettings.h"
#include "widgetchild.h"
#include "windowparts.h"
#include "windowsteps.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace WindowParts;
using namespace WindowSteps;

/// The HTTP API in the desktop app: its Settings page (on/off, address checked as it is typed,
/// users), saved with the other settings and applied through MailService, and the status bar,
/// which shows where the API answers, copies its URL, and warns when it could not start at the
/// default address.
class TestApiSettings final : public QObject
{
    Q_OBJECT

private:
    static QString defaultAddress()
    {
        return QString(ConfigSetting::of(ConfigSetting::Id::ApiListen).defaultText);
    }

    /// Settings the dialog takes as they are: its listen field wants a real port.
    static AppSettings dialogSettings(const QString &store)
    {
        AppSettings settings = testSettings(store);
        settings.listen = QStringLiteral("127.0.0.1:1025");
        return settings;
    }

    static ApiSettingsPage *page(const SettingsDialog &dialog)
    {
        return dialog.findChild<ApiSettingsPage *>();
    }

    static QLineEdit *listenEdit(const SettingsDialog &dialog)
    {
        return child<QLineEdit>(page(dialog), "apiListenEdit");
    }

    static FieldErrorLabel *listenError(const SettingsDialog &dialog)
    {
        return child<FieldErrorLabel>(page(dialog), "apiListenError");
    }

    static bool canApply(const SettingsDialog &dialog)
    {
        return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Apply)->isEnabled();
    }

    static QToolButton *apiButton(const MainWindow &window)
    {
        return window.findChild<QToolButton *>(QStringLiteral("apiButton"));
    }

    static QLabel *apiWarning(const MainWindow &window)
    {
        return window.findChild<QLabel *>(QStringLiteral("apiWarningLabel"));
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    /// The page shows the settings' API values, and gives back what was entered: the address,
    /// the users as USER:PASSWORD, and "off" when the box is unchecked.
    void loadsAndStoresTheApiSettings()
    {
        QTemporaryDir store;
        AppSettings settings = testSettings(store.path());
        settings.apiListen = QStringLiteral("127.0.0.1:9025");
        settings.apiUsers = {QStringLiteral("ann:secret"), QStringLiteral("bob:pa:ss")};
        SettingsDialog dialog(settings);
        QVERIFY(child<QGroupBox>(page(dialog), "apiEnabledBox")->isChecked());
        QCOMPARE(listenEdit(dialog)->text(), u"127.0.0.1:9025");
        QCOMPARE(child<QTableWidget>(page(dialog), "apiUsersTable")->rowCount(), 2);
        QCOMPARE(dialog.settings().apiListen, u"127.0.0.1:9025");
        QCOMPARE(dialog.settings().apiUsers, settings.apiUsers);

        child<QGroupBox>(page(dialog), "apiEnabledBox")->setChecked(false);
        QCOMPARE(dialog.settings().apiListen, QString(ServerConfig::kApiOff));
        QVERIFY(!dialog.settings().apiEnabled());

        // Off in the settings: the box is unchecked and the default address waits in the field.
        settings.apiListen = QStringLiteral("OFF");
        SettingsDialog off(settings);
        QVERIFY(!child<QGroupBox>(page(off), "apiEnabledBox")->isChecked());
        QCOMPARE(listenEdit(off)->text(), defaultAddress());
        child<QGroupBox>(page(off), "apiEnabledBox")->setChecked(true);
        QCOMPARE(off.settings().apiListen, defaultAddress());
        // An empty field means the default, as its placeholder says.
        listenEdit(off)->clear();
        QCOMPARE(off.settings().apiListen, defaultAddress());
    }

    /// The API settings are saved in the settings file with the others, under the keys of the
    /// ConfigSetting table.
    void savedInTheSettingsFile()
    {
        QTemporaryDir dir;
        AppSettings settings = testSettings(dir.path());
        settings.apiListen = QStringLiteral("127.0.0.1:9125");
        settings.apiUsers = {QStringLiteral("ann:secret")};
        const QString path = dir.filePath(QStringLiteral("letterbox.conf"));
        settings.save(*AppSettings::openSettingsFile(path));
        QSettings file(path, QSettings::IniFormat);
        QCOMPARE(file.value(ConfigSetting::of(ConfigSetting::Id::ApiListen).fileKey).toString(),
                 u"127.0.0.1:9125");
        const AppSettings loaded = AppSettings::load(file);
        QCOMPARE(loaded.apiListen, settings.apiListen);
        QCOMPARE(loaded.apiUsers, settings.apiUsers);
    }

    /// The address is validated as the SMTP listen field is; a user name with a colon cannot
    /// be kept as USER:PASSWORD; an address for other machines without users is a warning only.
    void checksTheAddressAndUsers()
    {
        QTemporaryDir store;
        SettingsDialog dialog(dialogSettings(store.path()));
        child<QGroupBox>(page(dialog), "apiEnabledBox")->setChecked(true);
        listenEdit(dialog)->setText(QStringLiteral("127.0.0.1:70000"));
        QVERIFY(!listenError(dialog)->text().isEmpty());
        QVERIFY(!listenError(dialog)->isWarning());
        QVERIFY(!canApply(dialog));

        listenEdit(dialog)->setText(QStringLiteral("0.0.0.0:0"));
        // Port 0 is not a place a client can be pointed at.
        QVERIFY(!canApply(dialog));
        QTcpServer free;
        QVERIFY(free.listen(QHostAddress::LocalHost, 0));
        const quint16 port = free.serverPort();
        free.close();
        listenEdit(dialog)->setText(QStringLiteral("0.0.0.0:%1").arg(port));
        QVERIFY(listenError(dialog)->isWarning());
        QVERIFY2(listenError(dialog)->text().contains(u"other machines"),
                 qPrintable(listenError(dialog)->text()));
        QVERIFY(canApply(dialog));

        child<QPushButton>(page(dialog), "apiAddUserButton")->click();
        QTableWidget *users = child<QTableWidget>(page(dialog), "apiUsersTable");
        users->item(0, 0)->setText(QStringLiteral("ann:x"));
        QVERIFY(!child<QLabel>(page(dialog), "apiUsersError")->text().isEmpty());
        QVERIFY(!canApply(dialog));
        users->item(0, 0)->setText(QStringLiteral("ann"));
        users->item(0, 1)->setText(QStringLiteral("secret"));
        QVERIFY(child<QLabel>(page(dialog), "apiUsersError")->text().isEmpty());
        // With a user, other machines must authenticate: no warning.
        QVERIFY(listenError(dialog)->text().isEmpty());
        QVERIFY(canApply(dialog));
        QCOMPARE(dialog.settings().apiUsers, QStringList{QStringLiteral("ann:secret")});
    }

    /// A port another program listens on is reported next to the field as it is typed, as for
    /// the SMTP listener, and keeps Apply off; a free one clears it.
    void busyPortIsReportedAsTyped()
    {
        QTemporaryDir store;
        SettingsDialog dialog(dialogSettings(store.path()));
        dialog.show();
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        const QString busy = QStringLiteral("127.0.0.1:%1").arg(squatter.serverPort());
        child<QGroupBox>(page(dialog), "apiEnabledBox")->setChecked(true);
        listenEdit(dialog)->setText(busy);
        QTRY_VERIFY(listenError(dialog)->text().contains(u"in use"));
        QVERIFY(!listenError(dialog)->isWarning());
        QVERIFY(!canApply(dialog));

        squatter.close();
        page(dialog)->checkPorts();
        QVERIFY(listenError(dialog)->text().isEmpty());
        QVERIFY(canApply(dialog));
    }

    /// At the default address a busy port is a warning, not an error: the server runs without
    /// the API then, and says so.
    void busyDefaultPortIsOnlyAWarning()
    {
        QTcpServer squatter;
        if (!squatter.listen(QHostAddress::LocalHost, 8025))
            QSKIP("127.0.0.1:8025 is held by another program; this test must hold it itself");
        QTemporaryDir store;
        AppSettings settings = dialogSettings(store.path());
        settings.apiListen = defaultAddress();
        SettingsDialog dialog(settings);
        dialog.show();
        QTRY_VERIFY(listenError(dialog)->text().contains(u"in use"));
        QVERIFY(listenError(dialog)->isWarning());
        QVERIFY(canApply(dialog));
    }

    /// An address that cannot be bound when applying (taken after it was checked) fails the
    /// apply with the field "api.listen": the dialog stays open on the API page with the reason
    /// next to the address, and Fix… in the status bar leads there too.
    void applyErrorShowsAtTheApiField()
    {
        QTemporaryDir store;
        MainWindow window(testSettings(store.path()));
        window.show();
        QCOMPARE(start(window), 1);

        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        const QString busy = QStringLiteral("127.0.0.1:%1").arg(squatter.serverPort());
        SettingsDialog *dialog = window.openSettings(SettingsDialog::Page::Server);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        // The dialog wants a real port (1 to 65535): the one in use, which is ours.
        child<QLineEdit>(dialog, "listenEdit")
            ->setText(QStringLiteral("127.0.0.1:%1").arg(port(window)));
        child<QGroupBox>(page(*dialog), "apiEnabledBox")->setChecked(true);
        // Applied at once, before the check as typed has bound it.
        listenEdit(*dialog)->setText(busy);
        QSignalSpy applied(&window, &MainWindow::serverApplied);
        QVERIFY(dialog->apply());
        QCOMPARE(waitApplied(applied), 0);

        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->findChild<QTabWidget *>()->currentWidget(), page(*dialog));
        QVERIFY2(listenError(*dialog)->text().contains(u"in use"),
                 qPrintable(listenError(*dialog)->text()));
        QCOMPARE(QApplication::focusWidget(), listenEdit(*dialog));
        QVERIFY(child<QLabel>(dialog, "applyError")->text().isEmpty());
        QVERIFY(!window.settings().apiEnabled()); // the settings that work stay
    }

    /// While the API runs, the status bar shows its address; clicking it, or Copy API URL,
    /// puts http://ADDR:PORT/ on the clipboard. Turned off, the address goes.
    void statusBarShowsAndCopiesTheApiUrl()
    {
        QTemporaryDir store;
        AppSettings settings = testSettings(store.path());
        settings.apiListen = QStringLiteral("127.0.0.1:0");
        MainWindow window(settings);
        window.show();
        QCOMPARE(start(window), 1);
        const auto api = controller(window)->apiAddress();
        QVERIFY(api && api->port != 0);
        const QString address = QStringLiteral("127.0.0.1:%1").arg(api->port);
        QVERIFY(!apiButton(window)->isHidden());
        QCOMPARE(apiButton(window)->text(), u"API " + address);

        const QString url = u"http://" + address + u'/';
        QGuiApplication::clipboard()->clear();
        QAction *copy = apiButton(window)->findChild<QAction *>(QStringLiteral("copyApiUrlAction"));
        QVERIFY(copy && apiButton(window)->actions().contains(copy));
        copy->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), url);
        QGuiApplication::clipboard()->clear();
        apiButton(window)->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), url);

        AppSettings off = window.settings();
        off.apiListen = QString(ServerConfig::kApiOff);
        QCOMPARE(apply(window, off), 1);
        QVERIFY(!controller(window)->apiAddress());
        QVERIFY(apiButton(window)->isHidden());
    }

    /// The default API port busy: the server starts without the API, and the status bar says
    /// so; an apply that starts the API clears the warning.
    void statusBarWarnsWhenTheDefaultPortIsBusy()
    {
        QTcpServer squatter;
        if (!squatter.listen(QHostAddress::LocalHost, 8025))
            QSKIP("127.0.0.1:8025 is held by another program; this test must hold it itself");
        QTemporaryDir store;
        AppSettings settings = testSettings(store.path());
        settings.apiListen = defaultAddress();
        MainWindow window(settings);
        window.show();
        QCOMPARE(start(window), 1);
        QVERIFY(!controller(window)->apiAddress());
        QVERIFY(apiButton(window)->isHidden());
        QVERIFY(!apiWarning(window)->isHidden());
        QVERIFY2(apiWarning(window)->text().contains(defaultAddress())
                     && apiWarning(window)->text().contains(u"in use"),
                 qPrintable(apiWarning(window)->text()));
        QVERIFY(statusError(window).isEmpty()); // a warning, not a failed start

        AppSettings elsewhere = window.settings();
        elsewhere.apiListen = QStringLiteral("127.0.0.1:0");
        QCOMPARE(apply(window, elsewhere), 1);
        QVERIFY(apiWarning(window)->isHidden());
        QVERIFY(!apiButton(window)->isHidden());
    }
};

QTEST_MAIN(TestApiSettings)
#include "tst_apisettings.moc"
