// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "messageview.h"

#include "loader/storeloader.h"
#include "models/attachmentfolder.h"
#include "views/htmlpreview.h"
#include "views/traceview.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace {

QTreeWidget *makeTable(const QStringList &labels, QWidget *parent)
{
    auto *tree = new QTreeWidget(parent);
    tree->setHeaderLabels(labels);
    tree->setRootIsDecorated(false);
    tree->setUniformRowHeights(true);
    tree->setAllColumnsShowFocus(true);
    tree->setAlternatingRowColors(true);
    tree->header()->setStretchLastSection(true);
    return tree;
}

/// Lower-case addresses in a decoded address header ("Ann <a@x.test>, b@y.test").
QSet<QString> addressesIn(const QString &header)
{
    static const QRegularExpression address(QStringLiteral(R"([^\s<>,;:"()]+@[^\s<>,;:"()]+)"));
    QSet<QString> result;
    for (auto it = address.globalMatch(header); it.hasNext();)
        result.insert(it.next().captured().toCaseFolded());
    return result;
}

} // namespace

MessageView::MessageView(QWidget *parent)
    : QWidget(parent)
{
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_summary->setContentsMargins(6, 4, 6, 4);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("messageTabs"));
    m_tabs->setDocumentMode(true);
    m_html = new HtmlPreview(m_tabs);
    m_tabs->addTab(m_html, tr("HTML"));
    connect(m_html, &HtmlPreview::statusMessage, this, &MessageView::statusMessage);

    m_text = new QPlainTextEdit(m_tabs);
    m_text->setObjectName(QStringLiteral("textView"));
    m_text->setReadOnly(true);
    m_tabs->addTab(m_text, tr("Text"));

    m_headers = makeTable({tr("Field"), tr("Value")}, m_tabs);
    m_headers->setObjectName(QStringLiteral("headersView"));
    m_headers->setWordWrap(true);
    m_tabs->addTab(m_headers, tr("Headers"));

    m_raw = new QPlainTextEdit(m_tabs);
    m_raw->setObjectName(QStringLiteral("rawView"));
    m_raw->setReadOnly(true);
    m_raw->setFont(fixed);
    // WrapAnywhere: word wrapping long base64 lines is quadratic.
    m_raw->setWordWrapMode(QTextOption::WrapAnywhere);
    m_tabs->addTab(m_raw, tr("Raw"));

    auto *attachmentsPage = new QWidget(m_tabs);
    m_attachments = makeTable({tr("Name"), tr("Type"), tr("Size")}, attachmentsPage);
    m_attachments->setObjectName(QStringLiteral("attachmentsView"));
    m_attachments->setSelectionMode(QAbstractItemView::SingleSelection);
    m_saveAttachment = new QPushButton(tr("Save…"), attachmentsPage);
    m_openAttachment = new QPushButton(tr("Open"), attachmentsPage);
    m_openAttachment->setObjectName(QStringLiteral("openAttachment"));
    m_openAttachment->setToolTip(tr("Open with the program your system uses for this type"));
    connect(m_saveAttachment, &QPushButton::clicked, this, [this] { saveAttachment(false); });
    connect(m_openAttachment, &QPushButton::clicked, this, [this] { saveAttachment(true); });
    connect(m_attachments, &QTreeWidget::itemActivated, this, [this] { saveAttachment(true); });
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_saveAttachment);
    buttons->addWidget(m_openAttachment);
    auto *attachmentsLayout = new QVBoxLayout(attachmentsPage);
    attachmentsLayout->setContentsMargins(0, 0, 0, 4);
    attachmentsLayout->addWidget(m_attachments, 1);
    attachmentsLayout->addLayout(buttons);
    m_tabs->addTab(attachmentsPage, tr("Attachments"));

    m_envelope = makeTable({tr("Envelope"), tr("Value"), tr("Note")}, m_tabs);
    m_envelope->setObjectName(QStringLiteral("envelopeView"));
    m_tabs->addTab(m_envelope, tr("Envelope"));

    m_trace = new TraceView(m_tabs);
    m_tabs->addTab(m_trace, tr("Trace"));

    m_checks = makeTable({tr("Severity"), tr("Check"), tr("Finding")}, m_tabs);
    m_tabs->addTab(m_checks, tr("Checks"));

    auto *messagePage = new QWidget(this);
    auto *messageLayout = new QVBoxLayout(messagePage);
    messageLayout->setContentsMargins(0, 0, 0, 0);
    messageLayout->setSpacing(0);
    messageLayout->addWidget(m_summary);
    messageLayout->addWidget(m_tabs, 1);

    m_placeholder = new QLabel(this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setEnabled(false);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(messagePage);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    showPlaceholder(tr("Select a message to see it here."));
}

MessageView::~MessageView() = default;

void MessageView::setLoader(StoreLoader *loader)
{
    if (m_loader)
        disconnect(m_loader, nullptr, this, nullptr);
    m_loader = loader;
    if (m_loader)
        connect(m_loader, &StoreLoader::partSaved, this, &MessageView::partSaved);
}

