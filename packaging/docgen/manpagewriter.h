// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QCommandLineOption>
#include <QList>
#include <QString>

/// letterbox(1) in roff (man(7) macros), from what --help is made of: the options, the usage
/// text and the search language. Exit codes, files and environment variables are described
/// here, next to the only other place that lists them, README.md.
class ManPageWriter
{
public:
    struct Input
    {
        QString version;
        QList<QCommandLineOption> options;
        QString usage;      ///< commandLineUsage()
        QString searchHelp; ///< searchLanguageHelp()
    };

    static QString write(const Input &input);
    /// `text` safe as roff text: backslashes, minus signs and control characters at the start of
    /// a line escaped.
    static QString escape(const QString &text);
};
