// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "events/events.h"
#include "smtp/smtpserversettings.h"
#include "smtp/smtpsession.h"

#include <QObject>

#include <functional>
#include <future>
#include <memory>

class MessageStore;
class TraceBacklog;

/// Where sessions hand their messages and their records: the MessageStore in production, a
/// stand-in in benchmarks (bench/enginebench.cpp measures the engine without the disk). Every
/// function is called from worker threads, concurrently, so each must be thread-safe.
struct DeliveryTarget
{
    /// A session id unique for the target's lifetime.
    std::function<quint64()> allocateSessionId;
    /// A message after its final "."; see DeliverFunction for the threading of `done`.
    DeliverFunction deliver;
    /// A session's facts so far and the next part of its trace, as the trace grows and a last
    /// time at its end (see SessionContext::flushTrace); fire and forget. May be unset.
    std::function<void(const SessionInfo &session, QList<ProtocolLine> traceDelta)>
        recordSessionEnd;
    /// Where large messages spool to (MessageSpool).
    QString spoolDirectory;
    /// The trace handed to recordSessionEnd and not yet written; sessions stop reading while
    /// it is full. May be null (no bound).
    TraceBacklog *traceBacklog = nullptr;
    /// A message or recipient was refused for good (see SessionContext::rejected); fire and
    /// forget, in the session's thread. May be unset.
    std::function<void()> rejected;

    /// The production target: everything goes to `store`, which must outlive the server.
    static DeliveryTarget forStore(MessageStore *store);
};

/// The SMTP engine: listeners for plain SMTP (with STARTTLS) and implicit TLS, and a pool of
/// worker threads that run the sessions. Lives in the thread that creates it (usually the GUI
/// or main thread); accepting a connection there only hands the descriptor to a worker.
///
/// All signals are emitted in the server's thread (queued from the workers), in order per
/// session. The store (or whatever the DeliveryTarget's functions use) must outlive the server.
class SmtpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SmtpServer)

public:
    explicit SmtpServer(MessageStore *store, QObject *parent = nullptr);
    explicit SmtpServer(DeliveryTarget target, QObject *parent = nullptr);
    ~SmtpServer() override; ///< stop()s, and waits for workers stopping in the background

    /// Validates `settings`, binds the listeners and starts the workers. On failure leaves
    /// nothing bound and returns the reason: a socket error becomes AddressInUse,
    /// AddressUnavailable, AccessDenied or NetworkError about the field "listen" or
    /// "tls-listen", with one line of text ("127.0.0.1:1025: address already in use").
    Result<void> start(const SmtpServerSettings &settings);
    /// Closes the listeners, tells open sessions "421 shutting down", and waits for the
    /// workers to finish. Messages already answered 250 are in the store.
    void stop();
    /// stop() without the wait: the listeners close at once (the port is free when this
    /// returns), and the sessions' goodbye (up to kShutdownGrace) and the workers' end happen
    /// in the background. The future is ready, and then backgroundStopFinished() is emitted,
    /// when the workers are gone; until then the sessions still deliver and report to this
    /// object, whose destructor waits for them. start() may be called meanwhile; its workers are
    /// new ones. (A std::shared_future: its ordering is visible to ThreadSanitizer, QFuture's
    /// lives inside Qt, where it is not.)
    std::shared_future<void> stopInBackground();
    /// Whether sessions of an earlier stopInBackground() are still saying goodbye.
    bool isStoppingInBackground() const;
    /// How long the open sessions get to finish after a stop.
    static constexpr std::chrono::seconds kShutdownGrace{5};
    bool isRunning() const;

    /// The bound addresses (with the real port when 0 was asked for).
    std::optional<ListenAddress> listenAddress() const;
    std::optional<ListenAddress> tlsListenAddress() const;
    int activeSessions() const;
    /// Whether anything listens to one of the server's signals: sessions skip the hop to the
    /// server's thread for a signal nobody receives (one per protocol line, three per
    /// connection). Thread-safe. Asked when a connection is accepted, so a receiver connected
    /// later hears from the sessions that begin after it.
    bool hasReceivers(const QMetaMethod &signal) const;

signals:
    /// A stopInBackground() finished: its workers are gone.
    void backgroundStopFinished();
    void sessionStarted(const SessionInfo &session);
    void sessionEnded(const SessionInfo &session);
    void protocolLine(const ProtocolLine &line);
    void authAttempted(const AuthAttempt &attempt);
    void messageReceived(const ReceivedMessage &message);
    void errorOccurred(const ServerError &error);

protected:
    /// Runs what other threads post with ThreadHandoff::post(), and acquires what they released.
    bool event(QEvent *event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};
