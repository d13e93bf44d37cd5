// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "inboxpage.h"

#include "loader/storeloader.h"
#include "models/inboxmodel.h"
#include "pages/inboxlistpane.h"
#include "relay/relayservice.h"
#include "service/mailservice.h"
#include "smtp/smtpserversettings.h"
#include "store/messagestore.h"
#include "views/deletemessagesdialog.h"
#include "views/inboxview.h"
#include "views/messageview.h"
#include "views/relayview.h"
#include "views/releasedialog.h"
#include "views/searchbox.h"

#include <QSettings>

#include <utility>

namespace {

constexpr QLatin1StringView kSplitterKey("window/inboxSplitter");

// Arrow keys held down should not load every message they pass.
constexpr int kSelectDelayMs = 60;

} // namespace

InboxPage::InboxPage(MailService *controller, StoreLoader *listLoader, StoreLoader *messageLoader,
                     QWidget *parent)
    : QSplitter(Qt::Vertical, parent)
    , m_service(controller)
    , m_listLoader(listLoader)
    , m_messageLoader(messageLoader)
{
    setObjectName(QStringLiteral("inboxSplitter"));
    // Sorting and searching happen in SQL (InboxModel), so the inbox has no proxy.
    m_inbox = new InboxModel(m_listLoader, this);

    // Every widget child of a QSplitter becomes a pane of it: the parts are made without a
    // parent and placed where they belong.
    auto *listPane = new InboxListPane(m_inbox);
    m_search = listPane->searchBox();
    m_view = listPane->view();
    m_list = listPane;
    m_view->setFileProvider([this](qint64 id) { return dragFileFor(id); });
    connect(m_inbox, &InboxModel::queryErrorChanged, this, &InboxPage::queryErrorChanged);

    m_messageView = new MessageView;
    m_messageView->setLoader(m_messageLoader);
    connect(m_messageView, &MessageView::statusMessage, this,
            [this](const QString &text) { emit statusMessage(text, 5000); });

    addWidget(listPane);
    addWidget(m_messageView);
    setStretchFactor(0, 2);
    setStretchFactor(1, 3);
    setSizes({260, 440});
    setChildrenCollapsible(false);

    m_selectTimer.setSingleShot(true);
    m_selectTimer.setInterval(kSelectDelayMs);
    connect(&m_selectTimer, &QTimer::timeout, this, &InboxPage::loadCurrentMessage);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &InboxPage::currentMessageChanged);
    // A click on the row that is current already (selected by the page) is a choice too.
    connect(m_view, &QAbstractItemView::clicked, this, &InboxPage::currentChosen);
    connect(m_view, &QAbstractItemView::activated, this, &InboxPage::currentChosen);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &InboxPage::selectionChanged);
    connect(m_messageLoader, &StoreLoader::messageLoaded, this, &InboxPage::messageLoaded);

    connect(m_inbox, &InboxModel::listed, this, [this](int rows) {
        selectPending();
        selectNewestIfNone();
        emit inboxLoaded(rows);
    });
    connect(m_inbox, &QAbstractItemModel::rowsInserted, this, [this] {
        selectPending();
        selectNewestIfNone();
    });
    connect(m_inbox, &QAbstractItemModel::rowsInserted, this, &InboxPage::updateEmptyState);
    connect(m_inbox, &QAbstractItemModel::rowsRemoved, this, &InboxPage::updateEmptyState);
    connect(m_inbox, &QAbstractItemModel::modelReset, this, &InboxPage::updateEmptyState);
    connect(m_inbox, &InboxModel::countsChanged, this, &InboxPage::updateEmptyState);
    // A reset (new query, a change too scattered to merge) keeps the selected messages that
    // are still listed.
    connect(m_inbox, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        m_savedCurrent = m_inbox->idAt(m_view->currentIndex().row());
        m_savedSelection = selectedIds();
    });
    connect(m_inbox, &QAbstractItemModel::modelReset, this, [this] {
        m_view->selectMessages(std::exchange(m_savedSelection, {}),
                               std::exchange(m_savedCurrent, 0));
        // A reset clears the selection without a signal (QItemSelectionModel::reset()).
        emit selectionChanged();
    });
    connect(m_inbox, &QAbstractItemModel::modelReset, this, &InboxPage::dropUnlistedMessage);
    connect(m_inbox, &QAbstractItemModel::rowsRemoved, this, &InboxPage::dropUnlistedMessage);
}

InboxPage::~InboxPage() = default;

