// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QCommandLineOption>
#include <QList>
#include <QString>
#include <QStringList>

/// The bash completion script for letterbox, from the command line's options and subcommands:
/// options after "-", subcommands as the first word, files for options whose value is a FILE,
/// folders for a DIR, files for import's and export's arguments.
class BashCompletionWriter
{
public:
    struct Input
    {
        QList<QCommandLineOption> options;
        QStringList subcommands;
    };

    static QString write(const Input &input);
};
