// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "messageview.h"

#include "loader/storeloader.h"
#include "models/attachmentfolder.h"
#include "settings/appsettings.h"
#include "views/findingsview.h"
#include "views/htmlpreview.h"
#include "views/messagebar.h"
#include "views/relayview.h"
#include "views/traceview.h"

#include <QAction>
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
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
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

/// Longer values are cut in the summary, which shows one line each (the tabs show them whole).
constexpr qsizetype kMaxSummaryValue = 300;

QString cut(const QString &value)
{
    return value.size() > kMaxSummaryValue ? value.left(kMaxSummaryValue) + u'…' : value;
}

/// A header value as one line: RFC 5322 2.2.3 unfolding removes the line breaks of a folded
/// field; the white space that followed them (often a tab, which a table shows as a wide gap)
/// becomes one space.
QString unfolded(const QString &value)
{
    static const QRegularExpression fold(QStringLiteral("[ \\t]*(\\r?\\n)+[ \\t]*|\\t+"));
    return QString(value).replace(fold, QStringLiteral(" "));
}

} // namespace

MessageView::MessageView(QWidget *parent)
    : QWidget(parent)
{
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("messageSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse
                                       | Qt::LinksAccessibleByKeyboard);
    m_summary->setOpenExternalLinks(false);
    // One line per row and always the same rows (fillSummary): a summary that grows with a Cc
    // line or wraps a long subject would move the tabs from one message to the next. Ignored:
    // a long line is cut at the edge instead of widening the window.
    m_summary->setWordWrap(false);
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_summary->setContentsMargins(6, 4, 6, 4);
    connect(m_summary, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link == u"#checks")
            m_tabs->setCurrentIndex(ChecksTab);
        else if (link == u"#attachments")
            m_tabs->setCurrentIndex(AttachmentsTab);
    });
    m_opener = [](const QUrl &url) {
        return QDesktopServices::openUrl(url);
    };

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("messageTabs"));
    m_tabs->setDocumentMode(true);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (!m_fillingTabs)
            m_chosenTab = index;
    });
    m_html = new HtmlPreview(m_tabs);
    m_tabs->addTab(m_html, tr("HTML"));
    connect(m_html, &HtmlPreview::statusMessage, this, &MessageView::statusMessage);
    {
        const std::unique_ptr<QSettings> settings = AppSettings::openSettingsFile();
        m_html->setTrustedSenders(settings->value(QString(kTrustedSendersKey)).toStringList());
    }
    connect(m_html, &HtmlPreview::trustedSendersChanged, this, [](const QStringList &senders) {
        const std::unique_ptr<QSettings> settings = AppSettings::openSettingsFile();
        settings->setValue(QString(kTrustedSendersKey), senders);
    });

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
    m_attachmentBar = new MessageBar(attachmentsPage);
    m_attachmentBar->setObjectName(QStringLiteral("attachmentBar"));
    m_saveFailed = new QAction(tr("Save As…"), this);
    connect(m_saveFailed, &QAction::triggered, this, [this] {
        m_attachmentBar->hide();
        saveCurrentPart(m_failedPart, m_failedName);
    });
    m_attachments->setSelectionMode(QAbstractItemView::SingleSelection);
    m_saveAttachment = new QPushButton(tr("Save…"), attachmentsPage);
    m_openAttachment = new QPushButton(tr("Open"), attachmentsPage);
    m_openAttachment->setObjectName(QStringLiteral("openAttachment"));
    m_openAttachment->setToolTip(tr("Open with the program your system uses for this type"));
    connect(m_saveAttachment, &QPushButton::clicked, this, [this] { saveAttachment(false); });
    connect(m_openAttachment, &QPushButton::clicked, this, [this] { saveAttachment(true); });
    connect(m_attachments, &QTreeWidget::itemActivated, this, [this] { saveAttachment(true); });
    connect(m_attachments, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        const bool part = item && item->data(0, Qt::UserRole).isValid();
        m_saveAttachment->setEnabled(part);
        m_openAttachment->setEnabled(part);
    });
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_saveAttachment);
    buttons->addWidget(m_openAttachment);
    auto *attachmentsLayout = new QVBoxLayout(attachmentsPage);
    attachmentsLayout->setContentsMargins(0, 0, 0, 4);
    attachmentsLayout->addWidget(m_attachmentBar);
    attachmentsLayout->addWidget(m_attachments, 1);
    attachmentsLayout->addLayout(buttons);
    m_tabs->addTab(attachmentsPage, tr("Attachments"));

    m_envelope = makeTable({tr("Envelope"), tr("Value"), tr("Note")}, m_tabs);
    m_envelope->setObjectName(QStringLiteral("envelopeView"));
    m_tabs->addTab(m_envelope, tr("Envelope"));

    m_trace = new TraceView(m_tabs);
    m_tabs->addTab(m_trace, tr("Trace"));

    m_findings = new FindingsView(m_tabs);
    m_tabs->addTab(m_findings, tr("Checks"));

    m_relay = new RelayView(m_tabs);
    m_tabs->addTab(m_relay, tr("Relay"));

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
    if (m_loader) {
        connect(m_loader, &StoreLoader::partSaved, this, &MessageView::partSaved);
        connect(m_loader, &StoreLoader::partNotSaved, this, [this](const Error &error) {
            QMessageBox::warning(this, tr("Cannot save"), error.message);
        });
    }
}

