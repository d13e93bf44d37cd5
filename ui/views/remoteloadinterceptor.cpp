// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "remoteloadinterceptor.h"

#include "views/messageschemehandler.h"

#include <QMetaObject>

RemoteLoadInterceptor::RemoteLoadInterceptor(QObject *parent)
    : QWebEngineUrlRequestInterceptor(parent)
{}

RemoteLoadInterceptor::~RemoteLoadInterceptor() = default;

bool RemoteLoadInterceptor::isLocal(const QUrl &url)
{
    const QString scheme = url.scheme();
    return scheme == MessageSchemeHandler::kMessageScheme
           || scheme == MessageSchemeHandler::kCidScheme || scheme == u"data"
           || (scheme == u"about" && url.path() == u"blank");
}

RemoteLoadInterceptor::Decision RemoteLoadInterceptor::decide(const QUrl &url, bool remoteAllowed)
{
    if (isLocal(url))
        return Decision::Allow;
    // Only the web is "remote content": file: would read this machine's files, and ftp:,
    // qrc:, chrome: or an application's scheme are nothing a message needs to be seen.
    const QString scheme = url.scheme();
    if (scheme != u"http" && scheme != u"https")
        return Decision::BlockAlways;
    return remoteAllowed ? Decision::Allow : Decision::BlockUntilAllowed;
}

void RemoteLoadInterceptor::interceptRequest(QWebEngineUrlRequestInfo &info)
{
    const QUrl url = info.requestUrl();
    const Decision decision = decide(url, m_remoteAllowed);
    if (decision != Decision::Allow)
        info.block(true);
    QMetaObject::invokeMethod(
        this, [this, url, decision] { emit decided(url, decision); }, Qt::QueuedConnection);
}
