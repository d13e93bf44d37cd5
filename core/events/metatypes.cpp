// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "events.h"

#include "common/error.h"
#include "exchange/exportreport.h"
#include "exchange/importreport.h"
#include "relay/relayoutcome.h"

QLatin1StringView toString(Direction direction)
{
    switch (direction) {
    case Direction::ClientToServer:
        return QLatin1StringView("client");
    case Direction::ServerToClient:
        return QLatin1StringView("server");
    case Direction::Note:
        return QLatin1StringView("note");
    case Direction::Fault:
        return QLatin1StringView("fault");
    }
    return {};
}

QList<ProtocolLine> ProtocolLine::wireLines() const
{
    if (direction != Direction::ServerToClient)
        return {*this};
    QList<ProtocolLine> lines;
    qsizetype start = 0;
    for (;;) {
        const qsizetype end = bytes.indexOf("\r\n", start);
        // The last piece keeps whatever follows the last CRLF, and the cut bytes.
        if (end < 0 || end + 2 >= bytes.size()) {
            ProtocolLine last = *this;
            if (start > 0)
                last.bytes = bytes.mid(start);
            lines.append(std::move(last));
            return lines;
        }
        ProtocolLine piece = *this;
        piece.bytes = bytes.mid(start, end + 2 - start);
        piece.truncatedBytes = 0;
        lines.append(std::move(piece));
        start = end + 2;
    }
}

void registerEventMetaTypes()
{
    qRegisterMetaType<ProtocolLine>();
    qRegisterMetaType<SessionInfo>();
    qRegisterMetaType<AuthAttempt>();
    qRegisterMetaType<Envelope>();
    qRegisterMetaType<ReceivedMessage>();
    qRegisterMetaType<ServerError>();
    qRegisterMetaType<Error>();
    qRegisterMetaType<ImportReport>();
    qRegisterMetaType<ExportReport>();
    qRegisterMetaType<RelayOutcome>();
}
