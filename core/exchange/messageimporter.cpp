// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "messageimporter.h"

#include "exchange/maildirreader.h"
#include "exchange/mboxreader.h"
#include "mime/messageparts.h"
#include "store/messagestore.h"
#include "store/storereader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <condition_variable>
#include <memory>
#include <mutex>

namespace {

// Enough of a message to read its header block for the envelope and the Date.
constexpr qsizetype kHeadBytes = 64 * 1024;

QList<QByteArray> addressesIn(const QString &header)
{
    static const QRegularExpression address(QStringLiteral(R"([^\s<>,;:"()]+@[^\s<>,;:"()]+)"));
    QList<QByteArray> result;
    for (auto it = address.globalMatch(header); it.hasNext();)
        result.append(it.next().captured().toUtf8());
    return result;
}

bool isBlank(QByteArrayView bytes)
{
    for (const char c : bytes) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    }
    return true;
}

} // namespace

/// The state of one run() call. The delivery callbacks run in the store's writer thread and
/// only touch the part behind `mutex`.
struct MessageImporter::Run
{
    /// One file to read: a single message, or an mbox.
    struct Entry
    {
        QString path;
        QDateTime delivered; ///< from a Maildir name
        bool seen = false;
        qint64 size = 0;
    };
    struct Source
    {
        QString path;
        SourceKind kind = SourceKind::Eml;
        QList<Entry> entries;
    };

    QList<Source> sources;
    SessionInfo session;
    Progress progress;
    qint64 queued = 0;

    std::mutex mutex;
    std::condition_variable changed;
    int inFlight = 0;
    qint64 inFlightBytes = 0;
    QList<qint64> ids;
    QList<qint64> seenIds;
    QList<Error> errors;
    qint64 committed = 0;
    qint64 failed = 0;

    /// `what` (a path, or a path and the message's place in an mbox) was not imported.
    void addError(const QString &what, ErrorCode code, const QString &message)
    {
        addError(Error(code, message, what));
    }
    void addError(Error error)
    {
        const std::lock_guard lock(mutex);
        errors.append(std::move(error));
        ++failed;
    }
};

MessageImporter::MessageImporter(MessageStore *store)
    : m_store(store)
{}

bool MessageImporter::cancelled() const
{
    return m_cancel && m_cancel->load(std::memory_order_relaxed);
}

Result<MessageImporter::SourceKind> MessageImporter::detect(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error(ErrorCode::FileNotFound, QStringLiteral("no such file or folder"), path);
    if (info.isDir())
        return MaildirReader::isMaildir(path) ? SourceKind::Maildir : SourceKind::EmlFolder;
    if (!info.isFile())
        return Error(ErrorCode::MalformedInput, QStringLiteral("not a regular file"), path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileUnreadable,
                     QStringLiteral("cannot open: %1").arg(file.errorString()), path);
    const QByteArray head = file.read(5);
    if (head.isEmpty()) {
        if (file.error() == QFileDevice::NoError)
            return Error(ErrorCode::MalformedInput, QStringLiteral("empty file"), path);
        return Error(ErrorCode::FileUnreadable,
                     QStringLiteral("cannot read: %1").arg(file.errorString()), path);
    }
    if (MboxReader::looksLikeMbox(head))
        return SourceKind::Mbox;
    if (path.endsWith(u".mbox", Qt::CaseInsensitive))
        return Error(ErrorCode::MalformedInput,
                     QStringLiteral("not an mbox file (it does not start with a \"From \" line)"),
                     path);
    return SourceKind::Eml;
}

