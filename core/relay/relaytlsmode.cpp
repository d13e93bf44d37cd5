// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "relaytlsmode.h"

QLatin1StringView toString(RelayTlsMode mode)
{
    switch (mode) {
    case RelayTlsMode::None:
        return QLatin1StringView("none");
    case RelayTlsMode::StartTls:
        return QLatin1StringView("starttls");
    case RelayTlsMode::Implicit:
        return QLatin1StringView("implicit");
    }
    Q_UNREACHABLE();
}

std::optional<RelayTlsMode> relayTlsModeFromString(QStringView text)
{
    for (const RelayTlsMode mode :
         {RelayTlsMode::None, RelayTlsMode::StartTls, RelayTlsMode::Implicit}) {
        if (text.trimmed().compare(toString(mode), Qt::CaseInsensitive) == 0)
            return mode;
    }
    return std::nullopt;
}
