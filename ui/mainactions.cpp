// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "mainactions.h"

#include "themeicon.h"

#include "help/helptext.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QTextBrowser>
#include <QToolBar>
#include <QVBoxLayout>

#include <optional>

namespace {

constexpr MessageExporter::Format kFormats[] = {
    MessageExporter::Format::Eml, MessageExporter::Format::Mbox, MessageExporter::Format::Maildir};

} // namespace

MainActions::MainActions(QObject *parent)
    : QObject(parent)
{
    const auto make = [this](std::optional<ThemeIcon::Name> iconName, const QString &text,
                             auto signal) {
        auto *action = iconName ? new QAction(ThemeIcon::icon(*iconName), text, this)
                                : new QAction(text, this);
        connect(action, &QAction::triggered, this, signal);
        return action;
    };
    m_startStop = make(ThemeIcon::Name::Stop, tr("Stop"), &MainActions::startStopRequested);
    m_startStop->setToolTip(tr("Stop or start the SMTP listeners"));

    m_settings = make(ThemeIcon::Name::Settings, tr("Settings…"), &MainActions::settingsRequested);
    m_settings->setShortcuts({QKeySequence::Preferences, QKeySequence(tr("Ctrl+,"))});

    m_delete = make(ThemeIcon::Name::Delete, tr("Delete"), &MainActions::deleteRequested);
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setShortcutContext(Qt::WidgetWithChildrenShortcut);

    m_deleteAll =
        make(ThemeIcon::Name::DeleteAll, tr("Delete All…"), &MainActions::deleteAllRequested);
    m_deleteAll->setShortcut(QKeySequence(tr("Shift+Del")));
    m_deleteAll->setShortcutContext(Qt::WidgetWithChildrenShortcut);

    m_markRead = new QAction(ThemeIcon::icon(ThemeIcon::Name::MailRead), tr("Mark Read"), this);
    m_markRead->setShortcut(QKeySequence(tr("Ctrl+R")));
    connect(m_markRead, &QAction::triggered, this, [this] { emit markRequested(true); });
    m_markUnread =
        new QAction(ThemeIcon::icon(ThemeIcon::Name::MailUnread), tr("Mark Unread"), this);
    m_markUnread->setShortcut(QKeySequence(tr("Ctrl+U")));
    connect(m_markUnread, &QAction::triggered, this, [this] { emit markRequested(false); });

    m_save = make(ThemeIcon::Name::Save, tr("Save as .eml…"), &MainActions::saveRequested);
    m_save->setShortcut(QKeySequence::Save);

    m_release = new QAction(tr("Release…"), this);
    m_release->setObjectName(QStringLiteral("releaseAction"));
    m_release->setToolTip(tr("Deliver the message for real through the relay"));
    connect(m_release, &QAction::triggered, this, &MainActions::releaseRequested);
    // Enabled only while the shown message's automatic relay waits in the retry queue.
    m_retryRelay = new QAction(tr("Retry Relay Now"), this);
    m_retryRelay->setObjectName(QStringLiteral("retryRelayAction"));
    m_retryRelay->setToolTip(
        tr("Try the queued relay of the message again now instead of at its time"));
    m_retryRelay->setEnabled(false);
    connect(m_retryRelay, &QAction::triggered, this, &MainActions::retryRelayRequested);

    m_openFolder =
        make(ThemeIcon::Name::Folder, tr("Open Store Folder"), &MainActions::openFolderRequested);

    // Export: the selected messages, or every message listed (the search result while a search
    // is on). The auto-selected newest message must not narrow "everything" down to one.
    m_export = new QAction(ThemeIcon::icon(ThemeIcon::Name::Export), tr("Export"), this);
    m_export->setToolTip(tr("Write the selected messages, the search result or all "
                            "messages as .eml files, an mbox file or a Maildir"));
    m_exportMenu = createExportMenu();
    m_export->setMenu(m_exportMenu);

    m_import =
        make(ThemeIcon::Name::Import, tr("Import Files…"), &MainActions::importFilesRequested);
    m_import->setToolTip(tr("Add .eml or mbox files to the store (or drop them on the "
                            "window)"));
    m_importFolder = make(ThemeIcon::Name::Import, tr("Import Folder or Maildir…"),
                          &MainActions::importFolderRequested);
    m_importFolder->setToolTip(tr("Add a Maildir, or every .eml file of a folder"));

    m_search = make(ThemeIcon::Name::Search, tr("Search"), &MainActions::searchRequested);
    m_search->setShortcut(QKeySequence::Find);

    m_quit = make(std::nullopt, tr("Quit"), &MainActions::quitRequested);
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
}

