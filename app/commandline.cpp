// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "commandline.h"

#include "faults/faultrule.h"
#include "smtp/credentialchecker.h"
#include "smtp/smtpserversettings.h"
#include "store/searchquery.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <map>

namespace {

CommandLineResult failure(const QString &message)
{
    return {std::nullopt, QStringLiteral("letterbox: ") + message, 2, {}};
}

bool parsePositive(const QString &text, qint64 *value)
{
    bool ok = false;
    *value = text.toLongLong(&ok);
    return ok && *value > 0;
}

/// The usage part of --help, translated when a translation is installed (not for docgen).
QString usage()
{
    return QCoreApplication::translate(
        "CommandLine",
        "Usage:\n"
        "  letterbox [options]                              desktop app\n"
        "  letterbox --headless [options]                   no window, until SIGINT/SIGTERM\n"
        "  letterbox list [--store DIR] [--json] [--limit N] [--] [QUERY]\n"
        "                                                   stored messages, oldest first\n"
        "  letterbox search [--store DIR] [--json] [--limit N] [--] QUERY\n"
        "                                                   matching messages, newest first\n"
        "  letterbox show [--store DIR] ID [--raw|--json]   one message\n"
        "  letterbox delete [--store DIR] ID...|--all       delete messages (not while a\n"
        "                                                   Letterbox runs on the store)\n"
        "  letterbox rebuild-index [--store DIR]            rebuild the search index; salvage a\n"
        "                                                   damaged store\n"
        "  letterbox export [--store DIR] [--format eml|mbox|maildir]\n"
        "                   (--query QUERY | --all | ID...) DEST\n"
        "                                                   copy messages out: .eml files in the\n"
        "                                                   folder DEST, an mbox file or a "
        "Maildir\n"
        "  letterbox import [--store DIR] PATH...           .eml files, folders of them, mbox "
        "files,\n"
        "                                                   Maildirs (not while a Letterbox runs "
        "on\n"
        "                                                   the store)\n"
        "  letterbox release [--store DIR] --relay-host HOST:PORT --relay-allow PATTERN...\n"
        "                    [relay options] ID --to ADDR...\n"
        "                                                   deliver a stored message for real "
        "(not\n"
        "                                                   while a Letterbox runs on the store: "
        "use\n"
        "                                                   its API or Release... there)\n"
        "\n"
        "Retention when serving: --retain-messages N keeps the newest N messages, --retain-days D\n"
        "  removes messages older than D days (both off unless given; the desktop app also has\n"
        "  them under Settings > Storage & Desktop).\n"
        "Export format when --format is not given: mbox if DEST ends in .mbox, maildir if DEST is\n"
        "  a Maildir (has cur/ or new/), otherwise a folder of .eml files.\n"
        "\n");
}

// A file of test users or a passphrase is small; anything bigger is the wrong file.
constexpr qint64 kMaxSecretFileSize = 1024 * 1024;

// The lines of a secret file, without their line endings (LF or CRLF). Errors and warnings
// name the option and the file, never what is in it.
std::optional<QList<QByteArray>> readSecretFile(const QString &option, const QString &path,
                                                QString *error, QStringList *warnings)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("CommandLine", "%1: cannot read %2: %3")
                     .arg(option, path, file.errorString());
        return std::nullopt;
    }
    // Read in a loop: a pipe (--tls-passphrase-file <(pass show x)) has no size up front.
    QByteArray data;
    while (data.size() <= kMaxSecretFileSize) {
        const QByteArray chunk = file.read(kMaxSecretFileSize + 1 - data.size());
        if (chunk.isEmpty())
            break;
        data.append(chunk);
    }
    if (file.error() != QFileDevice::NoError) {
        *error = QCoreApplication::translate("CommandLine", "%1: cannot read %2: %3")
                     .arg(option, path, file.errorString());
        return std::nullopt;
    }
    if (data.size() > kMaxSecretFileSize) {
        *error = QCoreApplication::translate("CommandLine", "%1: %2 is larger than %3 bytes")
                     .arg(option, path)
                     .arg(kMaxSecretFileSize);
        return std::nullopt;
    }
    const QFileInfo info(path);
    if (info.isFile()
        && (info.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) != 0)
        warnings->append(QCoreApplication::translate(
                             "CommandLine", "warning: %1 %2 can be read by other users (chmod 600)")
                             .arg(option, path));
    QList<QByteArray> lines = data.split('\n');
    if (lines.size() > 1 && lines.back().isEmpty())
        lines.removeLast();
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    return lines;
}

