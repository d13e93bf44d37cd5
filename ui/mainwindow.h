// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/gracefulthread.h"
#include "settings/appsettings.h"
#include "settings/settingsdialog.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <optional>

class InboxPage;
class MainActions;
class MainStatusBar;
class QMimeData;
class QTabWidget;
class MailService;
class SessionListModel;
class SessionLogModel;
class SessionsPage;
class QTemporaryDir;
class StoreLoader;
class TransferPresenter;
class TrayIcon;

/// The desktop app's frame: it creates the parts and connects them. The Inbox tab
/// (InboxPage), the Sessions tab (SessionsPage), the status bar (MainStatusBar), the commands
/// (MainActions), import and export (TransferPresenter), the tray icon and the settings dialog
/// each own their concern; the engine (MailService) and two StoreLoader objects in worker
/// threads do the heavy work, and their signals arrive queued.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(const AppSettings &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Starts opening the store, loading the inbox and listening, and returns at once (the
    /// status bar says "Starting…"); serverApplied() follows. Failures show in the status bar
    /// and in a dialog that leads to the settings page concerned.
    void startServer();
    void stopServer();
    /// Applies new settings at run time: restarts the listeners (reopening the store only when
    /// its folder changed), as startServer() does. They become settings() (saved when
    /// `persist`) once they work; when they fail, the old ones keep serving and stay.
    void applySettings(const AppSettings &settings, bool persist = true);
    AppSettings settings() const { return m_settings; }
    SettingsDialog *openSettings(SettingsDialog::Page page = SettingsDialog::Page::Server);
    /// Shows the window at start: on screen, or with `minimized` only in the tray (minimised
    /// where there is no tray).
    void showAtStart(bool minimized);
    /// Raises and activates the window, also when it is minimised or hidden in the tray (a
    /// second launch on the same store asked for it).
    void bringToFront();
    /// What File > Quit does: the window closes (not into the tray) and the application ends.
    void quit();

signals:
    /// The settings of the last startServer() or applySettings() are applied: `ok` when the
    /// listeners run; otherwise the problem is on show, unless stopServer() came in between.
    void serverApplied(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;
    /// Files and folders dropped anywhere on the window are imported.
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void connectActions();
    void connectEngine();
    void storeOpened(const QString &directory);
    void settingsApplied(bool ok, const Error &error);
    void refreshStatus();
    /// Takes the fault settings in force (MailService::faultsChanged) into the window's own.
    void adoptServiceFaults();
    /// The id of the shown message when its automatic relay waits for a retry; 0 otherwise.
    qint64 shownQueuedRelay() const;
    /// Message › Retry Relay Now.
    void retryShownRelay();
    void restoreWindowState();
    void saveWindowState() const;
    void toggleWindow();

    AppSettings m_settings;
    std::optional<AppSettings> m_proposed; ///< applySettings() waiting for its outcome
    bool m_persistProposed = false;
    MailService *m_service = nullptr;
    /// This run's private temporary folder (opened attachments, drag files): declared before
    /// the loaders' threads, so it goes after them, and with it whatever they left.
    std::unique_ptr<QTemporaryDir> m_runFolder;
    GracefulThread m_inboxThread;
    GracefulThread m_messageThread;
    StoreLoader *m_inboxLoader = nullptr;   ///< lives in m_inboxThread
    StoreLoader *m_messageLoader = nullptr; ///< lives in m_messageThread

    SessionListModel *m_sessions = nullptr;
    SessionLogModel *m_log = nullptr;
    MainActions *m_actions = nullptr;
    InboxPage *m_inboxPage = nullptr;
    SessionsPage *m_sessionsPage = nullptr;
    QTabWidget *m_tabs = nullptr;
    MainStatusBar *m_status = nullptr;
    TransferPresenter *m_transfers = nullptr;
    TrayIcon *m_tray = nullptr;
    QPointer<SettingsDialog> m_settingsDialog;
    bool m_quitting = false;
};