void InboxPage::setConfiguredAddress(const QString &address)
{
    m_configuredAddress = address;
    updateEmptyState();
}

void InboxPage::setContextActions(const QList<QAction *> &actions)
{
    m_view->addActions(actions);
}

void InboxPage::openStore(const QString &directory)
{
    m_inbox->clear();
    m_messageView->showPlaceholder(tr("Select a message to see it here."));
    m_shownId = 0;
    m_pendingSelect = 0;
    // Queued before the model's first request, so the loader reads the new store.
    QMetaObject::invokeMethod(m_listLoader,
                              [loader = m_listLoader, directory] { loader->open(directory); });
    m_inbox->reload();
    QMetaObject::invokeMethod(m_messageLoader,
                              [loader = m_messageLoader, directory] { loader->open(directory); });
}

void InboxPage::updateEmptyState()
{
    const QString address =
        m_service->listenAddress() ? m_service->listenAddress()->toString() : m_configuredAddress;
    if (m_inbox->rowCount() == 0 && m_inbox->query().isEmpty()) {
        m_list->showEmptyNote(
            m_service->isRunning()
                ? tr("<h3>No mail yet</h3><p>Send mail to <b>%1</b>: point your application's "
                     "SMTP settings there, or try</p><p><tt>swaks --server %1 --to "
                     "you@example.test</tt></p>")
                      .arg(address.toHtmlEscaped())
                : tr("<h3>No mail yet</h3><p>Letterbox is not listening. Press <b>Start</b>, or "
                     "fix the problem shown in the status bar.</p>"));
        // The list's own empty state says what to do; the same words again in the viewer
        // below would only repeat it.
        if (!m_messageView->hasMessage())
            m_messageView->showPlaceholder(QString());
    } else if (m_inbox->rowCount() == 0 && !queryRuns()) {
        // The error under the search box says it all; the last query's "no match" would not.
        m_list->showEmptyNote(QString());
    } else if (m_inbox->rowCount() == 0) {
        m_list->showEmptyNote(tr("<h3>No messages match “%1”</h3><p>Press Esc in the search "
                                 "box to see every message.</p>")
                                  .arg(m_inbox->query().toHtmlEscaped()));
    } else {
        m_list->showList();
    }
}

QList<qint64> InboxPage::selectedIds() const
{
    if (!queryRuns())
        return {};
    QList<qint64> ids;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    ids.reserve(rows.size());
    for (const QModelIndex &row : rows)
        ids.append(row.data(InboxModel::MessageIdRole).toLongLong());
    return ids;
}

bool InboxPage::hasSelection() const
{
    return queryRuns() && m_view->selectionModel()->hasSelection();
}

bool InboxPage::queryRuns() const
{
    return m_inbox->queryError().isEmpty();
}

bool InboxPage::hasMessage() const
{
    return m_messageView->hasMessage();
}

bool InboxPage::isDragSource(const QObject *source) const
{
    return source == m_view;
}

void InboxPage::currentMessageChanged()
{
    m_inbox->keepListed(m_inbox->idAt(m_view->currentIndex().row()));
    // Only a click or a key makes it the user's choice; a row the page or the model moved the
    // selection to (a new list, a removal) is shown but stays unread.
    m_markWhenShown = m_view->isHandlingInput();
    m_selectTimer.start();
}

void InboxPage::currentChosen()
{
    m_markWhenShown = true;
    m_selectTimer.start();
}

void InboxPage::loadCurrentMessage()
{
    const bool mark = std::exchange(m_markWhenShown, false);
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || !queryRuns())
        return;
    const qint64 id = current.data(InboxModel::MessageIdRole).toLongLong();
    if (id == m_shownId && m_messageView->hasMessage()) {
        if (mark)
            markRead(id);
        return;
    }
    const quint64 request = ++m_requestId;
    m_markRequest = mark ? request : 0;
    QMetaObject::invokeMethod(m_messageLoader, [loader = m_messageLoader, request, id] {
        loader->loadMessage(request, id);
    });
}

void InboxPage::messageLoaded(const MessageDetails &details)
{
    if (details.requestId != m_requestId)
        return; // the user has moved on
    // The rows changed while it loaded (a new query, a deletion): not a message to show now.
    if (details.found && (!queryRuns() || m_inbox->rowOf(details.id) < 0))
        return;
    m_shownId = details.id;
    m_messageView->setDetails(details);
    if (details.found && !details.message.read && details.requestId == m_markRequest)
        markRead(details.id);
    emit selectionChanged();
    emit messageShown(details.id);
}

