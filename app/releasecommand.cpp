// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "releasecommand.h"

#include "relay/relayservice.h"
#include "store/messagestore.h"
#include "store/storereader.h"
#include "terminaltext.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <cstdio>

namespace {

int fail(const QString &message, int exitCode)
{
    std::fprintf(stderr, "letterbox: release: %s\n", message.toLocal8Bit().constData());
    return exitCode;
}

} // namespace

int runRelease(const CommandLine &commandLine)
{
    const Result<RelaySettings> settings = commandLine.config.toRelaySettings();
    if (!settings)
        return fail(settings.error().message, 2);

    Result<std::unique_ptr<MessageStore>> opened = MessageStore::open(commandLine.storeDirectory);
    if (!opened) {
        if (opened.error().code == ErrorCode::StoreInUse)
            return fail(opened.error().message
                            + QCoreApplication::translate(
                                  "ReleaseCommand", "; release through the running Letterbox (POST "
                                                    "/api/v1/message/%1/release, or "
                                                    "Release... in the app)")
                                  .arg(commandLine.messageId),
                        1);
        return fail(opened.error().message, 2);
    }
    std::unique_ptr<MessageStore> store = std::move(*opened);
    {
        auto reader = StoreReader::open(commandLine.storeDirectory);
        if (!reader || !(*reader)->message(commandLine.messageId))
            return fail(QCoreApplication::translate("ReleaseCommand", "no message %1 in the store")
                            .arg(commandLine.messageId),
                        2);
    }

    RelayService relay;
    relay.configure(*settings, store.get(), commandLine.storeDirectory);
    std::optional<RelayOutcome> outcome;
    QEventLoop loop;
    QObject::connect(&relay, &RelayService::finished, &loop, [&](const RelayOutcome &result) {
        outcome = result;
        loop.quit();
    });
    if (const Result<void> started =
            relay.release(commandLine.messageId, commandLine.releaseRecipients);
        !started)
        return fail(started.error().message, 2);
    loop.exec();
    store->flush();

    for (const RecipientResult &recipient : outcome->recipients) {
        QString reply =
            recipient.code > 0 ? QString::number(recipient.code) : QStringLiteral("---");
        if (!recipient.enhancedCode.isEmpty())
            reply += u' ' + QString::fromLatin1(recipient.enhancedCode);
        // What the server said is shown escaped: it must not reach the terminal as controls.
        std::printf(
            "%s: %s %s\n",
            TerminalText::oneLine(QString::fromUtf8(recipient.address)).toLocal8Bit().constData(),
            reply.toLocal8Bit().constData(),
            TerminalText::oneLine(recipient.text).toLocal8Bit().constData());
    }
    if (outcome->error)
        std::fprintf(stderr, "letterbox: release: %s\n",
                     TerminalText::oneLine(outcome->error->message).toLocal8Bit().constData());
    return outcome->delivered() ? 0 : 1;
}
