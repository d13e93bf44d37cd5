// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "appearance.h"
#include "models/inboxmodel.h"
#include "transfer/mailtransfer.h"
#include "models/sessionlistmodel.h"
#include "models/sessionlogmodel.h"
#include "loader/storeloader.h"
#include "smtp/smtpserversettings.h"
#include "store/messagestore.h"
#include "trayicon.h"
#include "views/inboxview.h"
#include "views/messageview.h"
#include "views/sessionlogview.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QCompleter>
#include <QDesktopServices>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScrollBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace {

constexpr QLatin1StringView kGeometryKey("window/geometry");
constexpr QLatin1StringView kStateKey("window/state");
constexpr QLatin1StringView kInboxHeaderKey("window/inboxHeader");
constexpr QLatin1StringView kSessionsHeaderKey("window/sessionsHeader");
constexpr QLatin1StringView kLogHeaderKey("window/logHeader");
constexpr QLatin1StringView kInboxSplitterKey("window/inboxSplitter");
constexpr QLatin1StringView kSessionSplitterKey("window/sessionSplitter");
constexpr QLatin1StringView kTabKey("window/tab");

// Arrow keys held down should not load every message they pass.
constexpr int kSelectDelayMs = 60;
constexpr int kSearchDelayMs = 150;

QIcon icon(const char *name)
{
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1StringView(name)));
}

} // namespace

