// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "sessionlogmodel.h"

#include "localetime.h"
#include "themeicon.h"

#include <QColor>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QPalette>

namespace {

bool isDarkPalette()
{
    const QPalette palette = QGuiApplication::palette();
    return palette.color(QPalette::Base).lightness() < 128;
}

enum class Marker { None, Tls, Auth, Message, Fault };

/// A client line whose credential the engine masked: "AUTH PLAIN ****" or a SASL response.
bool isMaskedCredential(Direction direction, const QByteArray &bytes)
{
    if (direction != Direction::ClientToServer)
        return false;
    QByteArrayView text(bytes);
    if (text.endsWith('\n'))
        text.chop(text.endsWith("\r\n") ? 2 : 1);
    return text == "****"
           || (text.endsWith(" ****") && text.size() >= 5
               && text.first(5).compare("AUTH ", Qt::CaseInsensitive) == 0);
}

Marker markerFor(Direction direction, const QByteArray &bytes)
{
    const auto startsWith = [&bytes](QByteArrayView prefix) {
        return bytes.size() >= prefix.size()
               && QByteArrayView(bytes).first(prefix.size()).compare(prefix, Qt::CaseInsensitive)
                      == 0;
    };
    if (direction == Direction::ServerToClient)
        return Marker::None;
    if (direction == Direction::Fault)
        return Marker::Fault;
    if (startsWith("STARTTLS") || startsWith("TLS "))
        return Marker::Tls;
    if (startsWith("AUTH") || isMaskedCredential(direction, bytes))
        return Marker::Auth;
    if (direction == Direction::Note && (startsWith("message data") || startsWith("stored as")))
        return Marker::Message;
    return Marker::None;
}

} // namespace

SessionLogModel::SessionLogModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_fixedFont(QFontDatabase::systemFont(QFontDatabase::FixedFont))
    , m_tlsIcon(ThemeIcon::icon(ThemeIcon::Name::Lock))
    , m_authIcon(ThemeIcon::icon(ThemeIcon::Name::Key))
    , m_messageIcon(ThemeIcon::icon(ThemeIcon::Name::MailUnread))
{
    m_markedFont = m_fixedFont;
    m_markedFont.setBold(true);
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &SessionLogModel::flush);
}

SessionLogModel::~SessionLogModel() = default;

int SessionLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int SessionLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QColor SessionLogModel::colorFor(Direction direction)
{
    const bool dark = isDarkPalette();
    switch (direction) {
    case Direction::ClientToServer:
        return dark ? QColor(0x7c, 0xb7, 0xff) : QColor(0x1a, 0x4f, 0xa0);
    case Direction::ServerToClient:
        return dark ? QColor(0x8e, 0xd8, 0x8e) : QColor(0x1e, 0x6b, 0x2a);
    case Direction::Note:
        return dark ? QColor(0xc8, 0xa0, 0xe8) : QColor(0x7a, 0x3e, 0x9d);
    case Direction::Fault:
        return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x1c, 0x1c);
    }
    return {};
}

QColor SessionLogModel::credentialColor()
{
    // Orange, away from the three direction colours, readable on either kind of base.
    return isDarkPalette() ? QColor(0xff, 0xa8, 0x4a) : QColor(0xb3, 0x4d, 0x00);
}

QString SessionLogModel::displayText(const QByteArray &bytes, qsizetype truncatedBytes)
{
    // Every line ends in CRLF, so that says nothing; any other CR or LF (a multi-line reply, a
    // bare LF that could be smuggling) is shown as an escape. Escapes, because the control
    // pictures ␍␊ are missing from most monospace fonts.
    QByteArrayView line(bytes);
    if (truncatedBytes == 0 && line.endsWith("\r\n"))
        line.chop(2);
    QString text = QString::fromUtf8(line.first(std::min(line.size(), kDisplayChars * 4)));
    qsizetype hidden = truncatedBytes;
    if (text.size() > kDisplayChars) {
        hidden += line.size() - text.left(kDisplayChars).toUtf8().size();
        text.truncate(kDisplayChars);
    } else if (line.size() > kDisplayChars * 4) {
        hidden += line.size() - kDisplayChars * 4;
    }
    text.replace(u'\r', QStringLiteral("\\r"));
    text.replace(u'\n', QStringLiteral("\\n"));
    if (hidden > 0)
        text += QStringLiteral(" … + %1 bytes").arg(hidden);
    return text;
}

