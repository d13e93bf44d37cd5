// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "appearance.h"
#include "resulttext.h"
#include "settings/authsettingspage.h"
#include "settings/fielderrorlabel.h"
#include "settings/serversettingspage.h"
#include "settings/settingsdialog.h"
#include "settings/settingspinbox.h"
#include "settings/storagesettingspage.h"
#include "settings/tlssettingspage.h"
#include "tls/selfsignedcertificate.h"
#include "widgetchild.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

/// The settings dialog checks its input and says why next to the field; the TLS page reads and
/// generates certificates in a worker thread, so these tests wait for it the way a user does.
class TestSettingsDialog final : public QObject
{
    Q_OBJECT

private:
    static AppSettings settingsFor(const QString &store)
    {
        AppSettings settings;
        settings.listen = QStringLiteral("127.0.0.1:1025");
        settings.storeDirectory = store;
        return settings;
    }

    static QPushButton *okButton(SettingsDialog &dialog)
    {
        return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    }

    /// Where `widget` is in its window, once the layouts have caught up with what changed.
    static QRect placeOf(const QWidget *widget)
    {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        return QRect(widget->mapTo(widget->window(), QPoint(0, 0)), widget->size());
    }

private slots:
    /// Every numeric setting the dialog shows has the range, suffix and default the
    /// ConfigSetting table gives it (in MiB where it counts MiB), and the command line checks
    /// the same bounds (it reads them from the same table).
    void spinBoxesFollowTheTable()
    {
        SettingsDialog dialog(AppSettings{});
        const QList<SettingSpinBox *> boxes = dialog.findChildren<SettingSpinBox *>();
        QSet<ConfigSetting::Id> shown;
        for (const SettingSpinBox *box : boxes) {
            const ConfigSetting &setting = box->setting();
            shown.insert(setting.id);
            const qint64 scale = box->scale();
            QCOMPARE(qint64(box->minimum()), (setting.minimum + scale - 1) / scale);
            QCOMPARE(qint64(box->maximum()), setting.maximum / scale);
            // The dialog shows the defaults of a fresh AppSettings, which are the table's.
            QCOMPARE(qint64(box->value()), setting.defaultNumber / scale);
            if (scale == 1)
                QCOMPARE(box->suffix(),
                         setting.unit.isEmpty() ? QString() : u' ' + QString(setting.unit));
        }
        for (const ConfigSetting &setting : ConfigSetting::all()) {
            const bool hasOption = !setting.option.isEmpty();
            if (setting.kind == ConfigSetting::Kind::Number && hasOption)
                QVERIFY2(shown.contains(setting.id), setting.key.data());
        }
        // The two that disagreed before the table: the dialog allowed 1e8 messages, the
        // command line 1e9.
        const ConfigSetting &retain = ConfigSetting::of(ConfigSetting::Id::RetainMessages);
        QCOMPARE(
            qint64(child<QSpinBox>(dialog.findChild<StorageSettingsPage *>(), "retainMessagesBox")
                       ->maximum()),
            retain.maximum);
        QCOMPARE(retain.parseOption(QString::number(retain.maximum)).ok(), true);
        QCOMPARE(retain.parseOption(QString::number(retain.maximum + 1)).error().code,
                 ErrorCode::OutOfRange);
    }

    void portOutOfRangeIsExplained()
    {
        QTemporaryDir store;
        SettingsDialog dialog(settingsFor(store.path()));
        QVERIFY(dialog.validate());
        child<QLineEdit>(dialog.findChild<ServerSettingsPage *>(), "listenEdit")
            ->setText(QStringLiteral("127.0.0.1:70000"));
        QVERIFY(!dialog.validate());
        QVERIFY(!okButton(dialog)->isEnabled());
        QVERIFY(child<QLabel>(dialog.findChild<ServerSettingsPage *>(), "listenError")
                    ->text()
                    .contains(u"1 to 65535"));
        child<QLineEdit>(dialog.findChild<ServerSettingsPage *>(), "listenEdit")
            ->setText(QStringLiteral("127.0.0.1:2525"));
        QVERIFY(dialog.validate());
        QVERIFY(okButton(dialog)->isEnabled());

        QSignalSpy applied(&dialog, &SettingsDialog::applied);
        QVERIFY(dialog.apply());
        QCOMPARE(applied.count(), 1);
        QCOMPARE(applied.at(0).at(0).value<AppSettings>().listen, u"127.0.0.1:2525");
    }

