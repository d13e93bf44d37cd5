// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "usagetext.h"

namespace {

// Continuation lines of a synopsis are indented less than this; the description column more.
constexpr qsizetype kMinimumColumn = 24;

qsizetype indentation(const QString &line)
{
    qsizetype spaces = 0;
    while (spaces < line.size() && line.at(spaces) == u' ')
        ++spaces;
    return spaces;
}

void appendWords(QString *text, const QString &words)
{
    const QString trimmed = words.simplified();
    if (trimmed.isEmpty())
        return;
    if (!text->isEmpty())
        text->append(u' ');
    text->append(trimmed);
}

} // namespace

UsageText UsageText::parse(const QString &usage)
{
    const QStringList lines = usage.split(u'\n');
    // The right-hand column: where the first gap of two or more spaces after a synopsis ends, or
    // the indentation of the first line that has nothing on the left.
    qsizetype column = 0;
    for (const QString &line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        if (indentation(line) >= kMinimumColumn) {
            column = indentation(line);
            break;
        }
        if (const qsizetype gap = line.indexOf(QStringLiteral("  "), indentation(line)); gap > 0) {
            column = gap + indentation(line.mid(gap));
            break;
        }
    }
    // A line has a description when the right-hand column starts after two spaces; a longer
    // synopsis runs past the column and has its description on the next line.
    const auto hasDescription = [column](const QString &line) {
        return column > 0 && line.size() > column && line.at(column) != u' '
               && line.at(column - 1) == u' ' && line.at(column - 2) == u' ';
    };
    UsageText result;
    bool inNotes = false;
    QString note;
    for (const QString &line : lines) {
        if (line.trimmed().isEmpty()) {
            // The entries end at the first blank line after them; notes are separated by one.
            if (!result.entries.isEmpty())
                inNotes = true;
            if (!note.isEmpty())
                result.notes.append(note);
            note.clear();
            continue;
        }
        if (inNotes) {
            // A note's first line starts at the left margin; its continuations are indented.
            if (indentation(line) == 0 && !note.isEmpty()) {
                result.notes.append(note);
                note.clear();
            }
            appendWords(&note, line);
            continue;
        }
        if (line.trimmed().startsWith(u"letterbox")) {
            Entry entry;
            appendWords(&entry.synopsis, hasDescription(line) ? line.left(column) : line);
            if (hasDescription(line))
                appendWords(&entry.description, line.mid(column));
            result.entries.append(entry);
        } else if (!result.entries.isEmpty()) {
            Entry &entry = result.entries.last();
            if (column > 0 && indentation(line) >= column)
                appendWords(&entry.description, line);
            else
                appendWords(&entry.synopsis, line);
        }
    }
    if (!note.isEmpty())
        result.notes.append(note);
    return result;
}
