// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QUrl>
#include <QWebEngineUrlRequestInterceptor>

/// Decides every load the HTML preview makes. The message's own content (its body, its `cid:`
/// parts, `data:` URLs inside it) always loads; http and https load only once the user allowed
/// remote content for the message shown (tracking pixels and remote images stay unfetched by
/// default); everything else (`file:`, `ftp:`, `qrc:`, `chrome:`, unknown schemes) never loads,
/// allowed or not. Installed on the preview's profile; called in the GUI thread (Qt 6).
class RemoteLoadInterceptor final : public QWebEngineUrlRequestInterceptor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemoteLoadInterceptor)

public:
    enum class Decision {
        Allow,             ///< local to the message, or remote and allowed
        BlockUntilAllowed, ///< http or https while remote content is not allowed
        BlockAlways,       ///< any other scheme: "Load remote content" does not lift this
    };
    Q_ENUM(Decision)

    explicit RemoteLoadInterceptor(QObject *parent = nullptr);
    ~RemoteLoadInterceptor() override;

    /// Whether `url` may load without the user's permission: our own schemes, data: and
    /// about:blank. Pure; used by decide() and the tests.
    static bool isLocal(const QUrl &url);
    /// What happens to a load of `url` when remote content is (not) allowed. Pure.
    static Decision decide(const QUrl &url, bool remoteAllowed);

    void setRemoteAllowed(bool allowed) { m_remoteAllowed = allowed; }
    bool remoteAllowed() const { return m_remoteAllowed; }

    void interceptRequest(QWebEngineUrlRequestInfo &info) override;

signals:
    /// Every load the engine asked about, with what was decided (queued, so the receiver may
    /// change the page).
    void decided(const QUrl &url, RemoteLoadInterceptor::Decision decision);

private:
    bool m_remoteAllowed = false;
};