    /// A port another program listens on is reported next to the field a moment after it is
    /// typed, and Apply waits; the ports the running server holds itself are not "in use".
    void busyPortIsReportedAsTyped()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        const QString busy = QStringLiteral("127.0.0.1:%1").arg(squatter.serverPort());
        QTemporaryDir store;
        SettingsDialog dialog(settingsFor(store.path()));
        child<QLineEdit>(dialog.findChild<ServerSettingsPage *>(), "listenEdit")->setText(busy);
        QVERIFY(child<FieldErrorLabel>(dialog.findChild<ServerSettingsPage *>(), "listenError")
                    ->text()
                    .isEmpty()); // still typing
        QTRY_VERIFY(child<FieldErrorLabel>(dialog.findChild<ServerSettingsPage *>(), "listenError")
                        ->text()
                        .contains(QString::number(squatter.serverPort())));
        QVERIFY(!dialog.validate());
        QVERIFY(!okButton(dialog)->isEnabled());

        const quint16 ours = squatter.serverPort();
        dialog.setOwnPorts([ours] { return QList<quint16>{ours}; });
        dialog.findChild<ServerSettingsPage *>()->checkPorts();
        QVERIFY(child<FieldErrorLabel>(dialog.findChild<ServerSettingsPage *>(), "listenError")
                    ->text()
                    .isEmpty());
        QVERIFY(dialog.validate());
    }

    /// An error appearing under the listen field keeps the rows below where they were (it used
    /// to open a gap of about 200 px), and one under the users table does not move the
    /// "Add User" button out from under the cursor.
    void errorsDoNotMoveTheLayout()
    {
        QTemporaryDir store;
        SettingsDialog dialog(settingsFor(store.path()));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        ServerSettingsPage *server = dialog.findChild<ServerSettingsPage *>();
        const QRect hostBefore = placeOf(child<QLineEdit>(server, "hostNameEdit"));
        child<QLineEdit>(server, "listenEdit")->setText(QStringLiteral("127.0.0.1:70000"));
        QVERIFY(!child<FieldErrorLabel>(server, "listenError")->text().isEmpty());
        QCOMPARE(placeOf(child<QLineEdit>(server, "hostNameEdit")), hostBefore);
        // A warning (an address reachable from other machines) takes the same line.
        child<QLineEdit>(server, "listenEdit")->setText(QStringLiteral("0.0.0.0:2525"));
        QVERIFY(child<FieldErrorLabel>(server, "listenError")->isWarning());
        QCOMPARE(placeOf(child<QLineEdit>(server, "hostNameEdit")), hostBefore);
        child<QLineEdit>(server, "listenEdit")->setText(QStringLiteral("127.0.0.1:2525"));
        QVERIFY(child<FieldErrorLabel>(server, "listenError")->text().isEmpty());
        QCOMPARE(placeOf(child<QLineEdit>(server, "hostNameEdit")), hostBefore);

        dialog.showPage(SettingsDialog::Page::Auth);
        AuthSettingsPage *auth = dialog.findChild<AuthSettingsPage *>();
        const QRect addBefore = placeOf(child<QPushButton>(auth, "authAddUserButton"));
        child<QGroupBox>(auth, "authEnabledBox")
            ->setChecked(true); // no user and not "accept any": an error
        QVERIFY(!child<QLabel>(auth, "authUsersError")->text().isEmpty());
        QCOMPARE(placeOf(child<QPushButton>(auth, "authAddUserButton")), addBefore);
    }

    /// A failure of applying shows next to the field the error names (by its field and code,
    /// not its text), on that field's page, with the field focused; the dialog stays open, and
    /// OK closes it only once the settings work.
    void applyErrorShowsAtTheField()
    {
        QTemporaryDir store;
        SettingsDialog dialog(settingsFor(store.path()));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        dialog.showPage(SettingsDialog::Page::Storage);
        okButton(dialog)->click();
        QVERIFY(dialog.isApplying());
        QVERIFY(!okButton(dialog)->isEnabled());
        dialog.applyFinished(false, Error(ErrorCode::AddressInUse, QStringLiteral("in use"),
                                          QStringLiteral("listen")));
        QVERIFY(dialog.isVisible());
        auto *tabs = dialog.findChild<QTabWidget *>();
        QCOMPARE(tabs->currentWidget(), dialog.findChild<ServerSettingsPage *>());
        QVERIFY2(child<FieldErrorLabel>(dialog.findChild<ServerSettingsPage *>(), "listenError")
                     ->text()
                     .contains(u"1025"),
                 qPrintable(
                     child<FieldErrorLabel>(dialog.findChild<ServerSettingsPage *>(), "listenError")
                         ->text()));
        QTRY_COMPARE(QApplication::focusWidget(),
                     child<QLineEdit>(dialog.findChild<ServerSettingsPage *>(), "listenEdit"));
        QVERIFY(child<FieldErrorLabel>(&dialog, "applyError")->text().isEmpty());

        // A store that cannot open: the Storage page, at the store field.
        QVERIFY(dialog.apply());
        dialog.applyFinished(false, Error(ErrorCode::StoreUnwritable, QStringLiteral("nope"),
                                          QStringLiteral("store")));
        QCOMPARE(tabs->currentWidget(), dialog.findChild<StorageSettingsPage *>());
        QCOMPARE(child<QLabel>(dialog.findChild<StorageSettingsPage *>(), "storeError")->text(),
                 u"nope");
        QTRY_COMPARE(QApplication::focusWidget(),
                     child<QLineEdit>(dialog.findChild<StorageSettingsPage *>(), "storeEdit"));
        // Editing the field takes the message away.
        child<QLineEdit>(dialog.findChild<StorageSettingsPage *>(), "storeEdit")
            ->setText(store.filePath(QStringLiteral("other")));
        QVERIFY(child<QLabel>(dialog.findChild<StorageSettingsPage *>(), "storeError")
                    ->text()
                    .isEmpty());

        // An error about no field shows under the pages.
        QVERIFY(dialog.apply());
        dialog.applyFinished(false, Error(ErrorCode::NetworkError, QStringLiteral("odd")));
        QCOMPARE(child<FieldErrorLabel>(&dialog, "applyError")->text(), u"odd");

        okButton(dialog)->click();
        QVERIFY(dialog.isVisible());
        dialog.applyFinished(true, Error());
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    /// Without a system tray (the offscreen platform has none) the options that need one are
    /// off, and say why.
    void trayOptionsNeedATray()
    {
        QVERIFY(!QSystemTrayIcon::isSystemTrayAvailable());
        SettingsDialog dialog(AppSettings{});
        StorageSettingsPage *page = dialog.findChild<StorageSettingsPage *>();
        for (QCheckBox *box : {child<QCheckBox>(page, "notificationsBox"),
                               child<QCheckBox>(page, "closeToTrayBox")}) {
            QVERIFY(!box->isEnabled());
            QVERIFY(box->toolTip().contains(u"no system tray"));
        }
        QVERIFY(!child<QLabel>(page, "noTrayNote")->isHidden());
        page->setTrayAvailable(true);
        QVERIFY(child<QCheckBox>(page, "notificationsBox")->isEnabled());
        QVERIFY(child<QCheckBox>(page, "closeToTrayBox")->isEnabled());
        QVERIFY(child<QLabel>(page, "noTrayNote")->isHidden());
    }

    /// Generating happens off the GUI thread; the new files are selected and checked.
    void generatedCertificateIsSelectedAndDescribed()
    {
        QTemporaryDir store;
        SettingsDialog dialog(settingsFor(store.path()));
        TlsSettingsPage *page = dialog.findChild<TlsSettingsPage *>();
        QSignalSpy generated(page, &TlsSettingsPage::generationFinished);
        page->generateInto(store.filePath(QStringLiteral("a")));
        QVERIFY(page->isBusy());
        QVERIFY(generated.wait(20000));
        QCOMPARE(generated.at(0).at(0).toString(), QString());
        QVERIFY(child<QLineEdit>(page, "certificateEdit")->text().endsWith(u"letterbox-cert.pem"));
        // Until the files have been read, the dialog does not claim they are fine.
        QVERIFY(!dialog.validate());
        QVERIFY(child<QLabel>(page, "certificateInfo")->text().startsWith(u"Checking"));
        QTRY_VERIFY_WITH_TIMEOUT(dialog.validate(), 20000);
        QVERIFY(!page->isBusy());
        QVERIFY2(child<QLabel>(page, "certificateInfo")->text().contains(u"CN="),
                 qPrintable(child<QLabel>(page, "certificateInfo")->text()));
        QTRY_VERIFY(okButton(dialog)->isEnabled());
    }

    /// A key that belongs to another certificate is reported next to the key field.
    void mismatchedKeyIsReported()
    {
        QTemporaryDir store;
        const auto mine = SelfSignedCertificate::generate(QStringLiteral("mine.test"), 30);
        const auto other = SelfSignedCertificate::generate(QStringLiteral("other.test"), 30);
        QVERIFY2(mine && other, qPrintable(errorText(mine) + errorText(other)));
        const QString cert = store.filePath(QStringLiteral("mine.crt"));
        const QString otherKey = store.filePath(QStringLiteral("other.key"));
        QVERIFY(mine->writeTo(cert, store.filePath(QStringLiteral("mine.key"))));
        QVERIFY(other->writeTo(store.filePath(QStringLiteral("other.crt")), otherKey));

        AppSettings settings = settingsFor(store.path());
        settings.tlsCertFile = cert;
        settings.tlsKeyFile = otherKey;
        SettingsDialog dialog(settings);
        TlsSettingsPage *page = dialog.findChild<TlsSettingsPage *>();
        QVERIFY(!dialog.validate());
        QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy(), 20000);
        QVERIFY(!dialog.validate());
        QVERIFY(!child<QLabel>(page, "keyError")->text().isEmpty());
        QVERIFY(!okButton(dialog)->isEnabled());

        child<QLineEdit>(page, "keyEdit")->setText(store.filePath(QStringLiteral("mine.key")));
        QTRY_VERIFY_WITH_TIMEOUT(dialog.validate(), 20000);
        QVERIFY(child<QLabel>(page, "keyError")->text().isEmpty());
        QVERIFY(child<QLabel>(page, "certificateInfo")->text().contains(u"mine.test"));

        // No files at all is valid again: TLS is simply off.
        child<QLineEdit>(page, "keyEdit")->clear();
        child<QLineEdit>(page, "certificateEdit")->clear();
        QVERIFY(dialog.validate());
    }

    /// Retention and appearance go from the dialog into the settings it applies.
    void storagePageCarriesRetentionAndAppearance()
    {
        QTemporaryDir store;
        AppSettings settings = settingsFor(store.path());
        settings.retainMessages = 300;
        SettingsDialog dialog(settings);
        StorageSettingsPage *page = dialog.findChild<StorageSettingsPage *>();
        QCOMPARE(child<QSpinBox>(page, "retainMessagesBox")->value(), 300);
        QCOMPARE(child<QSpinBox>(page, "retainDaysBox")->text(), u"forever");
        child<QSpinBox>(page, "retainDaysBox")->setValue(14);
        child<QComboBox>(page, "appearanceBox")
            ->setCurrentIndex(child<QComboBox>(page, "appearanceBox")
                                  ->findData(int(AppSettings::Appearance::Dark)));
        QSignalSpy applied(&dialog, &SettingsDialog::applied);
        QVERIFY(dialog.apply());
        const auto result = applied.at(0).at(0).value<AppSettings>();
        QCOMPARE(result.retainMessages, 300);
        QCOMPARE(result.retainDays, 14);
        QCOMPARE(result.appearance, AppSettings::Appearance::Dark);
    }

    /// Dark and light switch the whole application at run time; System gives back what the
    /// platform chose.
    void appearanceSwitchesThePalette()
    {
        const QPalette platform = QApplication::palette();
        const QString platformStyle = QApplication::style()->name();
        Appearance::apply(AppSettings::Appearance::Dark);
        QVERIFY(Appearance::isDark(QApplication::palette()));
        QCOMPARE(QApplication::style()->name().toLower(), u"fusion");
        // Text must stay readable on its background.
        const QPalette dark = QApplication::palette();
        QVERIFY(dark.color(QPalette::Text).lightness() - dark.color(QPalette::Base).lightness()
                > 128);
        Appearance::apply(AppSettings::Appearance::Light);
        QVERIFY(!Appearance::isDark(QApplication::palette()));
        Appearance::apply(AppSettings::Appearance::System);
        QCOMPARE(QApplication::palette().color(QPalette::Window), platform.color(QPalette::Window));
        QCOMPARE(QApplication::style()->name(), platformStyle);
    }

    /// A missing file names itself.
    void missingCertificateIsNamed()
    {
        QTemporaryDir store;
        AppSettings settings = settingsFor(store.path());
        settings.tlsCertFile = store.filePath(QStringLiteral("missing.pem"));
        settings.tlsKeyFile = store.filePath(QStringLiteral("missing.key"));
        SettingsDialog dialog(settings);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.findChild<TlsSettingsPage *>()->isBusy(), 20000);
        QVERIFY(!dialog.validate());
        QVERIFY2(
            child<QLabel>(dialog.findChild<TlsSettingsPage *>(), "certificateError")
                ->text()
                .contains(u"missing.pem"),
            qPrintable(
                child<QLabel>(dialog.findChild<TlsSettingsPage *>(), "certificateError")->text()));
    }
};

int main(int argc, char *argv[])
{
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(config.path()));
    QApplication app(argc, argv);
    TestSettingsDialog test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_settingsdialog.moc"