void InboxPage::markRead(qint64 id)
{
    if (const StoredMessage *message = m_inbox->messageAt(m_inbox->rowOf(id));
        message && message->read)
        return;
    m_inbox->setRead({id}, true);
    m_service->setRead({id}, true);
}

void InboxPage::queryErrorChanged(const QString &error)
{
    m_list->setQueryError(error);
    // The rows are those of the last query that ran, not of this one: greyed out, nothing to
    // act on, and no message in the viewer.
    updateEmptyState();
    if (!error.isEmpty()) {
        m_selectTimer.stop();
        ++m_requestId;
        m_shownId = 0;
        m_messageView->showPlaceholder(tr("Correct the search to see messages again, or press "
                                          "Esc in the search box to see every message."));
    } else {
        // A query that runs again may be the one listed (no new list comes then): show the
        // current row again, without marking it read.
        m_markWhenShown = false;
        m_selectTimer.start();
    }
    emit selectionChanged();
}

void InboxPage::dropUnlistedMessage()
{
    if (m_shownId == 0 || m_inbox->rowOf(m_shownId) >= 0)
        return;
    m_shownId = 0;
    m_messageView->showPlaceholder(m_inbox->rowCount() == 0 && !m_inbox->query().isEmpty()
                                       ? tr("No message matches the search.")
                                       : tr("Select a message to see it here."));
    updateEmptyState();
    emit selectionChanged(); // nothing to save now
}

void InboxPage::showDeleted()
{
    m_shownId = 0;
    m_messageView->showPlaceholder(tr("The message was deleted."));
}

void InboxPage::storeRemoved(const QList<qint64> &ids)
{
    // Asked before the rows go, which forgets the shown message.
    const bool shownGoes = m_shownId != 0 && (ids.isEmpty() || ids.contains(m_shownId));
    if (ids.isEmpty()) {
        // "All" means all that existed when the store got to it; mail delivered since then is
        // still stored, so read the inbox again rather than trusting an empty view.
        m_inbox->reload();
    } else {
        m_inbox->storeRemoved(ids);
    }
    if (shownGoes)
        showDeleted();
}

bool InboxPage::selectMessage(qint64 id)
{
    m_pendingSelect = 0;
    const int row = m_inbox->rowOf(id);
    if (row >= 0) {
        const QModelIndex index = m_inbox->index(row, 0);
        m_view->setCurrentIndex(index);
        m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect
                                                    | QItemSelectionModel::Rows);
        m_view->scrollTo(index);
        // Asked for by the user (from the Sessions tab, say): read once shown, even if it was
        // shown already.
        currentChosen();
        return true;
    }
    // Not listed: hidden by the search, or arrived since the last list. Either way the next
    // list brings it, and selectPending() selects it then.
    m_pendingSelect = id;
    if (!m_inbox->query().isEmpty() || !m_search->text().isEmpty()) {
        m_search->clearQuietly();
        m_inbox->setQuery({});
    } else {
        m_inbox->noteChanged({id});
        m_inbox->flush();
    }
    return false;
}

void InboxPage::selectPending()
{
    if (m_pendingSelect != 0 && m_inbox->rowOf(m_pendingSelect) >= 0)
        selectMessage(m_pendingSelect);
}

void InboxPage::selectNewestIfNone()
{
    if (m_view->currentIndex().isValid() || m_inbox->rowCount() == 0)
        return;
    // The newest message is at the top or the bottom, depending on the sort order.
    const bool newestFirst = m_inbox->sortColumn() != InboxModel::ReceivedColumn
                             || m_inbox->sortOrder() == Qt::DescendingOrder;
    const QModelIndex index = m_inbox->index(newestFirst ? 0 : m_inbox->rowCount() - 1, 0);
    m_view->setCurrentIndex(index);
    m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect
                                                | QItemSelectionModel::Rows);
}

void InboxPage::deleteSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty() || !m_service->store())
        return;
    // Keep the user's place: select the row after the last deleted one.
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    int nextRow = 0;
    for (const QModelIndex &row : rows)
        nextRow = std::max(nextRow, row.row());
    nextRow = nextRow + 1 - int(rows.size());
    removeMessages(ids);
    const int count = m_inbox->rowCount();
    if (count > 0) {
        const QModelIndex next = m_inbox->index(std::clamp(nextRow, 0, count - 1), 0);
        m_view->setCurrentIndex(next);
        m_view->selectionModel()->select(next, QItemSelectionModel::ClearAndSelect
                                                   | QItemSelectionModel::Rows);
    }
    emit selectionChanged();
}

