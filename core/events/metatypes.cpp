// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "events.h"

#include "common/error.h"
#include "exchange/exportreport.h"
#include "exchange/importreport.h"

QLatin1StringView toString(Direction direction)
{
    switch (direction) {
    case Direction::ClientToServer:
        return QLatin1StringView("client");
    case Direction::ServerToClient:
        return QLatin1StringView("server");
    case Direction::Note:
        return QLatin1StringView("note");
    }
    return {};
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
}
