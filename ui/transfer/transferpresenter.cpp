// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "transferpresenter.h"

#include "models/inboxmodel.h"
#include "pages/inboxpage.h"
#include "service/mailservice.h"

#include <QDir>
#include <QFileDialog>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QStandardPaths>
#include <QUrl>

#include <climits>

TransferPresenter::TransferPresenter(MailTransfer *transfer, MailService *controller,
                                     InboxPage *inbox, QWidget *window)
    : QObject(window)
    , m_transfer(transfer)
    , m_service(controller)
    , m_inbox(inbox)
    , m_window(window)
{
    connect(m_transfer, &MailTransfer::progress, this, &TransferPresenter::progressed);
    connect(m_transfer, &MailTransfer::finished, this, &TransferPresenter::transferFinished);
}

TransferPresenter::~TransferPresenter() = default;

MessageExporter::Selection TransferPresenter::exportSelection(ExportScope scope,
                                                              qint64 *count) const
{
    if (scope == ExportScope::Selected) {
        const QList<qint64> ids = m_inbox->selectedIds();
        *count = ids.size();
        return MessageExporter::Selection::ofIds(ids);
    }
    *count = m_inbox->model()->rowCount();
    const QString query = m_inbox->model()->query();
    return query.isEmpty() ? MessageExporter::Selection::all()
                           : MessageExporter::Selection::ofQuery(query);
}

void TransferPresenter::exportMessages(ExportScope scope, MessageExporter::Format format)
{
    if (m_transfer->isRunning() || m_service->storeDirectory().isEmpty())
        return;
    qint64 count = 0;
    const MessageExporter::Selection selection = exportSelection(scope, &count);
    if (count == 0)
        return;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QString destination;
    bool replace = false;
    switch (format) {
    case MessageExporter::Format::Mbox:
        // The dialog has asked about replacing an existing file.
        destination = QFileDialog::getSaveFileName(
            m_window, tr("Export %n message(s) as mbox", nullptr, int(count)),
            QDir(documents).filePath(QStringLiteral("letterbox.mbox")),
            tr("mbox files (*.mbox);;All files (*)"));
        replace = true;
        break;
    case MessageExporter::Format::Eml:
    case MessageExporter::Format::Maildir:
        destination = QFileDialog::getExistingDirectory(
            m_window,
            format == MessageExporter::Format::Eml
                ? tr("Export %n message(s) as .eml files to", nullptr, int(count))
                : tr("Export %n message(s) into the Maildir", nullptr, int(count)),
            documents);
        break;
    }
    if (!destination.isEmpty())
        exportTo(selection, format, destination, replace);
}

bool TransferPresenter::exportTo(const MessageExporter::Selection &selection,
                                 MessageExporter::Format format, const QString &destination,
                                 bool replaceExisting)
{
    if (!m_transfer->startExport(m_service->storeDirectory(), selection, format, destination,
                                 replaceExisting))
        return false;
    showProgress(tr("Exporting…"));
    return true;
}

void TransferPresenter::importFiles()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        m_window, tr("Import messages"),
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
        tr("Messages and mailboxes (*.eml *.mbox *.mbx *.mbs);;All files (*)"));
    importPaths(paths);
}

void TransferPresenter::importFolder()
{
    const QString path = QFileDialog::getExistingDirectory(
        m_window, tr("Import a Maildir or a folder of .eml files"),
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    if (!path.isEmpty())
        importPaths({path});
}

bool TransferPresenter::importPaths(const QStringList &paths)
{
    if (paths.isEmpty())
        return false;
    if (m_transfer->isRunning()) {
        emit statusMessage(tr("Another import or export is still running"), 8000);
        return false;
    }
    // The store outlives the transfer: the transfer is created first, so it is destroyed (and
    // waited for) before the controller closes the store.
    if (!m_transfer->startImport(m_service->store(), paths))
        return false;
    showProgress(tr("Importing…"));
    return true;
}

QStringList TransferPresenter::droppedPaths(const QMimeData *mime, const QObject *source) const
{
    // A message dragged out of our own inbox and dropped back would only be a duplicate.
    if (!mime || !mime->hasUrls() || m_inbox->isDragSource(source))
        return {};
    QStringList paths;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    return paths;
}

void TransferPresenter::showProgress(const QString &label)
{
    delete m_dialog;
    m_dialog = new QProgressDialog(label, tr("Cancel"), 0, 0, m_window);
    m_dialog->setWindowTitle(tr("Letterbox"));
    m_dialog->setWindowModality(Qt::WindowModal);
    // Short transfers finish without a dialog flashing up.
    m_dialog->setMinimumDuration(400);
    m_dialog->setAutoClose(false);
    m_dialog->setAutoReset(false);
    connect(m_dialog, &QProgressDialog::canceled, m_transfer, &MailTransfer::cancel);
}

void TransferPresenter::progressed(qint64 done, qint64 total, const QString &text)
{
    if (!m_dialog)
        return;
    // QProgressDialog counts in int; the sources of an import are counted in bytes.
    const int scale = total > INT_MAX ? int(total / INT_MAX) + 1 : 1;
    m_dialog->setMaximum(int(total / scale));
    m_dialog->setValue(int(done / scale));
    m_dialog->setLabelText(text);
}

void TransferPresenter::transferFinished(const MailTransfer::Outcome &outcome)
{
    delete m_dialog;
    const bool import = outcome.kind == MailTransfer::Kind::Import;
    QString summary;
    if (outcome.cancelled) {
        summary = import ? tr("Import cancelled; nothing was imported")
                         : tr("Export cancelled; nothing was written");
    } else if (!outcome.error.isEmpty()) {
        summary = tr("Export failed: %1").arg(outcome.error);
    } else if (import) {
        summary = tr("Imported %n message(s)", nullptr, int(outcome.count));
        m_inbox->model()->noteArrivals(outcome.importedIds);
    } else {
        summary = tr("Exported %n message(s) to %1", nullptr, int(outcome.count))
                      .arg(QDir::toNativeSeparators(outcome.destination));
    }
    emit statusMessage(summary, 10000);
    if (!outcome.cancelled && (!outcome.error.isEmpty() || !outcome.problems.isEmpty())) {
        auto *box = new QMessageBox(QMessageBox::Warning, import ? tr("Import") : tr("Export"),
                                    summary, QMessageBox::Ok, m_window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        if (!outcome.problems.isEmpty()) {
            box->setInformativeText(
                tr("%n entry(ies) were left out.", nullptr, int(outcome.problems.size())));
            box->setDetailedText(outcome.problems.join(u'\n'));
        }
        box->open();
    }
    emit finished(outcome);
}