MainActions::~MainActions()
{
    // Not a child of a widget: the menu goes with the actions.
    delete m_exportMenu;
}

QMenu *MainActions::createExportMenu()
{
    auto *menu = new QMenu;
    QList<QAction *> selectedExports;
    QList<QAction *> listedExports;
    const auto addExport = [this, menu](TransferPresenter::ExportScope scope,
                                        MessageExporter::Format format) {
        QAction *action = menu->addAction(QString());
        connect(action, &QAction::triggered, this,
                [this, scope, format] { emit exportRequested(scope, format); });
        return action;
    };
    for (const MessageExporter::Format format : kFormats)
        selectedExports.append(addExport(TransferPresenter::ExportScope::Selected, format));
    menu->addSeparator();
    for (const MessageExporter::Format format : kFormats)
        listedExports.append(addExport(TransferPresenter::ExportScope::Listed, format));
    // The entries say how many messages they write, so they are worded when the menu opens.
    connect(menu, &QMenu::aboutToShow, this, [this, selectedExports, listedExports] {
        const ExportCounts counts = m_exportCounter ? m_exportCounter() : ExportCounts{};
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
        const QString selectedText = tr("%n Selected Message(s)", nullptr, int(counts.selected));
        const QString listedText = counts.searching
                                       ? tr("%n Search Result(s)", nullptr, int(counts.listed))
                                       : tr("All %n Message(s)", nullptr, int(counts.listed));
        for (qsizetype i = 0; i < selectedExports.size(); ++i) {
            selectedExports.at(i)->setText(word(kFormats[i], selectedText));
            selectedExports.at(i)->setEnabled(counts.selected > 0);
            listedExports.at(i)->setText(word(kFormats[i], listedText));
            listedExports.at(i)->setEnabled(counts.listed > 0);
        }
    });
    return menu;
}

void MainActions::install(QMainWindow *window)
{
    m_window = window;
    QMenu *fileMenu = window->menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(m_save);
    fileMenu->addAction(m_export);
    fileMenu->addAction(m_import);
    fileMenu->addAction(m_importFolder);
    fileMenu->addAction(m_openFolder);
    fileMenu->addSeparator();
    fileMenu->addAction(m_settings);
    fileMenu->addSeparator();
    fileMenu->addAction(m_quit);
    QMenu *messageMenu = window->menuBar()->addMenu(tr("&Message"));
    messageMenu->addAction(m_markRead);
    messageMenu->addAction(m_markUnread);
    messageMenu->addAction(m_release);
    messageMenu->addAction(m_retryRelay);
    messageMenu->addSeparator();
    messageMenu->addAction(m_delete);
    messageMenu->addAction(m_deleteAll);
    messageMenu->addSeparator();
    messageMenu->addAction(m_search);
    QMenu *serverMenu = window->menuBar()->addMenu(tr("&Server"));
    serverMenu->addAction(m_startStop);
    serverMenu->addAction(m_settings);
    createHelpMenu(window);
    window->addAction(m_search);

    m_toolBar = window->addToolBar(tr("Main"));
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setMovable(false);
    m_toolBar->addAction(m_startStop);
    m_toolBar->addAction(m_settings);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_delete);
    m_toolBar->addAction(m_deleteAll);
    m_toolBar->addAction(m_markRead);
    m_toolBar->addAction(m_markUnread);
    m_toolBar->addAction(m_save);
    window->installEventFilter(this);
}

