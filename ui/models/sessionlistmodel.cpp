// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "sessionlistmodel.h"

#include "localetime.h"
#include "themeicon.h"

#include <QLocale>

SessionListModel::SessionListModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_tlsIcon(ThemeIcon::icon(ThemeIcon::Name::Lock))
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &SessionListModel::flush);
}

SessionListModel::~SessionListModel() = default;

int SessionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SessionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SessionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    const SessionInfo &s = r.info;
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case SessionColumn:
            return QString(u'#' + QString::number(s.sessionId));
        case RemoteColumn:
            return s.remotePort ? s.remoteAddress + u':' + QString::number(s.remotePort)
                                : s.remoteAddress;
        case StartedColumn: {
            // Sessions from the store may be from another day.
            const QDateTime local = s.started.toLocalTime();
            const LocaleTime format;
            return local.date() == QDate::currentDate() ? format.time(local.time())
                                                        : format.dateTime(local);
        }
        case DurationColumn: {
            if (!r.ended)
                return tr("open");
            if (!s.ended.isValid())
                return tr("unknown"); // a stored session whose run stopped before it ended
            const qint64 ms = s.started.msecsTo(s.ended);
            return ms < 1000 ? tr("%1 ms").arg(ms)
                             : tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
        }
        case TlsColumn:
            if (!s.tls)
                return s.implicitTls ? tr("handshake") : QString();
            return s.tlsProtocol.isEmpty() ? tr("TLS") : s.tlsProtocol;
        case AuthColumn:
            if (r.authAttempts == 0)
                return {};
            if (r.authSucceeded)
                return tr("%1 ✓").arg(s.authUser);
            return tr("failed ✗");
        case MessagesColumn:
            return r.messages;
        case EndColumn:
            return r.ended ? s.endReason : QString();
        default:
            return {};
        }
    case Qt::DecorationRole:
        return column == TlsColumn && s.tls ? m_tlsIcon : QVariant();
    case Qt::ToolTipRole:
        if (column == TlsColumn && s.tls)
            return tr("%1 %2%3").arg(s.tlsProtocol, s.tlsCipher,
                                     s.implicitTls ? tr(" (implicit TLS)") : tr(" (STARTTLS)"));
        if (column == AuthColumn && !r.authFailure.isEmpty())
            return tr("%n attempt(s); last failure: %1", nullptr, r.authAttempts)
                .arg(r.authFailure);
        if (column == RemoteColumn && !s.heloName.isEmpty())
            return tr("HELO/EHLO %1").arg(s.heloName);
        return {};
    case Qt::TextAlignmentRole:
        return column == MessagesColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case SessionIdRole:
        return s.sessionId;
    case RunningRole:
        return !r.ended;
    case StoredRole:
        return r.stored;
    case SortRole:
        switch (column) {
        case SessionColumn:
        case StartedColumn:
            return s.sessionId;
        case DurationColumn:
            return r.ended ? s.started.msecsTo(s.ended) : std::numeric_limits<qint64>::max();
        case MessagesColumn:
            return r.messages;
        default:
            return data(index, Qt::DisplayRole);
        }
    default:
        return {};
    }
}

QVariant SessionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SessionColumn:
        return tr("Session");
    case RemoteColumn:
        return tr("Remote");
    case StartedColumn:
        return tr("Started");
    case DurationColumn:
        return tr("Duration");
    case TlsColumn:
        return tr("TLS");
    case AuthColumn:
        return tr("Auth");
    case MessagesColumn:
        return tr("Msgs");
    case EndColumn:
        return tr("Ended");
    default:
        return {};
    }
}

void SessionListModel::setCapacity(int capacity)
{
    m_capacity = std::max(1, capacity);
    schedule();
}

SessionListModel::Row *SessionListModel::find(quint64 sessionId, int *row)
{
    *row = -1;
    const auto it = m_sequenceOf.constFind(sessionId);
    if (it == m_sequenceOf.cend())
        return nullptr;
    const qint64 position = *it - m_removed;
    if (position < 0)
        return nullptr;
    if (position < m_rows.size()) {
        *row = int(position);
        return &m_rows[position];
    }
    const qint64 pending = position - m_rows.size();
    return pending < m_pending.size() ? &m_pending[pending] : nullptr;
}

void SessionListModel::touch(int row)
{
    if (row < 0)
        return;
    m_dirtyFirst = m_dirtyFirst < 0 ? row : std::min(m_dirtyFirst, row);
    m_dirtyLast = std::max(m_dirtyLast, row);
    schedule();
}

