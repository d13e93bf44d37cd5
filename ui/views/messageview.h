// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "models/messagedetails.h"

#include <QUrl>
#include <QWidget>

#include <functional>

class FindingsView;
class HtmlPreview;
class MessageBar;
class QAction;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;
class StoreLoader;
class RelayView;
class TraceView;

/// One message, in tabs: the rendered HTML, the plain text, the headers, the raw source (exactly
/// the stored bytes), the attachments, the envelope against the To/Cc headers (Bcc recipients
/// show up here), the protocol trace of the session that delivered it, and the message checks.
/// Loading happens elsewhere (StoreLoader); this view only shows what it is given.
///
/// The summary above the tabs always has the same rows, so the tabs stay in place from one
/// message to the next. Inline images that the HTML body shows by cid: are listed apart from
/// the attachments (the inbox's paperclip counts only attachments). An attachment that no
/// program opens says so in a bar that offers "Save As…".
class MessageView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageView)

public:
    enum Tab {
        HtmlTab,
        TextTab,
        HeadersTab,
        RawTab,
        AttachmentsTab,
        EnvelopeTab,
        TraceTab,
        ChecksTab,
        RelayTab
    };
    /// The raw tab shows at most this much; "Save as .eml" has everything.
    static constexpr qsizetype kMaxRawDisplay = 4 * 1024 * 1024;

    explicit MessageView(QWidget *parent = nullptr);
    ~MessageView() override;

    /// The loader that saves attachments off the GUI thread.
    void setLoader(StoreLoader *loader);
    void setDetails(const MessageDetails &details);
    /// Shows the empty state with `text` (what to do to see something).
    void showPlaceholder(const QString &text);

    const MessageDetails &details() const { return m_details; }
    bool hasMessage() const { return m_details.found; }

    /// Asks for a file name and saves the message as .eml.
    void saveMessageAs();

    /// Hands a saved attachment to the desktop; false when no program took it.
    /// QDesktopServices::openUrl unless a test replaces it.
    using UrlOpener = std::function<bool(const QUrl &url)>;
    void setUrlOpener(UrlOpener opener) { m_opener = std::move(opener); }
    /// The note about an attachment no program opened, or empty when none is shown.
    QString openFailure() const;
    /// The settings key of the senders whose messages load remote content without asking.
    static constexpr QLatin1StringView kTrustedSendersKey{"viewer/remoteContentSenders"};

signals:
    void statusMessage(const QString &text);

private:
    void fillSummary();
    void fillHeaders();
    void fillAttachments();
    void fillEnvelope();
    void saveAttachment(bool openAfter);
    void saveCurrentPart(int partIndex, const QString &name);
    void addPartItems(QTreeWidgetItem *group, const QList<MessageAttachment> &parts);
    void partSaved(const QString &path, bool openAfter);

    MessageDetails m_details;
    StoreLoader *m_loader = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_summary = nullptr;
    QTabWidget *m_tabs = nullptr;
    /// The tab the user last chose, by click, key or summary link; a tab shown only because
    /// the chosen one had nothing for a message is no choice.
    int m_chosenTab = HtmlTab;
    bool m_fillingTabs = false;
    HtmlPreview *m_html = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QTreeWidget *m_headers = nullptr;
    QPlainTextEdit *m_raw = nullptr;
    QTreeWidget *m_attachments = nullptr;
    QPushButton *m_saveAttachment = nullptr;
    QPushButton *m_openAttachment = nullptr;
    MessageBar *m_attachmentBar = nullptr;
    QAction *m_saveFailed = nullptr;
    int m_failedPart = -1;
    QString m_failedName;
    UrlOpener m_opener;
    QTreeWidget *m_envelope = nullptr;
    TraceView *m_trace = nullptr;
    FindingsView *m_findings = nullptr;
    RelayView *m_relay = nullptr;
};