// Every number of messages list and search can ask for.
constexpr qint64 kMaxLimit = 1000000000;

using Id = ConfigSetting::Id;

// --help for a setting: its help line with the default and the bounds from the table.
QString optionHelp(const ConfigSetting &setting)
{
    // The table's help texts are literals, NUL-terminated as translate() wants them.
    QString text = QCoreApplication::translate("ConfigSetting", setting.help.data());
    if (setting.kind == ConfigSetting::Kind::Number)
        text += QStringLiteral(" (") + setting.rangeText() + u')';
    else if (!setting.defaultText.isEmpty())
        text +=
            QCoreApplication::translate("CommandLine", " (default %1)").arg(setting.defaultText);
    return text + u'.';
}

/// Every option of the command line: one per setting of the ConfigSetting table that has one
/// (name, value name, help, default and bounds are written there only), and the command line's
/// own. The parser, --help, the man page and the bash completion all take them from here.
struct Options
{
    Options();
    /// In --help order.
    QList<QCommandLineOption> inHelpOrder() const;

    std::map<Id, QCommandLineOption> settings;
    const QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("CommandLine", "Show this help.")};
    const QCommandLineOption version{
        QStringLiteral("version"), QCoreApplication::translate("CommandLine", "Show the version.")};
    const QCommandLineOption headless{
        QStringLiteral("headless"),
        QCoreApplication::translate("CommandLine", "Run without a window.")};
    const QCommandLineOption quit{
        QStringLiteral("quit"),
        QCoreApplication::translate(
            "CommandLine",
            "Stop the Letterbox running on the store (--store DIR; without it the desktop app's "
            "store, then the default one) the way SIGTERM does, and wait until it has stopped; "
            "exit 1 when none runs.")};
    const QCommandLineOption minimized{
        QStringLiteral("minimized"),
        QCoreApplication::translate("CommandLine",
                                    "Desktop app: start in the system tray (minimised where there "
                                    "is none); what the \"Open at login\" entry runs.")};
    const QCommandLineOption tlsPassphraseFile{
        QStringLiteral("tls-passphrase-file"),
        QCoreApplication::translate(
            "CommandLine", "Passphrase of the key: the first line of FILE (else "
                           "$LETTERBOX_TLS_PASSPHRASE, when no passphrase option is given)."),
        QStringLiteral("FILE")};
    const QCommandLineOption authUserFile{
        QStringLiteral("auth-user-file"),
        QCoreApplication::translate(
            "CommandLine", "Repeatable; like --auth-user, one USER:PASSWORD per line (blank lines "
                           "and lines starting with # are skipped)."),
        QStringLiteral("FILE")};
    const QCommandLineOption events{
        QStringLiteral("events"),
        QCoreApplication::translate("CommandLine",
                                    "One line per event on stdout: json, text or none."),
        QStringLiteral("FORMAT"), QStringLiteral("text")};
    const QCommandLineOption json{
        QStringLiteral("json"),
        QCoreApplication::translate("CommandLine", "list/show: JSON output.")};
    const QCommandLineOption raw{
        QStringLiteral("raw"),
        QCoreApplication::translate("CommandLine", "show: exactly the stored bytes.")};
    const QCommandLineOption all{
        QStringLiteral("all"),
        QCoreApplication::translate("CommandLine", "delete/export: every stored message.")};
    const QCommandLineOption query{
        QStringLiteral("query"),
        QCoreApplication::translate("CommandLine", "export: the messages matching QUERY."),
        QStringLiteral("QUERY")};
    const QCommandLineOption exportFormat{
        QStringLiteral("format"),
        QCoreApplication::translate("CommandLine", "export: eml, mbox or maildir."),
        QStringLiteral("FORMAT")};
    const QCommandLineOption limit{
        QStringLiteral("limit"),
        QCoreApplication::translate("CommandLine", "list/search: at most N messages, the newest."),
        QStringLiteral("N")};
    const QCommandLineOption to{
        QStringLiteral("to"),
        QCoreApplication::translate("CommandLine", "release: a recipient (repeatable)."),
        QStringLiteral("ADDR")};
};

