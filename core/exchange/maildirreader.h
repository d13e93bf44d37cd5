// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

/// Lists the messages of a Maildir: the files in new/ and cur/, oldest first by the time in
/// their names. tmp/ (deliveries in progress) and dot files are left out. A pure listing; the
/// caller reads the files. Any thread.
class MaildirReader final
{
public:
    struct Entry
    {
        QString path;
        QString name;        ///< the file name, e.g. "1764305020.M1P2Q3.host,S=12:2,S"
        QDateTime delivered; ///< from the name, in UTC; invalid when the name has no time
        bool seen = false;   ///< the S flag in the name's ":2," info
        qint64 size = 0;
    };

    /// True when `directory` has a cur/ or a new/ folder.
    static bool isMaildir(const QString &directory);

    /// The messages, sorted by the time in their names (then by name). FileUnreadable when
    /// new/ or cur/ cannot be read, MalformedInput when there is neither.
    static Result<QList<Entry>> list(const QString &directory);

    /// The delivery time a Maildir name starts with: "<seconds>." and, when the next field is
    /// "M<microseconds>" (as Dovecot and we write), the microseconds too.
    static QDateTime timeFromName(QStringView name);
    /// True when the info part (":2,<flags>") holds the S (seen) flag.
    static bool seenFromName(QStringView name);
};
