// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/threadcheck.h"

#include <QByteArray>
#include <QByteArrayView>

#include <QIODevice>

/// The read side of one session: takes the device's bytes in chunks of kReadChunk and cuts
/// them into lines, holding at most one line (never more than `maxLine` bytes of it). A longer
/// line is thrown away as it arrives and reported once it ends, and a line that goes on past
/// kMaxDiscardedLineBytes is reported as a flood. During DATA the caller takes the raw bytes
/// with pending() and consume() instead. Owned by one SmtpSession, used in its thread only.
class SessionInput final
{
public:
    /// How much unread input one read takes from the device.
    static constexpr qsizetype kReadChunk = 64 * 1024;
    /// A line still unfinished after this many bytes (far past the longest legal one) is a
    /// flood, not a command: the session ends it with 421 instead of reading on.
    static constexpr qint64 kMaxDiscardedLineBytes = 1024 * 1024;

    /// What next() found.
    struct Frame
    {
        enum class Kind {
            Exhausted,   ///< no complete line, and the device has nothing more now
            Partial,     ///< read more, no line yet: call again (the caller counts a step)
            Line,        ///< `line` is a complete line, with its LF
            LineTooLong, ///< an over-long line ended; `line` is its last part, with its LF
            Flood,       ///< an over-long line passed kMaxDiscardedLineBytes; `line` is a piece
        } kind = Kind::Exhausted;
        /// Points into the buffer: valid until the next call that reads.
        QByteArrayView line;
        /// For LineTooLong and Flood: the line's start may have held a credential.
        bool credential = false;
    };

    /// `device` must outlive this object.
    SessionInput(QIODevice *device, qsizetype maxLine);

    /// Makes sure unread bytes are buffered, reading a chunk when none are; false when the
    /// buffer is empty and the device has nothing.
    bool ensureAvailable();
    /// The buffered bytes not yet consumed.
    QByteArrayView pending() const { return QByteArrayView(m_buffer).sliced(m_pos); }
    void consume(qsizetype bytes) { m_pos += bytes; }
    /// The next line, or why there is none. Call after ensureAvailable() returned true.
    /// `inAuthExchange` tells whether an over-long line is a SASL response (a credential).
    Frame next(bool inAuthExchange);
    /// Forgets what is buffered (the device keeps what it has).
    void clear();
    /// Throws away everything buffered and everything the device holds; returns the count.
    qint64 discardAll();

private:
    bool fill();

    QIODevice *m_device;
    qsizetype m_maxLine;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    bool m_discarding = false;
    bool m_discardingCredential = false;
    qint64 m_discarded = 0;         ///< of the line being discarded
    ThreadCheck m_thread{m_device}; ///< the session's thread, which owns the device
};
