// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "sessionlogview.h"

#include "models/sessionlogmodel.h"

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
    connect(this, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const qint64 id = index.data(SessionLogModel::MessageIdRole).toLongLong();
        if (id > 0)
            emit messageActivated(id);
    });
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
    connect(model, &QAbstractItemModel::modelReset, this, &SessionLogView::rowsWereInserted);
    connect(model, &QAbstractItemModel::layoutChanged, this, &SessionLogView::rowsWereInserted);
    const QFontMetrics metrics(font());
    setColumnWidth(SessionLogModel::TimeColumn,
                   metrics.horizontalAdvance(QStringLiteral("00:00:00.000__")));
    setColumnWidth(SessionLogModel::SessionColumn,
                   metrics.horizontalAdvance(QStringLiteral("#0000000")));
    setColumnWidth(SessionLogModel::DirectionColumn,
                   metrics.horizontalAdvance(QStringLiteral("S:__")));
}

void SessionLogView::rowsWereInserted()
{
    if (m_followTail && !m_tailTimer.isActive())
        m_tailTimer.start();
}

void SessionLogView::followTail()
{
    if (m_followTail)
        scrollToBottom();
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
    QString text;
    for (const QModelIndex &row : std::as_const(rows)) {
        const auto cell = [&row](int column) {
            return row.siblingAtColumn(column).data().toString();
        };
        text += cell(SessionLogModel::TimeColumn) + u' ' + cell(SessionLogModel::SessionColumn)
                + u' ' + cell(SessionLogModel::DirectionColumn) + u' '
                + QString::fromUtf8(row.data(SessionLogModel::BytesRole).toByteArray()).trimmed()
                + u'\n';
    }
    QApplication::clipboard()->setText(text);
}

void SessionLogView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        return;
    }
    QTreeView::keyPressEvent(event);
}
