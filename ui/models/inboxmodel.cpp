// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "inboxmodel.h"

#include <QLocale>

#include <algorithm>

namespace {

QString recipientsText(const StoredMessage &message)
{
    if (!message.to.isEmpty())
        return message.to;
    QStringList list;
    for (const QByteArray &recipient : message.recipients)
        list.append(QString::fromUtf8(recipient));
    return list.join(QStringLiteral(", "));
}

QString senderText(const StoredMessage &message)
{
    return message.from.isEmpty() ? QString::fromUtf8(message.mailFrom) : message.from;
}

QString receivedText(const QDateTime &time)
{
    const QDateTime local = time.toLocalTime();
    const QLocale locale;
    if (local.date() == QDate::currentDate())
        return locale.toString(local.time(), QLocale::ShortFormat);
    return locale.toString(local, QLocale::ShortFormat);
}

} // namespace

InboxModel::InboxModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_attachmentIcon(QStringLiteral(":/icons/attachment.svg"))
    , m_tlsIcon(QStringLiteral(":/icons/lock.svg"))
{
    m_boldFont.setBold(true);
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &InboxModel::flush);
}

InboxModel::~InboxModel() = default;

int InboxModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int InboxModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InboxModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StoredMessage &m = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case ReceivedColumn:
            return receivedText(m.received);
        case FromColumn:
            return senderText(m);
        case ToColumn:
            return recipientsText(m);
        case SubjectColumn:
            return m.subject.isEmpty() ? tr("(no subject)") : m.subject;
        case SizeColumn:
            return QLocale().formattedDataSize(m.size);
        case SecurityColumn:
            return m.authUser;
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (column == AttachmentColumn && m.hasAttachments)
            return m_attachmentIcon;
        if (column == SecurityColumn && m.tls)
            return m_tlsIcon;
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case ReceivedColumn:
            return QLocale().toString(m.received.toLocalTime(), QLocale::LongFormat);
        case FromColumn:
            return tr("From: %1\nMAIL FROM: <%2>")
                .arg(senderText(m), QString::fromUtf8(m.mailFrom));
        case ToColumn: {
            QStringList envelope;
            for (const QByteArray &recipient : m.recipients)
                envelope.append(QString::fromUtf8(recipient));
            return tr("To: %1\nRCPT TO: %2").arg(m.to, envelope.join(QStringLiteral(", ")));
        }
        case SizeColumn:
            return tr("%1 bytes").arg(m.size);
        case AttachmentColumn:
            return m.hasAttachments ? tr("Has attachments") : QVariant();
        case SecurityColumn: {
            QStringList facts;
            facts.append(m.tls ? tr("Received over TLS") : tr("Received in plain text"));
            if (!m.authUser.isEmpty())
                facts.append(tr("authenticated as %1").arg(m.authUser));
            return facts.join(QStringLiteral(", "));
        }
        default:
            return {};
        }
    case Qt::FontRole:
        return m.read ? QVariant() : QVariant(m_boldFont);
    case Qt::TextAlignmentRole:
        if (column == SizeColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case MessageIdRole:
        return m.id;
    case SortRole:
        switch (column) {
        case ReceivedColumn:
            // Ties (same millisecond) keep arrival order through the id.
            return m.received.toMSecsSinceEpoch() * 1000 + (m.id % 1000);
        case FromColumn:
            return senderText(m).toCaseFolded();
        case ToColumn:
            return recipientsText(m).toCaseFolded();
        case SubjectColumn:
            return m.subject.toCaseFolded();
        case SizeColumn:
            return m.size;
        case AttachmentColumn:
            return m.hasAttachments;
        case SecurityColumn:
            return int(m.tls) * 2 + int(!m.authUser.isEmpty());
        default:
            return {};
        }
    case UnreadRole:
        return !m.read;
    case TlsRole:
        return m.tls;
    case AuthUserRole:
        return m.authUser;
    case SessionIdRole:
        return m.sessionId;
    case SearchTextRole: {
        QString text = senderText(m) + u'\n' + recipientsText(m) + u'\n' + m.subject + u'\n'
                       + QString::fromUtf8(m.mailFrom);
        for (const QByteArray &recipient : m.recipients)
            text += u'\n' + QString::fromUtf8(recipient);
        return text;
    }
    default:
        return {};
    }
}

QVariant InboxModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case ReceivedColumn:
            return tr("Received");
        case FromColumn:
            return tr("From");
        case ToColumn:
            return tr("To");
        case SubjectColumn:
            return tr("Subject");
        case SizeColumn:
            return tr("Size");
        case AttachmentColumn:
            return {};
        case SecurityColumn:
            return tr("TLS / Auth");
        default:
            return {};
        }
    }
    if (role == Qt::DecorationRole && section == AttachmentColumn)
        return m_attachmentIcon;
    if (role == Qt::ToolTipRole && section == AttachmentColumn)
        return tr("Attachments");
    return {};
}

