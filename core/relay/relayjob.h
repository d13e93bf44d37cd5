// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "relay/relaysettings.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

/// One relay to run: which message, to whom, with which settings, from which store.
struct RelayJob
{
    qint64 messageId = 0;
    /// Empty for an automatic relay on arrival: the message's envelope recipients that the
    /// settings allow. A retry names those still to be delivered.
    QList<QByteArray> recipients;
    bool automatic = false;
    /// An automatic relay only relays messages that match the auto query; a retry was matched
    /// already.
    bool checkQuery = false;
    QDateTime firstTry; ///< automatic relays: when the first attempt began
    int tries = 0;      ///< attempts before this one
    RelaySettings settings;
    QString storeDirectory;
    quint64 token = 0; ///< RelayService's, to find who waits for this job
};
