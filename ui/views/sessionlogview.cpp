// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "sessionlogview.h"

#include "models/sessionlogmodel.h"

#include <QAbstractProxyModel>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QKeyEvent>
#include <QScrollBar>

SessionLogView::SessionLogView(QWidget *parent)
    : QTreeView(parent)
{
    setUniformRowHeights(true);
    setRootIsDecorated(false);
    setItemsExpandable(false);
    setAllColumnsShowFocus(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setTextElideMode(Qt::ElideRight);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    header()->setStretchLastSection(true);
    header()->setSectionResizeMode(QHeaderView::Interactive);

    m_tailTimer.setSingleShot(true);
    m_tailTimer.setInterval(kTailIntervalMs);
    connect(&m_tailTimer, &QTimer::timeout, this, &SessionLogView::followTail);
    // Only the user moves the bar away from the end; our own scrollToBottom() keeps it there.
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this,
            [this](int value) { m_followTail = value >= verticalScrollBar()->maximum(); });
    // actionTriggered comes from the user (wheel, drag, click on the bar), never from setValue.
    connect(verticalScrollBar(), &QScrollBar::actionTriggered, this, [this] { m_anchorRow = -1; });
    connect(this, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const qint64 id = index.data(SessionLogModel::MessageIdRole).toLongLong();
        if (id > 0)
            emit messageActivated(id);
    });

    // Ctrl+C reaches keyPressEvent(); an action shortcut would clash with a window-wide Copy,
    // so the menu only names the key, after the tab that QMenu shows as the shortcut column.
    auto *copyAction = new QAction(
        tr("&Copy") + u'\t' + QKeySequence(QKeySequence::Copy).toString(QKeySequence::NativeText),
        this);
    connect(copyAction, &QAction::triggered, this, &SessionLogView::copySelection);
    m_showCredentialsAction = new QAction(tr("Show &Credentials"), this);
    m_showCredentialsAction->setCheckable(true);
    m_showCredentialsAction->setToolTip(
        tr("Show the user names and passwords of AUTH exchanges in clear text, for sessions "
           "seen live in this window (never for stored traces)"));
    connect(m_showCredentialsAction, &QAction::toggled, this,
            &SessionLogView::applyShowCredentials);
    addAction(copyAction);
    addAction(m_showCredentialsAction);
    setContextMenuPolicy(Qt::ActionsContextMenu);
}

SessionLogView::~SessionLogView() = default;

void SessionLogView::setModel(QAbstractItemModel *model)
{
    if (QAbstractItemModel *old = this->model())
        disconnect(old, nullptr, this, nullptr);
    QTreeView::setModel(model);
    if (!model)
        return;
    connect(model, &QAbstractItemModel::rowsInserted, this, &SessionLogView::rowsWereInserted);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_anchorRow = -1;
        rowsWereInserted();
    });
    connect(model, &QAbstractItemModel::layoutChanged, this, &SessionLogView::rowsWereInserted);
    const QFontMetrics metrics(font());
    setColumnWidth(SessionLogModel::TimeColumn,
                   metrics.horizontalAdvance(QStringLiteral("00:00:00.000__")));
    setColumnWidth(SessionLogModel::SessionColumn,
                   metrics.horizontalAdvance(QStringLiteral("#0000000")));
    setColumnWidth(SessionLogModel::DirectionColumn,
                   metrics.horizontalAdvance(QStringLiteral("S:__")));
    applyShowCredentials();
}

void SessionLogView::applyShowCredentials()
{
    // The view usually shows a per-session proxy; the switch belongs to the model under it.
    QAbstractItemModel *source = model();
    while (auto *proxy = qobject_cast<QAbstractProxyModel *>(source))
        source = proxy->sourceModel();
    if (auto *log = qobject_cast<SessionLogModel *>(source))
        log->setShowCredentials(m_showCredentialsAction->isChecked());
}

void SessionLogView::rowsWereInserted()
{
    if (m_followTail && !m_tailTimer.isActive())
        m_tailTimer.start();
}

void SessionLogView::followTail()
{
    if (m_followTail && m_anchorRow < 0)
        scrollToBottom();
}

void SessionLogView::scrollToRowAtTop(int row)
{
    m_tailTimer.stop();
    m_followTail = false;
    m_anchorRow = row;
    applyAnchor();
}

void SessionLogView::applyAnchor()
{
    if (m_anchorRow < 0 || !model() || m_anchorRow >= model()->rowCount())
        return;
    const int row = m_anchorRow;
    scrollTo(model()->index(row, 0), QAbstractItemView::PositionAtTop);
    // scrollTo() moves the bar, which says whether we are at the end now; the anchor stays.
    m_followTail = false;
    m_anchorRow = row;
}

void SessionLogView::showEvent(QShowEvent *event)
{
    QTreeView::showEvent(event);
    applyAnchor();
}

void SessionLogView::resizeEvent(QResizeEvent *event)
{
    QTreeView::resizeEvent(event);
    // A view laid out while hidden had no height: the row it was asked to show at the top
    // only lands there once it has one.
    applyAnchor();
}

void SessionLogView::copySelection() const
{
    if (!model())
        return;
    QModelIndexList rows = selectionModel() ? selectionModel()->selectedRows() : QModelIndexList();
    if (rows.isEmpty()) {
        for (int row = 0; row < model()->rowCount(); ++row)
            rows.append(model()->index(row, 0));
    }
    std::sort(rows.begin(), rows.end());
    const auto shownText = [](const QModelIndex &row) -> QString {
        const QByteArray revealed = row.data(SessionLogModel::RevealedBytesRole).toByteArray();
        const QByteArray bytes =
            revealed.isEmpty() ? row.data(SessionLogModel::BytesRole).toByteArray() : revealed;
        return QString::fromUtf8(bytes).trimmed();
    };
    QString text;
    for (const QModelIndex &row : std::as_const(rows)) {
        const auto cell = [&row](int column) {
            return row.siblingAtColumn(column).data().toString();
        };
        text += cell(SessionLogModel::TimeColumn) + u' ' + cell(SessionLogModel::SessionColumn)
                + u' ' + cell(SessionLogModel::DirectionColumn) + u' ' + shownText(row) + u'\n';
    }
    QApplication::clipboard()->setText(text);
}

void SessionLogView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        return;
    }
    m_anchorRow = -1;
    QTreeView::keyPressEvent(event);
}
