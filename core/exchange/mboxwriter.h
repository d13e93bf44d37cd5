// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QString>

class QIODevice;

/// Writes messages into an mbox in the mboxrd flavour: each message is a "From " line
/// (`From <envelope sender or MAILER-DAEMON> <asctime, UTC>`), its bytes with one more '>'
/// before every line that matches ^>*From␠, and one empty line ("\n") after it. MboxReader
/// undoes exactly that, so a message that ends in a line break comes back byte for byte.
///
/// The format cannot hold a message whose last line has no line break: endMessage() adds one
/// (CRLF when the message's first line ends in CRLF, else LF), which the message keeps when it
/// is read back.
///
/// Streams: message bytes arrive in chunks split anywhere, and only the few bytes at the start
/// of a line that could still turn out to be ">*From " are held back. Writes to a device it does
/// not own; one thread at a time.
class MboxWriter final
{
public:
    explicit MboxWriter(QIODevice *device);
    Q_DISABLE_COPY_MOVE(MboxWriter)

    /// The separator line of a message, "\n" included. An empty sender (the null reverse path)
    /// becomes MAILER-DAEMON; blanks and control characters in it become '_', since the sender
    /// must stay one word.
    static QByteArray fromLine(QByteArrayView envelopeSender, const QDateTime &received);

    /// Writes the "From " line of the next message. Every write fails with FileUnwritable and
    /// the device's reason when the device does not take the bytes.
    Result<void> beginMessage(QByteArrayView envelopeSender, const QDateTime &received);
    /// Appends bytes of the current message.
    Result<void> append(QByteArrayView bytes);
    /// Ends the current message (see the class comment for the line break it may add).
    Result<void> endMessage();

private:
    Result<void> write(QByteArrayView bytes);
    Result<void> flushPending(bool quote);

    QIODevice *m_device;
    QByteArray m_pending; ///< start of the current line while it may still be ">*From "
    bool m_atLineStart = true;
    bool m_deciding = false; ///< m_pending holds an undecided line start
    bool m_firstLineSeen = false;
    bool m_crlf = false;
    char m_lastByte = '\n';
    bool m_empty = true;
};
