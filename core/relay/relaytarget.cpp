// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "relaytarget.h"

QString RelayTarget::describe() const
{
    const QString hostPart = host.contains(u':') ? u'[' + host + u']' : host;
    QString result = hostPart + u':' + QString::number(port);
    if (tls != RelayTlsMode::None)
        result += QStringLiteral(" (%1)").arg(toString(tls));
    return result;
}
