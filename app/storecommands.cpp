// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "storecommands.h"

#include "terminaltext.h"

#include "store/messagestore.h"
#include "store/storereader.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>

namespace {

void printLine(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
}

// What to say when the store belongs to a running Letterbox: it holds the only writer.
QString stopFirstHint()
{
    return QCoreApplication::translate("StoreCommands",
                                       "; stop the running Letterbox first or use the app");
}

QJsonArray toJson(const QList<QByteArray> &addresses)
{
    QJsonArray array;
    for (const QByteArray &address : addresses)
        array.append(QString::fromUtf8(address));
    return array;
}

QJsonObject summaryJson(const StoredMessage &message)
{
    return {{QStringLiteral("id"), message.id},
            {QStringLiteral("received"), message.received.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("from"), QString::fromUtf8(message.mailFrom)},
            {QStringLiteral("to"), toJson(message.recipients)},
            {QStringLiteral("subject"), message.subject},
            {QStringLiteral("size"), message.size},
            {QStringLiteral("header_from"), message.from},
            {QStringLiteral("header_to"), message.to},
            {QStringLiteral("read"), message.read},
            {QStringLiteral("has_attachments"), message.hasAttachments},
            {QStringLiteral("finding_count"), message.findingCount}};
}

// Column text on one line: control characters would break the one-line-per-message promise
// (and a tab the columns), escape sequences would reach the terminal.
QString oneLine(const QString &text)
{
    return TerminalText::oneLine(text);
}

QString noMessage(qint64 id, const QString &directory)
{
    return QCoreApplication::translate("StoreCommands", "no message %1 in %2")
        .arg(id)
        .arg(directory);
}

} // namespace

int printStoreError(const QString &message)
{
    std::fprintf(stderr, "letterbox: %s\n", message.toLocal8Bit().constData());
    return 2;
}

Result<std::unique_ptr<StoreReader>> openStoreReader(const QString &directory)
{
    Result<std::unique_ptr<StoreReader>> reader = StoreReader::open(directory);
    if (reader || reader.error().code != ErrorCode::StoreTooOld || MessageStore::isInUse(directory))
        return reader;
    if (const Result<std::unique_ptr<MessageStore>> store = MessageStore::open(directory); !store)
        return store.error();
    return StoreReader::open(directory);
}

std::unique_ptr<MessageStore> openStoreForWriting(const QString &directory, int *exitCode)
{
    Result<std::unique_ptr<MessageStore>> store = MessageStore::open(directory);
    if (store)
        return std::move(*store);
    const QString error = store.error().message;
    if (store.error().code == ErrorCode::StoreInUse) {
        std::fprintf(stderr, "letterbox: %s%s\n", error.toLocal8Bit().constData(),
                     stopFirstHint().toLocal8Bit().constData());
        *exitCode = 1;
    } else {
        *exitCode = printStoreError(error);
    }
    return nullptr;
}

namespace {

void printMessage(const StoredMessage &message, bool json)
{
    if (json) {
        printLine(QJsonDocument(summaryJson(message)).toJson(QJsonDocument::Compact));
        return;
    }
    QStringList to;
    for (const QByteArray &recipient : message.recipients)
        to.append(QString::fromUtf8(recipient));
    const QString from =
        message.from.isEmpty() ? QString::fromUtf8(message.mailFrom) : message.from;
    // oneLine() per column, so the tabs between the columns stay; no chained arg(), so a
    // "%6" in a subject or address is not taken for a placeholder.
    const QStringList columns{QString::number(message.id),
                              message.received.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                              oneLine(from),
                              oneLine(to.join(QStringLiteral(", "))),
                              message.subject.isEmpty() ? QStringLiteral("(no subject)")
                                                        : oneLine(message.subject),
                              QString::number(message.size)};
    printLine(columns.join(u'\t').toUtf8());
}

// list and search: the same query, the same lines; only the order differs.
int printMatches(const CommandLine &commandLine, bool oldestFirst)
{
    const Result<std::unique_ptr<StoreReader>> reader = openStoreReader(commandLine.storeDirectory);
    if (!reader)
        return printStoreError(reader.error().message);
    Result<QList<StoredMessage>> messages = (*reader)->search(commandLine.query, commandLine.limit);
    if (!messages)
        return printStoreError(QStringLiteral("query: ") + messages.error().message);
    if (oldestFirst)
        std::reverse(messages->begin(), messages->end());
    for (const StoredMessage &message : std::as_const(*messages))
        printMessage(message, commandLine.json);
    std::fflush(stdout);
    return 0;
}

} // namespace

