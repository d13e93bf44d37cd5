// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "models/messagedetails.h"

#include <QObject>

#include <memory>

class MessageStore;
class StoreReader;

/// Reads the store for the UI in a worker thread, with its own StoreReader (a StoreReader is
/// not thread-safe, and SQLite reads must not block the GUI thread). Create it, move it to its
/// thread, and call its slots through queued connections or invokeMethod; answers come back as
/// signals, queued to the receivers' threads.
class StoreLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreLoader)

public:
    /// The inbox arrives in batches of this many rows, so the first rows show at once and the
    /// GUI thread never takes one huge insert.
    static constexpr qsizetype kBatchSize = 2000;
    /// Inline parts bigger than this in total are not served to the HTML preview.
    static constexpr qsizetype kMaxInlineBytes = 32 * 1024 * 1024;

    explicit StoreLoader(QObject *parent = nullptr);
    ~StoreLoader() override;

public slots:
    /// Switches to the store in `directory`. The next calls read from it.
    void open(const QString &directory);
    /// Emits every stored message, oldest first, in batches, then loadFinished().
    void loadAll(quint64 generation);
    /// Emits the current stored state of these messages (new arrivals, changed flags).
    void fetch(quint64 generation, const QList<qint64> &ids);
    /// Reads, parses and emits one message for the viewer.
    void loadMessage(quint64 requestId, qint64 id);
    /// Writes leaf `partIndex` of `raw` (decoded), or all of `raw` for -1, to `path`.
    void savePart(const QByteArray &raw, int partIndex, const QString &path, bool openAfter);
    /// Writes each message as `<id>.eml` (exactly the stored bytes) into `directory`.
    void exportMessages(const QList<qint64> &ids, const QString &directory);
    /// Stores each .eml file as a new message through `store` (thread-safe deliver()), with an
    /// envelope made from its From, To, Cc and Bcc headers. `store` must outlive the call.
    void importFiles(MessageStore *store, const QStringList &paths);

signals:
    void batchLoaded(quint64 generation, const QList<StoredMessage> &messages);
    void loadFinished(quint64 generation, qint64 count);
    void messagesFetched(quint64 generation, const QList<StoredMessage> &messages);
    void messageLoaded(const MessageDetails &details);
    void loadFailed(const QString &error);
    /// savePart() finished; `error` is empty on success.
    void partSaved(const QString &path, bool openAfter, const QString &error);
    void exportFinished(int written, const QString &directory, const QString &error);
    /// importFiles() finished: the new messages' ids, and one line per file that failed.
    void importFinished(const QList<qint64> &ids, const QStringList &errors);

private:
    bool ensureReader();

    QString m_directory;
    std::unique_ptr<StoreReader> m_reader;
};
