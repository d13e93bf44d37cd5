// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "instanceaddress.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QStringList>

#include <unistd.h>

namespace {

// Enough of the hash to tell a user's stores apart, short enough that the path stays far below
// the 108 bytes of sockaddr_un.sun_path.
constexpr qsizetype kHashLength = 16;

} // namespace

InstanceAddress InstanceAddress::forStore(const QString &storeDirectory)
{
    return forStore(storeDirectory, runtimeDirectory());
}

InstanceAddress InstanceAddress::forStore(const QString &storeDirectory,
                                          const QString &runtimeDirectory)
{
    InstanceAddress address;
    address.m_storePath = canonicalStorePath(storeDirectory);
    const QString uid = QString::number(::getuid());
    // The user is part of the hash and of the name: in the shared temporary folder two users
    // with the same store path (/tmp/s1) must not meet.
    const QByteArray hash = QCryptographicHash::hash((uid + u'\0' + address.m_storePath).toUtf8(),
                                                     QCryptographicHash::Sha256)
                                .toHex()
                                .left(kHashLength);
    address.m_serverName =
        QDir(runtimeDirectory)
            .filePath(QStringLiteral("letterbox-%1-%2.socket").arg(uid, QString::fromLatin1(hash)));
    return address;
}

QString InstanceAddress::runtimeDirectory()
{
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty()) {
        const QFileInfo info(runtime);
        constexpr auto kOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup
                                 | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                 | QFileDevice::WriteOther | QFileDevice::ExeOther;
        if (info.isDir() && info.ownerId() == ::getuid() && (info.permissions() & kOthers) == 0)
            return info.absoluteFilePath();
    }
    return QDir::tempPath();
}

QString InstanceAddress::canonicalStorePath(const QString &storeDirectory)
{
    // Resolve the longest part that exists, then add the rest as written (cleaned).
    QString existing = QDir::cleanPath(QDir(storeDirectory).absolutePath());
    QStringList missing;
    while (!QFileInfo::exists(existing)) {
        const QFileInfo info(existing);
        const QString parent = info.path();
        if (parent == existing)
            break;
        missing.prepend(info.fileName());
        existing = parent;
    }
    QString path = QFileInfo(existing).canonicalFilePath();
    if (path.isEmpty())
        path = existing;
    for (const QString &part : missing)
        path = QDir(path).filePath(part);
    return QDir::cleanPath(path);
}