MainWindow::MainWindow(const AppSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
{
    setWindowTitle(tr("Letterbox"));
    setWindowIcon(icon("letterbox"));
    setAcceptDrops(true);
    // Before any widget exists, so nothing paints twice in the wrong colours.
    Appearance::apply(m_settings.appearance);
    // Before the controller: children go in the order they came, and a transfer must stop
    // before the store it writes to closes.
    m_transfer = new MailTransfer(this);
    m_controller = new ServerController(this);

    m_inboxThread.reset(new QThread);
    m_inboxThread->setObjectName(QStringLiteral("inbox-loader"));
    m_inboxLoader = new StoreLoader;
    m_inboxLoader->moveToThread(m_inboxThread.get());
    connect(m_inboxThread.get(), &QThread::finished, m_inboxLoader, &QObject::deleteLater);
    m_inboxThread->start();

    m_messageThread.reset(new QThread);
    m_messageThread->setObjectName(QStringLiteral("message-loader"));
    m_messageLoader = new StoreLoader;
    m_messageLoader->moveToThread(m_messageThread.get());
    connect(m_messageThread.get(), &QThread::finished, m_messageLoader, &QObject::deleteLater);
    m_messageThread->start();

    // Sorting and searching happen in SQL (InboxModel), so the inbox has no proxy.
    m_inbox = new InboxModel(m_inboxLoader, this);

    m_sessions = new SessionListModel(this);
    m_sessionsProxy = new QSortFilterProxyModel(this);
    m_sessionsProxy->setSourceModel(m_sessions);
    m_sessionsProxy->setSortRole(SessionListModel::SortRole);

    m_log = new SessionLogModel(this);
    m_logProxy = new QSortFilterProxyModel(this);
    m_logProxy->setSourceModel(m_log);
    m_logProxy->setFilterRole(SessionLogModel::SessionIdRole);
    m_logProxy->setFilterKeyColumn(0);

    m_tray = new TrayIcon(this);
    m_tray->setNotificationsEnabled(m_settings.notifications);

    m_selectTimer.setSingleShot(true);
    m_selectTimer.setInterval(kSelectDelayMs);
    connect(&m_selectTimer, &QTimer::timeout, this, &MainWindow::loadCurrentMessage);
    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(kSearchDelayMs);
    m_statusTimer.setSingleShot(true);
    m_statusTimer.setInterval(200);
    connect(&m_statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);

    createActions();
    createWidgets();
    createStatusBar();
    connectEngine();
    restoreWindowState();
    updateEmptyState();
    updateStatus();
}

MainWindow::~MainWindow()
{
    saveWindowState();
    // Stop the engine before the loaders go: nothing may queue work for them afterwards.
    m_controller->stop();
}

void MainWindow::createActions()
{
    m_startStopAction = new QAction(icon("stop"), tr("Stop"), this);
    m_startStopAction->setToolTip(tr("Stop or start the SMTP listeners"));
    connect(m_startStopAction, &QAction::triggered, this, [this] {
        if (m_controller->isRunning())
            stopServer();
        else
            startServer();
    });

    m_settingsAction = new QAction(icon("settings"), tr("Settings…"), this);
    m_settingsAction->setShortcut(QKeySequence::Preferences);
    m_settingsAction->setShortcuts({QKeySequence::Preferences, QKeySequence(tr("Ctrl+,"))});
    connect(m_settingsAction, &QAction::triggered, this, [this] { openSettings(); });

    m_deleteAction = new QAction(icon("delete"), tr("Delete"), this);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteSelected);

    m_deleteAllAction = new QAction(icon("delete-all"), tr("Delete All…"), this);
    m_deleteAllAction->setShortcut(QKeySequence(tr("Shift+Del")));
    m_deleteAllAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_deleteAllAction, &QAction::triggered, this, [this] { deleteAll(true); });

    m_markReadAction = new QAction(icon("mail-read"), tr("Mark Read"), this);
    m_markReadAction->setShortcut(QKeySequence(tr("Ctrl+R")));
    connect(m_markReadAction, &QAction::triggered, this, [this] { markSelected(true); });
    m_markUnreadAction = new QAction(icon("mail-unread"), tr("Mark Unread"), this);
    m_markUnreadAction->setShortcut(QKeySequence(tr("Ctrl+U")));
    connect(m_markUnreadAction, &QAction::triggered, this, [this] { markSelected(false); });

    m_saveAction = new QAction(icon("save"), tr("Save as .eml…"), this);
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, [this] { m_messageView->saveMessageAs(); });

    m_openFolderAction = new QAction(icon("folder"), tr("Open Store Folder"), this);
    connect(m_openFolderAction, &QAction::triggered, this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_controller->storeDirectory()));
    });

    // Export: the selected messages, or every message listed (the search result while a search
    // is on). The auto-selected newest message must not narrow "everything" down to one.
    m_exportAction = new QAction(icon("export"), tr("Export"), this);
    m_exportAction->setToolTip(tr("Write the selected messages, the search result or all "
                                  "messages as .eml files, an mbox file or a Maildir"));
    auto *exportMenu = new QMenu(this);
    QList<QAction *> selectedExports;
    QList<QAction *> listedExports;
    const auto addExport = [this, exportMenu](ExportScope scope, MessageExporter::Format format) {
        QAction *action = exportMenu->addAction(QString());
        connect(action, &QAction::triggered, this,
                [this, scope, format] { exportMessages(scope, format); });
        return action;
    };
    static constexpr MessageExporter::Format formats[] = {MessageExporter::Format::Eml,
                                                          MessageExporter::Format::Mbox,
                                                          MessageExporter::Format::Maildir};
    for (const MessageExporter::Format format : formats)
        selectedExports.append(addExport(ExportScope::Selected, format));
    exportMenu->addSeparator();
    for (const MessageExporter::Format format : formats)
        listedExports.append(addExport(ExportScope::Listed, format));
    // The entries say how many messages they write, so they are worded when the menu opens.
    connect(exportMenu, &QMenu::aboutToShow, this, [this, selectedExports, listedExports] {
        // The counts of exactly what exportMessages() would write.
        qint64 selected = 0;
        qint64 listed = 0;
        exportSelection(ExportScope::Selected, &selected);
        const bool searching = exportSelection(ExportScope::Listed, &listed).kind
                               == MessageExporter::Selection::Kind::Query;
        const auto word = [](MessageExporter::Format format, const QString &what) -> QString {
            switch (format) {
            case MessageExporter::Format::Eml:
                return tr("%1 as .eml Files…").arg(what);
            case MessageExporter::Format::Mbox:
                return tr("%1 as an mbox File…").arg(what);
            case MessageExporter::Format::Maildir:
                return tr("%1 into a Maildir…").arg(what);
            }
            return what;
        };
        const QString selectedText = tr("%n Selected Message(s)", nullptr, int(selected));
        const QString listedText = searching ? tr("%n Search Result(s)", nullptr, int(listed))
                                             : tr("All %n Message(s)", nullptr, int(listed));
        for (qsizetype i = 0; i < selectedExports.size(); ++i) {
            selectedExports.at(i)->setText(word(formats[i], selectedText));
            selectedExports.at(i)->setEnabled(selected > 0);
            listedExports.at(i)->setText(word(formats[i], listedText));
            listedExports.at(i)->setEnabled(listed > 0);
        }
    });
    m_exportAction->setMenu(exportMenu);

    m_importAction = new QAction(icon("import"), tr("Import Files…"), this);
    m_importAction->setToolTip(tr("Add .eml or mbox files to the store (or drop them on the "
                                  "window)"));
    connect(m_importAction, &QAction::triggered, this, &MainWindow::importFiles);
    m_importFolderAction = new QAction(icon("import"), tr("Import Folder or Maildir…"), this);
    m_importFolderAction->setToolTip(tr("Add a Maildir, or every .eml file of a folder"));
    connect(m_importFolderAction, &QAction::triggered, this, &MainWindow::importFolder);

    m_searchAction = new QAction(icon("search"), tr("Search"), this);
    m_searchAction->setShortcut(QKeySequence::Find);
    connect(m_searchAction, &QAction::triggered, this, [this] {
        m_mainTabs->setCurrentIndex(0);
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    addAction(m_searchAction);

    m_quitAction = new QAction(tr("Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, [this] {
        m_quitting = true;
        close();
        QApplication::quit();
    });
}

void MainWindow::createWidgets()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(m_saveAction);
    fileMenu->addAction(m_exportAction);
    fileMenu->addAction(m_importAction);
    fileMenu->addAction(m_importFolderAction);
    fileMenu->addAction(m_openFolderAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_settingsAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_quitAction);
    QMenu *messageMenu = menuBar()->addMenu(tr("&Message"));
    messageMenu->addAction(m_markReadAction);
    messageMenu->addAction(m_markUnreadAction);
    messageMenu->addSeparator();
    messageMenu->addAction(m_deleteAction);
    messageMenu->addAction(m_deleteAllAction);
    messageMenu->addSeparator();
    messageMenu->addAction(m_searchAction);
    QMenu *serverMenu = menuBar()->addMenu(tr("&Server"));
    serverMenu->addAction(m_startStopAction);
    serverMenu->addAction(m_settingsAction);

    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setMovable(false);
    toolBar->addAction(m_startStopAction);
    toolBar->addAction(m_settingsAction);
    toolBar->addSeparator();
    toolBar->addAction(m_deleteAction);
    toolBar->addAction(m_deleteAllAction);
    toolBar->addAction(m_markReadAction);
    toolBar->addAction(m_markUnreadAction);
    toolBar->addAction(m_saveAction);
    auto *spacer = new QWidget(toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolBar->addWidget(spacer);
    m_search = new QLineEdit(toolBar);
    m_search->setObjectName(QStringLiteral("inboxSearch"));
    m_search->setPlaceholderText(tr("Search: from:alice has:attachment … (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(icon("search"), QLineEdit::LeadingPosition);
    m_searchErrorAction = m_search->addAction(style()->standardIcon(QStyle::SP_MessageBoxWarning),
                                              QLineEdit::TrailingPosition);
    m_searchErrorAction->setVisible(false);
    m_search->setMinimumWidth(300);
    m_search->setMaximumWidth(460);
    updateSearchError();
    toolBar->addWidget(m_search);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchTimer.start(); });
    // Esc in the box clears the search, as the empty state promises.
    auto *clearSearch = new QAction(m_search);
    clearSearch->setShortcut(QKeySequence(Qt::Key_Escape));
    clearSearch->setShortcutContext(Qt::WidgetShortcut);
    connect(clearSearch, &QAction::triggered, m_search, &QLineEdit::clear);
    m_search->addAction(clearSearch);
    // Field names complete as they are typed, anywhere in the query (a plain QCompleter would
    // complete the whole text only).
    auto *fields = new QCompleter(
        QStringList{QStringLiteral("from:"), QStringLiteral("to:"), QStringLiteral("cc:"),
                    QStringLiteral("subject:"), QStringLiteral("body:"),
                    QStringLiteral("has:attachment"), QStringLiteral("has:findings"),
                    QStringLiteral("is:read"), QStringLiteral("is:unread"),
                    QStringLiteral("before:"), QStringLiteral("after:"), QStringLiteral("on:"),
                    QStringLiteral("larger:"), QStringLiteral("smaller:"), QStringLiteral("id:"),
                    QStringLiteral("finding:")},
        m_search);
    fields->setCaseSensitivity(Qt::CaseInsensitive);
    fields->setWidget(m_search);
    const auto wordStart = [this] {
        static const QRegularExpression separator(QStringLiteral("[\\s()\"-]"));
        const QString before = m_search->text().left(m_search->cursorPosition());
        return before.lastIndexOf(separator) + 1;
    };
    connect(m_search, &QLineEdit::textEdited, fields, [this, fields, wordStart] {
        const qsizetype start = wordStart();
        const QString word = m_search->text().mid(start, m_search->cursorPosition() - start);
        if (word.size() < 2 || word.contains(u':')) {
            fields->popup()->hide();
            return;
        }
        fields->setCompletionPrefix(word);
        if (fields->completionCount() > 0)
            fields->complete();
        else
            fields->popup()->hide();
    });
    connect(fields, qOverload<const QString &>(&QCompleter::activated), m_search,
            [this, wordStart](const QString &field) {
                const qsizetype start = wordStart();
                const QString text = m_search->text();
                m_search->setText(text.left(start) + field + text.mid(m_search->cursorPosition()));
                m_search->setCursorPosition(int(start + field.size()));
            });
    // Typing is debounced; the query itself runs in the loader thread.
    connect(&m_searchTimer, &QTimer::timeout, this,
            [this] { m_inbox->setQuery(m_search->text()); });
    connect(m_inbox, &InboxModel::queryErrorChanged, this, &MainWindow::updateSearchError);

    // Inbox: the table over the message view.
    m_inboxView = new InboxView(this);
    m_inboxView->setModel(m_inbox);
    m_inboxView->sortByColumn(InboxModel::ReceivedColumn, Qt::DescendingOrder);
    m_inboxView->setFileProvider([this](qint64 id) { return dragFileFor(id); });
    m_inboxView->addAction(m_deleteAction);
    m_inboxView->addAction(m_deleteAllAction);
    m_inboxView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_inboxView->insertAction(m_deleteAction, m_markReadAction);
    m_inboxView->insertAction(m_deleteAction, m_markUnreadAction);
    m_inboxView->insertAction(m_deleteAction, m_saveAction);
    QHeaderView *header = m_inboxView->horizontalHeader();
    const QFontMetrics metrics(font());
    // Wide enough for an older message's date and time in this locale's short format.
    const QDateTime widest(QDate(2026, 12, 28), QTime(23, 58, 58));
    header->resizeSection(InboxModel::ReceivedColumn,
                          metrics.horizontalAdvance(InboxModel::receivedText(widest))
                              + metrics.averageCharWidth() * 4);
    header->resizeSection(InboxModel::FromColumn, metrics.averageCharWidth() * 28);
    header->resizeSection(InboxModel::ToColumn, metrics.averageCharWidth() * 28);
    header->resizeSection(InboxModel::SubjectColumn, metrics.averageCharWidth() * 44);
    header->resizeSection(InboxModel::SizeColumn,
                          metrics.horizontalAdvance(QStringLiteral("1023 bytes___")));
    header->resizeSection(InboxModel::AttachmentColumn, 28);
    header->resizeSection(InboxModel::SecurityColumn, metrics.averageCharWidth() * 16);
    header->setSectionResizeMode(InboxModel::SubjectColumn, QHeaderView::Stretch);

    m_emptyLabel = new QLabel(this);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_inboxStack = new QStackedWidget(this);
    m_inboxStack->addWidget(m_inboxView);
    m_inboxStack->addWidget(m_emptyLabel);

    m_messageView = new MessageView(this);
    m_messageView->setLoader(m_messageLoader);
    connect(m_messageView, &MessageView::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 5000); });

    m_inboxSplitter = new QSplitter(Qt::Vertical, this);
    m_inboxSplitter->setObjectName(QStringLiteral("inboxSplitter"));
    m_inboxSplitter->addWidget(m_inboxStack);
    m_inboxSplitter->addWidget(m_messageView);
    m_inboxSplitter->setStretchFactor(0, 2);
    m_inboxSplitter->setStretchFactor(1, 3);
    m_inboxSplitter->setSizes({260, 440});
    m_inboxSplitter->setChildrenCollapsible(false);

    // Sessions: the list over the live log.
    m_sessionsView = new QTableView(this);
    m_sessionsView->setModel(m_sessionsProxy);
    m_sessionsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_sessionsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_sessionsView->setSortingEnabled(true);
    m_sessionsView->sortByColumn(SessionListModel::SessionColumn, Qt::AscendingOrder);
    m_sessionsView->setShowGrid(false);
    m_sessionsView->setWordWrap(false);
    m_sessionsView->setAlternatingRowColors(true);
    m_sessionsView->verticalHeader()->hide();
    m_sessionsView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_sessionsView->verticalHeader()->setDefaultSectionSize(metrics.height() + 8);
    m_sessionsView->horizontalHeader()->setStretchLastSection(true);
    m_sessionsView->horizontalHeader()->resizeSection(SessionListModel::RemoteColumn,
                                                      metrics.averageCharWidth() * 22);
    connect(m_sessionsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::selectedSessionChanged);
    // New sessions scroll into view only while the user is at the end of the list.
    connect(m_sessionsProxy, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        QScrollBar *bar = m_sessionsView->verticalScrollBar();
        m_sessionsAtEnd = bar->value() >= bar->maximum();
    });
    connect(m_sessionsProxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_sessionsAtEnd)
            m_sessionsView->scrollToBottom();
    });

    m_logView = new SessionLogView(this);
    m_logView->setModel(m_logProxy);
    connect(m_logView, &SessionLogView::messageActivated, this, [this](qint64 id) {
        m_mainTabs->setCurrentIndex(0);
        selectMessage(id);
    });
    m_allSessionsButton = new QToolButton(this);
    m_allSessionsButton->setText(tr("Show All Sessions"));
    m_allSessionsButton->setEnabled(false);
    connect(m_allSessionsButton, &QToolButton::clicked, this,
            [this] { m_sessionsView->clearSelection(); });
    m_logNote = new QLabel(this);
    m_logNote->setWordWrap(true);
    m_logNote->hide();
    connect(m_log, &SessionLogModel::linesDropped, this, [this](qint64 total) {
        m_logNote->setText(tr("%1 older lines were dropped from the live log (it keeps the newest "
                              "%2). The trace of every delivered message stays in the store: "
                              "see the Trace tab of the message.")
                               .arg(total)
                               .arg(m_log->capacity()));
        m_logNote->show();
    });
    auto *logPage = new QWidget(this);
    auto *logBar = new QHBoxLayout;
    auto *logTitle = new QLabel(tr("Protocol log (newest at the bottom; scroll up to stop "
                                   "following)"),
                                logPage);
    logTitle->setEnabled(false);
    auto *credentialsButton = new QToolButton(logPage);
    m_logView->showCredentialsAction()->setIcon(icon("key"));
    credentialsButton->setDefaultAction(m_logView->showCredentialsAction());
    credentialsButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    logBar->addWidget(logTitle, 1);
    logBar->addWidget(credentialsButton);
    logBar->addWidget(m_allSessionsButton);
    auto *logLayout = new QVBoxLayout(logPage);
    logLayout->setContentsMargins(0, 4, 0, 0);
    logLayout->addLayout(logBar);
    logLayout->addWidget(m_logView, 1);
    logLayout->addWidget(m_logNote);

    m_sessionSplitter = new QSplitter(Qt::Vertical, this);
    m_sessionSplitter->setObjectName(QStringLiteral("sessionSplitter"));
    m_sessionSplitter->addWidget(m_sessionsView);
    m_sessionSplitter->addWidget(logPage);
    m_sessionSplitter->setSizes({220, 480});
    m_sessionSplitter->setChildrenCollapsible(false);

    m_mainTabs = new QTabWidget(this);
    m_mainTabs->setDocumentMode(true);
    m_mainTabs->addTab(m_inboxSplitter, icon("mail-unread"), tr("&Inbox"));
    m_mainTabs->addTab(m_sessionSplitter, icon("key"), tr("&Sessions"));
    setCentralWidget(m_mainTabs);
    // The live log only does work while its tab is on screen; it catches up on show.
    connect(m_mainTabs, &QTabWidget::currentChanged, this, [this](int index) {
        m_log->setPaused(m_mainTabs->widget(index) != m_sessionSplitter);
    });

    connect(m_inboxView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::currentMessageChanged);
    connect(m_inboxView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { updateStatus(); });

    auto *trayMenu = new QMenu(this);
    trayMenu->addAction(tr("Show / Hide"), this, &MainWindow::toggleWindow);
    trayMenu->addAction(m_startStopAction);
    trayMenu->addSeparator();
    trayMenu->addAction(m_quitAction);
    m_tray->setMenu(trayMenu);
    connect(m_tray, &TrayIcon::toggleWindowRequested, this, &MainWindow::toggleWindow);
    connect(m_tray, &TrayIcon::messageClicked, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
}

