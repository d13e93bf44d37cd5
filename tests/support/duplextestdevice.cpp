// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "duplextestdevice.h"

#include <cstring>
#include <utility>

DuplexTestDevice::DuplexTestDevice(QObject *parent)
    : QIODevice(parent)
{
    open(QIODevice::ReadWrite | QIODevice::Unbuffered);
}

void DuplexTestDevice::feed(const QByteArray &bytes)
{
    m_incoming += bytes;
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT readyRead(); }, Qt::QueuedConnection);
}

qint64 DuplexTestDevice::bytesAvailable() const
{
    return m_incoming.size() + QIODevice::bytesAvailable();
}

qint64 DuplexTestDevice::readData(char *data, qint64 maxSize)
{
    const qint64 n = qMin<qint64>(maxSize, m_incoming.size());
    std::memcpy(data, m_incoming.constData(), size_t(n));
    m_incoming.remove(0, n);
    return n;
}

qint64 DuplexTestDevice::writeData(const char *data, qint64 size)
{
    if (m_peerReading) {
        m_written.append(data, size);
        return size;
    }
    m_unsent.append(data, size);
    m_peakUnsent = qMax(m_peakUnsent, qint64(m_unsent.size()));
    return size;
}

void DuplexTestDevice::setPeerReading(bool reading)
{
    m_peerReading = reading;
    if (!reading || m_unsent.isEmpty())
        return;
    const qint64 sent = m_unsent.size();
    m_written += std::exchange(m_unsent, {});
    QMetaObject::invokeMethod(
        this, [this, sent] { Q_EMIT bytesWritten(sent); }, Qt::QueuedConnection);
}
