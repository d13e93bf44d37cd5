// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "storeloader.h"

#include "store/messagestore.h"
#include "store/storereader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>
#include <iterator>
#include <memory>

StoreLoader::StoreLoader(QObject *parent)
    : QObject(parent)
{}

StoreLoader::~StoreLoader() = default;

void StoreLoader::open(const QString &directory)
{
    m_directory = directory;
    m_reader.reset();
}

bool StoreLoader::ensureReader()
{
    if (m_reader)
        return true;
    QString error;
    m_reader = StoreReader::open(m_directory, &error);
    if (!m_reader)
        emit loadFailed(error);
    return m_reader != nullptr;
}

void StoreLoader::listIds(const InboxListRequest &request)
{
    InboxListResult result;
    result.generation = request.generation;
    result.serial = request.serial;
    if (!ensureReader()) {
        result.error = QStringLiteral("The store cannot be read");
        emit idsListed(result);
        return;
    }
    auto ids = m_reader->searchIds(request.query, request.field, request.order, &result.error);
    if (!ids) {
        emit idsListed(result);
        return;
    }
    result.ids = std::move(*ids);
    // Sorted copies make the two differences linear; the model then merges the ordered lists
    // knowing exactly which ids are new and which are gone.
    QList<qint64> before = request.current;
    QList<qint64> after = result.ids;
    std::sort(before.begin(), before.end());
    std::sort(after.begin(), after.end());
    std::set_difference(after.cbegin(), after.cend(), before.cbegin(), before.cend(),
                        std::back_inserter(result.added));
    std::set_difference(before.cbegin(), before.cend(), after.cbegin(), after.cend(),
                        std::back_inserter(result.removed));
    if (!request.fetch.isEmpty())
        result.fetched = m_reader->messages(request.fetch);
    const StoreReader::Counts counts = m_reader->counts();
    result.total = counts.messages;
    result.unread = counts.unread;
    emit idsListed(result);
}

void StoreLoader::loadSummaries(quint64 generation, quint64 serial, const QList<qint64> &ids)
{
    if (!ensureReader())
        return;
    emit summariesLoaded(generation, serial, m_reader->messages(ids));
}

void StoreLoader::loadMessage(quint64 requestId, qint64 id)
{
    MessageDetails details;
    details.requestId = requestId;
    details.id = id;
    if (!ensureReader()) {
        details.error = QStringLiteral("The store cannot be read");
        emit messageLoaded(details);
        return;
    }
    auto message = m_reader->message(id);
    if (!message) {
        details.error = QStringLiteral("Message %1 is no longer in the store").arg(id);
        emit messageLoaded(details);
        return;
    }
    details.found = true;
    details.message = std::move(*message);
    details.raw = m_reader->raw(id);
    details.parts = MessageParts::parse(details.raw);
    qsizetype inlineBytes = 0;
    for (const MessageAttachment &part : std::as_const(details.parts.attachments)) {
        if (part.contentId.isEmpty() || inlineBytes + part.size > kMaxInlineBytes)
            continue;
        if (auto content = MessageParts::partContent(details.raw, part.partIndex)) {
            inlineBytes += content->size();
            details.inlineParts.insert(
                part.contentId, InlinePart{part.contentType.toLatin1(), std::move(*content)});
        }
    }
    details.trace = m_reader->sessionTrace(details.message.sessionId);
    details.session = m_reader->session(details.message.sessionId);
    details.findings = m_reader->findings(id);
    emit messageLoaded(details);
}

void StoreLoader::savePart(const QByteArray &raw, int partIndex, const QString &path,
                           bool openAfter)
{
    QByteArray content;
    if (partIndex < 0) {
        content = raw;
    } else if (auto part = MessageParts::partContent(raw, partIndex)) {
        content = std::move(*part);
    } else {
        emit partSaved(path, openAfter, QStringLiteral("The part is not in the message"));
        return;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()
        || !file.commit()) {
        emit partSaved(path, openAfter, QStringLiteral("%1: %2").arg(path, file.errorString()));
        return;
    }
    emit partSaved(path, openAfter, {});
}

void StoreLoader::exportMessages(const QList<qint64> &ids, const QString &directory)
{
    if (!ensureReader()) {
        emit exportFinished(0, directory, QStringLiteral("The store cannot be read"));
        return;
    }
    int written = 0;
    for (const qint64 id : ids) {
        const QString path = QDir(directory).filePath(QStringLiteral("%1.eml").arg(id));
        QSaveFile file(path);
        QString error;
        if (!file.open(QIODevice::WriteOnly) || !m_reader->writeRaw(id, &file, &error)
            || !file.commit()) {
            emit exportFinished(
                written, directory,
                QStringLiteral("%1: %2").arg(path, error.isEmpty() ? file.errorString() : error));
            return;
        }
        ++written;
    }
    emit exportFinished(written, directory, {});
}

void StoreLoader::importFiles(MessageStore *store, const QStringList &paths)
{
    static const QRegularExpression address(QStringLiteral(R"([^\s<>,;:"()]+@[^\s<>,;:"()]+)"));
    const auto addresses = [](const QString &header) {
        QList<QByteArray> result;
        for (auto it = address.globalMatch(header); it.hasNext();)
            result.append(it.next().captured().toUtf8());
        return result;
    };
    struct Progress
    {
        qsizetype outstanding = 0;
        QList<qint64> ids;
        QStringList errors;
    };
    auto progress = std::make_shared<Progress>();
    const auto finishOne = [this, progress] {
        if (--progress->outstanding == 0)
            emit importFinished(progress->ids, progress->errors);
    };
    progress->outstanding = paths.size() + 1; // +1 until every file is queued
    for (const QString &path : paths) {
        QFile file(path);
        auto spool = std::make_shared<MessageSpool>(store->spoolDirectory());
        bool ok = file.open(QIODevice::ReadOnly);
        while (ok && !file.atEnd())
            ok = spool->append(file.read(StoreReader::kRawChunkSize));
        if (!ok || spool->size() == 0) {
            progress->errors.append(QStringLiteral("%1: %2").arg(
                path,
                spool->size() == 0 && ok ? QStringLiteral("empty file") : file.errorString()));
            finishOne();
            continue;
        }
        // Only the header block is needed for the envelope.
        const MessageParts parts = MessageParts::parse(spool->head(64 * 1024));
        DeliveryRequest request;
        request.session.sessionId = store->allocateSessionId();
        request.session.started = QDateTime::currentDateTimeUtc();
        request.session.remoteAddress = QStringLiteral("import");
        request.session.heloName = QFileInfo(path).fileName();
        request.session.endReason = QStringLiteral("imported");
        request.received = request.session.started;
        const QList<QByteArray> from = addresses(parts.from);
        request.envelope.mailFrom = from.isEmpty() ? QByteArray() : from.constFirst();
        QString bcc;
        for (const MessageHeader &header : parts.headers) {
            if (header.name.compare(u"Bcc", Qt::CaseInsensitive) == 0)
                bcc += header.value + u',';
        }
        request.envelope.recipients = addresses(parts.to + u',' + parts.cc + u',' + bcc);
        request.data = spool;
        store->deliver(std::move(request), this,
                       [progress, finishOne, path](const DeliveryResult &result) {
                           if (result.ok)
                               progress->ids.append(result.storeId);
                           else
                               progress->errors.append(path + QStringLiteral(": ") + result.error);
                           finishOne();
                       });
    }
    finishOne();
}
