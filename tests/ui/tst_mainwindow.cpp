// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "exchange/messageimporter.h"
#include "loader/storeloader.h"
#include "mainwindow.h"
#include "models/inboxmodel.h"
#include "models/sessionlistmodel.h"
#include "models/sessionlogmodel.h"
#include "openstore.h"
#include "resulttext.h"
#include "settings/serversettingspage.h"
#include "settings/settingsdialog.h"
#include "settings/tlssettingspage.h"
#include "smtp/smtpserversettings.h"
#include "smtptestclient.h"
#include "store/messagestore.h"
#include "store/storereader.h"
#include "testsettings.h"
#include "tls/selfsignedcertificate.h"
#include "views/htmlpreview.h"
#include "views/inboxview.h"
#include "views/messageschemehandler.h"
#include "views/messageview.h"
#include "widgetchild.h"
#include "windowparts.h"
#include "windowsteps.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCompleter>
#include <QDesktopServices>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QWebEngineProfile>
#include <QWebEngineView>

using namespace WindowParts;
using namespace WindowSteps;

namespace {

const QByteArray kMessage = quarterlyReport("<p>The <b>numbers</b> are in the attachment.</p>");

} // namespace

/// Stands in for the desktop: records the URLs QDesktopServices::openUrl() is asked to open.
class UrlCatcher final : public QObject
{
    Q_OBJECT

public slots:
    void open(const QUrl &url) { urls.append(url); }

public:
    QList<QUrl> urls;
};