void MainWindow::createStatusBar()
{
    m_listenLabel = new QLabel(this);
    m_securityLabel = new QLabel(this);
    m_countLabel = new QLabel(this);
    m_errorLabel = new QLabel(this);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette errorPalette = m_errorLabel->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xd0, 0x45, 0x3a));
    m_errorLabel->setPalette(errorPalette);
    m_errorLabel->hide();
    m_fixButton = new QToolButton(this);
    m_fixButton->setText(tr("Fix…"));
    m_fixButton->hide();
    connect(m_fixButton, &QToolButton::clicked, this, [this] { openSettings(m_problemPage); });
    statusBar()->addWidget(m_errorLabel, 1);
    statusBar()->addWidget(m_fixButton);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_securityLabel);
    statusBar()->addPermanentWidget(m_listenLabel);
}

void MainWindow::connectEngine()
{
    connect(m_controller, &ServerController::storeOpened, this, &MainWindow::storeOpened);
    connect(m_controller, &ServerController::runningChanged, this, &MainWindow::runningChanged);
    connect(m_controller, &ServerController::applyFinished, this,
            [this](bool ok, const QString &error, ServerController::Problem problem) {
                if (ok)
                    clearProblem();
                else if (!error.isEmpty()) // empty: stopped before it listened
                    reportProblem(error, problem);
                updateStatus();
                emit serverApplied(ok);
            });
    connect(m_controller, &ServerController::sessionStarted, m_sessions,
            &SessionListModel::sessionStarted);
    connect(m_controller, &ServerController::sessionEnded, m_sessions,
            &SessionListModel::sessionEnded);
    connect(m_controller, &ServerController::authAttempted, m_sessions,
            &SessionListModel::authAttempted);
    connect(m_controller, &ServerController::protocolLine, m_log, &SessionLogModel::append);
    connect(m_controller, &ServerController::messageReceived, this, &MainWindow::messageReceived);
    connect(m_controller, &ServerController::messagesRemoved, this, &MainWindow::messagesRemoved);
    connect(m_controller, &ServerController::messagesChanged, m_inbox, &InboxModel::noteChanged);
    connect(m_controller, &ServerController::errorOccurred, this, [this](const ServerError &error) {
        statusBar()->showMessage(error.remoteAddress.isEmpty()
                                     ? error.message
                                     : error.remoteAddress + QStringLiteral(": ") + error.message,
                                 8000);
    });
    connect(m_controller, &ServerController::storeError, this, [this](const QString &message) {
        reportProblem(tr("Store: %1").arg(message), ServerController::Problem::Store);
    });
    const auto statusSoon = [this] {
        if (!m_statusTimer.isActive())
            m_statusTimer.start();
    };
    connect(m_controller, &ServerController::sessionStarted, this, statusSoon);
    connect(m_controller, &ServerController::sessionEnded, this, statusSoon);

    connect(m_inbox, &InboxModel::listed, this, [this](int rows) {
        selectPending();
        selectNewestIfNone();
        emit inboxLoaded(rows);
    });
    connect(m_inboxLoader, &StoreLoader::loadFailed, this, [this](const QString &error) {
        statusBar()->showMessage(tr("Cannot read the store: %1").arg(error), 8000);
    });
    connect(m_messageLoader, &StoreLoader::messageLoaded, this, &MainWindow::messageLoaded);
    connect(m_transfer, &MailTransfer::progress, this, &MainWindow::transferProgressed);
    connect(m_transfer, &MailTransfer::finished, this, &MainWindow::transferFinished);

    connect(m_inbox, &InboxModel::unreadCountChanged, m_tray, &TrayIcon::setUnreadCount);
    connect(m_inbox, &InboxModel::messagesArrived, this, [this](const QList<StoredMessage> &list) {
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
    connect(m_inbox, &QAbstractItemModel::rowsInserted, this, [this] {
        selectPending();
        selectNewestIfNone();
    });
    connect(m_inbox, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateEmptyState);
    connect(m_inbox, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateEmptyState);
    connect(m_inbox, &QAbstractItemModel::modelReset, this, &MainWindow::updateEmptyState);
    connect(m_inbox, &InboxModel::countsChanged, this, &MainWindow::updateEmptyState);
    // A reset (new query, a change too scattered to merge) keeps the selected messages that
    // are still listed.
    connect(m_inbox, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        m_savedCurrent = m_inbox->idAt(m_inboxView->currentIndex().row());
        m_savedSelection = selectedIds();
    });
    connect(m_inbox, &QAbstractItemModel::modelReset, this, [this] {
        selectRows(std::exchange(m_savedSelection, {}), std::exchange(m_savedCurrent, 0));
    });
    connect(m_inbox, &QAbstractItemModel::rowsInserted, this, statusSoon);
    connect(m_inbox, &QAbstractItemModel::rowsRemoved, this, statusSoon);
    connect(m_inbox, &QAbstractItemModel::modelReset, this, statusSoon);
    connect(m_inbox, &InboxModel::countsChanged, this, statusSoon);
}

void MainWindow::startServer()
{
    // A running import writes through the open store: switching stores under it would close
    // the store it writes to. It is cancelled (nothing half-imported stays) and the switch
    // follows in transferFinished().
    const bool storeChanges =
        m_controller->store()
        && QDir::cleanPath(m_settings.effectiveStoreDirectory()) != m_controller->storeDirectory();
    if (storeChanges && m_transfer->isRunning()
        && m_transfer->kind() == MailTransfer::Kind::Import) {
        m_startAfterTransfer = true;
        m_transfer->cancel();
        updateStatus();
        return;
    }
    // The store and the certificate are read in the controller's worker; the outcome comes
    // with ServerController::applyFinished (connectEngine).
    m_controller->apply(m_settings);
    updateStatus();
}

void MainWindow::stopServer()
{
    m_controller->stop();
    updateStatus();
}

void MainWindow::applySettings(const AppSettings &settings, bool persist)
{
    m_settings = settings;
    if (persist) {
        m_settings.save(*AppSettings::openSettingsFile());
    }
    m_tray->setNotificationsEnabled(m_settings.notifications);
    Appearance::apply(m_settings.appearance);
    startServer();
}

void MainWindow::storeOpened(const QString &directory)
{
    // A different store: forget the old inbox and read the new one in the background.
    m_inbox->clear();
    m_messageView->showPlaceholder(tr("Select a message to see it here."));
    m_shownId = 0;
    m_pendingSelect = 0;
    // Queued before the model's first request, so the loader reads the new store.
    QMetaObject::invokeMethod(m_inboxLoader,
                              [loader = m_inboxLoader, directory] { loader->open(directory); });
    m_inbox->reload();
    QMetaObject::invokeMethod(m_messageLoader,
                              [loader = m_messageLoader, directory] { loader->open(directory); });
    setWindowTitle(tr("Letterbox — %1").arg(QDir::toNativeSeparators(directory)));
}

void MainWindow::runningChanged(bool running)
{
    m_startStopAction->setText(running ? tr("Stop") : tr("Start"));
    m_startStopAction->setIcon(icon(running ? "stop" : "start"));
    updateStatus();
    updateEmptyState();
}

void MainWindow::reportProblem(const QString &error, ServerController::Problem problem)
{
    switch (problem) {
    case ServerController::Problem::Tls:
        m_problemPage = SettingsDialog::Page::Tls;
        break;
    case ServerController::Problem::Auth:
        m_problemPage = SettingsDialog::Page::Auth;
        break;
    case ServerController::Problem::Store:
        m_problemPage = SettingsDialog::Page::Storage;
        break;
    case ServerController::Problem::Server:
    case ServerController::Problem::None:
        m_problemPage = SettingsDialog::Page::Server;
        break;
    }
    const QString text = m_controller->isRunning() ? error : tr("Not listening: %1").arg(error);
    m_errorLabel->setText(text);
    m_errorLabel->setToolTip(error);
    m_errorLabel->show();
    m_fixButton->show();

    QString hint;
    if (error.contains(QStringLiteral("in use"), Qt::CaseInsensitive))
        hint = tr("Another program (perhaps another Letterbox or mail catcher) already listens "
                  "there. Stop it, or choose another port in the server settings.");
    else if (m_problemPage == SettingsDialog::Page::Tls)
        hint = tr("Check the certificate and key files in the TLS settings, or generate a "
                  "self-signed certificate there.");
    else if (m_problemPage == SettingsDialog::Page::Storage)
        hint = tr("Choose a folder you can write to in the storage settings.");
    else
        hint = tr("Change the settings and apply them to try again.");
    // Not modal to the application: the inbox stays usable while the dialog is up.
    if (m_errorBox)
        m_errorBox->deleteLater();
    m_errorBox = new QMessageBox(QMessageBox::Warning, tr("Letterbox cannot listen"), text,
                                 QMessageBox::Close, this);
    m_errorBox->setInformativeText(hint);
    m_errorBox->setAttribute(Qt::WA_DeleteOnClose);
    m_errorBox->setWindowModality(Qt::NonModal);
    QPushButton *fix = m_errorBox->addButton(tr("Open Settings…"), QMessageBox::AcceptRole);
    connect(fix, &QPushButton::clicked, this, [this] { openSettings(m_problemPage); });
    m_errorBox->show();
}

void MainWindow::clearProblem()
{
    m_errorLabel->clear();
    m_errorLabel->hide();
    m_fixButton->hide();
    if (m_errorBox)
        m_errorBox->close();
}

QString MainWindow::statusError() const
{
    return m_errorLabel->isVisible() || !m_errorLabel->text().isEmpty() ? m_errorLabel->text()
                                                                        : QString();
}

QString MainWindow::listeningText() const
{
    return m_listenLabel->text();
}

void MainWindow::updateStatus()
{
    m_statusTimer.stop();
    const bool running = m_controller->isRunning();
    if (m_controller->isApplying() || m_startAfterTransfer) {
        m_listenLabel->setText(tr("Starting…"));
    } else if (running) {
        QStringList parts;
        if (const auto address = m_controller->listenAddress())
            parts.append(tr("SMTP %1").arg(address->toString()));
        if (const auto address = m_controller->tlsListenAddress())
            parts.append(tr("SMTPS %1").arg(address->toString()));
        m_listenLabel->setText(tr("Listening: %1").arg(parts.join(QStringLiteral(" · "))));
    } else {
        m_listenLabel->setText(tr("Stopped"));
    }
    QStringList security;
    if (m_settings.tlsConfigured())
        security.append(m_settings.requireTls ? tr("TLS required") : tr("STARTTLS"));
    else
        security.append(tr("no TLS"));
    if (m_settings.authEnabled)
        security.append(m_settings.authRequired    ? tr("AUTH required")
                        : m_settings.authAcceptAny ? tr("AUTH (any)")
                                                   : tr("AUTH"));
    m_securityLabel->setText(security.join(QStringLiteral(" · ")));
    m_securityLabel->setToolTip(tr("TLS and authentication settings; change them in Settings"));
    const int total = int(m_inbox->totalCount());
    m_countLabel->setText((m_inbox->query().isEmpty()
                               ? tr("%n message(s)", nullptr, total)
                               : tr("%1 of %n message(s)", nullptr, total).arg(m_inbox->rowCount()))
                          + tr(", %n unread", nullptr, m_inbox->unreadCount())
                          + QStringLiteral(" · ")
                          + tr("%n session(s)", nullptr, m_sessions->rowCount())
                          + tr(", %1 open").arg(m_controller->activeSessions()));
    const bool haveSelection = m_inboxView && m_inboxView->selectionModel()
                               && m_inboxView->selectionModel()->hasSelection();
    m_deleteAction->setEnabled(haveSelection);
    m_markReadAction->setEnabled(haveSelection);
    m_markUnreadAction->setEnabled(haveSelection);
    m_saveAction->setEnabled(m_messageView && m_messageView->hasMessage());
    m_deleteAllAction->setEnabled(m_inbox->totalCount() > 0 || m_inbox->rowCount() > 0);
}

void MainWindow::updateEmptyState()
{
    const QString address = m_controller->listenAddress()
                                ? m_controller->listenAddress()->toString()
                                : m_settings.listen;
    if (m_inbox->rowCount() == 0 && m_inbox->query().isEmpty()) {
        m_emptyLabel->setText(
            m_controller->isRunning()
                ? tr("<h3>No mail yet</h3><p>Send mail to <b>%1</b>: point your application's "
                     "SMTP settings there, or try</p><p><tt>swaks --server %1 --to "
                     "you@example.test</tt></p>")
                      .arg(address.toHtmlEscaped())
                : tr("<h3>No mail yet</h3><p>Letterbox is not listening. Press <b>Start</b>, or "
                     "fix the problem shown in the status bar.</p>"));
        m_inboxStack->setCurrentWidget(m_emptyLabel);
        if (!m_messageView->hasMessage())
            m_messageView->showPlaceholder(
                m_controller->isRunning() ? tr("Send mail to %1 and it shows up here.").arg(address)
                                          : tr("Messages show up here once Letterbox listens."));
    } else if (m_inbox->rowCount() == 0) {
        m_emptyLabel->setText(tr("<h3>Nothing matches “%1”</h3><p>Press Esc in the search box "
                                 "to see every message.</p>")
                                  .arg(m_inbox->query().toHtmlEscaped()));
        m_inboxStack->setCurrentWidget(m_emptyLabel);
    } else {
        m_inboxStack->setCurrentWidget(m_inboxView);
    }
}

QString MainWindow::searchError() const
{
    return m_inbox->queryError();
}

void MainWindow::updateSearchError()
{
    const QString help =
        tr("Words and \"phrases\" must all match; OR, -word and NOT exclude, ( ) group.\n"
           "Fields: from: to: cc: subject: body: (a word, \"phrase\" or (group))\n"
           "Filters: has:attachment has:findings is:read is:unread finding:CODE id:N\n"
           "before: after: on:YYYY-MM-DD   larger: smaller:10k|2M|1G");
    const QString error = m_inbox->queryError();
    m_searchErrorAction->setVisible(!error.isEmpty());
    m_searchErrorAction->setToolTip(error);
    m_search->setToolTip(error.isEmpty() ? help
                                         : tr("Cannot search: %1").arg(error) + u"\n\n" + help);
    // A red frame says "this query is not running" without taking the rows away.
    m_search->setStyleSheet(error.isEmpty()
                                ? QString()
                                : QStringLiteral("QLineEdit { border: 2px solid #d0453a; "
                                                 "border-radius: 3px; }"));
    if (!error.isEmpty())
        statusBar()->showMessage(tr("Search: %1").arg(error), 8000);
}

QList<qint64> MainWindow::selectedIds() const
{
    QList<qint64> ids;
    const QModelIndexList rows = m_inboxView->selectionModel()->selectedRows();
    ids.reserve(rows.size());
    for (const QModelIndex &row : rows)
        ids.append(row.data(InboxModel::MessageIdRole).toLongLong());
    return ids;
}

void MainWindow::currentMessageChanged()
{
    m_inbox->keepListed(m_inbox->idAt(m_inboxView->currentIndex().row()));
    m_selectTimer.start();
}

void MainWindow::loadCurrentMessage()
{
    const QModelIndex current = m_inboxView->currentIndex();
    if (!current.isValid())
        return;
    const qint64 id = current.data(InboxModel::MessageIdRole).toLongLong();
    if (id == m_shownId && m_messageView->hasMessage())
        return;
    const quint64 request = ++m_requestId;
    QMetaObject::invokeMethod(m_messageLoader, [loader = m_messageLoader, request, id] {
        loader->loadMessage(request, id);
    });
}

void MainWindow::messageLoaded(const MessageDetails &details)
{
    if (details.requestId != m_requestId)
        return; // the user has moved on
    m_shownId = details.id;
    m_messageView->setDetails(details);
    if (details.found && !details.message.read) {
        m_inbox->setRead({details.id}, true);
        if (MessageStore *store = m_controller->store())
            store->setRead({details.id}, true);
    }
    updateStatus();
    emit messageShown(details.id);
}

void MainWindow::messageReceived(const ReceivedMessage &message)
{
    m_sessions->messageReceived(message);
    m_log->appendNote(message.sessionId,
                      tr("stored as message %1 (%2 bytes); double-click to show it")
                          .arg(message.storeId)
                          .arg(message.size),
                      message.storeId);
    m_inbox->noteArrivals({message.storeId});
}

void MainWindow::messagesRemoved(const QList<qint64> &ids)
{
    if (ids.isEmpty()) {
        // "All" means all that existed when the store got to it; mail delivered since then is
        // still stored, so read the inbox again rather than trusting an empty view.
        m_inbox->reload();
    } else {
        m_inbox->storeRemoved(ids);
    }
    if (m_shownId != 0 && (ids.isEmpty() || ids.contains(m_shownId))) {
        m_shownId = 0;
        m_messageView->showPlaceholder(tr("The message was deleted."));
    }
    updateStatus();
}

bool MainWindow::selectMessage(qint64 id)
{
    m_pendingSelect = 0;
    const int row = m_inbox->rowOf(id);
    if (row >= 0) {
        const QModelIndex index = m_inbox->index(row, 0);
        m_inboxView->setCurrentIndex(index);
        m_inboxView->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect
                                                         | QItemSelectionModel::Rows);
        m_inboxView->scrollTo(index);
        return true;
    }
    // Not listed: hidden by the search, or arrived since the last list. Either way the next
    // list brings it, and selectPending() selects it then.
    m_pendingSelect = id;
    if (!m_inbox->query().isEmpty() || !m_search->text().isEmpty()) {
        const QSignalBlocker blocker(m_search);
        m_search->clear();
        m_searchTimer.stop();
        m_inbox->setQuery({});
    } else {
        m_inbox->noteChanged({id});
        m_inbox->flush();
    }
    return false;
}

