// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "faults/faultinjector.h"
#include "mainwindow.h"
#include "settings/appsettings.h"
#include "settings/faultssettingspage.h"
#include "settings/fielderrorlabel.h"
#include "settings/settingsdialog.h"
#include "settings/settingspinbox.h"
#include "testsettings.h"
#include "widgetchild.h"
#include "windowparts.h"
#include "windowsteps.h"

#include <QDialogButtonBox>
#include <QGroupBox>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace WindowParts;
using namespace WindowSteps;

/// The Faults page of the settings (rules with their switches, add, edit, reorder, presets,
/// master switch, seed and greylisting window) and the status bar's "Faults active" badge.
class TestFaultsSettings final : public QObject
{
    Q_OBJECT

private:
    static AppSettings dialogSettings(const QString &store)
    {
        AppSettings settings = testSettings(store);
        settings.listen = QStringLiteral("127.0.0.1:1025");
        return settings;
    }
    static FaultsSettingsPage *page(const SettingsDialog &dialog)
    {
        return dialog.findChild<FaultsSettingsPage *>();
    }
    static QTableWidget *table(const SettingsDialog &dialog)
    {
        return child<QTableWidget>(page(dialog), "faultRuleTable");
    }
    static QToolButton *button(const SettingsDialog &dialog, const char *name)
    {
        return child<QToolButton>(page(dialog), name);
    }
    static bool canApply(const SettingsDialog &dialog)
    {
        return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Apply)->isEnabled();
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void loadsAndStoresTheRules()
    {
        QTemporaryDir store;
        AppSettings settings = dialogSettings(store.path());
        settings.faultRules = {u"rcpt:*@blocked.test:550 5.1.1 no such user"_s,
                               u"data-end,off:*:disconnect"_s};
        settings.faultSeed = 42;
        SettingsDialog dialog(settings);
        QVERIFY(child<QGroupBox>(page(dialog), "faultsEnabledBox")->isChecked());
        QCOMPARE(table(dialog)->rowCount(), 2);
        QCOMPARE(table(dialog)->item(1, FaultsSettingsPage::RuleColumn)->text(),
                 u"data-end:*:disconnect"_s);
        QCOMPARE(table(dialog)->item(1, FaultsSettingsPage::EnabledColumn)->checkState(),
                 Qt::Unchecked);
        QCOMPARE(child<SettingSpinBox>(page(dialog), "faultSeedBox")->value(), 42);
        QCOMPARE(dialog.settings().faultRules, settings.faultRules);

        // Switching a rule on and the whole page off.
        table(dialog)->item(1, FaultsSettingsPage::EnabledColumn)->setCheckState(Qt::Checked);
        child<QGroupBox>(page(dialog), "faultsEnabledBox")->setChecked(false);
        QCOMPARE(dialog.settings().faultRules.at(1), u"data-end:*:disconnect"_s);
        QVERIFY(!dialog.settings().faultsEnabled);
    }

    void editAddReorderAndRemove()
    {
        QTemporaryDir store;
        AppSettings settings = dialogSettings(store.path());
        settings.faultRules = {u"mail:*:delay=3000"_s};
        SettingsDialog dialog(settings);
        button(dialog, "addFaultButton")->click();
        QCOMPARE(table(dialog)->rowCount(), 2);
        table(dialog)->item(1, FaultsSettingsPage::RuleColumn)->setText(u"rcpt:*:greylist=1"_s);
        table(dialog)->selectRow(1);
        QVERIFY(button(dialog, "faultUpButton")->isEnabled());
        button(dialog, "faultUpButton")->click();
        QCOMPARE(dialog.settings().faultRules,
                 (QStringList{u"rcpt:*:greylist=1"_s, u"mail:*:delay=3000"_s}));
        QCOMPARE(table(dialog)->currentRow(), 0);
        QVERIFY(!button(dialog, "faultUpButton")->isEnabled());
        button(dialog, "faultDownButton")->click();
        QCOMPARE(dialog.settings().faultRules.front(), u"mail:*:delay=3000"_s);
        button(dialog, "removeFaultButton")->click();
        QCOMPARE(dialog.settings().faultRules, QStringList{u"mail:*:delay=3000"_s});
    }

    /// A rule that does not parse is named by its number, and Apply waits for a fix.
    void badRuleKeepsApplyOff()
    {
        QTemporaryDir store;
        SettingsDialog dialog(dialogSettings(store.path()));
        button(dialog, "addFaultButton")->click();
        QVERIFY(dialog.validate());
        table(dialog)->item(0, FaultsSettingsPage::RuleColumn)->setText(u"rcpt:*:250 fine"_s);
        QVERIFY(!dialog.validate());
        QTRY_VERIFY(!canApply(dialog));
        const QString error = child<FieldErrorLabel>(page(dialog), "faultRulesError")->text();
        QVERIFY2(error.startsWith(u"Rule 1: "_s) && error.contains(u"400 to 599"_s),
                 qPrintable(error));
        table(dialog)->item(0, FaultsSettingsPage::RuleColumn)->setText(u"rcpt:*:450 busy"_s);
        QVERIFY(dialog.validate());
    }

