// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "service/transferrunner.h"

#include "common/threadhandoff.h"
#include "exchange/messageimporter.h"
#include "store/messagestore.h"
#include "store/storereader.h"

#include <QElapsedTimer>

#include <pthread.h>

namespace {

// Lets a report through at most every kProgressIntervalMs, and always the first, so a quick
// transfer still shows where it is while one big message takes long.
class ProgressThrottle
{
public:
    bool due()
    {
        if (m_timer.isValid() && m_timer.elapsed() < TransferRunner::kProgressIntervalMs)
            return false;
        m_timer.start();
        return true;
    }

private:
    QElapsedTimer m_timer;
};

} // namespace

TransferRunner::TransferRunner(QObject *parent)
    : QObject(parent)
{}

TransferRunner::~TransferRunner()
{
    cancel();
    wait();
    ThreadHandoff::acquire(this); // a posted report is dropped with this object
}

bool TransferRunner::event(QEvent *event)
{
    return ThreadHandoff::dispatch(this, event) || QObject::event(event);
}

template<typename Report>
void TransferRunner::start(Kind kind, std::function<Report(const std::atomic_bool *)> work,
                           std::function<void(const Report &)> done)
{
    m_running = kind;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    // The previous transfer has reported (m_running was None), so this join does not wait.
    wait();
    m_thread = std::thread(
        [this, cancel = m_cancel, work = std::move(work), done = std::move(done)]() mutable {
            pthread_setname_np(pthread_self(), "mail-transfer");
            Report report = work(cancel.get());
            // What the work holds (the caller's paths, say) goes before the report does: the
            // caller's thread may drop its own references as soon as the report arrives.
            work = nullptr;
            // Dropped if this object is gone by then; its destructor joins this thread first.
            ThreadHandoff::post(this, [this, done, report = std::move(report)] {
                m_running = Kind::None;
                m_cancel.reset();
                done(report);
            });
        });
}

void TransferRunner::wait()
{
    if (m_thread.joinable())
        m_thread.join();
}

bool TransferRunner::startImport(MessageStore *store, const QStringList &paths)
{
    if (m_running != Kind::None)
        return false;
    start<ImportReport>(
        Kind::Import,
        [this, store, paths](const std::atomic_bool *cancel) {
            MessageImporter importer(store);
            importer.setCancelFlag(cancel);
            ProgressThrottle throttle;
            importer.setProgressCallback([this, &throttle](const MessageImporter::Progress &p) {
                if (!throttle.due())
                    return;
                ThreadHandoff::post(this, [this, p] {
                    emit importProgress(p.imported, p.bytesDone, p.bytesTotal);
                });
            });
            return importer.run(paths);
        },
        [this](const ImportReport &report) { emit importFinished(report); });
    return true;
}

bool TransferRunner::startExport(const QString &storeDirectory,
                                 const MessageExporter::Selection &selection,
                                 MessageExporter::Format format, const QString &destination,
                                 bool replaceExisting)
{
    if (m_running != Kind::None)
        return false;
    start<ExportReport>(
        Kind::Export,
        [this, directory = storeDirectory, selection, format, destination,
         replaceExisting](const std::atomic_bool *cancel) {
            ExportReport report;
            report.destination = destination;
            // The reader belongs to this worker thread, as StoreReader requires; it only reads,
            // so the store keeps taking mail meanwhile.
            Result<std::unique_ptr<StoreReader>> opened = StoreReader::open(directory);
            if (!opened) {
                report.outcome = ExportReport::Outcome::Failed;
                report.error = std::move(opened).error();
                return report;
            }
            const std::unique_ptr<StoreReader> reader = std::move(*opened);
            MessageExporter exporter(*reader);
            exporter.setCancelFlag(cancel);
            exporter.setReplaceExisting(replaceExisting);
            ProgressThrottle throttle;
            exporter.setProgressCallback([this, &throttle](qint64 done, qint64 total) {
                if (!throttle.due() && done != total)
                    return;
                ThreadHandoff::post(this,
                                    [this, done, total] { emit exportProgress(done, total); });
            });
            return exporter.run(selection, format, destination);
        },
        [this](const ExportReport &report) { emit exportFinished(report); });
    return true;
}

void TransferRunner::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}