void MainWindow::selectPending()
{
    if (m_pendingSelect != 0 && m_inbox->rowOf(m_pendingSelect) >= 0)
        selectMessage(m_pendingSelect);
}

void MainWindow::selectRows(const QList<qint64> &ids, qint64 current)
{
    if (ids.isEmpty() && current == 0)
        return;
    // One pass over the rows, one selection range per run of selected rows.
    const QSet<qint64> wanted(ids.cbegin(), ids.cend());
    QItemSelection selection;
    int currentRow = -1;
    const QList<qint64> &rows = m_inbox->ids();
    for (int row = 0; row < rows.size(); ++row) {
        if (rows.at(row) == current)
            currentRow = row;
        if (!wanted.contains(rows.at(row)))
            continue;
        int last = row;
        while (last + 1 < rows.size() && wanted.contains(rows.at(last + 1))) {
            ++last;
            if (rows.at(last) == current)
                currentRow = last;
        }
        selection.select(m_inbox->index(row, 0), m_inbox->index(last, InboxModel::ColumnCount - 1));
        row = last;
    }
    if (currentRow >= 0)
        m_inboxView->selectionModel()->setCurrentIndex(m_inbox->index(currentRow, 0),
                                                       QItemSelectionModel::NoUpdate);
    m_inboxView->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

void MainWindow::selectNewestIfNone()
{
    if (m_inboxView->currentIndex().isValid() || m_inbox->rowCount() == 0)
        return;
    // The newest message is at the top or the bottom, depending on the sort order.
    const bool newestFirst = m_inbox->sortColumn() != InboxModel::ReceivedColumn
                             || m_inbox->sortOrder() == Qt::DescendingOrder;
    const QModelIndex index = m_inbox->index(newestFirst ? 0 : m_inbox->rowCount() - 1, 0);
    m_inboxView->setCurrentIndex(index);
    m_inboxView->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect
                                                     | QItemSelectionModel::Rows);
}

