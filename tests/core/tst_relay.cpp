// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "relay/relayservice.h"
#include "resulttext.h"
#include "service/mailservice.h"
#include "smtptestclient.h"
#include "store/messagestore.h"
#include "store/storereader.h"
#include "testconfig.h"
#include "tls/selfsignedcertificate.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

/// One Letterbox: a MailService on a private store and an ephemeral loopback port.
struct Letterbox
{
    QTemporaryDir dir;
    std::unique_ptr<MailService> service = std::make_unique<MailService>();

    ServerConfig config() const { return testConfig(dir.path()); }

    bool start(const ServerConfig &config)
    {
        QSignalSpy finished(service.get(), &MailService::applyFinished);
        service->apply(config);
        if (!finished.wait(20000) || !finished.constFirst().at(0).toBool()) {
            qWarning() << "apply failed:"
                       << (finished.isEmpty() ? u"timeout"_s
                                              : finished.constFirst().at(1).value<Error>().message);
            return false;
        }
        return true;
    }
    quint16 port() const { return service->listenAddress()->port; }
    quint16 tlsPort() const { return service->tlsListenAddress()->port; }

    QByteArray raw(qint64 id) const
    {
        auto reader = StoreReader::open(dir.path());
        return reader ? (*reader)->raw(id) : QByteArray();
    }
    QList<RelayOutcome> attempts(qint64 id) const
    {
        auto reader = StoreReader::open(dir.path());
        if (!reader)
            return {};
        const auto attempts = (*reader)->relayAttempts(id);
        return attempts ? *attempts : QList<RelayOutcome>();
    }
    std::optional<StoredMessage> message(qint64 id) const
    {
        auto reader = StoreReader::open(dir.path());
        return reader ? (*reader)->message(id) : std::nullopt;
    }
};

// A message with what dot-stuffing and 8BITMIME are about: a line that is a lone dot, lines
// that start with dots, 8-bit text, a bare LF inside a line.
const QByteArray kContent = "From: alice@example.test\r\nTo: bob@example.test\r\n"
                            "Subject: relay me\r\n\r\n"
                            "..\r\n"          // a lone dot, stuffed by the test client
                            "...two dots\r\n" // ".." after unstuffing
                            "caf\xc3\xa9 au lait\r\n"
                            "bare\nLF inside\r\n"
                            "last line\r\n"_ba;

qint64 deliverTo(Letterbox &box, const QList<QByteArray> &to)
{
    QSignalSpy received(box.service.get(), &MailService::messageReceived);
    if (SmtpTestClient::deliver(box.port(), "alice@example.test", to, kContent) != 250)
        return 0;
    if (received.isEmpty() && !received.wait(10000))
        return 0;
    return received.constFirst().at(0).value<ReceivedMessage>().storeId;
}

/// The bytes after the first header line of `raw` (the receiving Letterbox's own Received
/// header, folded over two lines: it ends at the first CRLF not followed by white space).
QByteArray withoutFirstHeader(const QByteArray &raw)
{
    qsizetype at = 0;
    for (;;) {
        at = raw.indexOf("\r\n", at);
        if (at < 0)
            return {};
        at += 2;
        if (at >= raw.size() || (raw[at] != ' ' && raw[at] != '\t'))
            return raw.mid(at);
    }
}

QByteArray traceText(const RelayOutcome &outcome)
{
    QByteArray text;
    for (const ProtocolLine &line : outcome.trace)
        text += toString(line.direction).toString().toLatin1() + ": " + line.bytes + '\n';
    return text;
}

} // namespace