void MainActions::createHelpMenu(QMainWindow *window)
{
    QMenu *helpMenu = window->menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("Search Syntax"), this, [this, window] {
        showHelp(window, "searchSyntaxDialog", tr("Search Syntax"), HelpText::searchSyntax());
    });
    // Made when asked, from the menus as they are then.
    helpMenu->addAction(tr("Keyboard Shortcuts"), this, [this, window] {
        showHelp(window, "shortcutsDialog", tr("Keyboard Shortcuts"),
                 HelpText::shortcuts(window->menuBar()));
    });
    helpMenu->addSeparator();
    QAction *about = helpMenu->addAction(tr("About Letterbox"), this, [window] {
        auto *box = window->findChild<QMessageBox *>(QStringLiteral("aboutDialog"));
        if (!box) {
            box = new QMessageBox(QMessageBox::NoIcon, tr("About Letterbox"), HelpText::about(),
                                  QMessageBox::Close, window);
            box->setObjectName(QStringLiteral("aboutDialog"));
            box->setIconPixmap(window->windowIcon().pixmap(64, 64));
            box->setAttribute(Qt::WA_DeleteOnClose);
        }
        box->show();
        box->raise();
    });
    about->setMenuRole(QAction::AboutRole);
}

void MainActions::showHelp(QMainWindow *window, const char *name, const QString &title,
                           const QString &html)
{
    // One window of each kind, not modal: the reference can stay open beside the inbox.
    auto *dialog = window->findChild<QDialog *>(QLatin1StringView(name));
    if (!dialog) {
        dialog = new QDialog(window);
        dialog->setObjectName(QLatin1StringView(name));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setWindowTitle(title);
        auto *layout = new QVBoxLayout(dialog);
        auto *browser = new QTextBrowser(dialog);
        browser->setOpenLinks(false);
        layout->addWidget(browser);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
        layout->addWidget(buttons);
        dialog->resize(620, 520);
    }
    dialog->findChild<QTextBrowser *>()->setHtml(html);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

bool MainActions::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Resize)
        fitToolBar();
    return QObject::eventFilter(watched, event);
}

void MainActions::fitToolBar()
{
    // Labels cost more width than anything else on the bar: they go first, so no command
    // ends up behind the » button. Measured while the labels show, since they change
    // (Start/Stop) and other parts may add commands.
    if (m_toolBar->toolButtonStyle() == Qt::ToolButtonTextBesideIcon)
        m_labelledWidth = m_toolBar->sizeHint().width();
    const bool narrow = m_window->width() < m_labelledWidth;
    m_toolBar->setToolButtonStyle(narrow ? Qt::ToolButtonIconOnly : Qt::ToolButtonTextBesideIcon);
}

QList<QAction *> MainActions::messageActions() const
{
    return {m_markRead, m_markUnread, m_save, m_release, m_delete, m_deleteAll};
}

QMenu *MainActions::createTrayMenu(QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->addAction(tr("Show / Hide"), this, &MainActions::toggleWindowRequested);
    menu->addAction(m_startStop);
    menu->addSeparator();
    menu->addAction(m_quit);
    return menu;
}

void MainActions::setRunning(bool running)
{
    m_startStop->setText(running ? tr("Stop") : tr("Start"));
    m_startStop->setIcon(ThemeIcon::icon(running ? ThemeIcon::Name::Stop : ThemeIcon::Name::Start));
}

void MainActions::setRelayQueued(bool queued)
{
    m_retryRelay->setEnabled(queued);
}

void MainActions::setMessageState(bool haveSelection, bool haveMessage, bool haveAny)
{
    m_delete->setEnabled(haveSelection);
    m_markRead->setEnabled(haveSelection);
    m_markUnread->setEnabled(haveSelection);
    m_save->setEnabled(haveMessage);
    m_release->setEnabled(haveMessage);
    m_deleteAll->setEnabled(haveAny);
}
