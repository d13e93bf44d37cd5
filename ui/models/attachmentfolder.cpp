// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "attachmentfolder.h"

#include "exchange/exclusivefile.h"

#include <QDir>
#include <QFile>
#include <QIODevice>
#include <QTemporaryDir>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace {

// An extension longer than this is no extension worth keeping when a name is cut.
constexpr qsizetype kMaxKeptExtension = 16;

bool unsafe(char32_t c)
{
    switch (c) {
    case U'/':
    case U'\\':
    case U':':
    case U'*':
    case U'?':
    case U'"':
    case U'<':
    case U'>':
    case U'|':
        return true;
    default:
        break;
    }
    switch (QChar::category(c)) {
    case QChar::Other_Control:       // C0, DEL and C1
    case QChar::Other_Format:        // bidi overrides, zero-width characters
    case QChar::Other_Surrogate:     // unpaired halves
    case QChar::Other_NotAssigned:   // includes non-characters
    case QChar::Separator_Line:      // U+2028
    case QChar::Separator_Paragraph: // U+2029
        return true;
    default:
        return false;
    }
}

QString trimDotsAndBlanks(const QString &name)
{
    qsizetype begin = 0;
    qsizetype end = name.size();
    while (begin < end && (name.at(begin) == u'.' || name.at(begin).isSpace()))
        ++begin;
    while (end > begin && (name.at(end - 1) == u'.' || name.at(end - 1).isSpace()))
        --end;
    return name.mid(begin, end - begin);
}

} // namespace

AttachmentFolder::AttachmentFolder(const QString &parent)
    : m_parent(parent.isEmpty() ? QDir::tempPath() : parent)
{}

AttachmentFolder::~AttachmentFolder() = default;

QString AttachmentFolder::path() const
{
    return m_folder && m_folder->isValid() ? m_folder->path() : QString();
}

QString AttachmentFolder::safeFileName(const QString &name, const QString &fallback)
{
    QString cleaned;
    cleaned.reserve(name.size());
    for (const char32_t c : name.toUcs4()) {
        if (unsafe(c))
            cleaned += u'_';
        else
            cleaned += QString::fromUcs4(&c, 1);
    }
    cleaned = trimDotsAndBlanks(cleaned);
    if (cleaned.isEmpty() || cleaned.count(u'_') == cleaned.size())
        return fallback;
    if (cleaned.toUtf8().size() <= kMaxNameBytes)
        return cleaned;

    // Too long: cut the base, keep a short extension, and never split a surrogate pair.
    const qsizetype dot = cleaned.lastIndexOf(u'.');
    const QString extension =
        dot > 0 && cleaned.size() - dot <= kMaxKeptExtension + 1 ? cleaned.mid(dot) : QString();
    QString base = cleaned.left(extension.isEmpty() ? cleaned.size() : dot);
    const qsizetype budget = kMaxNameBytes - extension.toUtf8().size();
    while (!base.isEmpty() && base.toUtf8().size() > budget) {
        base.chop(1);
        if (!base.isEmpty() && base.back().isHighSurrogate())
            base.chop(1);
    }
    const QString cut = trimDotsAndBlanks(base + extension);
    return cut.isEmpty() ? fallback : cut;
}

Result<QString> AttachmentFolder::write(const QString &name, const QString &fallback,
                                        QByteArrayView content)
{
    if (!m_folder) {
        m_folder = std::make_unique<QTemporaryDir>(
            QDir(m_parent).filePath(QStringLiteral("letterbox-open-XXXXXX")));
    }
    if (!m_folder->isValid()) {
        Error error(
            ErrorCode::FileUnwritable,
            tr("cannot create a private folder in %1: %2").arg(m_parent, m_folder->errorString()),
            m_parent);
        m_folder.reset(); // the next try may succeed
        return error;
    }
    const QString subfolder = m_folder->filePath(QString::number(++m_written));
    if (::mkdir(QFile::encodeName(subfolder).constData(), 0700) != 0) {
        return Error(
            ErrorCode::FileUnwritable,
            tr("cannot create %1: %2").arg(subfolder, QString::fromLocal8Bit(std::strerror(errno))),
            subfolder);
    }
    const QString target = QDir(subfolder).filePath(safeFileName(name, fallback));
    ExclusiveFile file(0600);
    if (Result<void> created = file.createIn(subfolder); !created)
        return std::move(created).error();
    if (file.device()->write(content.data(), content.size()) != content.size())
        return Error(ErrorCode::FileUnwritable,
                     tr("cannot write %1: %2").arg(target, file.device()->errorString()), target);
    if (Result<void> committed = file.commit(target, ExclusiveFile::Existing::Refuse); !committed)
        return std::move(committed).error();
    return target;
}
