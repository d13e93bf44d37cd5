// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "relay/relaytarget.h"
#include "smtp/addresspattern.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <chrono>

/// Everything the relay needs, built from ServerConfig::toRelaySettings(): where to deliver,
/// which recipients may be relayed to, what is relayed on arrival, and the bounds of the retry
/// queue. A value; crosses threads.
struct RelaySettings
{
    bool enabled = false; ///< a relay host is set
    RelayTarget target;
    QByteArray senderOverride; ///< empty: each message's own envelope sender
    /// Recipients a message may go to. Empty: none, so nothing can be relayed by mistake.
    QList<AddressPattern> allowed;
    QString autoQuery; ///< empty: no automatic relay
    int queueLimit = 0;
    std::chrono::hours retryFor{0};

    /// Whether `address` matches an allowed pattern.
    bool allows(QStringView address) const { return AddressPattern::matchesAny(allowed, address); }
};
