// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "sessionfixture.h"

#include "smtp/saslmechanism.h"

#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

QByteArray b64(const QByteArray &bytes)
{
    return bytes.toBase64();
}

/// The AUTH dialogues whose credential lines the trace must mask.
enum class AuthScript { PlainInitial, PlainContinuation, Login, CramMd5 };

/// What a credential dialogue left behind, for the masking tests.
struct AuthRun
{
    bool complete = false; ///< the dialogue ran to its end; otherwise a step failed
    QList<ProtocolLine> lines;
    QList<ProtocolLine> trace; ///< what the session hands to the store
    QByteArray debugged;       ///< everything the debug hook was given
    QByteArray digest;         ///< CRAM-MD5: the client's digest
    QByteArray cramResponse;   ///< CRAM-MD5: the base64 line sent
};

AuthRun runAuth(AuthScript script, bool reveal)
{
    SmtpServerSettings settings = SessionFixture::defaultSettings();
    settings.authHandler = SessionFixture::aliceHandler();
    settings.allowAuthMechanism(SaslMechanism::Type::Plain, true);
    settings.allowAuthMechanism(SaslMechanism::Type::Login, true);
    settings.revealCredentials = reveal;
    AuthRun run;
    settings.debugHandler = [&run](const QString &, const QString &, const QByteArray &text) {
        run.debugged += text;
    };
    SessionFixture f(settings);
    if (!f.greetAndEhlo())
        return run;
    switch (script) {
    case AuthScript::PlainInitial:
        f.client("AUTH PLAIN " + b64("\0alice\0secret"_ba) + "\r\n");
        break;
    case AuthScript::PlainContinuation:
        f.client("AUTH PLAIN\r\n"_ba);
        if (!f.expectReply("334 \r\n"_ba))
            return run;
        f.client(b64("\0alice\0secret"_ba) + "\r\n");
        break;
    case AuthScript::Login:
        f.client("AUTH LOGIN\r\n"_ba);
        if (!f.expectCode(334))
            return run;
        f.client(b64("alice"_ba) + "\r\n");
        if (!f.expectCode(334))
            return run;
        f.client(b64("secret"_ba) + "\r\n");
        break;
    case AuthScript::CramMd5: {
        f.client("AUTH CRAM-MD5\r\n"_ba);
        const QByteArray challenge = QByteArray::fromBase64(f.nextReply().mid(4).trimmed());
        run.digest = CramMd5::digest(challenge, "secret");
        run.cramResponse = b64("alice " + run.digest);
        f.client(run.cramResponse + "\r\n");
        break;
    }
    }
    if (!f.expectReply("235 2.7.0 Authentication successful\r\n"_ba))
        return run;
    run.complete = true;
    run.lines = f.lines;
    run.trace = f.session()->takeTrace();
    return run;
}

} // namespace

Q_DECLARE_METATYPE(AuthScript)

/// Scripted dialogues with one SmtpSession over an in-memory device; one test per rule.
class TestSmtpSession final : public QObject
{
    Q_OBJECT

    /// Greets, sends one message and leaves the session waiting for its commit.
    [[nodiscard]] static bool sendMessageHeldForTheCommit(SessionFixture &f)
    {
        f.holdDeliveries = true;
        if (!f.greetAndEhlo())
            return false;
        f.client("MAIL FROM:<a@x.test>\r\nRCPT TO:<r@x.test>\r\nDATA\r\nx\r\n.\r\n"_ba);
        if (!(f.expectCode(250) && f.expectCode(250) && f.expectCode(354)))
            return false;
        return QTest::qWaitFor([&f] { return f.delivered.size() == 1; })
               && QTest::qCompare(f.delivered.size(), 1, "f.delivered.size()", "1", __FILE__,
                                  __LINE__);
    }

private slots:
    void greetingNamesHostAndApp()
    {
        SessionFixture f;
        QVERIFY(f.expectReply("220 mx.letterbox.test ESMTP Letterbox\r\n"_ba));
    }

    void ehloAdvertisesExtensions()
    {
        SessionFixture f;
        QVERIFY(f.expectCode(220));
        f.client("EHLO client.test\r\n"_ba);
        QVERIFY(f.expectReply("250-mx.letterbox.test Hello client.test\r\n"
                              "250-SIZE 1000\r\n"
                              "250-8BITMIME\r\n"
                              "250-PIPELINING\r\n"
                              "250-ENHANCEDSTATUSCODES\r\n"
                              "250-SMTPUTF8\r\n"
                              "250 HELP\r\n"_ba));
    }

    /// RFC 5321 §4.2.1: a multi-line reply is several lines on the wire; the live log and the
    /// stored trace show it that way, one line per reply line, not as one squashed line.
    void multiLineReplyIsTracedLineByLine()
    {
        SessionFixture f;
        QVERIFY(f.greetAndEhlo());
        const QList<QByteArray> ehloReply = {"250-mx.letterbox.test Hello client.test\r\n"_ba,
                                             "250-SIZE 1000\r\n"_ba,
                                             "250-8BITMIME\r\n"_ba,
                                             "250-PIPELINING\r\n"_ba,
                                             "250-ENHANCEDSTATUSCODES\r\n"_ba,
                                             "250-SMTPUTF8\r\n"_ba,
                                             "250 HELP\r\n"_ba};
        const auto serverLines = [](const QList<ProtocolLine> &lines) {
            QList<QByteArray> server;
            for (const ProtocolLine &line : lines) {
                if (line.direction == Direction::ServerToClient)
                    server.append(line.bytes);
            }
            return server;
        };
        QCOMPARE(serverLines(f.lines).mid(1), ehloReply);
        QCOMPARE(serverLines(f.session()->takeTrace()).mid(1), ehloReply);
    }

    /// Each delivery says where its transaction sits in the session's trace: from its MAIL
    /// line to the "250 ... queued as <id>" reply, which is what the Trace tab shows.
    void deliveryKnowsItsPlaceInTheTrace()
    {
        SessionFixture f;
        QVERIFY(f.greetAndEhlo());
        constexpr int kMessages = 3;
        for (int i = 0; i < kMessages; ++i) {
            f.client("MAIL FROM:<a" + QByteArray::number(i)
                     + "@x.test>\r\nRCPT TO:<r@x.test>\r\nDATA\r\n"_ba);
            QVERIFY(f.expectCode(250) && f.expectCode(250) && f.expectCode(354));
            f.client("Subject: " + QByteArray::number(i) + "\r\n\r\nx\r\n.\r\n"_ba);
            QVERIFY(f.expectCode(250));
        }
        f.client("QUIT\r\n"_ba);
        QVERIFY(f.expectCode(221));
        QList<ProtocolLine> trace;
        for (const DeliveryRequest &request : std::as_const(f.delivered))
            trace += request.traceDelta;
        trace += f.session()->takeTrace();
        QCOMPARE(f.delivered.size(), kMessages);
        QCOMPARE(f.received.size(), kMessages);
        for (int i = 0; i < kMessages; ++i) {
            const DeliveryRequest &request = f.delivered.at(i);
            QVERIFY(request.traceFirst >= 0);
            QVERIFY(request.traceLast < trace.size());
            QCOMPARE(trace.at(request.traceFirst).bytes,
                     "MAIL FROM:<a" + QByteArray::number(i) + "@x.test>\r\n");
            QCOMPARE(trace.at(request.traceLast).bytes,
                     "250 2.0.0 Ok: queued as " + QByteArray::number(f.received.at(i).storeId)
                         + "\r\n");
        }
    }

