// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "storecommands.h"

#include "store/storereader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace {

void printLine(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
}

int storeError(const QString &message)
{
    std::fprintf(stderr, "letterbox: %s\n", message.toLocal8Bit().constData());
    return 2;
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
            {QStringLiteral("header_to"), message.to}};
}

// Until the search language arrives, QUERY matches a case-insensitive substring of the
// envelope, the From/To headers or the subject.
bool matches(const StoredMessage &message, const QString &query)
{
    if (query.isEmpty())
        return true;
    QString haystack = message.subject + u'\n' + message.from + u'\n' + message.to + u'\n'
                       + QString::fromUtf8(message.mailFrom);
    for (const QByteArray &recipient : message.recipients)
        haystack += u'\n' + QString::fromUtf8(recipient);
    return haystack.contains(query, Qt::CaseInsensitive);
}

// Column text on one line: control characters would break the one-line-per-message promise.
QString oneLine(QString text)
{
    for (QChar &c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            c = u' ';
    }
    return text;
}

} // namespace

int runList(const CommandLine &commandLine)
{
    QString error;
    const std::unique_ptr<StoreReader> reader =
        StoreReader::open(commandLine.storeDirectory, &error);
    if (!reader)
        return storeError(error);
    for (const StoredMessage &message : reader->list()) {
        if (!matches(message, commandLine.query))
            continue;
        if (commandLine.json) {
            printLine(QJsonDocument(summaryJson(message)).toJson(QJsonDocument::Compact));
            continue;
        }
        QStringList to;
        for (const QByteArray &recipient : message.recipients)
            to.append(QString::fromUtf8(recipient));
        const QString from =
            message.from.isEmpty() ? QString::fromUtf8(message.mailFrom) : message.from;
        printLine(oneLine(QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6")
                              .arg(message.id)
                              .arg(message.received.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")))
                              .arg(from, to.join(QStringLiteral(", ")),
                                   message.subject.isEmpty() ? QStringLiteral("(no subject)")
                                                             : message.subject)
                              .arg(message.size))
                      .toUtf8());
    }
    std::fflush(stdout);
    return 0;
}

int runShow(const CommandLine &commandLine)
{
    QString error;
    const std::unique_ptr<StoreReader> reader =
        StoreReader::open(commandLine.storeDirectory, &error);
    if (!reader)
        return storeError(error);
    const std::optional<StoredMessage> message = reader->message(commandLine.messageId);
    if (!message) {
        std::fprintf(stderr, "letterbox: no message %lld in %s\n",
                     static_cast<long long>(commandLine.messageId),
                     commandLine.storeDirectory.toLocal8Bit().constData());
        return 1;
    }
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered,
                  QFileDevice::DontCloseHandle))
        return storeError(out.errorString());
    if (commandLine.raw) {
        std::fflush(stdout);
        if (!reader->writeRaw(message->id, &out, &error))
            return storeError(error);
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
        object.insert(QStringLiteral("raw_base64"), QString::fromLatin1(raw.toBase64()));
        printLine(QJsonDocument(object).toJson(QJsonDocument::Compact));
        std::fflush(stdout);
        return 0;
    }
    QStringList to;
    for (const QByteArray &recipient : message->recipients)
        to.append(u'<' + QString::fromUtf8(recipient) + u'>');
    printLine(QStringLiteral("Message %1, received %2 from %3 (%4)%5%6")
                  .arg(message->id)
                  .arg(message->received.toString(Qt::ISODate), message->remoteAddress,
                       message->heloName, message->tls ? QStringLiteral(", TLS") : QString(),
                       message->authUser.isEmpty()
                           ? QString()
                           : QStringLiteral(", AUTH as ") + message->authUser)
                  .toUtf8());
    printLine("MAIL FROM: <" + message->mailFrom + '>'
              + (message->mailParameters.isEmpty() ? QByteArray() : ' ' + message->mailParameters));
    printLine(QStringLiteral("RCPT TO:   %1").arg(to.join(QStringLiteral(", "))).toUtf8());
    printLine(QByteArray());
    std::fflush(stdout);
    if (!reader->writeRaw(message->id, &out, &error))
        return storeError(error);
    return 0;
}
