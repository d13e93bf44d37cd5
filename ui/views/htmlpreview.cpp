// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "htmlpreview.h"

#include "views/browserglcontext.h"
#include "views/linkpolicy.h"
#include "views/messagebar.h"
#include "views/messageschemehandler.h"
#include "views/openlinkdialog.h"
#include "views/previewpage.h"
#include "views/remoteloadinterceptor.h"
#include "views/renderersandbox.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QFrame>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QResizeEvent>
#include <QStyle>
#include <QTextDocument>
#include <QVBoxLayout>
#include <QWebEngineProfile>
#include <QWebEngineSettings>
#include <QWebEngineView>
#include <QtConcurrent/QtConcurrentRun>

namespace {

/// A document that loads nothing: QTextDocument would otherwise read the files that a
/// message's <link rel=stylesheet> or <img> names (file:///dev/zero never ends).
class InertTextDocument final : public QTextDocument
{
protected:
    QVariant loadResource(int, const QUrl &) override { return {}; }
};

} // namespace

HtmlPreview::HtmlPreview(QWidget *parent)
    : QWidget(parent)
    , m_sandboxed(!RendererSandbox::disabledInThisProcess())
{
    m_bar = new QWidget(this);
    m_barText = new QLabel(m_bar);
    m_barText->setTextFormat(Qt::PlainText);
    m_allowButton = new QPushButton(tr("Load remote content"), m_bar);
    m_allowButton->setToolTip(tr("Fetch the blocked images and styles of this message only"));
    connect(m_allowButton, &QPushButton::clicked, this, &HtmlPreview::allowRemote);
    m_trustButton = new QPushButton(tr("Always for This Sender"), m_bar);
    m_trustButton->setObjectName(QStringLiteral("trustSender"));
    connect(m_trustButton, &QPushButton::clicked, this, &HtmlPreview::trustSender);
    m_distrustButton = new QPushButton(tr("Block for This Sender"), m_bar);
    m_distrustButton->setObjectName(QStringLiteral("distrustSender"));
    connect(m_distrustButton, &QPushButton::clicked, this, &HtmlPreview::distrustSender);
    m_widthBox = new QComboBox(m_bar);
    m_widthBox->addItem(tr("Phone (%1 px)").arg(kPhoneWidth), int(Width::Phone));
    m_widthBox->addItem(tr("Tablet (%1 px)").arg(kTabletWidth), int(Width::Tablet));
    m_widthBox->addItem(tr("Desktop (full width)"), int(Width::Desktop));
    m_widthBox->setCurrentIndex(2);
    m_widthBox->setToolTip(tr("Preview width"));
    connect(m_widthBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { setWidthPreset(Width(m_widthBox->itemData(index).toInt())); });
    auto *barLayout = new QHBoxLayout(m_bar);
    barLayout->setContentsMargins(4, 2, 4, 2);
    barLayout->addWidget(m_barText, 1);
    barLayout->addWidget(m_allowButton);
    barLayout->addWidget(m_trustButton);
    barLayout->addWidget(m_distrustButton);
    barLayout->addWidget(m_widthBox);

    m_banner = new QFrame(this);
    m_banner->setObjectName(QStringLiteral("riskBanner"));
    static_cast<QFrame *>(m_banner)->setFrameShape(QFrame::StyledPanel);
    auto *bannerIcon = new QLabel(m_banner);
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    bannerIcon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize));
    auto *bannerText = new QLabel(m_banner);
    bannerText->setTextFormat(Qt::PlainText);
    bannerText->setWordWrap(true);
    bannerText->setText(
        RendererSandbox::runsAsRoot()
            ? tr("Letterbox runs as root, so the HTML renderer has no sandbox. Rendering this "
                 "message's HTML could let a malicious message attack your system. Below is "
                 "its text.")
            : tr("The HTML renderer runs without a sandbox (QTWEBENGINE_CHROMIUM_FLAGS or "
                 "QTWEBENGINE_DISABLE_SANDBOX). Rendering this message's HTML could let a "
                 "malicious message attack your system. Below is its text."));
    m_renderButton = new QPushButton(tr("Render HTML for this message"), m_banner);
    m_renderButton->setObjectName(QStringLiteral("renderButton"));
    connect(m_renderButton, &QPushButton::clicked, this, &HtmlPreview::renderThisMessage);
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->addWidget(bannerIcon, 0, Qt::AlignTop);
    bannerLayout->addWidget(bannerText, 1);
    bannerLayout->addWidget(m_renderButton, 0, Qt::AlignVCenter);
    m_textView = new QPlainTextEdit(this);
    m_textView->setObjectName(QStringLiteral("htmlAsText"));
    m_textView->setReadOnly(true);
    m_banner->hide();
    m_textView->hide();

    m_failureBar = new MessageBar(this);
    m_copyLink = new QAction(tr("Copy Link"), this);
    connect(m_copyLink, &QAction::triggered, this, [this] {
        QGuiApplication::clipboard()->setText(m_failedUrl.toString(QUrl::FullyEncoded));
        m_failureBar->hide();
    });

    // Over the page, not in the layout: the page must not move when the mouse crosses a link.
    m_hoverLabel = new QLabel(this);
    m_hoverLabel->setObjectName(QStringLiteral("hoveredLink"));
    m_hoverLabel->setTextFormat(Qt::PlainText);
    m_hoverLabel->setAutoFillBackground(true);
    m_hoverLabel->setBackgroundRole(QPalette::ToolTipBase);
    m_hoverLabel->setForegroundRole(QPalette::ToolTipText);
    m_hoverLabel->setFrameShape(QFrame::StyledPanel);
    m_hoverLabel->setContentsMargins(4, 1, 4, 1);
    m_hoverLabel->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_hoverLabel->hide();

    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
    m_layout->addWidget(m_bar);
    m_layout->addWidget(m_failureBar);
    m_layout->addWidget(m_banner);
    m_layout->addWidget(m_textView, 1);
    updateBar();
}

