// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "commandline.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

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

const QString kUsage = QStringLiteral(
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
    "                                                   folder DEST, an mbox file or a Maildir\n"
    "  letterbox import [--store DIR] PATH...           .eml files, folders of them, mbox files,\n"
    "                                                   Maildirs (not while a Letterbox runs on\n"
    "                                                   the store)\n"
    "\n"
    "Retention when serving: --retain-messages N keeps the newest N messages, --retain-days D\n"
    "  removes messages older than D days (both off unless given; the desktop app also has\n"
    "  them under Settings > Storage & Desktop).\n"
    "Export format when --format is not given: mbox if DEST ends in .mbox, maildir if DEST is\n"
    "  a Maildir (has cur/ or new/), otherwise a folder of .eml files.\n"
    "\n"
    "QUERY: words (all must match), \"a phrase\", word*, a OR b, -word, NOT word, ( ),\n"
    "  from: to: cc: subject: body:, has:attachment, has:findings, is:read, is:unread,\n"
    "  before:/after:/on:YYYY-MM-DD, larger:/smaller:SIZE (10k, 2M), id:N, finding:CODE\n"
    "  -- ends the options, so a query can start with -: letterbox search -- -draft\n"
    "  (export: --query=-draft).\n");

// A file of test users or a passphrase is small; anything bigger is the wrong file.
constexpr qint64 kMaxSecretFileSize = 1024 * 1024;

// The lines of a secret file, without their line endings (LF or CRLF). Errors and warnings
// name the option and the file, never what is in it.
std::optional<QList<QByteArray>> readSecretFile(const QString &option, const QString &path,
                                                QString *error, QStringList *warnings)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read %2: %3").arg(option, path, file.errorString());
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
        *error = QStringLiteral("%1: cannot read %2: %3").arg(option, path, file.errorString());
        return std::nullopt;
    }
    if (data.size() > kMaxSecretFileSize) {
        *error = QStringLiteral("%1: %2 is larger than %3 bytes")
                     .arg(option, path)
                     .arg(kMaxSecretFileSize);
        return std::nullopt;
    }
    const QFileInfo info(path);
    if (info.isFile()
        && (info.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) != 0)
        warnings->append(QStringLiteral("warning: %1 %2 can be read by other users (chmod 600)")
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

// Every number of messages a command line can ask for.
constexpr qint64 kMaxLimit = 1000000000;
// A hundred years is as old as retention by age gets.
constexpr qint64 kMaxRetainDays = 36500;

} // namespace

QString CommandLine::defaultStoreDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

