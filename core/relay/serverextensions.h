// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "relay/remotereply.h"

#include <QByteArray>
#include <QSet>

/// What a server offers in its reply to EHLO (RFC 5321 §4.1.1.1: the lines after the first
/// are "keyword [params]"). A HELO reply offers nothing. Pure value.
struct ServerExtensions
{
    bool esmtp = false; ///< the server answered EHLO
    bool pipelining = false;
    bool startTls = false;
    bool eightBitMime = false;
    bool smtpUtf8 = false;
    bool enhancedStatusCodes = false;
    bool sizeOffered = false;
    qint64 maxSize = 0;         ///< SIZE's value; 0 when it names no limit (RFC 1870 §4)
    QSet<QByteArray> authTypes; ///< AUTH's mechanisms, upper case

    static ServerExtensions fromEhloReply(const RemoteReply &reply);
};
