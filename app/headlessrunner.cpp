// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "headlessrunner.h"

#include "eventprinter.h"
#include "instancelaunch.h"
#include "signalwatcher.h"

#include "config/configsetting.h"
#include "service/mailservice.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include <unistd.h>

namespace {

// How long the event lines still queued at exit get to reach stdout: a reader that keeps up
// needs milliseconds, one that stopped reading would keep us forever.
constexpr std::chrono::seconds kEventDrainTimeout{2};

// The option at fault leads the line when the text does not name it already.
QString describe(const Error &error)
{
    const ConfigSetting *setting = ConfigSetting::byKey(error.field);
    if (!setting || setting->option.isEmpty())
        return error.message;
    const QString option = QStringLiteral("--") + setting->option;
    return error.message.contains(option) ? error.message
                                          : option + QStringLiteral(": ") + error.message;
}

int configurationError(const QString &message)
{
    std::fprintf(stderr, "letterbox: %s\n", message.toLocal8Bit().constData());
    return 2;
}

} // namespace

int runHeadless(const CommandLine &commandLine)
{
    ServerConfig config = commandLine.config;
    config.storeDirectory = commandLine.storeDirectory;
    // Before the ports and the store: beside another Letterbox on this store there is nothing
    // to do. Declared before the service, so that it goes after it: `letterbox --quit` sees
    // the connection close once the store has closed.
    InstanceLaunch::Outcome instance =
        InstanceLaunch::claim(config.storeDirectory, InstanceServer::Mode::Headless);
    if (instance.exitCode)
        return *instance.exitCode;

    EventPrinter printer(commandLine.events, STDOUT_FILENO);
    auto service = std::make_unique<MailService>();
    // With --events none nothing is connected, so sessions do not wake this thread per event.
    if (commandLine.events != CommandLine::EventFormat::None) {
        QObject::connect(service.get(), &MailService::sessionStarted, &printer,
                         &EventPrinter::sessionStarted);
        QObject::connect(service.get(), &MailService::sessionEnded, &printer,
                         &EventPrinter::sessionEnded);
        QObject::connect(service.get(), &MailService::authAttempted, &printer,
                         &EventPrinter::authAttempted);
        QObject::connect(service.get(), &MailService::messageReceived, &printer,
                         &EventPrinter::messageReceived);
    }
    QObject::connect(service.get(), &MailService::errorOccurred, &printer,
                     &EventPrinter::errorOccurred);
    QObject::connect(service.get(), &MailService::storeError, &printer,
                     [&printer](const QString &message) {
                         ServerError storeError;
                         storeError.time = QDateTime::currentDateTime();
                         storeError.message = message;
                         printer.errorOccurred(storeError);
                     });

    QObject::connect(service.get(), &MailService::apiWarning, &printer, [](const Error &warning) {
        std::fprintf(stderr, "letterbox: %s\n",
                     QCoreApplication::translate("HeadlessRunner", "warning: --api-listen: %1")
                         .arg(warning.message)
                         .toLocal8Bit()
                         .constData());
    });

    std::optional<Error> failure;
    QEventLoop applying;
    QObject::connect(service.get(), &MailService::applyFinished, &applying,
                     [&failure, &applying](bool ok, const Error &error) {
                         if (!ok)
                             failure = error;
                         applying.quit();
                     });
    service->apply(config);
    applying.exec();
    if (failure)
        return configurationError(describe(*failure));
    if (const auto address = service->listenAddress())
        printer.listening(QStringLiteral("smtp"), address->toString());
    if (const auto address = service->tlsListenAddress())
        printer.listening(QStringLiteral("smtps"), address->toString());
    if (const auto address = service->apiAddress())
        printer.listening(QStringLiteral("api"), address->toString());
    const auto printFaults = [&printer, faults = service->faults()] {
        const FaultSettings settings = faults->settings();
        const auto active = settings.enabled
                                ? std::count_if(settings.rules.begin(), settings.rules.end(),
                                                [](const FaultRule &rule) { return rule.enabled; })
                                : 0;
        printer.faults(int(active), faults->seed());
    };
    if (service->faults()->settings().isActive())
        printFaults();
    // From now on every change is told, also to none: a client of the HTTP API (PUT
    // /api/v1/faults or /api/v1/chaos) may switch rules on and off while this runs.
    QObject::connect(service.get(), &MailService::faultsChanged, &printer, printFaults);

    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::stopRequested, qApp,
                     [] { QCoreApplication::quit(); });
    if (instance.server)
        QObject::connect(instance.server.get(), &InstanceServer::quitRequested, qApp,
                         [] { QCoreApplication::quit(); });
    QCoreApplication::exec();

    // Sessions get their 421, the workers finish, and everything answered 250 is on disk.
    service.reset();
    if (const quint64 dropped = printer.finish(kEventDrainTimeout); dropped > 0)
        std::fprintf(stderr, "letterbox: %s\n",
                     QCoreApplication::translate("HeadlessRunner",
                                                 "%n event(s) dropped (stdout was not being read)",
                                                 nullptr, int(dropped))
                         .toLocal8Bit()
                         .constData());
    return 0;
}
