// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "config/serverconfig.h"
#include "exchange/messageexporter.h"

#include <QCommandLineOption>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

/// What the command line asks for. Parsing checks syntax and bounds (from the ConfigSetting
/// table) and reads the secret files (--auth-user-file, --tls-passphrase-file); other files
/// (certificates, the store) are opened by whoever runs the command, so their errors name the
/// file.
struct CommandLine
{
    enum class Command { Serve, List, Show, Search, Delete, RebuildIndex, Import, Export, Release };
    enum class EventFormat { Text, Json, None };

    Command command = Command::Serve;
    bool headless = false;
    bool quit = false;       ///< --quit: stop the instance on the store instead of serving
    bool minimized = false;  ///< --minimized: the desktop app starts in the tray
    QString storeDirectory;  ///< --store, else the default store (every command)
    bool storeGiven = false; ///< --store was given

    // serve (and release, which takes the relay settings from here)
    /// The defaults with every setting the command line gives on top. Headless mode serves it
    /// as it is; the desktop app applies the settings in `given` over its saved ones.
    ServerConfig config;
    /// The settings an option gave, whatever their value: those win over the saved settings,
    /// also where the value equals the default (--max-size 33554432).
    QSet<ConfigSetting::Id> given;
    EventFormat events = EventFormat::Text;

    // list / show / search / delete
    bool json = false;
    bool raw = false;
    QString query;
    qint64 messageId = 0;
    int limit = -1;           ///< list and search: at most this many (the newest); -1: all
    QList<qint64> messageIds; ///< delete, export
    bool all = false;         ///< delete --all, export --all

    // import / export
    QStringList importPaths;
    QString exportDestination;
    MessageExporter::Format exportFormat = MessageExporter::Format::Eml;
    bool exportQuery = false; ///< export --query (the query is in `query`)

    // release: messageId, to these recipients, through the relay in `config`
    QStringList releaseRecipients;
};

/// The outcome of parsing: a command line, or text to print and an exit code (help and
/// version exit 0; errors exit 2 with one line naming the problem).
struct CommandLineResult
{
    std::optional<CommandLine> commandLine;
    QString output;
    int exitCode = 0;
    QStringList warnings; ///< one line each for stderr, e.g. a secret file others can read
};

CommandLineResult parseCommandLine(const QStringList &arguments);
/// The QUERY part of --help: one line per keyword of SearchQuery::keywords(), with its value
/// form and description.
QString searchLanguageHelp();
/// Every option parseCommandLine() takes, in --help order: what the man page and the bash
/// completion are generated from (packaging/docgen), so they list what --help lists.
QList<QCommandLineOption> commandLineOptions();
/// The usage part of --help: one entry per way to run letterbox, with its arguments.
QString commandLineUsage();
/// The subcommands (`letterbox list`, ...), in the order of the usage text.
const QStringList &commandLineSubcommands();