void MainWindow::deleteSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty() || !m_controller->store())
        return;
    // Keep the user's place: select the row after the last deleted one.
    const QModelIndexList rows = m_inboxView->selectionModel()->selectedRows();
    int nextRow = 0;
    for (const QModelIndex &row : rows)
        nextRow = std::max(nextRow, row.row());
    nextRow = nextRow + 1 - int(rows.size());
    m_controller->store()->remove(ids);
    m_inbox->removeMessages(ids);
    if (m_shownId != 0 && ids.contains(m_shownId)) {
        m_shownId = 0;
        m_messageView->showPlaceholder(tr("The message was deleted."));
    }
    const int count = m_inbox->rowCount();
    if (count > 0) {
        const QModelIndex next = m_inbox->index(std::clamp(nextRow, 0, count - 1), 0);
        m_inboxView->setCurrentIndex(next);
        m_inboxView->selectionModel()->select(next, QItemSelectionModel::ClearAndSelect
                                                        | QItemSelectionModel::Rows);
    }
    updateStatus();
    statusBar()->showMessage(tr("Deleted %n message(s)", nullptr, int(ids.size())), 4000);
}

void MainWindow::deleteAll(bool askFirst)
{
    const int total = int(std::max<qint64>(m_inbox->totalCount(), m_inbox->rowCount()));
    if (!m_controller->store() || total == 0)
        return;
    if (askFirst
        && QMessageBox::question(this, tr("Delete all messages"),
                                 tr("Delete all %n message(s) from the store? This cannot be "
                                    "undone.",
                                    nullptr, total),
                                 QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
               != QMessageBox::Yes)
        return;
    m_controller->store()->removeAll();
    // Empty until the store confirms (messagesRemoved with no ids reloads): a list read
    // before the removal commits would bring every message back for a moment.
    m_inbox->clear();
    m_shownId = 0;
    m_messageView->showPlaceholder(tr("The message was deleted."));
    updateStatus();
}

void MainWindow::markSelected(bool read)
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty() || !m_controller->store())
        return;
    m_inbox->setRead(ids, read);
    m_controller->store()->setRead(ids, read);
}