Options::Options()
{
    for (const ConfigSetting &setting : ConfigSetting::all()) {
        if (!setting.option.isEmpty())
            settings.emplace(setting.id,
                             QCommandLineOption(QString(setting.option), optionHelp(setting),
                                                QString(setting.valueName)));
    }
}

QList<QCommandLineOption> Options::inHelpOrder() const
{
    QList<QCommandLineOption> result{help, version, headless, quit, minimized};
    for (const auto &[id, settingOption] : settings) {
        result.append(settingOption);
        // The file variants right after the options they stand in for.
        if (id == Id::TlsPassphrase)
            result.append(tlsPassphraseFile);
        if (id == Id::AuthUsers)
            result.append(authUserFile);
    }
    result.append({events, json, raw, all, query, exportFormat, limit, to});
    return result;
}

} // namespace

QList<QCommandLineOption> commandLineOptions()
{
    return Options().inHelpOrder();
}

QString commandLineUsage()
{
    return usage();
}

const QStringList &commandLineSubcommands()
{
    static const QStringList names{QStringLiteral("list"),          QStringLiteral("search"),
                                   QStringLiteral("show"),          QStringLiteral("delete"),
                                   QStringLiteral("rebuild-index"), QStringLiteral("export"),
                                   QStringLiteral("import"),        QStringLiteral("release")};
    return names;
}

QString searchLanguageHelp()
{
    QString help = QCoreApplication::translate(
        "CommandLine",
        "QUERY: words (all must match), \"a phrase\", word*, a OR b, -word, NOT word, ( ), and\n");
    for (const SearchQuery::Keyword &keyword : SearchQuery::keywords()) {
        const QString form = keyword.name + u':' + keyword.argument;
        help += QStringLiteral("  %1 %2\n")
                    .arg(form, -30)
                    .arg(QCoreApplication::translate("SearchQuery", keyword.description.data()));
    }
    help += QCoreApplication::translate(
        "CommandLine",
        "  -- ends the options, so a query can start with -: letterbox search -- -draft\n"
        "  (export: --query=-draft).\n");
    return help;
}

