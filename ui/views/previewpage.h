// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QUrl>
#include <QWebEnginePage>

#include <functional>

/// The page of the HTML preview: it shows the message and nothing else. A clicked web or mail
/// link (LinkPolicy) opens in the user's own programs only after the confirmer says yes; every
/// other clicked link is refused; other navigations away from the message are refused; pop-ups
/// are never created.
class PreviewPage final : public QWebEnginePage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreviewPage)

public:
    /// Asks the user whether to open `url`; `linkTexts` are the visible texts of the message's
    /// links to it (empty when unknown). Returns true to open it.
    using LinkConfirmer = std::function<bool(const QUrl &url, const QStringList &linkTexts)>;
    /// Hands `url` to the desktop (QDesktopServices::openUrl unless a test replaces it); false
    /// when no program took it.
    using LinkOpener = std::function<bool(const QUrl &url)>;

    explicit PreviewPage(QWebEngineProfile *profile, QObject *parent = nullptr);
    ~PreviewPage() override;

    void setLinkConfirmer(LinkConfirmer confirmer) { m_confirmer = std::move(confirmer); }
    void setLinkOpener(LinkOpener opener) { m_opener = std::move(opener); }

    /// Whether a navigation that is not a clicked link may happen: the main frame only ever
    /// shows our own local content (redirects, meta refresh and form posts do not replace the
    /// message), frames may load what RemoteLoadInterceptor could let through. Pure.
    static bool acceptsNavigation(const QUrl &url, bool isMainFrame);

    /// What a click on a link to `url` does: refused (linkRefused), or confirmed and opened.
    /// Called, queued, for every clicked link; public so the tests can click without a mouse.
    void linkClicked(const QUrl &url);

signals:
    /// A clicked link was not opened because of its scheme (LinkPolicy::Decision::Refuse).
    void linkRefused(const QUrl &url);
    /// A clicked link went to the opener, after the user confirmed it.
    void linkOpened(const QUrl &url);
    /// The user confirmed a link but no program took it (no browser or mail program set up).
    void linkOpenFailed(const QUrl &url);
    /// A navigation that was not a click (redirect, meta refresh, form) was refused.
    void navigationRefused(const QUrl &url);

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override;
    QWebEnginePage *createWindow(WebWindowType type) override;

private:
    void confirmAndOpen(const QUrl &url, const QStringList &linkTexts);

    LinkConfirmer m_confirmer;
    LinkOpener m_opener;
};
