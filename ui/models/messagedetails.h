// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "events/events.h"
#include "mime/messagechecker.h"
#include "mime/messageparts.h"
#include "relay/relayoutcome.h"
#include "store/storedmessage.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

/// An inline part served to the HTML preview under its cid: URL.
struct InlinePart
{
    QByteArray contentType;
    QByteArray data;
};

/// Everything the message view shows of one message, read and parsed off the GUI thread by
/// StoreLoader::loadMessage(). A plain value: it crosses threads in a queued signal.
struct MessageDetails
{
    quint64 requestId = 0; ///< echoes the request, so stale answers can be dropped
    qint64 id = 0;
    bool found = false;
    QString error;
    StoredMessage message;
    QByteArray raw; ///< exactly the stored bytes
    MessageParts parts;
    QHash<QString, InlinePart> inlineParts; ///< by Content-ID, for cid: URLs
    QList<ProtocolLine> trace;              ///< the stored trace of the delivering session
    std::optional<SessionInfo> session;
    QList<CheckFinding> findings;
    QList<RelayOutcome> relayAttempts; ///< every stored relay attempt, oldest first
    /// The message as an .eml file in a private temporary folder, written by the loader so that
    /// dragging it out of the inbox needs no disk access on the GUI thread; empty if it could
    /// not be written.
    QString dragFile;
};
