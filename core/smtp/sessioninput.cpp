// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "sessioninput.h"

#include "smtp/credentialredactor.h"

#include <QIODevice>

SessionInput::SessionInput(QIODevice *device, qsizetype maxLine)
    : m_device(device)
    , m_maxLine(maxLine)
{}

bool SessionInput::fill()
{
    if (m_pos > 0) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
    if (m_device->bytesAvailable() <= 0)
        return false;
    const qsizetype old = m_buffer.size();
    m_buffer.resize(old + kReadChunk);
    const qint64 got = m_device->read(m_buffer.data() + old, kReadChunk);
    m_buffer.resize(old + qMax<qint64>(got, 0));
    return got > 0;
}

bool SessionInput::ensureAvailable()
{
    m_thread.check("SessionInput");
    if (m_pos < m_buffer.size())
        return true;
    m_buffer.resize(0); // keeps the allocation for the next chunk
    m_pos = 0;
    return fill();
}

SessionInput::Frame SessionInput::next(bool inAuthExchange)
{
    m_thread.check("SessionInput");
    using Kind = Frame::Kind;
    const QByteArrayView unread = pending();
    const qsizetype lf = unread.indexOf('\n');
    if (lf < 0) {
        // An unfinished line. Keep at most the longest legal line; beyond that, drop what
        // arrives until the line ends, then refuse it.
        if (unread.size() > m_maxLine || m_discarding) {
            if (!m_discarding) {
                // The line's start is about to go; remember whether it held a credential.
                m_discardingCredential =
                    CredentialRedactor::mayHoldCredential(unread, inAuthExchange);
                m_discarded = 0;
            }
            m_discarding = true;
            m_discarded += unread.size();
            if (m_discarded > kMaxDiscardedLineBytes) {
                // No client speaking SMTP sends this; one that does only burns our time.
                return {Kind::Flood, unread, m_discardingCredential};
            }
            clear();
        }
        return {fill() ? Kind::Partial : Kind::Exhausted, {}, false};
    }
    const QByteArrayView line = unread.first(lf + 1);
    m_pos += lf + 1;
    if (m_discarding) {
        // Only the tail of the line is left.
        m_discarding = false;
        return {Kind::LineTooLong, line, m_discardingCredential};
    }
    return {Kind::Line, line, false};
}

void SessionInput::clear()
{
    m_buffer.clear();
    m_pos = 0;
}

qint64 SessionInput::discardAll()
{
    m_thread.check("SessionInput");
    const qint64 discarded = (m_buffer.size() - m_pos) + m_device->bytesAvailable();
    clear();
    m_device->skip(m_device->bytesAvailable());
    return discarded;
}