HtmlPreview::~HtmlPreview()
{
    // The page must go before the profile it uses.
    delete m_view;
}

void HtmlPreview::createBrowser()
{
    if (m_view)
        return;
    // The first QWebEngineProfile starts Chromium (its browser-side state in this process,
    // and a renderer process per page): most of the app's memory, so it waits for the first
    // HTML body (bench/guimemory measures it).
    // No storage name: off the record, nothing of a message's page survives it.
    BrowserGlContext::createIfNeeded();
    m_profile = new QWebEngineProfile(this);
    m_handler = new MessageSchemeHandler(this);
    m_handler->setContent(m_id, m_html, m_inlineParts);
    m_profile->installUrlSchemeHandler(QByteArray(MessageSchemeHandler::kMessageScheme.data(),
                                                  MessageSchemeHandler::kMessageScheme.size()),
                                       m_handler);
    m_profile->installUrlSchemeHandler(QByteArray(MessageSchemeHandler::kCidScheme.data(),
                                                  MessageSchemeHandler::kCidScheme.size()),
                                       m_handler);
    m_interceptor = new RemoteLoadInterceptor(this);
    m_interceptor->setRemoteAllowed(m_remoteAllowed);
    // On the profile, so that loads of every frame of the page pass through it.
    m_profile->setUrlRequestInterceptor(m_interceptor);
    QWebEngineSettings *settings = m_profile->settings();
    settings->setAttribute(QWebEngineSettings::JavascriptEnabled, false);
    settings->setAttribute(QWebEngineSettings::PluginsEnabled, false);
    // Our schemes are local; without this Chromium drops remote loads before the interceptor
    // sees them, and "Load remote content" could never work. The interceptor is the gate.
    settings->setAttribute(QWebEngineSettings::LocalContentCanAccessRemoteUrls, true);
    settings->setAttribute(QWebEngineSettings::LocalContentCanAccessFileUrls, false);
    settings->setAttribute(QWebEngineSettings::AutoLoadIconsForPage, false);
    settings->setAttribute(QWebEngineSettings::DnsPrefetchEnabled, false);
    settings->setAttribute(QWebEngineSettings::NavigateOnDropEnabled, false);

    m_view = new QWebEngineView(this);
    m_page = new PreviewPage(m_profile, m_view);
    m_view->setPage(m_page);
    m_view->setContextMenuPolicy(Qt::NoContextMenu);
    connect(m_view, &QWebEngineView::loadFinished, this, &HtmlPreview::loadFinished);
    m_page->setLinkConfirmer([this](const QUrl &url, const QStringList &linkTexts) {
        return confirmLink(url, linkTexts);
    });
    connect(m_page, &PreviewPage::linkRefused, this, &HtmlPreview::linkRefused);
    connect(m_page, &PreviewPage::linkOpenFailed, this, &HtmlPreview::linkOpenFailed);
    connect(m_page, &QWebEnginePage::linkHovered, this, &HtmlPreview::linkHovered);
    connect(m_interceptor, &RemoteLoadInterceptor::decided, this,
            [this](const QUrl &, RemoteLoadInterceptor::Decision decision) {
                if (decision == RemoteLoadInterceptor::Decision::Allow)
                    return;
                ++(decision == RemoteLoadInterceptor::Decision::BlockUntilAllowed ? m_blocked
                                                                                  : m_refused);
                updateBar();
            });
    // Centred between two stretches, for the phone and tablet widths. Added only now: an
    // empty row would take half the height from the text shown while HTML waits for consent.
    auto *viewRow = new QHBoxLayout;
    viewRow->setContentsMargins(0, 0, 0, 0);
    viewRow->addStretch(0);
    viewRow->addWidget(m_view, 1);
    viewRow->addStretch(0);
    m_layout->addLayout(viewRow, 1);
    applyWidth();
    emit browserCreated();
}

