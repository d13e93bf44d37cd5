// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "messagespool.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

MessageSpool::MessageSpool(QString spoolDirectory, qsizetype memoryLimit)
    : m_spoolDirectory(std::move(spoolDirectory))
    , m_memoryLimit(memoryLimit)
{}

MessageSpool::~MessageSpool() = default;

Result<void> MessageSpool::append(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return {};
    if (!m_file && m_memory.size() + bytes.size() > m_memoryLimit) {
        if (Result<void> moved = moveToFile(); !moved)
            return moved;
    }
    if (m_file) {
        if (m_file->write(bytes.data(), bytes.size()) != bytes.size())
            return Error(ErrorCode::FileUnwritable, m_file->errorString(), m_spoolDirectory);
    } else {
        m_memory.append(bytes);
    }
    m_size += bytes.size();
    return {};
}

Result<void> MessageSpool::moveToFile()
{
    // mkstemp + unlink: the file vanishes with the process, even after a crash, and no other
    // program can open it by name.
    QByteArray pattern = QFile::encodeName(
        QDir(m_spoolDirectory).filePath(QStringLiteral("letterbox-spool-XXXXXX")));
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0)
        return Error(ErrorCode::FileUnwritable,
                     QStringLiteral("cannot create a spool file in %1: %2")
                         .arg(m_spoolDirectory, QString::fromLocal8Bit(std::strerror(errno))),
                     m_spoolDirectory);
    ::unlink(pattern.constData());
    auto file = std::make_unique<QFile>();
    if (!file->open(fd, QIODevice::ReadWrite | QIODevice::Unbuffered,
                    QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return Error(ErrorCode::FileUnwritable, file->errorString(), m_spoolDirectory);
    }
    if (file->write(m_memory) != m_memory.size())
        return Error(ErrorCode::FileUnwritable, file->errorString(), m_spoolDirectory);
    m_file = std::move(file);
    m_memory = QByteArray();
    return {};
}

bool MessageSpool::readChunks(const std::function<bool(QByteArrayView)> &sink,
                              qsizetype chunkSize) const
{
    if (!m_file) {
        for (qsizetype offset = 0; offset < m_memory.size(); offset += chunkSize) {
            if (!sink(QByteArrayView(m_memory).sliced(offset,
                                                      qMin(chunkSize, m_memory.size() - offset))))
                return false;
        }
        return true;
    }
    QByteArray buffer(chunkSize, Qt::Uninitialized);
    for (qint64 offset = 0; offset < m_size;) {
        // pread keeps the write position untouched and works from any thread.
        const ssize_t got = ::pread(m_file->handle(), buffer.data(),
                                    size_t(qMin<qint64>(chunkSize, m_size - offset)), offset);
        if (got <= 0)
            return false;
        if (!sink(QByteArrayView(buffer.constData(), got)))
            return false;
        offset += got;
    }
    return true;
}

QByteArray MessageSpool::head(qsizetype maxBytes) const
{
    if (!m_file)
        return m_memory.left(maxBytes);
    QByteArray result(qMin<qint64>(maxBytes, m_size), Qt::Uninitialized);
    const ssize_t got = ::pread(m_file->handle(), result.data(), size_t(result.size()), 0);
    result.truncate(got < 0 ? 0 : got);
    return result;
}

QByteArray MessageSpool::readAll() const
{
    if (!m_file)
        return m_memory;
    QByteArray result;
    result.reserve(m_size);
    readChunks([&result](QByteArrayView chunk) {
        result.append(chunk);
        return true;
    });
    return result;
}