CommandLineResult parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate(
            "CommandLine", "Letterbox catches the mail your application sends and shows it.\n\n")
        + usage() + searchLanguageHelp());
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const Options options;
    parser.addOptions(options.inHelpOrder());
    const QCommandLineOption &help = options.help;
    const QCommandLineOption &version = options.version;
    const QCommandLineOption &headless = options.headless;
    const QCommandLineOption &quit = options.quit;
    const QCommandLineOption &minimized = options.minimized;
    const QCommandLineOption &tlsPassphraseFile = options.tlsPassphraseFile;
    const QCommandLineOption &authUserFile = options.authUserFile;
    const QCommandLineOption &events = options.events;
    const QCommandLineOption &json = options.json;
    const QCommandLineOption &raw = options.raw;
    const QCommandLineOption &all = options.all;
    const QCommandLineOption &query = options.query;
    const QCommandLineOption &exportFormat = options.exportFormat;
    const QCommandLineOption &limit = options.limit;
    const QCommandLineOption &to = options.to;
    const auto option = [&options](Id id) -> const QCommandLineOption & {
        return options.settings.at(id);
    };
    const QCommandLineOption &store = option(Id::StoreDirectory);
    const QCommandLineOption &retainMessages = option(Id::RetainMessages);
    const QCommandLineOption &retainDays = option(Id::RetainDays);
    QStringList commands = commandLineSubcommands();
    const QString lastCommand = commands.takeLast();
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QCoreApplication::translate("CommandLine", "%1 or %2 (optional)")
                                     .arg(commands.join(QStringLiteral(", ")), lastCommand));

    if (!parser.parse(arguments)) {
        // "-draft" is a query (NOT draft) as much as an unknown option; say how to mean it.
        const QString command = parser.positionalArguments().value(0);
        if (command == u"list" || command == u"search")
            return failure(parser.errorText()
                           + QCoreApplication::translate(
                                 "CommandLine", " (a query starting with - goes after --, e.g. "
                                                "letterbox %1 -- -draft; see --help)")
                                 .arg(command));
        return failure(parser.errorText()
                       + QCoreApplication::translate("CommandLine", " (see --help)"));
    }
    if (parser.isSet(help))
        return {std::nullopt, parser.helpText(), 0, {}};
    if (parser.isSet(version))
        return {std::nullopt, QStringLiteral("letterbox " LETTERBOX_VERSION), 0, {}};

    CommandLine result;
    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty()) {
        if (positional.front() == u"list") {
            result.command = CommandLine::Command::List;
            if (positional.size() > 1)
                result.query = positional.mid(1).join(u' ');
        } else if (positional.front() == u"search") {
            result.command = CommandLine::Command::Search;
            result.query = positional.mid(1).join(u' ');
            if (result.query.trimmed().isEmpty())
                return failure(QCoreApplication::translate("CommandLine",
                                                           "search needs a query (see --help)"));
        } else if (positional.front() == u"delete") {
            result.command = CommandLine::Command::Delete;
            result.all = parser.isSet(all);
            for (const QString &argument : positional.mid(1)) {
                qint64 id = 0;
                if (!parsePositive(argument, &id))
                    return failure(QCoreApplication::translate("CommandLine",
                                                               "delete: \"%1\" is not a message id")
                                       .arg(argument));
                result.messageIds.append(id);
            }
            if (result.all == !result.messageIds.isEmpty())
                return failure(QCoreApplication::translate(
                    "CommandLine", "delete needs message ids or --all (not both)"));
        } else if (positional.front() == u"export") {
            result.command = CommandLine::Command::Export;
            if (positional.size() < 2)
                return failure(QCoreApplication::translate(
                    "CommandLine", "export needs a destination (see --help)"));
            result.exportDestination = positional.back();
            result.all = parser.isSet(all);
            result.exportQuery = parser.isSet(query);
            result.query = parser.value(query);
            for (const QString &argument : positional.mid(1, positional.size() - 2)) {
                qint64 id = 0;
                if (!parsePositive(argument, &id))
                    return failure(QCoreApplication::translate("CommandLine",
                                                               "export: \"%1\" is not a message id")
                                       .arg(argument));
                result.messageIds.append(id);
            }
            if (int(result.all) + int(result.exportQuery) + int(!result.messageIds.isEmpty()) != 1)
                return failure(QStringLiteral(
                    "export needs one of --query QUERY, --all or message ids, then DEST"));
            if (parser.isSet(exportFormat)) {
                const auto chosen = MessageExporter::formatFromName(parser.value(exportFormat));
                if (!chosen)
                    return failure(QCoreApplication::translate(
                        "CommandLine", "--format must be eml, mbox or maildir"));
                result.exportFormat = *chosen;
            } else {
                result.exportFormat = MessageExporter::defaultFormat(result.exportDestination);
            }
        } else if (positional.front() == u"import") {
            result.command = CommandLine::Command::Import;
            result.importPaths = positional.mid(1);
            if (result.importPaths.isEmpty())
                return failure(QCoreApplication::translate(
                    "CommandLine", "import needs at least one file or folder"));
        } else if (positional.front() == u"rebuild-index") {
            result.command = CommandLine::Command::RebuildIndex;
            if (positional.size() > 1)
                return failure(
                    QCoreApplication::translate("CommandLine", "rebuild-index takes no arguments"));
        } else if (positional.front() == u"release") {
            result.command = CommandLine::Command::Release;
            qint64 id = 0;
            if (positional.size() != 2 || !parsePositive(positional.at(1), &id))
                return failure(QCoreApplication::translate(
                    "CommandLine", "release needs one message id and --to ADDR"));
            result.messageId = id;
            result.releaseRecipients = parser.values(to);
            if (result.releaseRecipients.isEmpty())
                return failure(QCoreApplication::translate("CommandLine",
                                                           "release needs at least one --to ADDR"));
        } else if (positional.front() == u"show") {
            result.command = CommandLine::Command::Show;
            qint64 id = 0;
            if (positional.size() != 2 || !parsePositive(positional.at(1), &id))
                return failure(QCoreApplication::translate(
                    "CommandLine", "show needs one message id (see letterbox list)"));
            result.messageId = id;
        } else {
            return failure(
                QCoreApplication::translate("CommandLine", "unknown command \"%1\" (see --help)")
                    .arg(positional.front()));
        }
    }
    result.storeDirectory =
        parser.isSet(store) ? parser.value(store) : ServerConfig::defaultStoreDirectory();
    result.storeGiven = parser.isSet(store);
    result.quit = parser.isSet(quit);
    result.minimized = parser.isSet(minimized);
    if (result.quit) {
        // --quit acts on a running instance; anything else given with it would be ignored.
        QStringList others = parser.optionNames();
        others.removeAll(QStringLiteral("quit"));
        others.removeAll(QStringLiteral("store"));
        if (result.command != CommandLine::Command::Serve || !others.isEmpty())
            return failure(
                QCoreApplication::translate("CommandLine", "--quit takes only --store DIR"));
        return {result, {}, 0, {}};
    }
    if (result.minimized
        && (result.command != CommandLine::Command::Serve || parser.isSet(headless)))
        return failure(
            QCoreApplication::translate("CommandLine", "--minimized goes with the desktop app"));
    result.json = parser.isSet(json);
    result.raw = parser.isSet(raw);
    if (result.raw && result.json)
        return failure(
            QCoreApplication::translate("CommandLine", "--raw and --json exclude each other"));
    if (parser.isSet(all) && result.command != CommandLine::Command::Delete
        && result.command != CommandLine::Command::Export)
        return failure(
            QCoreApplication::translate("CommandLine", "--all goes with delete and export"));
    if ((parser.isSet(query) || parser.isSet(exportFormat))
        && result.command != CommandLine::Command::Export)
        return failure(
            QCoreApplication::translate("CommandLine", "--query and --format go with export"));
    if ((parser.isSet(retainMessages) || parser.isSet(retainDays))
        && result.command != CommandLine::Command::Serve)
        return failure(QCoreApplication::translate(
            "CommandLine", "--retain-messages and --retain-days go with serving"));
    if (parser.isSet(limit)) {
        qint64 number = 0;
        if (result.command != CommandLine::Command::List
            && result.command != CommandLine::Command::Search)
            return failure(
                QCoreApplication::translate("CommandLine", "--limit goes with list and search"));
        if (!parsePositive(parser.value(limit), &number) || number > kMaxLimit)
            return failure(
                QCoreApplication::translate("CommandLine", "--limit must be a number from 1 to %1")
                    .arg(kMaxLimit));
        result.limit = int(number);
    }
    if (parser.isSet(to) && result.command != CommandLine::Command::Release)
        return failure(QCoreApplication::translate("CommandLine", "--to goes with release"));
    if (result.command != CommandLine::Command::Serve
        && result.command != CommandLine::Command::Release)
        return {result, {}, 0, {}};

    result.headless = parser.isSet(headless);
    ServerConfig &config = result.config;
    const auto give = [&result](Id id) {
        result.given.insert(id);
    };
    if (parser.isSet(store)) {
        config.storeDirectory = result.storeDirectory;
        give(Id::StoreDirectory);
    }
    for (const ConfigSetting &setting : ConfigSetting::all()) {
        if (setting.option.isEmpty() || !parser.isSet(option(setting.id)))
            continue;
        const QString value = parser.value(option(setting.id));
        switch (setting.kind) {
        case ConfigSetting::Kind::Number: {
            const Result<qint64> number = setting.parseOption(value);
            if (!number)
                return failure(number.error().message);
            config.setValue(setting.id, *number);
            give(setting.id);
            break;
        }
        case ConfigSetting::Kind::Flag:
            config.setValue(setting.id, true);
            give(setting.id);
            break;
        case ConfigSetting::Kind::Text:
            config.setValue(setting.id, value);
            give(setting.id);
            break;
        case ConfigSetting::Kind::List:
        case ConfigSetting::Kind::Secret:
            break; // below: each has its own syntax or sources
        }
    }
    for (const Id id : {Id::Listen, Id::TlsListen, Id::ApiListen}) {
        if (!result.given.contains(id) || (id == Id::ApiListen && !config.apiEnabled()))
            continue;
        const QString text = config.value(id).toString();
        if (const auto address = ListenAddress::parse(text); !address)
            return failure(QCoreApplication::translate("CommandLine", "--%1: %2")
                               .arg(ConfigSetting::of(id).option, address.error().message));
    }

    QString error;
    QStringList warnings;
    if (parser.isSet(option(Id::TlsPassphrase)) && parser.isSet(tlsPassphraseFile))
        return failure(QCoreApplication::translate(
            "CommandLine", "--tls-passphrase and --tls-passphrase-file exclude each "
                           "other"));
    if (parser.isSet(option(Id::TlsPassphrase))) {
        config.tlsPassphrase = parser.value(option(Id::TlsPassphrase)).toUtf8();
        give(Id::TlsPassphrase);
    } else if (parser.isSet(tlsPassphraseFile)) {
        const auto lines = readSecretFile(QStringLiteral("--tls-passphrase-file"),
                                          parser.value(tlsPassphraseFile), &error, &warnings);
        if (!lines)
            return failure(error);
        config.tlsPassphrase = lines->value(0);
        give(Id::TlsPassphrase);
    } else if (result.given.contains(Id::TlsCertificate)) {
        // Not on the command line, where every user of the machine could read it (ps). It
        // belongs to the key given with it, so it replaces a saved one even when unset.
        config.tlsPassphrase = qgetenv("LETTERBOX_TLS_PASSPHRASE");
        give(Id::TlsPassphrase);
    }
    if (config.tlsCertFile.isEmpty() != config.tlsKeyFile.isEmpty())
        return failure(
            QCoreApplication::translate("CommandLine", "--tls-cert and --tls-key go together"));
    const bool tlsConfigured = config.tlsConfigured();
    if (!config.tlsListen.isEmpty() && !tlsConfigured)
        return failure(QCoreApplication::translate("CommandLine",
                                                   "--tls-listen needs --tls-cert and --tls-key"));
    if (config.requireTls && !tlsConfigured)
        return failure(QCoreApplication::translate("CommandLine",
                                                   "--require-tls needs --tls-cert and --tls-key"));

    QStringList userSpecs;
    for (const QString &spec : parser.values(option(Id::AuthUsers))) {
        if (!CredentialChecker::parseUserSpec(spec))
            return failure(QCoreApplication::translate("CommandLine",
                                                       "--auth-user: \"%1\" is not USER:PASSWORD")
                               .arg(spec));
        userSpecs.append(spec);
    }
    for (const QString &path : parser.values(authUserFile)) {
        const auto lines =
            readSecretFile(QStringLiteral("--auth-user-file"), path, &error, &warnings);
        if (!lines)
            return failure(error);
        int users = 0;
        for (qsizetype i = 0; i < lines->size(); ++i) {
            const QByteArray &line = lines->at(i);
            if (line.trimmed().isEmpty() || line.startsWith('#'))
                continue;
            const QString spec = QString::fromUtf8(line);
            if (!CredentialChecker::parseUserSpec(spec))
                return failure(
                    QCoreApplication::translate("CommandLine",
                                                "--auth-user-file: %1 line %2 is not USER:PASSWORD")
                        .arg(path)
                        .arg(i + 1));
            userSpecs.append(spec);
            ++users;
        }
        if (users == 0)
            return failure(QCoreApplication::translate(
                               "CommandLine", "--auth-user-file: %1 has no USER:PASSWORD line")
                               .arg(path));
    }
    if (!userSpecs.isEmpty()) {
        config.authUsers = userSpecs;
        give(Id::AuthUsers);
    }
    const bool authConfigured = !userSpecs.isEmpty() || config.authAcceptAny;
    if (authConfigured) {
        config.authEnabled = true;
        give(Id::AuthEnabled);
    }
    if ((config.authRequired || parser.isSet(option(Id::AuthMechanisms))
         || config.allowInsecureAuth)
        && !authConfigured)
        return failure(QCoreApplication::translate(
            "CommandLine", "AUTH options need --auth-user, --auth-user-file or --auth-accept-any"));
    if (parser.isSet(option(Id::AuthMechanisms))) {
        QStringList mechanisms;
        for (const QString &name :
             parser.value(option(Id::AuthMechanisms)).split(u',', Qt::SkipEmptyParts)) {
            const auto type = SaslMechanism::fromName(name.trimmed().toLatin1());
            if (!type)
                return failure(
                    QStringLiteral(
                        "--auth-mechanisms: unknown mechanism \"%1\" (PLAIN, LOGIN, CRAM-MD5)")
                        .arg(name.trimmed()));
            mechanisms.append(QString(SaslMechanism::name(*type)));
        }
        if (mechanisms.isEmpty())
            return failure(QCoreApplication::translate("CommandLine",
                                                       "--auth-mechanisms: no mechanism given"));
        config.authMechanisms = mechanisms;
        give(Id::AuthMechanisms);
    }
    if (parser.isSet(option(Id::ApiAuth))) {
        for (const QString &spec : parser.values(option(Id::ApiAuth))) {
            if (!CredentialChecker::parseUserSpec(spec))
                return failure(QCoreApplication::translate(
                                   "CommandLine", "--api-auth: \"%1\" is not USER:PASSWORD")
                                   .arg(spec));
        }
        config.apiUsers = parser.values(option(Id::ApiAuth));
        give(Id::ApiAuth);
    }
    if (parser.isSet(option(Id::AcceptRcpt))) {
        config.acceptRcptPatterns = parser.values(option(Id::AcceptRcpt));
        give(Id::AcceptRcpt);
    }
    if (parser.isSet(option(Id::FaultRules))) {
        const QStringList rules = parser.values(option(Id::FaultRules));
        for (qsizetype i = 0; i < rules.size(); ++i) {
            if (const Result<FaultRule> rule = FaultRule::parse(rules.at(i)); !rule)
                return failure(QCoreApplication::translate("CommandLine", "--fault %1 (\"%2\"): %3")
                                   .arg(i + 1)
                                   .arg(rules.at(i).left(80), rule.error().message));
        }
        if (rules.size() > FaultSettings::kMaxRules)
            return failure(QCoreApplication::translate("CommandLine", "--fault: at most %1 rules")
                               .arg(FaultSettings::kMaxRules));
        config.faultRules = rules;
        give(Id::FaultRules);
        // Rules given for this run are meant to apply, even over a saved master switch.
        config.faultsEnabled = true;
        give(Id::FaultsEnabled);
    }
    if (parser.isSet(option(Id::RelayAllow))) {
        config.relayAllow = parser.values(option(Id::RelayAllow));
        give(Id::RelayAllow);
    }
    // The relay's values (host, TLS mode, user, sender, patterns, query) are checked as the
    // settings check them; the message names the option instead of the setting.
    for (const Error &problem : config.validate()) {
        const ConfigSetting *setting = ConfigSetting::byKey(problem.field);
        if (!setting || !problem.field.startsWith(u"relay.") || setting->option.isEmpty())
            continue;
        if (!result.given.contains(setting->id) && problem.code != ErrorCode::Conflict)
            continue;
        return failure(QCoreApplication::translate("CommandLine", "--%1: %2")
                           .arg(setting->option, problem.message));
    }
    if (result.command == CommandLine::Command::Release && !config.relayConfigured())
        return failure(
            QCoreApplication::translate("CommandLine", "release needs --relay-host HOST:PORT"));

    const QString format = parser.value(events);
    if (format == u"json")
        result.events = CommandLine::EventFormat::Json;
    else if (format == u"text")
        result.events = CommandLine::EventFormat::Text;
    else if (format == u"none")
        result.events = CommandLine::EventFormat::None;
    else
        return failure(
            QCoreApplication::translate("CommandLine", "--events must be json, text or none"));
    return {result, {}, 0, warnings};
}
