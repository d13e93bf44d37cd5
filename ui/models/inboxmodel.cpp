// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "inboxmodel.h"

#include "loader/storeloader.h"
#include "models/inboxrowdiff.h"
#include "models/inboxsummaries.h"
#include "store/searchquery.h"

#include <algorithm>
#include <utility>

InboxModel::InboxModel(StoreLoader *loader, QObject *parent)
    : QAbstractTableModel(parent)
    , m_loader(loader)
    , m_summaries(new InboxSummaries(loader, this))
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &InboxModel::sendRequest);
    connect(m_loader, &StoreLoader::idsListed, this, &InboxModel::listReceived);
    connect(m_summaries, &InboxSummaries::pageLoaded, this, &InboxModel::pageLoaded);
}

InboxModel::~InboxModel() = default;

int InboxModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int InboxModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InboxModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qint64 id = m_ids.at(index.row());
    if (role == MessageIdRole)
        return id;
    const StoredMessage *loaded = m_summaries->find(id);
    if (!loaded) {
        // An empty row for now; its page is on the way, and dataChanged follows.
        m_summaries->requestPage(m_ids, index.row(), m_version);
        return role == LoadedRole ? QVariant(false) : QVariant();
    }
    switch (role) {
    case UnreadRole:
        return !loaded->read;
    case TlsRole:
        return loaded->tls;
    case AuthUserRole:
        return loaded->authUser;
    case SessionIdRole:
        return loaded->sessionId;
    case LoadedRole:
        return true;
    default:
        return m_format.data(*loaded, index.column(), role);
    }
}

QVariant InboxModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return orientation == Qt::Horizontal ? m_format.headerData(section, role) : QVariant();
}

void InboxModel::sort(int column, Qt::SortOrder order)
{
    // -1 is the header giving up its sort indicator: back to the default order.
    if (column < 0 || column >= ColumnCount) {
        column = ReceivedColumn;
        order = Qt::DescendingOrder;
    }
    m_sortColumn = column;
    m_sortOrder = order;
    sendRequest();
}

void InboxModel::reload()
{
    ++m_generation;
    m_active = true;
    m_inFlight = 0;
    m_needsReset = true;
    m_dirty = false;
    m_fetch.clear();
    m_arrivals.clear();
    m_locallyRemoved.clear();
    // Another store may reuse ids.
    m_summaries->reset(true);
    sendRequest();
}

void InboxModel::clear()
{
    ++m_generation;
    m_active = false;
    m_inFlight = 0;
    m_dirty = false;
    m_flushTimer.stop();
    m_fetch.clear();
    m_arrivals.clear();
    m_summaries->reset(false);
    if (!m_ids.isEmpty()) {
        beginResetModel();
        m_ids.clear();
        ++m_version;
        endResetModel();
    }
    setCounts(0, 0);
}

bool InboxModel::setQuery(const QString &query)
{
    const QString text = query.trimmed();
    // Parsing is pure and takes microseconds; only running the query needs the store.
    const Result<SearchQuery> parsed = SearchQuery::parse(text);
    const QString error = parsed ? QString() : parsed.error().message;
    m_queryErrorFromStore = false;
    if (error != m_queryError) {
        m_queryError = error;
        emit queryErrorChanged(m_queryError);
    }
    if (!error.isEmpty())
        return false;
    m_query = text;
    sendRequest();
    return true;
}

void InboxModel::noteArrivals(const QList<qint64> &ids)
{
    m_fetch.append(ids);
    for (const qint64 id : ids)
        m_arrivals.insert(id);
    scheduleRequest();
}

void InboxModel::noteChanged(const QList<qint64> &ids)
{
    m_fetch.append(ids);
    scheduleRequest();
}

void InboxModel::flush()
{
    m_flushTimer.stop();
    sendRequest();
}

void InboxModel::scheduleRequest()
{
    m_dirty = true;
    if (!m_flushTimer.isActive() && m_inFlight == 0)
        m_flushTimer.start();
}

void InboxModel::sendRequest()
{
    if (!m_active || m_inFlight != 0)
        return;
    const bool newQuery = m_needsReset || m_query != m_appliedQuery;
    const bool newOrder = m_sortColumn != m_appliedColumn || m_sortOrder != m_appliedOrder;
    if (!newQuery && !newOrder && !m_dirty)
        return;
    m_flushTimer.stop();
    InboxListRequest request;
    request.generation = m_generation;
    request.serial = ++m_serial;
    request.query = m_query;
    switch (m_sortColumn) {
    case FromColumn:
        request.field = StoreReader::SortField::From;
        break;
    case ToColumn:
        request.field = StoreReader::SortField::To;
        break;
    case SubjectColumn:
        request.field = StoreReader::SortField::Subject;
        break;
    case SizeColumn:
        request.field = StoreReader::SortField::Size;
        break;
    case AttachmentColumn:
        request.field = StoreReader::SortField::Attachments;
        break;
    case SecurityColumn:
        request.field = StoreReader::SortField::Security;
        break;
    case ChecksColumn:
        request.field = StoreReader::SortField::Findings;
        break;
    default:
        request.field = StoreReader::SortField::Received;
        break;
    }
    request.order = m_sortOrder;
    request.current = m_ids; // shared, not copied
    request.fetch = std::exchange(m_fetch, {});
    m_inFlight = request.serial;
    m_inFlightKind = newQuery   ? RequestKind::Reset
                     : newOrder ? RequestKind::Resort
                                : RequestKind::Refresh;
    m_inFlightQuery = m_query;
    m_inFlightColumn = m_sortColumn;
    m_inFlightOrder = m_sortOrder;
    m_inFlightVersion = m_version;
    m_inFlightArrivals = std::exchange(m_arrivals, {});
    m_dirty = false;
    QMetaObject::invokeMethod(m_loader, [loader = m_loader, request] { loader->listIds(request); });
}

