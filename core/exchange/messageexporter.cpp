// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "messageexporter.h"

#include "exchange/emlfolderwriter.h"
#include "exchange/exclusivefile.h"
#include "exchange/maildirreader.h"
#include "exchange/maildirwriter.h"
#include "exchange/mboxwriter.h"
#include "store/storereader.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <optional>

namespace {

// StoreReader::writeRaw() streams into a QIODevice; this one passes the bytes through the
// mbox quoting on their way into the file.
class MboxMessageDevice final : public QIODevice
{
public:
    explicit MboxMessageDevice(MboxWriter *writer)
        : m_writer(writer)
    {
        open(QIODevice::WriteOnly);
    }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        if (const Result<void> appended = m_writer->append(QByteArrayView(data, size)); !appended) {
            m_error = appended.error();
            setErrorString(appended.error().message);
            return -1;
        }
        return size;
    }

public:
    /// Why the last write failed, with its code.
    const std::optional<Error> &writeError() const { return m_error; }

private:
    MboxWriter *m_writer;
    std::optional<Error> m_error;
};

// Removes the folders an export created, if they are empty again.
void removeCreatedFolders(const QString &directory, bool maildirFolders, bool root)
{
    QDir dir(directory);
    if (maildirFolders) {
        for (const char *sub : {"tmp", "new", "cur"})
            dir.rmdir(QString::fromLatin1(sub));
    }
    if (root)
        QDir().rmdir(directory);
}

} // namespace

MessageExporter::MessageExporter(const StoreReader &reader)
    : m_reader(reader)
{}

std::optional<MessageExporter::Format> MessageExporter::formatFromName(QStringView name)
{
    if (name == u"eml")
        return Format::Eml;
    if (name == u"mbox")
        return Format::Mbox;
    if (name == u"maildir")
        return Format::Maildir;
    return std::nullopt;
}

QLatin1StringView MessageExporter::name(Format format)
{
    switch (format) {
    case Format::Eml:
        return QLatin1StringView("eml");
    case Format::Mbox:
        return QLatin1StringView("mbox");
    case Format::Maildir:
        return QLatin1StringView("maildir");
    }
    return {};
}

MessageExporter::Format MessageExporter::defaultFormat(const QString &destination)
{
    if (destination.endsWith(u".mbox", Qt::CaseInsensitive))
        return Format::Mbox;
    if (QFileInfo(destination).isDir() && MaildirReader::isMaildir(destination))
        return Format::Maildir;
    return Format::Eml;
}

bool MessageExporter::cancelled() const
{
    return m_cancel && m_cancel->load(std::memory_order_relaxed);
}

void MessageExporter::report(qint64 done, qint64 total) const
{
    if (m_progress)
        m_progress(done, total);
}

