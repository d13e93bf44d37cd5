// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QString>

#include <functional>

class QIODevice;

/// Writes messages into a Maildir the way delivery agents do: each into tmp/, synced, then
/// moved under a name no other file has into new/ (unread) or, with the ":2,S" info, into cur/
/// (read). So a reader sees every message complete or not at all. The name starts with the
/// time the message was received ("<seconds>.M<microseconds>P<pid>Q<counter>.<host>,S=<size>"),
/// which MaildirReader reads back. One thread at a time.
class MaildirWriter final
{
public:
    /// Fills `out` with the message bytes; returns false with a reason when it cannot.
    using Fill = std::function<bool(QIODevice *out, QString *error)>;

    explicit MaildirWriter(QString directory);
    Q_DISABLE_COPY_MOVE(MaildirWriter)

    /// Creates the Maildir and its tmp/, new/ and cur/ (mode 0700) if missing. Returns false
    /// with a one-line reason when it cannot be used.
    bool prepare(QString *error);

    /// Writes one message. Returns the path of the new file, or an empty string and a one-line
    /// reason (nothing is left behind then).
    QString write(const Fill &fill, const QDateTime &received, bool seen, QString *error);

    /// Makes the names of the files written so far durable (fsync of new/ and cur/).
    void syncDirectories();

    QString directory() const { return m_directory; }

private:
    QString uniqueName(const QDateTime &received);

    QString m_directory;
    QString m_hostName;
};