void HtmlPreview::setMessage(const MessageDetails &details)
{
    // Consent is for the message it was given for: showing another one (even the same one
    // again after another) asks again.
    if (details.id != m_id)
        m_consented = false;
    m_id = details.id;
    m_html = details.parts.html;
    m_inlineParts = details.inlineParts;
    m_sender = senderOf(details);
    m_blocked = 0;
    m_refused = 0;
    m_linkNote.clear();
    m_failureBar->hide();
    m_hoverLabel->hide();
    setRemoteAllowed(m_allowedMessages.contains(m_id)
                     || (!m_sender.isEmpty() && m_trustedSenders.contains(m_sender)));
    if (m_handler)
        m_handler->setContent(m_id, m_html, m_inlineParts);
    showCurrent();
}

void HtmlPreview::clear()
{
    m_id = 0;
    m_consented = false;
    m_html.clear();
    m_inlineParts.clear();
    m_sender.clear();
    m_failureBar->hide();
    m_hoverLabel->hide();
    m_blocked = 0;
    m_refused = 0;
    m_linkNote.clear();
    setRemoteAllowed(false);
    if (m_handler)
        m_handler->setContent(0, {}, {});
    showCurrent();
}

void HtmlPreview::setWidthPreset(Width width)
{
    m_width = width;
    applyWidth();
    const int index = m_widthBox->findData(int(width));
    if (index >= 0 && index != m_widthBox->currentIndex())
        m_widthBox->setCurrentIndex(index);
}

void HtmlPreview::applyWidth()
{
    if (!m_view)
        return;
    switch (m_width) {
    case Width::Phone:
        m_view->setFixedWidth(kPhoneWidth);
        break;
    case Width::Tablet:
        m_view->setFixedWidth(kTabletWidth);
        break;
    case Width::Desktop:
        m_view->setMinimumWidth(0);
        m_view->setMaximumWidth(QWIDGETSIZE_MAX);
        break;
    }
}

void HtmlPreview::setRemoteAllowed(bool allowed)
{
    m_remoteAllowed = allowed;
    if (m_interceptor)
        m_interceptor->setRemoteAllowed(allowed);
}

QString HtmlPreview::senderOf(const MessageDetails &details)
{
    static const QRegularExpression address(QStringLiteral(R"([^\s<>,;:"()]+@[^\s<>,;:"()]+)"));
    const QString from = details.parts.from.isEmpty() ? details.message.from : details.parts.from;
    const QRegularExpressionMatch match = address.match(from);
    if (match.hasMatch())
        return match.captured().toCaseFolded();
    return QString::fromUtf8(details.message.mailFrom).toCaseFolded();
}

void HtmlPreview::setTrustedSenders(const QStringList &senders)
{
    m_trustedSenders = senders;
}

void HtmlPreview::trustSender()
{
    if (m_sender.isEmpty())
        return;
    if (!m_trustedSenders.contains(m_sender)) {
        m_trustedSenders.append(m_sender);
        emit trustedSendersChanged(m_trustedSenders);
    }
    allowRemote();
}

void HtmlPreview::distrustSender()
{
    if (!m_trustedSenders.removeAll(m_sender))
        return;
    emit trustedSendersChanged(m_trustedSenders);
    m_allowedMessages.remove(m_id);
    setRemoteAllowed(false);
    m_blocked = 0;
    m_refused = 0;
    if (m_id > 0 && !waitingForConsent() && m_view)
        m_view->load(MessageSchemeHandler::bodyUrl(m_id));
    updateBar();
}

void HtmlPreview::allowRemote()
{
    if (m_id > 0)
        m_allowedMessages.insert(m_id);
    setRemoteAllowed(true);
    m_blocked = 0;
    m_refused = 0;
    if (m_id > 0 && !waitingForConsent() && m_view)
        m_view->load(MessageSchemeHandler::bodyUrl(m_id));
    updateBar();
}

void HtmlPreview::setRendererSandboxed(bool sandboxed)
{
    if (sandboxed == m_sandboxed)
        return;
    m_sandboxed = sandboxed;
    showCurrent();
}

bool HtmlPreview::waitingForConsent() const
{
    return m_id > 0 && !m_sandboxed && !m_consented;
}

void HtmlPreview::renderThisMessage()
{
    if (m_id <= 0)
        return;
    m_consented = true;
    showCurrent();
}

QString HtmlPreview::plainTextOf(const QString &html)
{
    InertTextDocument document;
    document.setHtml(html.left(kMaxTextSource));
    QString text = document.toPlainText();
    // Images become U+FFFC in plain text; there is nothing to see in them here.
    text.remove(QChar::ObjectReplacementCharacter);
    if (html.size() > kMaxTextSource)
        text += tr("\n\n[… the rest of this HTML body is not shown as text]");
    return text;
}

