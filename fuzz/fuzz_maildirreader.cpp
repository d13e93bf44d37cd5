// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "exchange/maildirreader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>

// The input is a Maildir file name (as UTF-8): first through the pure name parsers, then as a
// real file in new/ of a scratch Maildir, listed by MaildirReader::list().
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static QTemporaryDir scratch;
    static const bool created = scratch.isValid()
                                && QDir(scratch.path()).mkpath(QStringLiteral("new"))
                                && QDir(scratch.path()).mkpath(QStringLiteral("cur"));
    if (!created)
        __builtin_trap();

    const QString name = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QDateTime delivered = MaildirReader::timeFromName(name);
    const bool seen = MaildirReader::seenFromName(name);
    if (delivered.isValid() && delivered.offsetFromUtc() != 0)
        __builtin_trap();

    // A name the file system takes: no '/', no NUL, not too long, not "." or "..".
    QString fileName = name.left(120);
    fileName.replace(u'/', u'_').replace(QChar(0), u'_');
    if (fileName.isEmpty() || fileName == u"." || fileName == u"..")
        return 0;
    const QDir newDir(QDir(scratch.path()).filePath(QStringLiteral("new")));
    for (const QString &old : newDir.entryList(QDir::Files | QDir::Hidden))
        QFile::remove(newDir.filePath(old));
    QFile file(newDir.filePath(fileName));
    if (!file.open(QIODevice::WriteOnly))
        return 0; // a name this file system refuses
    file.write(reinterpret_cast<const char *>(data), qint64(size));
    file.close();

    const Result<QList<MaildirReader::Entry>> entries = MaildirReader::list(scratch.path());
    if (!entries || !MaildirReader::isMaildir(scratch.path()))
        __builtin_trap();
    const bool hidden = fileName.startsWith(u'.');
    if (entries->size() != (hidden ? 0 : 1))
        __builtin_trap();
    if (!hidden) {
        const MaildirReader::Entry &entry = entries->first();
        if (entry.size != qint64(size) || entry.seen != MaildirReader::seenFromName(entry.name)
            || entry.delivered != MaildirReader::timeFromName(entry.name))
            __builtin_trap();
        if (entry.name == name && (entry.seen != seen || entry.delivered != delivered))
            __builtin_trap();
    }
    return 0;
}
