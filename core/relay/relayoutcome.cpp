// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "relayoutcome.h"

bool RelayOutcome::delivered() const
{
    if (recipients.isEmpty())
        return false;
    for (const RecipientResult &recipient : recipients) {
        if (!recipient.delivered())
            return false;
    }
    return true;
}

bool RelayOutcome::temporaryFailure() const
{
    return !delivered() && !temporarilyFailed().isEmpty();
}

QList<QByteArray> RelayOutcome::temporarilyFailed() const
{
    QList<QByteArray> result;
    for (const RecipientResult &recipient : recipients) {
        if (!recipient.delivered() && recipient.temporary)
            result.append(recipient.address);
    }
    return result;
}
