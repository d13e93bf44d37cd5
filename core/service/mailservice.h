// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/error.h"
#include "config/serverconfig.h"
#include "events/events.h"
#include "smtp/smtpserversettings.h"

#include <QObject>

#include <bitset>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

class ApiServer;
class MessageStore;
class SmtpServer;
struct ListenAddress;

/// The application layer under every front end (the desktop app, headless mode): owns the store
/// and the SMTP engine, applies a ServerConfig at run time, performs every change to the stored
/// messages, and forwards the engine's and the store's signals, so receivers connect once
/// however often the engine is rebuilt.
///
/// A new store directory closes the old store and opens the new one; anything else restarts
/// the listeners on the same store, without losing the inbox. Nothing here blocks the caller's
/// thread: everything that touches the disk while applying (closing the old store, opening the
/// new one with its lock and any schema upgrade, the Maildir mirror, reading the certificate
/// and key) runs in a worker thread of the service's own, and the sessions of a stopped
/// listener say goodbye in the background (SmtpServer::stopInBackground). If the new listeners
/// cannot bind, the previous ones are bound again: a bad setting never stops a server that
/// was working.
///
/// Lives in one thread (the GUI thread, or the main thread of headless mode).
class MailService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MailService)

public:
    /// Which part of the settings a failure is about, so the UI can open the right page.
    enum class Problem { None, Store, Server, Tls, Auth };
    Q_ENUM(Problem)
    /// The part of the settings `error` is about, from its field (a ServerConfig key) and,
    /// for errors that name no setting, its code.
    static Problem problemOf(const Error &error);

    /// Opens a store; MessageStore::open unless replaced. Called in the apply worker thread.
    using StoreOpener =
        std::function<Result<std::unique_ptr<MessageStore>>(const QString &directory)>;

    explicit MailService(QObject *parent = nullptr);
    /// Waits for a running apply (it may hold a store's lock), then stops the listeners and
    /// closes the store. Emits nothing.
    ~MailService() override;

    /// Starts applying `settings` and returns at once: opens their store if it is not the open
    /// one, then starts the listeners. applyFinished() follows. Settings given while an apply
    /// runs wait for it and replace each other: only the latest are applied, and only they get
    /// an applyFinished(). After a failure to listen the store stays open (the inbox stays
    /// visible).
    void apply(const ServerConfig &settings);
    /// True from apply() until its applyFinished().
    bool isApplying() const { return m_applying; }
    /// Stops the listeners, and cancels applying: a running apply still opens its store but
    /// does not listen, and ends with applyFinished(false) and the code Cancelled.
    void stop();
    bool isRunning() const;

    /// Replaces MessageStore::open (null: back to it), for tests that need to see where or when
    /// the store opens. Takes effect with the next apply.
    void setStoreOpener(StoreOpener opener);

    /// The open store; null while none is, including while an apply switches stores.
    MessageStore *store() const { return m_store.get(); }
    QString storeDirectory() const { return m_storeDirectory; }
    std::optional<ListenAddress> listenAddress() const;
    std::optional<ListenAddress> tlsListenAddress() const;
    int activeSessions() const;
    /// The HTTP API's bound address while it runs (see ServerConfig::apiListen).
    std::optional<ListenAddress> apiAddress() const;

    /// Sets or clears the read flag; messagesChanged() follows once it is committed.
    void setRead(const QList<qint64> &ids, bool read);
    /// Deletes these messages; messagesRemoved() follows.
    void remove(const QList<qint64> &ids);
    /// Deletes every message stored so far; messagesRemoved({}) follows.
    void removeAll();

signals:
    /// The latest settings given to apply() are applied: `ok` when the listeners run. Otherwise
    /// `error` says why, with the setting at fault in its field (problemOf() gives the settings
    /// page); the code Cancelled means stop() cancelled the apply.
    void applyFinished(bool ok, const Error &error);
    /// Another store is open (just before the applyFinished() of the apply that opened it).
    void storeOpened(const QString &directory);
    void runningChanged(bool running);
    void sessionStarted(const SessionInfo &session);
    void sessionEnded(const SessionInfo &session);
    void protocolLine(const ProtocolLine &line);
    void authAttempted(const AuthAttempt &attempt);
    void messageReceived(const ReceivedMessage &message);
    void errorOccurred(const ServerError &error);
    void storeError(const QString &message);
    void messagesChanged(const QList<qint64> &ids);
    void messagesRemoved(const QList<qint64> &ids);
    /// The HTTP API runs other than asked, without failing the apply: the default address is
    /// busy (it runs without the API), or it listens beyond loopback without authentication.
    /// Emitted during an apply, before its applyFinished().
    void apiWarning(const Error &warning);

protected:
    void connectNotify(const QMetaMethod &signal) override;
    bool event(QEvent *event) override;

private:
    struct ApplyJob;
    struct ApplyOutcome;
    using OutcomePointer = std::shared_ptr<ApplyOutcome>;

    /// The disk part of an apply; runs in m_applyThread.
    static OutcomePointer runApply(ApplyJob job);

    void startNextApply();
    void applyDone();
    void adopt(ApplyOutcome &outcome);
    void finish(ApplyOutcome &outcome);
    void stopListeners();

    void retire(std::unique_ptr<SmtpServer> server);
    /// (Re)starts the HTTP API as `settings` say, on the open store; an error only for an
    /// address that was asked for explicitly and cannot be bound.
    Result<void> startApi(const ServerConfig &settings);
    void forwardEngineSignals();

    StoreOpener m_storeOpener;
    QString m_storeDirectory;
    QString m_maildirDirectory;
    std::unique_ptr<MessageStore> m_store;
    std::unique_ptr<SmtpServer> m_server;
    std::unique_ptr<ApiServer> m_api; ///< null until the first apply that enables it
    std::bitset<6> m_forwarded;       ///< the engine signals of m_server forwarded so far
    /// The engine settings the listeners run with, bound again when new ones fail.
    std::optional<SmtpServerSettings> m_running;
    /// Servers of a closed store whose sessions are still saying goodbye; deleted when done.
    std::vector<std::unique_ptr<SmtpServer>> m_retiring;
    bool m_storeAnnounced = false; ///< storeOpened() was emitted for m_store

    std::optional<ServerConfig> m_pending; ///< the latest settings not yet being applied
    bool m_applying = false;
    bool m_listenAfterApply = true; ///< false once stop() cancelled the running apply
    /// One apply at a time, on a thread of its own: it never queues behind other users of the
    /// global pool. (std::thread and std::mutex rather than a QThreadPool and a QFutureWatcher:
    /// their ordering is visible to ThreadSanitizer.)
    std::thread m_applyThread;
    std::mutex m_outcomeMutex;
    OutcomePointer m_finishedOutcome; ///< guarded by m_outcomeMutex; set when an apply ends
};
