// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "models/messagedetails.h"

#include <QSet>
#include <QUrl>
#include <QWidget>

class MessageBar;
class MessageSchemeHandler;
class PreviewPage;
class QAction;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QVBoxLayout;
class QWebEngineProfile;
class QWebEngineView;
class RemoteLoadInterceptor;

/// The rendered HTML body in a real browser engine (QtWebEngine), locked down: JavaScript off,
/// an off-the-record profile of its own, http and https loads blocked until the user allows them
/// for this message, every other scheme (file:, ftp:, ...) blocked always, inline images served
/// from the message's own parts, and width presets to
/// see the message as a phone, a tablet or a desktop client would lay it out. A clicked web or
/// mail link opens in the user's programs after a confirmation that shows where it really
/// goes; links of any other scheme are refused with a note in the bar.
///
/// The browser engine (profile, page, view, scheme handler, interceptor) is created when the
/// first HTML body is to be rendered, not with the preview: Chromium costs most of the app's
/// memory, and many users only ever read plain-text mail.
///
/// Remote content, once allowed for a message, stays allowed for it for the rest of the run;
/// "Always for this sender" allows it for every message from that From address, in a list the
/// owner keeps (setTrustedSenders(), trustedSendersChanged()). Hovering a link shows where it
/// goes at the bottom of the preview, as browsers do; a link no program opens says so in a bar
/// that offers to copy it.
///
/// When the renderer runs without Chromium's sandbox (as root, RendererSandbox), a flaw in the
/// engine would give a hostile message the whole machine: the HTML is then shown as plain text
/// under a banner that explains the risk, and rendered only when the user asks for this message.
class HtmlPreview final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HtmlPreview)

public:
    enum class Width { Phone, Tablet, Desktop };
    static constexpr int kPhoneWidth = 375;
    static constexpr int kTabletWidth = 768;
    /// The text shown instead of unsandboxed HTML is made of at most this much HTML (the rest is
    /// cut), so that a 32 MiB body costs a bounded, off-thread parse.
    static constexpr qsizetype kMaxTextSource = 1024 * 1024;

    explicit HtmlPreview(QWidget *parent = nullptr);
    ~HtmlPreview() override;

    void setMessage(const MessageDetails &details);
    void clear();
    void setWidthPreset(Width width);
    /// Lifts the block on http and https loads for the message shown, and reloads it. Remembered
    /// for this message until the app quits.
    void allowRemote();
    /// allowRemote(), and for every message from the sender of the one shown, from now on.
    void trustSender();
    /// Blocks remote content again for the sender of the message shown (and reloads it).
    void distrustSender();
    /// The lower-case addresses whose messages load remote content without asking.
    void setTrustedSenders(const QStringList &senders);
    QStringList trustedSenders() const { return m_trustedSenders; }
    /// The lower-case address of the From header, else of MAIL FROM; empty without either.
    static QString senderOf(const MessageDetails &details);

    /// Whether the renderer runs in Chromium's sandbox. Taken from this process's environment
    /// (RendererSandbox::disabledInThisProcess) unless set here; the tests set both ways.
    void setRendererSandboxed(bool sandboxed);
    bool rendererSandboxed() const { return m_sandboxed; }
    /// Whether the message shown waits for consent to render its HTML (shown as text meanwhile).
    bool waitingForConsent() const;
    /// Renders the HTML of the message shown although the renderer has no sandbox: the banner's
    /// button. The consent holds for this message only, until another one is shown.
    void renderThisMessage();

    /// The plain text of `html` as shown instead of unsandboxed HTML: the first kMaxTextSource
    /// characters, parsed without loading anything (no files, no images, no style sheets).
    /// Thread-safe; runs in a worker thread.
    static QString plainTextOf(const QString &html);

    /// http and https loads blocked until the user allows remote content.
    int blockedCount() const { return m_blocked; }
    /// Loads of other schemes (file:, ftp:, ...) blocked for good.
    int refusedCount() const { return m_refused; }
    bool remoteAllowed() const { return m_remoteAllowed; }
    /// The note about the last refused link, or empty.
    QString linkNote() const { return m_linkNote; }
    /// Where the link under the mouse goes (as LinkPolicy::shownUrl shows it), or empty.
    QString hoveredLink() const;
    /// The note about a link no program opened, or empty when none is shown.
    QString openFailure() const;

signals:
    void loadFinished(bool ok);
    /// The browser engine was created (the first HTML body is about to render).
    void browserCreated();
    /// A short sentence for the status bar (a refused link).
    void statusMessage(const QString &text);
    /// trustSender() or distrustSender() changed the list; the owner saves it.
    void trustedSendersChanged(const QStringList &senders);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    bool confirmLink(const QUrl &url, const QStringList &linkTexts);
    void linkRefused(const QUrl &url);
    void linkOpenFailed(const QUrl &url);
    void linkHovered(const QString &url);
    void placeHoverLabel();
    void updateBar();
    void createBrowser();
    void applyWidth();
    void setRemoteAllowed(bool allowed);
    /// Renders the message shown, or shows it as text when it waits for consent.
    void showCurrent();

    QWebEngineProfile *m_profile = nullptr;
    MessageSchemeHandler *m_handler = nullptr;
    RemoteLoadInterceptor *m_interceptor = nullptr;
    PreviewPage *m_page = nullptr;
    QWebEngineView *m_view = nullptr;
    QVBoxLayout *m_layout = nullptr;
    QWidget *m_bar = nullptr;
    QLabel *m_barText = nullptr;
    QPushButton *m_allowButton = nullptr;
    QPushButton *m_trustButton = nullptr;
    QPushButton *m_distrustButton = nullptr;
    MessageBar *m_failureBar = nullptr;
    QAction *m_copyLink = nullptr;
    QUrl m_failedUrl;
    QLabel *m_hoverLabel = nullptr;
    QComboBox *m_widthBox = nullptr;
    QWidget *m_banner = nullptr;
    QPushButton *m_renderButton = nullptr;
    QPlainTextEdit *m_textView = nullptr;
    QString m_linkNote;
    QString m_html;
    QHash<QString, InlinePart> m_inlineParts;
    QString m_sender;
    QStringList m_trustedSenders;
    QSet<qint64> m_allowedMessages; ///< remote content allowed this run, by message id
    Width m_width = Width::Desktop;
    bool m_remoteAllowed = false;
    /// Which text conversion is current; older ones finish unseen.
    quint64 m_textGeneration = 0;
    bool m_sandboxed = true;
    bool m_consented = false;
    qint64 m_id = 0;
    int m_blocked = 0;
    int m_refused = 0;
};
