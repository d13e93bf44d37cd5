// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "exchangecommands.h"

#include "signalwatcher.h"
#include "storecommands.h"

#include "exchange/messageexporter.h"
#include "exchange/messageimporter.h"
#include "store/messagestore.h"
#include "store/storereader.h"

#include <QCoreApplication>
#include <QThread>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <unistd.h>

namespace {

void printLine(const QString &line)
{
    const QByteArray bytes = line.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void printError(const QString &line)
{
    std::fprintf(stderr, "letterbox: %s\n", line.toLocal8Bit().constData());
}

// Progress is for a person watching; in a pipe or a log it would only be noise.
class ProgressThrottle
{
public:
    bool due()
    {
        if (!m_enabled)
            return false;
        const auto now = std::chrono::steady_clock::now();
        if (now - m_last < std::chrono::seconds(1))
            return false;
        m_last = now;
        return true;
    }

private:
    bool m_enabled = ::isatty(STDERR_FILENO) == 1;
    std::chrono::steady_clock::time_point m_last = std::chrono::steady_clock::now();
};

// Runs `work` on its own thread while this one waits in the event loop, where SIGINT and
// SIGTERM (SignalWatcher) set `cancel`; the work polls the flag and cleans up itself.
void runCancellable(std::atomic_bool *cancel, std::function<void()> work)
{
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::stopRequested, qApp,
                     [cancel] { cancel->store(true); });
    const std::unique_ptr<QThread> thread(QThread::create(std::move(work)));
    // Queued: finished comes from the worker thread, and quit() must run inside exec(), even
    // when the work is done before exec() starts.
    QObject::connect(thread.get(), &QThread::finished, qApp, &QCoreApplication::quit,
                     Qt::QueuedConnection);
    thread->start();
    QCoreApplication::exec();
    thread->wait();
}

} // namespace

int runExport(const CommandLine &commandLine)
{
    Result<std::unique_ptr<StoreReader>> opened = openStoreReader(commandLine.storeDirectory);
    if (!opened)
        return printStoreError(opened.error().message);
    const std::unique_ptr<StoreReader> reader = std::move(*opened);
    MessageExporter::Selection selection = MessageExporter::Selection::all();
    if (commandLine.exportQuery) {
        // A query that does not parse is a bad command line; find out before anything is written.
        if (const Result<QList<StoredMessage>> found = reader->search(commandLine.query, 1); !found)
            return printStoreError(QStringLiteral("--query: ") + found.error().message);
        selection = MessageExporter::Selection::ofQuery(commandLine.query);
    } else if (!commandLine.all) {
        selection = MessageExporter::Selection::ofIds(commandLine.messageIds);
    }

    std::atomic_bool cancel{false};
    MessageExporter exporter(*reader);
    exporter.setCancelFlag(&cancel);
    ProgressThrottle throttle;
    exporter.setProgressCallback([&throttle](qint64 done, qint64 total) {
        if (done < total && throttle.due())
            printError(QCoreApplication::translate("ExchangeCommands", "exported %1 of %2")
                           .arg(done)
                           .arg(total));
    });
    ExportReport result;
    runCancellable(&cancel, [&] {
        result = exporter.run(selection, commandLine.exportFormat, commandLine.exportDestination);
    });

    switch (result.outcome) {
    case ExportReport::Outcome::Cancelled:
        printError(QCoreApplication::translate("ExchangeCommands", "cancelled; nothing exported"));
        return 1;
    case ExportReport::Outcome::Failed:
        printError(result.error.message);
        return 1;
    case ExportReport::Outcome::Finished:
        break;
    }
    for (const QString &line : result.skippedLines())
        printError(line);
    printLine(QCoreApplication::translate("ExchangeCommands", "exported %n message(s) to %1",
                                          nullptr, int(result.exported))
                  .arg(commandLine.exportDestination));
    return result.skipped.isEmpty() ? 0 : 1;
}

int runImport(const CommandLine &commandLine)
{
    int exitCode = 0;
    const std::unique_ptr<MessageStore> store =
        openStoreForWriting(commandLine.storeDirectory, &exitCode);
    if (!store)
        return exitCode;

    std::atomic_bool cancel{false};
    MessageImporter importer(store.get());
    importer.setCancelFlag(&cancel);
    ProgressThrottle throttle;
    importer.setProgressCallback([&throttle](const MessageImporter::Progress &progress) {
        if (!throttle.due())
            return;
        const qint64 percent =
            progress.bytesTotal > 0 ? progress.bytesDone * 100 / progress.bytesTotal : 100;
        printError(QCoreApplication::translate("ExchangeCommands", "imported %n message(s) (%1%)",
                                               nullptr, int(progress.imported))
                       .arg(percent));
    });
    ImportReport result;
    runCancellable(&cancel, [&] { result = importer.run(commandLine.importPaths); });

    for (const QString &line : result.problemLines())
        printError(line);
    if (result.cancelled) {
        // The removed messages are purged and their space given back before we let go.
        store->finishMaintenance();
        printError(QCoreApplication::translate("ExchangeCommands", "cancelled; nothing imported"));
        return 1;
    }
    // Two counts in one sentence: each is its own counted string, so that each gets its forms.
    printLine(QCoreApplication::translate("ExchangeCommands", "imported %1 from %2")
                  .arg(QCoreApplication::translate("ExchangeCommands", "%n message(s)", nullptr,
                                                   int(result.ids.size())),
                       QCoreApplication::translate("ExchangeCommands", "%n source(s)", nullptr,
                                                   int(result.sources))));
    return result.problems.isEmpty() ? 0 : 1;
}
