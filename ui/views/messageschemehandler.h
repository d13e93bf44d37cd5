// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "models/messagedetails.h"

#include <QByteArray>
#include <QHash>
#include <QWebEngineUrlSchemeHandler>

/// Serves the HTML preview from memory: the body under `letterbox://message/<id>` and the
/// message's own inline parts under their `cid:` URLs (RFC 2392), so nothing is written to disk
/// and nothing is fetched from elsewhere. Runs in the GUI thread.
class MessageSchemeHandler final : public QWebEngineUrlSchemeHandler
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageSchemeHandler)

public:
    static constexpr QLatin1StringView kMessageScheme{"letterbox"};
    static constexpr QLatin1StringView kCidScheme{"cid"};

    /// Registers both schemes with QtWebEngine. Call once, before the QApplication exists.
    static void registerSchemes();
    /// The URL the body of message `id` is served under.
    static QUrl bodyUrl(qint64 id);

    explicit MessageSchemeHandler(QObject *parent = nullptr);
    ~MessageSchemeHandler() override;

    /// What to serve from now on.
    void setContent(qint64 id, const QString &html, const QHash<QString, InlinePart> &inlineParts);

    /// The content type and bytes for `url`, or false when there is nothing to serve. Used by
    /// requestStarted() and by the tests.
    bool resolve(const QUrl &url, QByteArray *contentType, QByteArray *data) const;

    void requestStarted(QWebEngineUrlRequestJob *job) override;

private:
    qint64 m_id = 0;
    QByteArray m_html;
    QHash<QString, InlinePart> m_inlineParts;
};
