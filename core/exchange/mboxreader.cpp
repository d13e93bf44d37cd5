// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "mboxreader.h"

#include <QIODevice>
#include <QTimeZone>

#include <cstring>

namespace {

constexpr QByteArrayView kFrom("From ");

// The first piece of a line holds at least this much (or the whole line), enough to tell a
// "From " line or a quoted ">>From " line from text.
constexpr qsizetype kMinPiece = 4096;

bool isEmptyLine(QByteArrayView piece, bool endsLine)
{
    return endsLine && (piece == "\n" || piece == "\r\n");
}

bool isQuotedFrom(QByteArrayView piece)
{
    qsizetype quotes = 0;
    while (quotes < piece.size() && piece[quotes] == '>')
        ++quotes;
    return quotes > 0 && piece.sliced(quotes).startsWith(kFrom);
}

int monthNumber(QByteArrayView name)
{
    static constexpr const char *kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                              "jul", "aug", "sep", "oct", "nov", "dec"};
    if (name.size() != 3)
        return 0;
    const QByteArray lower = name.toByteArray().toLower();
    for (int i = 0; i < 12; ++i) {
        if (lower == kMonths[i])
            return i + 1;
    }
    return 0;
}

bool isDigits(QByteArrayView token)
{
    if (token.isEmpty())
        return false;
    for (const char c : token) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

// "Sat Nov 28 04:43:40 2026" (asctime), also with a zone ("+0100", "UTC") before or after the
// year, as some writers add one. Without a numeric zone the time is UTC.
QDateTime parseAsctime(QByteArrayView text)
{
    const QList<QByteArray> tokens = text.toByteArray().simplified().split(' ');
    for (qsizetype i = 0; i + 2 < tokens.size(); ++i) {
        const int month = monthNumber(tokens.at(i));
        if (month == 0 || !isDigits(tokens.at(i + 1)))
            continue;
        const QList<QByteArray> clock = tokens.at(i + 2).split(':');
        if (clock.size() < 2 || clock.size() > 3)
            return {};
        for (const QByteArray &part : clock) {
            if (!isDigits(part))
                return {};
        }
        const QTime time(clock.at(0).toInt(), clock.at(1).toInt(),
                         clock.size() == 3 ? clock.at(2).toInt() : 0);
        if (!time.isValid())
            return {};
        int year = 0;
        int offsetSeconds = 0;
        for (qsizetype j = i + 3; j < tokens.size(); ++j) {
            const QByteArray &token = tokens.at(j);
            if (token.size() == 4 && isDigits(token) && year == 0) {
                year = token.toInt();
            } else if (token.size() == 5 && (token[0] == '+' || token[0] == '-')
                       && isDigits(QByteArrayView(token).sliced(1))) {
                const int value = token.sliced(1).toInt();
                offsetSeconds =
                    ((value / 100) * 3600 + (value % 100) * 60) * (token[0] == '-' ? -1 : 1);
            }
        }
        const QDate date(year, month, tokens.at(i + 1).toInt());
        if (year == 0 || !date.isValid())
            return {};
        return QDateTime(date, time, QTimeZone(offsetSeconds)).toTimeZone(QTimeZone::utc());
    }
    return {};
}

} // namespace

MboxReader::MboxReader(QIODevice *device, qsizetype chunkSize)
    : m_device(device)
    , m_chunkSize(qMax<qsizetype>(chunkSize, 1))
    , m_maxPiece(qMax(chunkSize, kMinPiece))
{}

bool MboxReader::looksLikeMbox(QByteArrayView head)
{
    return head.startsWith(kFrom);
}

bool MboxReader::parseFromLine(QByteArrayView line, QByteArray *sender, QDateTime *received)
{
    if (!line.startsWith(kFrom))
        return false;
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    QByteArrayView rest = line.sliced(kFrom.size());
    while (!rest.isEmpty() && (rest.front() == ' ' || rest.front() == '\t'))
        rest = rest.sliced(1);
    qsizetype end = 0;
    while (end < rest.size() && rest[end] != ' ' && rest[end] != '\t')
        ++end;
    *sender = rest.first(end).toByteArray();
    *received = parseAsctime(rest.sliced(end));
    return true;
}

