// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "tracecodec.h"

#include <QDataStream>
#include <QIODevice>
#include <QTimeZone>

#include <limits>

static constexpr qint64 kNoTime = std::numeric_limits<qint64>::min();

QByteArray TraceCodec::encode(const QList<ProtocolLine> &lines)
{
    QByteArray chunk;
    QDataStream stream(&chunk, QIODevice::WriteOnly);
    stream.setVersion(QDataStream::Qt_6_4);
    stream << quint32(lines.size());
    for (const ProtocolLine &line : lines) {
        stream << (line.time.isValid() ? line.time.toMSecsSinceEpoch() : kNoTime)
               << qint32(line.direction) << line.bytes << qint64(line.truncatedBytes);
    }
    return chunk;
}

bool TraceCodec::decode(const QByteArray &chunk, quint64 sessionId, QList<ProtocolLine> *lines)
{
    QDataStream stream(chunk);
    stream.setVersion(QDataStream::Qt_6_4);
    quint32 count = 0;
    stream >> count;
    for (quint32 i = 0; i < count && stream.status() == QDataStream::Ok; ++i) {
        qint64 time = 0;
        qint32 direction = 0;
        QByteArray bytes;
        qint64 truncatedBytes = 0;
        stream >> time >> direction >> bytes >> truncatedBytes;
        if (stream.status() != QDataStream::Ok)
            break;
        ProtocolLine line;
        line.sessionId = sessionId;
        if (time != kNoTime)
            line.time = QDateTime::fromMSecsSinceEpoch(time, QTimeZone::utc());
        switch (direction) {
        case qint32(Direction::ClientToServer):
            line.direction = Direction::ClientToServer;
            break;
        case qint32(Direction::ServerToClient):
            line.direction = Direction::ServerToClient;
            break;
        case qint32(Direction::Fault):
            line.direction = Direction::Fault;
            break;
        default:
            line.direction = Direction::Note;
            break;
        }
        line.bytes = std::move(bytes);
        line.truncatedBytes = qsizetype(truncatedBytes);
        // Stores written before replies were traced line by line hold a multi-line reply as
        // one line; readers get it as the wire had it either way.
        lines->append(line.wireLines());
    }
    return stream.status() == QDataStream::Ok;
}
