// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QString>

#include <functional>
#include <optional>

class QIODevice;

/// Reads an mbox one message at a time, streaming: it holds one chunk and at most one line
/// piece, never the whole file. Reads the mboxrd flavour MboxWriter writes and the usual
/// variants: LF or CRLF line breaks, and mboxo files (whose ">From " lines come back as
/// "From ", the one ambiguity of that flavour).
///
/// A message starts at a "From " line at the start of the file or right after an empty line;
/// a "From " line anywhere else is message text. The empty line before a "From " line (and
/// at the end of the file) is the separator and not part of the message; one '>' is removed
/// from every line that matches ^>+From␠. Reads a device it does not own; one thread at a time.
class MboxReader final
{
public:
    static constexpr qsizetype kDefaultChunkSize = 256 * 1024;

    /// What the "From " line says about a message.
    struct Message
    {
        int number = 0;     ///< 1 for the first message in the file
        qint64 offset = 0;  ///< of its "From " line in the file
        QByteArray sender;  ///< the first word after "From "
        QDateTime received; ///< the date after the sender, in UTC; invalid if unparsable
    };

    enum class Status {
        Message, ///< one message was read
        End,     ///< no more messages
    };
    /// Takes the next bytes of a message; an error stops the reader.
    using Sink = std::function<Result<void>(QByteArrayView)>;

    /// `chunkSize` is how much is read from the device at a time; lines longer than that are
    /// passed on in pieces.
    explicit MboxReader(QIODevice *device, qsizetype chunkSize = kDefaultChunkSize);
    Q_DISABLE_COPY_MOVE(MboxReader)

    /// True when `head` (the first bytes of a file) starts with "From ".
    static bool looksLikeMbox(QByteArrayView head);
    /// Parses a "From " line (with or without its line break). Returns false when it is not
    /// one; an unparsable date leaves `received` invalid.
    static bool parseFromLine(QByteArrayView line, QByteArray *sender, QDateTime *received);

    /// Reads the next message, handing its bytes to `sink` in chunks (a message without bytes
    /// gets no call). Errors: MalformedInput when the file is not an mbox, FileUnreadable when
    /// it cannot be read, or the error `sink` returned. After an error the reader cannot
    /// continue: every later call returns the same error.
    Result<Status> next(Message *message, const Sink &sink);

private:
    bool nextPiece(QByteArrayView *piece, bool *endsLine);
    Error fail(Error error);
    Result<void> output(QByteArrayView bytes, const Sink &sink);
    Result<void> flushOutput(const Sink &sink);
    bool readFromLine(QByteArrayView firstPiece, bool endsLine);

    QIODevice *m_device;
    qsizetype m_chunkSize;
    qsizetype m_maxPiece;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qint64 m_bufferOffset = 0; ///< file offset of m_buffer[0]
    bool m_deviceAtEnd = false;
    bool m_started = false;
    bool m_finished = false;
    QByteArray m_fromLine; ///< the "From " line of the next message, once seen
    qint64 m_fromOffset = 0;
    int m_count = 0;
    QByteArray m_output;
    std::optional<Error> m_error; ///< set once the reader cannot continue
};