void InboxPage::removeMessages(const QList<qint64> &ids)
{
    // Asked before the rows go, which forgets the shown message.
    const bool shownGoes = m_shownId != 0 && ids.contains(m_shownId);
    m_service->remove(ids);
    m_inbox->removeMessages(ids);
    if (shownGoes)
        showDeleted();
    emit statusMessage(tr("Deleted %n message(s)", nullptr, int(ids.size())), 4000);
}

void InboxPage::deleteAll(bool askFirst)
{
    const int total = int(std::max<qint64>(m_inbox->totalCount(), m_inbox->rowCount()));
    if (!m_service->store() || total == 0)
        return;
    if (!askFirst) {
        removeAll();
        return;
    }
    // The rows of a search that runs are "shown"; a search that shows every message offers
    // only "all", which also takes mail that arrives meanwhile.
    const QList<qint64> shown =
        m_inbox->query().isEmpty() || !queryRuns() ? QList<qint64>() : m_inbox->ids();
    if (m_deleteDialog)
        m_deleteDialog->close();
    const int shownCount = shown.size() < total ? int(shown.size()) : 0;
    auto *dialog = new DeleteMessagesDialog(shownCount, total, this);
    m_deleteDialog = dialog;
    connect(dialog, &DeleteMessagesDialog::chosen, this,
            [this, shown](DeleteMessagesDialog::Choice choice) {
                if (choice == DeleteMessagesDialog::Choice::All)
                    removeAll();
                else if (choice == DeleteMessagesDialog::Choice::Shown)
                    removeMessages(shown);
                emit selectionChanged();
            });
    dialog->setWindowModality(Qt::WindowModal);
    dialog->open();
}

void InboxPage::removeAll()
{
    m_service->removeAll();
    // Empty until the store confirms (messagesRemoved with no ids reloads): a list read
    // before the removal commits would bring every message back for a moment.
    m_inbox->clear();
    showDeleted();
    emit selectionChanged();
}

void InboxPage::markSelected(bool read)
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty() || !m_service->store())
        return;
    m_inbox->setRead(ids, read);
    m_service->setRead(ids, read);
}

void InboxPage::saveShownMessage()
{
    m_messageView->saveMessageAs();
}

void InboxPage::releaseShownMessage()
{
    if (!m_messageView->hasMessage())
        return;
    const StoredMessage &message = m_messageView->details().message;
    QStringList recipients;
    for (const QByteArray &address : message.recipients)
        recipients.append(QString::fromUtf8(address));
    const RelaySettings &relay = m_service->relay()->settings();
    const qint64 id = message.id;
    auto *dialog = new ReleaseDialog(
        message.subject, recipients, relay.enabled ? relay.target.describe() : QString(),
        [this, id](const QStringList &to) { return m_service->release(id, to); }, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QDialog::accepted, this, [this, dialog, id] {
        emit statusMessage(
            tr("Releasing message %1 to %2…").arg(id).arg(dialog->recipients().join(u", ")), 0);
    });
    dialog->open();
}

void InboxPage::relayFinished(const RelayOutcome &outcome)
{
    emit statusMessage(tr("Message %1 relayed to %2: %3")
                           .arg(outcome.messageId)
                           .arg(outcome.target, RelayView::summary(outcome)),
                       10000);
    if (outcome.messageId != m_shownId)
        return;
    // Load the shown message again: its Relay tab gains the attempt.
    const quint64 request = ++m_requestId;
    m_markRequest = 0;
    QMetaObject::invokeMethod(m_messageLoader,
                              [loader = m_messageLoader, request, id = outcome.messageId] {
                                  loader->loadMessage(request, id);
                              });
}

void InboxPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

QString InboxPage::dragFileFor(qint64 id) const
{
    // The loader wrote the shown message's file while loading it; dragging selects it first.
    if (id != m_shownId || !m_messageView->hasMessage())
        return {};
    return m_messageView->details().dragFile;
}

void InboxPage::restoreLayout(const QSettings &settings)
{
    m_view->restoreLayout(settings);
    QSplitter::restoreState(settings.value(kSplitterKey).toByteArray());
}

void InboxPage::saveLayout(QSettings &settings) const
{
    m_view->saveLayout(settings);
    settings.setValue(kSplitterKey, QSplitter::saveState());
}