void InboxModel::enqueue(const QList<StoredMessage> &messages)
{
    int firstChanged = int(m_rows.size());
    int lastChanged = -1;
    for (const StoredMessage &message : messages) {
        if (const auto row = m_rowOf.constFind(message.id); row != m_rowOf.cend()) {
            StoredMessage &existing = m_rows[*row];
            if (existing.read != message.read)
                adjustUnread(message.read ? -1 : 1);
            existing = message;
            firstChanged = std::min(firstChanged, *row);
            lastChanged = std::max(lastChanged, *row);
        } else if (const auto pending = m_pendingOf.constFind(message.id);
                   pending != m_pendingOf.cend()) {
            m_pending[*pending] = message;
        } else {
            m_pendingOf.insert(message.id, m_pending.size());
            m_pending.append(message);
        }
    }
    if (lastChanged >= 0)
        emit dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));
    if (!m_pending.isEmpty() && !m_flushTimer.isActive())
        m_flushTimer.start();
}

void InboxModel::flush()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    const int first = int(m_rows.size());
    const int count = int(m_pending.size());
    int unread = 0;
    beginInsertRows({}, first, first + count - 1);
    m_rows.reserve(first + count);
    for (const StoredMessage &message : std::as_const(m_pending)) {
        m_rowOf.insert(message.id, int(m_rows.size()));
        m_rows.append(message);
        unread += message.read ? 0 : 1;
    }
    const QList<StoredMessage> arrived = std::exchange(m_pending, {});
    m_pendingOf.clear();
    endInsertRows();
    adjustUnread(unread);
    emit messagesArrived(arrived);
}

void InboxModel::removeMessages(const QList<qint64> &ids)
{
    QList<int> rows;
    rows.reserve(ids.size());
    bool pendingChanged = false;
    for (const qint64 id : ids) {
        if (const auto row = m_rowOf.constFind(id); row != m_rowOf.cend())
            rows.append(*row);
        else if (m_pendingOf.contains(id))
            pendingChanged = true;
    }
    if (pendingChanged) {
        const QSet<qint64> gone(ids.cbegin(), ids.cend());
        m_pending.removeIf([&gone](const StoredMessage &m) { return gone.contains(m.id); });
        m_pendingOf.clear();
        for (qsizetype i = 0; i < m_pending.size(); ++i)
            m_pendingOf.insert(m_pending.at(i).id, i);
    }
    if (rows.isEmpty())
        return;
    // From the bottom up, one removal per contiguous run, so the rows above keep their numbers.
    std::sort(rows.begin(), rows.end(), std::greater<>());
    int unread = 0;
    qsizetype i = 0;
    while (i < rows.size()) {
        const int last = rows.at(i);
        int first = last;
        while (i + 1 < rows.size() && rows.at(i + 1) == first - 1) {
            ++i;
            --first;
        }
        ++i;
        beginRemoveRows({}, first, last);
        for (int row = first; row <= last; ++row)
            unread += m_rows.at(row).read ? 0 : 1;
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
    }
    rebuildIndex();
    adjustUnread(-unread);
}

void InboxModel::clear()
{
    m_flushTimer.stop();
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    m_pending.clear();
    m_pendingOf.clear();
    endResetModel();
    adjustUnread(-m_unread);
}

void InboxModel::setRead(const QList<qint64> &ids, bool read)
{
    int first = int(m_rows.size());
    int last = -1;
    int delta = 0;
    for (const qint64 id : ids) {
        if (const auto row = m_rowOf.constFind(id); row != m_rowOf.cend()) {
            StoredMessage &message = m_rows[*row];
            if (message.read == read)
                continue;
            message.read = read;
            delta += read ? -1 : 1;
            first = std::min(first, *row);
            last = std::max(last, *row);
        } else if (const auto pending = m_pendingOf.constFind(id); pending != m_pendingOf.cend()) {
            m_pending[*pending].read = read;
        }
    }
    if (last >= 0)
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1), {Qt::FontRole, UnreadRole});
    adjustUnread(delta);
}

int InboxModel::rowOf(qint64 id) const
{
    return m_rowOf.value(id, -1);
}

const StoredMessage *InboxModel::messageAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

void InboxModel::rebuildIndex()
{
    m_rowOf.clear();
    m_rowOf.reserve(m_rows.size());
    for (int row = 0; row < m_rows.size(); ++row)
        m_rowOf.insert(m_rows.at(row).id, row);
}

void InboxModel::adjustUnread(int delta)
{
    if (delta == 0)
        return;
    m_unread += delta;
    emit unreadCountChanged(m_unread);
}
