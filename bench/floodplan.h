// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "floodprogress.h"

#include <QtGlobal>

#include <string>

/// What the load threads of the flood benchmark send, and how.
struct FloodPlan
{
    /// Every this many connections, the first included, one opens a new session per message.
    static constexpr int kReconnectEvery = 10;
    /// Body lines of each message (about 2 KB in all).
    static constexpr int kBodyLines = 26;

    quint16 port = 0;
    int messages = 0;
    std::string date; ///< RFC 5322 date for every message

    /// Message `number` as sent over `connection`, dot-terminated.
    std::string messageText(int number, int connection) const;
    /// One load thread: takes message numbers until all are taken, delivering them over one
    /// connection (or a new one per message).
    void deliverShare(int connection, FloodProgress &progress) const;
};