void InboxModel::listReceived(const InboxListResult &result)
{
    if (result.generation != m_generation || result.serial != m_inFlight)
        return;
    m_inFlight = 0;
    const RequestKind kind = m_inFlightKind;
    m_appliedQuery = m_inFlightQuery;
    m_appliedColumn = m_inFlightColumn;
    m_appliedOrder = m_inFlightOrder;
    if (!result.error.isEmpty()) {
        // The store cannot run it (a damaged index, an unreadable file): keep the rows and say
        // why. No retry from here, or a broken store would keep the loader spinning; the next
        // change or query asks again.
        m_needsReset = false;
        m_queryError = result.error;
        m_queryErrorFromStore = true;
        emit queryErrorChanged(m_queryError);
        return;
    }
    m_needsReset = false;
    if (m_queryErrorFromStore) {
        m_queryErrorFromStore = false;
        m_queryError.clear();
        emit queryErrorChanged(m_queryError);
    }

    // Summaries first, so rows inserted below paint at once instead of blank.
    QSet<qint64> fetched; // summaries of rows that may be on screen already
    const QSet<qint64> added(result.added.cbegin(), result.added.cend());
    QList<StoredMessage> arrived;
    for (const StoredMessage &message : result.fetched) {
        if (!added.contains(message.id))
            fetched.insert(message.id);
        m_summaries->insert(message);
        if (m_inFlightArrivals.contains(message.id))
            arrived.append(message);
    }
    m_inFlightArrivals.clear();

    switch (kind) {
    case RequestKind::Reset:
        resetTo(result.ids);
        break;
    case RequestKind::Resort:
        // Same rows in a new order keep the selection through a layout change; rows that also
        // came or went meanwhile make it a reset.
        if (result.added.isEmpty() && result.removed.isEmpty() && m_version == m_inFlightVersion)
            relayout(result.ids);
        else
            resetTo(result.ids);
        break;
    case RequestKind::Refresh:
        if (!merge(result))
            resetTo(result.ids);
        break;
    }
    if (!fetched.isEmpty())
        emitChangedRows(fetched);
    setCounts(result.total, int(result.unread));
    if (!arrived.isEmpty())
        emit messagesArrived(arrived);
    if (kind != RequestKind::Refresh)
        emit listed(rowCount());

    // A new query or order goes at once; mere changes wait for the next tick, so a flood
    // costs one request (and one insert) per tick.
    if (m_query != m_appliedQuery || m_sortColumn != m_appliedColumn
        || m_sortOrder != m_appliedOrder)
        sendRequest();
    else if (m_dirty && !m_flushTimer.isActive())
        m_flushTimer.start();
}

QList<qint64> InboxModel::withoutLocallyRemoved(const QList<qint64> &ids) const
{
    if (m_locallyRemoved.isEmpty())
        return ids;
    QList<qint64> kept;
    kept.reserve(ids.size());
    for (const qint64 id : ids) {
        if (!m_locallyRemoved.contains(id))
            kept.append(id);
    }
    return kept;
}

void InboxModel::resetTo(const QList<qint64> &ids)
{
    beginResetModel();
    m_ids = withoutLocallyRemoved(ids);
    ++m_version;
    endResetModel();
}