QVariant SessionLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Line &line = m_lines.at(index.row());
    const int column = index.column();
    const bool revealed = m_showCredentials && !line.revealed.isEmpty();
    const bool marked = m_markFirst >= 0 && index.row() >= m_markFirst && index.row() <= m_markLast;
    const bool dimmed = m_markFirst >= 0 && !marked;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case TimeColumn:
            return LocaleTime().timeWithMilliseconds(line.time.toLocalTime().time());
        case SessionColumn:
            return QString(u'#' + QString::number(line.sessionId));
        case DirectionColumn:
            switch (line.direction) {
            case Direction::ClientToServer:
                return QStringLiteral("C:");
            case Direction::ServerToClient:
                return QStringLiteral("S:");
            case Direction::Note:
                return QStringLiteral("*");
            case Direction::Fault:
                return QStringLiteral("!");
            }
            return {};
        case TextColumn:
            return revealed ? displayText(line.revealed, 0)
                            : displayText(line.bytes, line.truncatedBytes);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (column == DirectionColumn) {
            switch (line.direction) {
            case Direction::ClientToServer:
                return tr("client to server");
            case Direction::ServerToClient:
                return tr("server to client");
            case Direction::Note:
                return tr("note from Letterbox");
            case Direction::Fault:
                return tr("a fault rule fired (Settings › Faults)");
            }
        }
        if (column == TextColumn && line.messageId > 0)
            return tr("Double-click to show message %1").arg(line.messageId);
        if (column == TextColumn && revealed) {
            QString tip = tr("Shown because Show credentials is on.");
            const QString full = QString::fromUtf8(line.revealed);
            // The log cuts long lines; the tooltip is the one place the whole of it shows.
            if (displayText(line.revealed, 0) != full)
                tip += u'\n' + full;
            return tip;
        }
        if (column == TextColumn && !line.revealed.isEmpty())
            return tr("Credentials masked. Turn on Show credentials in the log's context menu "
                      "to see them.");
        if (column == TextColumn && isMaskedCredential(line.direction, line.bytes))
            return tr("Credentials masked. Their clear text was not kept for this line (the "
                      "store never has it), so it cannot be shown.");
        return {};
    case Qt::ForegroundRole: {
        QColor color;
        if (column == TextColumn && revealed)
            color = credentialColor();
        else if (column == DirectionColumn || column == TextColumn)
            color = colorFor(line.direction);
        else if (dimmed)
            color = QGuiApplication::palette().color(QPalette::Text);
        // Like the rows of other streams in Wireshark's Follow Stream: there, but quiet.
        if (dimmed && color.isValid())
            color.setAlphaF(0.45f);
        return color.isValid() ? QVariant(color) : QVariant();
    }
    case Qt::BackgroundRole: {
        if (line.direction == Direction::Fault && !dimmed) {
            // Where the server misbehaved on purpose stands out from the dialogue around it.
            QColor tint = colorFor(Direction::Fault);
            tint.setAlphaF(0.16f);
            return tint;
        }
        if (!marked)
            return {};
        QColor tint = QGuiApplication::palette().color(QPalette::Highlight);
        tint.setAlphaF(0.18f);
        return tint;
    }
    case MarkedRole:
        return marked;
    case Qt::FontRole:
        return markerFor(line.direction, line.bytes) == Marker::None ? m_fixedFont : m_markedFont;
    case Qt::DecorationRole:
        if (column != TextColumn)
            return {};
        switch (markerFor(line.direction, line.bytes)) {
        case Marker::Tls:
            return m_tlsIcon;
        case Marker::Auth:
            return m_authIcon;
        case Marker::Message:
            return m_messageIcon;
        case Marker::Fault:
        case Marker::None:
            return {};
        }
        return {};
    case SessionIdRole:
        return line.sessionId;
    case DirectionRole:
        return int(line.direction);
    case BytesRole:
        return line.bytes;
    case MessageIdRole:
        return line.messageId;
    case TimeRole:
        return line.time;
    case RevealedBytesRole:
        return revealed ? line.revealed : QByteArray();
    default:
        return {};
    }
}

QVariant SessionLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case SessionColumn:
        return tr("Session");
    case DirectionColumn:
        return {};
    case TextColumn:
        return tr("Line");
    default:
        return {};
    }
}

void SessionLogModel::setCapacity(int capacity)
{
    m_capacity = std::max(1, capacity);
    const int overflow = int(m_lines.size()) - m_capacity;
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        m_lines.remove(0, overflow);
        endRemoveRows();
        m_dropped += overflow;
        emit linesDropped(m_dropped);
    }
}

