// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "inboxview.h"

#include "models/inboxmodel.h"

#include <QDrag>
#include <QHeaderView>
#include <QMimeData>
#include <QUrl>

InboxView::InboxView(QWidget *parent)
    : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSortingEnabled(true);
    setShowGrid(false);
    setWordWrap(false);
    setAlternatingRowColors(true);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setTextElideMode(Qt::ElideRight);
    verticalHeader()->hide();
    // Uniform row heights: the table never measures rows it does not paint.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    horizontalHeader()->setStretchLastSection(false);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setSortIndicatorShown(true);
}

InboxView::~InboxView() = default;

void InboxView::startDrag(Qt::DropActions)
{
    const QModelIndex current = currentIndex();
    if (!current.isValid() || !m_provider)
        return;
    const QString path = m_provider(current.data(InboxModel::MessageIdRole).toLongLong());
    if (path.isEmpty())
        return;
    auto *mime = new QMimeData;
    mime->setUrls({QUrl::fromLocalFile(path)});
    auto *drag = new QDrag(this);
    drag->setMimeData(mime);
    drag->setPixmap(QIcon(QStringLiteral(":/icons/mail-unread.svg")).pixmap(32, 32));
    drag->exec(Qt::CopyAction);
}
