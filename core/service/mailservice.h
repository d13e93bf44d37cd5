// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/error.h"
#include "common/result.h"
#include "config/serverconfig.h"
#include "events/events.h"
#include "exchange/exportreport.h"
#include "exchange/importreport.h"
#include "exchange/messageexporter.h"
#include "relay/relayoutcome.h"
#include "relay/relaysettings.h"
#include "service/applytask.h"
#include "service/transferrunner.h"
#include "smtp/smtpserversettings.h"

#include <QObject>
#include <QThreadPool>

#include <bitset>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>

class ApiBridge;
class MessageStore;
class RelayService;
class SmtpServer;
struct ListenAddress;

/// The application layer under every front end (the desktop app, headless mode): owns the store
/// and the SMTP engine, applies a ServerConfig at run time, performs every change to the stored
/// messages (read flags, deletion, import, export, and retention, which it hands to the store
/// with each apply and whose deletions come back as messagesRemoved()), and forwards the
/// engine's and the store's signals, so receivers connect once however often the engine is
/// rebuilt.
///
/// A new store directory opens the new store beside the old one and switches to it only once
/// everything else checked out; anything else restarts the listeners on the same store,
/// without losing the inbox. Before anything is switched, the worker loads certificate and key
/// and binds each new address for a moment (ListenProbe; the HTTP API's too when it was given
/// explicitly rather than left at the default), so a port in use, a bad certificate
/// or a store that cannot open leaves the old store and listeners (and their open sessions)
/// as they were: a bad setting never stops a server that was working. Should a new listener
/// still fail to bind (the port was taken since), the previous ones are bound again. Nothing
/// here blocks the caller's thread: everything that touches the disk while applying (opening
/// a store with its lock and any schema upgrade, closing the old one, the Maildir mirror,
/// reading the certificate and key) runs in a worker thread of the service's own, and the
/// sessions of a stopped listener say goodbye in the background
/// (SmtpServer::stopInBackground).
///
/// Imports and exports run one at a time in a worker thread of their own (TransferRunner),
/// through the same MessageImporter and MessageExporter the offline command line uses. The HTTP
/// API is wired to the store and to this object's change methods by an ApiBridge. A new store
/// folder applied during an import cancels the import (which takes back what it stored) and opens
/// once it has finished, so an import never writes to a closed store.
///
/// Lives in one thread (the GUI thread, or the main thread of headless mode).
class MailService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MailService)

