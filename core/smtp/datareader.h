// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/error.h"

#include <QByteArrayView>

#include <optional>

class MessageSpool;

/// The DATA phase of one message (RFC 5321 §4.1.1.4, §4.5.2): finds the end of data and
/// removes dot-stuffing in a single pass, writing spans straight into a MessageSpool, with no
/// allocation per line.
///
/// Only <CRLF>.<CRLF> ends the data (the start of DATA counts as a line start). A bare LF or a
/// bare CR is message content and never part of a terminator, which closes the door to SMTP
/// smuggling. Once the message passes `maxSize` octets the reader stops writing and only looks
/// for the end, so an oversized message costs no memory.
class DataReader final
{
public:
    /// `maxSize` 0 means no limit. `sink` must outlive the reader.
    DataReader(MessageSpool *sink, qint64 maxSize);

    /// Consumes bytes up to and including the terminator. Returns how many bytes of `input`
    /// belonged to the message; the rest (pipelined commands) is the caller's.
    qsizetype feed(QByteArrayView input);

    bool isFinished() const { return m_state == State::Finished; }
    /// More than `maxSize` octets arrived; nothing past the limit was kept.
    bool isOversized() const { return m_oversized; }
    /// The spool could not be written (disk full).
    bool hasSinkError() const { return m_sinkError.has_value(); }
    /// Why the spool could not be written; only when hasSinkError().
    const Error &sinkError() const { return *m_sinkError; }
    /// Octets of the message after unstuffing, counted even past the limit.
    qint64 size() const { return m_size; }

private:
    enum class State {
        LineStart,      ///< just after CRLF (or at the start)
        LineStartDot,   ///< "." at a line start, held back
        LineStartDotCr, ///< ".\r" at a line start, held back
        Text,           ///< inside a line
        TextCr,         ///< inside a line, after a CR
        Finished,
    };

    void append(QByteArrayView bytes);

    MessageSpool *m_sink;
    qint64 m_maxSize;
    qint64 m_size = 0;
    State m_state = State::LineStart;
    bool m_oversized = false;
    std::optional<Error> m_sinkError;
};