void MainWindow::selectedSessionChanged()
{
    const QModelIndexList rows = m_sessionsView->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        m_logProxy->setFilterRegularExpression(QRegularExpression());
        m_allSessionsButton->setEnabled(false);
        return;
    }
    const quint64 id = rows.constFirst().data(SessionListModel::SessionIdRole).toULongLong();
    m_logProxy->setFilterRegularExpression(QRegularExpression(QStringLiteral("^%1$").arg(id)));
    m_allSessionsButton->setEnabled(true);
    m_logView->scrollToBottom();
}

QString MainWindow::dragFileFor(qint64 id)
{
    // The loader wrote the shown message's file while loading it; dragging selects it first.
    if (id != m_shownId || !m_messageView->hasMessage())
        return {};
    return m_messageView->details().dragFile;
}

MessageExporter::Selection MainWindow::exportSelection(ExportScope scope, qint64 *count) const
{
    if (scope == ExportScope::Selected) {
        const QList<qint64> ids = selectedIds();
        *count = ids.size();
        return MessageExporter::Selection::ofIds(ids);
    }
    *count = m_inbox->rowCount();
    const QString query = m_inbox->query();
    return query.isEmpty() ? MessageExporter::Selection::all()
                           : MessageExporter::Selection::ofQuery(query);
}