void MessageView::showPlaceholder(const QString &text)
{
    m_details = {};
    m_placeholder->setText(text);
    m_stack->setCurrentIndex(0);
    m_html->clear();
    m_trace->clear();
    m_relay->clear();
}

void MessageView::setDetails(const MessageDetails &details)
{
    if (!details.found) {
        showPlaceholder(details.error);
        return;
    }
    m_details = details;
    const MessageParts &parts = m_details.parts;
    // QTabWidget leaves a tab that becomes disabled for its neighbour on its own, which is not
    // what the user chose.
    m_fillingTabs = true;
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
                            + tr("\n\n[… %n more byte(s); use Save as .eml to get them all]",
                                 nullptr, int(m_details.raw.size() - kMaxRawDisplay)));
    else
        m_raw->setPlainText(QString::fromUtf8(m_details.raw));

    fillAttachments();
    fillEnvelope();
    m_trace->setTrace(m_details.trace, m_details.session, m_details.message);
    m_tabs->setTabText(TraceTab, tr("Trace (%1)").arg(m_details.trace.size()));
    const int findings = m_findings->setFindings(m_details.findings, m_details.parts.warnings);
    m_tabs->setTabText(ChecksTab, findings ? tr("Checks (%1)").arg(findings) : tr("Checks"));
    m_relay->setAttempts(m_details.relayAttempts);
    m_tabs->setTabText(RelayTab, m_details.relayAttempts.isEmpty()
                                     ? tr("Relay")
                                     : tr("Relay (%1)").arg(m_details.relayAttempts.size()));

    // The tab the user chose, unless it has nothing to show for this message; then the body
    // this message has. The next message with something there gets that tab again.
    m_tabs->setCurrentIndex(m_tabs->isTabEnabled(m_chosenTab) ? m_chosenTab
                            : parts.html.isEmpty()            ? TextTab
                                                              : HtmlTab);
    m_fillingTabs = false;
    m_stack->setCurrentIndex(1);
}

void MessageView::fillSummary()
{
    const StoredMessage &m = m_details.message;
    const MessageParts &parts = m_details.parts;
    // Values are escaped; only `linked` rows carry our own markup.
    const auto row = [](const QString &label, const QString &value) {
        return QStringLiteral("<tr><td style='padding-right:8px'><b>%1</b></td><td>%2</td></tr>")
            .arg(label.toHtmlEscaped(), value);
    };
    const auto link = [](const QString &target, const QString &text) {
        return QStringLiteral("<a href='%1'>%2</a>").arg(target, text.toHtmlEscaped());
    };
    const QString subject = parts.subject.isEmpty() ? m.subject : parts.subject;
    QString facts = QLocale().toString(m.received.toLocalTime(), QLocale::LongFormat)
                    + QStringLiteral(" · ") + QLocale().formattedDataSize(m.size);
    facts += m.tls ? tr(" · over TLS") : tr(" · without TLS");
    if (!m.authUser.isEmpty())
        facts += tr(" · authenticated as %1").arg(m.authUser);
    QString html = QStringLiteral("<div style='font-size:large'><b>%1</b></div><table>")
                       .arg(cut(subject.isEmpty() ? tr("(no subject)") : subject).toHtmlEscaped());
    html += row(tr("From"), cut(parts.from.isEmpty() ? m.from : parts.from).toHtmlEscaped());
    html += row(tr("To"), cut(parts.to.isEmpty() ? m.to : parts.to).toHtmlEscaped());
    html += row(tr("Cc"), parts.cc.isEmpty() ? QStringLiteral("—") : cut(parts.cc).toHtmlEscaped());
    html += row(tr("Received"), cut(facts).toHtmlEscaped());

    QStringList contents;
    const int attachments = int(parts.attachments.size());
    const int images = int(parts.inlineImages.size());
    if (attachments > 0)
        contents.append(
            link(QStringLiteral("#attachments"), tr("%n attachment(s)", nullptr, attachments)));
    else
        contents.append(tr("no attachments").toHtmlEscaped());
    if (images > 0)
        contents.append(tr("%n inline image(s)", nullptr, images).toHtmlEscaped());
    const int findings = int(m_details.findings.size() + parts.warnings.size());
    contents.append(findings > 0 ? link(QStringLiteral("#checks"),
                                        tr("%n finding(s), see the Checks tab", nullptr, findings))
                                 : tr("no problems found").toHtmlEscaped());
    html += row(tr("Contents"), contents.join(QStringLiteral(" · ")));
    html += QStringLiteral("</table>");
    m_summary->setText(html);
}

