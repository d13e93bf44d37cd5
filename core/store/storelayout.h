// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QLatin1StringView>
#include <QString>

/// The names a store is made of, each defined here once: the files in the store directory and
/// the bits of `messages.flags`, with the SQL tests of those bits that every statement uses.
/// Stateless; any thread.
class StoreLayout final
{
public:
    /// The SQLite database, in the store directory.
    static constexpr QLatin1StringView kDatabaseFileName{"letterbox.sqlite3"};
    /// The lock file that keeps a second writer out (QLockFile).
    static constexpr QLatin1StringView kLockFileName{"letterbox.lock"};
    /// Where sessions spool large messages, in the store directory.
    static constexpr QLatin1StringView kSpoolDirectoryName{"spool"};

    /// The bits of messages.flags.
    enum MessageFlag : qint64 {
        Read = 1,    ///< the user has seen the message
        Deleted = 2, ///< removed; invisible to readers, purged a step at a time
    };

    static QString databasePath(const QString &directory);
    static QString lockPath(const QString &directory);
    static QString spoolPath(const QString &directory);

    /// SQL that is true for messages flagged deleted: "flags & 2", or "m.flags & 2" with the
    /// alias "m". The partial index messages_deleted is declared with exactly this expression,
    /// which SQLite needs to see again in a WHERE clause before it uses the index.
    static QByteArray deletedSql(QByteArrayView alias = {});
    /// SQL that is true for messages not flagged deleted: "(flags & 2) = 0".
    static QByteArray liveSql(QByteArrayView alias = {});
    /// SQL that is true for messages marked read: "(flags & 1) <> 0".
    static QByteArray readSql(QByteArrayView alias = {});
    /// SQL that is true for unread messages: "(flags & 1) = 0".
    static QByteArray unreadSql(QByteArrayView alias = {});
};
