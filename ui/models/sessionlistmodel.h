// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "events/events.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>
#include <QList>
#include <QTimer>

/// The SMTP sessions seen since start and the newest ones the store kept from earlier runs
/// (addStoredSessions), bounded to capacity() (the oldest are dropped). New sessions are inserted
/// in batches and updates (end, auth, message counts) are coalesced into one dataChanged per tick,
/// so a flood of short connections stays cheap. Lives in the GUI thread.
class SessionListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionListModel)

public:
    enum Column {
        SessionColumn,
        RemoteColumn,
        StartedColumn,
        DurationColumn,
        TlsColumn,
        AuthColumn,
        MessagesColumn,
        EndColumn,
        ColumnCount
    };
    enum Role {
        SessionIdRole = Qt::UserRole, ///< quint64
        SortRole,
        RunningRole, ///< bool: not ended yet
        StoredRole,  ///< bool: from an earlier run; its trace is in the store, not the live log
    };

    static constexpr int kDefaultCapacity = 5000;
    static constexpr int kFlushIntervalMs = 50;

    explicit SessionListModel(QObject *parent = nullptr);
    ~SessionListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setCapacity(int capacity);
    int capacity() const { return m_capacity; }

    void sessionStarted(const SessionInfo &session);
    void sessionEnded(const SessionInfo &session);
    void authAttempted(const AuthAttempt &attempt);
    void messageReceived(const ReceivedMessage &message);
    /// Adds sessions read from the store (ended, from an earlier run), leaving out those already
    /// listed. They come in with the next batch.
    void addStoredSessions(const QList<SessionInfo> &sessions);
    void clear();
    /// Applies what was collected now. Called by the timer; public for tests.
    void flush();

    int rowOf(quint64 sessionId) const;
    int openSessions() const { return m_open; }

private:
    struct Row
    {
        SessionInfo info;
        bool ended = false;
        int authAttempts = 0;
        bool authSucceeded = false;
        QString authFailure;
        int messages = 0;
        bool stored = false;
    };
    Row *find(quint64 sessionId, int *row);
    void touch(int row);
    void schedule();

    QList<Row> m_rows;
    QList<Row> m_pending;
    /// Session id -> sequence number; row = sequence - m_removed (pending rows follow m_rows).
    QHash<quint64, qint64> m_sequenceOf;
    qint64 m_removed = 0;
    int m_dirtyFirst = -1;
    int m_dirtyLast = -1;
    int m_capacity = kDefaultCapacity;
    int m_open = 0;
    QTimer m_flushTimer;
    QIcon m_tlsIcon;
};
