// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/error.h"
#include "models/messagedetails.h"
#include "store/storereader.h"

#include <QObject>

#include <memory>
#include <optional>

class AttachmentFolder;
class MessageStore;
class QTemporaryDir;

/// What the inbox asks for: the ordered ids of the messages matching a query (InboxModel
/// holds ids, not messages), compared with the ids it shows now.
struct InboxListRequest
{
    quint64 generation = 0; ///< the model's; answers for an older one are dropped
    quint64 serial = 0;     ///< echoed, so the model knows which request this answers
    QString query;          ///< the search language (SearchQuery); empty: every message
    StoreReader::SortField field = StoreReader::SortField::Received;
    Qt::SortOrder order = Qt::DescendingOrder;
    QList<qint64> current; ///< the ids the model shows now, to compute added and removed
    QList<qint64> fetch;   ///< ids whose summaries to send along (arrivals, changed flags)
};

/// The answer to an InboxListRequest.
struct InboxListResult
{
    quint64 generation = 0;
    quint64 serial = 0;
    QString error;                ///< the store cannot be read or searched; nothing else is filled
    QList<qint64> ids;            ///< every matching message, in the requested order
    QList<qint64> added;          ///< in ids but not in the request's `current`, ascending
    QList<qint64> removed;        ///< in `current` but not in ids, ascending
    QList<StoredMessage> fetched; ///< the summaries of the request's `fetch` ids that exist
    qint64 total = 0;             ///< messages in the store
    qint64 unread = 0;            ///< unread messages in the store
};
Q_DECLARE_METATYPE(InboxListRequest)
Q_DECLARE_METATYPE(InboxListResult)

/// Reads the store for the UI in a worker thread, with its own StoreReader (a StoreReader is
/// not thread-safe, and SQLite reads must not block the GUI thread). Create it, move it to its
/// thread, and call its slots through queued connections or invokeMethod; answers come back as
/// signals, queued to the receivers' threads.
class StoreLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreLoader)

public:
    /// Inline parts bigger than this in total are not served to the HTML preview.
    static constexpr qsizetype kMaxInlineBytes = 32 * 1024 * 1024;

    explicit StoreLoader(QObject *parent = nullptr);
    ~StoreLoader() override;

    /// Where the drag files and opened attachments go: a private folder that the app removes
    /// when it quits (MainWindow's), however the loader ends. The system's temporary folder
    /// when not set. Call before moving the loader to its thread.
    void setTemporaryFolder(const QString &path) { m_temporaryFolder = path; }

public slots:
    /// Switches to the store in `directory`. The next calls read from it.
    void open(const QString &directory);
    /// Runs the inbox's query and emits idsListed().
    void listIds(const InboxListRequest &request);
    /// Emits summariesLoaded() with the messages of these ids, in this order (one page of the
    /// inbox; ids of deleted messages are left out).
    void loadSummaries(quint64 generation, quint64 serial, const QList<qint64> &ids);
    /// Reads, parses and emits one message for the viewer.
    void loadMessage(quint64 requestId, qint64 id);
    /// Emits sessionsLoaded() with the stored facts of the newest `limit` sessions.
    void loadSessions(int limit);
    /// Emits sessionTraceLoaded() with the stored trace of one session.
    void loadSessionTrace(quint64 sessionId);
    /// Writes leaf `partIndex` of `raw` (decoded), or all of `raw` for -1, to `path` (a name the
    /// user chose). Emits partSaved() with openAfter false, or partNotSaved().
    void savePart(const QByteArray &raw, int partIndex, const QString &path);
    /// Writes leaf `partIndex` of `raw` (decoded) as `name` into the loader's private
    /// AttachmentFolder, for another program to open; emits partSaved() with openAfter true, or
    /// partNotSaved(). The file lasts as long as the loader.
    void openPart(const QByteArray &raw, int partIndex, const QString &name);

signals:
    void idsListed(const InboxListResult &result);
    void summariesLoaded(quint64 generation, quint64 serial, const QList<StoredMessage> &messages);
    void messageLoaded(const MessageDetails &details);
    void sessionsLoaded(const QList<SessionInfo> &sessions);
    void sessionTraceLoaded(quint64 sessionId, const QList<ProtocolLine> &lines);
    /// The store cannot be read: `error` says why, with its code (StoreDamaged, StoreTooNew,
    /// FileNotFound, ...). Error is registered by registerEventMetaTypes().
    void loadFailed(const Error &error);
    /// savePart() or openPart() wrote the part to `path`.
    void partSaved(const QString &path, bool openAfter);
    /// savePart() or openPart() could not write the part: NotFound when the message has no
    /// such part, else the file's error (FileUnwritable, FileExists, ...) naming the file.
    void partNotSaved(const Error &error);

private:
    bool ensureReader();
    QString writeDragFile(qint64 id, const QByteArray &raw);
    std::optional<QByteArray> partBytes(const QByteArray &raw, int partIndex) const;

    QString m_directory;
    QString m_temporaryFolder;
    std::unique_ptr<StoreReader> m_reader;
    std::unique_ptr<QTemporaryDir> m_dragFolder; ///< private (0700), removed with the loader
    QString m_dragFile;
    std::unique_ptr<AttachmentFolder> m_openFolder; ///< opened attachments, removed with the loader
};
