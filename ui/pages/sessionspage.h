// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QSplitter>

class QLabel;
class QSettings;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;
class SessionListModel;
class SessionLogModel;
class SessionLogView;

/// The Sessions tab: the SMTP sessions over the live protocol log. Selecting a session narrows
/// the log to it (a proxy over the one log model, not a model per session); new
/// sessions scroll into view only while the user is at the end of the list; a note says when
/// the live log has dropped its oldest lines.
class SessionsPage final : public QSplitter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionsPage)

public:
    SessionsPage(SessionListModel *sessions, SessionLogModel *log, QWidget *parent = nullptr);
    ~SessionsPage() override;

    void restoreLayout(const QSettings &settings);
    void saveLayout(QSettings &settings) const;

signals:
    /// A "stored as message N" line of the log was double-clicked.
    void messageActivated(qint64 id);

protected:
    void changeEvent(QEvent *event) override;

private:
    void selectedSessionChanged();

    SessionLogModel *m_log = nullptr;
    QSortFilterProxyModel *m_sessionsProxy = nullptr;
    QSortFilterProxyModel *m_logProxy = nullptr;
    QTableView *m_sessionsView = nullptr;
    SessionLogView *m_logView = nullptr;
    QLabel *m_logNote = nullptr;
    QToolButton *m_allSessionsButton = nullptr;
    bool m_sessionsAtEnd = true;
};
