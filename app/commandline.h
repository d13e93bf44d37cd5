// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "exchange/messageexporter.h"
#include "smtp/credentialchecker.h"
#include "smtp/smtpserversettings.h"

#include <QString>
#include <QStringList>

#include <optional>

/// What the command line asks for. Parsing checks syntax and reads the secret files
/// (--auth-user-file, --tls-passphrase-file); other files (certificates, the store) are opened
/// by whoever runs the command, so their errors name the file.
struct CommandLine
{
    enum class Command { Serve, List, Show, Search, Delete, RebuildIndex, Import, Export };
    enum class EventFormat { Text, Json, None };

    Command command = Command::Serve;
    bool headless = false;
    QString storeDirectory;
    QString maildirDirectory;

    // serve
    SmtpServerSettings settings;
    QString tlsCertFile;
    QString tlsKeyFile;
    QByteArray tlsPassphrase; ///< --tls-passphrase(-file), else $LETTERBOX_TLS_PASSPHRASE
    CredentialChecker credentials;
    QStringList authUserSpecs; ///< "USER:PASSWORD" from --auth-user and --auth-user-file
    bool authConfigured = false;
    QList<QString> acceptRcptPatterns;
    EventFormat events = EventFormat::Text;
    int retainMessages = 0; ///< --retain-messages: keep at most this many; 0: no limit
    int retainDays = 0;     ///< --retain-days: keep none older than this; 0: no limit

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

    /// The default store: $XDG_DATA_HOME/letterbox (QStandardPaths::AppDataLocation).
    static QString defaultStoreDirectory();
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
