// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "errortext.h"
#include "themeicon.h"

#include "appearance.h"
#include "autostartentry.h"
#include "loader/storeloader.h"
#include "mainactions.h"
#include "mainstatusbar.h"
#include "models/inboxmodel.h"
#include "models/sessionlistmodel.h"
#include "models/sessionlogmodel.h"
#include "pages/inboxpage.h"
#include "pages/sessionspage.h"
#include "relay/relayservice.h"
#include "service/mailservice.h"
#include "transfer/transferpresenter.h"
#include "trayicon.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QLocale>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QUrl>

namespace {

constexpr QLatin1StringView kGeometryKey("window/geometry");
constexpr QLatin1StringView kStateKey("window/state");
constexpr QLatin1StringView kTabKey("window/tab");

StoreLoader *startLoader(GracefulThread &thread, const QString &name, const QString &folder)
{
    thread.reset(new QThread);
    thread->setObjectName(name);
    auto *loader = new StoreLoader;
    loader->setTemporaryFolder(folder);
    loader->moveToThread(thread.get());
    QObject::connect(thread.get(), &QThread::finished, loader, &QObject::deleteLater);
    thread->start();
    return loader;
}

} // namespace

MainWindow::MainWindow(const AppSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
{
    setWindowTitle(tr("Letterbox"));
    setWindowIcon(ThemeIcon::icon(ThemeIcon::Name::Letterbox));
    setAcceptDrops(true);
    // Before any widget exists, so nothing paints twice in the wrong colours.
    Appearance::apply(m_settings.appearance);
    m_service = new MailService(this);
    m_runFolder = std::make_unique<QTemporaryDir>(
        QDir(QDir::tempPath()).filePath(QStringLiteral("letterbox-XXXXXX")));
    const QString runFolder = m_runFolder->isValid() ? m_runFolder->path() : QString();
    m_inboxLoader = startLoader(m_inboxThread, QStringLiteral("inbox-loader"), runFolder);
    m_messageLoader = startLoader(m_messageThread, QStringLiteral("message-loader"), runFolder);

    m_sessions = new SessionListModel(this);
    m_log = new SessionLogModel(this);
    m_log->setObjectName(QStringLiteral("sessionLog"));
    m_actions = new MainActions(this);
    m_inboxPage = new InboxPage(m_service, m_inboxLoader, m_messageLoader, this);
    m_inboxPage->setConfiguredAddress(m_settings.listen);
    m_sessionsPage = new SessionsPage(m_sessions, m_log, this);
    m_sessionsPage->setLoader(m_messageLoader);
    m_transfers = new TransferPresenter(m_service, m_inboxPage, this);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_inboxPage, ThemeIcon::icon(ThemeIcon::Name::MailUnread), tr("&Inbox"));
    m_tabs->addTab(m_sessionsPage, ThemeIcon::icon(ThemeIcon::Name::Key), tr("&Sessions"));
    setCentralWidget(m_tabs);
    // The live log only does work while its tab is on screen; it catches up on show.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        m_log->setPaused(m_tabs->widget(index) != m_sessionsPage);
        refreshStatus(); // the message commands act on the Inbox tab only
    });

    m_status = new MainStatusBar(m_service, m_inboxPage->model(), m_sessions, this);
    m_status->setSettings(m_settings);
    setStatusBar(m_status);
    connect(m_status, &MainStatusBar::fixRequested, this,
            [this](SettingsDialog::Page page) { openSettings(page); });
    connect(m_status, &MainStatusBar::startRequested, this, &MainWindow::startServer);

    m_tray = new TrayIcon(this);
    m_tray->setNotificationsEnabled(m_settings.notifications);
    m_tray->setMenu(m_actions->createTrayMenu(this));
    connect(m_tray, &TrayIcon::toggleWindowRequested, this, &MainWindow::toggleWindow);
    connect(m_tray, &TrayIcon::messageClicked, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });

    m_actions->install(this);
    m_inboxPage->setContextActions(m_actions->messageActions());
    connectActions();
    connectEngine();
    restoreWindowState();
    m_inboxPage->updateEmptyState();
    refreshStatus();
}

MainWindow::~MainWindow()
{
    saveWindowState();
    // Stop the engine before the loaders go: nothing may queue work for them afterwards.
    m_service->stop();
}