    void ehloOffersStartTlsAndOnlySafeAuthBeforeTls()
    {
        SmtpServerSettings settings = SessionFixture::tlsSettings();
        settings.authHandler = SessionFixture::aliceHandler();
        SessionFixture f(settings);
        QVERIFY(f.expectCode(220));
        f.client("EHLO client.test\r\n"_ba);
        const QByteArray reply = f.nextReply();
        QVERIFY(reply.contains("250-STARTTLS\r\n"));
        QVERIFY(reply.contains("AUTH CRAM-MD5\r\n"));
        QVERIFY(!reply.contains("PLAIN"));
        f.client("STARTTLS\r\n"_ba);
        QVERIFY(f.expectReply("220 2.0.0 Ready to start TLS\r\n"_ba));
        QVERIFY(f.expectReply("[*** TLS handshake ***]\r\n"_ba));
        f.client("EHLO client.test\r\n"_ba);
        const QByteArray afterTls = f.nextReply();
        QVERIFY(!afterTls.contains("STARTTLS"));
        QVERIFY(afterTls.contains("AUTH PLAIN LOGIN CRAM-MD5\r\n"));
    }

    void heloHasNoExtensionsAndNeedsAName()
    {
        SessionFixture f;
        QVERIFY(f.expectCode(220));
        f.client("HELO\r\n"_ba);
        QVERIFY(f.expectReply("501 5.5.4 Syntax: HELO hostname\r\n"_ba));
        f.client("HELO client.test\r\n"_ba);
        QVERIFY(f.expectReply("250 mx.letterbox.test Hello client.test\r\n"_ba));
        f.client("MAIL FROM:<a@b.test> SIZE=10\r\n"_ba);
        QVERIFY(f.expectReply("555 5.5.4 MAIL parameters need EHLO\r\n"_ba));
    }

    void mailNeedsHelloFirst()
    {
        SessionFixture f;
        QVERIFY(f.expectCode(220));
        f.client("MAIL FROM:<a@b.test>\r\n"_ba);
        QVERIFY(f.expectReply("503 5.5.1 Send HELO/EHLO first\r\n"_ba));
    }

    void fullTransactionStoresReceivedHeaderAndExactData()
    {
        SessionFixture f;
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<sender@example.test>\r\n"_ba);
        QVERIFY(f.expectReply("250 2.1.0 Sender <sender@example.test> OK\r\n"_ba));
        f.client("RCPT TO:<rcpt@example.test>\r\n"_ba);
        QVERIFY(f.expectReply("250 2.1.5 Recipient <rcpt@example.test> OK\r\n"_ba));
        f.client("DATA\r\n"_ba);
        QVERIFY(f.expectReply("354 End data with <CR><LF>.<CR><LF>\r\n"_ba));
        f.client("Subject: hi\r\n\r\nbody\r\n.\r\n"_ba);
        QVERIFY(f.expectReply("250 2.0.0 Ok: queued as 1\r\n"_ba));
        QCOMPARE(f.delivered.size(), 1);
        const DeliveryRequest &request = f.delivered.front();
        QCOMPARE(request.envelope.mailFrom, "sender@example.test"_ba);
        QCOMPARE(request.envelope.recipients, QList<QByteArray>{"rcpt@example.test"_ba});
        const QByteArray expected = "Received: from client.test ([192.0.2.10])\r\n"
                                    "\tby mx.letterbox.test (Letterbox) with ESMTP\r\n"
                                    "\tid <7.1@mx.letterbox.test> for <rcpt@example.test>; Sat, 28 "
                                    "Nov 2026 10:20:30 +0100\r\n"
                                    "Subject: hi\r\n\r\nbody\r\n"_ba;
        QCOMPARE(request.data->readAll(), expected);
        QCOMPARE(f.received.size(), 1);
        QCOMPARE(f.received.front().storeId, 1);
        QCOMPARE(f.received.front().size, expected.size());
    }

