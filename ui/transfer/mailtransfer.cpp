// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "mailtransfer.h"

#include "exchange/messageimporter.h"
#include "store/storereader.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QtConcurrentRun>

namespace {

// Calls `report` at most every kProgressIntervalMs, and always for the first call, so a quick
// transfer still shows where it is while one big message takes long.
class ProgressThrottle
{
public:
    bool due()
    {
        if (m_timer.isValid() && m_timer.elapsed() < MailTransfer::kProgressIntervalMs)
            return false;
        m_timer.start();
        return true;
    }

private:
    QElapsedTimer m_timer;
};

} // namespace

MailTransfer::MailTransfer(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<MailTransfer::Outcome>();
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this,
            [this] { emit finished(m_watcher.result()); });
}

MailTransfer::~MailTransfer()
{
    // The worker posts progress to this object: it must be done before the object goes.
    cancel();
    m_watcher.waitForFinished();
}

bool MailTransfer::isRunning() const
{
    return m_watcher.isRunning();
}

void MailTransfer::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void MailTransfer::started(QFuture<Outcome> future)
{
    m_watcher.setFuture(std::move(future));
}

bool MailTransfer::startImport(MessageStore *store, const QStringList &paths)
{
    if (isRunning() || !store || paths.isEmpty())
        return false;
    m_kind = Kind::Import;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    started(QtConcurrent::run([this, store, paths, cancel = m_cancel]() -> Outcome {
        MessageImporter importer(store);
        importer.setCancelFlag(cancel.get());
        ProgressThrottle throttle;
        importer.setProgressCallback([this, &throttle](const MessageImporter::Progress &p) {
            if (!throttle.due())
                return;
            const QString text = tr("Imported %L1 message(s) (%2 of %3)", nullptr,
                                    int(qMin<qint64>(p.imported, INT_MAX)))
                                     .arg(p.imported)
                                     .arg(QLocale().formattedDataSize(p.bytesDone),
                                          QLocale().formattedDataSize(p.bytesTotal));
            QMetaObject::invokeMethod(
                this, [this, p, text] { emit progress(p.bytesDone, p.bytesTotal, text); },
                Qt::QueuedConnection);
        });
        const ImportReport result = importer.run(paths);
        Outcome outcome;
        outcome.kind = Kind::Import;
        outcome.cancelled = result.cancelled;
        outcome.count = result.ids.size();
        outcome.importedIds = result.ids;
        outcome.problems = result.problemLines();
        return outcome;
    }));
    return true;
}

bool MailTransfer::startExport(const QString &storeDirectory,
                               const MessageExporter::Selection &selection,
                               MessageExporter::Format format, const QString &destination,
                               bool replaceExisting)
{
    if (isRunning() || destination.isEmpty())
        return false;
    m_kind = Kind::Export;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    started(QtConcurrent::run([this, storeDirectory, selection, format, destination,
                               replaceExisting, cancel = m_cancel]() -> Outcome {
        Outcome outcome;
        outcome.kind = Kind::Export;
        outcome.destination = destination;
        // The reader belongs to this worker thread, as StoreReader requires.
        Result<std::unique_ptr<StoreReader>> opened = StoreReader::open(storeDirectory);
        if (!opened) {
            outcome.error = opened.error().message;
            return outcome;
        }
        const std::unique_ptr<StoreReader> reader = std::move(*opened);
        MessageExporter exporter(*reader);
        exporter.setCancelFlag(cancel.get());
        exporter.setReplaceExisting(replaceExisting);
        ProgressThrottle throttle;
        exporter.setProgressCallback([this, &throttle](qint64 done, qint64 total) {
            if (!throttle.due() && done != total)
                return;
            const QString text =
                tr("Exported %L1 of %L2 message(s)", nullptr, int(qMin<qint64>(total, INT_MAX)))
                    .arg(done)
                    .arg(total);
            QMetaObject::invokeMethod(
                this, [this, done, total, text] { emit progress(done, total, text); },
                Qt::QueuedConnection);
        });
        const ExportReport result = exporter.run(selection, format, destination);
        outcome.cancelled = result.outcome == ExportReport::Outcome::Cancelled;
        outcome.count = result.exported;
        outcome.problems = result.skippedLines();
        if (result.outcome == ExportReport::Outcome::Failed)
            outcome.error = result.error.message;
        return outcome;
    }));
    return true;
}