void MessageView::fillHeaders()
{
    m_headers->clear();
    QList<QTreeWidgetItem *> items;
    for (const MessageHeader &header : std::as_const(m_details.parts.headers)) {
        auto *item = new QTreeWidgetItem({header.name, unfolded(header.value)});
        item->setToolTip(1, QString::fromUtf8(header.raw));
        items.append(item);
    }
    m_headers->addTopLevelItems(items);
    m_headers->resizeColumnToContents(0);
}

void MessageView::addPartItems(QTreeWidgetItem *group, const QList<MessageAttachment> &parts)
{
    const QLocale locale;
    for (const MessageAttachment &part : parts) {
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
        if (group)
            group->addChild(item);
        else
            m_attachments->addTopLevelItem(item);
    }
}

void MessageView::fillAttachments()
{
    m_attachments->clear();
    m_attachmentBar->hide();
    const MessageParts &parts = m_details.parts;
    const int count = int(parts.attachments.size());
    const int images = int(parts.inlineImages.size());
    // Grouped only when there are inline images: they belong to the body, and saying so keeps
    // them from being taken for attachments (the inbox's paperclip does not count them).
    m_attachments->setRootIsDecorated(false);
    if (images == 0) {
        addPartItems(nullptr, parts.attachments);
    } else {
        const auto group = [this](const QString &title) {
            auto *item = new QTreeWidgetItem({title});
            QFont font = item->font(0);
            font.setBold(true);
            item->setFont(0, font);
            item->setFirstColumnSpanned(false);
            item->setFlags(Qt::ItemIsEnabled);
            m_attachments->addTopLevelItem(item);
            return item;
        };
        if (count > 0)
            addPartItems(group(tr("Attachments (%1)").arg(count)), parts.attachments);
        addPartItems(group(tr("Inline images, shown in the HTML body (%1)").arg(images)),
                     parts.inlineImages);
        m_attachments->expandAll();
    }
    m_tabs->setTabText(AttachmentsTab, count > 0    ? tr("Attachments (%1)").arg(count)
                                       : images > 0 ? tr("Inline Images (%1)").arg(images)
                                                    : tr("Attachments"));
    m_tabs->setTabEnabled(AttachmentsTab, count + images > 0);
    QTreeWidgetItem *first = nullptr;
    for (QTreeWidgetItemIterator it(m_attachments); *it && !first; ++it) {
        if ((*it)->data(0, Qt::UserRole).isValid())
            first = *it;
    }
    m_attachments->setCurrentItem(first);
    m_attachments->resizeColumnToContents(0);
    m_saveAttachment->setEnabled(first != nullptr);
    m_openAttachment->setEnabled(first != nullptr);
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

QString MessageView::openFailure() const
{
    return m_attachmentBar->text();
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
    if (!item->data(0, Qt::UserRole).isValid())
        return; // a group's title
    const int partIndex = item->data(0, Qt::UserRole).toInt();
    const QString name = item->data(0, Qt::UserRole + 1).toString();
    if (openAfter) {
        m_failedPart = partIndex;
        m_failedName = name;
        // Into the loader's private folder (AttachmentFolder), never a path another local user
        // could guess and prepare.
        QMetaObject::invokeMethod(m_loader, [loader = m_loader, raw = m_details.raw, partIndex,
                                             name] { loader->openPart(raw, partIndex, name); });
        return;
    }
    saveCurrentPart(partIndex, name);
}

void MessageView::saveCurrentPart(int partIndex, const QString &name)
{
    if (!m_details.found || !m_loader || partIndex < 0)
        return;
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

void MessageView::partSaved(const QString &path, bool openAfter)
{
    if (openAfter) {
        // No program for the type (or no desktop at all): openUrl only says so on stderr.
        if (!m_opener(QUrl::fromLocalFile(path)))
            m_attachmentBar->showMessage(
                tr("No program opens “%1” here. Save it somewhere instead?").arg(m_failedName),
                {m_saveFailed});
        else
            m_attachmentBar->hide();
    } else {
        emit statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    }
}
