// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "transferpresenter.h"

#include "errortext.h"

#include "models/inboxmodel.h"
#include "pages/inboxpage.h"
#include "service/mailservice.h"

#include <QDir>
#include <QFileDialog>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QStandardPaths>
#include <QUrl>

#include <climits>

TransferPresenter::TransferPresenter(MailService *service, InboxPage *inbox, QWidget *window)
    : QObject(window)
    , m_service(service)
    , m_inbox(inbox)
    , m_window(window)
{
    connect(m_service, &MailService::importProgress, this,
            [this](qint64 imported, qint64 bytesDone, qint64 bytesTotal) {
                const QString text = tr("Imported %L1 message(s) (%2 of %3)", nullptr,
                                        int(qMin<qint64>(imported, INT_MAX)))
                                         .arg(imported)
                                         .arg(QLocale().formattedDataSize(bytesDone),
                                              QLocale().formattedDataSize(bytesTotal));
                progressed(bytesDone, bytesTotal, text);
            });
    connect(m_service, &MailService::exportProgress, this, [this](qint64 done, qint64 total) {
        const QString text =
            tr("Exported %L1 of %L2 message(s)", nullptr, int(qMin<qint64>(total, INT_MAX)))
                .arg(done)
                .arg(total);
        progressed(done, total, text);
    });
    connect(m_service, &MailService::importFinished, this, &TransferPresenter::imported);
    connect(m_service, &MailService::exportFinished, this, &TransferPresenter::exported);
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
    if (m_service->transfer() != MailService::Transfer::None || !m_service->store())
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
    if (!m_service->exportMessages(selection, format, destination, replaceExisting))
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
    if (m_service->transfer() != MailService::Transfer::None) {
        emit statusMessage(tr("Another import or export is still running"), 8000);
        return false;
    }
    if (!m_service->importMessages(paths))
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
    connect(m_dialog, &QProgressDialog::canceled, m_service, &MailService::cancelTransfer);
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

void TransferPresenter::imported(const ImportReport &report)
{
    QString summary;
    if (report.cancelled)
        summary = tr("Import cancelled; nothing was imported");
    else
        summary = tr("Imported %n message(s)", nullptr, int(report.ids.size()));
    summarize(true, summary, report.cancelled ? QStringList() : report.problemLines(), false);
}

void TransferPresenter::exported(const ExportReport &report)
{
    QString summary;
    switch (report.outcome) {
    case ExportReport::Outcome::Cancelled:
        summary = tr("Export cancelled; nothing was written");
        break;
    case ExportReport::Outcome::Failed:
        summary = tr("Export failed: %1").arg(ErrorText::of(report.error));
        break;
    case ExportReport::Outcome::Finished:
        summary = tr("Exported %n message(s) to %1", nullptr, int(report.exported))
                      .arg(QDir::toNativeSeparators(report.destination));
        break;
    }
    summarize(false, summary,
              report.outcome == ExportReport::Outcome::Cancelled ? QStringList()
                                                                 : report.skippedLines(),
              report.outcome == ExportReport::Outcome::Failed);
}

void TransferPresenter::summarize(bool import, const QString &summary, const QStringList &problems,
                                  bool failed)
{
    delete m_dialog;
    emit statusMessage(summary, 10000);
    if (!failed && problems.isEmpty())
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, import ? tr("Import") : tr("Export"), summary,
                                QMessageBox::Ok, m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (!problems.isEmpty()) {
        box->setInformativeText(tr("%n entry(ies) were left out.", nullptr, int(problems.size())));
        box->setDetailedText(problems.join(u'\n'));
    }
    box->open();
}
