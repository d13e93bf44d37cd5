// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "htmlpreview.h"

#include "views/linkpolicy.h"
#include "views/messageschemehandler.h"
#include "views/previewpage.h"
#include "views/remoteloadinterceptor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>
#include <QWebEngineProfile>
#include <QWebEngineSettings>
#include <QWebEngineView>

HtmlPreview::HtmlPreview(QWidget *parent)
    : QWidget(parent)
{
    // No storage name: off the record, nothing of a message's page survives it.
    m_profile = new QWebEngineProfile(this);
    m_handler = new MessageSchemeHandler(this);
    m_profile->installUrlSchemeHandler(QByteArray(MessageSchemeHandler::kMessageScheme.data(),
                                                  MessageSchemeHandler::kMessageScheme.size()),
                                       m_handler);
    m_profile->installUrlSchemeHandler(QByteArray(MessageSchemeHandler::kCidScheme.data(),
                                                  MessageSchemeHandler::kCidScheme.size()),
                                       m_handler);
    m_interceptor = new RemoteLoadInterceptor(this);
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
    connect(m_interceptor, &RemoteLoadInterceptor::decided, this,
            [this](const QUrl &, RemoteLoadInterceptor::Decision decision) {
                if (decision == RemoteLoadInterceptor::Decision::Allow)
                    return;
                ++(decision == RemoteLoadInterceptor::Decision::BlockUntilAllowed ? m_blocked
                                                                                  : m_refused);
                updateBar();
            });

    m_bar = new QWidget(this);
    m_barText = new QLabel(m_bar);
    m_barText->setTextFormat(Qt::PlainText);
    m_allowButton = new QPushButton(tr("Load remote content"), m_bar);
    m_allowButton->setToolTip(tr("Fetch the blocked images and styles of this message only"));
    connect(m_allowButton, &QPushButton::clicked, this, &HtmlPreview::allowRemote);
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
    barLayout->addWidget(m_widthBox);

    auto *viewRow = new QHBoxLayout;
    viewRow->setContentsMargins(0, 0, 0, 0);
    viewRow->addStretch(0);
    viewRow->addWidget(m_view, 1);
    viewRow->addStretch(0);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_bar);
    layout->addLayout(viewRow, 1);
    updateBar();
}

HtmlPreview::~HtmlPreview()
{
    // The page must go before the profile it uses.
    delete m_view;
}

void HtmlPreview::setMessage(const MessageDetails &details)
{
    m_id = details.id;
    m_blocked = 0;
    m_refused = 0;
    m_linkNote.clear();
    m_interceptor->setRemoteAllowed(false);
    m_handler->setContent(details.id, details.parts.html, details.inlineParts);
    m_view->load(MessageSchemeHandler::bodyUrl(details.id));
    updateBar();
}

void HtmlPreview::clear()
{
    m_id = 0;
    m_blocked = 0;
    m_refused = 0;
    m_linkNote.clear();
    m_interceptor->setRemoteAllowed(false);
    m_handler->setContent(0, {}, {});
    m_view->setUrl(QUrl(QStringLiteral("about:blank")));
    updateBar();
}

void HtmlPreview::setWidthPreset(Width width)
{
    switch (width) {
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
    const int index = m_widthBox->findData(int(width));
    if (index >= 0 && index != m_widthBox->currentIndex())
        m_widthBox->setCurrentIndex(index);
}

bool HtmlPreview::remoteAllowed() const
{
    return m_interceptor->remoteAllowed();
}

void HtmlPreview::allowRemote()
{
    m_interceptor->setRemoteAllowed(true);
    m_blocked = 0;
    m_refused = 0;
    if (m_id > 0)
        m_view->load(MessageSchemeHandler::bodyUrl(m_id));
    updateBar();
}

bool HtmlPreview::confirmLink(const QUrl &url, const QStringList &linkTexts)
{
    // Rich text built from escaped parts only: the URL and the link text come from the message.
    const bool mail = url.scheme() == u"mailto";
    QString text = QStringLiteral("<p>%1</p><p><tt>%2</tt></p>")
                       .arg((mail ? tr("Open this link in your mail program?")
                                  : tr("Open this link in your browser?"))
                                .toHtmlEscaped(),
                            LinkPolicy::shownUrl(url).toHtmlEscaped());
    QString misleading;
    for (const QString &linkText : linkTexts) {
        if (LinkPolicy::textMisleads(linkText, url)) {
            misleading = LinkPolicy::hostNamedBy(linkText);
            break;
        }
    }
    if (!misleading.isEmpty())
        text += QStringLiteral("<p><b>%1</b></p>")
                    .arg(tr("Careful: the link text shows %1, but the link goes to %2.")
                             .arg(misleading, LinkPolicy::targetHost(url))
                             .toHtmlEscaped());
    QMessageBox box(misleading.isEmpty() ? QMessageBox::Question : QMessageBox::Warning,
                    tr("Open Link"), text, QMessageBox::Open | QMessageBox::Cancel, this);
    box.setTextFormat(Qt::RichText);
    box.setDefaultButton(QMessageBox::Cancel);
    // The whole URL, for when the shown one is elided.
    if (LinkPolicy::shownUrl(url).size() < url.toEncoded().size())
        box.setDetailedText(QString::fromLatin1(url.toEncoded()));
    return box.exec() == QMessageBox::Open;
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

void HtmlPreview::updateBar()
{
    if (!m_linkNote.isEmpty())
        m_barText->setText(m_linkNote);
    else if (m_interceptor->remoteAllowed())
        m_barText->setText(tr("Remote content is allowed for this message."));
    else if (m_blocked > 0)
        m_barText->setText(
            tr("Blocked %n remote resource(s) to protect your privacy.", nullptr, m_blocked));
    else
        m_barText->setText(tr("JavaScript is off; remote content is blocked."));
    if (m_refused > 0 && m_linkNote.isEmpty())
        m_barText->setText(
            m_barText->text() + u' '
            + tr("%n local file or other non-web resource(s) never load.", nullptr, m_refused));
    m_allowButton->setVisible(m_blocked > 0 && !m_interceptor->remoteAllowed());
}