void MainWindow::connectActions()
{
    MainActions *a = m_actions;
    connect(a, &MainActions::startStopRequested, this, [this] {
        if (m_service->isRunning())
            stopServer();
        else
            startServer();
    });
    connect(a, &MainActions::settingsRequested, this, [this] { openSettings(); });
    connect(a, &MainActions::deleteRequested, m_inboxPage, &InboxPage::deleteSelected);
    connect(a, &MainActions::deleteAllRequested, m_inboxPage, [this] { m_inboxPage->deleteAll(); });
    connect(a, &MainActions::markRequested, m_inboxPage, &InboxPage::markSelected);
    connect(a, &MainActions::saveRequested, m_inboxPage, &InboxPage::saveShownMessage);
    connect(a, &MainActions::releaseRequested, m_inboxPage, &InboxPage::releaseShownMessage);
    connect(a, &MainActions::retryRelayRequested, this, &MainWindow::retryShownRelay);
    connect(m_service->relay(), &RelayService::queueChanged, this, &MainWindow::refreshStatus);
    connect(m_service, &MailService::faultsChanged, this, &MainWindow::adoptServiceFaults);
    connect(a, &MainActions::openFolderRequested, this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_service->storeDirectory()));
    });
    a->setExportCounter([this] {
        // The counts of exactly what an export would write.
        MainActions::ExportCounts counts;
        m_transfers->exportSelection(TransferPresenter::ExportScope::Selected, &counts.selected);
        counts.searching =
            m_transfers->exportSelection(TransferPresenter::ExportScope::Listed, &counts.listed)
                .kind
            == MessageExporter::Selection::Kind::Query;
        return counts;
    });
    connect(a, &MainActions::exportRequested, m_transfers, &TransferPresenter::exportMessages);
    connect(a, &MainActions::importFilesRequested, m_transfers, &TransferPresenter::importFiles);
    connect(a, &MainActions::importFolderRequested, m_transfers, &TransferPresenter::importFolder);
    connect(a, &MainActions::searchRequested, this, [this] {
        m_tabs->setCurrentWidget(m_inboxPage);
        m_inboxPage->focusSearch();
    });
    connect(a, &MainActions::toggleWindowRequested, this, &MainWindow::toggleWindow);
    connect(a, &MainActions::quitRequested, this, &MainWindow::quit);

    connect(m_inboxPage, &InboxPage::selectionChanged, this, &MainWindow::refreshStatus);
    connect(m_inboxPage, &InboxPage::statusMessage, m_status, &QStatusBar::showMessage);
    connect(m_service, &MailService::relayFinished, m_inboxPage, &InboxPage::relayFinished);
    connect(m_service, &MailService::relayFinished, m_status, &MainStatusBar::relayFinished);
    connect(m_sessionsPage, &SessionsPage::messageActivated, this, [this](qint64 id) {
        m_tabs->setCurrentWidget(m_inboxPage);
        m_inboxPage->selectMessage(id);
    });
    connect(m_transfers, &TransferPresenter::statusMessage, m_status, &QStatusBar::showMessage);
}

void MainWindow::connectEngine()
{
    connect(m_service, &MailService::storeOpened, this, &MainWindow::storeOpened);
    connect(m_service, &MailService::runningChanged, this, [this](bool running) {
        m_actions->setRunning(running);
        refreshStatus();
        m_inboxPage->updateEmptyState();
    });
    connect(m_service, &MailService::applyFinished, this, [this](bool ok, const Error &error) {
        settingsApplied(ok, error);
        const bool inDialog = m_settingsDialog && m_settingsDialog->isVisible();
        m_status->applyFinished(ok, error, inDialog);
        if (m_settingsDialog)
            m_settingsDialog->applyFinished(ok, error);
        refreshStatus();
        emit serverApplied(ok);
    });
    connect(m_service, &MailService::storeError, m_status, &MainStatusBar::storeFailed);
    connect(m_service, &MailService::sessionStarted, m_sessions, &SessionListModel::sessionStarted);
    connect(m_service, &MailService::sessionEnded, m_sessions, &SessionListModel::sessionEnded);
    connect(m_service, &MailService::authAttempted, m_sessions, &SessionListModel::authAttempted);
    connect(m_service, &MailService::protocolLine, m_log, &SessionLogModel::append);
    connect(m_service, &MailService::messageReceived, this, [this](const ReceivedMessage &message) {
        m_sessions->messageReceived(message);
        m_log->appendNote(message.sessionId,
                          tr("stored as message %1 (%2); double-click to show it")
                              .arg(message.storeId)
                              .arg(QLocale().formattedDataSize(message.size)),
                          message.storeId);
        m_inboxPage->model()->noteArrivals({message.storeId});
    });
    connect(m_service, &MailService::messagesRemoved, this, [this](const QList<qint64> &ids) {
        m_inboxPage->storeRemoved(ids);
        refreshStatus();
    });
    InboxModel *inbox = m_inboxPage->model();
    connect(m_service, &MailService::messagesChanged, inbox, &InboxModel::noteChanged);
    connect(m_service, &MailService::messagesAdded, inbox, &InboxModel::noteArrivals);
    connect(m_service, &MailService::errorOccurred, this, [this](const ServerError &error) {
        m_status->showMessage(error.remoteAddress.isEmpty()
                                  ? error.message
                                  : error.remoteAddress + QStringLiteral(": ") + error.message,
                              8000);
    });
    connect(m_inboxLoader, &StoreLoader::loadFailed, this, [this](const Error &error) {
        m_status->showMessage(tr("Cannot read the store: %1").arg(ErrorText::of(error)), 8000);
    });

    connect(inbox, &InboxModel::unreadCountChanged, m_tray, &TrayIcon::setUnreadCount);
    connect(inbox, &InboxModel::messagesArrived, this, [this](const QList<StoredMessage> &list) {
        // The initial load is not news; only what arrives while we listen is.
        QList<StoredMessage> fresh;
        const QDateTime recent = QDateTime::currentDateTimeUtc().addSecs(-60);
        for (const StoredMessage &message : list) {
            if (!message.read && message.received >= recent)
                fresh.append(message);
        }
        if (!fresh.isEmpty() && (!isActiveWindow() || isMinimized() || !isVisible()))
            m_tray->notifyArrivals(fresh);
    });
    const auto statusSoon = [this] {
        m_status->refreshSoon();
    };
    connect(m_service, &MailService::sessionStarted, this, statusSoon);
    connect(m_service, &MailService::sessionEnded, this, statusSoon);
    connect(inbox, &QAbstractItemModel::rowsInserted, this, statusSoon);
    connect(inbox, &QAbstractItemModel::rowsRemoved, this, statusSoon);
    connect(inbox, &QAbstractItemModel::modelReset, this, statusSoon);
    connect(inbox, &InboxModel::countsChanged, this, statusSoon);
}