void InboxModel::relayout(const QList<qint64> &ids)
{
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    // Persistent indexes (selection, current row) follow their message: one pass over the new
    // order finds them all.
    const QModelIndexList from = persistentIndexList();
    QList<qint64> fromIds;
    fromIds.reserve(from.size());
    QHash<qint64, int> newRow;
    newRow.reserve(from.size());
    for (const QModelIndex &index : from) {
        fromIds.append(m_ids.at(index.row()));
        newRow.insert(fromIds.constLast(), -1);
    }
    m_ids = withoutLocallyRemoved(ids);
    ++m_version;
    for (int row = 0; row < m_ids.size() && !newRow.isEmpty(); ++row) {
        if (const auto it = newRow.find(m_ids.at(row)); it != newRow.end())
            *it = row;
    }
    QModelIndexList to;
    to.reserve(from.size());
    for (qsizetype i = 0; i < from.size(); ++i) {
        const int row = newRow.value(fromIds.at(i), -1);
        to.append(row < 0 ? QModelIndex() : createIndex(row, from.at(i).column()));
    }
    changePersistentIndexList(from, to);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

bool InboxModel::merge(const InboxListResult &result)
{
    const std::optional<QList<InboxRowDiff::Run>> runs = InboxRowDiff::compute(
        m_ids, result.ids, QSet<qint64>(result.added.cbegin(), result.added.cend()),
        QSet<qint64>(result.removed.cbegin(), result.removed.cend()), m_locallyRemoved,
        m_keepListed, kMaxIncrementalRuns);
    if (!runs)
        return false;
    for (const InboxRowDiff::Run &run : *runs) {
        if (run.removeCount > 0) {
            beginRemoveRows({}, run.position, run.position + run.removeCount - 1);
            m_ids.remove(run.position, run.removeCount);
            ++m_version;
            endRemoveRows();
        } else {
            const int count = int(run.insert.size());
            beginInsertRows({}, run.position, run.position + count - 1);
            m_ids.insert(run.position, count, 0);
            std::copy(run.insert.cbegin(), run.insert.cend(), m_ids.begin() + run.position);
            ++m_version;
            endInsertRows();
        }
    }
    return true;
}

void InboxModel::pageLoaded(quint64 version, int firstRow, const QSet<qint64> &loaded)
{
    if (version == m_version) {
        // The rows have not moved since the request: no need to look for them.
        int first = int(m_ids.size());
        int last = -1;
        for (int row = firstRow; row < std::min(int(m_ids.size()), firstRow + kPageSize); ++row) {
            if (loaded.contains(m_ids.at(row))) {
                first = std::min(first, row);
                last = std::max(last, row);
            }
        }
        if (last >= 0)
            emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
        return;
    }
    emitChangedRows(loaded);
}

void InboxModel::emitChangedRows(const QSet<qint64> &ids)
{
    // One ranged signal over the rows of these messages, not one per row; views repaint only what
    // they show of it.
    if (ids.isEmpty())
        return;
    int first = int(m_ids.size());
    int last = -1;
    qsizetype found = 0;
    for (int row = 0; row < m_ids.size() && found < ids.size(); ++row) {
        if (ids.contains(m_ids.at(row))) {
            first = std::min(first, row);
            last = std::max(last, row);
            ++found;
        }
    }
    if (last >= 0)
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void InboxModel::removeMessages(const QList<qint64> &ids)
{
    for (const qint64 id : ids)
        m_locallyRemoved.insert(id);
    removeRowsOf(QSet<qint64>(ids.cbegin(), ids.cend()));
}

void InboxModel::storeRemoved(const QList<qint64> &ids)
{
    for (const qint64 id : ids) {
        m_locallyRemoved.remove(id);
        m_summaries->remove(id);
    }
    removeRowsOf(QSet<qint64>(ids.cbegin(), ids.cend()));
    // The counts come from the store; an answer already on its way may also have been read
    // before the removal committed.
    scheduleRequest();
}

void InboxModel::removeRowsOf(const QSet<qint64> &gone)
{
    if (gone.isEmpty())
        return;
    // From the bottom up, one removal per contiguous run, so the rows above keep their numbers.
    int unread = 0;
    int row = int(m_ids.size()) - 1;
    while (row >= 0) {
        if (!gone.contains(m_ids.at(row))) {
            --row;
            continue;
        }
        const int last = row;
        while (row > 0 && gone.contains(m_ids.at(row - 1)))
            --row;
        beginRemoveRows({}, row, last);
        for (int r = row; r <= last; ++r) {
            if (const StoredMessage *m = m_summaries->find(m_ids.at(r)); m && !m->read)
                ++unread;
        }
        m_ids.remove(row, last - row + 1);
        ++m_version;
        endRemoveRows();
        --row;
    }
    if (unread > 0)
        setCounts(m_total, std::max(0, m_unread - unread));
}

void InboxModel::setRead(const QList<qint64> &ids, bool read)
{
    QSet<qint64> changed;
    int delta = 0;
    for (const qint64 id : ids) {
        StoredMessage *message = m_summaries->find(id);
        if (!message || message->read == read)
            continue;
        message->read = read;
        delta += read ? -1 : 1;
        changed.insert(id);
    }
    emitChangedRows(changed);
    // The store's count follows with the next answer; until then, count what we know.
    setCounts(m_total, std::max(0, m_unread + delta));
}

void InboxModel::setCounts(qint64 total, int unread)
{
    const bool totalChanged = total != m_total;
    const bool unreadChanged = unread != m_unread;
    m_total = total;
    m_unread = unread;
    if (unreadChanged)
        emit unreadCountChanged(m_unread);
    if (totalChanged || unreadChanged)
        emit countsChanged();
}

int InboxModel::rowOf(qint64 id) const
{
    return int(m_ids.indexOf(id));
}

qint64 InboxModel::idAt(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : 0;
}

const StoredMessage *InboxModel::messageAt(int row) const
{
    return row >= 0 && row < m_ids.size() ? std::as_const(*m_summaries).find(m_ids.at(row))
                                          : nullptr;
}
