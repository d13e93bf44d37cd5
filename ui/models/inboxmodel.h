// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "models/inboxrowformat.h"
#include "models/inboxsummaries.h"
#include "store/storedmessage.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <QTimer>

class StoreLoader;
struct InboxListResult;

/// The inbox as a window over the store: one row per message matching the current query, in
/// the current sort order, both applied by SQLite in the StoreLoader's thread. The model holds
/// the ordered ids of all matching messages (8 bytes a row) and the summaries of recently
/// shown rows only, in an LRU cache of kCacheCapacity; data() for a row whose summary is not
/// there returns an empty row and asks the loader for that row's page. So memory does not grow
/// with the store.
///
/// Changes arrive as notes (noteArrivals(), noteChanged()); a short timer turns everything
/// noted into one request, whose answer is merged into the rows as ranged inserts and removals
/// (arrivals in the default order are one insert at the top), so a flood costs one insert per
/// tick and never a reset. A new query resets the rows; a new sort order is a layout change that
/// keeps the selection. At most one list request is in flight; what is noted meanwhile goes
/// with the next one. Lives in the GUI thread and never touches the disk.
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
        ChecksColumn, ///< a mark for messages with findings (warnings or errors)
        ColumnCount
    };
    enum Role {
        MessageIdRole = Qt::UserRole, ///< qint64 store id, known for every row
        UnreadRole,                   ///< bool; invalid while the row is not loaded
        TlsRole,                      ///< bool: arrived over TLS
        AuthUserRole,                 ///< QString, empty when not authenticated
        SessionIdRole,                ///< quint64: the session that delivered it
        LoadedRole,                   ///< bool: the row's summary is in memory
    };

    /// How long changes are collected before one request (design.md: tens of milliseconds).
    static constexpr int kFlushIntervalMs = 50;
    /// Rows asked for together when data() meets a row that is not loaded.
    static constexpr int kPageSize = InboxSummaries::kPageSize;
    /// Summaries kept in memory at most (InboxSummaries).
    static constexpr int kCacheCapacity = InboxSummaries::kCapacity;
    /// A change that needs more separate inserts and removals than this resets the rows instead
    /// (each one moves the id list; views handle one reset better than thousands of ranges).
    static constexpr int kMaxIncrementalRuns = 64;

    /// `loader` lives in another thread; the model only talks to it through queued calls.
    explicit InboxModel(StoreLoader *loader, QObject *parent = nullptr);
    ~InboxModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    /// Asks the store for the new order; the rows move when it answers (layoutChanged).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    /// Reads the list from the store again (a store was opened, or "delete all" is done).
    void reload();
    /// Forgets every row and stays empty until reload() ("delete all" is in progress).
    void clear();
    /// Shows only the messages matching `query` (the search language of SearchQuery). An
    /// invalid query changes nothing but queryError(); returns false then.
    bool setQuery(const QString &query);
    QString query() const { return m_query; }
    /// Why the last query given to setQuery() does not parse (or cannot run); empty if it does.
    QString queryError() const { return m_queryError; }
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    /// These messages were just stored: they appear (if they match) after the next tick.
    void noteArrivals(const QList<qint64> &ids);
    /// The flags of these messages changed in the store.
    void noteChanged(const QList<qint64> &ids);
    /// The user deleted these messages: their rows go now, and do not come back while the
    /// store is still removing them.
    void removeMessages(const QList<qint64> &ids);
    /// The store reports these messages gone.
    void storeRemoved(const QList<qint64> &ids);
    /// Sets the read flag of the loaded ones among these messages (the store is told elsewhere),
    /// with one ranged dataChanged.
    void setRead(const QList<qint64> &ids, bool read);
    /// Sends what is noted now instead of after the tick. For tests and selectMessage().
    void flush();
    /// Keeps message `id` listed when a change makes it stop matching the query, so the message
    /// being read does not vanish when reading it takes it out of `is:unread`. Deleting it still
    /// removes it, and so does the next query. 0: none.
    void keepListed(qint64 id) { m_keepListed = id; }

    /// The row of message `id`, or -1. Linear in the number of rows (a fraction of a
    /// millisecond for 100 000).
    int rowOf(qint64 id) const;
    qint64 idAt(int row) const;
    /// The summary of `row` if it is loaded, else nullptr. Valid until the model next loads.
    const StoredMessage *messageAt(int row) const;
    /// Every row's message id, in row order.
    const QList<qint64> &ids() const { return m_ids; }
    int unreadCount() const { return m_unread; }
    /// Messages in the store, whatever the query.
    qint64 totalCount() const { return m_total; }
    /// Summaries in memory now (at most kCacheCapacity).
    qsizetype cachedCount() const { return m_summaries->size(); }
    /// True while a list request is unanswered or changes wait for the next one.
    bool isBusy() const { return m_inFlight != 0 || m_dirty; }

signals:
    void unreadCountChanged(int unread);
    /// The store's message count or unread count changed.
    void countsChanged();
    /// Summaries of messages that arrived (noteArrivals()), once their rows are in.
    void messagesArrived(const QList<StoredMessage> &messages);
    /// The rows for a new store, query or sort order are in.
    void listed(int rows);
    void queryErrorChanged(const QString &error);

private:
    enum class RequestKind { Reset, Resort, Refresh };

    void sendRequest();
    void scheduleRequest();
    void listReceived(const InboxListResult &result);
    void pageLoaded(quint64 version, int firstRow, const QSet<qint64> &loaded);
    void resetTo(const QList<qint64> &ids);
    void relayout(const QList<qint64> &ids);
    bool merge(const InboxListResult &result);
    void removeRowsOf(const QSet<qint64> &gone);
    void emitChangedRows(const QSet<qint64> &ids);
    void setCounts(qint64 total, int unread);
    QList<qint64> withoutLocallyRemoved(const QList<qint64> &ids) const;

    StoreLoader *m_loader = nullptr;
    quint64 m_generation = 0;
    bool m_active = false;

    QList<qint64> m_ids;
    quint64 m_version = 0; ///< counts changes to m_ids, to know whether rows have moved
    InboxSummaries *m_summaries = nullptr; ///< the summaries of rows recently shown

    QString m_query;
    QString m_queryError;
    bool m_queryErrorFromStore = false; ///< cleared by the next answer that works
    int m_sortColumn = ReceivedColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    QString m_appliedQuery;
    int m_appliedColumn = ReceivedColumn;
    Qt::SortOrder m_appliedOrder = Qt::DescendingOrder;
    bool m_needsReset = true;

    quint64 m_serial = 0;
    quint64 m_inFlight = 0; ///< serial of the unanswered list request, 0 for none
    RequestKind m_inFlightKind = RequestKind::Reset;
    QString m_inFlightQuery;
    int m_inFlightColumn = ReceivedColumn;
    Qt::SortOrder m_inFlightOrder = Qt::DescendingOrder;
    quint64 m_inFlightVersion = 0;
    QSet<qint64> m_inFlightArrivals;
    bool m_dirty = false;
    QList<qint64> m_fetch;
    QSet<qint64> m_arrivals;
    QSet<qint64> m_locallyRemoved;
    qint64 m_keepListed = 0;
    QTimer m_flushTimer;

    int m_unread = 0;
    qint64 m_total = 0;
    InboxRowFormat m_format;
};
