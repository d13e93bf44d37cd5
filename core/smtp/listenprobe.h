// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QAbstractSocket>

struct ListenAddress;

/// Whether an address can be listened on, found by binding it and letting it go at once: the
/// settings dialog asks as the port is typed, and MailService asks before it closes the
/// listeners that work. The answer can be stale a moment later (another program may take the
/// port), so the real bind still checks; this only keeps a bad setting from stopping a server.
/// Any thread; returns at once (bind and listen do not block).
class ListenProbe final
{
public:
    /// Binds `address` and closes it again. The error names `field`: AddressInUse,
    /// AddressUnavailable, AccessDenied or NetworkError. Port 0 (any free port) always works.
    static Result<void> check(const ListenAddress &address, const QString &field = {});
    /// The code of a failed listen, decided on the socket's error, never on its text (which Qt
    /// may translate).
    static ErrorCode errorCode(QAbstractSocket::SocketError error);
};
