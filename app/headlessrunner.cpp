// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "headlessrunner.h"

#include "eventprinter.h"
#include "signalwatcher.h"

#include "smtp/smtpserver.h"
#include "store/messagestore.h"

#include <QCoreApplication>

#include <chrono>
#include <cstdio>

#include <unistd.h>

namespace {

// How long the event lines still queued at exit get to reach stdout: a reader that keeps up
// needs milliseconds, one that stopped reading would keep us forever.
constexpr std::chrono::seconds kEventDrainTimeout{2};

int configurationError(const QString &message)
{
    std::fprintf(stderr, "letterbox: %s\n", message.toLocal8Bit().constData());
    return 2;
}

} // namespace

int runHeadless(const CommandLine &commandLine)
{
    const ServerConfig &config = commandLine.config;
    const Result<SmtpServerSettings> settings = config.toServerSettings();
    if (!settings)
        return configurationError(settings.error().message);

    Result<std::unique_ptr<MessageStore>> opened = MessageStore::open(commandLine.storeDirectory);
    if (!opened)
        return configurationError(opened.error().message);
    std::unique_ptr<MessageStore> store = std::move(*opened);
    if (!config.maildirDirectory.isEmpty()) {
        if (const Result<void> mirrored = store->setMaildirMirror(config.maildirDirectory);
            !mirrored)
            return configurationError(QStringLiteral("--maildir: ") + mirrored.error().message);
    }
    if (config.retainMessages > 0 || config.retainDays > 0)
        store->setRetention({config.retainMessages, config.retainDays});

    EventPrinter printer(commandLine.events, STDOUT_FILENO);
    SmtpServer server(store.get());
    // With --events none nothing is connected, so sessions do not wake this thread per event.
    if (commandLine.events != CommandLine::EventFormat::None) {
        QObject::connect(&server, &SmtpServer::sessionStarted, &printer,
                         &EventPrinter::sessionStarted);
        QObject::connect(&server, &SmtpServer::sessionEnded, &printer, &EventPrinter::sessionEnded);
        QObject::connect(&server, &SmtpServer::authAttempted, &printer,
                         &EventPrinter::authAttempted);
        QObject::connect(&server, &SmtpServer::messageReceived, &printer,
                         &EventPrinter::messageReceived);
    }
    QObject::connect(&server, &SmtpServer::errorOccurred, &printer, &EventPrinter::errorOccurred);
    QObject::connect(store.get(), &MessageStore::storeError, &printer,
                     [&printer](const QString &message) {
                         ServerError storeError;
                         storeError.time = QDateTime::currentDateTime();
                         storeError.message = message;
                         printer.errorOccurred(storeError);
                     });

    if (const Result<void> started = server.start(*settings); !started)
        return configurationError(started.error().message);
    if (const auto address = server.listenAddress())
        printer.listening(QStringLiteral("smtp"), address->toString());
    if (const auto address = server.tlsListenAddress())
        printer.listening(QStringLiteral("smtps"), address->toString());

    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::stopRequested, qApp,
                     [] { QCoreApplication::quit(); });
    QCoreApplication::exec();

    // Sessions get their 421, the workers finish, and everything answered 250 is on disk.
    server.stop();
    store->flush();
    if (const quint64 dropped = printer.finish(kEventDrainTimeout); dropped > 0)
        std::fprintf(stderr, "letterbox: %llu events dropped (stdout was not being read)\n",
                     static_cast<unsigned long long>(dropped));
    return 0;
}
