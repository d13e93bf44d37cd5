// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "models/gracefulthread.h"
#include "transfer/mailtransfer.h"
#include "models/messagedetails.h"
#include "servercontroller.h"
#include "settings/appsettings.h"
#include "settings/settingsdialog.h"

#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QTimer>

class InboxModel;
class InboxView;
class MessageView;
class QAction;
class QLabel;
class QLineEdit;
class QMimeData;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QStackedWidget;
class QTableView;
class QToolButton;
class SessionListModel;
class SessionLogModel;
class SessionLogView;
class StoreLoader;
class TrayIcon;

/// The desktop app: the live inbox over the store, the message viewer, the SMTP sessions with
/// their live protocol log, the server's state and errors, and the settings. Everything heavy
/// (reading the store, parsing MIME, writing files) happens in two worker threads, each with a
/// StoreLoader; the engine's signals arrive queued and feed batched models.
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
    /// its folder changed), as startServer() does. Saves them when `persist`.
    void applySettings(const AppSettings &settings, bool persist = true);

    AppSettings settings() const { return m_settings; }
    ServerController *controller() const { return m_controller; }
    InboxModel *inboxModel() const { return m_inbox; }
    QLineEdit *searchEdit() const { return m_search; }
    /// Why the text in the search box is not a valid query; empty when it is.
    QString searchError() const;
    InboxView *inboxView() const { return m_inboxView; }
    MessageView *messageView() const { return m_messageView; }
    SessionListModel *sessionListModel() const { return m_sessions; }
    SessionLogModel *sessionLogModel() const { return m_log; }
    QTabWidget *mainTabs() const { return m_mainTabs; }
    QString statusError() const;
    QString listeningText() const;
    /// The dialog of the last error, while it is open (for tests).
    QMessageBox *errorDialog() const { return m_errorBox; }

    /// Selects message `id` in the inbox and returns true when its row is there. Otherwise
    /// (the search hides it, or it has only just arrived) clears the search or waits for the
    /// next list, selects it once its row comes, and returns false.
    bool selectMessage(qint64 id);
    void deleteSelected();
    void deleteAll(bool askFirst = true);
    void markSelected(bool read);
    SettingsDialog *openSettings(SettingsDialog::Page page = SettingsDialog::Page::Server);
    /// Imports .eml files, mbox files, folders and Maildirs in the background, with a progress
    /// dialog that can cancel. False when nothing was started (another transfer runs).
    bool importPaths(const QStringList &paths);
    /// What an export writes: the selected messages, or all listed (the search result while a
    /// search is on, else every message).
    enum class ExportScope { Selected, Listed };
    /// The messages an export of `scope` writes, and how many they are (`count`).
    MessageExporter::Selection exportSelection(ExportScope scope, qint64 *count) const;
    /// Exports in the background (what the Export menu does after its file dialog).
    bool exportTo(const MessageExporter::Selection &selection, MessageExporter::Format format,
                  const QString &destination, bool replaceExisting = false);
    MailTransfer *transfer() const { return m_transfer; }

signals:
    /// The settings of the last startServer() or applySettings() are applied: `ok` when the
    /// listeners run; otherwise the problem is on show, unless stopServer() came in between.
    void serverApplied(bool ok);
    /// The viewer shows a freshly loaded message (tests, status).
    void messageShown(qint64 id);
    void inboxLoaded(qint64 count);

    /// An import or export finished, was cancelled or failed (tests, status).
    void transferDone(const MailTransfer::Outcome &outcome);

protected:
    void closeEvent(QCloseEvent *event) override;
    /// Files and folders dropped anywhere on the window are imported.
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createActions();
    void createWidgets();
    void createStatusBar();
    void connectEngine();
    void restoreWindowState();
    void saveWindowState() const;

    void storeOpened(const QString &directory);
    void runningChanged(bool running);
    void reportProblem(const QString &error, ServerController::Problem problem);
    void clearProblem();
    void updateStatus();
    void updateEmptyState();
    void currentMessageChanged();
    void loadCurrentMessage();
    void messageLoaded(const MessageDetails &details);
    void messageReceived(const ReceivedMessage &message);
    void messagesRemoved(const QList<qint64> &ids);
    void selectedSessionChanged();
    QList<qint64> selectedIds() const;
    void selectNewestIfNone();
    void selectPending();
    void selectRows(const QList<qint64> &ids, qint64 current);
    void updateSearchError();
    QString dragFileFor(qint64 id);
    void exportMessages(ExportScope scope, MessageExporter::Format format);
    void importFiles();
    void importFolder();
    void showTransferProgress(const QString &label);
    void transferProgressed(qint64 done, qint64 total, const QString &text);
    void transferFinished(const MailTransfer::Outcome &outcome);
    QStringList droppedPaths(const QMimeData *mime, const QObject *source) const;
    void toggleWindow();

    AppSettings m_settings;
    ServerController *m_controller = nullptr;

    GracefulThread m_inboxThread;
    GracefulThread m_messageThread;
    StoreLoader *m_inboxLoader = nullptr;   ///< lives in m_inboxThread
    StoreLoader *m_messageLoader = nullptr; ///< lives in m_messageThread
    quint64 m_requestId = 0;
    qint64 m_shownId = 0;
    qint64 m_pendingSelect = 0;     ///< selectMessage() waits for this message's row
    QList<qint64> m_savedSelection; ///< across an inbox reset (a new query)
    qint64 m_savedCurrent = 0;
    QTimer m_selectTimer;
    QTimer m_searchTimer;
    QTimer m_statusTimer;

    InboxModel *m_inbox = nullptr;
    SessionListModel *m_sessions = nullptr;
    QSortFilterProxyModel *m_sessionsProxy = nullptr;
    SessionLogModel *m_log = nullptr;
    QSortFilterProxyModel *m_logProxy = nullptr;

    QTabWidget *m_mainTabs = nullptr;
    QSplitter *m_inboxSplitter = nullptr;
    QSplitter *m_sessionSplitter = nullptr;
    QStackedWidget *m_inboxStack = nullptr;
    QLabel *m_emptyLabel = nullptr;
    InboxView *m_inboxView = nullptr;
    MessageView *m_messageView = nullptr;
    QTableView *m_sessionsView = nullptr;
    SessionLogView *m_logView = nullptr;
    QLabel *m_logNote = nullptr;
    QToolButton *m_allSessionsButton = nullptr;
    QLineEdit *m_search = nullptr;
    QAction *m_searchErrorAction = nullptr;

    QLabel *m_listenLabel = nullptr;
    QLabel *m_securityLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QToolButton *m_fixButton = nullptr;
    QPointer<QMessageBox> m_errorBox;
    QPointer<SettingsDialog> m_settingsDialog;
    SettingsDialog::Page m_problemPage = SettingsDialog::Page::Server;

    TrayIcon *m_tray = nullptr;

    QAction *m_startStopAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_deleteAllAction = nullptr;
    QAction *m_markReadAction = nullptr;
    QAction *m_markUnreadAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_openFolderAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_importFolderAction = nullptr;
    MailTransfer *m_transfer = nullptr;
    bool m_startAfterTransfer = false; ///< settings wait for an import to stop (startServer)
    QPointer<QProgressDialog> m_transferDialog;
    QAction *m_searchAction = nullptr;
    QAction *m_quitAction = nullptr;
    bool m_quitting = false;
    bool m_sessionsAtEnd = true;
};
