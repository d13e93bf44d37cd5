// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>

/// An automatic relay waiting for a retry after a temporary failure (table relay_queue).
struct RelayQueueEntry
{
    qint64 id = 0; ///< the row; 0 before it is stored
    qint64 messageId = 0;
    QList<QByteArray> recipients; ///< those still to be delivered
    QDateTime firstTry;
    QDateTime nextTry;
    int tries = 0;

    friend bool operator==(const RelayQueueEntry &, const RelayQueueEntry &) = default;
};
