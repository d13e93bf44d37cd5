// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "store/messagespool.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

/// Copies committed messages into a Maildir (tmp/ → new/) for mutt, neomutt or notmuch. Lives
/// in its own thread ("maildir-mirror"), owned by MessageStore; the store writer hands it each
/// committed batch with a queued call, so a slow or failing mirror never delays a 250.
class MaildirMirror final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MaildirMirror)

public:
    /// One committed message. The spool is shared with the store writer and only read here.
    struct Item
    {
        qint64 storeId = 0;
        std::shared_ptr<const MessageSpool> data;
    };

    /// Creates `directory` and its tmp/, new/ and cur/ folders (mode 0700) if missing. Returns
    /// false with a one-line reason when the folder cannot be used. Any thread.
    static bool prepare(const QString &directory, QString *error);
    /// This machine's name as it may stand in a Maildir file name (shared with MaildirWriter).
    static QString maildirHostName();

    explicit MaildirMirror(QString directory, QObject *parent = nullptr);
    ~MaildirMirror() override;

    QString directory() const { return m_directory; }
    /// Switches to another (prepared) Maildir. Mirror thread only.
    void setDirectory(const QString &directory);

    /// Writes each item to tmp/, fsyncs it, renames it into new/, then fsyncs new/ once for the
    /// batch. Emits failed() for each message that could not be written. Mirror thread only.
    void write(const QList<MaildirMirror::Item> &items);

    /// Messages written since construction. Mirror thread only (tests read it after flush()).
    qint64 writtenCount() const { return m_written; }

signals:
    /// A message could not be mirrored. Emitted in the mirror thread; the store stays intact.
    void failed(const QString &message);

private:
    bool writeOne(const Item &item, QString *error);
    QString uniqueName(qint64 size);

    QString m_directory;
    QString m_hostName;
    qint64 m_written = 0;
};
