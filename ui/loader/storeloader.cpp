// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "storeloader.h"

#include "errortext.h"

#include "models/attachmentfolder.h"
#include "store/storereader.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QTemporaryDir>

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
    Result<std::unique_ptr<StoreReader>> opened = StoreReader::open(m_directory);
    if (!opened) {
        emit loadFailed(opened.error());
        return false;
    }
    m_reader = std::move(*opened);
    return true;
}

void StoreLoader::listIds(const InboxListRequest &request)
{
    InboxListResult result;
    result.generation = request.generation;
    result.serial = request.serial;
    if (!ensureReader()) {
        result.error = tr("The store cannot be read");
        emit idsListed(result);
        return;
    }
    Result<QList<qint64>> ids = m_reader->searchIds(request.query, request.field, request.order);
    if (!ids) {
        result.error = ErrorText::of(ids.error());
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
        details.error = tr("The store cannot be read");
        emit messageLoaded(details);
        return;
    }
    auto message = m_reader->message(id);
    if (!message) {
        details.error = tr("Message %1 is no longer in the store").arg(id);
        emit messageLoaded(details);
        return;
    }
    details.found = true;
    details.message = std::move(*message);
    details.raw = m_reader->raw(id);
    details.parts = MessageParts::parse(details.raw);
    qsizetype inlineBytes = 0;
    // Attachments with a Content-ID too: a body may show one that says `attachment`.
    QList<MessageAttachment> withIds = details.parts.inlineImages;
    withIds.append(details.parts.attachments);
    for (const MessageAttachment &part : std::as_const(withIds)) {
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
    details.relayAttempts = m_reader->relayAttempts(id).valueOr({});
    details.dragFile = writeDragFile(id, details.raw);
    emit messageLoaded(details);
}

void StoreLoader::loadSessions(int limit)
{
    if (!ensureReader())
        return;
    emit sessionsLoaded(m_reader->recentSessions(limit));
}

void StoreLoader::loadSessionTrace(quint64 sessionId)
{
    if (!ensureReader())
        return;
    emit sessionTraceLoaded(sessionId, m_reader->sessionTrace(sessionId));
}

QString StoreLoader::writeDragFile(qint64 id, const QByteArray &raw)
{
    if (!m_dragFolder) {
        m_dragFolder = std::make_unique<QTemporaryDir>(
            QDir(m_temporaryFolder.isEmpty() ? QDir::tempPath() : m_temporaryFolder)
                .filePath(QStringLiteral("letterbox-drag-XXXXXX")));
    }
    if (!m_dragFolder->isValid())
        return {};
    // Only the message on screen can be dragged: the previous file is no longer needed.
    if (!m_dragFile.isEmpty())
        QFile::remove(m_dragFile);
    m_dragFile.clear();
    QSaveFile file(m_dragFolder->filePath(QStringLiteral("message-%1.eml").arg(id)));
    if (!file.open(QIODevice::WriteOnly) || file.write(raw) != raw.size() || !file.commit())
        return {};
    m_dragFile = file.fileName();
    return m_dragFile;
}

std::optional<QByteArray> StoreLoader::partBytes(const QByteArray &raw, int partIndex) const
{
    if (partIndex < 0)
        return raw;
    return MessageParts::partContent(raw, partIndex);
}

void StoreLoader::savePart(const QByteArray &raw, int partIndex, const QString &path)
{
    const std::optional<QByteArray> content = partBytes(raw, partIndex);
    if (!content) {
        emit partNotSaved(Error(ErrorCode::NotFound, tr("The part is not in the message")));
        return;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(*content) != content->size()
        || !file.commit()) {
        emit partNotSaved(Error(ErrorCode::FileUnwritable,
                                QStringLiteral("%1: %2").arg(path, file.errorString()), path));
        return;
    }
    emit partSaved(path, false);
}

void StoreLoader::openPart(const QByteArray &raw, int partIndex, const QString &name)
{
    const std::optional<QByteArray> content = partBytes(raw, partIndex);
    if (!content) {
        emit partNotSaved(Error(ErrorCode::NotFound, tr("The part is not in the message")));
        return;
    }
    if (!m_openFolder)
        m_openFolder = std::make_unique<AttachmentFolder>(m_temporaryFolder);
    const Result<QString> path = m_openFolder->write(
        name, QStringLiteral("attachment-%1").arg(std::max(partIndex, 0)), *content);
    if (!path) {
        emit partNotSaved(path.error());
        return;
    }
    emit partSaved(*path, true);
}
