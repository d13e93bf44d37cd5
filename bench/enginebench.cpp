// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
//
// The SMTP engine alone, for bench/throughput.sh: the production SmtpServer (listener, worker
// threads, sessions, DATA reader, spool, trace, events to the main thread as in headless mode),
// with a delivery target that drops each message and answers 250 at once instead of committing
// it. What the engine costs without the disk, to hold against smtp-sink discarding.
//
// Usage: enginebench --listen 127.0.0.1:PORT [--max-connections N] [--workers N]
// Runs until SIGINT or SIGTERM, then prints the number of messages it accepted.

#include "events/events.h"
#include "smtp/smtpserver.h"

#include <QCoreApplication>
#include <QDir>
#include <QSocketNotifier>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    // Nothing to do if the pipe is full: a stop is already on its way.
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[1], &byte, 1);
}

int usage()
{
    std::fputs("usage: enginebench --listen ADDR:PORT [--max-connections N] [--workers N]\n",
               stderr);
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    // The event dispatcher headless mode uses (app/main.cpp): the engine is measured as it runs.
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    SmtpServerSettings settings;
    settings.maxConnections = 1000;
    const QStringList arguments = QCoreApplication::arguments();
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (i + 1 >= arguments.size())
            return usage();
        const QString &value = arguments.at(++i);
        if (argument == QLatin1StringView("--listen")) {
            const Result<ListenAddress> address = ListenAddress::parse(value);
            if (!address) {
                std::fprintf(stderr, "enginebench: %s\n", qPrintable(address.error().message));
                return 2;
            }
            settings.listen = *address;
        } else if (argument == QLatin1StringView("--max-connections")) {
            settings.maxConnections = value.toInt();
        } else if (argument == QLatin1StringView("--workers")) {
            settings.workerThreads = value.toInt();
        } else {
            return usage();
        }
    }

    std::atomic<quint64> nextSessionId{1};
    std::atomic<qint64> accepted{0};
    DeliveryTarget target;
    target.allocateSessionId = [&nextSessionId] {
        return nextSessionId.fetch_add(1, std::memory_order_relaxed);
    };
    // Called in the session's thread, which is where `done` must run: the 250 goes out at once.
    target.deliver = [&accepted](DeliveryRequest, QObject *,
                                 std::function<void(const DeliveryResult &)> done) {
        DeliveryResult result;
        result.ok = true;
        result.storeId = accepted.fetch_add(1, std::memory_order_relaxed) + 1;
        done(result);
    };
    target.spoolDirectory = QDir::tempPath();

    SmtpServer server(std::move(target));
    // As headless mode with --events none (what throughput.sh runs): only errors cross to the
    // main thread.
    QObject counter;
    QObject::connect(&server, &SmtpServer::errorOccurred, &counter, [](const ServerError &error) {
        std::fprintf(stderr, "enginebench: %s\n", qPrintable(error.message));
    });

    if (::pipe(g_signalPipe) != 0)
        return 1;
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);

    if (const Result<void> started = server.start(settings); !started) {
        std::fprintf(stderr, "enginebench: %s\n", qPrintable(started.error().message));
        return 2;
    }
    const int result = QCoreApplication::exec();
    server.stop();
    std::printf("%lld messages accepted\n", static_cast<long long>(accepted.load()));
    return result;
}