SessionLogModel::Line SessionLogModel::fromProtocolLine(const ProtocolLine &line)
{
    Line kept;
    kept.sessionId = line.sessionId;
    kept.time = line.time;
    kept.direction = line.direction;
    kept.truncatedBytes = line.truncatedBytes;
    if (line.bytes.size() > kKeptBytes) {
        kept.bytes = line.bytes.left(kKeptBytes);
        kept.truncatedBytes += line.bytes.size() - kKeptBytes;
    } else {
        kept.bytes = line.bytes;
    }
    kept.revealed = line.revealedBytes;
    return kept;
}

void SessionLogModel::enqueue(Line line)
{
    // A burst bigger than the whole log only needs its newest lines.
    if (m_pending.size() >= m_capacity) {
        m_pending.removeFirst();
        ++m_dropped;
        ++m_pendingDropped;
    }
    m_pending.append(std::move(line));
    if (!m_paused && !m_flushTimer.isActive())
        m_flushTimer.start();
}

void SessionLogModel::append(const ProtocolLine &line)
{
    enqueue(fromProtocolLine(line));
}

void SessionLogModel::appendNote(quint64 sessionId, const QString &text, qint64 messageId)
{
    Line line;
    line.sessionId = sessionId;
    line.time = QDateTime::currentDateTimeUtc();
    line.direction = Direction::Note;
    line.bytes = text.toUtf8();
    line.messageId = messageId;
    enqueue(std::move(line));
}

void SessionLogModel::setLines(const QList<ProtocolLine> &lines)
{
    m_flushTimer.stop();
    beginResetModel();
    m_pending.clear();
    m_lines.clear();
    m_markFirst = m_markLast = -1;
    const qsizetype first = std::max<qsizetype>(0, lines.size() - m_capacity);
    m_setLinesSkipped = first;
    m_lines.reserve(lines.size() - first);
    for (qsizetype i = first; i < lines.size(); ++i)
        m_lines.append(fromProtocolLine(lines.at(i)));
    endResetModel();
}

int SessionLogModel::setMarkedRange(qsizetype first, qsizetype last)
{
    const qsizetype firstRow = first - m_setLinesSkipped;
    const qsizetype lastRow = std::min(last - m_setLinesSkipped, m_lines.size() - 1);
    const bool valid = first >= 0 && firstRow >= 0 && firstRow <= lastRow;
    m_markFirst = valid ? int(firstRow) : -1;
    m_markLast = valid ? int(lastRow) : -1;
    if (!m_lines.isEmpty()) {
        emit dataChanged(index(0, 0), index(int(m_lines.size()) - 1, ColumnCount - 1),
                         {Qt::ForegroundRole, Qt::BackgroundRole, MarkedRole});
    }
    return m_markFirst;
}

void SessionLogModel::clear()
{
    setLines({});
}

void SessionLogModel::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (m_paused)
        m_flushTimer.stop();
    else
        flush();
}

void SessionLogModel::setShowCredentials(bool show)
{
    if (show == m_showCredentials)
        return;
    m_showCredentials = show;
    // Only credential lines change; one signal over their span keeps a 50,000-line log cheap
    // to repaint and keeps the views' selection and scroll position, which a reset would not.
    qsizetype first = -1;
    qsizetype last = -1;
    for (qsizetype row = 0; row < m_lines.size(); ++row) {
        if (m_lines.at(row).revealed.isEmpty())
            continue;
        if (first < 0)
            first = row;
        last = row;
    }
    if (first < 0)
        return;
    emit dataChanged(index(int(first), 0), index(int(last), ColumnCount - 1),
                     {Qt::DisplayRole, Qt::ToolTipRole, Qt::ForegroundRole, RevealedBytesRole});
}

void SessionLogModel::flush()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    const qint64 droppedBefore = m_dropped - m_pendingDropped;
    m_pendingDropped = 0;
    // Remove the overflow first, then insert: the views never see more than capacity() rows.
    const int overflow = int(m_lines.size() + m_pending.size()) - m_capacity;
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        m_lines.remove(0, overflow);
        endRemoveRows();
        m_dropped += overflow;
    }
    const int first = int(m_lines.size());
    const int count = int(m_pending.size());
    beginInsertRows({}, first, first + count - 1);
    m_lines.append(std::move(m_pending));
    m_pending = {};
    endInsertRows();
    if (m_dropped != droppedBefore)
        emit linesDropped(m_dropped);
}
