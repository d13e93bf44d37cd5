// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "mainactions.h"
#include "relay/relayservice.h"
#include "settings/relaysettingspage.h"
#include "settings/settingsdialog.h"
#include "smtptestclient.h"
#include "testconfig.h"
#include "testsettings.h"
#include "views/relayview.h"
#include "views/releasedialog.h"
#include "windowparts.h"
#include "windowsteps.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace WindowParts;
using namespace WindowSteps;

/// Message › Release… in the real window: the dialog prefilled from the envelope, the release
/// through MailService to a second Letterbox on loopback, and the Relay tab showing the stored
/// attempt. Saves a screenshot of the tab when LETTERBOX_SCREENSHOT_DIR is set.
class TestRelayTab final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void releaseShowsInTheRelayTab()
    {
        QTemporaryDir targetStore;
        MailService target;
        QSignalSpy targetApplied(&target, &MailService::applyFinished);
        target.apply(testConfig(targetStore.path()));
        QVERIFY(targetApplied.wait(20000) && targetApplied.constFirst().constFirst().toBool());
        QSignalSpy arrived(&target, &MailService::messageReceived);

        QTemporaryDir store;
        AppSettings settings = testSettings(store.path());
        settings.relayHost = u"127.0.0.1:%1"_s.arg(target.listenAddress()->port);
        settings.relayTls = u"none"_s;
        settings.relayAllow = {u"*@example.test"_s};
        MainWindow window(settings);
        window.resize(1100, 760);
        window.show();
        QCOMPARE(start(window), 1);
        QCOMPARE(SmtpTestClient::deliverSubject(port(window), "release from the window"), 250);
        QTRY_COMPARE(inboxModel(window)->rowCount(), 1);
        const qint64 id = inboxModel(window)->idAt(0);
        QVERIFY(inboxPage(window)->selectMessage(id));
        QTRY_VERIFY(messageView(window)->hasMessage());

        auto *tabs = messageView(window)->findChild<QTabWidget *>(u"messageTabs"_s);
        QVERIFY(tabs);
        QCOMPARE(tabs->tabText(MessageView::RelayTab), u"Relay"_s);
        QCOMPARE(window.findChild<QAction *>(u"releaseAction"_s)->isEnabled(), true);
        window.findChild<QAction *>(u"releaseAction"_s)->trigger();
        ReleaseDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<ReleaseDialog *>()) && dialog->isVisible());
        // Prefilled from the envelope, and editable.
        QCOMPARE(dialog->recipientsEdit()->text(), u"bob@example.test"_s);
        dialog->recipientsEdit()->setText(u"carol@example.test, dave@example.test"_s);
        QSignalSpy relayed(controller(window), &MailService::relayFinished);
        dialog->findChild<QPushButton *>(u"releaseButton"_s)->click();
        QVERIFY(relayed.wait(20000));

        QTRY_COMPARE(tabs->tabText(MessageView::RelayTab), u"Relay (1)"_s);
        tabs->setCurrentIndex(MessageView::RelayTab);
        auto *relay = messageView(window)->findChild<RelayView *>();
        QTreeWidget *attempts = relay->attemptsView();
        QCOMPARE(attempts->topLevelItemCount(), 1);
        QTreeWidgetItem *attempt = attempts->topLevelItem(0);
        QCOMPARE(attempt->text(1), u"127.0.0.1:%1"_s.arg(target.listenAddress()->port));
        QCOMPARE(attempt->text(2), u"delivered"_s);
        QCOMPARE(attempt->childCount(), 2);
        QCOMPARE(attempt->child(0)->text(0), u"carol@example.test"_s);
        QVERIFY(attempt->child(0)->text(1).startsWith(u"250 "_s));
        QVERIFY(relay->traceView()->toPlainText().contains(u"C: RCPT TO:<dave@example.test>"_s));

        QTRY_COMPARE(arrived.size(), 1);
        QCOMPARE(arrived.constFirst().constFirst().value<ReceivedMessage>().envelope.recipients,
                 (QList<QByteArray>{"carol@example.test", "dave@example.test"}));

        const QString shots = qEnvironmentVariable("LETTERBOX_SCREENSHOT_DIR");
        if (!shots.isEmpty())
            QVERIFY(window.grab().save(shots + u"/relay-tab.png"_s));
    }

    /// Settings › Relay: every relay setting in and out, checked as ServerConfig checks it.
    void relaySettingsPage()
    {
        QTemporaryDir store;
        // As the settings dialog's own tests have them: the dialog wants a real port.
        AppSettings settings;
        settings.listen = u"127.0.0.1:1025"_s;
        settings.storeDirectory = store.path();
        settings.relayHost = u"smtp.example.test:587"_s;
        settings.relayUser = u"me:pa:ss"_s;
        settings.relayAllow = {u"*@example.test"_s, u"me@elsewhere.test"_s};
        SettingsDialog dialog(settings);
        auto *page = dialog.findChild<RelaySettingsPage *>();
        QVERIFY(page);
        QVERIFY(dialog.validate());
        AppSettings out = dialog.settings();
        QCOMPARE(out.relayHost, settings.relayHost);
        QCOMPARE(out.relayTls, u"starttls"_s);
        QCOMPARE(out.relayUser, u"me:pa:ss"_s);
        QCOMPARE(out.relayAllow, settings.relayAllow);

        page->findChild<QComboBox *>(u"relayTlsBox"_s)->setCurrentIndex(1);
        page->findChild<QCheckBox *>(u"relayNoVerifyBox"_s)->setChecked(true);
        page->findChild<QLineEdit *>(u"relayAutoEdit"_s)->setText(u"subject:deploy"_s);
        out = dialog.settings();
        QCOMPARE(out.relayTls, u"implicit"_s);
        QVERIFY(out.relayNoVerify);
        QCOMPARE(out.relayAuto, u"subject:deploy"_s);
        QVERIFY(dialog.validate());

        page->findChild<QLineEdit *>(u"relayHostEdit"_s)->setText(u"no port"_s);
        QVERIFY(!dialog.validate());
        auto *error = page->findChild<QLabel *>(u"relayError"_s);
        QVERIFY2(error->text().contains(u"HOST:PORT"_s), qPrintable(error->text()));
    }

    /// An automatic relay that finds nothing listening: the status bar says it will retry,
    /// with a Fix… button that opens Settings › Relay; Message › Retry Relay Now is enabled
    /// while the shown message waits in the retry queue and, once the target runs, delivers
    /// it at once (the queued retry is ten minutes away), which takes the hint back.
    void queuedRelayRetriesFromTheMessageMenu()
    {
        quint16 targetPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            targetPort = probe.serverPort();
        }
        QTemporaryDir store;
        AppSettings settings = testSettings(store.path());
        settings.relayHost = u"127.0.0.1:%1"_s.arg(targetPort);
        settings.relayTls = u"none"_s;
        settings.relayAllow = {u"*@example.test"_s};
        settings.relayAuto = u"subject:queued"_s;
        MainWindow window(settings);
        window.show();
        controller(window)->relay()->setFirstRetryDelay(std::chrono::minutes(10));
        QCOMPARE(start(window), 1);
        QSignalSpy relayed(controller(window), &MailService::relayFinished);
        QCOMPARE(SmtpTestClient::deliverSubject(port(window), "queued relay"), 250);
        // The client's waits run the event loop: the attempt may be over before it returns.
        QTRY_VERIFY_WITH_TIMEOUT(!relayed.isEmpty(), 20000);
        const RelayOutcome failed = relayed.takeFirst().constFirst().value<RelayOutcome>();
        QVERIFY(failed.temporaryFailure());
        const qint64 id = failed.messageId;
        QTRY_VERIFY(controller(window)->isRelayQueued(id));

        // The status bar's hint leads to Settings › Relay.
        auto *problem = window.findChild<QLabel *>(u"problemLabel"_s);
        QTRY_VERIFY(problem->isVisible());
        QVERIFY2(problem->text().contains(u"will retry"_s), qPrintable(problem->text()));
        QVERIFY(window.findChildren<QMessageBox *>().isEmpty());
        auto *fix = window.findChild<QToolButton *>(u"problemFix"_s);
        QVERIFY(fix->isVisible());
        fix->click();
        RelaySettingsPage *page = nullptr;
        QTRY_VERIFY((page = window.findChild<RelaySettingsPage *>()) && page->isVisible());
        page->window()->close();

        QAction *retry = window.findChild<QAction *>(u"retryRelayAction"_s);
        QVERIFY(retry);
        QVERIFY(!retry->isEnabled()); // no message shown
        QTRY_COMPARE(inboxModel(window)->rowCount(), 1);
        QVERIFY(inboxPage(window)->selectMessage(id));
        QTRY_VERIFY(messageView(window)->hasMessage());
        QTRY_VERIFY(retry->isEnabled());

        QTemporaryDir targetStore;
        MailService target;
        QSignalSpy targetApplied(&target, &MailService::applyFinished);
        ServerConfig targetConfig = testConfig(targetStore.path());
        targetConfig.listen = u"127.0.0.1:%1"_s.arg(targetPort);
        target.apply(targetConfig);
        QVERIFY(targetApplied.wait(20000) && targetApplied.constFirst().constFirst().toBool());
        QSignalSpy arrived(&target, &MailService::messageReceived);

        retry->trigger();
        QVERIFY(relayed.wait(20000));
        const RelayOutcome delivered = relayed.takeFirst().constFirst().value<RelayOutcome>();
        QVERIFY(delivered.delivered());
        QTRY_COMPARE(arrived.size(), 1);
        QTRY_VERIFY(!retry->isEnabled());
        QVERIFY(!controller(window)->isRelayQueued(id));
        QTRY_VERIFY(!problem->isVisible());
        auto *tabs = messageView(window)->findChild<QTabWidget *>(u"messageTabs"_s);
        QTRY_COMPARE(tabs->tabText(MessageView::RelayTab), u"Relay (2)"_s);
    }

    void notAllowedRecipientsAreRefusedInTheDialog()
    {
        QTemporaryDir store;
        AppSettings settings = testSettings(store.path());
        settings.relayHost = u"127.0.0.1:9"_s;
        settings.relayTls = u"none"_s;
        settings.relayAllow = {u"*@example.test"_s};
        MainWindow window(settings);
        window.show();
        QCOMPARE(start(window), 1);
        QCOMPARE(SmtpTestClient::deliverSubject(port(window), "customer"), 250);
        QTRY_COMPARE(inboxModel(window)->rowCount(), 1);
        QVERIFY(inboxPage(window)->selectMessage(inboxModel(window)->idAt(0)));
        QTRY_VERIFY(messageView(window)->hasMessage());
        window.findChild<QAction *>(u"releaseAction"_s)->trigger();
        ReleaseDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<ReleaseDialog *>()) && dialog->isVisible());
        dialog->recipientsEdit()->setText(u"customer@real.example"_s);
        QSignalSpy relayed(controller(window), &MailService::relayFinished);
        dialog->findChild<QPushButton *>(u"releaseButton"_s)->click();
        // Refused in the dialog, which stays open so that the recipients can be corrected.
        auto *problem = dialog->findChild<QLabel *>(u"releaseProblem"_s);
        QVERIFY(problem);
        QTRY_VERIFY(problem->isVisible());
        QVERIFY2(problem->text().contains(u"customer@real.example"_s), qPrintable(problem->text()));
        QVERIFY(dialog->isVisible());
        dialog->recipientsEdit()->setText(u"dev@example.test"_s);
        QVERIFY(!problem->isVisible());
        dialog->reject();
        QVERIFY(relayed.isEmpty());
    }
};

QTEST_MAIN(TestRelayTab)
#include "tst_relaytab.moc"
