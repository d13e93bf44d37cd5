// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QPointer>
#include <QSplitter>
#include <QTimer>

class InboxListPane;
class InboxModel;
class InboxView;
class MessageView;
class QAction;
class QMessageBox;
class QSettings;
class SearchBox;
class MailService;
struct RelayOutcome;
class StoreLoader;
struct MessageDetails;

/// The Inbox tab: the search box with the reason a query cannot run right under it, the message
/// list over the store (with its empty states), and the viewer of the current message. It keeps
/// the user's place: the newest message is selected when nothing is, the selection survives a
/// new query or sort order, and a message asked for by id is selected once its row is listed.
/// Only a row the user chooses (click, keys, selectMessage()) is marked read, once it is shown;
/// what the page selects by itself is shown but stays unread. The viewer shows only a message
/// of the current rows; while the query cannot run the list is greyed and the viewer empty.
/// Messages are read in the background by two StoreLoader objects (list and viewer) that live
/// in other threads.
class InboxPage final : public QSplitter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InboxPage)

public:
    /// `controller` opens the store and says whether it listens (the empty state says where to
    /// send mail); the loaders live in other threads and outlive this page.
    InboxPage(MailService *controller, StoreLoader *listLoader, StoreLoader *messageLoader,
              QWidget *parent = nullptr);
    ~InboxPage() override;

    InboxModel *model() const { return m_inbox; }
    /// Where the empty inbox tells the user to send mail while nothing listens yet.
    void setConfiguredAddress(const QString &address);
    /// The commands of the list's context menu.
    void setContextActions(const QList<QAction *> &actions);

    /// A different store was opened: forgets the old inbox and reads the new one.
    void openStore(const QString &directory);
    /// Selects message `id` and returns true when its row is there. Otherwise (the search
    /// hides it, or it has only just arrived) clears the search or waits for the next list,
    /// selects it once its row comes, and returns false.
    bool selectMessage(qint64 id);
    void deleteSelected();
    /// Asks first (unless not `askFirst`) in a window-modal dialog: in a search, whether to
    /// delete the messages it shows or all of them; without one, whether to delete all.
    void deleteAll(bool askFirst = true);
    void markSelected(bool read);
    /// The store reports these messages removed (empty: all of them).
    void storeRemoved(const QList<qint64> &ids);
    void saveShownMessage();
    /// Message › Release…: asks for the recipients (the envelope's, editable) in a
    /// window-modal dialog, then has the service relay the shown message.
    void releaseShownMessage();
    /// A relay attempt ended: said in the status bar, and the Relay tab of the shown message
    /// follows.
    void relayFinished(const RelayOutcome &outcome);
    void focusSearch();
    void updateEmptyState();

    /// The selected messages; none while the query cannot run (the rows are stale then).
    QList<qint64> selectedIds() const;
    bool hasSelection() const;
    bool hasMessage() const;
    /// Whether a drag started in this page (our own message coming back is not an import).
    bool isDragSource(const QObject *source) const;

    void restoreLayout(const QSettings &settings);
    void saveLayout(QSettings &settings) const;

signals:
    /// The viewer shows a freshly loaded message.
    void messageShown(qint64 id);
    /// The rows for a new store, query or sort order are in.
    void inboxLoaded(qint64 count);
    void selectionChanged();
    /// A short note for the status bar.
    void statusMessage(const QString &text, int timeoutMs);

private:
    void currentMessageChanged();
    void currentChosen();
    void loadCurrentMessage();
    void messageLoaded(const MessageDetails &details);
    void markRead(qint64 id);
    void queryErrorChanged(const QString &error);
    void dropUnlistedMessage();
    bool queryRuns() const;
    void removeMessages(const QList<qint64> &ids);
    void removeAll();
    void selectNewestIfNone();
    void selectPending();
    void showDeleted();
    QString dragFileFor(qint64 id) const;

    MailService *m_service = nullptr;
    StoreLoader *m_listLoader = nullptr;
    StoreLoader *m_messageLoader = nullptr;
    InboxModel *m_inbox = nullptr;
    InboxListPane *m_list = nullptr;
    SearchBox *m_search = nullptr;
    InboxView *m_view = nullptr;
    MessageView *m_messageView = nullptr;
    QString m_configuredAddress;
    QPointer<QMessageBox> m_deleteDialog;

    QTimer m_selectTimer;
    quint64 m_requestId = 0;
    qint64 m_shownId = 0;
    bool m_markWhenShown = false;   ///< the user chose the current row: mark it read once shown
    quint64 m_markRequest = 0;      ///< the load whose message is marked read when it comes
    qint64 m_pendingSelect = 0;     ///< selectMessage() waits for this message's row
    QList<qint64> m_savedSelection; ///< across an inbox reset (a new query)
    qint64 m_savedCurrent = 0;
};
