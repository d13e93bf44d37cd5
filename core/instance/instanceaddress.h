// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

/// Where the Letterbox running on a store can be reached: one local socket (and the lock file
/// that decides who may listen on it) per user and store, so two stores still run side by side.
///
/// The socket lives in $XDG_RUNTIME_DIR, the place the XDG Base Directory specification gives a
/// user's sockets: private to the user (0700), on tmpfs, emptied at logout, so a socket a crash
/// left behind does not outlive the session. Sessions without one (cron, su, some containers)
/// fall back to the temporary folder, with the user id in the name; there the socket itself is
/// made owner-only (QLocalServer::UserAccessOption).
class InstanceAddress final
{
public:
    /// The address for `storeDirectory` in runtimeDirectory().
    static InstanceAddress forStore(const QString &storeDirectory);
    /// The address for `storeDirectory` in `runtimeDirectory` (tests).
    static InstanceAddress forStore(const QString &storeDirectory, const QString &runtimeDirectory);

    /// $XDG_RUNTIME_DIR when it is set, is a folder of this user and nobody else may enter it;
    /// otherwise the temporary folder.
    static QString runtimeDirectory();
    /// The store's path with symlinks and `..` resolved, also when (the end of) it does not
    /// exist yet: the first launch names the same store as the ones after it created it.
    static QString canonicalStorePath(const QString &storeDirectory);

    /// The socket's path: what QLocalServer::listen() and QLocalSocket::connectToServer() take.
    QString serverName() const { return m_serverName; }
    /// The QLockFile held by the process that listens on serverName().
    QString lockPath() const { return m_serverName + QStringLiteral(".lock"); }
    /// The store, as canonicalStorePath() gives it (for messages).
    QString storePath() const { return m_storePath; }

private:
    QString m_serverName;
    QString m_storePath;
};
