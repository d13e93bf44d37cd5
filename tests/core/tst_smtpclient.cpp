// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "duplextestdevice.h"
#include "relay/dotstuffer.h"
#include "relay/remotereply.h"
#include "relay/serverextensions.h"
#include "relay/smtpclient.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

/// The TLS seam of a test: records the call; the test reports the outcome.
class RecordingTls final : public ClientTlsUpgrade
{
public:
    void startClientHandshake() override { ++calls; }
    int calls = 0;
};

/// A client over an in-memory device, and the server's side of the conversation.
struct Dialogue
{
    DuplexTestDevice device;
    RecordingTls tls;
    std::unique_ptr<SmtpClient> client;
    std::unique_ptr<QSignalSpy> finished;
    qsizetype readUpTo = 0;

    Dialogue(SmtpClient::Options options, RelayEnvelope envelope)
    {
        client =
            std::make_unique<SmtpClient>(&device, &tls, std::move(options), std::move(envelope));
        finished = std::make_unique<QSignalSpy>(client.get(), &SmtpClient::finished);
        client->start();
    }

    /// The server sends `bytes`; returns what the client wrote in answer (since last time).
    QByteArray answer(const QByteArray &bytes)
    {
        device.feed(bytes);
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        return sent();
    }
    QByteArray sent()
    {
        const QByteArray result = device.written().mid(readUpTo);
        readUpTo = device.written().size();
        return result;
    }
};

SmtpClient::Options options(QByteArray user = {}, QByteArray password = {})
{
    SmtpClient::Options result;
    result.heloName = "relay.test";
    result.user = std::move(user);
    result.password = std::move(password);
    result.stepTimeout = 5s;
    return result;
}

RelayEnvelope envelope(QByteArray content = "Subject: hi\r\n\r\nbody\r\n"_ba,
                       QList<QByteArray> recipients = {"bob@example.test"_ba})
{
    return {"alice@example.test"_ba, std::move(recipients), std::move(content)};
}

const QByteArray kEhloPlain = "250-mx.test Hello\r\n250-SIZE 1000000\r\n250 8BITMIME\r\n"_ba;

QByteArray traceText(const RelayOutcome &outcome)
{
    QByteArray text;
    for (const ProtocolLine &line : outcome.trace)
        text += toString(line.direction).toString().toLatin1() + ": " + line.bytes + '\n';
    return text;
}

} // namespace

/// The relay's SMTP client over an in-memory device: the dialogue of RFC 5321 with its
/// extensions, replies per §4.2, dot-stuffing per §4.5.2, and its refusals and time limits.
class TestSmtpClient final : public QObject
{
    Q_OBJECT

private slots:
    void replyParserJoinsMultiLineReplies()
    {
        RemoteReplyParser parser;
        auto first = parser.takeLine("250-mx.test Hello");
        QVERIFY(first && !first->has_value());
        auto second = parser.takeLine("250-PIPELINING");
        QVERIFY(second && !second->has_value());
        auto last = parser.takeLine("250 SIZE 100");
        QVERIFY(last && last->has_value());
        const RemoteReply reply = **last;
        QCOMPARE(reply.code, 250);
        QCOMPARE(reply.lines, (QList<QByteArray>{"mx.test Hello", "PIPELINING", "SIZE 100"}));
        const ServerExtensions extensions = ServerExtensions::fromEhloReply(reply);
        QVERIFY(extensions.pipelining);
        QCOMPARE(extensions.maxSize, 100);
        QVERIFY(!extensions.eightBitMime);
    }