class TestMainWindow final : public QObject
{
    Q_OBJECT

private:
    /// Gives the consent an unsandboxed renderer waits for (the tests run as root with
    /// --no-sandbox), as the banner's button does.
    static void renderHtml(const MainWindow &window)
    {
        auto *preview = window.findChild<HtmlPreview *>();
        if (preview->waitingForConsent())
            preview->renderThisMessage();
    }

private slots:
    /// An HTML-only message after a plain one opens on its HTML, not on whatever tab
    /// QTabWidget moved to when the Text tab was disabled (it picked Headers).
    void htmlOnlyMessageAfterPlainOpensOnHtml()
    {
        MessageView view;
        MessageDetails plain;
        plain.id = 1;
        plain.found = true;
        plain.parts.text = QStringLiteral("plain body");
        view.setDetails(plain);
        auto *tabs = child<QTabWidget>(&view, "messageTabs");
        tabs->setCurrentIndex(MessageView::TextTab);

        MessageDetails html;
        html.id = 2;
        html.found = true;
        html.parts.html = QStringLiteral("<p>html body</p>");
        view.setDetails(html);
        QCOMPARE(tabs->currentIndex(), int(MessageView::HtmlTab));

        tabs->setCurrentIndex(MessageView::HeadersTab); // a choice of the user's is kept
        view.setDetails(plain);
        QCOMPARE(tabs->currentIndex(), int(MessageView::HeadersTab));
    }

    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    /// A message sent by a client appears in the inbox; the viewer shows its subject, text,
    /// HTML, attachments, envelope (with the Bcc recipient) and the trace of its session.
    void messageAppearsAndShows()
    {
        QTemporaryDir store;
        MainWindow window(testSettings(store.path()));
        window.show();
        QSignalSpy applied(&window, &MainWindow::serverApplied);
        window.startServer();
        // Opening the store happens off the GUI thread, so the call comes back before it.
        QVERIFY(listeningText(window).contains(u"Starting"));
        QCOMPARE(waitApplied(applied), 1);
        QVERIFY(port(window) != 0);
        QVERIFY(statusError(window).isEmpty());
        QVERIFY(listeningText(window).contains(QStringLiteral("127.0.0.1:%1").arg(port(window))));

        QCOMPARE(SmtpTestClient::deliver(port(window), "alice@example.test",
                                         {"bob@example.test", "hidden@example.test"}, kMessage),
                 250);
        InboxModel *inbox = inboxModel(window);
        QTRY_COMPARE(inbox->rowCount(), 1);
        QCOMPARE(inbox->index(0, InboxModel::SubjectColumn).data().toString(), u"Quarterly report");
        QCOMPARE(inbox->index(0, 0).data(InboxModel::UnreadRole).toBool(), true);
        QTRY_VERIFY(sessionList(window)->rowCount() >= 1);
        // The live log waits while its tab is hidden, and catches up when it is shown.
        QVERIFY(sessionLog(window)->isPaused());
        mainTabs(window)->setCurrentIndex(1);
        QVERIFY(!sessionLog(window)->isPaused());
        QTRY_VERIFY(sessionLog(window)->rowCount() > 5);
        mainTabs(window)->setCurrentIndex(0);

        const qint64 id = inbox->index(0, 0).data(InboxModel::MessageIdRole).toLongLong();
        QSignalSpy shown(inboxPage(window), &InboxPage::messageShown);
        QVERIFY(inboxPage(window)->selectMessage(id));
        QTRY_VERIFY(messageView(window)->hasMessage() && messageView(window)->details().id == id);
        MessageView *view = messageView(window);
        QCOMPARE(view->details().parts.subject, u"Quarterly report");
        QVERIFY(child<QPlainTextEdit>(view, "textView")
                    ->toPlainText()
                    .contains(u"The numbers are in the attachment."));
        QVERIFY(child<QTabWidget>(view, "messageTabs")->isTabEnabled(MessageView::HtmlTab));
        // Without the renderer's sandbox (as root) the HTML waits for consent; rendering it
        // starts the browser engine and its scheme handler.
        renderHtml(window);
        QByteArray type;
        QByteArray html;
        QVERIFY(window.findChild<MessageSchemeHandler *>());
        QVERIFY(window.findChild<MessageSchemeHandler *>()->resolve(
            MessageSchemeHandler::bodyUrl(id), &type, &html));
        QVERIFY(html.contains("<b>numbers</b>"));
        QCOMPARE(child<QTreeWidget>(view, "attachmentsView")->topLevelItemCount(), 1);
        QCOMPARE(child<QTreeWidget>(view, "attachmentsView")->topLevelItem(0)->text(0),
                 u"report.csv");
        QVERIFY(child<QPlainTextEdit>(view, "rawView")->toPlainText().contains(u"q,revenue"));
        QVERIFY(child<QPlainTextEdit>(view, "rawView")->toPlainText().startsWith(u"Received:"));

        const QList<QTreeWidgetItem *> hidden =
            child<QTreeWidget>(view, "envelopeView")
                ->findItems(QStringLiteral("<hidden@example.test>"), Qt::MatchExactly, 1);
        QCOMPARE(hidden.size(), 1);
        QVERIFY(hidden.constFirst()->text(2).contains(u"Bcc"));
        const QList<QTreeWidgetItem *> visible =
            child<QTreeWidget>(view, "envelopeView")
                ->findItems(QStringLiteral("<bob@example.test>"), Qt::MatchExactly, 1);
        QCOMPARE(visible.size(), 1);
        QVERIFY(!visible.constFirst()->text(2).contains(u"Bcc"));

        bool sawMailFrom = false;
        for (int row = 0; row < child<SessionLogModel>(view, "traceModel")->rowCount(); ++row) {
            sawMailFrom = sawMailFrom
                          || child<SessionLogModel>(view, "traceModel")
                                 ->index(row, 0)
                                 .data(SessionLogModel::BytesRole)
                                 .toByteArray()
                                 .startsWith("MAIL FROM:");
        }
        QVERIFY(sawMailFrom);
        // Shown means read, in the model and (asynchronously) in the store.
        QTRY_COMPARE(inbox->unreadCount(), 0);
    }

