// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "sessionspage.h"

#include "themeicon.h"

#include "loader/storeloader.h"
#include "models/sessionlistmodel.h"
#include "models/sessionlogmodel.h"
#include "views/sessionlogview.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

constexpr QLatin1StringView kSessionsHeaderKey("window/sessionsHeader");
constexpr QLatin1StringView kLogHeaderKey("window/logHeader");
constexpr QLatin1StringView kSplitterKey("window/sessionSplitter");

} // namespace

SessionsPage::SessionsPage(SessionListModel *sessions, SessionLogModel *log, QWidget *parent)
    : QSplitter(Qt::Vertical, parent)
    , m_sessions(sessions)
    , m_log(log)
{
    m_storedLog = new SessionLogModel(this);
    m_storedLog->setObjectName(QStringLiteral("storedSessionLog"));
    setObjectName(QStringLiteral("sessionSplitter"));
    m_sessionsProxy = new QSortFilterProxyModel(this);
    m_sessionsProxy->setSourceModel(sessions);
    m_sessionsProxy->setSortRole(SessionListModel::SortRole);
    m_logProxy = new QSortFilterProxyModel(this);
    m_logProxy->setSourceModel(log);
    m_logProxy->setFilterRole(SessionLogModel::SessionIdRole);
    m_logProxy->setFilterKeyColumn(0);

    const QFontMetrics metrics(font());
    // Every widget child of a QSplitter becomes a pane of it: the parts are made without a
    // parent or inside their pane.
    m_sessionsView = new QTableView;
    m_sessionsView->setObjectName(QStringLiteral("sessionsView"));
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
            &SessionsPage::selectedSessionChanged);
    // New sessions scroll into view only while the user is at the end of the list.
    connect(m_sessionsProxy, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        QScrollBar *bar = m_sessionsView->verticalScrollBar();
        m_sessionsAtEnd = bar->value() >= bar->maximum();
    });
    connect(m_sessionsProxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_sessionsAtEnd)
            m_sessionsView->scrollToBottom();
    });

    auto *logPage = new QWidget;
    m_logView = new SessionLogView(logPage);
    m_logView->setModel(m_logProxy);
    connect(m_logView, &SessionLogView::messageActivated, this, &SessionsPage::messageActivated);
    // A session of an earlier run shows its stored trace in a view of its own, so the live
    // view keeps its model, column widths and place.
    m_storedView = new SessionLogView(logPage);
    m_storedView->setObjectName(QStringLiteral("storedSessionView"));
    m_storedView->setModel(m_storedLog);
    m_logStack = new QStackedWidget(logPage);
    m_logStack->addWidget(m_logView);
    m_logStack->addWidget(m_storedView);
    m_allSessionsButton = new QToolButton(logPage);
    m_allSessionsButton->setText(tr("Show All Sessions"));
    m_allSessionsButton->setEnabled(false);
    connect(m_allSessionsButton, &QToolButton::clicked, this,
            [this] { m_sessionsView->clearSelection(); });
    m_logNote = new QLabel(logPage);
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
    auto *logBar = new QHBoxLayout;
    auto *logTitle = new QLabel(tr("Protocol log (newest at the bottom; scroll up to stop "
                                   "following)"),
                                logPage);
    logTitle->setEnabled(false);
    auto *credentialsButton = new QToolButton(logPage);
    m_logView->showCredentialsAction()->setIcon(ThemeIcon::icon(ThemeIcon::Name::Key));
    credentialsButton->setDefaultAction(m_logView->showCredentialsAction());
    credentialsButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    logBar->addWidget(logTitle, 1);
    logBar->addWidget(credentialsButton);
    logBar->addWidget(m_allSessionsButton);
    auto *logLayout = new QVBoxLayout(logPage);
    logLayout->setContentsMargins(0, 4, 0, 0);
    logLayout->addLayout(logBar);
    logLayout->addWidget(m_logStack, 1);
    logLayout->addWidget(m_logNote);

    addWidget(m_sessionsView);
    addWidget(logPage);
    setSizes({220, 480});
    setChildrenCollapsible(false);
}

SessionsPage::~SessionsPage() = default;

void SessionsPage::setLoader(StoreLoader *loader)
{
    m_loader = loader;
    connect(loader, &StoreLoader::sessionsLoaded, m_sessions, &SessionListModel::addStoredSessions);
    connect(loader, &StoreLoader::sessionTraceLoaded, this, &SessionsPage::storedTraceLoaded);
}

void SessionsPage::loadStoredSessions(const QString &directory)
{
    if (!m_loader)
        return;
    if (!m_directory.isEmpty() && directory != m_directory) {
        m_sessionsView->clearSelection();
        m_sessions->clear();
    }
    m_directory = directory;
    QMetaObject::invokeMethod(m_loader,
                              [loader = m_loader] { loader->loadSessions(kStoredSessions); });
}

void SessionsPage::selectedSessionChanged()
{
    const QModelIndexList rows = m_sessionsView->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        m_storedShown = 0;
        m_logStack->setCurrentWidget(m_logView);
        m_logProxy->setFilterRegularExpression(QRegularExpression());
        m_allSessionsButton->setEnabled(false);
        return;
    }
    const quint64 id = rows.constFirst().data(SessionListModel::SessionIdRole).toULongLong();
    m_allSessionsButton->setEnabled(true);
    if (rows.constFirst().data(SessionListModel::StoredRole).toBool() && m_loader) {
        // An earlier run's session: the live log never saw it, the store has its trace.
        m_storedShown = id;
        m_storedLog->clear();
        m_logStack->setCurrentWidget(m_storedView);
        QMetaObject::invokeMethod(m_loader,
                                  [loader = m_loader, id] { loader->loadSessionTrace(id); });
        return;
    }
    m_storedShown = 0;
    m_logStack->setCurrentWidget(m_logView);
    m_logProxy->setFilterRegularExpression(QRegularExpression(QStringLiteral("^%1$").arg(id)));
    m_logView->scrollToBottom();
}

void SessionsPage::storedTraceLoaded(quint64 sessionId, const QList<ProtocolLine> &lines)
{
    if (sessionId != m_storedShown)
        return; // another session was selected meanwhile
    m_storedLog->setLines(lines);
    m_storedView->scrollToRowAtTop(0);
}

void SessionsPage::changeEvent(QEvent *event)
{
    // Dark mode switched: the log's colours come from the palette.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        m_logView->viewport()->update();
    m_storedView->viewport()->update();
    QSplitter::changeEvent(event);
}

void SessionsPage::restoreLayout(const QSettings &settings)
{
    QHeaderView *header = m_sessionsView->horizontalHeader();
    header->restoreState(settings.value(kSessionsHeaderKey).toByteArray());
    // Restoring a header brings its sort indicator back, but not the proxy's sort.
    m_sessionsView->sortByColumn(header->sortIndicatorSection(), header->sortIndicatorOrder());
    m_logView->header()->restoreState(settings.value(kLogHeaderKey).toByteArray());
    restoreState(settings.value(kSplitterKey).toByteArray());
}

void SessionsPage::saveLayout(QSettings &settings) const
{
    settings.setValue(kSessionsHeaderKey, m_sessionsView->horizontalHeader()->saveState());
    settings.setValue(kLogHeaderKey, m_logView->header()->saveState());
    settings.setValue(kSplitterKey, saveState());
}
