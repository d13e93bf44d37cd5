// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "previewpage.h"

#include "views/remoteloadinterceptor.h"

#include <QDesktopServices>

PreviewPage::PreviewPage(QWebEngineProfile *profile, QObject *parent)
    : QWebEnginePage(profile, parent)
{}

PreviewPage::~PreviewPage() = default;

bool PreviewPage::acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame)
{
    if (type == NavigationTypeLinkClicked) {
        // mailto:, https: and friends belong to the user's own programs.
        if (!RemoteLoadInterceptor::isLocal(url))
            QDesktopServices::openUrl(url);
        return false;
    }
    return !isMainFrame || RemoteLoadInterceptor::isLocal(url);
}

QWebEnginePage *PreviewPage::createWindow(WebWindowType)
{
    return nullptr;
}