CommandLineResult parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Letterbox catches the mail your application sends and shows it.\n\n")
        + kUsage);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    const QCommandLineOption version(QStringLiteral("version"),
                                     QStringLiteral("Show the version."));
    const QCommandLineOption headless(QStringLiteral("headless"),
                                      QStringLiteral("Run without a window."));
    const QCommandLineOption listen(
        QStringLiteral("listen"),
        QStringLiteral("Plain SMTP listener with optional STARTTLS (default 127.0.0.1:1025)."),
        QStringLiteral("ADDR:PORT"));
    const QCommandLineOption tlsListen(
        QStringLiteral("tls-listen"),
        QStringLiteral("Implicit-TLS (SMTPS) listener; off unless given."),
        QStringLiteral("ADDR:PORT"));
    const QCommandLineOption store(QStringLiteral("store"), QStringLiteral("Store directory."),
                                   QStringLiteral("DIR"));
    const QCommandLineOption maildir(
        QStringLiteral("maildir"),
        QStringLiteral("Also mirror every committed message into this Maildir."),
        QStringLiteral("DIR"));
    const QCommandLineOption hostname(
        QStringLiteral("hostname"), QStringLiteral("Host name in greetings and Received headers."),
        QStringLiteral("NAME"));
    const QCommandLineOption appName(QStringLiteral("app-name"),
                                     QStringLiteral("Application name in the greeting."),
                                     QStringLiteral("NAME"));
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"),
                                     QStringLiteral("PEM certificate (chain) file."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption tlsKey(
        QStringLiteral("tls-key"), QStringLiteral("PEM private key file."), QStringLiteral("FILE"));
    const QCommandLineOption tlsPassphrase(QStringLiteral("tls-passphrase"),
                                           QStringLiteral("Passphrase of the key."),
                                           QStringLiteral("TEXT"));
    const QCommandLineOption tlsPassphraseFile(
        QStringLiteral("tls-passphrase-file"),
        QStringLiteral("Passphrase of the key: the first line of FILE (else "
                       "$LETTERBOX_TLS_PASSPHRASE, when no passphrase option is given)."),
        QStringLiteral("FILE"));
    const QCommandLineOption requireTls(
        QStringLiteral("require-tls"),
        QStringLiteral("Only NOOP, EHLO, STARTTLS and QUIT before TLS."));
    const QCommandLineOption authUser(QStringLiteral("auth-user"),
                                      QStringLiteral("Repeatable; enables AUTH with this user."),
                                      QStringLiteral("USER:PASSWORD"));
    const QCommandLineOption authUserFile(
        QStringLiteral("auth-user-file"),
        QStringLiteral("Repeatable; like --auth-user, one USER:PASSWORD per line (blank lines "
                       "and lines starting with # are skipped)."),
        QStringLiteral("FILE"));
    const QCommandLineOption authAcceptAny(
        QStringLiteral("auth-accept-any"),
        QStringLiteral("AUTH accepts any credentials (still reported)."));
    const QCommandLineOption requireAuth(
        QStringLiteral("require-auth"),
        QStringLiteral("Only AUTH, EHLO, HELO, NOOP, RSET, QUIT (and STARTTLS) before AUTH."));
    const QCommandLineOption authMechanisms(
        QStringLiteral("auth-mechanisms"),
        QStringLiteral("Mechanisms to offer, e.g. PLAIN,LOGIN,CRAM-MD5."), QStringLiteral("LIST"));
    const QCommandLineOption allowInsecureAuth(
        QStringLiteral("allow-insecure-auth"),
        QStringLiteral("Offer LOGIN and PLAIN before TLS too."));
    const QCommandLineOption maxSize(QStringLiteral("max-size"),
                                     QStringLiteral("Largest message in bytes (default 33554432)."),
                                     QStringLiteral("BYTES"));
    const QCommandLineOption maxRecipients(QStringLiteral("max-recipients"),
                                           QStringLiteral("Recipients per message (default 1000)."),
                                           QStringLiteral("N"));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
                                     QStringLiteral("Idle timeout in seconds (default 300)."),
                                     QStringLiteral("SECONDS"));
    const QCommandLineOption tlsHandshakeTimeout(
        QStringLiteral("tls-handshake-timeout"),
        QStringLiteral("Seconds a client has to finish the TLS handshake (default 15)."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption maxConnections(QStringLiteral("max-connections"),
                                            QStringLiteral("Concurrent connections (default 100)."),
                                            QStringLiteral("N"));
    const QCommandLineOption acceptRcpt(
        QStringLiteral("accept-rcpt"),
        QStringLiteral("Repeatable; accept only recipients matching this wildcard pattern."),
        QStringLiteral("PATTERN"));
    const QCommandLineOption events(
        QStringLiteral("events"),
        QStringLiteral("One line per event on stdout: json, text or none."),
        QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("list/show: JSON output."));
    const QCommandLineOption raw(QStringLiteral("raw"),
                                 QStringLiteral("show: exactly the stored bytes."));
    const QCommandLineOption all(QStringLiteral("all"),
                                 QStringLiteral("delete/export: every stored message."));
    const QCommandLineOption query(QStringLiteral("query"),
                                   QStringLiteral("export: the messages matching QUERY."),
                                   QStringLiteral("QUERY"));
    const QCommandLineOption exportFormat(QStringLiteral("format"),
                                          QStringLiteral("export: eml, mbox or maildir."),
                                          QStringLiteral("FORMAT"));
    const QCommandLineOption retainMessages(
        QStringLiteral("retain-messages"),
        QStringLiteral("Keep at most N messages, removing the oldest (off by default)."),
        QStringLiteral("N"));
    const QCommandLineOption retainDays(
        QStringLiteral("retain-days"),
        QStringLiteral("Remove messages older than D days (off by default)."), QStringLiteral("D"));
    const QCommandLineOption limit(QStringLiteral("limit"),
                                   QStringLiteral("list/search: at most N messages, the newest."),
                                   QStringLiteral("N"));
    parser.addOptions({help,
                       version,
                       headless,
                       listen,
                       tlsListen,
                       store,
                       maildir,
                       hostname,
                       appName,
                       tlsCert,
                       tlsKey,
                       tlsPassphrase,
                       tlsPassphraseFile,
                       requireTls,
                       authUser,
                       authUserFile,
                       authAcceptAny,
                       requireAuth,
                       authMechanisms,
                       allowInsecureAuth,
                       maxSize,
                       maxRecipients,
                       timeout,
                       tlsHandshakeTimeout,
                       maxConnections,
                       acceptRcpt,
                       events,
                       json,
                       raw,
                       all,
                       query,
                       exportFormat,
                       limit,
                       retainMessages,
                       retainDays});
    parser.addPositionalArgument(
        QStringLiteral("command"),
        QStringLiteral("list, search, show, delete, rebuild-index, export or import (optional)"));

    if (!parser.parse(arguments)) {
        // "-draft" is a query (NOT draft) as much as an unknown option; say how to mean it.
        const QString command = parser.positionalArguments().value(0);
        if (command == u"list" || command == u"search")
            return failure(parser.errorText()
                           + QStringLiteral(" (a query starting with - goes after --, e.g. "
                                            "letterbox %1 -- -draft; see --help)")
                                 .arg(command));
        return failure(parser.errorText() + QStringLiteral(" (see --help)"));
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
                return failure(QStringLiteral("search needs a query (see --help)"));
        } else if (positional.front() == u"delete") {
            result.command = CommandLine::Command::Delete;
            result.all = parser.isSet(all);
            for (const QString &argument : positional.mid(1)) {
                qint64 id = 0;
                if (!parsePositive(argument, &id))
                    return failure(
                        QStringLiteral("delete: \"%1\" is not a message id").arg(argument));
                result.messageIds.append(id);
            }
            if (result.all == !result.messageIds.isEmpty())
                return failure(QStringLiteral("delete needs message ids or --all (not both)"));
        } else if (positional.front() == u"export") {
            result.command = CommandLine::Command::Export;
            if (positional.size() < 2)
                return failure(QStringLiteral("export needs a destination (see --help)"));
            result.exportDestination = positional.back();
            result.all = parser.isSet(all);
            result.exportQuery = parser.isSet(query);
            result.query = parser.value(query);
            for (const QString &argument : positional.mid(1, positional.size() - 2)) {
                qint64 id = 0;
                if (!parsePositive(argument, &id))
                    return failure(
                        QStringLiteral("export: \"%1\" is not a message id").arg(argument));
                result.messageIds.append(id);
            }
            if (int(result.all) + int(result.exportQuery) + int(!result.messageIds.isEmpty()) != 1)
                return failure(QStringLiteral(
                    "export needs one of --query QUERY, --all or message ids, then DEST"));
            if (parser.isSet(exportFormat)) {
                const auto chosen = MessageExporter::formatFromName(parser.value(exportFormat));
                if (!chosen)
                    return failure(QStringLiteral("--format must be eml, mbox or maildir"));
                result.exportFormat = *chosen;
            } else {
                result.exportFormat = MessageExporter::defaultFormat(result.exportDestination);
            }
        } else if (positional.front() == u"import") {
            result.command = CommandLine::Command::Import;
            result.importPaths = positional.mid(1);
            if (result.importPaths.isEmpty())
                return failure(QStringLiteral("import needs at least one file or folder"));
        } else if (positional.front() == u"rebuild-index") {
            result.command = CommandLine::Command::RebuildIndex;
            if (positional.size() > 1)
                return failure(QStringLiteral("rebuild-index takes no arguments"));
        } else if (positional.front() == u"show") {
            result.command = CommandLine::Command::Show;
            qint64 id = 0;
            if (positional.size() != 2 || !parsePositive(positional.at(1), &id))
                return failure(QStringLiteral("show needs one message id (see letterbox list)"));
            result.messageId = id;
        } else {
            return failure(
                QStringLiteral("unknown command \"%1\" (see --help)").arg(positional.front()));
        }
    }
    result.storeDirectory =
        parser.isSet(store) ? parser.value(store) : CommandLine::defaultStoreDirectory();
    result.json = parser.isSet(json);
    result.raw = parser.isSet(raw);
    if (result.raw && result.json)
        return failure(QStringLiteral("--raw and --json exclude each other"));
    if (parser.isSet(all) && result.command != CommandLine::Command::Delete
        && result.command != CommandLine::Command::Export)
        return failure(QStringLiteral("--all goes with delete and export"));
    if ((parser.isSet(query) || parser.isSet(exportFormat))
        && result.command != CommandLine::Command::Export)
        return failure(QStringLiteral("--query and --format go with export"));
    if ((parser.isSet(retainMessages) || parser.isSet(retainDays))
        && result.command != CommandLine::Command::Serve)
        return failure(QStringLiteral("--retain-messages and --retain-days go with serving"));
    if (parser.isSet(limit)) {
        qint64 number = 0;
        if (result.command != CommandLine::Command::List
            && result.command != CommandLine::Command::Search)
            return failure(QStringLiteral("--limit goes with list and search"));
        if (!parsePositive(parser.value(limit), &number) || number > kMaxLimit)
            return failure(QStringLiteral("--limit must be a number from 1 to %1").arg(kMaxLimit));
        result.limit = int(number);
    }
    if (result.command != CommandLine::Command::Serve)
        return {result, {}, 0, {}};

    result.headless = parser.isSet(headless);
    result.maildirDirectory = parser.value(maildir);
    if (parser.isSet(retainMessages)) {
        qint64 number = 0;
        if (!parsePositive(parser.value(retainMessages), &number) || number > kMaxLimit)
            return failure(
                QStringLiteral("--retain-messages must be a number from 1 to %1").arg(kMaxLimit));
        result.retainMessages = int(number);
    }
    if (parser.isSet(retainDays)) {
        qint64 number = 0;
        if (!parsePositive(parser.value(retainDays), &number) || number > kMaxRetainDays)
            return failure(
                QStringLiteral("--retain-days must be a number from 1 to %1").arg(kMaxRetainDays));
        result.retainDays = int(number);
    }
    SmtpServerSettings &settings = result.settings;
    QString error;
    if (parser.isSet(listen)) {
        const auto address = ListenAddress::parse(parser.value(listen), &error);
        if (!address)
            return failure(QStringLiteral("--listen: ") + error);
        settings.listen = *address;
    }
    if (parser.isSet(tlsListen)) {
        const auto address = ListenAddress::parse(parser.value(tlsListen), &error);
        if (!address)
            return failure(QStringLiteral("--tls-listen: ") + error);
        settings.tlsListen = *address;
    }
    if (parser.isSet(hostname))
        settings.hostName = parser.value(hostname);
    if (parser.isSet(appName))
        settings.appName = parser.value(appName);

    result.tlsCertFile = parser.value(tlsCert);
    result.tlsKeyFile = parser.value(tlsKey);
    QStringList warnings;
    if (parser.isSet(tlsPassphrase) && parser.isSet(tlsPassphraseFile))
        return failure(QStringLiteral("--tls-passphrase and --tls-passphrase-file exclude each "
                                      "other"));
    if (parser.isSet(tlsPassphrase)) {
        result.tlsPassphrase = parser.value(tlsPassphrase).toUtf8();
    } else if (parser.isSet(tlsPassphraseFile)) {
        const auto lines = readSecretFile(QStringLiteral("--tls-passphrase-file"),
                                          parser.value(tlsPassphraseFile), &error, &warnings);
        if (!lines)
            return failure(error);
        result.tlsPassphrase = lines->value(0);
    } else {
        // Not on the command line, where every user of the machine could read it (ps).
        result.tlsPassphrase = qgetenv("LETTERBOX_TLS_PASSPHRASE");
    }
    if (result.tlsCertFile.isEmpty() != result.tlsKeyFile.isEmpty())
        return failure(QStringLiteral("--tls-cert and --tls-key go together"));
    const bool tlsConfigured = !result.tlsCertFile.isEmpty();
    if (settings.tlsListen && !tlsConfigured)
        return failure(QStringLiteral("--tls-listen needs --tls-cert and --tls-key"));
    settings.requireTls = parser.isSet(requireTls);
    if (settings.requireTls && !tlsConfigured)
        return failure(QStringLiteral("--require-tls needs --tls-cert and --tls-key"));

    for (const QString &spec : parser.values(authUser)) {
        QByteArray user;
        QByteArray password;
        if (!CredentialChecker::parseUserSpec(spec, &user, &password))
            return failure(QStringLiteral("--auth-user: \"%1\" is not USER:PASSWORD").arg(spec));
        result.credentials.addUser(user, password);
        result.authUserSpecs.append(spec);
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
            QByteArray user;
            QByteArray password;
            if (!CredentialChecker::parseUserSpec(spec, &user, &password))
                return failure(QStringLiteral("--auth-user-file: %1 line %2 is not USER:PASSWORD")
                                   .arg(path)
                                   .arg(i + 1));
            result.credentials.addUser(user, password);
            result.authUserSpecs.append(spec);
            ++users;
        }
        if (users == 0)
            return failure(
                QStringLiteral("--auth-user-file: %1 has no USER:PASSWORD line").arg(path));
    }
    result.credentials.setAcceptAny(parser.isSet(authAcceptAny));
    result.authConfigured = !result.credentials.isEmpty();
    settings.authRequired = parser.isSet(requireAuth);
    if ((settings.authRequired || parser.isSet(authMechanisms) || parser.isSet(allowInsecureAuth))
        && !result.authConfigured)
        return failure(
            QStringLiteral("AUTH options need --auth-user, --auth-user-file or --auth-accept-any"));
    if (parser.isSet(authMechanisms)) {
        settings.authMechanisms.clear();
        for (const QString &name : parser.value(authMechanisms).split(u',', Qt::SkipEmptyParts)) {
            const auto type = SaslMechanism::fromName(name.trimmed().toLatin1());
            if (!type)
                return failure(
                    QStringLiteral(
                        "--auth-mechanisms: unknown mechanism \"%1\" (PLAIN, LOGIN, CRAM-MD5)")
                        .arg(name.trimmed()));
            settings.authMechanisms.insert(*type);
        }
        if (settings.authMechanisms.isEmpty())
            return failure(QStringLiteral("--auth-mechanisms: no mechanism given"));
    }
    if (parser.isSet(allowInsecureAuth)) {
        for (const SaslMechanism::Type type : SaslMechanism::allTypes())
            settings.authMechanismsBeforeTls.insert(type);
    }

    qint64 number = 0;
    if (parser.isSet(maxSize)) {
        if (!parsePositive(parser.value(maxSize), &number))
            return failure(QStringLiteral("--max-size must be a positive number of bytes"));
        settings.maxMessageSize = number;
    }
    if (parser.isSet(maxRecipients)) {
        if (!parsePositive(parser.value(maxRecipients), &number) || number > 1000000)
            return failure(QStringLiteral("--max-recipients must be a number from 1 to 1000000"));
        settings.maxRecipients = int(number);
    }
    if (parser.isSet(timeout)) {
        if (!parsePositive(parser.value(timeout), &number) || number > 86400)
            return failure(QStringLiteral("--timeout must be a number of seconds from 1 to 86400"));
        settings.idleTimeout = std::chrono::seconds(number);
    }
    if (parser.isSet(tlsHandshakeTimeout)) {
        if (!parsePositive(parser.value(tlsHandshakeTimeout), &number) || number > 3600)
            return failure(QStringLiteral(
                "--tls-handshake-timeout must be a number of seconds from 1 to 3600"));
        settings.tlsHandshakeTimeout = std::chrono::seconds(number);
    }
    if (parser.isSet(maxConnections)) {
        if (!parsePositive(parser.value(maxConnections), &number) || number > 100000)
            return failure(QStringLiteral("--max-connections must be a number from 1 to 100000"));
        settings.maxConnections = int(number);
    }
    result.acceptRcptPatterns = parser.values(acceptRcpt);

    const QString format = parser.value(events);
    if (format == u"json")
        result.events = CommandLine::EventFormat::Json;
    else if (format == u"text")
        result.events = CommandLine::EventFormat::Text;
    else if (format == u"none")
        result.events = CommandLine::EventFormat::None;
    else
        return failure(QStringLiteral("--events must be json, text or none"));
    return {result, {}, 0, warnings};
}
