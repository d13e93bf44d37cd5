// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "inboxlistpane.h"

#include "models/inboxmodel.h"
#include "views/inboxview.h"
#include "views/searchbox.h"

#include <QBoxLayout>
#include <QLabel>
#include <QStackedWidget>

InboxListPane::InboxListPane(InboxModel *inbox, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("inboxListPane"));
    auto *paneLayout = new QVBoxLayout(this);
    paneLayout->setContentsMargins(0, 6, 0, 0);
    paneLayout->setSpacing(4);
    auto *searchRow = new QHBoxLayout;
    searchRow->setContentsMargins(6, 0, 6, 0);
    m_search = new SearchBox(this);
    searchRow->addWidget(m_search, 1);
    searchRow->addStretch(0);
    paneLayout->addLayout(searchRow);
    m_searchError = new QLabel(this);
    m_searchError->setObjectName(QStringLiteral("searchError"));
    m_searchError->setTextFormat(Qt::PlainText);
    m_searchError->setWordWrap(true);
    m_searchError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_searchError->setContentsMargins(8, 0, 8, 0);
    // The search box's frame has the same red.
    m_searchError->setStyleSheet(QStringLiteral("QLabel { color: #d0453a; }"));
    m_searchError->hide();
    paneLayout->addWidget(m_searchError);
    // Typing is debounced; the query itself runs in the loader thread.
    connect(m_search, &SearchBox::queryEdited, inbox, &InboxModel::setQuery);

    m_stack = new QStackedWidget(this);
    m_view = new InboxView(m_stack);
    m_view->setObjectName(QStringLiteral("inboxView"));
    m_view->setModel(inbox);
    m_view->sortByColumn(InboxModel::ReceivedColumn, Qt::DescendingOrder);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->sizeColumns();
    m_emptyLabel = new QLabel(m_stack);
    m_emptyLabel->setObjectName(QStringLiteral("emptyInbox"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_emptyLabel);
    paneLayout->addWidget(m_stack, 1);
}

InboxListPane::~InboxListPane() = default;

void InboxListPane::setQueryError(const QString &error)
{
    m_search->setError(error);
    m_searchError->setText(error.isEmpty() ? QString() : tr("Cannot search: %1").arg(error));
    m_searchError->setVisible(!error.isEmpty());
    m_stack->setEnabled(error.isEmpty());
}

void InboxListPane::showEmptyNote(const QString &note)
{
    m_emptyLabel->setText(note);
    m_stack->setCurrentWidget(m_emptyLabel);
}

void InboxListPane::showList()
{
    m_stack->setCurrentWidget(m_view);
}