bool MboxReader::nextPiece(QByteArrayView *piece, bool *endsLine)
{
    for (;;) {
        const qsizetype available = m_buffer.size() - m_pos;
        const char *start = m_buffer.constData() + m_pos;
        const char *lf = available > 0
                             ? static_cast<const char *>(std::memchr(start, '\n', available))
                             : nullptr;
        if (lf || available >= m_maxPiece || (m_deviceAtEnd && available > 0)) {
            const qsizetype length =
                lf ? qMin<qsizetype>(lf - start + 1, m_maxPiece) : qMin(available, m_maxPiece);
            *piece = QByteArrayView(start, length);
            *endsLine = (lf && start + length == lf + 1) || (m_deviceAtEnd && length == available);
            m_pos += length;
            return true;
        }
        if (m_deviceAtEnd)
            return false;
        // Keep the unread tail (less than one piece) and read the next chunk behind it.
        m_bufferOffset += m_pos;
        m_buffer.remove(0, m_pos);
        m_pos = 0;
        const qsizetype old = m_buffer.size();
        m_buffer.resize(old + m_chunkSize);
        const qint64 got = m_device->read(m_buffer.data() + old, m_chunkSize);
        if (got < 0) {
            m_buffer.resize(old);
            m_error = Error(ErrorCode::FileUnreadable, m_device->errorString());
            return false;
        }
        m_buffer.resize(old + got);
        if (got == 0)
            m_deviceAtEnd = true;
    }
}

Result<void> MboxReader::flushOutput(const Sink &sink)
{
    if (m_output.isEmpty())
        return {};
    Result<void> taken = sink(m_output);
    m_output.clear();
    return taken;
}

Result<void> MboxReader::output(QByteArrayView bytes, const Sink &sink)
{
    m_output.append(bytes);
    if (m_output.size() < m_chunkSize)
        return {};
    return flushOutput(sink);
}

bool MboxReader::readFromLine(QByteArrayView firstPiece, bool endsLine)
{
    m_fromOffset = m_bufferOffset + m_pos - firstPiece.size();
    m_fromLine = firstPiece.toByteArray();
    // A "From " line longer than a piece: its first piece has all that is needed.
    QByteArrayView piece;
    while (!endsLine) {
        if (!nextPiece(&piece, &endsLine))
            return !m_error;
    }
    return true;
}

Result<MboxReader::Status> MboxReader::next(Message *message, const Sink &sink)
{
    if (m_finished) {
        if (m_error)
            return *m_error;
        return Status::End;
    }
    QByteArrayView piece;
    bool endsLine = false;
    if (!m_started) {
        m_started = true;
        if (!nextPiece(&piece, &endsLine)) {
            m_finished = true;
            if (m_error)
                return *m_error;
            return Status::End;
        }
        if (!piece.startsWith(kFrom))
            return fail(Error(
                ErrorCode::MalformedInput,
                QStringLiteral("not an mbox file (it does not start with a \"From \" line)")));
        if (!readFromLine(piece, endsLine))
            return fail(*m_error);
    }

    *message = Message();
    message->number = ++m_count;
    message->offset = m_fromOffset;
    parseFromLine(m_fromLine, &message->sender, &message->received);
    m_fromLine.clear();

    // The last empty line is held back until we know whether a "From " line follows it.
    QByteArray heldEmptyLine;
    bool atLineStart = true;
    for (;;) {
        if (!nextPiece(&piece, &endsLine)) {
            if (m_error)
                return fail(*m_error);
            m_finished = true;
            break; // the held empty line separates the last message from the end of the file
        }
        if (atLineStart) {
            if (isEmptyLine(piece, endsLine)) {
                if (!heldEmptyLine.isEmpty()) {
                    if (Result<void> out = output(heldEmptyLine, sink); !out)
                        return fail(std::move(out).error());
                }
                heldEmptyLine = piece.toByteArray();
                continue;
            }
            if (!heldEmptyLine.isEmpty() && piece.startsWith(kFrom)) {
                if (!readFromLine(piece, endsLine))
                    return fail(*m_error);
                break;
            }
            if (!heldEmptyLine.isEmpty()) {
                if (Result<void> out = output(heldEmptyLine, sink); !out)
                    return fail(std::move(out).error());
                heldEmptyLine.clear();
            }
            if (isQuotedFrom(piece))
                piece = piece.sliced(1);
        }
        if (Result<void> out = output(piece, sink); !out)
            return fail(std::move(out).error());
        atLineStart = endsLine;
    }
    if (Result<void> flushed = flushOutput(sink); !flushed)
        return fail(std::move(flushed).error());
    return Status::Message;
}

Error MboxReader::fail(Error error)
{
    m_finished = true;
    m_error = error;
    return error;
}