void MainWindow::exportMessages(ExportScope scope, MessageExporter::Format format)
{
    if (m_transfer->isRunning() || m_controller->storeDirectory().isEmpty())
        return;
    qint64 count = 0;
    const MessageExporter::Selection selection = exportSelection(scope, &count);
    if (count == 0)
        return;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QString destination;
    bool replace = false;
    switch (format) {
    case MessageExporter::Format::Mbox:
        // The dialog has asked about replacing an existing file.
        destination = QFileDialog::getSaveFileName(
            this, tr("Export %n message(s) as mbox", nullptr, int(count)),
            QDir(documents).filePath(QStringLiteral("letterbox.mbox")),
            tr("mbox files (*.mbox);;All files (*)"));
        replace = true;
        break;
    case MessageExporter::Format::Eml:
    case MessageExporter::Format::Maildir:
        destination = QFileDialog::getExistingDirectory(
            this,
            format == MessageExporter::Format::Eml
                ? tr("Export %n message(s) as .eml files to", nullptr, int(count))
                : tr("Export %n message(s) into the Maildir", nullptr, int(count)),
            documents);
        break;
    }
    if (!destination.isEmpty())
        exportTo(selection, format, destination, replace);
}

bool MainWindow::exportTo(const MessageExporter::Selection &selection,
                          MessageExporter::Format format, const QString &destination,
                          bool replaceExisting)
{
    if (!m_transfer->startExport(m_controller->storeDirectory(), selection, format, destination,
                                 replaceExisting))
        return false;
    showTransferProgress(tr("Exporting…"));
    return true;
}

