// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "previewpage.h"

#include "views/linkpolicy.h"
#include "views/messageschemehandler.h"
#include "views/remoteloadinterceptor.h"

#include <QDesktopServices>
#include <QJsonDocument>
#include <QJsonValue>
#include <QMetaObject>
#include <QWebEngineScript>

PreviewPage::PreviewPage(QWebEngineProfile *profile, QObject *parent)
    : QWebEnginePage(profile, parent)
    , m_opener([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{}

PreviewPage::~PreviewPage() = default;

bool PreviewPage::acceptsNavigation(const QUrl &url, bool isMainFrame)
{
    if (isMainFrame)
        return url.scheme() == MessageSchemeHandler::kMessageScheme
               || (url.scheme() == u"about" && url.path() == u"blank");
    // A frame may show what the interceptor may let through; it decides about remote loads.
    return RemoteLoadInterceptor::isLocal(url) || url.scheme() == u"http"
           || url.scheme() == u"https";
}

bool PreviewPage::acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame)
{
    if (type == NavigationTypeLinkClicked) {
        // A jump to an anchor of the message itself ("#top") stays in the message.
        if (url.adjusted(QUrl::RemoveFragment) == this->url().adjusted(QUrl::RemoveFragment)
            && url.scheme() == MessageSchemeHandler::kMessageScheme)
            return true;
        // Queued: the confirmation is a modal dialog, which must not run inside the engine's
        // navigation callback.
        QMetaObject::invokeMethod(
            this, [this, url] { linkClicked(url); }, Qt::QueuedConnection);
        return false;
    }
    if (acceptsNavigation(url, isMainFrame))
        return true;
    emit navigationRefused(url);
    return false;
}

void PreviewPage::linkClicked(const QUrl &url)
{
    if (LinkPolicy::decide(url) == LinkPolicy::Decision::Refuse) {
        emit linkRefused(url);
        return;
    }
    // The visible text of the link, so the confirmation can say when it names another host.
    // Runs in the application's isolated world, which the page's own scripts (off anyway)
    // cannot see or change.
    const QString quoted =
        QString::fromUtf8(QJsonDocument::fromVariant(QVariantList{url.toString(QUrl::FullyEncoded)})
                              .toJson(QJsonDocument::Compact));
    const QString script =
        QStringLiteral("(function(h){var t=[];for(const a of document.links){if(a.href===h)"
                       "t.push(a.innerText);}return t;})(%1[0])")
            .arg(quoted);
    runJavaScript(script, QWebEngineScript::ApplicationWorld, [this, url](const QVariant &texts) {
        // Queued again: the page may be going away when the engine answers.
        QMetaObject::invokeMethod(
            this, [this, url, texts = texts.toStringList()] { confirmAndOpen(url, texts); },
            Qt::QueuedConnection);
    });
}

void PreviewPage::confirmAndOpen(const QUrl &url, const QStringList &linkTexts)
{
    if (!m_confirmer || !m_confirmer(url, linkTexts))
        return;
    if (!m_opener(url)) {
        emit linkOpenFailed(url);
        return;
    }
    emit linkOpened(url);
}

QWebEnginePage *PreviewPage::createWindow(WebWindowType)
{
    return nullptr;
}
