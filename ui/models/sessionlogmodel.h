// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "events/events.h"

#include <QAbstractTableModel>
#include <QFont>
#include <QIcon>
#include <QList>
#include <QTimer>

/// The live protocol log of every session, newest last, bounded: it keeps the newest
/// capacity() lines and drops the oldest (the traces of delivered messages stay in the store).
/// Lines arrive in batches like the inbox: append() collects, a timer inserts with one
/// beginInsertRows, after removing the overflow at the top with one beginRemoveRows. A view of
/// one session is a QSortFilterProxyModel on SessionIdRole, not a model per session.
/// Credential lines show their masked text unless setShowCredentials(true) and the engine
/// sent the clear text (ProtocolLine::revealedBytes); stored traces never have it.
/// Lives in the GUI thread.
class SessionLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionLogModel)

public:
    enum Column { TimeColumn, SessionColumn, DirectionColumn, TextColumn, ColumnCount };
    enum Role {
        SessionIdRole = Qt::UserRole, ///< quint64
        DirectionRole,                ///< int(Direction)
        BytesRole,                    ///< QByteArray: the line as kept (up to kKeptBytes)
        MessageIdRole,                ///< qint64: the stored message a note points to, or 0
        TimeRole,                     ///< QDateTime
        /// QByteArray: the clear text of a credential line while showCredentials() is on,
        /// otherwise empty (so nothing reads it by accident while it is hidden)
        RevealedBytesRole,
        /// bool: the row is in the marked range (setMarkedRange); rows outside it are dimmed
        MarkedRole,
    };

    static constexpr int kDefaultCapacity = 50000;
    static constexpr int kFlushIntervalMs = 50;
    /// Bytes of a line kept in memory; the store has the full trace.
    static constexpr qsizetype kKeptBytes = 1024;
    /// Characters shown in the log; the rest is summarised as "+ N bytes".
    static constexpr qsizetype kDisplayChars = 200;

    explicit SessionLogModel(QObject *parent = nullptr);
    ~SessionLogModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setCapacity(int capacity);
    int capacity() const { return m_capacity; }
    /// Lines dropped from the top so far (shown as a note under the log).
    qint64 droppedLines() const { return m_dropped; }

    /// Queues a line; it appears at the next flush.
    void append(const ProtocolLine &line);
    /// Queues a note of our own, optionally pointing to a stored message.
    void appendNote(quint64 sessionId, const QString &text, qint64 messageId = 0);
    /// Replaces everything with `lines` (a stored trace), without batching; clears the mark.
    void setLines(const QList<ProtocolLine> &lines);
    /// Marks lines `first` to `last` of what setLines() was given (a message's transaction in
    /// its session): they get a highlight, the others are dimmed but stay. Returns the row of
    /// `first`, or -1 (and no mark) when the range is not among the rows.
    int setMarkedRange(qsizetype first, qsizetype last);
    int markedFirstRow() const { return m_markFirst; }
    int markedLastRow() const { return m_markLast; }
    void clear();
    /// Inserts what append() collected now. Called by the timer; public for tests.
    void flush();
    /// While nobody looks at the log (its tab is hidden), keep collecting (bounded by
    /// capacity()) but do not insert; resuming inserts everything at once.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    /// Shows the clear text of credential lines that have one, in credentialColor(). Lines
    /// already shown change with one dataChanged over the rows that have clear text.
    void setShowCredentials(bool show);
    bool showCredentials() const { return m_showCredentials; }

    /// Colour per direction, chosen for the current palette (light or dark).
    static QColor colorFor(Direction direction);
    /// The colour of revealed credentials: a warning, chosen for the current palette.
    static QColor credentialColor();
    /// The text shown for a line: without its final CRLF, other CRs and LFs as \\r and \\n,
    /// cut at kDisplayChars with "+ N bytes".
    static QString displayText(const QByteArray &bytes, qsizetype truncatedBytes);

signals:
    void linesDropped(qint64 total);

private:
    struct Line
    {
        quint64 sessionId = 0;
        QDateTime time;
        Direction direction = Direction::Note;
        QByteArray bytes;
        qsizetype truncatedBytes = 0;
        qint64 messageId = 0;
        QByteArray revealed; ///< ProtocolLine::revealedBytes; bounded by the engine
    };
    static Line fromProtocolLine(const ProtocolLine &line);
    void enqueue(Line line);

    QList<Line> m_lines;
    QList<Line> m_pending;
    QTimer m_flushTimer;
    int m_capacity = kDefaultCapacity;
    qint64 m_dropped = 0;
    qint64 m_pendingDropped = 0; ///< dropped from m_pending since the last flush
    bool m_paused = false;
    bool m_showCredentials = false;
    qsizetype m_setLinesSkipped = 0; ///< lines of the last setLines() left out by the capacity
    int m_markFirst = -1;
    int m_markLast = -1;
    QFont m_fixedFont;
    QFont m_markedFont;
    QIcon m_tlsIcon;
    QIcon m_authIcon;
    QIcon m_messageIcon;
};
