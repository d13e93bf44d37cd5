// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "maildirreader.h"

#include <QDir>
#include <QFileInfo>
#include <QTimeZone>

#include <algorithm>

bool MaildirReader::isMaildir(const QString &directory)
{
    const QDir dir(directory);
    return QFileInfo(dir.filePath(QStringLiteral("cur"))).isDir()
           || QFileInfo(dir.filePath(QStringLiteral("new"))).isDir();
}

QDateTime MaildirReader::timeFromName(QStringView name)
{
    qsizetype digits = 0;
    while (digits < name.size() && name[digits].isDigit())
        ++digits;
    if (digits == 0 || digits > 12 || digits >= name.size() || name[digits] != u'.')
        return {};
    bool ok = false;
    const qint64 seconds = name.first(digits).toLongLong(&ok);
    if (!ok)
        return {};
    qint64 micros = 0;
    const QStringView rest = name.sliced(digits + 1);
    if (rest.startsWith(u'M')) {
        qsizetype end = 1;
        while (end < rest.size() && rest[end].isDigit())
            ++end;
        const qint64 value = rest.sliced(1, end - 1).toLongLong(&ok);
        if (ok && end > 1 && value < 1000000)
            micros = value;
    }
    return QDateTime::fromMSecsSinceEpoch(seconds * 1000 + micros / 1000, QTimeZone::utc());
}

bool MaildirReader::seenFromName(QStringView name)
{
    const qsizetype info = name.lastIndexOf(u":2,");
    return info >= 0 && name.sliced(info + 3).contains(u'S');
}

Result<QList<MaildirReader::Entry>> MaildirReader::list(const QString &directory)
{
    QList<Entry> entries;
    bool listed = false;
    for (const QString &sub : {QStringLiteral("new"), QStringLiteral("cur")}) {
        const QDir dir(QDir(directory).filePath(sub));
        if (!dir.exists())
            continue;
        if (!dir.isReadable())
            return Error(ErrorCode::FileUnreadable,
                         QStringLiteral("cannot read %1").arg(dir.path()), dir.path());
        listed = true;
        // QDir::Files skips sockets, FIFOs and dangling links, none of which is a message;
        // without QDir::Hidden it skips the dot files some tools leave behind.
        const QFileInfoList files = dir.entryInfoList(QDir::Files, QDir::Name);
        for (const QFileInfo &file : files) {
            Entry entry;
            entry.path = file.filePath();
            entry.name = file.fileName();
            entry.delivered = timeFromName(entry.name);
            entry.seen = seenFromName(entry.name);
            entry.size = file.size();
            entries.append(std::move(entry));
        }
    }
    if (!listed)
        return Error(ErrorCode::MalformedInput,
                     QStringLiteral("%1 has neither new/ nor cur/").arg(directory), directory);
    // Names without a time go last, in name order.
    std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        if (a.delivered.isValid() != b.delivered.isValid())
            return a.delivered.isValid();
        if (a.delivered != b.delivered)
            return a.delivered < b.delivered;
        return a.name < b.name;
    });
    return entries;
}