    /// The browser engine costs most of the app's memory, so it starts with the first HTML
    /// body shown: not at launch, not for a plain-text message.
    void browserEngineWaitsForHtml()
    {
        QTemporaryDir store;
        MainWindow window(testSettings(store.path()));
        window.show();
        QCOMPARE(start(window), 1);
        QCOMPARE(SmtpTestClient::deliver(port(window), "alice@example.test", {"bob@example.test"},
                                         "Subject: plain\r\n\r\nJust text.\r\n"),
                 250);
        InboxModel *inbox = inboxModel(window);
        QTRY_COMPARE(inbox->rowCount(), 1);
        const qint64 plain = inbox->idAt(0);
        QSignalSpy shown(inboxPage(window), &InboxPage::messageShown);
        inboxPage(window)->selectMessage(plain);
        QTRY_VERIFY(messageView(window)->hasMessage()
                    && messageView(window)->details().id == plain);
        QVERIFY(!window.findChild<QWebEngineView *>());
        QVERIFY(!window.findChild<QWebEngineProfile *>());
        QVERIFY(!window.findChild<MessageSchemeHandler *>());

        QCOMPARE(SmtpTestClient::deliver(port(window), "alice@example.test", {"bob@example.test"},
                                         kMessage),
                 250);
        QTRY_COMPARE(inbox->rowCount(), 2);
        const qint64 html = inbox->rowOf(plain) == 0 ? inbox->idAt(1) : inbox->idAt(0);
        QVERIFY(inboxPage(window)->selectMessage(html));
        QTRY_VERIFY(messageView(window)->details().id == html);
        renderHtml(window);
        QVERIFY(window.findChild<QWebEngineView *>());
        QVERIFY(window.findChild<QWebEngineProfile *>());
        QVERIFY(window.findChild<MessageSchemeHandler *>());
    }

