// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtp/datareader.h"
#include "store/messagespool.h"

#include <QByteArray>
#include <QDir>
#include <QList>

#include <cstddef>
#include <cstdint>

namespace {

struct Outcome
{
    QByteArray stored;
    qsizetype consumed = 0;
    bool finished = false;
    bool oversized = false;
    qint64 size = 0;
};

// Feeds `pieces` in order, as a session would: each feed() takes what belongs to the message
// and leaves the rest; once finished, nothing more is fed.
Outcome run(const QList<QByteArrayView> &pieces, qint64 maxSize)
{
    // Everything stays in memory: the limit is above the longest input libFuzzer makes here.
    MessageSpool spool(QDir::tempPath(), qsizetype(1) << 30);
    DataReader reader(&spool, maxSize);
    Outcome result;
    for (const QByteArrayView piece : pieces) {
        const qsizetype taken = reader.feed(piece);
        if (taken < 0 || taken > piece.size())
            __builtin_trap();
        result.consumed += taken;
        if (reader.isFinished())
            break;
        if (taken != piece.size())
            __builtin_trap(); // left bytes behind without having finished
    }
    result.stored = spool.memory();
    result.finished = reader.isFinished();
    result.oversized = reader.isOversized();
    result.size = reader.size();
    return result;
}

} // namespace

// Input: byte 0 picks the size limit, byte 1 the number of split points, the next bytes the
// split points; the rest is what the client sends after DATA. The message must come out the
// same however the stream is cut (unless it is oversized), and never longer than the limit.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 2)
        return 0;
    const qint64 maxSize = data[0] < 128 ? 0 : qint64(data[0] - 128) * 4;
    const std::size_t splits = std::min<std::size_t>(data[1] % 16, size - 2);
    const std::uint8_t *splitBytes = data + 2;
    const QByteArrayView stream(reinterpret_cast<const char *>(data + 2 + splits),
                                qsizetype(size - 2 - splits));

    const Outcome whole = run({stream}, maxSize);

    QList<QByteArrayView> pieces;
    qsizetype pos = 0;
    for (std::size_t i = 0; i < splits && pos < stream.size(); ++i) {
        const qsizetype length = qMin<qsizetype>(splitBytes[i], stream.size() - pos);
        pieces.append(stream.sliced(pos, length));
        pos += length;
    }
    pieces.append(stream.sliced(pos));
    const Outcome split = run(pieces, maxSize);

    if (split.consumed != whole.consumed || split.finished != whole.finished
        || split.oversized != whole.oversized || split.size != whole.size)
        __builtin_trap();
    // Past the limit the reader stops writing, so how much of an oversized message reached the
    // spool depends on where the stream was cut; the session throws it away either way.
    if (!whole.oversized && split.stored != whole.stored)
        __builtin_trap();
    if (maxSize > 0 && (whole.stored.size() > maxSize || split.stored.size() > maxSize))
        __builtin_trap();
    if (whole.oversized != (maxSize > 0 && whole.size > maxSize))
        __builtin_trap();
    if (!whole.oversized && whole.size != whole.stored.size())
        __builtin_trap();
    // Unstuffing only removes bytes; the terminator is at least "\r\n.\r\n" minus the leading
    // CRLF at the very start of DATA.
    if (whole.size > whole.consumed)
        __builtin_trap();
    if (whole.finished && !QByteArrayView(stream.first(whole.consumed)).endsWith(".\r\n"))
        __builtin_trap();
    return 0;
}
