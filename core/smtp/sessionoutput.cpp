// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "sessionoutput.h"

#include <QAbstractSocket>
#include <QSslSocket>

SessionOutput::SessionOutput(QIODevice *device)
    : m_device(device)
{}

void SessionOutput::write(const QByteArray &bytes)
{
    m_thread.check("SessionOutput");
    m_device->write(bytes);
}

void SessionOutput::flush()
{
    m_thread.check("SessionOutput");
    // Replies to one burst of input go out together: with PIPELINING that is one segment,
    // and a waiting client hears back sooner.
    if (auto *socket = qobject_cast<QAbstractSocket *>(m_device))
        socket->flush();
}

bool SessionOutput::isBlocked()
{
    qint64 unsent = m_device->bytesToWrite();
    // Once encrypted, QSslSocket's bytesToWrite() counts only what it has not encrypted yet;
    // the ciphertext waits in the socket below it, and grows there when the peer does not read.
    if (auto *ssl = qobject_cast<QSslSocket *>(m_device))
        unsent += ssl->encryptedBytesToWrite();
    m_blocked = unsent > kMaxUnsentBytes;
    return m_blocked;
}
