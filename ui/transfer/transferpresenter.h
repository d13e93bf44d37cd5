// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "exchange/exportreport.h"
#include "exchange/importreport.h"
#include "exchange/messageexporter.h"

#include <QObject>
#include <QPointer>

class InboxPage;
class QMimeData;
class QProgressDialog;
class QWidget;
class MailService;

/// Import and export as the user sees them: the file dialogs, a progress dialog that can
/// cancel (shown only when a transfer takes a while), files dropped on the window, and the
/// outcome in the status bar and, when something was left out, in a dialog. The work itself
/// runs in MailService (importMessages, exportMessages); the messages to export come from the
/// inbox page, and imported messages reach the inbox through MailService::messagesAdded.
class TransferPresenter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferPresenter)

public:
    /// What an export writes: the selected messages, or all listed (the search result while a
    /// search is on, else every message).
    enum class ExportScope { Selected, Listed };

    /// `window` parents the dialogs.
    TransferPresenter(MailService *service, InboxPage *inbox, QWidget *window);
    ~TransferPresenter() override;

    /// The messages an export of `scope` writes, and how many they are (`count`).
    MessageExporter::Selection exportSelection(ExportScope scope, qint64 *count) const;
    /// Asks where to, then exports (the Export menu).
    void exportMessages(ExportScope scope, MessageExporter::Format format);
    /// Exports in the background with progress. False when nothing was started.
    bool exportTo(const MessageExporter::Selection &selection, MessageExporter::Format format,
                  const QString &destination, bool replaceExisting = false);
    void importFiles();
    void importFolder();
    /// Imports .eml files, mbox files, folders and Maildirs in the background, with a progress
    /// dialog that can cancel. False when nothing was started (another transfer runs).
    bool importPaths(const QStringList &paths);
    /// The local files and folders in a drag, or none when it is not something to import.
    QStringList droppedPaths(const QMimeData *mime, const QObject *source) const;

signals:
    void statusMessage(const QString &text, int timeoutMs);

private:
    void showProgress(const QString &label);
    void progressed(qint64 done, qint64 total, const QString &text);
    void imported(const ImportReport &report);
    void exported(const ExportReport &report);
    /// The summary in the status bar, and a dialog when `problems` or `failure` say more.
    void summarize(bool import, const QString &summary, const QStringList &problems, bool failed);

    MailService *m_service = nullptr;
    InboxPage *m_inbox = nullptr;
    QWidget *m_window = nullptr;
    QPointer<QProgressDialog> m_dialog;
};