void MessageView::showPlaceholder(const QString &text)
{
    m_details = {};
    m_placeholder->setText(text);
    m_stack->setCurrentIndex(0);
    m_html->clear();
    m_trace->clear();
}

void MessageView::setDetails(const MessageDetails &details)
{
    if (!details.found) {
        showPlaceholder(details.error);
        return;
    }
    m_details = details;
    const MessageParts &parts = m_details.parts;
    // Taken before the tabs are enabled for this message: QTabWidget leaves a tab that becomes
    // disabled for its neighbour on its own, which is not what the user chose.
    const int chosenTab = m_tabs->currentIndex();
    fillSummary();

    m_tabs->setTabEnabled(HtmlTab, !parts.html.isEmpty());
    if (parts.html.isEmpty())
        m_html->clear();
    else
        m_html->setMessage(m_details);

    m_text->setPlainText(parts.text.isEmpty() && !parts.html.isEmpty()
                             ? tr("(This message has only an HTML body.)")
                             : parts.text);
    m_tabs->setTabEnabled(TextTab, !parts.text.isEmpty() || parts.html.isEmpty());

    fillHeaders();
    if (m_details.raw.size() > kMaxRawDisplay)
        m_raw->setPlainText(QString::fromUtf8(m_details.raw.left(kMaxRawDisplay))
                            + tr("\n\n[… %1 more bytes; use Save as .eml to get them all]")
                                  .arg(m_details.raw.size() - kMaxRawDisplay));
    else
        m_raw->setPlainText(QString::fromUtf8(m_details.raw));

    fillAttachments();
    fillEnvelope();
    m_trace->setTrace(m_details.trace, m_details.session, m_details.message);
    m_tabs->setTabText(TraceTab, tr("Trace (%1)").arg(m_details.trace.size()));
    fillChecks();

    // Keep the tab the user chose, unless it has nothing to show for this message; then the
    // body this message has.
    m_tabs->setCurrentIndex(m_tabs->isTabEnabled(chosenTab) ? chosenTab
                            : parts.html.isEmpty()          ? TextTab
                                                            : HtmlTab);
    m_stack->setCurrentIndex(1);
}