    void dotStuffingIsRemoved()
    {
        SessionFixture f;
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<>\r\nRCPT TO:<r@x.test>\r\nDATA\r\n"_ba);
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(354));
        f.client("..leading dot\r\n...\r\n.\r\n"_ba);
        QVERIFY(f.expectCode(250));
        QVERIFY(f.delivered.front().data->readAll().endsWith("\r\n.leading dot\r\n..\r\n"_ba));
    }

    void bareLfDoesNotEndData()
    {
        SessionFixture f;
        QVERIFY(f.greetAndEhlo());
        QVERIFY(f.openData());
        // SMTP smuggling: "\n.\n" and "\r\n.\n" must not end the message.
        f.client("one\n.\nMAIL FROM:<evil@x.test>\r\n.\nstill data\r\n"_ba);
        QVERIFY(f.expectSilence());
        f.client(".\r\n"_ba);
        QVERIFY(f.expectCode(250));
        QCOMPARE(f.delivered.size(), 1);
        QVERIFY(f.delivered.front().data->readAll().endsWith(
            "one\n.\nMAIL FROM:<evil@x.test>\r\n\nstill data\r\n"_ba));
    }

    void bareCrDoesNotEndData()
    {
        SessionFixture f;
        QVERIFY(f.greetAndEhlo());
        QVERIFY(f.openData());
        f.client("one\r.\rtwo\r\n"_ba);
        QVERIFY(f.expectSilence());
        f.client(".\r\n"_ba);
        QVERIFY(f.expectCode(250));
        QVERIFY(f.delivered.front().data->readAll().endsWith("one\r.\rtwo\r\n"_ba));
    }

    void emptyMessageIsAccepted()
    {
        SessionFixture f;
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<a@x.test>\r\nRCPT TO:<r@x.test>\r\nDATA\r\n.\r\n"_ba);
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(354));
        QVERIFY(f.expectCode(250));
        QVERIFY(f.delivered.front().data->readAll().startsWith("Received: "));
    }

    void sequenceErrorsAre503()
    {
        SessionFixture f;
        QVERIFY(f.greetAndEhlo());
        f.client("RCPT TO:<r@x.test>\r\n"_ba);
        QVERIFY(f.expectReply("503 5.5.1 Need MAIL command first\r\n"_ba));
        f.client("DATA\r\n"_ba);
        QVERIFY(f.expectReply("503 5.5.1 Need MAIL command first\r\n"_ba));
        f.client("MAIL FROM:<a@x.test>\r\n"_ba);
        QVERIFY(f.expectCode(250));
        f.client("MAIL FROM:<a@x.test>\r\n"_ba);
        QVERIFY(f.expectReply("503 5.5.1 Nested MAIL command\r\n"_ba));
        f.client("DATA\r\n"_ba);
        QVERIFY(f.expectReply("503 5.5.1 Need RCPT command first\r\n"_ba));
    }

    void dataAfterOnlyRejectedRecipientsIs554()
    {
        SmtpServerSettings settings = SessionFixture::defaultSettings();
        settings.rcptHandler = [](const QString &, const QByteArray &, const QByteArray &to) {
            return to.endsWith("@allowed.test");
        };
        SessionFixture f(settings);
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<a@x.test>\r\nRCPT TO:<r@denied.test>\r\nDATA\r\n"_ba);
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectReply("550 5.1.1 <r@denied.test>: Recipient address rejected\r\n"_ba));
        QVERIFY(f.expectReply("554 5.5.1 No valid recipients\r\n"_ba));
        f.client("RCPT TO:<r@allowed.test>\r\n"_ba);
        QVERIFY(f.expectCode(250));
    }

    void tooManyRecipientsIs452()
    {
        SessionFixture f; // maxRecipients = 3
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<a@x.test>\r\n"_ba);
        QVERIFY(f.expectCode(250));
        for (int i = 0; i < 3; ++i) {
            f.client("RCPT TO:<r" + QByteArray::number(i) + "@x.test>\r\n");
            QVERIFY(f.expectCode(250));
        }
        f.client("RCPT TO:<r4@x.test>\r\n"_ba);
        QVERIFY(f.expectReply("452 4.5.3 Too many recipients\r\n"_ba));
    }

    void sizeParameterOverLimitIs552()
    {
        SessionFixture f; // maxMessageSize = 1000
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<a@x.test> SIZE=1001\r\n"_ba);
        QVERIFY(f.expectReply("552 5.3.4 Message size exceeds fixed maximum message size\r\n"_ba));
        f.client("MAIL FROM:<a@x.test> SIZE=1000\r\n"_ba);
        QVERIFY(f.expectCode(250));
    }

    void messageOfExactlyMaximumSizeIsAccepted()
    {
        SessionFixture f;
        QVERIFY(f.greetAndEhlo());
        QVERIFY(f.openData());
        f.client(QByteArray(998, 'x') + "\r\n.\r\n");
        QVERIFY(f.expectCode(250));
    }

    void oversizedMessageIs552AndEndsTheTransaction()
    {
        SessionFixture f;
        QVERIFY(f.greetAndEhlo());
        QVERIFY(f.openData());
        f.client(QByteArray(999, 'x') + "\r\n.\r\nDATA\r\n");
        QVERIFY(f.expectReply("552 5.3.4 Message size exceeds fixed maximum message size\r\n"_ba));
        // The envelope does not survive the 552.
        QVERIFY(f.expectReply("503 5.5.1 Need MAIL command first\r\n"_ba));
        QVERIFY(f.delivered.isEmpty());
    }

    void unknownCommandIs500()
    {
        SessionFixture f;
        QVERIFY(f.expectCode(220));
        f.client("FROB x\r\n"_ba);
        QVERIFY(f.expectReply("500 5.5.2 Command unrecognized\r\n"_ba));
    }

    void overlongCommandLineIs500()
    {
        SessionFixture f;
        QVERIFY(f.expectCode(220));
        f.client("NOOP " + QByteArray(506, 'a') + "\r\n"); // 513 octets with CRLF
        QVERIFY(f.expectReply("500 5.5.2 Line too long\r\n"_ba));
        f.client("NOOP " + QByteArray(505, 'a') + "\r\n"); // 512
        QVERIFY(f.expectCode(250));
    }

    void unterminatedHugeLineIsDiscardedWithBoundedMemory()
    {
        SessionFixture f;
        QVERIFY(f.expectCode(220));
        for (int i = 0; i < 8; ++i)
            f.client(QByteArray(64 * 1024, 'a'));
        QVERIFY(f.expectSilence());
        f.client("\r\nNOOP\r\n"_ba);
        QVERIFY(f.expectReply("500 5.5.2 Line too long\r\n"_ba));
        QVERIFY(f.expectCode(250));
    }

    void endlessLineEndsTheSession()
    {
        SessionFixture f;
        QVERIFY(f.expectCode(220));
        for (int i = 0; i < 20; ++i)
            f.client(QByteArray(64 * 1024, 'a'));
        QVERIFY(
            f.expectReply("421 4.7.0 mx.letterbox.test Line too long, closing connection\r\n"_ba));
        QTRY_VERIFY(f.finished);
        QCOMPARE(f.session()->info().endReason, u"line too long"_s);
    }

    /// What is left of an AUTH line too long to keep is still part of a credential.
    void overlongAuthLineTailIsMasked()
    {
        SmtpServerSettings settings = SessionFixture::defaultSettings();
        settings.authHandler = SessionFixture::aliceHandler();
        settings.allowAuthMechanism(SaslMechanism::Type::Plain, true);
        SessionFixture f(settings);
        QVERIFY(f.greetAndEhlo());
        f.client("AUTH PLAIN " + QByteArray(SmtpCommand::kMaxAuthLine + 100, 'Q'));
        QVERIFY(f.expectSilence());
        f.client(QByteArray(100, 'Z') + "\r\n");
        QVERIFY(f.expectReply("500 5.5.2 Line too long\r\n"_ba));
        bool sawMasked = false;
        for (const ProtocolLine &line : std::as_const(f.lines)) {
            QVERIFY2(!line.bytes.contains("ZZZZ") && !line.bytes.contains("QQQQ"),
                     line.bytes.constData());
            sawMasked = sawMasked || line.bytes == "****\r\n";
        }
        QVERIFY(sawMasked);
    }

    void bareLfCommandIsRefusedNotRun()
    {
        SessionFixture f;
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<a@x.test>\n"_ba);
        QVERIFY(f.expectReply("500 5.5.2 Syntax error: line must end with CRLF\r\n"_ba));
        f.client("RCPT TO:<r@x.test>\r\n"_ba);
        QVERIFY(f.expectCode(503));
    }

    void tooManyErrorsCloseWith421()
    {
        SessionFixture f;
        QVERIFY(f.expectCode(220));
        for (int i = 0; i < 9; ++i) {
            f.client("BAD\r\n"_ba);
            QVERIFY(f.expectCode(500));
        }
        f.client("BAD\r\n"_ba);
        QVERIFY(f.expectCode(500));
        QVERIFY(f.expectReply(
            "421 4.7.0 mx.letterbox.test Too many errors, closing connection\r\n"_ba));
        QTRY_VERIFY(f.finished);
        QCOMPARE(f.session()->info().endReason, u"too many errors"_s);
    }

    void pipelinedCommandsAreAnsweredInOrder()
    {
        SessionFixture f;
        QVERIFY(f.expectCode(220));
        f.client("EHLO c.test\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<r1@x.test>\r\nRCPT TO:<bad>\r\n"
                 "RCPT TO:<r2@x.test>\r\nDATA\r\nline\r\n.\r\nNOOP\r\nQUIT\r\n"_ba);
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(501));
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(354));
        QVERIFY(f.expectReply("250 2.0.0 Ok: queued as 1\r\n"_ba));
        QVERIFY(f.expectReply("250 2.0.0 Ok\r\n"_ba));
        QVERIFY(f.expectCode(221));
        QCOMPARE(f.delivered.front().envelope.recipients.size(), 2);
    }

    void commandsAfterDataWaitForTheCommit()
    {
        SessionFixture f;
        f.holdDeliveries = true;
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<a@x.test>\r\nRCPT TO:<r@x.test>\r\nDATA\r\nx\r\n.\r\nNOOP\r\n"_ba);
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(354));
        QVERIFY(f.expectSilence()); // not committed: no 250, and NOOP waits
        QVERIFY(f.session()->state() == SessionState::Delivering);
        f.completePending();
        QVERIFY(f.expectReply("250 2.0.0 Ok: queued as 1\r\n"_ba));
        QVERIFY(f.expectReply("250 2.0.0 Ok\r\n"_ba));
    }

    void shutdownWhileCommittingAnswers250Then421()
    {
        SessionFixture f;
        QVERIFY(sendMessageHeldForTheCommit(f));
        f.session()->shutdown();
        QVERIFY(f.expectSilence()); // no 421 before the client knows what became of its message
        QVERIFY(!f.closeRequested);
        f.completePending();
        QVERIFY(f.expectReply("250 2.0.0 Ok: queued as 1\r\n"_ba));
        QVERIFY(f.expectReply("421 4.3.2 mx.letterbox.test Service shutting down\r\n"_ba));
        QTRY_VERIFY(f.finished);
        QCOMPARE(f.received.size(), 1);
        QCOMPARE(f.session()->info().endReason, u"server shutting down"_s);
    }

    void shutdownThenClientGoneWhileCommittingStillReportsMessage()
    {
        SessionFixture f;
        QVERIFY(sendMessageHeldForTheCommit(f));
        f.session()->shutdown();
        f.session()->transportClosed();
        QVERIFY(!f.finished); // the commit is still outstanding
        f.completePending();
        QTRY_VERIFY(f.finished);
        QCOMPARE(f.received.size(), 1);
        QVERIFY(f.expectSilence()); // the transport is gone: nothing more is written
    }

    void unreadRepliesStopTheReadingOfCommands()
    {
        // RFC 2920 3.1: a client that pipelines without reading its replies is not read either
        // once kMaxUnsentReplyBytes are waiting; memory stays bounded however much it sends.
        SessionFixture f;
        QVERIFY(f.greetAndEhlo());
        f.device()->setPeerReading(false);
        constexpr int kCommands = 20000;
        QByteArray commands;
        for (int i = 0; i < kCommands; ++i)
            commands += "NOOP\r\n";
        f.client(commands);
        QTRY_VERIFY(f.device()->bytesToWrite() > SessionOutput::kMaxUnsentBytes);
        const qint64 stalled = f.device()->bytesToWrite();
        QVERIFY(f.expectSilence());
        QCOMPARE(f.device()->bytesToWrite(), stalled);
        // Stopped at the limit (plus the one reply that crossed it), with commands left unread.
        QVERIFY(f.device()->peakUnsent() <= SessionOutput::kMaxUnsentBytes + 64);
        QVERIFY(f.device()->bytesAvailable() > 0);
        // Each time the client takes what is waiting, the session goes on, until all is answered.
        const QByteArray reply = "250 2.0.0 Ok\r\n"_ba;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                f.device()->setPeerReading(true);
                f.device()->setPeerReading(false);
                return f.device()->written().count(reply) == kCommands;
            }(),
            10000);
        QVERIFY(f.device()->peakUnsent() <= SessionOutput::kMaxUnsentBytes + 64);
        QVERIFY(!f.finished);
    }

    void traceCapCountsTheCostOfEachLine()
    {
        SessionFixture f;
        QVERIFY(f.greetAndEhlo());
        constexpr int kCommands = 100000;
        QByteArray commands;
        for (int i = 0; i < kCommands; ++i)
            commands += "NOOP\r\n";
        f.client(commands);
        QTRY_COMPARE_WITH_TIMEOUT(f.device()->written().count("250 2.0.0 Ok\r\n"), kCommands,
                                  20000);
        const QList<ProtocolLine> trace = f.session()->takeTrace();
        qsizetype cost = 0;
        for (const ProtocolLine &line : trace)
            cost += line.bytes.size() + SessionTrace::kLineOverhead;
        // Every line counted with its overhead stays within the cap; the note marks the cut.
        QVERIFY2(cost <= SessionTrace::kMaxBytes + 2 * SessionTrace::kLineOverhead,
                 qPrintable(QString::number(cost)));
        QCOMPARE(trace.back().bytes, "trace limit reached; further lines are not stored"_ba);
    }

    void traceIsHandedOverAsItGrows()
    {
        SessionFixture f(SessionFixture::defaultSettings(), false, true);
        QVERIFY(f.greetAndEhlo());
        constexpr int kCommands = 100000;
        QByteArray commands;
        for (int i = 0; i < kCommands; ++i)
            commands += "NOOP\r\n";
        f.client(commands);
        QTRY_COMPARE_WITH_TIMEOUT(f.device()->written().count("250 2.0.0 Ok\r\n"), kCommands,
                                  20000);
        QVERIFY(f.flushedTraces.size() > 1);
        qsizetype total = 0;
        for (const QList<ProtocolLine> &chunk : std::as_const(f.flushedTraces)) {
            qsizetype cost = 0;
            for (const ProtocolLine &line : chunk)
                cost += line.bytes.size() + SessionTrace::kLineOverhead;
            // Never more than a flush's worth (and the line that crossed it) in memory.
            QVERIFY(cost <= SessionTrace::kFlushBytes + 2 * SessionTrace::kLineOverhead);
            total += cost;
        }
        // The whole trace stays within the session's cap, and says where it was cut.
        const QList<ProtocolLine> rest = f.session()->takeTrace();
        for (const ProtocolLine &line : rest)
            total += line.bytes.size() + SessionTrace::kLineOverhead;
        QVERIFY(total <= SessionTrace::kMaxBytes + 2 * SessionTrace::kLineOverhead);
        QCOMPARE(rest.back().bytes, "trace limit reached; further lines are not stored"_ba);
    }

    void fullTraceBacklogStopsTheReadingOfCommands()
    {
        // Trace handed to the store counts against a backlog shared by every session. While
        // the store is behind, a session reads no more commands (each adds trace), so a hundred
        // clients that pipeline without pause cannot queue their traces all at once; once the
        // store catches up, the session goes on where it stopped.
        TraceBacklog backlog(64 * 1024);
        SessionFixture f(SessionFixture::defaultSettings(), false, true, &backlog);
        QVERIFY(f.greetAndEhlo());
        constexpr int kCommands = 20000;
        QByteArray commands;
        for (int i = 0; i < kCommands; ++i)
            commands += "NOOP\r\n";
        f.client(commands);
        const QByteArray reply = "250 2.0.0 Ok\r\n"_ba;
        QTRY_VERIFY(backlog.bytes() > backlog.maxBytes());
        const qsizetype answered = f.device()->written().count(reply);
        QVERIFY2(answered < kCommands / 10, qPrintable(QString::number(answered)));
        // Over the limit by at most the piece that crossed it.
        QVERIFY(backlog.bytes() <= backlog.maxBytes() + SessionTrace::kFlushBytes
                                       + 2 * SessionTrace::kLineOverhead);
        // Whatever is queued in the session's thread runs, and it still reads nothing.
        for (int round = 0; round < 5; ++round)
            QCoreApplication::sendPostedEvents();
        QCOMPARE(f.device()->written().count(reply), answered);
        QVERIFY(!f.finished);
        // Each time the store writes what is queued, the session goes on, until all is answered.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                f.releaseTrace();
                return f.device()->written().count(reply) == kCommands;
            }(),
            10000);
        QVERIFY(!f.finished);
    }

    void slowCommandLineTimesOutWhateverTheTrickle()
    {
        // One byte at a time, each well within the timeout, never completing a command: the
        // deadline runs from the moment the session was ready for the command.
        SmtpServerSettings settings = SessionFixture::defaultSettings();
        settings.idleTimeout = std::chrono::milliseconds(300);
        SessionFixture f(settings);
        QVERIFY(f.expectCode(220));
        QTimer drip;
        drip.setInterval(40);
        QObject::connect(&drip, &QTimer::timeout, &f, [&f] { f.client("N"_ba); });
        drip.start();
        QVERIFY(f.expectReply("421 4.4.2 mx.letterbox.test Error: timeout exceeded\r\n"_ba));
        QTRY_VERIFY(f.finished);
        QCOMPARE(f.session()->info().endReason, u"timeout"_s);
    }

    void slowDataTimesOut()
    {
        SmtpServerSettings settings = SessionFixture::defaultSettings();
        settings.idleTimeout = std::chrono::milliseconds(300);
        settings.maxMessageSize = 1024 * 1024;
        SessionFixture f(settings);
        QVERIFY(f.greetAndEhlo());
        QVERIFY(f.openData());
        QTimer drip;
        drip.setInterval(40);
        QObject::connect(&drip, &QTimer::timeout, &f, [&f] { f.client("x"_ba); });
        drip.start();
        QVERIFY(f.expectReply("421 4.4.2 mx.letterbox.test Error: timeout exceeded\r\n"_ba));
        QTRY_VERIFY(f.finished);
        QVERIFY(f.delivered.isEmpty());
    }

    void dataFlowingAtAUsefulRateTakesAsLongAsItNeeds()
    {
        SmtpServerSettings settings = SessionFixture::defaultSettings();
        settings.idleTimeout = std::chrono::milliseconds(300);
        settings.maxMessageSize = 1024 * 1024;
        SessionFixture f(settings);
        QVERIFY(f.greetAndEhlo());
        QVERIFY(f.openData());
        // 15 chunks 100 ms apart: 1.5 s in all, five times the timeout, each chunk renewing it.
        int chunks = 0;
        QTimer sender;
        sender.setInterval(100);
        QObject::connect(&sender, &QTimer::timeout, &f, [&] {
            if (++chunks <= 15) {
                f.client(QByteArray(SmtpSession::kMinDataProgressBytes, 'a') + "\r\n");
                return;
            }
            sender.stop();
            f.client(".\r\n"_ba);
        });
        sender.start();
        QVERIFY(f.expectReply("250 2.0.0 Ok: queued as 1\r\n"_ba));
        QVERIFY(!f.finished);
    }

    void failedCommitIs451()
    {
        SessionFixture f;
        f.failDeliveries = true;
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<a@x.test>\r\nRCPT TO:<r@x.test>\r\nDATA\r\nx\r\n.\r\n"_ba);
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(354));
        QVERIFY(f.expectReply("451 4.3.0 Local error: message not stored, try again later\r\n"_ba));
        QVERIFY(f.received.isEmpty());
    }

    void clientGoneWhileCommittingStillReportsMessage()
    {
        SessionFixture f;
        QVERIFY(sendMessageHeldForTheCommit(f));
        f.session()->transportClosed();
        QVERIFY(!f.finished);
        f.completePending();
        QTRY_VERIFY(f.finished);
        QCOMPARE(f.received.size(), 1);
    }

    void starttlsDiscardsPipelinedPlaintext()
    {
        SessionFixture f(SessionFixture::tlsSettings());
        QVERIFY(f.greetAndEhlo());
        f.client("STARTTLS\r\nMAIL FROM:<injected@x.test>\r\n"_ba);
        QVERIFY(f.expectReply("220 2.0.0 Ready to start TLS\r\n"_ba));
        QVERIFY(f.expectReply("[*** TLS handshake ***]\r\n"_ba));
        QVERIFY(f.expectSilence()); // the injected MAIL was never answered
        QCOMPARE(f.handshakes, 1);
        // State was reset: EHLO is needed again, and no transaction exists.
        f.client("MAIL FROM:<a@x.test>\r\n"_ba);
        QVERIFY(f.expectReply("503 5.5.1 Send HELO/EHLO first\r\n"_ba));
    }

    void starttlsTwiceIs503()
    {
        SessionFixture f(SessionFixture::tlsSettings());
        QVERIFY(f.greetAndEhlo());
        f.client("STARTTLS\r\n"_ba);
        QVERIFY(f.expectCode(220));
        QVERIFY(f.expectReply("[*** TLS handshake ***]\r\n"_ba));
        f.client("EHLO c.test\r\n"_ba);
        QVERIFY(f.expectCode(250));
        f.client("STARTTLS\r\n"_ba);
        QVERIFY(f.expectReply("503 5.5.1 TLS already active\r\n"_ba));
    }

    void starttlsWithoutTlsConfiguredIs502()
    {
        SessionFixture f;
        QVERIFY(f.greetAndEhlo());
        f.client("STARTTLS\r\n"_ba);
        QVERIFY(f.expectReply("502 5.5.1 STARTTLS not available\r\n"_ba));
    }

    void failedHandshakeClosesWithoutPlaintextFallback()
    {
        SessionFixture f(SessionFixture::tlsSettings());
        f.failHandshake = true;
        QVERIFY(f.greetAndEhlo());
        f.client("STARTTLS\r\n"_ba);
        QVERIFY(f.expectCode(220));
        QVERIFY(f.expectReply("[*** TLS handshake ***]\r\n"_ba));
        QTRY_VERIFY(f.finished);
        QVERIFY(f.closeRequested);
        f.client("MAIL FROM:<a@x.test>\r\n"_ba);
        QVERIFY(f.expectSilence());
    }

    void implicitTlsGreetsAfterHandshake()
    {
        SessionFixture f(SessionFixture::tlsSettings(), true);
        QVERIFY(f.expectReply("[*** TLS handshake ***]\r\n"_ba));
        QVERIFY(f.expectReply("220 mx.letterbox.test ESMTP Letterbox\r\n"_ba));
        f.client("EHLO c.test\r\n"_ba);
        QVERIFY(!f.nextReply().contains("STARTTLS"));
    }

    void requireTlsAllowsOnlyNoopEhloStarttlsQuit()
    {
        SmtpServerSettings settings = SessionFixture::tlsSettings();
        settings.requireTls = true;
        settings.authHandler = SessionFixture::aliceHandler();
        SessionFixture f(settings);
        QVERIFY(f.expectCode(220));
        f.client("HELO c.test\r\n"_ba);
        QVERIFY(f.expectReply("530 5.7.0 Must issue a STARTTLS command first\r\n"_ba));
        f.client("NOOP\r\n"_ba);
        QVERIFY(f.expectCode(250));
        f.client("EHLO c.test\r\n"_ba);
        QVERIFY(!f.nextReply().contains("AUTH")); // AUTH is unusable before TLS here
        f.client("MAIL FROM:<a@x.test>\r\n"_ba);
        QVERIFY(f.expectReply("530 5.7.0 Must issue a STARTTLS command first\r\n"_ba));
        f.client("AUTH CRAM-MD5\r\n"_ba);
        QVERIFY(f.expectReply("530 5.7.0 Must issue a STARTTLS command first\r\n"_ba));
        f.client("STARTTLS\r\n"_ba);
        QVERIFY(f.expectCode(220));
        QVERIFY(f.expectReply("[*** TLS handshake ***]\r\n"_ba));
        f.client("EHLO c.test\r\nMAIL FROM:<a@x.test>\r\n"_ba);
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(250));
    }

    void requireAuthAllowsOnlyAuthEhloHeloNoopRsetQuit()
    {
        SmtpServerSettings settings = SessionFixture::defaultSettings();
        settings.authHandler = SessionFixture::aliceHandler();
        settings.authRequired = true;
        settings.allowAuthMechanism(SaslMechanism::Type::Plain, true);
        SessionFixture f(settings);
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<a@x.test>\r\n"_ba);
        QVERIFY(f.expectReply("530 5.7.0 Authentication required\r\n"_ba));
        f.client("RSET\r\nNOOP\r\nHELO c.test\r\nEHLO c.test\r\n"_ba);
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(250));
        f.client("AUTH PLAIN " + b64("\0alice\0secret"_ba) + "\r\n");
        QVERIFY(f.expectReply("235 2.7.0 Authentication successful\r\n"_ba));
        f.client("MAIL FROM:<a@x.test>\r\n"_ba);
        QVERIFY(f.expectCode(250));
    }

    void authPlainRefusedBeforeTls()
    {
        SmtpServerSettings settings = SessionFixture::tlsSettings();
        settings.authHandler = SessionFixture::aliceHandler();
        SessionFixture f(settings);
        QVERIFY(f.greetAndEhlo());
        f.client("AUTH PLAIN " + b64("\0alice\0secret"_ba) + "\r\n");
        QVERIFY(f.expectReply(
            "538 5.7.11 Encryption required for requested authentication mechanism\r\n"_ba));
        f.client("AUTH LOGIN\r\n"_ba);
        QVERIFY(f.expectCode(538));
        QVERIFY(f.authAttempts.isEmpty());
    }

    void authPlainAfterTlsWithInitialResponse()
    {
        SmtpServerSettings settings = SessionFixture::tlsSettings();
        settings.authHandler = SessionFixture::aliceHandler();
        SessionFixture f(settings);
        QVERIFY(f.greetAndEhlo());
        f.client("STARTTLS\r\n"_ba);
        QVERIFY(f.expectCode(220));
        QVERIFY(f.expectReply("[*** TLS handshake ***]\r\n"_ba));
        f.client("EHLO c.test\r\nAUTH PLAIN " + b64("\0alice\0secret"_ba) + "\r\n");
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectReply("235 2.7.0 Authentication successful\r\n"_ba));
        QCOMPARE(f.authAttempts.size(), 1);
        QVERIFY(f.authAttempts.front().success);
        QCOMPARE(f.authAttempts.front().mechanism, u"PLAIN"_s);
        QCOMPARE(f.authAttempts.front().user, u"alice"_s);
        QCOMPARE(f.session()->info().authUser, u"alice"_s);
        f.client("AUTH PLAIN " + b64("\0alice\0secret"_ba) + "\r\n");
        QVERIFY(f.expectReply("503 5.5.1 Already authenticated\r\n"_ba));
    }

    void authPlainWithEmptyChallenge()
    {
        SmtpServerSettings settings = SessionFixture::defaultSettings();
        settings.authHandler = SessionFixture::aliceHandler();
        settings.allowAuthMechanism(SaslMechanism::Type::Plain, true);
        SessionFixture f(settings);
        QVERIFY(f.greetAndEhlo());
        f.client("AUTH PLAIN\r\n"_ba);
        QVERIFY(f.expectReply("334 \r\n"_ba));
        f.client(b64("\0alice\0wrong"_ba) + "\r\n");
        QVERIFY(f.expectReply("535 5.7.8 Authentication credentials invalid\r\n"_ba));
        QCOMPARE(f.authAttempts.size(), 1);
        QVERIFY(!f.authAttempts.front().success);
    }

    void authLoginExchange()
    {
        SmtpServerSettings settings = SessionFixture::defaultSettings();
        settings.authHandler = SessionFixture::aliceHandler();
        settings.allowAuthMechanism(SaslMechanism::Type::Login, true);
        SessionFixture f(settings);
        QVERIFY(f.greetAndEhlo());
        f.client("AUTH LOGIN\r\n"_ba);
        QVERIFY(f.expectReply("334 VXNlcm5hbWU6\r\n"_ba));
        f.client(b64("alice"_ba) + "\r\n");
        QVERIFY(f.expectReply("334 UGFzc3dvcmQ6\r\n"_ba));
        f.client(b64("secret"_ba) + "\r\n");
        QVERIFY(f.expectReply("235 2.7.0 Authentication successful\r\n"_ba));
    }

    void authCramMd5Exchange()
    {
        SmtpServerSettings settings = SessionFixture::defaultSettings();
        settings.authHandler = SessionFixture::aliceHandler();
        SessionFixture f(settings);
        QVERIFY(f.greetAndEhlo());
        f.client("AUTH CRAM-MD5\r\n"_ba);
        const QByteArray reply = f.nextReply();
        QVERIFY(reply.startsWith("334 "));
        const QByteArray challenge = QByteArray::fromBase64(reply.mid(4).trimmed());
        QVERIFY(challenge.startsWith('<') && challenge.endsWith("@mx.letterbox.test>"));
        f.client(b64("alice " + CramMd5::digest(challenge, "secret")) + "\r\n");
        QVERIFY(f.expectReply("235 2.7.0 Authentication successful\r\n"_ba));
    }

    void authCancelIs501()
    {
        SmtpServerSettings settings = SessionFixture::defaultSettings();
        settings.authHandler = SessionFixture::aliceHandler();
        SessionFixture f(settings);
        QVERIFY(f.greetAndEhlo());
        f.client("AUTH CRAM-MD5\r\n"_ba);
        QVERIFY(f.expectCode(334));
        f.client("*\r\n"_ba);
        QVERIFY(f.expectReply("501 5.0.0 Authentication cancelled\r\n"_ba));
        f.client("NOOP\r\n"_ba);
        QVERIFY(f.expectCode(250));
    }

    void authBadBase64Is501()
    {
        SmtpServerSettings settings = SessionFixture::defaultSettings();
        settings.authHandler = SessionFixture::aliceHandler();
        settings.allowAuthMechanism(SaslMechanism::Type::Plain, true);
        SessionFixture f(settings);
        QVERIFY(f.greetAndEhlo());
        f.client("AUTH PLAIN !!!notbase64\r\n"_ba);
        QVERIFY(f.expectReply("501 5.5.2 Cannot decode initial response\r\n"_ba));
    }

    void authUnknownMechanismIs504()
    {
        SmtpServerSettings settings = SessionFixture::defaultSettings();
        settings.authHandler = SessionFixture::aliceHandler();
        SessionFixture f(settings);
        QVERIFY(f.greetAndEhlo());
        f.client("AUTH GSSAPI\r\n"_ba);
        QVERIFY(f.expectReply("504 5.5.4 Unrecognized authentication type\r\n"_ba));
    }

    void authNotConfiguredIs502()
    {
        SessionFixture f;
        QVERIFY(f.greetAndEhlo());
        f.client("AUTH PLAIN\r\n"_ba);
        QVERIFY(f.expectReply("502 5.5.1 AUTH not available\r\n"_ba));
    }

    void credentialsAreMaskedInTheTrace()
    {
        SmtpServerSettings settings = SessionFixture::defaultSettings();
        settings.authHandler = SessionFixture::aliceHandler();
        settings.allowAuthMechanism(SaslMechanism::Type::Plain, true);
        settings.allowAuthMechanism(SaslMechanism::Type::Login, true);
        QByteArray debugged;
        settings.debugHandler = [&debugged](const QString &, const QString &,
                                            const QByteArray &text) {
            debugged += text;
        };
        SessionFixture f(settings);
        QVERIFY(f.greetAndEhlo());
        const QByteArray secretPlain = b64("\0alice\0secret"_ba);
        f.client("AUTH PLAIN " + secretPlain + "\r\n");
        QVERIFY(f.expectCode(235));
        SessionFixture g(settings);
        QVERIFY(g.greetAndEhlo());
        g.client("AUTH LOGIN\r\n"_ba);
        QVERIFY(g.expectCode(334));
        g.client(b64("alice"_ba) + "\r\n");
        QVERIFY(g.expectCode(334));
        g.client(b64("secret"_ba) + "\r\n");
        QVERIFY(g.expectCode(235));
        for (const QList<ProtocolLine> &lines : {f.lines, g.lines}) {
            for (const ProtocolLine &line : lines) {
                QVERIFY2(!line.bytes.contains(secretPlain), line.bytes.constData());
                QVERIFY2(!line.bytes.contains(b64("secret"_ba)), line.bytes.constData());
            }
        }
        QVERIFY(!debugged.contains(secretPlain));
        QVERIFY(debugged.contains("AUTH PLAIN ****"));
    }

    void credentialLinesAreMaskedUnlessRevealed_data()
    {
        QTest::addColumn<AuthScript>("script");
        QTest::addColumn<bool>("reveal");
        const std::pair<const char *, AuthScript> scripts[] = {
            {"PLAIN initial response", AuthScript::PlainInitial},
            {"PLAIN continuation", AuthScript::PlainContinuation},
            {"LOGIN", AuthScript::Login},
            {"CRAM-MD5", AuthScript::CramMd5},
        };
        for (const auto &[name, script] : scripts) {
            QTest::addRow("%s, masked", name) << script << false;
            QTest::addRow("%s, revealed", name) << script << true;
        }
    }

    /// With revealCredentials off nothing shows a credential; with it on the live line carries
    /// the clear text beside the masked bytes, and the trace for the store stays masked.
    void credentialLinesAreMaskedUnlessRevealed()
    {
        QFETCH(AuthScript, script);
        QFETCH(bool, reveal);
        const AuthRun run = runAuth(script, reveal);
        QVERIFY(run.complete);
        QList<QByteArray> secrets{"secret"_ba, b64("secret"_ba), b64("\0alice\0secret"_ba)};
        if (script == AuthScript::CramMd5)
            secrets = {run.digest, run.cramResponse};

        QByteArray revealed;
        for (const ProtocolLine &line : run.lines) {
            for (const QByteArray &secret : std::as_const(secrets))
                QVERIFY2(!line.bytes.contains(secret), line.bytes.constData());
            if (!line.revealedBytes.isEmpty()) {
                QVERIFY(line.direction == Direction::ClientToServer);
                QVERIFY2(line.bytes.endsWith("****\r\n"), line.bytes.constData());
                revealed += line.revealedBytes + '\n';
            }
        }
        for (const ProtocolLine &line : run.trace) {
            QVERIFY(line.revealedBytes.isEmpty());
            for (const QByteArray &secret : std::as_const(secrets))
                QVERIFY2(!line.bytes.contains(secret), line.bytes.constData());
        }
        if (!reveal) {
            QCOMPARE(revealed, QByteArray());
            for (const QByteArray &secret : std::as_const(secrets))
                QVERIFY2(!run.debugged.contains(secret), run.debugged.constData());
            QVERIFY(run.debugged.contains("****\r\n"));
            return;
        }
        const QByteArray plain = b64("\0alice\0secret"_ba);
        const QByteArray plainDecoded = "  [authzid \"\", user \"alice\", password \"secret\"]\n";
        QByteArray expected;
        QByteArray sentLine; // what the debug hook gets in the clear
        switch (script) {
        case AuthScript::PlainInitial:
            expected = "AUTH PLAIN " + plain + plainDecoded;
            sentLine = "AUTH PLAIN " + plain + "\r\n";
            break;
        case AuthScript::PlainContinuation:
            expected = plain + plainDecoded;
            sentLine = plain + "\r\n";
            break;
        case AuthScript::Login:
            expected = b64("alice"_ba) + "  [user \"alice\"]\n" + b64("secret"_ba)
                       + "  [password \"secret\"]\n";
            sentLine = b64("secret"_ba) + "\r\n";
            break;
        case AuthScript::CramMd5:
            expected = run.cramResponse + "  [user \"alice\", digest \"" + run.digest + "\"]\n";
            sentLine = run.cramResponse + "\r\n";
            break;
        }
        QCOMPARE(revealed, expected);
        QVERIFY2(run.debugged.contains(sentLine), run.debugged.constData());
    }

    /// A line the parser refuses is masked all the same, and odd bytes in a revealed value
    /// are escaped rather than shown raw.
    void malformedAuthLinesAreMaskedAndEscaped()
    {
        SmtpServerSettings settings = SessionFixture::defaultSettings();
        settings.authHandler = SessionFixture::aliceHandler();
        settings.allowAuthMechanism(SaslMechanism::Type::Plain, true);
        settings.revealCredentials = true;
        SessionFixture f(settings);
        QVERIFY(f.greetAndEhlo());
        f.client("AUTH PLAIN c2VjcmV0 c2VjcmV0\r\n"_ba);
        QVERIFY(f.expectCode(501));
        f.client("AUTH PLAIN " + b64("\0al\"ice\0se\r\ncret\\"_ba) + "\r\n");
        QVERIFY(f.expectCode(535));
        f.client("AUTH PLAIN !!!\r\n"_ba);
        QVERIFY(f.expectCode(501));
        QList<ProtocolLine> credentials;
        for (const ProtocolLine &line : std::as_const(f.lines)) {
            QVERIFY2(!line.bytes.contains("c2VjcmV0"), line.bytes.constData());
            if (!line.revealedBytes.isEmpty())
                credentials.append(line);
        }
        QCOMPARE(credentials.size(), 3);
        QCOMPARE(credentials.at(0).bytes, "AUTH PLAIN ****\r\n"_ba);
        QCOMPARE(credentials.at(0).revealedBytes, "AUTH PLAIN c2VjcmV0 c2VjcmV0"_ba);
        QVERIFY2(credentials.at(1).revealedBytes.endsWith(
                     "  [authzid \"\", user \"al\\\"ice\", password \"se\\x0d\\x0acret\\\\\"]"),
                 credentials.at(1).revealedBytes.constData());
        QCOMPARE(credentials.at(2).revealedBytes, "AUTH PLAIN !!!  [not base64]"_ba);
    }

    void smtpUtf8AddressesNeedTheParameter()
    {
        SessionFixture f;
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<j\xc3\xb6rg@b\xc3\xbc\x63her.test>\r\n"_ba);
        QVERIFY(f.expectReply("553 5.6.7 Non-ASCII address requires SMTPUTF8\r\n"_ba));
        f.client(
            "MAIL FROM:<j\xc3\xb6rg@b\xc3\xbc\x63her.test> SMTPUTF8\r\nRCPT TO:<\xc3\xa9@x.test>\r\nDATA\r\nx\r\n.\r\n"_ba);
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(354));
        QVERIFY(f.expectCode(250));
        QVERIFY(f.delivered.front().envelope.smtpUtf8);
        QVERIFY(f.delivered.front().data->readAll().contains(" with UTF8SMTP\r\n"));
    }

    void unknownMailParameterIs555()
    {
        SessionFixture f;
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:<a@x.test> RET=FULL\r\n"_ba);
        QVERIFY(f.expectReply("555 5.5.4 Unsupported parameter RET\r\n"_ba));
        f.client("MAIL FROM:<a@x.test> BODY=8BITMIME\r\n"_ba);
        QVERIFY(f.expectCode(250));
    }

    void badAddressSyntaxIs501WithAddressStatus()
    {
        SessionFixture f;
        QVERIFY(f.greetAndEhlo());
        f.client("MAIL FROM:a@x.test\r\n"_ba);
        QVERIFY(f.expectReply("501 5.1.7 Syntax error: address must be in angle brackets\r\n"_ba));
        f.client("MAIL FROM:<a@x.test>\r\nRCPT TO:<a@@x>\r\n"_ba);
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectReply("501 5.1.3 Syntax error in mailbox address\r\n"_ba));
    }

    /// The reply to a refused command line follows SmtpCommand::Status, never the error text:
    /// BadAddress is 5.1.7 for MAIL and 5.1.3 for RCPT (RFC 3463), other syntax errors 5.5.4.
    void refusedCommandReplyFollowsParseStatus_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QByteArray>("reply");
        QTest::addRow("mail-without-brackets")
            << "MAIL FROM:a@x.test\r\n"_ba
            << "501 5.1.7 Syntax error: address must be in angle brackets\r\n"_ba;
        QTest::addRow("mail-without-from")
            << "MAIL TO:<a@x.test>\r\n"_ba
            << "501 5.1.7 Syntax: MAIL FROM:<address> [parameters]\r\n"_ba;
        QTest::addRow("mail-bad-mailbox") << "MAIL FROM:<a@@x.test>\r\n"_ba
                                          << "501 5.1.7 Syntax error in mailbox address\r\n"_ba;
        QTest::addRow("mail-missing-close-bracket") << "MAIL FROM:<a@x.test\r\n"_ba
                                                    << "501 5.5.4 Syntax error: missing '>'\r\n"_ba;
        QTest::addRow("rcpt-bad-mailbox") << "RCPT TO:<a@@x>\r\n"_ba
                                          << "501 5.1.3 Syntax error in mailbox address\r\n"_ba;
        QTest::addRow("rcpt-without-to") << "RCPT FROM:<a@x.test>\r\n"_ba
                                         << "501 5.1.3 Syntax: RCPT TO:<address>\r\n"_ba;
        QTest::addRow("rcpt-empty") << "RCPT TO:<>\r\n"_ba
                                    << "501 5.1.3 Syntax error: empty address\r\n"_ba;
        QTest::addRow("rcpt-parameter") << "RCPT TO:<a@x.test> NOTIFY=NEVER\r\n"_ba
                                        << "555 5.5.4 RCPT parameters are not supported\r\n"_ba;
        QTest::addRow("helo-without-name") << "HELO\r\n"_ba
                                           << "501 5.5.4 Syntax: HELO hostname\r\n"_ba;
        QTest::addRow("unknown-verb") << "FOO\r\n"_ba
                                      << "500 5.5.2 Command unrecognized\r\n"_ba;
    }
    void refusedCommandReplyFollowsParseStatus()
    {
        QFETCH(QByteArray, line);
        QFETCH(QByteArray, reply);
        SessionFixture f;
        QVERIFY(f.greetAndEhlo());
        if (line.startsWith("RCPT")) {
            f.client("MAIL FROM:<a@x.test>\r\n"_ba);
            QVERIFY(f.expectCode(250));
        }
        f.client(line);
        QVERIFY(f.expectReply(reply));
    }

    void vrfyHelpNoopRsetQuit()
    {
        SessionFixture f;
        QVERIFY(f.greetAndEhlo());
        f.client("VRFY alice\r\n"_ba);
        QVERIFY(f.expectReply(
            "252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery\r\n"_ba));
        f.client("HELP\r\n"_ba);
        // Neither TLS nor AUTH is configured here, so HELP does not offer them.
        QVERIFY(f.expectReply(
            "214 2.0.0 Commands: HELO EHLO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP\r\n"_ba));
        f.client("MAIL FROM:<a@x.test>\r\nRSET\r\nRCPT TO:<r@x.test>\r\n"_ba);
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectReply("250 2.0.0 Ok\r\n"_ba));
        QVERIFY(f.expectCode(503));
        f.client("QUIT\r\n"_ba);
        QVERIFY(f.expectReply("221 2.0.0 mx.letterbox.test Bye\r\n"_ba));
        QTRY_VERIFY(f.finished);
        QCOMPARE(f.session()->info().endReason, u"quit"_s);
    }

    /// HELP offers STARTTLS and AUTH only where EHLO would.
    void helpListsWhatTheSessionOffers()
    {
        SmtpServerSettings settings = SessionFixture::tlsSettings();
        settings.authHandler = SessionFixture::aliceHandler();
        SessionFixture f(settings);
        QVERIFY(f.greetAndEhlo());
        f.client("HELP\r\n"_ba);
        QVERIFY(
            f.expectReply("214 2.0.0 Commands: HELO EHLO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP "
                          "STARTTLS AUTH\r\n"_ba));
    }

    void idleTimeoutIs421()
    {
        SmtpServerSettings settings = SessionFixture::defaultSettings();
        settings.idleTimeout = std::chrono::milliseconds(200);
        SessionFixture f(settings);
        QVERIFY(f.expectCode(220));
        QVERIFY(f.expectReply("421 4.4.2 mx.letterbox.test Error: timeout exceeded\r\n"_ba));
        QTRY_VERIFY(f.finished);
        QCOMPARE(f.session()->info().endReason, u"timeout"_s);
    }

    void receivedHeaderSaysEsmtpsaAfterTlsAndAuth()
    {
        SmtpServerSettings settings = SessionFixture::tlsSettings();
        settings.authHandler = SessionFixture::aliceHandler();
        SessionFixture f(settings);
        QVERIFY(f.greetAndEhlo());
        f.client("STARTTLS\r\n"_ba);
        QVERIFY(f.expectCode(220));
        QVERIFY(f.expectReply("[*** TLS handshake ***]\r\n"_ba));
        f.client("EHLO c.test\r\nAUTH PLAIN " + b64("\0alice\0secret"_ba)
                 + "\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<r@x.test>\r\nRCPT "
                   "TO:<s@x.test>\r\nDATA\r\nx\r\n.\r\n");
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(235));
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(250));
        QVERIFY(f.expectCode(354));
        QVERIFY(f.expectCode(250));
        const QByteArray stored = f.delivered.front().data->readAll();
        QVERIFY(stored.startsWith(
            "Received: from c.test ([192.0.2.10])\r\n"
            "\tby mx.letterbox.test (Letterbox) with ESMTPSA (TLSv1.3 TLS_AES_128_GCM_SHA256)\r\n"
            "\tid <7.1@mx.letterbox.test>; "));
        QCOMPARE(f.received.front().authUser, u"alice"_s);
        QVERIFY(f.received.front().tls);
    }
};

QTEST_GUILESS_MAIN(TestSmtpSession)
#include "tst_smtpsession.moc"