    /// "Open" on an attachment writes it into a fresh folder of our own (0700, file 0600) and
    /// opens that file; a folder another local user prepared where the attachment used to go
    /// ($TMPDIR/letterbox-<id>, with a symlink named like the attachment) is not touched.
    void openAttachmentWritesAPrivateFile()
    {
        QTemporaryDir dir;
        const QString tmp = dir.filePath(QStringLiteral("tmp"));
        QVERIFY(QDir().mkpath(tmp));
        const bool hadTmp = qEnvironmentVariableIsSet("TMPDIR");
        const QByteArray oldTmp = qgetenv("TMPDIR");
        qputenv("TMPDIR", QFile::encodeName(tmp));
        const auto restoreTmp = qScopeGuard([&] {
            if (hadTmp)
                qputenv("TMPDIR", oldTmp);
            else
                qunsetenv("TMPDIR");
        });

        QString error;
        std::unique_ptr<MessageStore> store =
            openStore(dir.filePath(QStringLiteral("store")), &error);
        QVERIFY2(store, qPrintable(error));
        const QString eml = dir.filePath(QStringLiteral("in.eml"));
        {
            QFile file(eml);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(kMessage);
        }
        const QList<qint64> ids = MessageImporter(store.get()).run({eml}).ids;
        QCOMPARE(ids.size(), 1);
        const qint64 id = ids.constFirst();

        const QString victim = dir.filePath(QStringLiteral("victim"));
        {
            QFile file(victim);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("precious");
        }
        const QString trap = QDir(tmp).filePath(QStringLiteral("letterbox-%1").arg(id));
        QVERIFY(QDir().mkpath(trap));
        QVERIFY(QFile::link(victim, trap + QStringLiteral("/report.csv")));

        StoreLoader loader;
        loader.open(store->directory());
        QSignalSpy loaded(&loader, &StoreLoader::messageLoaded);
        loader.loadMessage(1, id);
        QCOMPARE(loaded.count(), 1);
        MessageView view;
        view.setLoader(&loader);
        view.setDetails(loaded.at(0).at(0).value<MessageDetails>());
        QCOMPARE(child<QTreeWidget>(&view, "attachmentsView")->topLevelItemCount(), 1);
        child<QTreeWidget>(&view, "attachmentsView")
            ->setCurrentItem(child<QTreeWidget>(&view, "attachmentsView")->topLevelItem(0));

        UrlCatcher desktop;
        QDesktopServices::setUrlHandler(QStringLiteral("file"), &desktop, "open");
        const auto restoreHandler =
            qScopeGuard([] { QDesktopServices::unsetUrlHandler(QStringLiteral("file")); });
        child<QPushButton>(&view, "openAttachment")->click();
        QTRY_COMPARE(desktop.urls.size(), 1);

        const QString path = desktop.urls.constFirst().toLocalFile();
        QCOMPARE(QFileInfo(path).fileName(), u"report.csv");
        QVERIFY2(!path.startsWith(trap), qPrintable(path));
        QVERIFY2(path.startsWith(tmp + u'/'), qPrintable(path));
        QVERIFY(!QFileInfo(path).isSymLink());
        QFile opened(path);
        QVERIFY(opened.open(QIODevice::ReadOnly));
        QCOMPARE(
            opened.readAll(),
            QByteArray("q,revenue\r\n1,100")); // the CRLF before the boundary is the boundary's
        QCOMPARE(opened.permissions() & 0x7077, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        // Every folder between TMPDIR and the file is private.
        for (QDir up(QFileInfo(path).absolutePath()); up.absolutePath() != tmp; up.cdUp()) {
            QCOMPARE(QFile::permissions(up.absolutePath()) & 0x7077,
                     QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        }
        QFile untouched(victim);
        QVERIFY(untouched.open(QIODevice::ReadOnly));
        QCOMPARE(untouched.readAll(), QByteArray("precious"));
    }

    /// Deleting removes the message from the model at once and from the store.
    void deleteRemovesFromStore()
    {
        QTemporaryDir store;
        MainWindow window(testSettings(store.path()));
        window.show();
        QCOMPARE(start(window), 1);
        QCOMPARE(SmtpTestClient::deliver(port(window), "alice@example.test", {"bob@example.test"},
                                         "Subject: one\r\n\r\nx\r\n"),
                 250);
        QCOMPARE(SmtpTestClient::deliver(port(window), "alice@example.test", {"bob@example.test"},
                                         "Subject: two\r\n\r\ny\r\n"),
                 250);
        QTRY_COMPARE(inboxModel(window)->rowCount(), 2);
        QString error;
        auto readerOpened = StoreReader::open(store.path());
        QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
        auto reader = std::move(*readerOpened);
        QCOMPARE(reader->messageCount(), 2);

        const qint64 id =
            inboxModel(window)->index(0, 0).data(InboxModel::MessageIdRole).toLongLong();
        QVERIFY(inboxPage(window)->selectMessage(id));
        inboxPage(window)->deleteSelected();
        QCOMPARE(inboxModel(window)->rowCount(), 1);
        QCOMPARE(inboxModel(window)->rowOf(id), -1);
        QTRY_COMPARE(reader->messageCount(), 1);
        for (const StoredMessage &message : reader->list())
            QVERIFY(message.id != id);

        inboxPage(window)->deleteAll(false);
        QCOMPARE(inboxModel(window)->rowCount(), 0);
        QTRY_COMPARE(reader->messageCount(), 0);
    }

    /// The search box speaks the store's query language, in the loader thread; a query that
    /// does not parse says why on the box and leaves the list as it was.
    void searchBoxUsesQueryLanguage()
    {
        QTemporaryDir store;
        MainWindow window(testSettings(store.path()));
        window.show();
        QCOMPARE(start(window), 1);
        QCOMPARE(SmtpTestClient::deliver(port(window), "alice@example.test", {"bob@example.test"},
                                         kMessage),
                 250);
        QCOMPARE(SmtpTestClient::deliver(
                     port(window), "zed@example.test", {"bob@example.test"},
                     "From: Zed <zed@example.test>\r\nSubject: plain\r\n\r\nhello\r\n"),
                 250);
        QCOMPARE(SmtpTestClient::deliver(port(window), "zed@example.test", {"bob@example.test"},
                                         kMessage),
                 250);
        InboxModel *inbox = inboxModel(window);
        QTRY_COMPARE(inbox->rowCount(), 3);
        QVERIFY(searchBox(window)->placeholderText().contains(u"from:"));

        // The third message has an attachment too, and MAIL FROM zed, but its From header is
        // Alice: from: looks at both.
        searchBox(window)->setText(QStringLiteral("from:zed has:attachment"));
        QTRY_COMPARE(inbox->rowCount(), 1);
        QTRY_VERIFY(inbox->index(0, 0).data(InboxModel::LoadedRole).toBool());
        QCOMPARE(inbox->index(0, InboxModel::SubjectColumn).data().toString(), u"Quarterly report");
        const qint64 found = inbox->idAt(0);

        searchBox(window)->setText(QStringLiteral("from:zed has:nothing"));
        QTRY_VERIFY(!inboxModel(window)->queryError().isEmpty());
        QVERIFY(inboxModel(window)->queryError().contains(u"has:"));
        QVERIFY(searchBox(window)->toolTip().contains(inboxModel(window)->queryError()));
        QVERIFY(!searchBox(window)->styleSheet().isEmpty());
        QCOMPARE(inbox->rowCount(), 1);
        QCOMPARE(inbox->idAt(0), found);

        searchBox(window)->setText(QStringLiteral("subject:nowhere"));
        QTRY_VERIFY(inboxModel(window)->queryError().isEmpty());
        QTRY_COMPARE(inbox->rowCount(), 0);
        QVERIFY(searchBox(window)->styleSheet().isEmpty());

        // Selecting a message the search hides clears the search and selects it.
        QVERIFY(!inboxPage(window)->selectMessage(found));
        QVERIFY(searchBox(window)->text().isEmpty());
        QTRY_COMPARE(inboxView(window)->currentIndex().data(InboxModel::MessageIdRole).toLongLong(),
                     found);
        QCOMPARE(inbox->rowCount(), 3);

        // Field names complete inside the query.
        window.activateWindow();
        searchBox(window)->setFocus();
        QTest::keyClicks(searchBox(window), QStringLiteral("has:attachment -sub"));
        auto *completer = searchBox(window)->findChild<QCompleter *>();
        QVERIFY(completer);
        QTRY_VERIFY(completer->popup()->isVisible());
        QCOMPARE(completer->currentCompletion(), u"subject:");
        emit completer->activated(completer->currentCompletion());
        QCOMPARE(searchBox(window)->text(), u"has:attachment -subject:");
    }

    /// Mail arriving while the inbox is sorted newest first comes in at the top, as an insert
    /// (no reset), and the selected message stays selected.
    void liveArrivalInsertsAtTop()
    {
        QTemporaryDir store;
        MainWindow window(testSettings(store.path()));
        window.show();
        QCOMPARE(start(window), 1);
        QCOMPARE(SmtpTestClient::deliver(port(window), "alice@example.test", {"bob@example.test"},
                                         "Subject: one\r\n\r\nx\r\n"),
                 250);
        QCOMPARE(SmtpTestClient::deliver(port(window), "alice@example.test", {"bob@example.test"},
                                         "Subject: two\r\n\r\ny\r\n"),
                 250);
        InboxModel *inbox = inboxModel(window);
        // The default order; the header may have come back from an earlier run otherwise.
        inboxView(window)->sortByColumn(InboxModel::ReceivedColumn, Qt::DescendingOrder);
        QTRY_COMPARE(inbox->rowCount(), 2);
        QTRY_VERIFY(!inbox->isBusy());
        QCOMPARE(inbox->sortColumn(), int(InboxModel::ReceivedColumn));
        QCOMPARE(inbox->sortOrder(), Qt::DescendingOrder);
        const qint64 older = inbox->idAt(1);
        QVERIFY(inboxPage(window)->selectMessage(older));

        QSignalSpy reset(inbox, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(inbox, &QAbstractItemModel::rowsInserted);
        QCOMPARE(SmtpTestClient::deliver(port(window), "alice@example.test", {"bob@example.test"},
                                         "Subject: three\r\n\r\nz\r\n"),
                 250);
        QTRY_COMPARE(inbox->rowCount(), 3);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inbox->index(0, InboxModel::SubjectColumn).data().toString(), u"three");
        QVERIFY(inbox->idAt(0) > older);
        QCOMPARE(inboxView(window)->currentIndex().data(InboxModel::MessageIdRole).toLongLong(),
                 older);
        QCOMPARE(inboxView(window)->currentIndex().row(), 2);

        // Sorting by subject keeps the selection on the same message.
        inboxView(window)->sortByColumn(InboxModel::SubjectColumn, Qt::AscendingOrder);
        QTRY_COMPARE(inbox->index(0, 0).data(InboxModel::MessageIdRole).toLongLong(), older);
        QCOMPARE(inboxView(window)->currentIndex().row(), 0);
        QCOMPARE(reset.count(), 0);
    }

    /// Applying settings restarts the listeners on the same store: the inbox stays, the new
    /// port and AUTH are live.
    void settingsChangesApply()
    {
        QTemporaryDir store;
        MainWindow window(testSettings(store.path()));
        window.show();
        QCOMPARE(start(window), 1);
        const quint16 firstPort = port(window);
        QCOMPARE(SmtpTestClient::deliver(firstPort, "alice@example.test", {"bob@example.test"},
                                         "Subject: before\r\n\r\nx\r\n"),
                 250);
        QTRY_COMPARE(inboxModel(window)->rowCount(), 1);

        AppSettings changed = window.settings();
        changed.authEnabled = true;
        changed.authUsers = {QStringLiteral("alice:secret")};
        changed.appName = QStringLiteral("Changed");
        QCOMPARE(apply(window, changed), 1);
        QVERIFY(controller(window)->isRunning());
        QVERIFY(port(window) != 0);
        QCOMPARE(inboxModel(window)->rowCount(), 1); // the inbox was not reloaded or lost

        SmtpTestClient client;
        QVERIFY(client.connectPlain(port(window)));
        QVERIFY(client.reply().contains("Changed"));
        client.send("EHLO client.test\r\n");
        const QByteArray ehlo = client.reply();
        QVERIFY2(ehlo.contains("AUTH"), ehlo.constData());
    }

    /// Another store folder at run time: the inbox shows the new store, and mail goes there.
    void switchingStoresReloadsTheInbox()
    {
        QTemporaryDir first;
        QTemporaryDir second;
        MainWindow window(testSettings(first.path()));
        window.show();
        QCOMPARE(start(window), 1);
        QCOMPARE(SmtpTestClient::deliver(port(window), "alice@example.test", {"bob@example.test"},
                                         "Subject: first\r\n\r\nx\r\n"),
                 250);
        QTRY_COMPARE(inboxModel(window)->rowCount(), 1);

        QCOMPARE(apply(window, testSettings(second.path())), 1);
        QVERIFY(window.windowTitle().contains(QDir::toNativeSeparators(second.path())));
        QTRY_COMPARE(inboxModel(window)->totalCount(), 0);
        QCOMPARE(SmtpTestClient::deliver(port(window), "alice@example.test", {"bob@example.test"},
                                         "Subject: second\r\n\r\ny\r\n"),
                 250);
        QTRY_COMPARE(inboxModel(window)->rowCount(), 1);
        QTRY_VERIFY(inboxModel(window)->index(0, 0).data(InboxModel::LoadedRole).toBool());
        QCOMPARE(inboxModel(window)->index(0, InboxModel::SubjectColumn).data().toString(),
                 u"second");
        QVERIFY(!MessageStore::isInUse(first.path()));
    }

    /// Closing the window while the store is still opening waits for it and leaves the store
    /// unlocked.
    void closingWhileStartingIsClean()
    {
        QTemporaryDir store;
        {
            MainWindow window(testSettings(store.path()));
            window.show();
            window.startServer();
            QVERIFY(controller(window)->isApplying());
            window.close();
        }
        QVERIFY(!MessageStore::isInUse(store.path()));
        QString error;
        QVERIFY2(openStore(store.path(), &error), qPrintable(error));
    }

    /// A port that is taken: a clear error in the status bar and a dialog, never silence.
    void portInUseIsReported()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir store;
        AppSettings settings = testSettings(store.path());
        settings.listen = QStringLiteral("127.0.0.1:%1").arg(squatter.serverPort());
        MainWindow window(settings);
        window.show();
        QCOMPARE(start(window), 0);
        QVERIFY(!controller(window)->isRunning());
        QVERIFY2(statusError(window).contains(QString::number(squatter.serverPort())),
                 qPrintable(statusError(window)));
        QVERIFY(problemDialog(window));
        QVERIFY(problemDialog(window)->isVisible());
        QVERIFY(listeningText(window).contains(u"Stopped"));

        // Fixing the port in the settings starts it.
        settings.listen = QStringLiteral("127.0.0.1:0");
        QCOMPARE(apply(window, settings), 1);
        QVERIFY(statusError(window).isEmpty());
    }

    /// An unreadable certificate is reported and leads to the TLS page.
    void badCertificateIsReported()
    {
        QTemporaryDir store;
        AppSettings settings = testSettings(store.path());
        settings.tlsCertFile = store.filePath(QStringLiteral("missing.pem"));
        settings.tlsKeyFile = store.filePath(QStringLiteral("missing.key"));
        MainWindow window(settings);
        QCOMPARE(start(window), 0);
        QVERIFY2(statusError(window).contains(u"missing.pem"), qPrintable(statusError(window)));
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
    TestMainWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindow.moc"
