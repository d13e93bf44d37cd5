// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QIODevice>

/// An in-memory connection for session tests: what the test writes with feed() is what the
/// session reads; what the session writes collects in written(). readyRead is emitted on the
/// next event-loop turn, as a socket would.
class DuplexTestDevice final : public QIODevice
{
    Q_OBJECT

public:
    explicit DuplexTestDevice(QObject *parent = nullptr);

    void feed(const QByteArray &bytes);
    const QByteArray &written() const { return m_written; }
    void appendMarker(const QByteArray &marker) { m_written += marker; }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;
    bool closedBySession() const { return m_closed; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    QByteArray m_incoming;
    QByteArray m_written;
    bool m_closed = false;
};
