// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "models/messagedetails.h"

#include <QWidget>

class MessageSchemeHandler;
class PreviewPage;
class QComboBox;
class QLabel;
class QPushButton;
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
class HtmlPreview final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HtmlPreview)

public:
    enum class Width { Phone, Tablet, Desktop };
    static constexpr int kPhoneWidth = 375;
    static constexpr int kTabletWidth = 768;

    explicit HtmlPreview(QWidget *parent = nullptr);
    ~HtmlPreview() override;

    void setMessage(const MessageDetails &details);
    void clear();
    void setWidthPreset(Width width);
    /// Lifts the block on http and https loads for the message shown, and reloads it.
    void allowRemote();

    /// http and https loads blocked until the user allows remote content.
    int blockedCount() const { return m_blocked; }
    /// Loads of other schemes (file:, ftp:, ...) blocked for good.
    int refusedCount() const { return m_refused; }
    bool remoteAllowed() const;
    QWebEngineView *webView() const { return m_view; }
    PreviewPage *page() const { return m_page; }
    RemoteLoadInterceptor *interceptor() const { return m_interceptor; }
    MessageSchemeHandler *schemeHandler() const { return m_handler; }
    /// The note about the last refused link, or empty.
    QString linkNote() const { return m_linkNote; }

signals:
    void loadFinished(bool ok);
    /// A short sentence for the status bar (a refused link).
    void statusMessage(const QString &text);

private:
    bool confirmLink(const QUrl &url, const QStringList &linkTexts);
    void linkRefused(const QUrl &url);
    void updateBar();

    QWebEngineProfile *m_profile = nullptr;
    MessageSchemeHandler *m_handler = nullptr;
    RemoteLoadInterceptor *m_interceptor = nullptr;
    PreviewPage *m_page = nullptr;
    QWebEngineView *m_view = nullptr;
    QWidget *m_bar = nullptr;
    QLabel *m_barText = nullptr;
    QPushButton *m_allowButton = nullptr;
    QComboBox *m_widthBox = nullptr;
    QString m_linkNote;
    qint64 m_id = 0;
    int m_blocked = 0;
    int m_refused = 0;
};
