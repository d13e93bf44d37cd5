// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "events/events.h"

#include <QByteArray>
#include <QList>

/// The stored form of protocol trace lines, one session_trace row per chunk: a QDataStream
/// (Qt_6_4) with the line count, then per line the time (ms since epoch, INT64_MIN when
/// invalid), the direction, the bytes and truncatedBytes. StoreWriter encodes, StoreReader and
/// StoreRepair decode. Stateless; any thread.
class TraceCodec final
{
public:
    static QByteArray encode(const QList<ProtocolLine> &lines);
    /// Decodes one chunk of session `sessionId`, appending to `lines`. Returns false for a
    /// damaged chunk, keeping the lines decoded before the damage. Unknown directions decode
    /// as Note; a multi-line reply stored as one line (older stores) decodes as its wire lines
    /// (ProtocolLine::wireLines).
    static bool decode(const QByteArray &chunk, quint64 sessionId, QList<ProtocolLine> *lines);
};
