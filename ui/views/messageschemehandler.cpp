// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "messageschemehandler.h"

#include <QBuffer>
#include <QUrl>
#include <QWebEngineUrlRequestJob>
#include <QWebEngineUrlScheme>

void MessageSchemeHandler::registerSchemes()
{
    // Local schemes with local access: the body may load its cid: parts, and neither may
    // reach file: or the network on its own (the request interceptor decides about the rest).
    QWebEngineUrlScheme message(QByteArray(kMessageScheme.data(), kMessageScheme.size()));
    message.setSyntax(QWebEngineUrlScheme::Syntax::Host);
    message.setFlags(QWebEngineUrlScheme::SecureScheme | QWebEngineUrlScheme::LocalScheme
                     | QWebEngineUrlScheme::LocalAccessAllowed
                     | QWebEngineUrlScheme::ContentSecurityPolicyIgnored);
    QWebEngineUrlScheme::registerScheme(message);

    QWebEngineUrlScheme cid(QByteArray(kCidScheme.data(), kCidScheme.size()));
    cid.setSyntax(QWebEngineUrlScheme::Syntax::Path);
    cid.setFlags(QWebEngineUrlScheme::SecureScheme | QWebEngineUrlScheme::LocalScheme
                 | QWebEngineUrlScheme::LocalAccessAllowed);
    QWebEngineUrlScheme::registerScheme(cid);
}

QUrl MessageSchemeHandler::bodyUrl(qint64 id)
{
    return QUrl(QString(kMessageScheme + QStringLiteral("://message/") + QString::number(id)));
}

MessageSchemeHandler::MessageSchemeHandler(QObject *parent)
    : QWebEngineUrlSchemeHandler(parent)
{}

MessageSchemeHandler::~MessageSchemeHandler() = default;

void MessageSchemeHandler::setContent(qint64 id, const QString &html,
                                      const QHash<QString, InlinePart> &inlineParts)
{
    m_id = id;
    m_html = html.toUtf8();
    m_inlineParts = inlineParts;
}

bool MessageSchemeHandler::resolve(const QUrl &url, QByteArray *contentType, QByteArray *data) const
{
    if (url.scheme() == kCidScheme) {
        // cid:part1.abc@example.com, percent-encoded as in RFC 2392.
        const QString contentId =
            QUrl::fromPercentEncoding(url.path(QUrl::FullyEncoded).toLatin1());
        const auto part = m_inlineParts.constFind(contentId);
        if (part == m_inlineParts.cend())
            return false;
        *contentType = part->contentType.isEmpty() ? QByteArrayLiteral("application/octet-stream")
                                                   : part->contentType;
        *data = part->data;
        return true;
    }
    if (url.scheme() == kMessageScheme && url.host() == u"message"
        && url.path() == u'/' + QString::number(m_id)) {
        *contentType = QByteArrayLiteral("text/html;charset=utf-8");
        *data = m_html;
        return true;
    }
    return false;
}

void MessageSchemeHandler::requestStarted(QWebEngineUrlRequestJob *job)
{
    QByteArray contentType;
    QByteArray data;
    if (!resolve(job->requestUrl(), &contentType, &data)) {
        job->fail(QWebEngineUrlRequestJob::UrlNotFound);
        return;
    }
    // The job reads the buffer after this returns; parented to the job, it lives as long.
    auto *buffer = new QBuffer(job);
    buffer->setData(data);
    buffer->open(QIODevice::ReadOnly);
    job->reply(contentType, buffer);
}
