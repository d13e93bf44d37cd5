// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "duplextestdevice.h"

#include "smtp/smtpsession.h"
#include "smtp/tlsupgrade.h"
#include "store/tracebacklog.h"

#include <QObject>

#include <memory>
#include <vector>

/// A session over a DuplexTestDevice with a fake TLS seam and an in-memory "store", so a test
/// reads as a dialogue: client("EHLO a.test\r\n"); expectReply("250-...").
class SessionFixture final : public QObject, public TlsUpgrade
{
    Q_OBJECT

public:
    /// With `flushesTrace` the session hands its trace over as it grows (flushedTraces). With
    /// a `traceBacklog` too, each piece handed over is held in it, as if the store had not
    /// written it yet, until releaseTrace().
    explicit SessionFixture(SmtpServerSettings settings = defaultSettings(),
                            bool implicitTls = false, bool flushesTrace = false,
                            TraceBacklog *traceBacklog = nullptr);
    ~SessionFixture() override;

    static SmtpServerSettings defaultSettings();
    /// Settings with a (fake) TLS configuration, so STARTTLS is offered.
    static SmtpServerSettings tlsSettings();
    /// Accepts alice/secret for every mechanism.
    static AuthHandler aliceHandler();

    void client(const QByteArray &bytes);
    /// Waits for the next complete reply (all its lines) and returns it.
    QByteArray nextReply();
    // The dialogue steps below report a mismatch through QtTest and return false, so the
    // caller stops at the first one: QVERIFY(f.expectReply("250 ...")). Without that, every
    // later step would wait nextReply()'s five seconds for a reply that never comes.

    /// Waits for the next reply and compares it in full.
    [[nodiscard]] bool expectReply(const QByteArray &expected);
    /// Waits for the next reply and checks its code.
    [[nodiscard]] bool expectCode(int code);
    /// Nothing more was written (after letting queued events run).
    [[nodiscard]] bool expectSilence();
    /// Sends MAIL FROM:<a@x.test>, RCPT TO:<r@x.test> and DATA (pipelined) and expects
    /// 250, 250, 354: the session is then reading message content.
    [[nodiscard]] bool openData();
    /// Drives the session through greeting and EHLO.
    [[nodiscard]] bool greetAndEhlo(const QByteArray &name = "client.test");

    void startServerHandshake() override;

    SmtpSession *session() { return m_session.get(); }
    DuplexTestDevice *device() { return &m_device; }
    QList<DeliveryRequest> delivered;
    QList<ReceivedMessage> received;
    QList<AuthAttempt> authAttempts;
    QList<ProtocolLine> lines;
    QList<QList<ProtocolLine>> flushedTraces;
    bool holdDeliveries = false; ///< when set, deliveries wait for completePending()
    bool failDeliveries = false;
    bool finished = false;
    bool closeRequested = false;
    int handshakes = 0;
    bool failHandshake = false;
    void completePending();
    /// Fault delays the session asked for, in order; none runs until fireFaultDelay().
    QList<std::chrono::milliseconds> faultDelays;
    /// Ends the oldest pending fault delay, as if its time had passed.
    void fireFaultDelay();
    /// The "store" writes the trace handed over so far: the backlog lets go of it.
    void releaseTrace() { m_heldTrace.clear(); }

private:
    DuplexTestDevice m_device;
    std::unique_ptr<SmtpSession> m_session;
    qsizetype m_readPos = 0;
    QList<std::function<void()>> m_pending;
    QList<std::function<void()>> m_pendingFaultDelays;
    std::vector<TraceBacklog::Ticket> m_heldTrace;
    qint64 m_nextId = 1;
};