    void replyParserReadsEnhancedCodes_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<int>("code");
        QTest::addColumn<QByteArray>("enhanced");
        QTest::addRow("with") << "550 5.1.1 no such user"_ba << 550 << "5.1.1"_ba;
        QTest::addRow("without") << "550 no such user"_ba << 550 << ""_ba;
        QTest::addRow("bare code") << "250"_ba << 250 << ""_ba;
        QTest::addRow("class mismatch") << "451 5.1.1 odd"_ba << 451 << ""_ba;
        QTest::addRow("three-digit parts") << "250 2.100.100 ok"_ba << 250 << "2.100.100"_ba;
    }
    void replyParserReadsEnhancedCodes()
    {
        QFETCH(QByteArray, line);
        QFETCH(int, code);
        QFETCH(QByteArray, enhanced);
        RemoteReplyParser parser;
        auto reply = parser.takeLine(line);
        QVERIFY(reply && reply->has_value());
        QCOMPARE((*reply)->code, code);
        QCOMPARE((*reply)->enhancedCode, enhanced);
    }

    void replyParserRefusesMalformedReplies_data()
    {
        QTest::addColumn<QList<QByteArray>>("lines");
        QTest::addRow("no code") << QList<QByteArray>{"hello"};
        QTest::addRow("1xx") << QList<QByteArray>{"199 odd"};
        QTest::addRow("no separator") << QList<QByteArray>{"250x"};
        QTest::addRow("code changes") << QList<QByteArray>{"250-a", "251 b"};
    }
    void replyParserRefusesMalformedReplies()
    {
        QFETCH(QList<QByteArray>, lines);
        RemoteReplyParser parser;
        bool failed = false;
        for (const QByteArray &line : lines) {
            const auto reply = parser.takeLine(line);
            if (!reply) {
                QCOMPARE(reply.error().code, ErrorCode::MalformedInput);
                failed = true;
            }
        }
        QVERIFY(failed);
    }

    void replyParserBoundsTheLines()
    {
        RemoteReplyParser parser;
        for (qsizetype i = 0; i < RemoteReplyParser::kMaxLines; ++i)
            QVERIFY(parser.takeLine("250-more"));
        QVERIFY(!parser.takeLine("250-one too many"));
    }

    void dotStuffing_data()
    {
        QTest::addColumn<QList<QByteArray>>("chunks");
        QTest::addColumn<QByteArray>("wire");
        QTest::addRow("plain") << QList<QByteArray>{"a\r\nb\r\n"} << "a\r\nb\r\n.\r\n"_ba;
        QTest::addRow("leading dot") << QList<QByteArray>{".a\r\n"} << "..a\r\n.\r\n"_ba;
        QTest::addRow("dot lines")
            << QList<QByteArray>{"a\r\n.\r\n..b\r\n"} << "a\r\n..\r\n...b\r\n.\r\n"_ba;
        QTest::addRow("split across chunks")
            << QList<QByteArray>{"a\r", "\n", ".b\r\n"} << "a\r\n..b\r\n.\r\n"_ba;
        QTest::addRow("bare LF is not a line end")
            << QList<QByteArray>{"a\n.b\r\n"} << "a\n.b\r\n.\r\n"_ba;
        QTest::addRow("no final CRLF") << QList<QByteArray>{"a\r\nend"} << "a\r\nend\r\n.\r\n"_ba;
    }
    void dotStuffing()
    {
        QFETCH(QList<QByteArray>, chunks);
        QFETCH(QByteArray, wire);
        DotStuffer stuffer;
        QByteArray out;
        for (const QByteArray &chunk : chunks)
            out += stuffer.stuff(chunk);
        QCOMPARE(out + stuffer.finish(), wire);
    }

    void deliversOneCommandAtATimeWithoutPipelining()
    {
        Dialogue d(options(), envelope(".dot first\r\nbody\r\n"_ba,
                                       {"bob@example.test"_ba, "carol@example.test"_ba}));
        QCOMPARE(d.answer("220 mx.test ESMTP\r\n"), "EHLO relay.test\r\n"_ba);
        QCOMPARE(d.answer(kEhloPlain), "MAIL FROM:<alice@example.test> SIZE=18\r\n"_ba);
        QCOMPARE(d.answer("250 2.1.0 ok\r\n"), "RCPT TO:<bob@example.test>\r\n"_ba);
        QCOMPARE(d.answer("250 2.1.5 ok\r\n"), "RCPT TO:<carol@example.test>\r\n"_ba);
        QCOMPARE(d.answer("550 5.1.1 no such user\r\n"), "DATA\r\n"_ba);
        QCOMPARE(d.answer("354 go ahead\r\n"), "..dot first\r\nbody\r\n.\r\n"_ba);
        QCOMPARE(d.answer("250-2.0.0 queued\r\n250 2.0.0 as 42\r\n"), "QUIT\r\n"_ba);
        QCOMPARE(d.finished->size(), 0);
        d.answer("221 bye\r\n");
        QCOMPARE(d.finished->size(), 1);
        QVERIFY(d.device.closedBySession() || !d.device.isOpen());

        const RelayOutcome outcome = d.client->outcome();
        QVERIFY(!outcome.error);
        QCOMPARE(outcome.recipients.size(), 2);
        QCOMPARE(outcome.recipients[0].code, 250);
        QCOMPARE(outcome.recipients[0].enhancedCode, "2.0.0"_ba);
        QCOMPARE(outcome.recipients[0].text, u"queued as 42"_s);
        QCOMPARE(outcome.recipients[1].code, 550);
        QVERIFY(!outcome.recipients[1].temporary);
        QVERIFY(!outcome.delivered());
        QVERIFY(!outcome.temporaryFailure());
        QVERIFY(traceText(outcome).contains("note: message data: 18 bytes"));
        QVERIFY(traceText(outcome).contains("client: RCPT TO:<carol@example.test>"));
        QVERIFY(traceText(outcome).contains("server: 550 5.1.1 no such user"));
    }

    void pipelinesMailRcptAndDataWhenOffered()
    {
        Dialogue d(options(), envelope("x\r\n"_ba, {"a@x.test"_ba, "b@x.test"_ba}));
        d.answer("220 mx.test\r\n");
        // RFC 2920 §3.1: the whole group goes out before any reply.
        QCOMPARE(d.answer("250-mx.test\r\n250 PIPELINING\r\n"),
                 "MAIL FROM:<alice@example.test>\r\nRCPT TO:<a@x.test>\r\n"
                 "RCPT TO:<b@x.test>\r\nDATA\r\n"_ba);
        QCOMPARE(d.answer("250 ok\r\n451 4.3.0 try later\r\n250 ok\r\n354 go\r\n"),
                 "x\r\n.\r\n"_ba);
        QCOMPARE(d.answer("250 ok\r\n"), "QUIT\r\n"_ba);
        d.answer("221 bye\r\n");
        const RelayOutcome outcome = d.client->outcome();
        QVERIFY(outcome.recipients[0].temporary);
        QCOMPARE(outcome.recipients[0].code, 451);
        QCOMPARE(outcome.recipients[1].code, 250);
        QVERIFY(outcome.temporaryFailure());
        QCOMPARE(outcome.temporarilyFailed(), QList<QByteArray>{"a@x.test"});
    }

    void pipelinedDataWithoutRecipientsSendsOnlyTheEnd()
    {
        Dialogue d(options(), envelope("secret\r\n"_ba));
        d.answer("220 mx.test\r\n");
        d.answer("250-mx.test\r\n250 PIPELINING\r\n");
        // A server that says 354 although no RCPT succeeded gets no message data.
        QCOMPARE(d.answer("250 ok\r\n550 no\r\n354 go\r\n"), ".\r\n"_ba);
        QCOMPARE(d.answer("554 no valid recipients\r\n"), "QUIT\r\n"_ba);
        QCOMPARE(d.client->outcome().recipients[0].code, 550);
    }

    void fallsBackToHeloWhenEhloIsUnknown()
    {
        Dialogue d(options(), envelope());
        d.answer("220 old.test\r\n");
        QCOMPARE(d.answer("502 5.5.1 command not implemented\r\n"), "HELO relay.test\r\n"_ba);
        QCOMPARE(d.answer("250 old.test\r\n"), "MAIL FROM:<alice@example.test>\r\n"_ba);
    }

    void aMailRefusalEndsTheTransaction()
    {
        Dialogue d(options(), envelope());
        d.answer("220 mx.test\r\n");
        d.answer(kEhloPlain);
        QCOMPARE(d.answer("553 5.7.1 sender refused\r\n"), "QUIT\r\n"_ba);
        const RelayOutcome outcome = d.client->outcome();
        QVERIFY(outcome.error);
        QCOMPARE(outcome.error->code, ErrorCode::RemoteRejected);
        QCOMPARE(outcome.recipients[0].code, 553);
    }

    void refusesWhatTheServerLacks_data()
    {
        QTest::addColumn<QByteArray>("ehlo");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QByteArray>("recipient");
        QTest::addColumn<ErrorCode>("code");
        QTest::addRow("8-bit data without 8BITMIME")
            << "250-mx.test\r\n250 SIZE 1000\r\n"_ba
            << "caf\xc3\xa9\r\n"_ba
            << "b@x.test"_ba << ErrorCode::ExtensionMissing;
        QTest::addRow("8-bit data after HELO") << "502 no\r\n"_ba
                                               << "caf\xc3\xa9\r\n"_ba
                                               << "b@x.test"_ba << ErrorCode::ExtensionMissing;
        QTest::addRow("UTF-8 address without SMTPUTF8")
            << "250-mx.test\r\n250 8BITMIME\r\n"_ba
            << "x\r\n"_ba
            << "j\xc3\xb6rg@x.test"_ba << ErrorCode::ExtensionMissing;
        QTest::addRow("larger than SIZE") << "250-mx.test\r\n250 SIZE 10\r\n"_ba
                                          << "0123456789abc\r\n"_ba
                                          << "b@x.test"_ba << ErrorCode::TooLarge;
    }
    void refusesWhatTheServerLacks()
    {
        QFETCH(QByteArray, ehlo);
        QFETCH(QByteArray, content);
        QFETCH(QByteArray, recipient);
        QFETCH(ErrorCode, code);
        Dialogue d(options(), envelope(content, {recipient}));
        d.answer("220 mx.test\r\n");
        QByteArray sent = d.answer(ehlo);
        if (sent.startsWith("HELO"))
            sent = d.answer("250 mx.test\r\n");
        QCOMPARE(sent, "QUIT\r\n"_ba);
        const RelayOutcome outcome = d.client->outcome();
        QVERIFY(outcome.error);
        QCOMPARE(outcome.error->code, code);
        QCOMPARE(outcome.recipients[0].code, 0);
        QVERIFY(!outcome.recipients[0].temporary);
        QVERIFY(!outcome.temporaryFailure());
    }

    void asksForTheExtensionsTheMessageNeeds()
    {
        Dialogue d(options(), envelope("caf\xc3\xa9\r\n"_ba, {"j\xc3\xb6rg@x.test"_ba}));
        d.answer("220 mx.test\r\n");
        QCOMPARE(d.answer("250-mx.test\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE\r\n"),
                 "MAIL FROM:<alice@example.test> SIZE=7 BODY=8BITMIME SMTPUTF8\r\n"_ba);
    }

    void authPlainIsMaskedInTheTrace()
    {
        Dialogue d(options("alice", "secret"), envelope());
        d.answer("220 mx.test\r\n");
        QCOMPARE(d.answer("250-mx.test\r\n250 AUTH LOGIN PLAIN\r\n"),
                 "AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n"_ba);
        QCOMPARE(d.answer("235 2.7.0 ok\r\n"), "MAIL FROM:<alice@example.test>\r\n"_ba);
        const QByteArray trace = traceText(d.client->outcome());
        QVERIFY(trace.contains("client: AUTH PLAIN ****"));
        QVERIFY(!trace.contains("AGFsaWNl"));
    }

    void authLoginIsMaskedInTheTrace()
    {
        Dialogue d(options("alice", "secret"), envelope());
        d.answer("220 mx.test\r\n");
        QCOMPARE(d.answer("250-mx.test\r\n250 AUTH LOGIN\r\n"), "AUTH LOGIN\r\n"_ba);
        QCOMPARE(d.answer("334 VXNlcm5hbWU6\r\n"), "YWxpY2U=\r\n"_ba);
        QCOMPARE(d.answer("334 UGFzc3dvcmQ6\r\n"), "c2VjcmV0\r\n"_ba);
        QCOMPARE(d.answer("235 ok\r\n"), "MAIL FROM:<alice@example.test>\r\n"_ba);
        const QByteArray trace = traceText(d.client->outcome());
        QCOMPARE(trace.count("client: ****"), 2);
        QVERIFY(!trace.contains("YWxpY2U") && !trace.contains("c2VjcmV0"));
    }

    void refusedCredentialsEndTheAttempt()
    {
        Dialogue d(options("alice", "wrong"), envelope());
        d.answer("220 mx.test\r\n");
        d.answer("250-mx.test\r\n250 AUTH PLAIN\r\n");
        QCOMPARE(d.answer("535 5.7.8 authentication failed\r\n"), "QUIT\r\n"_ba);
        QCOMPARE(d.client->outcome().error->code, ErrorCode::AuthFailed);
        QCOMPARE(d.client->outcome().recipients[0].code, 535);
    }

    void authWithoutAMechanismItKnowsIsRefused()
    {
        Dialogue d(options("alice", "secret"), envelope());
        d.answer("220 mx.test\r\n");
        QCOMPARE(d.answer("250-mx.test\r\n250 AUTH CRAM-MD5\r\n"), "QUIT\r\n"_ba);
        QCOMPARE(d.client->outcome().error->code, ErrorCode::ExtensionMissing);
    }

    void startTlsRunsTheHandshakeThenEhloAgain()
    {
        SmtpClient::Options tlsOptions = options();
        tlsOptions.tls = RelayTlsMode::StartTls;
        Dialogue d(tlsOptions, envelope());
        d.answer("220 mx.test\r\n");
        QCOMPARE(d.answer("250-mx.test\r\n250 STARTTLS\r\n"), "STARTTLS\r\n"_ba);
        // What follows the 220 in the same read came in plain text: it is thrown away.
        QCOMPARE(d.answer("220 go ahead\r\n250 injected\r\n"), QByteArray());
        QCOMPARE(d.tls.calls, 1);
        d.client->tlsEstablished(u"TLSv1.3"_s, u"TLS_AES_256_GCM_SHA384"_s);
        QCOMPARE(d.sent(), "EHLO relay.test\r\n"_ba);
        QCOMPARE(d.answer(kEhloPlain), "MAIL FROM:<alice@example.test> SIZE=21\r\n"_ba);
        const QByteArray trace = traceText(d.client->outcome());
        QVERIFY(trace.contains("note: discarded 14 bytes"));
        QVERIFY(trace.contains("note: TLS established: TLSv1.3"));
    }

    void startTlsIsNeverSkipped()
    {
        SmtpClient::Options tlsOptions = options("alice", "secret");
        tlsOptions.tls = RelayTlsMode::StartTls;
        Dialogue d(tlsOptions, envelope());
        d.answer("220 mx.test\r\n");
        // No STARTTLS offered: the credentials must not go out in plain text.
        QCOMPARE(d.answer("250-mx.test\r\n250 AUTH PLAIN\r\n"), "QUIT\r\n"_ba);
        QCOMPARE(d.client->outcome().error->code, ErrorCode::ExtensionMissing);
    }

    void aFailedHandshakeEndsTheAttempt()
    {
        SmtpClient::Options tlsOptions = options();
        tlsOptions.tls = RelayTlsMode::StartTls;
        Dialogue d(tlsOptions, envelope());
        d.answer("220 mx.test\r\n");
        d.answer("250-mx.test\r\n250 STARTTLS\r\n");
        d.answer("220 go ahead\r\n");
        d.client->tlsFailed(u"certificate not trusted"_s);
        QCOMPARE(d.finished->size(), 1);
        QCOMPARE(d.client->outcome().error->code, ErrorCode::TlsFailed);
        QVERIFY(!d.client->outcome().temporaryFailure());
    }

    void everyStepHasATimeLimit()
    {
        SmtpClient::Options quick = options();
        quick.stepTimeout = 50ms;
        Dialogue d(quick, envelope());
        d.answer("220 mx.test\r\n");
        QCOMPARE(d.sent().size(), 0);
        QVERIFY(d.finished->wait(5000));
        const RelayOutcome outcome = d.client->outcome();
        QCOMPARE(outcome.error->code, ErrorCode::Timeout);
        QVERIFY(outcome.error->message.contains(u"EHLO"_s));
        QVERIFY(outcome.temporaryFailure());
    }

    void aSilentServerTimesOutBeforeTheGreeting()
    {
        SmtpClient::Options quick = options();
        quick.stepTimeout = 50ms;
        Dialogue d(quick, envelope());
        QVERIFY(d.finished->wait(5000));
        QCOMPARE(d.client->outcome().error->code, ErrorCode::Timeout);
        QVERIFY(d.client->outcome().error->message.contains(u"greeting"_s));
    }

    void aTemporaryGreetingIsRetryable()
    {
        Dialogue d(options(), envelope());
        // 421: the server closes; no QUIT is owed.
        QCOMPARE(d.answer("421 4.3.2 too busy\r\n"), QByteArray());
        QCOMPARE(d.finished->size(), 1);
        QCOMPARE(d.client->outcome().error->code, ErrorCode::RemoteTemporary);
        QVERIFY(d.client->outcome().temporaryFailure());
    }

    void aMalformedReplyEndsTheAttempt()
    {
        Dialogue d(options(), envelope());
        d.answer("220 mx.test\r\n");
        d.answer("250-mx.test\r\n251 changed\r\n");
        QCOMPARE(d.finished->size(), 1);
        QCOMPARE(d.client->outcome().error->code, ErrorCode::MalformedInput);
    }

    void aLostConnectionIsRetryable()
    {
        Dialogue d(options(), envelope());
        d.answer("220 mx.test\r\n");
        d.client->connectionFailed(u"reset by peer"_s);
        QCOMPARE(d.finished->size(), 1);
        QVERIFY(d.client->outcome().temporaryFailure());
        QCOMPARE(d.client->outcome().recipients[0].text, u"connection failed: reset by peer"_s);
    }

    void bigContentGoesOutAWindowAtATime()
    {
        QByteArray content;
        while (content.size() < 3 * SmtpClient::kSendWindow)
            content += ".line of text that starts with a dot\r\n";
        Dialogue d(options(), envelope(content));
        d.answer("220 mx.test\r\n");
        d.answer("250-mx.test\r\n250 PIPELINING\r\n");
        d.device.setPeerReading(false);
        d.answer("250 ok\r\n250 ok\r\n354 go\r\n");
        QVERIFY(d.device.peakUnsent() <= SmtpClient::kSendWindow + SmtpClient::kChunkSize * 2);
        d.device.setPeerReading(true);
        QTRY_VERIFY(d.device.written().endsWith("\r\n.\r\n"));
        QByteArray expected = content;
        expected.replace("\r\n.", "\r\n..");
        const QByteArray wire = QByteArray(1, '.') + expected + ".\r\n";
        QVERIFY(d.device.written().contains(wire));
    }
};

QTEST_GUILESS_MAIN(TestSmtpClient)
#include "tst_smtpclient.moc"