void MainWindow::importFiles()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Import messages"),
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
        tr("Messages and mailboxes (*.eml *.mbox *.mbx *.mbs);;All files (*)"));
    importPaths(paths);
}

void MainWindow::importFolder()
{
    const QString path = QFileDialog::getExistingDirectory(
        this, tr("Import a Maildir or a folder of .eml files"),
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    if (!path.isEmpty())
        importPaths({path});
}

bool MainWindow::importPaths(const QStringList &paths)
{
    if (paths.isEmpty())
        return false;
    if (m_transfer->isRunning()) {
        statusBar()->showMessage(tr("Another import or export is still running"), 8000);
        return false;
    }
    // The store outlives the transfer: the transfer is created first, so it is destroyed (and
    // waited for) before the controller closes the store.
    if (!m_transfer->startImport(m_controller->store(), paths))
        return false;
    showTransferProgress(tr("Importing…"));
    return true;
}

void MainWindow::showTransferProgress(const QString &label)
{
    delete m_transferDialog;
    m_transferDialog = new QProgressDialog(label, tr("Cancel"), 0, 0, this);
    m_transferDialog->setWindowTitle(tr("Letterbox"));
    m_transferDialog->setWindowModality(Qt::WindowModal);
    // Short transfers finish without a dialog flashing up.
    m_transferDialog->setMinimumDuration(400);
    m_transferDialog->setAutoClose(false);
    m_transferDialog->setAutoReset(false);
    connect(m_transferDialog, &QProgressDialog::canceled, m_transfer, &MailTransfer::cancel);
}

void MainWindow::transferProgressed(qint64 done, qint64 total, const QString &text)
{
    if (!m_transferDialog)
        return;
    // QProgressDialog counts in int; the sources of an import are counted in bytes.
    const int scale = total > INT_MAX ? int(total / INT_MAX) + 1 : 1;
    m_transferDialog->setMaximum(int(total / scale));
    m_transferDialog->setValue(int(done / scale));
    m_transferDialog->setLabelText(text);
}

void MainWindow::transferFinished(const MailTransfer::Outcome &outcome)
{
    delete m_transferDialog;
    const bool import = outcome.kind == MailTransfer::Kind::Import;
    QString summary;
    if (outcome.cancelled) {
        summary = import ? tr("Import cancelled; nothing was imported")
                         : tr("Export cancelled; nothing was written");
    } else if (!outcome.error.isEmpty()) {
        summary = tr("Export failed: %1").arg(outcome.error);
    } else if (import) {
        summary = tr("Imported %n message(s)", nullptr, int(outcome.count));
        m_inbox->noteArrivals(outcome.importedIds);
    } else {
        summary = tr("Exported %n message(s) to %1", nullptr, int(outcome.count))
                      .arg(QDir::toNativeSeparators(outcome.destination));
    }
    statusBar()->showMessage(summary, 10000);
    if (!outcome.cancelled && (!outcome.error.isEmpty() || !outcome.problems.isEmpty())) {
        auto *box = new QMessageBox(QMessageBox::Warning, import ? tr("Import") : tr("Export"),
                                    summary, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        if (!outcome.problems.isEmpty()) {
            box->setInformativeText(
                tr("%n entry(ies) were left out.", nullptr, int(outcome.problems.size())));
            box->setDetailedText(outcome.problems.join(u'\n'));
        }
        box->open();
    }
    emit transferDone(outcome);
    if (std::exchange(m_startAfterTransfer, false))
        startServer();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedPaths(event->mimeData(), event->source()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList paths = droppedPaths(event->mimeData(), event->source());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    // After the drop returns: the file manager is waiting for it.
    QMetaObject::invokeMethod(
        this, [this, paths] { importPaths(paths); }, Qt::QueuedConnection);
}

QStringList MainWindow::droppedPaths(const QMimeData *mime, const QObject *source) const
{
    // A message dragged out of our own inbox and dropped back would only be a duplicate.
    if (!mime || !mime->hasUrls() || source == m_inboxView)
        return {};
    QStringList paths;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    return paths;
}

SettingsDialog *MainWindow::openSettings(SettingsDialog::Page page)
{
    if (!m_settingsDialog) {
        m_settingsDialog = new SettingsDialog(m_settings, this);
        m_settingsDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_settingsDialog, &SettingsDialog::applied, this,
                [this](const AppSettings &settings) { applySettings(settings); });
    }
    m_settingsDialog->showPage(page);
    m_settingsDialog->show();
    m_settingsDialog->raise();
    m_settingsDialog->activateWindow();
    return m_settingsDialog;
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

void MainWindow::changeEvent(QEvent *event)
{
    // Dark mode switched: the log's colours come from the palette.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        m_logView->viewport()->update();
    QMainWindow::changeEvent(event);
}

void MainWindow::restoreWindowState()
{
    const std::unique_ptr<QSettings> file = AppSettings::openSettingsFile();
    const QSettings &settings = *file;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray()))
        resize(1200, 800);
    restoreState(settings.value(kStateKey).toByteArray());
    m_inboxView->horizontalHeader()->restoreState(settings.value(kInboxHeaderKey).toByteArray());
    m_sessionsView->horizontalHeader()->restoreState(
        settings.value(kSessionsHeaderKey).toByteArray());
    m_logView->header()->restoreState(settings.value(kLogHeaderKey).toByteArray());
    // Restoring a header brings its sort indicator back, but not the proxy's sort.
    for (QTableView *view : {static_cast<QTableView *>(m_inboxView), m_sessionsView}) {
        const QHeaderView *header = view->horizontalHeader();
        view->sortByColumn(header->sortIndicatorSection(), header->sortIndicatorOrder());
    }
    m_inboxSplitter->restoreState(settings.value(kInboxSplitterKey).toByteArray());
    m_sessionSplitter->restoreState(settings.value(kSessionSplitterKey).toByteArray());
    m_mainTabs->setCurrentIndex(settings.value(kTabKey, 0).toInt());
    m_log->setPaused(m_mainTabs->currentWidget() != m_sessionSplitter);
}

void MainWindow::saveWindowState() const
{
    const std::unique_ptr<QSettings> file = AppSettings::openSettingsFile();
    QSettings &settings = *file;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kInboxHeaderKey, m_inboxView->horizontalHeader()->saveState());
    settings.setValue(kSessionsHeaderKey, m_sessionsView->horizontalHeader()->saveState());
    settings.setValue(kLogHeaderKey, m_logView->header()->saveState());
    settings.setValue(kInboxSplitterKey, m_inboxSplitter->saveState());
    settings.setValue(kSessionSplitterKey, m_sessionSplitter->saveState());
    settings.setValue(kTabKey, m_mainTabs->currentIndex());
}