void SessionListModel::schedule()
{
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void SessionListModel::sessionStarted(const SessionInfo &session)
{
    if (m_sequenceOf.contains(session.sessionId))
        return;
    m_sequenceOf.insert(session.sessionId, m_removed + m_rows.size() + m_pending.size());
    Row row;
    row.info = session;
    m_pending.append(row);
    ++m_open;
    schedule();
}

void SessionListModel::addStoredSessions(const QList<SessionInfo> &sessions)
{
    for (const SessionInfo &session : sessions) {
        if (m_sequenceOf.contains(session.sessionId))
            continue;
        m_sequenceOf.insert(session.sessionId, m_removed + m_rows.size() + m_pending.size());
        Row row;
        row.info = session;
        // A session of an earlier run is over, even when that run ended before it could say.
        row.ended = true;
        row.stored = true;
        row.messages = session.messages;
        row.authAttempts = session.authUser.isEmpty() ? 0 : 1;
        row.authSucceeded = !session.authUser.isEmpty();
        m_pending.append(row);
    }
    schedule();
}

void SessionListModel::sessionEnded(const SessionInfo &session)
{
    int row = -1;
    Row *r = find(session.sessionId, &row);
    if (!r || r->ended)
        return; // dropped by the capacity, or reported twice
    r->info = session;
    r->ended = true;
    --m_open;
    touch(row);
}

void SessionListModel::authAttempted(const AuthAttempt &attempt)
{
    int row = -1;
    Row *r = find(attempt.sessionId, &row);
    if (!r)
        return;
    ++r->authAttempts;
    if (attempt.success) {
        r->authSucceeded = true;
        r->info.authUser = attempt.user;
    } else {
        r->authFailure = attempt.user.isEmpty()
                             ? attempt.reason
                             : attempt.user + QStringLiteral(": ") + attempt.reason;
    }
    touch(row);
}

void SessionListModel::messageReceived(const ReceivedMessage &message)
{
    int row = -1;
    Row *r = find(message.sessionId, &row);
    if (!r)
        return;
    ++r->messages;
    r->info.tls = r->info.tls || message.tls;
    touch(row);
}

void SessionListModel::clear()
{
    m_flushTimer.stop();
    beginResetModel();
    m_rows.clear();
    m_pending.clear();
    m_sequenceOf.clear();
    m_removed = 0;
    m_dirtyFirst = m_dirtyLast = -1;
    m_open = 0;
    endResetModel();
}

void SessionListModel::flush()
{
    m_flushTimer.stop();
    if (m_dirtyLast >= 0) {
        emit dataChanged(index(m_dirtyFirst, 0), index(m_dirtyLast, ColumnCount - 1));
        m_dirtyFirst = m_dirtyLast = -1;
    }
    // A burst bigger than the whole list only needs its newest sessions.
    if (m_pending.size() > m_capacity) {
        const qsizetype skip = m_pending.size() - m_capacity;
        for (qsizetype i = 0; i < skip; ++i)
            m_sequenceOf.remove(m_pending.at(i).info.sessionId);
        m_pending.remove(0, skip);
        // The skipped sessions occupied sequence numbers: count them as removed rows.
        const qint64 firstKept = m_removed + m_rows.size() + skip;
        QList<Row> kept = std::move(m_pending);
        m_pending = {};
        // Removing every current row keeps the arithmetic simple in this rare case.
        if (!m_rows.isEmpty()) {
            beginRemoveRows({}, 0, int(m_rows.size()) - 1);
            for (const Row &row : std::as_const(m_rows))
                m_sequenceOf.remove(row.info.sessionId);
            m_rows.clear();
            endRemoveRows();
        }
        m_removed = firstKept;
        m_pending = std::move(kept);
    }
    const int overflow = int(m_rows.size() + m_pending.size()) - m_capacity;
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        for (int i = 0; i < overflow; ++i)
            m_sequenceOf.remove(m_rows.at(i).info.sessionId);
        m_rows.remove(0, overflow);
        m_removed += overflow;
        endRemoveRows();
    }
    if (m_pending.isEmpty())
        return;
    const int first = int(m_rows.size());
    const int count = int(m_pending.size());
    beginInsertRows({}, first, first + count - 1);
    m_rows.append(std::move(m_pending));
    m_pending = {};
    endInsertRows();
}

int SessionListModel::rowOf(quint64 sessionId) const
{
    const auto it = m_sequenceOf.constFind(sessionId);
    if (it == m_sequenceOf.cend())
        return -1;
    const qint64 position = *it - m_removed;
    return position >= 0 && position < m_rows.size() ? int(position) : -1;
}