ImportReport MessageImporter::run(const QStringList &paths)
{
    Run run;
    ImportReport result;
    result.sources = int(paths.size());

    // First list everything, so progress can be told in bytes of the whole import.
    for (const QString &path : paths) {
        Result<SourceKind> kind = detect(path);
        if (!kind) {
            run.addError(std::move(kind).error().about(path));
            continue;
        }
        Run::Source source;
        source.path = path;
        source.kind = *kind;
        switch (*kind) {
        case SourceKind::Eml:
        case SourceKind::Mbox:
            source.entries.append({path, {}, false, QFileInfo(path).size()});
            break;
        case SourceKind::EmlFolder: {
            const QFileInfoList files =
                QDir(path).entryInfoList({QStringLiteral("*.eml")}, QDir::Files, QDir::Name);
            if (files.isEmpty()) {
                run.addError(path, ErrorCode::MalformedInput,
                             QStringLiteral("no .eml files in this folder"));
                continue;
            }
            for (const QFileInfo &file : files)
                source.entries.append({file.filePath(), {}, false, file.size()});
            break;
        }
        case SourceKind::Maildir: {
            Result<QList<MaildirReader::Entry>> entries = MaildirReader::list(path);
            if (!entries) {
                run.addError(std::move(entries).error().about(path));
                continue;
            }
            for (const MaildirReader::Entry &entry : *entries)
                source.entries.append({entry.path, entry.delivered, entry.seen, entry.size});
            break;
        }
        }
        for (const Run::Entry &entry : std::as_const(source.entries))
            run.progress.bytesTotal += entry.size;
        run.sources.append(std::move(source));
    }

    // No session id: an import is not an SMTP session, so it neither takes a number from the
    // sessions' sequence nor shows up among them. The messages keep "import" as their remote
    // address and the file name as their HELO name.
    run.session.sessionId = 0;
    run.session.started = QDateTime::currentDateTimeUtc();
    run.session.remoteAddress = QStringLiteral("import");

    const auto reportProgress = [this, &run] {
        if (!m_progress)
            return;
        {
            const std::lock_guard lock(run.mutex);
            run.progress.imported = run.committed;
            run.progress.failed = run.failed;
        }
        m_progress(run.progress);
    };

    // Queues one message; the store calls back in its writer thread once it is committed.
    const auto deliver = [this, &run](std::shared_ptr<const MessageSpool> spool,
                                      const QString &label, const QString &heloName,
                                      QDateTime received, const QByteArray &sender, bool seen,
                                      const QDateTime &fileTime) {
        if (spool->size() == 0
            || (spool->size() <= kHeadBytes && isBlank(spool->head(kHeadBytes)))) {
            run.addError(label, ErrorCode::MalformedInput, QStringLiteral("empty message"));
            return;
        }
        // Only the header block is needed for the envelope and the date.
        const MessageParts parts = MessageParts::parse(spool->head(kHeadBytes));
        if (!received.isValid())
            received = parts.date.isValid() ? parts.date : fileTime;
        DeliveryRequest request;
        request.session = run.session;
        request.session.heloName = heloName;
        request.session.messages = int(++run.queued);
        request.received = received.isValid() ? received.toUTC() : run.session.started;
        const QList<QByteArray> from = addressesIn(parts.from);
        request.envelope.mailFrom = sender.contains('@') ? sender
                                    : from.isEmpty()     ? QByteArray()
                                                         : from.constFirst();
        QString bcc;
        for (const MessageHeader &header : parts.headers) {
            if (header.name.compare(u"Bcc", Qt::CaseInsensitive) == 0)
                bcc += header.value + u',';
        }
        request.envelope.recipients = addressesIn(parts.to + u',' + parts.cc + u',' + bcc);
        request.data = spool;
        const qint64 size = spool->size();
        {
            std::unique_lock lock(run.mutex);
            // Backpressure: a few hundred messages in the store's queue keep its group commits
            // full; more would only cost memory.
            run.changed.wait(lock, [&run] {
                return run.inFlight == 0
                       || (run.inFlight < kMaxInFlight && run.inFlightBytes < kMaxInFlightBytes);
            });
            ++run.inFlight;
            run.inFlightBytes += size;
        }
        m_store->deliver(std::move(request), nullptr,
                         [&run, label, seen, size](const DeliveryResult &delivered) {
                             const std::lock_guard lock(run.mutex);
                             if (delivered.ok) {
                                 run.ids.append(delivered.storeId);
                                 if (seen)
                                     run.seenIds.append(delivered.storeId);
                                 ++run.committed;
                             } else {
                                 run.errors.append(delivered.error.about(label));
                                 ++run.failed;
                             }
                             --run.inFlight;
                             run.inFlightBytes -= size;
                             run.changed.notify_all();
                         });
    };

    const QString spoolDirectory = m_store->spoolDirectory();
    bool stopped = false;
    for (Run::Source &source : run.sources) {
        for (const Run::Entry &entry : std::as_const(source.entries)) {
            stopped = cancelled();
            if (stopped)
                break;
            const QFileInfo info(entry.path);
            QFile file(entry.path);
            if (!file.open(QIODevice::ReadOnly)) {
                run.addError(entry.path, ErrorCode::FileUnreadable,
                             QStringLiteral("cannot open: %1").arg(file.errorString()));
                run.progress.bytesDone += entry.size;
                reportProgress();
                continue;
            }
            if (source.kind != SourceKind::Mbox) {
                auto spool = std::make_shared<MessageSpool>(spoolDirectory);
                std::optional<Error> readError;
                while (!readError && !file.atEnd()) {
                    const QByteArray chunk = file.read(StoreReader::kRawChunkSize);
                    if (chunk.isEmpty())
                        readError = Error(ErrorCode::FileUnreadable, file.errorString());
                    else if (Result<void> appended = spool->append(chunk); !appended)
                        readError = std::move(appended).error();
                }
                if (readError) {
                    readError->message = QStringLiteral("cannot read: ") + readError->message;
                    run.addError(readError->about(entry.path));
                } else {
                    deliver(spool, entry.path, info.fileName(), entry.delivered, {}, entry.seen,
                            info.lastModified());
                }
                run.progress.bytesDone += entry.size;
                reportProgress();
                continue;
            }

            MboxReader reader(&file);
            const qint64 bytesBefore = run.progress.bytesDone;
            int messages = 0;
            bool readerFailed = false;
            for (;;) {
                stopped = cancelled();
                if (stopped)
                    break;
                auto spool = std::make_shared<MessageSpool>(spoolDirectory);
                MboxReader::Message message;
                Result<MboxReader::Status> status = reader.next(
                    &message, [&spool](QByteArrayView chunk) { return spool->append(chunk); });
                if (status && *status == MboxReader::Status::End)
                    break;
                const QString label = QStringLiteral("%1: message %2 (at byte %3)")
                                          .arg(entry.path)
                                          .arg(message.number)
                                          .arg(message.offset);
                if (!status) {
                    readerFailed = true;
                    run.addError(
                        std::move(status).error().about(message.number > 0 ? label : entry.path));
                    break;
                }
                ++messages;
                deliver(spool, label, info.fileName(), message.received, message.sender, false,
                        info.lastModified());
                run.progress.bytesDone = bytesBefore + file.pos();
                reportProgress();
            }
            if (!stopped && messages == 0 && !readerFailed)
                run.addError(entry.path, ErrorCode::MalformedInput,
                             QStringLiteral("no messages in this mbox"));
            run.progress.bytesDone = bytesBefore + entry.size;
            reportProgress();
            if (stopped)
                break;
        }
        if (stopped)
            break;
    }

    {
        std::unique_lock lock(run.mutex);
        run.changed.wait(lock, [&run] { return run.inFlight == 0; });
    }
    reportProgress();

    if (stopped || cancelled()) {
        // Everything queued is committed now; take it back.
        m_store->remove(run.ids);
        m_store->flush();
        result.cancelled = true;
        result.problems = run.errors;
        return result;
    }
    if (!run.seenIds.isEmpty())
        m_store->setRead(run.seenIds, true);
    m_store->flush();
    result.ids = run.ids;
    result.problems = run.errors;
    return result;
}