void MainWindow::refreshStatus()
{
    m_status->refresh();
    // Also when a first start failed: runningChanged() never came, and Stop would stop nothing.
    m_actions->setRunning(m_service->isRunning() || m_service->isApplying());
    InboxModel *inbox = m_inboxPage->model();
    const bool onInbox = m_tabs->currentWidget() == m_inboxPage;
    m_actions->setMessageState(onInbox && m_inboxPage->hasSelection(),
                               onInbox && m_inboxPage->hasMessage(),
                               onInbox && (inbox->totalCount() > 0 || inbox->rowCount() > 0));
    m_actions->setRelayQueued(onInbox && shownQueuedRelay() > 0);
}

void MainWindow::adoptServiceFaults()
{
    // Rules a client set through the HTTP API are the service's settings now: the Faults page
    // opens with them, and an apply of other settings from here keeps them. Only for this
    // run: they reach the settings file when the user applies the settings, not before.
    const FaultSettings faults = m_service->faults()->settings();
    for (AppSettings *settings : {&m_settings, m_proposed ? &*m_proposed : nullptr}) {
        if (!settings)
            continue;
        if (const Result<FaultSettings> own = settings->faultSettings(); !own || *own != faults)
            settings->setFaultSettings(faults);
    }
}

qint64 MainWindow::shownQueuedRelay() const
{
    if (!m_inboxPage->hasMessage())
        return 0;
    const QList<qint64> ids = m_inboxPage->selectedIds();
    return ids.size() == 1 && m_service->isRelayQueued(ids.front()) ? ids.front() : 0;
}

void MainWindow::retryShownRelay()
{
    const qint64 id = shownQueuedRelay();
    if (id <= 0)
        return;
    const Result<void> retried = m_service->retryRelay(id);
    m_status->showMessage(retried ? tr("Retrying the relay of message %1…").arg(id)
                                  : tr("Cannot retry the relay: %1").arg(retried.error().message),
                          5000);
}

void MainWindow::startServer()
{
    // A running import into a store that this closes is cancelled first (MailService).
    // The store and the certificate are read in the controller's worker; the outcome comes
    // with MailService::applyFinished (connectEngine).
    m_service->apply(m_proposed ? *m_proposed : m_settings);
    refreshStatus();
}

void MainWindow::stopServer()
{
    m_service->stop();
    refreshStatus();
}

void MainWindow::applySettings(const AppSettings &settings, bool persist)
{
    // The desktop's own preferences take effect at once; the server's become the window's
    // settings only once they work (settingsApplied).
    m_proposed = settings;
    m_persistProposed = persist;
    m_tray->setNotificationsEnabled(settings.notifications);
    Appearance::apply(settings.appearance);
    // Written again on every saved apply while on, so the entry also follows a moved program.
    if (persist && (settings.openAtLogin || AutostartEntry().exists())) {
        const Result<void> autostart = AutostartEntry().apply(
            settings.openAtLogin, settings.startMinimized, QCoreApplication::applicationFilePath());
        if (!autostart)
            m_status->showMessage(tr("Open at login: %1").arg(autostart.error().message), 8000);
    }
    startServer();
}

