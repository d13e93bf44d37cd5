// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "mboxwriter.h"

#include <QIODevice>
#include <QTimeZone>

#include <cstdio>
#include <cstring>

namespace {

constexpr QByteArrayView kFrom("From ");

} // namespace

MboxWriter::MboxWriter(QIODevice *device)
    : m_device(device)
{}

QByteArray MboxWriter::fromLine(QByteArrayView envelopeSender, const QDateTime &received)
{
    // asctime(3) by hand: QDateTime would use the locale's names, and every mbox reader expects
    // the English ones ("Sat Nov 28 04:43:40 2026", the day padded with a blank).
    static constexpr const char *kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr const char *kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime utc = (received.isValid() ? received : QDateTime::currentDateTimeUtc())
                              .toTimeZone(QTimeZone::utc());
    const QDate date = utc.date();
    const QTime time = utc.time();

    QByteArray sender =
        envelopeSender.isEmpty() ? QByteArray("MAILER-DAEMON") : envelopeSender.toByteArray();
    for (char &c : sender) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
            c = '_';
    }
    char stamp[64];
    std::snprintf(stamp, sizeof stamp, "%s %s %2d %02d:%02d:%02d %d", kDays[date.dayOfWeek() - 1],
                  kMonths[date.month() - 1], date.day(), time.hour(), time.minute(), time.second(),
                  date.year());
    return "From " + sender + ' ' + QByteArray(stamp) + '\n';
}

Result<void> MboxWriter::beginMessage(QByteArrayView envelopeSender, const QDateTime &received)
{
    m_pending.clear();
    m_atLineStart = true;
    m_deciding = false;
    m_firstLineSeen = false;
    m_crlf = false;
    m_lastByte = '\n';
    m_empty = true;
    return write(fromLine(envelopeSender, received));
}

Result<void> MboxWriter::write(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return {};
    if (m_device->write(bytes.data(), bytes.size()) != bytes.size())
        return Error(ErrorCode::FileUnwritable, m_device->errorString());
    return {};
}

Result<void> MboxWriter::flushPending(bool quote)
{
    m_deciding = false;
    Result<void> written = quote ? write(">") : Result<void>();
    if (written)
        written = write(m_pending);
    m_pending.clear();
    return written;
}

Result<void> MboxWriter::append(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return {};
    m_empty = false;
    if (!m_firstLineSeen) {
        if (const char *lf =
                static_cast<const char *>(std::memchr(bytes.data(), '\n', bytes.size()))) {
            m_firstLineSeen = true;
            m_crlf =
                (lf > bytes.data() && lf[-1] == '\r') || (lf == bytes.data() && m_lastByte == '\r');
        }
    }
    m_lastByte = bytes.back();

    qsizetype pos = 0;
    const qsizetype size = bytes.size();
    while (pos < size) {
        if (m_atLineStart) {
            m_atLineStart = false;
            m_deciding = true;
        }
        if (m_deciding) {
            // Collect '>'s, then "From ", for as long as the line can still match ^>*From␠.
            while (pos < size && m_deciding) {
                const char c = bytes[pos];
                qsizetype quotes = 0;
                while (quotes < m_pending.size() && m_pending[quotes] == '>')
                    ++quotes;
                const qsizetype matched = m_pending.size() - quotes;
                if (c == '>' && matched == 0) {
                    m_pending.append(c);
                    ++pos;
                } else if (c == kFrom[matched]) {
                    m_pending.append(c);
                    ++pos;
                    if (matched + 1 == kFrom.size()) {
                        if (Result<void> flushed = flushPending(true); !flushed)
                            return flushed;
                    }
                } else if (Result<void> flushed = flushPending(false); !flushed) {
                    return flushed;
                }
            }
            if (m_deciding)
                return {}; // the chunk ended inside an undecided line start
        }
        const char *start = bytes.data() + pos;
        const char *lf = static_cast<const char *>(std::memchr(start, '\n', size - pos));
        const qsizetype length = lf ? lf - start + 1 : size - pos;
        if (Result<void> written = write(QByteArrayView(start, length)); !written)
            return written;
        pos += length;
        m_atLineStart = lf != nullptr;
    }
    return {};
}

Result<void> MboxWriter::endMessage()
{
    if (m_deciding) {
        if (Result<void> flushed = flushPending(false); !flushed)
            return flushed;
    }
    if (!m_empty && m_lastByte != '\n') {
        if (Result<void> written = write(m_crlf ? "\r\n" : "\n"); !written)
            return written;
    }
    m_atLineStart = true;
    return write("\n");
}