void HtmlPreview::showCurrent()
{
    const bool ask = waitingForConsent();
    m_bar->setVisible(!ask);
    if (m_view)
        m_view->setVisible(!ask);
    m_banner->setVisible(ask);
    m_textView->setVisible(ask);
    ++m_textGeneration;
    if (ask) {
        // Drop what an earlier, consented message left in the renderer; never start one just
        // for this.
        if (m_view && !m_view->url().isEmpty()
            && m_view->url() != QUrl(QStringLiteral("about:blank")))
            m_view->setUrl(QUrl(QStringLiteral("about:blank")));
        m_textView->setPlainText(tr("Converting the HTML to text…"));
        // The parse grows with the body (up to kMaxTextSource): off the GUI thread.
        QtConcurrent::run(&HtmlPreview::plainTextOf, m_html)
            .then(this, [this, generation = m_textGeneration](const QString &text) {
                if (generation == m_textGeneration)
                    m_textView->setPlainText(text);
            });
    } else if (m_id > 0) {
        createBrowser();
        m_view->setVisible(true);
        m_view->load(MessageSchemeHandler::bodyUrl(m_id));
    } else {
        m_textView->clear();
        if (m_view && !m_view->url().isEmpty())
            m_view->setUrl(QUrl(QStringLiteral("about:blank")));
    }
    updateBar();
}

bool HtmlPreview::confirmLink(const QUrl &url, const QStringList &linkTexts)
{
    OpenLinkDialog dialog(url, linkTexts, this);
    return dialog.exec() == QMessageBox::Open;
}

void HtmlPreview::linkRefused(const QUrl &url)
{
    const QString scheme = url.scheme().isEmpty() ? tr("(no scheme)") : url.scheme() + u':';
    m_linkNote = tr("Did not open a %1 link: only http, https and mailto links open, after you "
                    "confirm.")
                     .arg(scheme.left(40));
    updateBar();
    emit statusMessage(m_linkNote);
}

void HtmlPreview::linkOpenFailed(const QUrl &url)
{
    m_failedUrl = url;
    m_failureBar->showMessage((url.scheme() == u"mailto"
                                   ? tr("No mail program opened %1. Copy the address instead?")
                                   : tr("No browser opened %1. Copy the link instead?"))
                                  .arg(LinkPolicy::shownUrl(url)),
                              {m_copyLink});
}

void HtmlPreview::linkHovered(const QString &url)
{
    if (url.isEmpty()) {
        m_hoverLabel->hide();
        return;
    }
    m_hoverLabel->setText(LinkPolicy::shownUrl(QUrl(url)));
    placeHoverLabel();
    m_hoverLabel->show();
    m_hoverLabel->raise();
}

void HtmlPreview::placeHoverLabel()
{
    // Bottom left, at most two thirds of the width (browsers do the same), elided by shownUrl.
    m_hoverLabel->setMaximumWidth(qMax(100, width() * 2 / 3));
    m_hoverLabel->adjustSize();
    m_hoverLabel->move(0, height() - m_hoverLabel->height());
}

void HtmlPreview::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_hoverLabel->isVisible())
        placeHoverLabel();
}

QString HtmlPreview::hoveredLink() const
{
    return m_hoverLabel->isHidden() ? QString() : m_hoverLabel->text();
}

QString HtmlPreview::openFailure() const
{
    return m_failureBar->text();
}

void HtmlPreview::updateBar()
{
    if (!m_linkNote.isEmpty())
        m_barText->setText(m_linkNote);
    else if (m_remoteAllowed && m_trustedSenders.contains(m_sender))
        m_barText->setText(tr("Remote content is allowed for messages from %1.").arg(m_sender));
    else if (m_remoteAllowed)
        m_barText->setText(tr("Remote content is allowed for this message."));
    else if (m_blocked > 0)
        m_barText->setText(
            tr("Blocked %n remote resource(s) to protect your privacy.", nullptr, m_blocked));
    else
        m_barText->setText(tr("JavaScript is off; remote content is blocked."));
    if (m_refused > 0 && m_linkNote.isEmpty())
        m_barText->setText(m_barText->text() + u' '
                           + tr("Refused %n local file(s) or other non-web resource(s) for good.",
                                nullptr, m_refused));
    m_allowButton->setVisible(m_blocked > 0 && !m_remoteAllowed);
    m_trustButton->setVisible(m_blocked > 0 && !m_remoteAllowed && !m_sender.isEmpty());
    m_trustButton->setToolTip(tr("Load remote content of every message from %1").arg(m_sender));
    m_distrustButton->setVisible(m_remoteAllowed && m_trustedSenders.contains(m_sender));
}