void MessageView::fillSummary()
{
    const StoredMessage &m = m_details.message;
    const MessageParts &parts = m_details.parts;
    const auto row = [](const QString &label, const QString &value) {
        return value.isEmpty() ? QString()
                               : QStringLiteral("<tr><td style='padding-right:8px'><b>%1</b></td>"
                                                "<td>%2</td></tr>")
                                     .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    const QString subject = parts.subject.isEmpty() ? m.subject : parts.subject;
    QString facts = QLocale().toString(m.received.toLocalTime(), QLocale::LongFormat)
                    + QStringLiteral(" · ") + QLocale().formattedDataSize(m.size);
    facts += m.tls ? tr(" · over TLS") : tr(" · without TLS");
    if (!m.authUser.isEmpty())
        facts += tr(" · authenticated as %1").arg(m.authUser);
    QString html = QStringLiteral("<div style='font-size:large'><b>%1</b></div><table>")
                       .arg((subject.isEmpty() ? tr("(no subject)") : subject).toHtmlEscaped());
    html += row(tr("From"), parts.from.isEmpty() ? m.from : parts.from);
    html += row(tr("To"), parts.to.isEmpty() ? m.to : parts.to);
    html += row(tr("Cc"), parts.cc);
    html += row(tr("Received"), facts);
    if (!parts.attachments.isEmpty())
        html += row(tr("Attachments"), QString::number(parts.attachments.size()));
    if (!m_details.findings.isEmpty())
        html += row(tr("Checks"), tr("%n finding(s), see the Checks tab", nullptr,
                                     int(m_details.findings.size())));
    html += QStringLiteral("</table>");
    m_summary->setText(html);
}

void MessageView::fillHeaders()
{
    m_headers->clear();
    QList<QTreeWidgetItem *> items;
    for (const MessageHeader &header : std::as_const(m_details.parts.headers)) {
        auto *item = new QTreeWidgetItem({header.name, header.value});
        item->setToolTip(1, QString::fromUtf8(header.raw));
        items.append(item);
    }
    m_headers->addTopLevelItems(items);
    m_headers->resizeColumnToContents(0);
}

void MessageView::fillAttachments()
{
    m_attachments->clear();
    const QLocale locale;
    for (const MessageAttachment &part : std::as_const(m_details.parts.attachments)) {
        QString name = part.fileName;
        if (name.isEmpty())
            name = part.contentId.isEmpty() ? tr("(part %1)").arg(part.partIndex)
                                            : tr("(inline %1)").arg(part.contentId);
        auto *item = new QTreeWidgetItem(
            {name, part.contentType + (part.isInline ? tr(" (inline)") : QString()),
             locale.formattedDataSize(part.size)});
        item->setData(0, Qt::UserRole, part.partIndex);
        item->setData(0, Qt::UserRole + 1, name);
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        m_attachments->addTopLevelItem(item);
    }
    const int count = int(m_details.parts.attachments.size());
    m_tabs->setTabText(AttachmentsTab,
                       count ? tr("Attachments (%1)").arg(count) : tr("Attachments"));
    m_tabs->setTabEnabled(AttachmentsTab, count > 0);
    if (count > 0)
        m_attachments->setCurrentItem(m_attachments->topLevelItem(0));
    m_attachments->resizeColumnToContents(0);
    m_saveAttachment->setEnabled(count > 0);
    m_openAttachment->setEnabled(count > 0);
}

void MessageView::fillEnvelope()
{
    m_envelope->clear();
    const StoredMessage &m = m_details.message;
    const auto add = [this](const QString &label, const QString &value, const QString &note = {}) {
        auto *item = new QTreeWidgetItem({label, value, note});
        m_envelope->addTopLevelItem(item);
        return item;
    };
    add(tr("MAIL FROM"), u'<' + QString::fromUtf8(m.mailFrom) + u'>',
        QString::fromUtf8(m.mailParameters));
    const QSet<QString> visible = addressesIn(m_details.parts.to) + addressesIn(m_details.parts.cc);
    for (const QByteArray &recipient : m.recipients) {
        const QString address = QString::fromUtf8(recipient);
        const bool hidden = !visible.contains(address.toCaseFolded());
        QTreeWidgetItem *item = add(tr("RCPT TO"), u'<' + address + u'>',
                                    hidden ? tr("Bcc: not in To or Cc") : tr("in To/Cc"));
        if (hidden) {
            QFont font = item->font(2);
            font.setBold(true);
            item->setFont(2, font);
        }
    }
    add(tr("Remote"), m.remoteAddress);
    add(tr("HELO/EHLO"), m.heloName);
    QString tls = m.tls ? tr("yes") : tr("no");
    if (m_details.session && m_details.session->tls)
        tls += QStringLiteral(" (%1 %2)")
                   .arg(m_details.session->tlsProtocol, m_details.session->tlsCipher);
    add(tr("TLS"), tls);
    add(tr("Authenticated as"), m.authUser.isEmpty() ? tr("(not authenticated)") : m.authUser);
    add(tr("Session"),
        m.sessionId == 0 ? tr("none (imported)") : u'#' + QString::number(m.sessionId));
    add(tr("Store id"), QString::number(m.id));
    m_envelope->resizeColumnToContents(0);
    m_envelope->resizeColumnToContents(1);
}

void MessageView::fillChecks()
{
    m_checks->clear();
    for (const CheckFinding &finding : std::as_const(m_details.findings))
        m_checks->addTopLevelItem(new QTreeWidgetItem(
            {QString(toString(finding.severity)), finding.code, finding.message}));
    for (const QString &warning : std::as_const(m_details.parts.warnings))
        m_checks->addTopLevelItem(new QTreeWidgetItem({tr("parse"), QString(), warning}));
    const int count = m_checks->topLevelItemCount();
    m_tabs->setTabText(ChecksTab, count ? tr("Checks (%1)").arg(count) : tr("Checks"));
    m_checks->resizeColumnToContents(1);
}

void MessageView::saveMessageAs()
{
    if (!m_details.found || !m_loader)
        return;
    const QString suggested =
        AttachmentFolder::safeFileName(m_details.message.subject,
                                       QStringLiteral("message-%1").arg(m_details.id))
        + QStringLiteral(".eml");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save message"),
        QDir(QStandardPaths::writableLocation(QStandardPaths::DownloadLocation))
            .filePath(suggested),
        tr("E-mail messages (*.eml);;All files (*)"));
    if (path.isEmpty())
        return;
    QMetaObject::invokeMethod(m_loader, [loader = m_loader, raw = m_details.raw, path] {
        loader->savePart(raw, -1, path);
    });
}

void MessageView::saveAttachment(bool openAfter)
{
    const QTreeWidgetItem *item = m_attachments->currentItem();
    if (!item || !m_details.found || !m_loader)
        return;
    const int partIndex = item->data(0, Qt::UserRole).toInt();
    const QString name = item->data(0, Qt::UserRole + 1).toString();
    if (openAfter) {
        // Into the loader's private folder (AttachmentFolder), never a path another local user
        // could guess and prepare.
        QMetaObject::invokeMethod(m_loader, [loader = m_loader, raw = m_details.raw, partIndex,
                                             name] { loader->openPart(raw, partIndex, name); });
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save attachment"),
        QDir(QStandardPaths::writableLocation(QStandardPaths::DownloadLocation))
            .filePath(AttachmentFolder::safeFileName(
                name, QStringLiteral("attachment-%1").arg(partIndex))));
    if (path.isEmpty())
        return;
    QMetaObject::invokeMethod(m_loader, [loader = m_loader, raw = m_details.raw, partIndex, path] {
        loader->savePart(raw, partIndex, path);
    });
}

void MessageView::partSaved(const QString &path, bool openAfter, const QString &error)
{
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Cannot save"), error);
        return;
    }
    if (openAfter)
        QDesktopServices::openUrl(QUrl::fromLocalFile(path));
    else
        emit statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
}
