// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "events/events.h"

#include <QSplitter>

class QLabel;
class QSettings;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QToolButton;
class SessionListModel;
class SessionLogModel;
class SessionLogView;
class StoreLoader;

/// The Sessions tab: the SMTP sessions over the live protocol log. Selecting a session narrows
/// the log to it (a proxy over the one log model, not a model per session); new
/// sessions scroll into view only while the user is at the end of the list; a note says when
/// the live log has dropped its oldest lines. Sessions of earlier runs come from the store
/// (the newest kStoredSessions); their traces are read from the store, off the GUI thread,
/// when one is selected.
class SessionsPage final : public QSplitter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionsPage)

public:
    /// Sessions of earlier runs listed at most; their traces stay in the store until selected.
    static constexpr int kStoredSessions = 500;

    SessionsPage(SessionListModel *sessions, SessionLogModel *log, QWidget *parent = nullptr);
    ~SessionsPage() override;

    /// The loader (in its own thread) that reads stored sessions and traces.
    void setLoader(StoreLoader *loader);
    /// Lists the newest sessions of the store in `directory` (the loader must be open on it).
    /// Another store than before replaces the list.
    void loadStoredSessions(const QString &directory);

    void restoreLayout(const QSettings &settings);
    void saveLayout(QSettings &settings) const;

signals:
    /// A "stored as message N" line of the log was double-clicked.
    void messageActivated(qint64 id);

protected:
    void changeEvent(QEvent *event) override;

private:
    void selectedSessionChanged();
    void storedTraceLoaded(quint64 sessionId, const QList<ProtocolLine> &lines);

    SessionListModel *m_sessions = nullptr;
    SessionLogModel *m_log = nullptr;
    SessionLogModel *m_storedLog = nullptr; ///< the trace of one stored session
    StoreLoader *m_loader = nullptr;
    QString m_directory;
    quint64 m_storedShown = 0; ///< the stored session whose trace is asked for or shown
    QSortFilterProxyModel *m_sessionsProxy = nullptr;
    QSortFilterProxyModel *m_logProxy = nullptr;
    QTableView *m_sessionsView = nullptr;
    SessionLogView *m_logView = nullptr;
    SessionLogView *m_storedView = nullptr;
    QStackedWidget *m_logStack = nullptr;
    QLabel *m_logNote = nullptr;
    QToolButton *m_allSessionsButton = nullptr;
    bool m_sessionsAtEnd = true;
};
