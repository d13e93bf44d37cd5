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
    /// While set, what the session writes stays unsent (bytesToWrite()) as it would in a
    /// socket whose peer does not read; clearing it delivers everything and emits bytesWritten.
    void setPeerReading(bool reading);
    qint64 bytesToWrite() const override { return m_unsent.size(); }
    bool closedBySession() const { return m_closed; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    QByteArray m_incoming;
    QByteArray m_written;
    QByteArray m_unsent;
    qint64 m_peakUnsent = 0;
    bool m_peerReading = true;
    bool m_closed = false;

public:
    /// The most that was ever unsent at once.
    qint64 peakUnsent() const { return m_peakUnsent; }
};