    void presetsAddTheirRules()
    {
        QTemporaryDir store;
        AppSettings settings = dialogSettings(store.path());
        settings.faultsEnabled = false;
        SettingsDialog dialog(settings);
        const QList<QAction *> actions = button(dialog, "faultPresetsButton")->menu()->actions();
        const QList<FaultsSettingsPage::Preset> presets = FaultsSettingsPage::presets();
        QCOMPARE(actions.size(), presets.size());
        QCOMPARE(actions.size(), 5);
        qsizetype expected = 0;
        for (qsizetype i = 0; i < actions.size(); ++i) {
            actions.at(i)->trigger();
            expected += presets.at(i).rules.size();
            QCOMPARE(table(dialog)->rowCount(), expected);
        }
        // Every preset's rules are valid, and choosing one turns the rules on.
        QVERIFY(dialog.validate());
        QVERIFY(dialog.settings().faultsEnabled);
        QVERIFY(dialog.settings().faultRules.contains(u"data-end:*:disconnect"_s));
        QVERIFY(dialog.settings().faultRules.contains(u"rcpt:*:greylist=1"_s));
    }

    /// The status bar shows "Faults active" while a rule can fire, from the settings applied
    /// and from the HTTP API alike.
    void badgeWhileRulesAreActive()
    {
        QTemporaryDir store;
        AppSettings settings = testSettings(store.path());
        settings.faultRules = {u"rcpt:*:451 4.3.0 later"_s};
        MainWindow window(settings);
        window.show();
        QCOMPARE(start(window), 1);
        auto *badge = window.findChild<QToolButton *>(QStringLiteral("faultsBadge"));
        QVERIFY(badge);
        QVERIFY(!badge->isHidden());
        QVERIFY(badge->toolTip().contains(u"1 fault rule"_s));

        FaultSettings off = controller(window)->faults()->settings();
        off.enabled = false;
        controller(window)->faults()->configure(off);
        emit controller(window)->faultsChanged();
        QVERIFY(badge->isHidden());

        ChaosTriggers chaos;
        chaos.recipient.probability = 50;
        controller(window)->faults()->setChaos(chaos);
        emit controller(window)->faultsChanged();
        QVERIFY(!badge->isHidden());
        QVERIFY(badge->toolTip().contains(u"chaos"_s));
    }

    /// Rules a client puts through the HTTP API are the window's settings from then on: the
    /// Faults page shows them when opened, and an apply of other settings keeps them.
    void rulesFromTheApiBecomeTheSettings()
    {
        QTemporaryDir store;
        AppSettings settings = testSettings(store.path());
        settings.apiListen = u"127.0.0.1:0"_s;
        settings.faultRules = {u"mail:*:delay=10"_s};
        MainWindow window(settings);
        window.show();
        QCOMPARE(start(window), 1);
        const std::optional<ListenAddress> api = controller(window)->apiAddress();
        QVERIFY(api);

        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/api/v1/faults"_s.arg(api->port)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        QSignalSpy changed(controller(window), &MailService::faultsChanged);
        std::unique_ptr<QNetworkReply> reply(network.put(
            request,
            R"({"Rules": [{"Rule": "rcpt:*@y.test:450 4.2.1 mailbox busy"}], "Seed": 9})"_ba));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(20000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QTRY_VERIFY(!changed.isEmpty());
        const QStringList fromApi{u"rcpt:*@y.test:450 4.2.1 mailbox busy"_s};
        QCOMPARE(window.settings().faultRules, fromApi);
        QCOMPARE(window.settings().faultSeed, 9);

        SettingsDialog *dialog = window.openSettings(SettingsDialog::Page::Faults);
        QCOMPARE(table(*dialog)->rowCount(), 1);
        QCOMPARE(table(*dialog)->item(0, FaultsSettingsPage::RuleColumn)->text(), fromApi.front());
        QCOMPARE(child<SettingSpinBox>(page(*dialog), "faultSeedBox")->value(), 9);
        dialog->close();

        // An apply that changes something else leaves the rules as the API set them.
        AppSettings other = window.settings();
        other.maxRecipients = 7;
        QSignalSpy applied(&window, &MainWindow::serverApplied);
        window.applySettings(other, false);
        QVERIFY(applied.wait(20000));
        QVERIFY(applied.constFirst().constFirst().toBool());
        const FaultSettings inForce = controller(window)->faults()->settings();
        QCOMPARE(inForce.rules.size(), 1);
        QCOMPARE(inForce.rules.front().toString(), fromApi.front());
        QCOMPARE(window.settings().faultRules, fromApi);
    }
};

QTEST_MAIN(TestFaultsSettings)
#include "tst_faultssettings.moc"