public:
    /// Which part of the settings a failure is about, so the UI can open the right page.
    enum class Problem { None, Store, Server, Tls, Auth, Api, Faults, Relay };
    Q_ENUM(Problem)
    /// The part of the settings `error` is about, from its field (a ServerConfig key) and,
    /// for errors that name no setting, its code.
    static Problem problemOf(const Error &error);

    /// Opens a store; MessageStore::open unless replaced. Called in the apply worker thread.
    using StoreOpener = ApplyTask::StoreOpener;

    explicit MailService(QObject *parent = nullptr);
    /// Waits for a running apply (it may hold a store's lock), then stops the listeners and
    /// closes the store. Emits nothing.
    ~MailService() override;

    /// Starts applying `settings` and returns at once: opens their store if it is not the open
    /// one, checks certificate and ports, then switches and starts the listeners.
    /// applyFinished() follows. Settings given while an apply runs wait for it and replace each
    /// other: only the latest are applied, and only they get an applyFinished(). When the new
    /// settings fail, what ran before keeps running; when nothing ran before, their store
    /// stays open all the same (the inbox stays visible).
    void apply(const ServerConfig &settings);
    /// True from apply() until its applyFinished().
    bool isApplying() const { return m_applying; }
    /// Stops the listeners, and cancels applying: a running apply still opens its store but
    /// does not listen, and ends with applyFinished(false) and the code Cancelled.
    void stop();
    bool isRunning() const;
    /// The fault rules every session asks, with the random seed in use and the greylist. They take
    /// the fault settings of each successful apply, which the running sessions see at their
    /// next command.
    std::shared_ptr<FaultInjector> faults() const { return m_faults; }

    /// Replaces MessageStore::open (null: back to it), for tests that need to see where or when
    /// the store opens. Takes effect with the next apply.
    void setStoreOpener(StoreOpener opener);

    /// The open store; null while none is. An apply to another folder keeps it until the new
    /// store has opened and the new listeners run.
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

    /// How often importProgress() and exportProgress() fire at most: a huge mbox must not
    /// flood the receiver's thread.
    static constexpr int kProgressIntervalMs = TransferRunner::kProgressIntervalMs;
    using Transfer = TransferRunner::Kind;
    /// Starts importing .eml files, folders of them, mbox files and Maildirs into the open
    /// store and returns at once. False (and nothing starts) without an open store, without
    /// paths, or while another import or export runs. importProgress() follows while it runs;
    /// at the end messagesAdded() with what it stored, then importFinished().
    bool importMessages(const QStringList &paths);
    /// Starts exporting from the open store (read through a reader of the worker's own) and
    /// returns at once. False as for importMessages(), or without a destination.
    /// exportProgress() follows while it runs, then exportFinished().
    bool exportMessages(const MessageExporter::Selection &selection, MessageExporter::Format format,
                        const QString &destination, bool replaceExisting = false);
    /// Asks the running import or export to stop: it takes back what it wrote, and its
    /// finished signal says `cancelled`.
    void cancelTransfer();
    /// The import or export running now, if any.
    Transfer transfer() const;

    /// Relays stored message `id` to `recipients` through the relay of the applied settings
    /// (ServerConfig::relayHost) and returns at once; the dialogue runs in the relay's thread.
    /// Errors, and nothing is sent: NotAllowed (no relay set up, or a recipient that no
    /// allowed pattern matches; the text names it), InvalidValue (no recipients, or one that
    /// is not an address), NotFound (no store is open). relayFinished() follows once the
    /// attempt is stored with the message (also when the message is gone: NotFound).
    /// `done`, when given, runs in this object's thread with the attempt, right after
    /// relayFinished().
    Result<void> release(qint64 id, const QStringList &recipients,
                         std::function<void(const RelayOutcome &)> done = {});
    /// Retries the queued automatic relay of message `id` now instead of at its time;
    /// relayFinished() follows. Errors: NotAllowed (no relay set up), NotFound (nothing of
    /// that message waits for a retry), Conflict (its retry runs already).
    Result<void> retryRelay(qint64 id);
    /// Whether an automatic relay of message `id` waits for a retry.
    bool isRelayQueued(qint64 id) const;
    /// The relay: its retry queue, and the retry delay for tests.
    RelayService *relay() const { return m_relay.get(); }

signals:
    /// The latest settings given to apply() are applied: `ok` when the listeners run. Otherwise
    /// `error` says why, with the setting at fault in its field (problemOf() gives the settings
    /// page); the code Cancelled means stop() cancelled the apply.
    void applyFinished(bool ok, const Error &error);
    /// Another store is open (just before the applyFinished() of the apply that opened it).
    void storeOpened(const QString &directory);
    void runningChanged(bool running);
    /// The fault rules (faults()) changed: an apply with other fault settings, or a client of
    /// the HTTP API.
    void faultsChanged();
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

    /// An import stored these messages (committed, in order); models add them.
    void messagesAdded(const QList<qint64> &ids);
    /// `imported` messages are committed so far, from `bytesDone` of the `bytesTotal` bytes of
    /// the sources (the message count is not known before reading). At most every
    /// kProgressIntervalMs.
    void importProgress(qint64 imported, qint64 bytesDone, qint64 bytesTotal);
    void importFinished(const ImportReport &report);
    /// `done` of `total` selected messages are written. At most every kProgressIntervalMs,
    /// and always for the last one.
    void exportProgress(qint64 done, qint64 total);
    void exportFinished(const ExportReport &report);
    /// A relay attempt (release() or automatic) ended and is committed with its message.
    void relayFinished(const RelayOutcome &outcome);

