// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "transfer/transferpresenter.h"

#include <QObject>

#include <functional>

class QAction;
class QMainWindow;
class QMenu;
class QToolBar;
class QWidget;

/// The window's commands: one QAction each (with its shortcut, icon and tooltip), placed in
/// the menu bar, the tool bar, the inbox's context menu and the tray menu. A triggered action
/// becomes a signal saying what the user asked for; the frame connects it to whoever does it.
/// The Help menu's windows are shown from here (HelpText). The tool bar drops its labels when
/// the window is too narrow for them, rather than hiding commands behind its » button.
class MainActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainActions)

public:
    /// How many messages each kind of export would write, for the wording of its entries.
    struct ExportCounts
    {
        qint64 selected = 0;
        qint64 listed = 0;
        bool searching = false; ///< the listed messages are a search result
    };
    using ExportCounter = std::function<ExportCounts()>;

    explicit MainActions(QObject *parent = nullptr);
    ~MainActions() override;

    /// Builds the menu bar and the tool bar of `window`.
    void install(QMainWindow *window);
    /// The commands on the selected messages, for the inbox's context menu.
    QList<QAction *> messageActions() const;
    /// The tray icon's menu: show or hide, start or stop, quit.
    QMenu *createTrayMenu(QWidget *parent);
    /// Asked each time the Export menu opens.
    void setExportCounter(ExportCounter counter) { m_exportCounter = std::move(counter); }

    void setRunning(bool running);
    void setMessageState(bool haveSelection, bool haveMessage, bool haveAny);
    /// Whether the shown message has an automatic relay waiting for a retry.
    void setRelayQueued(bool queued);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

signals:
    void startStopRequested();
    void settingsRequested();
    void deleteRequested();
    void deleteAllRequested();
    void markRequested(bool read);
    void saveRequested();
    void releaseRequested();
    void retryRelayRequested();
    void openFolderRequested();
    void exportRequested(TransferPresenter::ExportScope scope, MessageExporter::Format format);
    void importFilesRequested();
    void importFolderRequested();
    void searchRequested();
    void toggleWindowRequested();
    void quitRequested();

private:
    QMenu *createExportMenu();
    void createHelpMenu(QMainWindow *window);
    void showHelp(QMainWindow *window, const char *name, const QString &title, const QString &html);
    void fitToolBar();

    ExportCounter m_exportCounter;
    QAction *m_startStop = nullptr;
    QAction *m_settings = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_release = nullptr;
    QAction *m_retryRelay = nullptr;
    QAction *m_deleteAll = nullptr;
    QAction *m_markRead = nullptr;
    QAction *m_markUnread = nullptr;
    QAction *m_save = nullptr;
    QAction *m_openFolder = nullptr;
    QAction *m_export = nullptr;
    QAction *m_import = nullptr;
    QAction *m_importFolder = nullptr;
    QAction *m_search = nullptr;
    QAction *m_quit = nullptr;
    QMenu *m_exportMenu = nullptr;
    QMainWindow *m_window = nullptr;
    QToolBar *m_toolBar = nullptr;
    int m_labelledWidth = 0; ///< the tool bar's width with labels, measured when it had them
};
