// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "store/storedmessage.h"

#include <QAbstractTableModel>
#include <QFont>
#include <QHash>
#include <QIcon>
#include <QList>
#include <QTimer>

/// The inbox: one row per stored message, in arrival order (sorting and the search box are a
/// QSortFilterProxyModel over SortRole and SearchTextRole). Rows arrive in batches: enqueue()
/// collects, and a short timer inserts everything collected with a single beginInsertRows, so
/// a flood of messages costs one insert per tick, not one per message. Lives in the GUI thread.
class InboxModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InboxModel)

public:
    enum Column {
        ReceivedColumn,
        FromColumn,
        ToColumn,
        SubjectColumn,
        SizeColumn,
        AttachmentColumn,
        SecurityColumn,
        ColumnCount
    };
    enum Role {
        MessageIdRole = Qt::UserRole, ///< qint64 store id
        SortRole,                     ///< raw value for sorting (time, size, lower-case text)
        UnreadRole,                   ///< bool
        TlsRole,                      ///< bool: arrived over TLS
        AuthUserRole,                 ///< QString, empty when not authenticated
        SessionIdRole,                ///< quint64: the session that delivered it
        SearchTextRole,               ///< QString: everything the search box matches
    };

    /// How long arrivals are collected before one insert (design.md: tens of milliseconds).
    static constexpr int kFlushIntervalMs = 50;

    explicit InboxModel(QObject *parent = nullptr);
    ~InboxModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Adds new messages (after the next tick) and updates the ones already known, in place.
    void enqueue(const QList<StoredMessage> &messages);
    /// Inserts what enqueue() collected now. Called by the timer; public for tests.
    void flush();
    /// Removes these messages (contiguous rows go in one removal each).
    void removeMessages(const QList<qint64> &ids);
    /// Forgets every row (store switched, "delete all").
    void clear();
    /// Sets the read flag of these messages, with one dataChanged for the affected range.
    void setRead(const QList<qint64> &ids, bool read);

    /// The row of message `id`, or -1 (also while it is still pending).
    int rowOf(qint64 id) const;
    const StoredMessage *messageAt(int row) const;
    int unreadCount() const { return m_unread; }
    int pendingCount() const { return int(m_pending.size()); }

signals:
    void unreadCountChanged(int unread);
    /// Rows were inserted by flush(): these are the ones that were not known before.
    void messagesArrived(const QList<StoredMessage> &messages);

private:
    void rebuildIndex();
    void adjustUnread(int delta);

    QList<StoredMessage> m_rows;
    QHash<qint64, int> m_rowOf;
    QList<StoredMessage> m_pending;
    QHash<qint64, qsizetype> m_pendingOf;
    QTimer m_flushTimer;
    int m_unread = 0;
    QFont m_boldFont;
    QIcon m_attachmentIcon;
    QIcon m_tlsIcon;
};
