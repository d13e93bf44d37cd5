// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "exchange/mboxreader.h"

#include <QBuffer>
#include <QList>

#include <cstddef>
#include <cstdint>

namespace {

struct Read
{
    bool failed = false; ///< the reader stopped with an error
    QList<QByteArray> messages;
    QList<QByteArray> senders;
    QList<qint64> offsets;
};

Read readAll(const QByteArray &file, qsizetype chunkSize)
{
    QByteArray copy = file;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    MboxReader reader(&buffer, chunkSize);
    Read read;
    // Every message takes at least its "From " line, so there are never more messages than
    // lines; the bound keeps a reader that stops advancing from looping forever.
    for (qsizetype guard = 0; guard <= file.size() + 1; ++guard) {
        MboxReader::Message message;
        QByteArray bytes;
        const Result<MboxReader::Status> status =
            reader.next(&message, [&bytes](QByteArrayView chunk) -> Result<void> {
                if (chunk.isEmpty())
                    __builtin_trap(); // "a message without bytes gets no call"
                bytes.append(chunk);
                return {};
            });
        read.failed = !status;
        if (!status || *status != MboxReader::Status::Message)
            return read;
        if (message.number != read.messages.size() + 1)
            __builtin_trap();
        if (message.offset < 0 || message.offset >= file.size()
            || !file.sliced(message.offset).startsWith("From "))
            __builtin_trap();
        read.messages.append(bytes);
        read.senders.append(message.sender);
        read.offsets.append(message.offset);
    }
    __builtin_trap(); // more messages than the file has lines
}

} // namespace

// Input: byte 0 picks a small chunk size (1-64 bytes); the rest is an mbox file. Reading it in
// small chunks must give exactly what reading it in one chunk gives: lines cut across chunks
// are the reader's hardest case.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype smallChunk = data[0] % 64 + 1;
    const QByteArray file(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    const Read whole = readAll(file, MboxReader::kDefaultChunkSize);
    const Read pieces = readAll(file, smallChunk);
    if (whole.failed != pieces.failed || whole.messages != pieces.messages
        || whole.senders != pieces.senders || whole.offsets != pieces.offsets)
        __builtin_trap();
    // No message is longer than the file it came from.
    for (const QByteArray &message : whole.messages)
        if (message.size() > file.size())
            __builtin_trap();

    (void)MboxReader::looksLikeMbox(file);
    QByteArray sender;
    QDateTime received;
    (void)MboxReader::parseFromLine(file, &sender, &received);
    return 0;
}
