// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "storelayout.h"

#include <QDir>

static QByteArray flagsColumn(QByteArrayView alias)
{
    return alias.isEmpty() ? QByteArray("flags") : alias.toByteArray() + ".flags";
}

static QByteArray flagTest(QByteArrayView alias, StoreLayout::MessageFlag flag)
{
    return flagsColumn(alias) + " & " + QByteArray::number(qint64(flag));
}

QString StoreLayout::databasePath(const QString &directory)
{
    return QDir(directory).filePath(kDatabaseFileName);
}

QString StoreLayout::lockPath(const QString &directory)
{
    return QDir(directory).filePath(kLockFileName);
}

QString StoreLayout::spoolPath(const QString &directory)
{
    return QDir(directory).filePath(kSpoolDirectoryName);
}

QByteArray StoreLayout::deletedSql(QByteArrayView alias)
{
    return flagTest(alias, Deleted);
}

QByteArray StoreLayout::liveSql(QByteArrayView alias)
{
    return '(' + flagTest(alias, Deleted) + ") = 0";
}

QByteArray StoreLayout::readSql(QByteArrayView alias)
{
    return '(' + flagTest(alias, Read) + ") <> 0";
}

QByteArray StoreLayout::unreadSql(QByteArrayView alias)
{
    return '(' + flagTest(alias, Read) + ") = 0";
}
