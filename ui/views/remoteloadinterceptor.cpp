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

void RemoteLoadInterceptor::interceptRequest(QWebEngineUrlRequestInfo &info)
{
    if (isLocal(info.requestUrl()) || m_remoteAllowed)
        return;
    info.block(true);
    QMetaObject::invokeMethod(
        this, [this, url = info.requestUrl()] { emit blocked(url); }, Qt::QueuedConnection);
}
