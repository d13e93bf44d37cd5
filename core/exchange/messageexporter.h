// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "exchange/exportreport.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>

class StoreReader;

/// Copies stored messages out of a store: exactly their stored bytes, as .eml files in a
/// folder (EmlFolderWriter), one mbox file (MboxWriter) or a Maildir (MaildirWriter, read
/// messages into cur/ with the S flag). Oldest first.
///
/// Nothing half-written and nothing replaced: every file is created through ExclusiveFile (a
/// private temporary file linked to its name), so no file appears incomplete, no existing name
/// is taken over and no symlink is written through, dangling or not. A cancelled or failed
/// mbox export leaves no file; a cancelled or failed .eml or Maildir run deletes the files it
/// wrote, and nothing else. Only reads the store, so it works while a server writes to it.
///
/// run() blocks and is meant for a worker thread; the reader must belong to that thread. The
/// progress callback runs in that thread too.
class MessageExporter final
{
public:
    enum class Format { Eml, Mbox, Maildir };

    /// Which messages: the given ids, the matches of a query (search language), or all.
    struct Selection
    {
        enum class Kind { Ids, Query, All };
        Kind kind = Kind::All;
        QList<qint64> ids;
        QString query;

        static Selection ofIds(QList<qint64> ids) { return {Kind::Ids, std::move(ids), {}}; }
        static Selection ofQuery(QString query) { return {Kind::Query, {}, std::move(query)}; }
        static Selection all() { return {}; }
    };

    /// Called after each message with the number written so far and the number selected.
    using ProgressCallback = std::function<void(qint64 done, qint64 total)>;

    explicit MessageExporter(const StoreReader &reader);
    Q_DISABLE_COPY_MOVE(MessageExporter)

    void setProgressCallback(ProgressCallback callback) { m_progress = std::move(callback); }
    /// When the flag turns true (any thread), run() stops before the next message and takes
    /// back what it wrote.
    void setCancelFlag(const std::atomic_bool *cancel) { m_cancel = cancel; }
    /// Lets an mbox export replace an existing file (on success only; the name is replaced, a
    /// symlink there is not followed). Off by default: then anything at the destination name,
    /// a dangling symlink included, fails the export.
    void setReplaceExisting(bool replace) { m_replaceExisting = replace; }

    ExportReport run(const Selection &selection, Format format, const QString &destination);

    /// "eml", "mbox" or "maildir".
    static std::optional<Format> formatFromName(QStringView name);
    static QLatin1StringView name(Format format);
    /// The format for a destination when none is given: mbox for a name ending in ".mbox", a
    /// Maildir for an existing folder with cur/ or new/, otherwise a folder of .eml files.
    static Format defaultFormat(const QString &destination);

private:
    bool cancelled() const;
    void report(qint64 done, qint64 total) const;

    const StoreReader &m_reader;
    ProgressCallback m_progress;
    const std::atomic_bool *m_cancel = nullptr;
    bool m_replaceExisting = false;
};