/// Release and automatic relay from one Letterbox to a second one over loopback, with plain
/// SMTP, STARTTLS and implicit TLS, AUTH, refused recipients and a retry after a temporary
/// failure; the message arrives byte for byte, and every attempt is stored with the message.
class TestRelay final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_certificates;
    QString m_cert;
    QString m_key;

    /// Waits for one relayFinished() of `box`.
    static std::optional<RelayOutcome> waitOutcome(QSignalSpy &spy)
    {
        if (spy.isEmpty() && !spy.wait(20000))
            return std::nullopt;
        return spy.takeFirst().at(0).value<RelayOutcome>();
    }

    ServerConfig relayTo(const Letterbox &source, quint16 port, const QString &tls = u"none"_s)
    {
        ServerConfig config = source.config();
        config.relayHost = u"127.0.0.1:%1"_s.arg(port);
        config.relayTls = tls;
        config.relayNoVerify = true;
        config.relayAllow = {u"*@example.test"_s};
        return config;
    }

    ServerConfig withTls(ServerConfig config) const
    {
        config.tlsCertFile = m_cert;
        config.tlsKeyFile = m_key;
        return config;
    }

private slots:
    void initTestCase()
    {
        const auto certificate = SelfSignedCertificate::generate(u"localhost"_s, 30);
        QVERIFY2(certificate, qPrintable(errorText(certificate)));
        m_cert = m_certificates.filePath(u"target.crt"_s);
        m_key = m_certificates.filePath(u"target.key"_s);
        QVERIFY(certificate->writeTo(m_cert, m_key));
    }

    void releaseArrivesByteForByte()
    {
        Letterbox target;
        QVERIFY(target.start(target.config()));
        Letterbox source;
        QVERIFY(source.start(relayTo(source, target.port())));
        const qint64 id = deliverTo(source, {"bob@example.test"});
        QVERIFY(id > 0);

        QSignalSpy relayed(source.service.get(), &MailService::relayFinished);
        QSignalSpy arrived(target.service.get(), &MailService::messageReceived);
        const Result<void> released = source.service->release(id, {u"carol@example.test"_s});
        QVERIFY2(released, qPrintable(errorText(released)));
        const auto outcome = waitOutcome(relayed);
        QVERIFY(outcome);
        QVERIFY2(outcome->delivered(), traceText(*outcome).constData());
        QCOMPARE(outcome->recipients.size(), 1);
        QCOMPARE(outcome->recipients[0].address, "carol@example.test"_ba);
        QCOMPARE(outcome->recipients[0].code, 250);
        QCOMPARE(outcome->target, u"127.0.0.1:%1"_s.arg(target.port()));

        QVERIFY(!arrived.isEmpty() || arrived.wait(10000));
        const ReceivedMessage far = arrived.constFirst().at(0).value<ReceivedMessage>();
        QCOMPARE(far.envelope.recipients, QList<QByteArray>{"carol@example.test"});
        QCOMPARE(far.envelope.mailFrom, "alice@example.test"_ba);
        // At the far end: its own Received header, ours, then exactly the stored bytes.
        const QByteArray stored = source.raw(id);
        const QByteArray relayedBytes = withoutFirstHeader(target.raw(far.storeId));
        QVERIFY(relayedBytes.startsWith("Received: by "));
        const QByteArray ours = "(Letterbox relay) id " + QByteArray::number(id) + ';';
        QVERIFY(relayedBytes.contains(ours));
        QCOMPARE(withoutFirstHeader(relayedBytes), stored);

        // The attempt is stored with the message.
        const QList<RelayOutcome> attempts = source.attempts(id);
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts[0].recipients, outcome->recipients);
        QCOMPARE(attempts[0].target, outcome->target);
        QVERIFY(!attempts[0].error);
        QVERIFY(traceText(attempts[0]).contains("client: RCPT TO:<carol@example.test>"));
    }

    void startTlsWithAuth()
    {
        Letterbox target;
        ServerConfig targetConfig = withTls(target.config());
        targetConfig.authEnabled = true;
        targetConfig.authUsers = {u"relay:s3cret"_s};
        targetConfig.authRequired = true;
        QVERIFY(target.start(targetConfig));
        Letterbox source;
        ServerConfig config = relayTo(source, target.port(), u"starttls"_s);
        config.relayUser = u"relay:s3cret"_s;
        QVERIFY(source.start(config));
        const qint64 id = deliverTo(source, {"bob@example.test"});

        QSignalSpy relayed(source.service.get(), &MailService::relayFinished);
        QSignalSpy arrived(target.service.get(), &MailService::messageReceived);
        QVERIFY(source.service->release(id, {u"bob@example.test"_s}));
        const auto outcome = waitOutcome(relayed);
        QVERIFY(outcome);
        QVERIFY2(outcome->delivered(), traceText(*outcome).constData());
        const QByteArray trace = traceText(*outcome);
        QVERIFY(trace.contains("note: TLS established"));
        QVERIFY(trace.contains("client: AUTH PLAIN ****"));
        QVERIFY(!trace.contains("s3cret"));
        QVERIFY(!arrived.isEmpty() || arrived.wait(10000));
        const ReceivedMessage far = arrived.constFirst().at(0).value<ReceivedMessage>();
        QVERIFY(far.tls);
        QCOMPARE(far.authUser, u"relay"_s);
        QCOMPARE(withoutFirstHeader(withoutFirstHeader(target.raw(far.storeId))), source.raw(id));
    }

    void implicitTls()
    {
        Letterbox target;
        ServerConfig targetConfig = withTls(target.config());
        targetConfig.tlsListen = u"127.0.0.1:0"_s;
        QVERIFY(target.start(targetConfig));
        Letterbox source;
        QVERIFY(source.start(relayTo(source, target.tlsPort(), u"implicit"_s)));
        const qint64 id = deliverTo(source, {"bob@example.test"});

        QSignalSpy relayed(source.service.get(), &MailService::relayFinished);
        QVERIFY(source.service->release(id, {u"bob@example.test"_s}));
        const auto outcome = waitOutcome(relayed);
        QVERIFY(outcome);
        QVERIFY2(outcome->delivered(), traceText(*outcome).constData());
        QVERIFY(outcome->target.endsWith(u"(implicit)"_s));
    }

    void certificateVerificationRefusesSelfSigned()
    {
        Letterbox target;
        QVERIFY(target.start(withTls(target.config())));
        Letterbox source;
        ServerConfig config = relayTo(source, target.port(), u"starttls"_s);
        config.relayNoVerify = false;
        QVERIFY(source.start(config));
        const qint64 id = deliverTo(source, {"bob@example.test"});

        QSignalSpy relayed(source.service.get(), &MailService::relayFinished);
        QVERIFY(source.service->release(id, {u"bob@example.test"_s}));
        const auto outcome = waitOutcome(relayed);
        QVERIFY(outcome);
        QVERIFY(!outcome->delivered());
        QVERIFY(outcome->error);
        QCOMPARE(outcome->error->code, ErrorCode::TlsFailed);
        QVERIFY(!outcome->temporaryFailure());
        // Stored as it happened, code included.
        const QList<RelayOutcome> attempts = source.attempts(id);
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts[0].error->code, ErrorCode::TlsFailed);
    }

    void refusedRecipientGetsItsOwnReply()
    {
        Letterbox target;
        ServerConfig targetConfig = target.config();
        targetConfig.acceptRcptPatterns = {u"*@example.test"_s};
        QVERIFY(target.start(targetConfig));
        Letterbox source;
        ServerConfig config = relayTo(source, target.port());
        config.relayAllow = {u"*"_s};
        QVERIFY(source.start(config));
        const qint64 id = deliverTo(source, {"bob@example.test"});

        QSignalSpy relayed(source.service.get(), &MailService::relayFinished);
        QVERIFY(source.service->release(id, {u"bob@example.test"_s, u"eve@elsewhere.test"_s}));
        const auto outcome = waitOutcome(relayed);
        QVERIFY(outcome);
        QCOMPARE(outcome->recipients.size(), 2);
        QCOMPARE(outcome->recipients[0].code, 250);
        QCOMPARE(outcome->recipients[1].code, 550);
        QVERIFY(!outcome->recipients[1].temporary);
        QVERIFY(!outcome->delivered());
        QVERIFY(!outcome->temporaryFailure());
    }

    void onlyAllowedRecipientsAreReleased()
    {
        Letterbox source;
        ServerConfig config = relayTo(source, 9); // never connected to
        QVERIFY(source.start(config));
        const qint64 id = deliverTo(source, {"bob@example.test"});
        const Result<void> refused = source.service->release(id, {u"customer@real.example"_s});
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::NotAllowed);
        QVERIFY(refused.error().message.contains(u"customer@real.example"_s));
        QCOMPARE(source.service->release(id, {}).error().code, ErrorCode::InvalidValue);
        QCOMPARE(source.service->release(id, {u"not an address"_s}).error().code,
                 ErrorCode::InvalidValue);

        // Without any allowed pattern nothing goes anywhere.
        config.relayAllow.clear();
        QVERIFY(source.start(config));
        QCOMPARE(source.service->release(id, {u"bob@example.test"_s}).error().code,
                 ErrorCode::NotAllowed);
        // Without a relay host neither.
        QVERIFY(source.start(source.config()));
        QCOMPARE(source.service->release(id, {u"bob@example.test"_s}).error().code,
                 ErrorCode::NotAllowed);
        QVERIFY(source.attempts(id).isEmpty());
    }

    /// Automatic relay of matching arrivals: the first attempt finds nothing listening (a
    /// temporary failure), is queued in the store, survives a restart of the relaying
    /// Letterbox, and is delivered by a retry once the target runs.
    void autoRelayRetriesFromAPersistentQueue()
    {
        // A port that nothing listens on until the target takes it.
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        Letterbox source;
        ServerConfig config = relayTo(source, port);
        config.relayAuto = u"subject:relay"_s;
        source.service->relay()->setFirstRetryDelay(60s);
        QVERIFY(source.start(config));

        QSignalSpy relayed(source.service.get(), &MailService::relayFinished);
        QSignalSpy queueChanged(source.service->relay(), &RelayService::queueChanged);
        // Does not match the query: not relayed.
        QCOMPARE(SmtpTestClient::deliverSubject(source.port(), "other"), 250);
        const qint64 id = deliverTo(source, {"bob@example.test", "eve@elsewhere.test"});
        QVERIFY(id > 0);
        const auto first = waitOutcome(relayed);
        QVERIFY(first);
        QCOMPARE(first->messageId, id);
        QVERIFY(first->temporaryFailure());
        // Only the allowed recipient was tried.
        QCOMPARE(first->recipients.size(), 1);
        QCOMPARE(first->recipients[0].address, "bob@example.test"_ba);
        QTRY_COMPARE(source.service->relay()->queue().size(), 1);
        QCOMPARE(source.service->relay()->queue()[0].messageId, id);

        // Restart: the queue comes back from the store.
        source.service->store()->flush();
        source.service.reset();
        Letterbox target;
        ServerConfig targetConfig = target.config();
        targetConfig.listen = u"127.0.0.1:%1"_s.arg(port);
        QVERIFY(target.start(targetConfig));
        QSignalSpy arrived(target.service.get(), &MailService::messageReceived);

        source.service = std::make_unique<MailService>();
        source.service->relay()->setFirstRetryDelay(100ms);
        QSignalSpy relayedAgain(source.service.get(), &MailService::relayFinished);
        QVERIFY(source.start(config));
        QTRY_COMPARE(source.service->relay()->queue().size(), 1);
        QVERIFY(source.service->isRelayQueued(id));
        QVERIFY(!source.service->isRelayQueued(id + 1000));
        const Result<void> notQueued = source.service->retryRelay(id + 1000);
        QVERIFY(!notQueued);
        QCOMPARE(notQueued.error().code, ErrorCode::NotFound);
        // The loaded entry is due in a minute; Retry Now makes it due at once.
        const Result<void> retried = source.service->retryRelay(id);
        QVERIFY2(retried, qPrintable(errorText(retried)));
        const auto second = waitOutcome(relayedAgain);
        QVERIFY(second);
        QVERIFY2(second->delivered(), traceText(*second).constData());
        QTRY_VERIFY(source.service->relay()->queue().isEmpty());
        QVERIFY(!source.service->isRelayQueued(id));
        QVERIFY(!arrived.isEmpty() || arrived.wait(10000));
        QCOMPARE(source.attempts(id).size(), 2);
        auto reader = StoreReader::open(source.dir.path());
        QVERIFY(reader);
        QTRY_VERIFY((*reader)->relayQueue()->isEmpty());
    }

    /// A real temporary failure: the far Letterbox greylists (451 4.7.1 to the first attempt
    /// of each triple), the near one's automatic relay queues the message, retries it from the
    /// persistent queue and delivers it; both attempts are stored with their replies.
    void autoRelayRetriesAfterGreylisting()
    {
        Letterbox target;
        ServerConfig targetConfig = target.config();
        targetConfig.faultRules = {u"rcpt:*:greylist=1"_s};
        QVERIFY(target.start(targetConfig));
        QSignalSpy arrived(target.service.get(), &MailService::messageReceived);

        Letterbox source;
        ServerConfig config = relayTo(source, target.port());
        config.relayAuto = u"subject:relay"_s;
        // The test hook for time: the first retry is due at once instead of in a minute.
        source.service->relay()->setFirstRetryDelay(1ms);
        QVERIFY(source.start(config));
        QSignalSpy relayed(source.service.get(), &MailService::relayFinished);

        const qint64 id = deliverTo(source, {"bob@example.test"});
        QVERIFY(id > 0);
        const auto first = waitOutcome(relayed);
        QVERIFY(first);
        QCOMPARE(first->messageId, id);
        QVERIFY2(first->temporaryFailure(), traceText(*first).constData());
        QCOMPARE(first->recipients.size(), 1);
        QCOMPARE(first->recipients[0].code, 451);
        QCOMPARE(first->recipients[0].enhancedCode, "4.7.1"_ba);

        const auto second = waitOutcome(relayed);
        QVERIFY(second);
        QVERIFY2(second->delivered(), traceText(*second).constData());
        QCOMPARE(second->recipients.size(), 1);
        QCOMPARE(second->recipients[0].code, 250);
        QTRY_VERIFY(source.service->relay()->queue().isEmpty());

        // Exactly one message at the far end, byte for byte the stored one.
        QVERIFY(!arrived.isEmpty() || arrived.wait(10000));
        QCOMPARE(arrived.size(), 1);
        const ReceivedMessage far = arrived.constFirst().at(0).value<ReceivedMessage>();
        QCOMPARE(far.envelope.recipients, QList<QByteArray>{"bob@example.test"});
        QCOMPARE(withoutFirstHeader(withoutFirstHeader(target.raw(far.storeId))), source.raw(id));

        // Both attempts are stored, in order: the 451, then the 250.
        source.service->store()->flush();
        const QList<RelayOutcome> attempts = source.attempts(id);
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts[0].recipients[0].code, 451);
        QVERIFY(traceText(attempts[0]).contains("451 4.7.1"));
        QCOMPARE(attempts[1].recipients[0].code, 250);
        auto reader = StoreReader::open(source.dir.path());
        QVERIFY(reader);
        QTRY_VERIFY((*reader)->relayQueue()->isEmpty());
    }

    void permanentFailuresAreNotRetried()
    {
        Letterbox target;
        ServerConfig targetConfig = withTls(target.config());
        targetConfig.authEnabled = true;
        targetConfig.authUsers = {u"relay:right"_s};
        QVERIFY(target.start(targetConfig));
        Letterbox source;
        ServerConfig config = relayTo(source, target.port(), u"starttls"_s);
        config.relayUser = u"relay:wrong"_s;
        config.relayAuto = u"subject:relay"_s;
        source.service->relay()->setFirstRetryDelay(10ms);
        QVERIFY(source.start(config));
        QSignalSpy relayed(source.service.get(), &MailService::relayFinished);
        QVERIFY(deliverTo(source, {"bob@example.test"}) > 0);
        const auto outcome = waitOutcome(relayed);
        QVERIFY(outcome);
        QCOMPARE(outcome->error->code, ErrorCode::AuthFailed);
        QVERIFY(!outcome->temporaryFailure());
        QVERIFY(source.service->relay()->queue().isEmpty());
        QVERIFY(!relayed.wait(300)); // no retry follows
    }
};

QTEST_GUILESS_MAIN(TestRelay)
#include "tst_relay.moc"