int runList(const CommandLine &commandLine)
{
    return printMatches(commandLine, true);
}

int runSearch(const CommandLine &commandLine)
{
    return printMatches(commandLine, false);
}

int runDelete(const CommandLine &commandLine)
{
    const QString &directory = commandLine.storeDirectory;
    if (const Result<std::unique_ptr<StoreReader>> existing = StoreReader::open(directory);
        !existing && existing.error().code != ErrorCode::StoreTooOld)
        return printStoreError(existing.error().message);
    Result<std::unique_ptr<MessageStore>> opened = MessageStore::open(directory);
    if (!opened) {
        const QString error = opened.error().message;
        if (opened.error().code == ErrorCode::StoreInUse) {
            std::fprintf(stderr, "letterbox: %s%s\n", error.toLocal8Bit().constData(),
                         stopFirstHint().toLocal8Bit().constData());
            return 1;
        }
        return printStoreError(error);
    }
    const std::unique_ptr<MessageStore> store = std::move(*opened);
    // We hold the store now, so what the reader sees is what the deletion will find.
    Result<std::unique_ptr<StoreReader>> openedReader = StoreReader::open(directory);
    if (!openedReader)
        return printStoreError(openedReader.error().message);
    const std::unique_ptr<StoreReader> reader = std::move(*openedReader);
    qint64 count = 0;
    int exitCode = 0;
    if (commandLine.all) {
        count = reader->messageCount();
        store->removeAll();
    } else {
        QList<qint64> existing;
        for (const qint64 id : commandLine.messageIds) {
            if (reader->message(id) && !existing.contains(id)) {
                existing.append(id);
            } else if (!existing.contains(id)) {
                printStoreError(noMessage(id, directory));
                exitCode = 1;
            }
        }
        count = existing.size();
        store->remove(existing);
    }
    // Purged and the space given back before we let go of the store.
    store->finishMaintenance();
    printLine(
        QCoreApplication::translate("StoreCommands", "deleted %n message(s)", nullptr, int(count))
            .toUtf8());
    std::fflush(stdout);
    return exitCode;
}

int runRebuildIndex(const CommandLine &commandLine)
{
    const QString &directory = commandLine.storeDirectory;
    const Result<StoreRepair::Report> report = MessageStore::rebuildIndex(directory);
    if (!report) {
        if (report.error().code == ErrorCode::StoreInUse) {
            std::fprintf(stderr, "letterbox: %s%s\n",
                         report.error().message.toLocal8Bit().constData(),
                         stopFirstHint().toLocal8Bit().constData());
            return 1;
        }
        return printStoreError(report.error().message);
    }
    if (report->salvaged) {
        printLine(QCoreApplication::translate("StoreCommands",
                                              "the database was damaged (%1); salvaged %2 "
                                              "messages, %3 could not be read; the damaged file "
                                              "is kept as %4")
                      .arg(report->damageReason)
                      .arg(report->messages)
                      .arg(report->lostMessages)
                      .arg(report->damagedCopy)
                      .toUtf8());
    } else {
        printLine(QCoreApplication::translate("StoreCommands",
                                              "rebuilt the search index of %n message(s)", nullptr,
                                              int(report->messages))
                      .toUtf8());
    }
    std::fflush(stdout);
    return 0;
}

