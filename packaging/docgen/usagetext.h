// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

/// The usage part of --help (commandLineUsage()) taken apart for the man page: one entry per
/// way to run letterbox, and the notes after them. The text has two columns: the synopsis of
/// an entry starts with "  letterbox" and may go on over indented lines; its description
/// stands in the right-hand column, which starts where the first line indented that far does.
class UsageText
{
public:
    struct Entry
    {
        QString synopsis;    ///< "letterbox list [--store DIR] ...", continuation lines joined
        QString description; ///< the right-hand column, lines joined
    };

    static UsageText parse(const QString &usage);

    QList<Entry> entries;
    QStringList notes; ///< the paragraphs after the entries, lines joined
};