ExportReport MessageExporter::run(const Selection &selection, Format format,
                                  const QString &destination)
{
    ExportReport result;
    result.destination = destination;
    const auto fail = [&result](Error error) {
        result.outcome = ExportReport::Outcome::Failed;
        result.exported = 0;
        result.error = std::move(error);
        return result;
    };
    // After the caller has taken back what this run wrote.
    const auto cancel = [&result] {
        result.outcome = ExportReport::Outcome::Cancelled;
        result.exported = 0;
        return result;
    };

    QList<StoredMessage> messages;
    switch (selection.kind) {
    case Selection::Kind::Ids: {
        QList<qint64> ids = selection.ids;
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        for (const qint64 id : std::as_const(ids)) {
            if (std::optional<StoredMessage> message = m_reader.message(id))
                messages.append(std::move(*message));
            else
                result.skipped.append(Error(ErrorCode::NotFound,
                                            QStringLiteral("no message %1").arg(id),
                                            QString::number(id)));
        }
        break;
    }
    case Selection::Kind::Query: {
        Result<QList<StoredMessage>> matches = m_reader.search(selection.query, -1, 0);
        if (!matches) {
            Error error = std::move(matches).error();
            error.message = QStringLiteral("query: ") + error.message;
            return fail(std::move(error));
        }
        messages = std::move(*matches);
        std::reverse(messages.begin(), messages.end());
        break;
    }
    case Selection::Kind::All:
        messages = m_reader.list();
        break;
    }
    const qint64 total = messages.size();
    report(0, total);

    const QFileInfo target(destination);
    switch (format) {
    case Format::Mbox: {
        if (target.isDir())
            return fail(Error(ErrorCode::FileExists,
                              QStringLiteral("%1 is a folder, not an mbox file").arg(destination),
                              destination));
        const ExclusiveFile::Existing existing =
            m_replaceExisting ? ExclusiveFile::Existing::Replace : ExclusiveFile::Existing::Refuse;
        if (existing == ExclusiveFile::Existing::Refuse && ExclusiveFile::nameTaken(destination))
            return fail(Error(ErrorCode::FileExists,
                              QStringLiteral("%1 already exists").arg(destination), destination));
        // Written under a temporary name beside the destination and linked into place, so a
        // symlink at the destination is never written through, and a cancelled or failed
        // export leaves nothing (and an existing file untouched).
        ExclusiveFile file(0644);
        if (const Result<void> created = file.createIn(target.absolutePath()); !created)
            return fail(Error(
                created.error().code,
                QStringLiteral("cannot create %1: %2").arg(destination, created.error().message),
                destination));
        MboxWriter writer(file.device());
        MboxMessageDevice device(&writer);
        for (const StoredMessage &message : std::as_const(messages)) {
            if (cancelled()) {
                file.discard();
                return cancel();
            }
            Result<void> written = writer.beginMessage(message.mailFrom, message.received);
            if (written) {
                written = m_reader.writeRaw(message.id, &device);
                // A failed write into the mbox comes back from writeRaw as the device's error;
                // its code is the writer's.
                if (!written && device.writeError())
                    written = *device.writeError();
            }
            if (written)
                written = writer.endMessage();
            if (!written) {
                file.discard();
                Error error = std::move(written).error();
                if (error.code == ErrorCode::FileUnwritable)
                    error.message =
                        QStringLiteral("cannot write %1: %2").arg(destination, error.message);
                return fail(error.about(destination));
            }
            report(++result.exported, total);
        }
        if (Result<void> committed = file.commit(destination, existing); !committed)
            return fail(std::move(committed).error());
        return result;
    }
    case Format::Maildir: {
        const bool existed = target.exists();
        const bool wasMaildir = existed && MaildirReader::isMaildir(destination);
        if (existed && target.isDir() && !wasMaildir && !QDir(destination).isEmpty())
            return fail(Error(ErrorCode::FileExists,
                              QStringLiteral("%1 is a folder but not a Maildir").arg(destination),
                              destination));
        MaildirWriter writer(destination);
        if (Result<void> prepared = MaildirWriter::prepare(destination); !prepared)
            return fail(std::move(prepared).error());
        QStringList created;
        const auto takeBack = [&] {
            for (const QString &path : std::as_const(created))
                QFile::remove(path);
            removeCreatedFolders(destination, !wasMaildir, !existed);
        };
        for (const StoredMessage &message : std::as_const(messages)) {
            if (cancelled()) {
                takeBack();
                return cancel();
            }
            Result<QString> path = writer.write(
                [this, id = message.id](QIODevice *out) { return m_reader.writeRaw(id, out); },
                message.received, message.read);
            if (!path) {
                takeBack();
                return fail(std::move(path).error());
            }
            created.append(*path);
            report(++result.exported, total);
        }
        writer.syncDirectories();
        return result;
    }
    case Format::Eml: {
        const bool existed = target.exists();
        EmlFolderWriter writer(destination);
        if (Result<void> prepared = writer.prepare(); !prepared)
            return fail(std::move(prepared).error());
        // Checked up front, so a name clash half-way does not cost the work done so far.
        for (const StoredMessage &message : std::as_const(messages)) {
            if (ExclusiveFile::nameTaken(writer.path(message.id))) {
                if (!existed)
                    removeCreatedFolders(destination, false, true);
                return fail(Error(ErrorCode::FileExists,
                                  QStringLiteral("%1 already exists").arg(writer.path(message.id)),
                                  writer.path(message.id)));
            }
        }
        const auto takeBack = [&] {
            writer.removeCreated();
            if (!existed)
                removeCreatedFolders(destination, false, true);
        };
        for (const StoredMessage &message : std::as_const(messages)) {
            if (cancelled()) {
                takeBack();
                return cancel();
            }
            Result<void> written =
                writer.write(message.id, [this, id = message.id](QIODevice *out) {
                    return m_reader.writeRaw(id, out);
                });
            if (!written) {
                takeBack();
                return fail(std::move(written).error());
            }
            report(++result.exported, total);
        }
        return result;
    }
    }
    return fail(Error(ErrorCode::Internal, QStringLiteral("unknown format")));
}