protected:
    void connectNotify(const QMetaMethod &signal) override;
    bool event(QEvent *event) override;

private:
    void applyFaults(const ServerConfig &settings);
    /// A client changed the fault rules or chaos triggers through the HTTP API.
    void adoptApiFaults();
    /// The disk part of an apply runs in m_pool.
    using ApplyJob = ApplyTask::Job;
    using ApplyOutcome = ApplyTask::Outcome;
    using OutcomePointer = std::shared_ptr<ApplyOutcome>;

    void startNextApply();
    void applyDone();
    void finish(ApplyOutcome &outcome);
    /// Makes the outcome's new store (and `server`, or a new stopped one) the current ones;
    /// the old server retires and the old store closes in the background.
    void switchStore(ApplyOutcome &outcome, std::unique_ptr<SmtpServer> server = nullptr);
    /// Closes `store` in m_pool once every stopped listener's sessions are gone.
    void closeInBackground(std::unique_ptr<MessageStore> store);
    /// storeOpened() for a store not announced yet; the outcome's retention when `adopted`.
    void announceStore(const ApplyOutcome &outcome, bool adopted);
    /// Gives the relay the open store and, when `adopted` is not null, the relay settings of
    /// those settings.
    void configureRelay(const ServerConfig *adopted);
    /// m_server->stopInBackground(), remembered in m_serverStops.
    std::shared_future<void> stopServer();
    void stopListeners();

    void retire(std::unique_ptr<SmtpServer> server);
    void forwardEngineSignals();
    /// messagesAdded() for what an import stored, importFinished(), then an apply that waited.
    void importDone(const ImportReport &report);

    StoreOpener m_storeOpener;
    /// The HTTP API; its address and users come from the settings each apply gives it.
    std::unique_ptr<ApiBridge> m_apiBridge;
    std::unique_ptr<TransferRunner> m_transfers;
    /// Releases and automatic relays, in a thread of their own; settings from each apply.
    std::unique_ptr<RelayService> m_relay;
    RelaySettings m_relaySettings; ///< those of the latest adopted settings
    QString m_storeDirectory;
    QString m_maildirDirectory;
    std::unique_ptr<MessageStore> m_store;
    std::unique_ptr<SmtpServer> m_server;
    std::bitset<6> m_forwarded; ///< the engine signals of m_server forwarded so far
    /// The engine settings the listeners run with, bound again when new ones fail.
    std::optional<SmtpServerSettings> m_running;
    /// The fault rules of every server this service runs (see faults()).
    std::shared_ptr<FaultInjector> m_faults = std::make_shared<FaultInjector>();
    std::optional<FaultSettings> m_configuredFaults; ///< what the last apply gave m_faults
    /// The settings the running listeners were started from: an apply that changes nothing
    /// they use (a desktop preference, retention, the mirror, the API) leaves them running.
    std::optional<ServerConfig> m_serving;
    /// Stopped listeners whose sessions may still deliver: a store closes after them.
    std::vector<std::shared_future<void>> m_serverStops;
    /// Servers of a closed store whose sessions are still saying goodbye; deleted when done.
    std::vector<std::unique_ptr<SmtpServer>> m_retiring;
    bool m_storeAnnounced = false; ///< storeOpened() was emitted for m_store

    std::optional<ServerConfig> m_pending; ///< the latest settings not yet being applied
    bool m_applying = false;
    bool m_listenAfterApply = true; ///< false once stop() cancelled the running apply
    /// One thread: applies and the closing of old stores never overlap, and never queue behind
    /// other users of the global pool. Tasks go through ThreadHandoff::startInPool, and the
    /// outcome comes back through m_finishedOutcome and a posted call rather than a
    /// QFutureWatcher, so ThreadSanitizer sees the hand-overs.
    QThreadPool m_pool;
    std::mutex m_outcomeMutex;
    OutcomePointer m_finishedOutcome; ///< guarded by m_outcomeMutex; set when an apply ends

    bool m_applyAfterImport = false; ///< an apply waits for the cancelled import to end
};