int runShow(const CommandLine &commandLine)
{
    Result<std::unique_ptr<StoreReader>> opened = openStoreReader(commandLine.storeDirectory);
    if (!opened)
        return printStoreError(opened.error().message);
    const std::unique_ptr<StoreReader> reader = std::move(*opened);
    const std::optional<StoredMessage> message = reader->message(commandLine.messageId);
    if (!message) {
        printStoreError(noMessage(commandLine.messageId, commandLine.storeDirectory));
        return 1;
    }
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered,
                  QFileDevice::DontCloseHandle))
        return printStoreError(out.errorString());
    if (commandLine.raw) {
        std::fflush(stdout);
        if (const Result<void> written = reader->writeRaw(message->id, &out); !written)
            return printStoreError(written.error().message);
        return 0;
    }
    if (commandLine.json) {
        QJsonObject object = summaryJson(*message);
        const QByteArray raw = reader->raw(message->id);
        object.insert(QStringLiteral("mail_parameters"),
                      QString::fromUtf8(message->mailParameters));
        object.insert(QStringLiteral("remote"), message->remoteAddress);
        object.insert(QStringLiteral("helo"), message->heloName);
        object.insert(QStringLiteral("tls"), message->tls);
        object.insert(QStringLiteral("auth_user"),
                      message->authUser.isEmpty() ? QJsonValue() : QJsonValue(message->authUser));
        object.insert(QStringLiteral("session"), qint64(message->sessionId));
        object.insert(QStringLiteral("message_id"), message->messageId);
        QJsonArray findings;
        for (const CheckFinding &finding : reader->findings(message->id)) {
            findings.append(QJsonObject{{QStringLiteral("severity"), toString(finding.severity)},
                                        {QStringLiteral("code"), finding.code},
                                        {QStringLiteral("message"), finding.message}});
        }
        object.insert(QStringLiteral("findings"), findings);
        object.insert(QStringLiteral("raw_base64"), QString::fromLatin1(raw.toBase64()));
        printLine(QJsonDocument(object).toJson(QJsonDocument::Compact));
        std::fflush(stdout);
        return 0;
    }
    // The envelope, HELO and user names are what a client chose: oneLine() keeps them to
    // their lines. The message that follows is the stored bytes, as --raw writes them.
    QStringList to;
    for (const QByteArray &recipient : message->recipients)
        to.append(u'<' + oneLine(QString::fromUtf8(recipient)) + u'>');
    printLine(
        QCoreApplication::translate("StoreCommands", "Message %1, received %2 from %3 (%4)%5%6")
            .arg(message->id)
            .arg(message->received.toString(Qt::ISODate), message->remoteAddress,
                 oneLine(message->heloName), message->tls ? QStringLiteral(", TLS") : QString(),
                 message->authUser.isEmpty()
                     ? QString()
                     : QCoreApplication::translate("StoreCommands", ", AUTH as %1")
                           .arg(oneLine(message->authUser)))
            .toUtf8());
    printLine(QString(QStringLiteral("MAIL FROM: <") + oneLine(QString::fromUtf8(message->mailFrom))
                      + u'>'
                      + (message->mailParameters.isEmpty()
                             ? QString()
                             : u' ' + oneLine(QString::fromUtf8(message->mailParameters))))
                  .toUtf8());
    printLine(QStringLiteral("RCPT TO:   %1").arg(to.join(QStringLiteral(", "))).toUtf8());
    for (const CheckFinding &finding : reader->findings(message->id)) {
        printLine(oneLine(QStringLiteral("Finding:   %1 %2: %3")
                              .arg(toString(finding.severity), finding.code, finding.message))
                      .toUtf8());
    }
    printLine(QByteArray());
    std::fflush(stdout);
    if (const Result<void> written = reader->writeRaw(message->id, &out); !written)
        return printStoreError(written.error().message);
    return 0;
}
