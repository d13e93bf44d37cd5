// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "exchange/exportreport.h"
#include "exchange/importreport.h"
#include "exchange/messageexporter.h"

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>
#include <thread>

class MessageStore;

/// Runs MailService's imports and exports, one at a time, in a thread of its own (so a
/// transfer never queues behind applies), through the same MessageImporter and
/// MessageExporter the offline command line uses. Progress and the final report come back as
/// signals in this object's thread; the worker reaches this object only through posted calls.
///
/// Lives in MailService's thread and is owned by it. Its destructor cancels a running transfer
/// and joins the thread.
class TransferRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferRunner)

public:
    /// How often importProgress() and exportProgress() fire at most: a huge mbox must not
    /// flood the receiver's thread.
    static constexpr int kProgressIntervalMs = 100;
    enum class Kind { None, Import, Export };

    explicit TransferRunner(QObject *parent = nullptr);
    ~TransferRunner() override;

    /// Starts importing `paths` into `store` and returns at once; false (and nothing starts)
    /// while another transfer runs. `store` must stay open until importFinished(): the caller
    /// waits for the transfer (wait()) before it closes the store.
    bool startImport(MessageStore *store, const QStringList &paths);
    /// Starts exporting from the store in `storeDirectory`, read through a reader of the
    /// worker's own, and returns at once; false while another transfer runs.
    bool startExport(const QString &storeDirectory, const MessageExporter::Selection &selection,
                     MessageExporter::Format format, const QString &destination,
                     bool replaceExisting);
    /// Asks the running transfer to stop: it takes back what it wrote, and its finished
    /// signal says `cancelled`.
    void cancel();
    /// Joins the worker thread. Call after cancel(), or once the finished signal came.
    void wait();
    /// The transfer running now, until its finished signal.
    Kind running() const { return m_running; }

signals:
    /// At most every kProgressIntervalMs; see MailService::importProgress().
    void importProgress(qint64 imported, qint64 bytesDone, qint64 bytesTotal);
    /// The import ended; running() is None again.
    void importFinished(const ImportReport &report);
    /// At most every kProgressIntervalMs, and always for the last message.
    void exportProgress(qint64 done, qint64 total);
    /// The export ended; running() is None again.
    void exportFinished(const ExportReport &report);

protected:
    bool event(QEvent *event) override;

private:
    /// Runs `work` in m_thread; `done` gets its report in this thread.
    template<typename Report>
    void start(Kind kind, std::function<Report(const std::atomic_bool *)> work,
               std::function<void(const Report &)> done);

    Kind m_running = Kind::None;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::thread m_thread;
};
