// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "exchange/messageexporter.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

class MessageStore;

/// One import into or export out of the store, run in a worker thread with MessageImporter or
/// MessageExporter (core/exchange), with throttled progress and a cancel that leaves nothing
/// half-written: a cancelled import removes what it stored, a cancelled export deletes what it
/// wrote. One transfer at a time per object. GUI thread.
class MailTransfer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MailTransfer)

public:
    enum class Kind { Import, Export };

    /// What a finished transfer did, for the status bar and the summary dialog.
    struct Outcome
    {
        Kind kind = Kind::Import;
        bool cancelled = false;
        qint64 count = 0; ///< messages imported or exported
        QList<qint64> importedIds;
        QStringList problems; ///< one line per entry or message that was left out
        QString error;        ///< the export failed as a whole (nothing written)
        QString destination;  ///< export: where it went
    };

    /// How often progress() fires at most: a huge mbox must not flood the GUI thread.
    static constexpr int kProgressIntervalMs = 100;

    explicit MailTransfer(QObject *parent = nullptr);
    /// Cancels a running transfer and waits for it to take itself back.
    ~MailTransfer() override;

    bool isRunning() const;
    /// What the running (or the last) transfer is.
    Kind kind() const { return m_kind; }
    /// Imports .eml files, folders of them, mbox files and Maildirs into `store`, which must
    /// stay open until finished() (the window closes it only after cancelling the transfer).
    bool startImport(MessageStore *store, const QStringList &paths);
    /// Exports from the store in `storeDirectory` (read through a reader of its own).
    bool startExport(const QString &storeDirectory, const MessageExporter::Selection &selection,
                     MessageExporter::Format format, const QString &destination,
                     bool replaceExisting);
    /// Asks the running transfer to stop; finished() follows with `cancelled`.
    void cancel();

signals:
    /// `done` of `total` units (messages for an export, bytes of the sources for an import,
    /// whose message count is not known before reading); `text` says it in words.
    void progress(qint64 done, qint64 total, const QString &text);
    void finished(const MailTransfer::Outcome &outcome);

private:
    void started(QFuture<Outcome> future);

    QFutureWatcher<Outcome> m_watcher;
    Kind m_kind = Kind::Import;
    std::shared_ptr<std::atomic_bool> m_cancel;
};

Q_DECLARE_METATYPE(MailTransfer::Outcome)
