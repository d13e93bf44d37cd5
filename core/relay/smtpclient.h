// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "relay/relayoutcome.h"
#include "relay/relaytlsmode.h"
#include "relay/remotereply.h"
#include "relay/serverextensions.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <deque>
#include <memory>

class DotStuffer;
class QIODevice;

/// The seam between the client and its transport's encryption, so the dialogue runs over any
/// QIODevice: RelayConnection starts QSslSocket's client handshake, tests report the outcome
/// themselves. The owner answers with SmtpClient::tlsEstablished() or tlsFailed().
class ClientTlsUpgrade
{
public:
    virtual ~ClientTlsUpgrade() = default;
    /// Begins the client side of the handshake; called once, after "220" to STARTTLS.
    virtual void startClientHandshake() = 0;
};

/// What to deliver: the envelope and the exact bytes (Received header of the relay included).
struct RelayEnvelope
{
    QByteArray sender; ///< may be empty: the null reverse-path "<>"
    QList<QByteArray> recipients;
    QByteArray content;
};

/// The client side of one SMTP dialogue (RFC 5321), delivering one message to one server: a
/// state machine over a QIODevice that is already connected (for implicit TLS: encrypted).
///
/// EHLO, and HELO when the server does not know EHLO; STARTTLS when asked for (a server that
/// does not offer it ends the attempt); AUTH PLAIN or LOGIN (RFC 4954, 4616) when credentials
/// are given; MAIL with SIZE (RFC 1870), BODY=8BITMIME (RFC 6152) and SMTPUTF8 (RFC 6531) as
/// the message needs them, refusing with ExtensionMissing or TooLarge before MAIL when the
/// server lacks what the message needs; MAIL, every RCPT and DATA in one write when the server
/// offers PIPELINING (RFC 2920 §3.1), one at a time otherwise; the content dot-stuffed and sent
/// a window at a time (the device's unsent bytes stay bounded); QUIT.
///
/// Every step has a time limit. The dialogue is recorded as ProtocolLines, AUTH credentials
/// masked as the server's trace masks them; the message data appears as a note with its size.
/// finished() carries the outcome once: per recipient the last reply that decided it. Lives in
/// one thread, the device's.
class SmtpClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SmtpClient)

public:
    struct Options
    {
        QByteArray heloName = "localhost";
        RelayTlsMode tls = RelayTlsMode::None;
        QByteArray user; ///< empty: no AUTH
        QByteArray password;
        /// How long each reply may take, the greeting included (RFC 5321 §4.5.3.2 suggests
        /// minutes; a developer's relay answers in well under one).
        std::chrono::milliseconds stepTimeout{std::chrono::seconds(60)};
    };

    /// Unsent bytes of message data the client lets pile up in the device before it waits for
    /// bytesWritten().
    static constexpr qint64 kSendWindow = 256 * 1024;
    /// Message data is stuffed and written in chunks of this size.
    static constexpr qsizetype kChunkSize = 64 * 1024;
    /// Longest reply line accepted (RFC 5321 §4.5.3.1.5 says 512 octets; leave room).
    static constexpr qsizetype kMaxReplyLine = 4096;
    /// Lines kept in the trace, and bytes kept of each line.
    static constexpr qsizetype kMaxTraceLines = 1000;
    static constexpr qsizetype kMaxTraceLineBytes = 1000;

    /// `device` and `tls` (null for no STARTTLS) must outlive the client. The outcome's
    /// recipients start as "not attempted".
    SmtpClient(QIODevice *device, ClientTlsUpgrade *tls, Options options, RelayEnvelope envelope,
               QObject *parent = nullptr);
    ~SmtpClient() override;

    /// Starts waiting for the greeting. For implicit TLS call tlsEstablished() first.
    void start();
    /// The handshake finished (after STARTTLS, or before start() for implicit TLS).
    void tlsEstablished(const QString &protocol, const QString &cipher);
    void tlsFailed(const QString &reason);
    /// The transport failed or closed: ends the attempt unless it is already over.
    void connectionFailed(const QString &reason);

    bool isFinished() const { return m_state == State::Done; }
    const RelayOutcome &outcome() const { return m_outcome; }

signals:
    /// Once, when the dialogue is over (the device is closed).
    void finished(const RelayOutcome &outcome);

private:
    enum class State {
        Greeting,
        Ehlo,
        Helo,
        StartTls,
        TlsHandshake,
        AuthPlain,
        AuthLoginUser,
        AuthLoginPassword,
        Transaction,
        Quit,
        Done,
    };
    /// A command of the transaction whose reply is still to come.
    enum class Awaited { Mail, Rcpt, Data, Content, EmptyContent };
    struct Pending
    {
        Awaited what;
        qsizetype recipient = -1;
    };

    void readReplies();
    void handleReply(const RemoteReply &reply);
    void handleGreeting(const RemoteReply &reply);
    void handleEhlo(const RemoteReply &reply);
    void handleHelo(const RemoteReply &reply);
    void handleStartTls(const RemoteReply &reply);
    void handleAuth(const RemoteReply &reply);
    void handleTransaction(const RemoteReply &reply);

    void sendEhlo();
    /// After a successful EHLO/HELO: STARTTLS, AUTH or the transaction, whichever is next.
    void proceed();
    void startAuth();
    void startTransaction();
    void sendNextCommand();
    void sendContent();
    void writeContentWindow();
    void sendQuit();

    void send(const QByteArray &line, const QByteArray &traced = {});
    void expectReply(const char *what);
    void note(const QByteArray &text);
    void trace(Direction direction, QByteArrayView bytes);

    /// Gives every recipient not decided yet `reply` as its result.
    void settleOpen(const RemoteReply &reply);
    void settle(qsizetype index, const RemoteReply &reply);
    /// Ends the attempt with `error`; recipients not decided get its text. QUIT is sent when
    /// the dialogue is at a point where the server reads a command, else the device closes.
    void fail(const Error &error, bool temporary, bool canQuit = true);
    /// The attempt ended because of `reply` (an error code where the dialogue needs success).
    void failOnReply(const RemoteReply &reply, const QString &during);
    void timedOut();
    void complete();

    QIODevice *m_device;
    ClientTlsUpgrade *m_tls;
    Options m_options;
    RelayEnvelope m_envelope;
    RelayOutcome m_outcome;
    State m_state = State::Greeting;
    ServerExtensions m_extensions;
    RemoteReplyParser m_parser;
    QByteArray m_input;
    QTimer m_timer;
    QByteArray m_awaitedText; ///< what the running step waits for, for the timeout message
    bool m_encrypted = false;
    bool m_authenticated = false;
    bool m_needs8Bit = false;
    bool m_needsUtf8 = false;

    std::deque<Pending> m_awaiting;   ///< sent, reply pending, in order
    std::deque<QByteArray> m_unsent;  ///< transaction commands not sent yet (no PIPELINING)
    std::deque<Pending> m_unsentWhat; ///< what each of m_unsent is
    QList<bool> m_settled;            ///< per recipient: its result is final
    QList<bool> m_accepted;           ///< per recipient: RCPT got a 2xx
    bool m_mailFailed = false;
    std::unique_ptr<DotStuffer> m_stuffer; ///< while the content is being sent
    qsizetype m_contentSent = 0;
    qsizetype m_traceDropped = 0;
};
