// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class InboxModel;
class InboxView;
class QLabel;
class QStackedWidget;
class SearchBox;

/// The upper half of the Inbox tab: the search box, the reason a query cannot run right under
/// it, and the message list or, in its place, a note on why it is empty. The search box heads
/// this pane, not the tool bar, so a narrow window cannot push it into the tool bar's overflow
/// menu. InboxPage decides what is shown; this pane only lays it out.
class InboxListPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InboxListPane)

public:
    /// Lists `inbox`, whose query follows the search box.
    explicit InboxListPane(InboxModel *inbox, QWidget *parent = nullptr);
    ~InboxListPane() override;

    InboxView *view() const { return m_view; }
    SearchBox *searchBox() const { return m_search; }

    /// Why the query does not run (empty: it does). The rows are then those of the last query
    /// that ran: greyed out, nothing to act on.
    void setQueryError(const QString &error);
    /// Shows the note (rich text; empty for none) instead of the list.
    void showEmptyNote(const QString &note);
    void showList();

private:
    SearchBox *m_search = nullptr;
    QLabel *m_searchError = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_emptyLabel = nullptr;
    InboxView *m_view = nullptr;
};