void MainWindow::settingsApplied(bool ok, const Error &error)
{
    if (!m_proposed)
        return;
    AppSettings adopted = *std::exchange(m_proposed, std::nullopt);
    // Settings that failed while the old ones still serve are neither kept nor saved, so that
    // Start and the next run use what works; the dialog still shows them to be fixed. With
    // nothing running there is nothing better to keep.
    if (!ok && error.code != ErrorCode::Cancelled && m_service->isRunning())
        static_cast<ServerConfig &>(adopted) = m_settings;
    m_settings = adopted;
    if (m_persistProposed)
        m_settings.save(*AppSettings::openSettingsFile());
    m_status->setSettings(m_settings);
    m_inboxPage->setConfiguredAddress(m_settings.listen);
}

void MainWindow::storeOpened(const QString &directory)
{
    // A different store: forget the old inbox and read the new one in the background.
    m_inboxPage->openStore(directory);
    // Queued after the loader's switch to `directory`.
    m_sessionsPage->loadStoredSessions(directory);
    setWindowTitle(tr("Letterbox — %1").arg(QDir::toNativeSeparators(directory)));
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!m_transfers->droppedPaths(event->mimeData(), event->source()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList paths = m_transfers->droppedPaths(event->mimeData(), event->source());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    // After the drop returns: the file manager is waiting for it.
    QMetaObject::invokeMethod(
        m_transfers, [this, paths] { m_transfers->importPaths(paths); }, Qt::QueuedConnection);
}

SettingsDialog *MainWindow::openSettings(SettingsDialog::Page page)
{
    if (!m_settingsDialog) {
        m_settingsDialog = new SettingsDialog(m_settings, this);
        m_settingsDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_settingsDialog, &SettingsDialog::applied, this,
                [this](const AppSettings &settings) { applySettings(settings); });
        m_settingsDialog->setOwnPorts([service = m_service] {
            QList<quint16> ports;
            for (const auto &address :
                 {service->listenAddress(), service->tlsListenAddress(), service->apiAddress()}) {
                if (address)
                    ports.append(address->port);
            }
            return ports;
        });
        m_settingsDialog->showPage(page);
        // "Fix…" or "Open Settings…" after a failed start: the field at fault, with the reason
        // next to it. (While the old settings serve, the problem was with settings the dialog
        // no longer shows.)
        if (const std::optional<Error> problem = m_status->problem();
            problem && !m_service->isRunning())
            m_settingsDialog->showProblem(*problem);
    } else {
        m_settingsDialog->showPage(page);
    }
    m_settingsDialog->show();
    m_settingsDialog->raise();
    m_settingsDialog->activateWindow();
    return m_settingsDialog;
}

void MainWindow::quit()
{
    m_quitting = true;
    close();
    QApplication::quit();
}

void MainWindow::showAtStart(bool minimized)
{
    if (!minimized)
        show();
    else if (!m_tray->isAvailable())
        showMinimized();
    // else: only the tray icon, until it is clicked.
}

void MainWindow::bringToFront()
{
    // Keeps a maximised or full-screen window so; only the minimised state goes.
    setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    show();
    raise();
    activateWindow();
}

void MainWindow::toggleWindow()
{
    if (isVisible() && !isMinimized()) {
        hide();
    } else {
        showNormal();
        raise();
        activateWindow();
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_quitting && m_settings.closeToTray && m_tray->isAvailable()) {
        hide();
        event->ignore();
        return;
    }
    saveWindowState();
    event->accept();
}

void MainWindow::restoreWindowState()
{
    const std::unique_ptr<QSettings> file = AppSettings::openSettingsFile();
    const QSettings &settings = *file;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray()))
        resize(1200, 800);
    restoreState(settings.value(kStateKey).toByteArray());
    m_inboxPage->restoreLayout(settings);
    m_sessionsPage->restoreLayout(settings);
    m_tabs->setCurrentIndex(settings.value(kTabKey, 0).toInt());
    m_log->setPaused(m_tabs->currentWidget() != m_sessionsPage);
}

void MainWindow::saveWindowState() const
{
    const std::unique_ptr<QSettings> file = AppSettings::openSettingsFile();
    QSettings &settings = *file;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    m_inboxPage->saveLayout(settings);
    m_sessionsPage->saveLayout(settings);
    settings.setValue(kTabKey, m_tabs->currentIndex());
}
