// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QUrl>
#include <QWebEngineUrlRequestInterceptor>

/// Blocks every load the HTML preview would make outside the message itself (http, https,
/// ftp, file, ...), unless the user allowed remote content for the message shown. Tracking
/// pixels and remote images stay unfetched by default. Installed on the preview's page; called
/// in the GUI thread (Qt 6).
class RemoteLoadInterceptor final : public QWebEngineUrlRequestInterceptor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemoteLoadInterceptor)

public:
    explicit RemoteLoadInterceptor(QObject *parent = nullptr);
    ~RemoteLoadInterceptor() override;

    /// Whether `url` may load without the user's permission: our own schemes, data: and
    /// about:blank. Pure; used by interceptRequest() and the tests.
    static bool isLocal(const QUrl &url);

    void setRemoteAllowed(bool allowed) { m_remoteAllowed = allowed; }
    bool remoteAllowed() const { return m_remoteAllowed; }

    void interceptRequest(QWebEngineUrlRequestInfo &info) override;

signals:
    /// A load was blocked (queued, so the receiver may change the page).
    void blocked(const QUrl &url);

private:
    bool m_remoteAllowed = false;
};
