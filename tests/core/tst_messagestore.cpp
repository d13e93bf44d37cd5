// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "events/events.h"
#include "store/messagestore.h"
#include "store/sqlitedatabase.h"
#include "store/storereader.h"
#include "store/storewriter.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <latch>
#include <memory>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

// Records every write, so a test can see that a large message leaves in bounded chunks.
class ChunkRecorder final : public QIODevice
{
public:
    ChunkRecorder() { open(QIODevice::WriteOnly); }
    QByteArray data;
    qint64 largestWrite = 0;

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *bytes, qint64 size) override
    {
        data.append(bytes, size);
        largestWrite = qMax(largestWrite, size);
        return size;
    }
};

class tst_MessageStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void smallMessageRoundTrip();
    void largeSpooledMessageRoundTrip();
    void concurrentDeliveriesShareCommits();
    void readerSeesCommitsWhileWriterRuns();
    void databaseUsesWalAndIncrementalVacuum();
    void fullTextIndexIsWrittenWithTheMessage();
    void deletedMessagesAreHiddenFromList();
    void lockFileKeepsSecondStoreOut();
    void openFailsWhenDirectoryCannotBeCreated();
    void damagedDatabaseIsReported();
    void foreignDatabaseIsRefused();
    void readerNeedsAStore();
    void sessionTraceRoundTrip();
    void sessionTraceIsCapped();
    void sessionIdsContinueAfterReopen();
    void callbackSkippedWhenContextDestroyed();
    void callbackRunsInContextThread();
    void missingDataFailsOnlyThatMessage();
    void maildirMirrorGetsTheStoredBytes();
    void maildirMirrorRefusesUnusableFolder();

private:
    DeliveryRequest makeRequest(const MessageStore &store, const QByteArray &bytes,
                                quint64 sessionId,
                                qsizetype memoryLimit = MessageSpool::kDefaultMemoryLimit);
    std::optional<DeliveryResult> deliverAndWait(MessageStore &store, DeliveryRequest request);
    static ProtocolLine line(quint64 sessionId, Direction direction, const QByteArray &bytes,
                             qsizetype truncatedBytes = 0);
};

static QDateTime nowMs()
{
    return QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), QTimeZone::utc());
}

DeliveryRequest tst_MessageStore::makeRequest(const MessageStore &store, const QByteArray &bytes,
                                              quint64 sessionId, qsizetype memoryLimit)
{
    auto spool = std::make_shared<MessageSpool>(store.spoolDirectory(), memoryLimit);
    // Append in pieces, as DataReader does, so large messages really spill to disk.
    for (qsizetype offset = 0; offset < bytes.size(); offset += 64 * 1024) {
        if (!spool->append(QByteArrayView(bytes).sliced(
                offset, qMin<qsizetype>(64 * 1024, bytes.size() - offset))))
            qFatal("spool append failed: %s", qPrintable(spool->errorString()));
    }
    DeliveryRequest request;
    request.session.sessionId = sessionId;
    request.session.started = nowMs();
    request.session.remoteAddress = u"127.0.0.1"_s;
    request.session.remotePort = 40000;
    request.session.localAddress = u"127.0.0.1"_s;
    request.session.localPort = 1025;
    request.session.tls = true;
    request.session.tlsProtocol = u"TLSv1.3"_s;
    request.session.heloName = u"client.example.test"_s;
    request.session.authUser = u"alice"_s;
    request.received = nowMs();
    request.envelope.mailFrom = "sender@example.test"_ba;
    request.envelope.mailParameters = "SIZE=100 BODY=8BITMIME"_ba;
    request.envelope.recipients = {"first@example.test"_ba, "zweiter@bücher.example"_ba};
    request.envelope.smtpUtf8 = true;
    request.data = std::move(spool);
    return request;
}

std::optional<DeliveryResult> tst_MessageStore::deliverAndWait(MessageStore &store,
                                                               DeliveryRequest request)
{
    auto result = std::make_shared<std::optional<DeliveryResult>>();
    store.deliver(std::move(request), this, [result](const DeliveryResult &r) { *result = r; });
    if (!QTest::qWaitFor([&result] { return result->has_value(); }, 30000))
        return std::nullopt;
    return *result;
}

ProtocolLine tst_MessageStore::line(quint64 sessionId, Direction direction, const QByteArray &bytes,
                                    qsizetype truncatedBytes)
{
    ProtocolLine line;
    line.sessionId = sessionId;
    line.time = nowMs();
    line.direction = direction;
    line.bytes = bytes;
    line.truncatedBytes = truncatedBytes;
    return line;
}

static QByteArray sampleMessage(const QByteArray &subject, const QByteArray &body)
{
    return "Received: from client.example.test by letterbox; now\r\n"
           "Subject: "
           + subject
           + "\r\nFrom: =?UTF-8?Q?J=C3=BCrgen?= <j@example.test>\r\n"
             "To: Bob <bob@example.test>\r\nCc: carol@example.test\r\n"
             "Message-ID: <id-"
           + subject + "@example.test>\r\n\r\n" + body;
}

void tst_MessageStore::initTestCase()
{
    registerEventMetaTypes();
}

void tst_MessageStore::smallMessageRoundTrip()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    QString error;
    auto store = MessageStore::open(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    QCOMPARE(store->databasePath(), temp.filePath(u"letterbox.sqlite3"_s));
    QVERIFY(QFileInfo(store->spoolDirectory()).isDir());

    const QByteArray bytes =
        sampleMessage("=?UTF-8?B?R3LDvMOfZQ==?=", "Hello\r\n..not unstuffed twice\r\n\x01\xff\r\n");
    DeliveryRequest request = makeRequest(*store, bytes, store->allocateSessionId());
    const DeliveryRequest copy = request;
    const auto result = deliverAndWait(*store, std::move(request));
    QVERIFY(result);
    QVERIFY2(result->ok, qPrintable(result->error));
    QVERIFY(result->storeId > 0);
    QCOMPARE(result->subject, u"Grüße"_s);

    auto reader = StoreReader::open(temp.path(), &error);
    QVERIFY2(reader, qPrintable(error));
    QCOMPARE(reader->raw(result->storeId), bytes);
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QVERIFY2(reader->writeRaw(result->storeId, &buffer, &error), qPrintable(error));
    QCOMPARE(buffer.data(), bytes);

    const auto message = reader->message(result->storeId);
    QVERIFY(message);
    QCOMPARE(message->id, result->storeId);
    QCOMPARE(message->received.toMSecsSinceEpoch(), copy.received.toMSecsSinceEpoch());
    QCOMPARE(message->sessionId, copy.session.sessionId);
    QCOMPARE(message->mailFrom, copy.envelope.mailFrom);
    QCOMPARE(message->mailParameters, copy.envelope.mailParameters);
    QCOMPARE(message->recipients, copy.envelope.recipients);
    QCOMPARE(message->remoteAddress, u"127.0.0.1"_s);
    QCOMPARE(message->heloName, u"client.example.test"_s);
    QVERIFY(message->tls);
    QCOMPARE(message->authUser, u"alice"_s);
    QCOMPARE(message->size, qint64(bytes.size()));
    QCOMPARE(message->subject, u"Grüße"_s);
    QCOMPARE(message->from, u"Jürgen <j@example.test>"_s);
    QCOMPARE(message->to, u"Bob <bob@example.test>"_s);
    QCOMPARE(message->messageId, u"<id-=?UTF-8?B?R3LDvMOfZQ==?=@example.test>"_s);
    QVERIFY(!message->read);

    QCOMPARE(reader->messageCount(), qint64(1));
    const QList<StoredMessage> all = reader->list();
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.first().id, result->storeId);
    QVERIFY(!reader->message(result->storeId + 1));
    QVERIFY(reader->raw(result->storeId + 1).isEmpty());
    QVERIFY(!reader->writeRaw(result->storeId + 1, &buffer, &error));
    QCOMPARE(error, u"no message %1"_s.arg(result->storeId + 1));

    // The session row holds the snapshot taken at delivery.
    const auto session = reader->session(copy.session.sessionId);
    QVERIFY(session);
    QCOMPARE(session->remotePort, quint16(40000));
    QCOMPARE(session->tlsProtocol, u"TLSv1.3"_s);
    QVERIFY(!session->ended.isValid());
}

void tst_MessageStore::largeSpooledMessageRoundTrip()
{
    QTemporaryDir temp;
    QString error;
    auto store = MessageStore::open(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));

    QByteArray bytes = sampleMessage("large", {});
    for (int i = 0; bytes.size() < 5 * 1024 * 1024; ++i)
        bytes +=
            "Line " + QByteArray::number(i) + " of a large message, with some \xc3\xa9 bytes\r\n";
    DeliveryRequest request = makeRequest(*store, bytes, store->allocateSessionId(), 64 * 1024);
    QVERIFY(!request.data->isInMemory());
    const auto result = deliverAndWait(*store, std::move(request));
    QVERIFY(result);
    QVERIFY2(result->ok, qPrintable(result->error));
    QCOMPARE(result->subject, u"large"_s);

    auto reader = StoreReader::open(temp.path(), &error);
    QVERIFY2(reader, qPrintable(error));
    ChunkRecorder recorder;
    QVERIFY2(reader->writeRaw(result->storeId, &recorder, &error), qPrintable(error));
    QCOMPARE(recorder.data.size(), bytes.size());
    QVERIFY(recorder.data == bytes);
    QVERIFY(recorder.largestWrite <= StoreReader::kRawChunkSize);
    QVERIFY(reader->raw(result->storeId) == bytes);
    QCOMPARE(reader->message(result->storeId)->size, qint64(bytes.size()));
}

void tst_MessageStore::concurrentDeliveriesShareCommits()
{
    QTemporaryDir temp;
    QString error;
    auto store = MessageStore::open(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    const quint64 commitsBefore = store->commitCount();

    constexpr int kThreads = 4;
    constexpr int kPerThread = 50;
    QHash<qint64, QByteArray> expected; // filled in this thread, by the callbacks
    int completed = 0;
    int failed = 0;
    std::latch start(kThreads);
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back(QThread::create([&, t] {
            start.arrive_and_wait();
            for (int i = 0; i < kPerThread; ++i) {
                const QByteArray subject =
                    "t" + QByteArray::number(t) + "-m" + QByteArray::number(i);
                const QByteArray bytes = sampleMessage(subject, "body of " + subject + "\r\n");
                store->deliver(makeRequest(*store, bytes, store->allocateSessionId()), this,
                               [&, bytes](const DeliveryResult &result) {
                                   ++completed;
                                   if (!result.ok || expected.contains(result.storeId))
                                       ++failed;
                                   expected.insert(result.storeId, bytes);
                               });
            }
        }));
        threads.back()->start();
    }
    for (const auto &thread : threads)
        QVERIFY(thread->wait(60000));
    QTRY_COMPARE_WITH_TIMEOUT(completed, kThreads * kPerThread, 60000);
    QCOMPARE(failed, 0);
    QCOMPARE(expected.size(), kThreads * kPerThread);

    const quint64 commits = store->commitCount() - commitsBefore;
    qInfo("%d messages in %llu transactions", kThreads * kPerThread, commits);
    QVERIFY(commits > 0);
    QVERIFY2(commits < quint64(kThreads * kPerThread), "no group commit happened");

    auto reader = StoreReader::open(temp.path(), &error);
    QVERIFY2(reader, qPrintable(error));
    const QList<StoredMessage> all = reader->list();
    QCOMPARE(all.size(), kThreads * kPerThread);
    for (qsizetype i = 1; i < all.size(); ++i)
        QVERIFY(all[i - 1].id < all[i].id); // oldest first
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        QVERIFY(reader->raw(it.key()) == it.value());
}

void tst_MessageStore::readerSeesCommitsWhileWriterRuns()
{
    QTemporaryDir temp;
    QString error;
    auto store = MessageStore::open(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    auto reader = StoreReader::open(temp.path(), &error);
    QVERIFY2(reader, qPrintable(error));
    QCOMPARE(reader->messageCount(), qint64(0));

    const auto first = deliverAndWait(*store, makeRequest(*store, sampleMessage("one", "1"), 1));
    QVERIFY(first && first->ok);
    QCOMPARE(reader->messageCount(), qint64(1));
    const auto second = deliverAndWait(*store, makeRequest(*store, sampleMessage("two", "2"), 1));
    QVERIFY(second && second->ok);
    QCOMPARE(reader->messageCount(), qint64(2));
    QCOMPARE(reader->list().last().subject, u"two"_s);
}

void tst_MessageStore::databaseUsesWalAndIncrementalVacuum()
{
    QTemporaryDir temp;
    QString error;
    auto store = MessageStore::open(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    auto db =
        SqliteDatabase::open(store->databasePath(), SqliteDatabase::OpenMode::ReadOnly, &error);
    QVERIFY2(db, qPrintable(error));
    QString journalMode;
    QVERIFY(db->queryText("PRAGMA journal_mode", &journalMode));
    QCOMPARE(journalMode, u"wal"_s);
    qint64 value = 0;
    QVERIFY(db->queryInt64("PRAGMA auto_vacuum", &value));
    QCOMPARE(value, qint64(2)); // INCREMENTAL
    QVERIFY(db->queryInt64("PRAGMA user_version", &value));
    QCOMPARE(value, qint64(MessageStore::kSchemaVersion));
}

void tst_MessageStore::fullTextIndexIsWrittenWithTheMessage()
{
    QTemporaryDir temp;
    QString error;
    auto store = MessageStore::open(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    const auto result = deliverAndWait(
        *store,
        makeRequest(*store, sampleMessage("Quarterly report", "See you in Zanzibar.\r\n"), 3));
    QVERIFY(result && result->ok);

    auto db =
        SqliteDatabase::open(store->databasePath(), SqliteDatabase::OpenMode::ReadOnly, &error);
    QVERIFY2(db, qPrintable(error));
    for (const char *query :
         {"SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'body:zanzibar'",
          "SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'subject:quarterly'",
          "SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'addresses:carol'",
          "SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'addresses:jurgen'",
          "SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'addresses:zweiter'"}) {
        qint64 id = 0;
        QVERIFY2(db->queryInt64(query, &id), query);
        QCOMPARE(id, result->storeId);
    }
    qint64 none = -1;
    QVERIFY(db->queryInt64("SELECT count(*) FROM messages_fts WHERE messages_fts MATCH "
                           "'body:quarterly'",
                           &none));
    QCOMPARE(none, qint64(0));
}

void tst_MessageStore::deletedMessagesAreHiddenFromList()
{
    QTemporaryDir temp;
    QString error;
    auto store = MessageStore::open(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    const auto first = deliverAndWait(*store, makeRequest(*store, sampleMessage("a", "a"), 1));
    const auto second = deliverAndWait(*store, makeRequest(*store, sampleMessage("b", "b"), 1));
    QVERIFY(first && first->ok && second && second->ok);
    {
        // Until the store grows a delete command, flag the row by hand (read + deleted).
        auto db = SqliteDatabase::open(store->databasePath(),
                                       SqliteDatabase::OpenMode::ReadWriteCreate, &error);
        QVERIFY2(db, qPrintable(error));
        QVERIFY(db->exec("PRAGMA busy_timeout = 5000"));
        QVERIFY2(db->exec(QByteArray("UPDATE messages SET flags = 3 WHERE id = "
                                     + QByteArray::number(first->storeId))
                              .constData()),
                 qPrintable(db->errorString()));
    }
    auto reader = StoreReader::open(temp.path(), &error);
    QVERIFY2(reader, qPrintable(error));
    QCOMPARE(reader->messageCount(), qint64(1));
    QCOMPARE(reader->list().size(), 1);
    QCOMPARE(reader->list().first().id, second->storeId);
    const auto hidden = reader->message(first->storeId);
    QVERIFY(hidden);
    QVERIFY(hidden->read);
}

void tst_MessageStore::lockFileKeepsSecondStoreOut()
{
    QTemporaryDir temp;
    QString error;
    auto store = MessageStore::open(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));

    QString secondError;
    QVERIFY(!MessageStore::open(temp.path(), &secondError));
    QCOMPARE(secondError,
             u"store %1 is in use by another Letterbox process (pid %2)"_s.arg(temp.path())
                 .arg(QCoreApplication::applicationPid()));

    store.reset();
    auto again = MessageStore::open(temp.path(), &error);
    QVERIFY2(again, qPrintable(error));
}

void tst_MessageStore::openFailsWhenDirectoryCannotBeCreated()
{
    // Tests run as root, where permissions stop nothing; a path under a regular file fails
    // for everyone.
    QTemporaryDir temp;
    QFile file(temp.filePath(u"plain-file"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const QString directory = temp.filePath(u"plain-file/store"_s);
    QString error;
    QVERIFY(!MessageStore::open(directory, &error));
    QVERIFY2(error.startsWith(u"cannot create store directory %1: "_s.arg(directory)),
             qPrintable(error));
    QVERIFY2(error.contains(u"Not a directory"_s), qPrintable(error));
}

void tst_MessageStore::damagedDatabaseIsReported()
{
    QTemporaryDir temp;
    QFile file(temp.filePath(u"letterbox.sqlite3"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray garbage;
    for (int i = 0; i < 512; ++i)
        garbage += "this is not a database ";
    file.write(garbage);
    file.close();

    QString error;
    QVERIFY(!MessageStore::open(temp.path(), &error));
    QVERIFY2(error.contains(u"is not a Letterbox store / database is damaged"_s),
             qPrintable(error));
    QVERIFY2(error.contains(temp.filePath(u"letterbox.sqlite3"_s)), qPrintable(error));

    QVERIFY(!StoreReader::open(temp.path(), &error));
    QVERIFY2(error.contains(u"is not a Letterbox store / database is damaged"_s),
             qPrintable(error));

    // A failed open released the lock and left the file alone.
    QFile check(temp.filePath(u"letterbox.sqlite3"_s));
    QVERIFY(check.open(QIODevice::ReadOnly));
    QCOMPARE(check.readAll(), garbage);
    QVERIFY(!MessageStore::open(temp.path(), &error));
    QVERIFY2(!error.contains(u"in use"_s), qPrintable(error));
}

void tst_MessageStore::foreignDatabaseIsRefused()
{
    QTemporaryDir temp;
    QString error;
    {
        auto db = SqliteDatabase::open(temp.filePath(u"letterbox.sqlite3"_s),
                                       SqliteDatabase::OpenMode::ReadWriteCreate, &error);
        QVERIFY2(db, qPrintable(error));
        QVERIFY(db->exec("CREATE TABLE other(x)"));
    }
    QVERIFY(!MessageStore::open(temp.path(), &error));
    QVERIFY2(error.contains(u"is not a Letterbox store"_s), qPrintable(error));
    QVERIFY(!StoreReader::open(temp.path(), &error));
    QVERIFY2(error.contains(u"is not a Letterbox store"_s), qPrintable(error));
}

void tst_MessageStore::readerNeedsAStore()
{
    QTemporaryDir temp;
    QString error;
    const QString directory = temp.filePath(u"nothing-here"_s);
    QVERIFY(!StoreReader::open(directory, &error));
    QCOMPARE(error, u"no store at %1"_s.arg(directory));
    QVERIFY(!QFileInfo::exists(directory)); // a reader never creates anything
}

void tst_MessageStore::sessionTraceRoundTrip()
{
    QTemporaryDir temp;
    QString error;
    auto store = MessageStore::open(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    const quint64 sessionId = store->allocateSessionId();

    QList<ProtocolLine> expected = {
        line(sessionId, Direction::ServerToClient, "220 letterbox ESMTP\r\n"_ba),
        line(sessionId, Direction::ClientToServer, "EHLO client.example.test\r\n"_ba),
        line(sessionId, Direction::Note, "TLS established"_ba),
        line(sessionId, Direction::ClientToServer, QByteArray(1000, 'x'), 12345),
    };
    expected[0].time = QDateTime(); // an invalid time survives as invalid
    DeliveryRequest request = makeRequest(*store, sampleMessage("traced", "x"), sessionId);
    request.traceDelta = expected;
    const auto result = deliverAndWait(*store, std::move(request));
    QVERIFY(result && result->ok);

    SessionInfo end;
    end.sessionId = sessionId;
    end.started = nowMs();
    end.ended = nowMs();
    end.remoteAddress = u"::1"_s;
    end.remotePort = 50000;
    end.heloName = u"client.example.test"_s;
    end.messages = 1;
    end.endReason = u"quit"_s;
    const QList<ProtocolLine> tail = {
        line(sessionId, Direction::ClientToServer, "QUIT\r\n"_ba),
        line(sessionId, Direction::ServerToClient, "221 bye\r\n"_ba),
    };
    store->recordSessionEnd(end, tail);
    expected += tail;
    store->flush();

    auto reader = StoreReader::open(temp.path(), &error);
    QVERIFY2(reader, qPrintable(error));
    const QList<ProtocolLine> trace = reader->sessionTrace(sessionId);
    QCOMPARE(trace.size(), expected.size());
    for (qsizetype i = 0; i < trace.size(); ++i) {
        QCOMPARE(trace[i].sessionId, sessionId);
        QCOMPARE(trace[i].time.isValid(), expected[i].time.isValid());
        if (expected[i].time.isValid())
            QCOMPARE(trace[i].time.toMSecsSinceEpoch(), expected[i].time.toMSecsSinceEpoch());
        QCOMPARE(toString(trace[i].direction), toString(expected[i].direction));
        QCOMPARE(trace[i].bytes, expected[i].bytes);
        QCOMPARE(trace[i].truncatedBytes, expected[i].truncatedBytes);
    }
    QVERIFY(reader->sessionTrace(sessionId + 1).isEmpty());

    const auto session = reader->session(sessionId);
    QVERIFY(session);
    QCOMPARE(session->ended.toMSecsSinceEpoch(), end.ended.toMSecsSinceEpoch());
    QCOMPARE(session->endReason, u"quit"_s);
    QCOMPARE(session->messages, 1);
    QCOMPARE(session->remoteAddress, u"::1"_s);
    QCOMPARE(session->remotePort, quint16(50000));
}

void tst_MessageStore::sessionTraceIsCapped()
{
    QTemporaryDir temp;
    QString error;
    auto store = MessageStore::open(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    const quint64 sessionId = store->allocateSessionId();
    SessionInfo session;
    session.sessionId = sessionId;
    session.started = nowMs();

    constexpr qsizetype kLine = 64 * 1024;
    constexpr qsizetype kFitting = StoreWriter::kMaxTraceBytesPerSession / kLine;
    static_assert(kFitting * kLine == StoreWriter::kMaxTraceBytesPerSession);
    // Half in a delivery-sized chunk, the rest (and 4 lines too many) at the end, so the cap
    // is counted across chunks.
    QList<ProtocolLine> firstHalf;
    for (qsizetype i = 0; i < kFitting / 2; ++i)
        firstHalf.append(line(sessionId, Direction::ClientToServer, QByteArray(kLine, 'a')));
    QList<ProtocolLine> rest;
    for (qsizetype i = kFitting / 2; i < kFitting + 4; ++i)
        rest.append(line(sessionId, Direction::ClientToServer, QByteArray(kLine, 'b')));
    store->recordSessionEnd(session, firstHalf);
    store->flush();
    store->recordSessionEnd(session, rest);
    store->recordSessionEnd(session, {line(sessionId, Direction::ClientToServer, "QUIT\r\n"_ba)});
    store->flush();

    auto reader = StoreReader::open(temp.path(), &error);
    QVERIFY2(reader, qPrintable(error));
    const QList<ProtocolLine> trace = reader->sessionTrace(sessionId);
    QCOMPARE(trace.size(), kFitting + 1);
    qint64 stored = 0;
    for (qsizetype i = 0; i < kFitting; ++i) {
        QCOMPARE(toString(trace[i].direction), toString(Direction::ClientToServer));
        stored += trace[i].bytes.size();
    }
    QCOMPARE(stored, StoreWriter::kMaxTraceBytesPerSession);
    QCOMPARE(toString(trace.last().direction), toString(Direction::Note));
    QCOMPARE(trace.last().bytes, "trace truncated"_ba);
    QCOMPARE(trace.last().truncatedBytes, 4 * kLine);
}

void tst_MessageStore::sessionIdsContinueAfterReopen()
{
    QTemporaryDir temp;
    QString error;
    quint64 last = 0;
    {
        auto store = MessageStore::open(temp.path(), &error);
        QVERIFY2(store, qPrintable(error));
        const quint64 first = store->allocateSessionId();
        last = store->allocateSessionId();
        QCOMPARE(last, first + 1);
        SessionInfo session;
        session.sessionId = last;
        session.started = nowMs();
        session.ended = nowMs();
        store->recordSessionEnd(session, {});
    } // the destructor commits what is queued
    auto store = MessageStore::open(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    QCOMPARE(store->allocateSessionId(), last + 1);
}

void tst_MessageStore::callbackSkippedWhenContextDestroyed()
{
    QTemporaryDir temp;
    QString error;
    auto store = MessageStore::open(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));

    bool calledAfterDeath = false;
    auto context = std::make_unique<QObject>();
    store->deliver(makeRequest(*store, sampleMessage("orphan", "x"), 1), context.get(),
                   [&calledAfterDeath](const DeliveryResult &) { calledAfterDeath = true; });
    context.reset();
    store->flush(); // committed; any callback is now queued to this thread

    // Callbacks to one thread arrive in order, so once this one ran, the other had its chance.
    const auto sentinel = deliverAndWait(*store, makeRequest(*store, sampleMessage("s", "s"), 1));
    QVERIFY(sentinel && sentinel->ok);
    QVERIFY(!calledAfterDeath);

    auto reader = StoreReader::open(temp.path(), &error);
    QVERIFY2(reader, qPrintable(error));
    QCOMPARE(reader->messageCount(), qint64(2)); // the message itself was stored
}

void tst_MessageStore::callbackRunsInContextThread()
{
    QTemporaryDir temp;
    QString error;
    auto store = MessageStore::open(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));

    QThread worker;
    worker.setObjectName(u"session-worker"_s);
    worker.start();
    QObject context;
    context.moveToThread(&worker);
    std::atomic<QThread *> ranIn{nullptr};
    store->deliver(makeRequest(*store, sampleMessage("threaded", "x"), 1), &context,
                   [&ranIn](const DeliveryResult &) { ranIn = QThread::currentThread(); });
    QTRY_VERIFY_WITH_TIMEOUT(ranIn.load() != nullptr, 30000);
    QCOMPARE(ranIn.load(), &worker);
    worker.quit();
    QVERIFY(worker.wait(30000));
}

void tst_MessageStore::missingDataFailsOnlyThatMessage()
{
    QTemporaryDir temp;
    QString error;
    auto store = MessageStore::open(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    QSignalSpy storeErrors(store.get(), &MessageStore::storeError);

    std::optional<DeliveryResult> broken;
    std::optional<DeliveryResult> fine;
    DeliveryRequest empty = makeRequest(*store, {}, 1);
    empty.data = nullptr;
    // Usually both land in one transaction; either way only the broken one may fail.
    store->deliver(std::move(empty), this, [&broken](const DeliveryResult &r) { broken = r; });
    store->deliver(makeRequest(*store, sampleMessage("fine", "x"), 1), this,
                   [&fine](const DeliveryResult &r) { fine = r; });
    QTRY_VERIFY_WITH_TIMEOUT(broken && fine, 30000);
    QVERIFY(!broken->ok);
    QCOMPARE(broken->error, u"no message data"_s);
    QVERIFY2(fine->ok, qPrintable(fine->error));
    QTRY_COMPARE_WITH_TIMEOUT(storeErrors.count(), 1, 30000);
    QVERIFY(storeErrors.at(0).at(0).toString().contains(u"no message data"_s));

    auto reader = StoreReader::open(temp.path(), &error);
    QVERIFY2(reader, qPrintable(error));
    QCOMPARE(reader->messageCount(), qint64(1));
}

void tst_MessageStore::maildirMirrorGetsTheStoredBytes()
{
    QTemporaryDir temp;
    QString error;
    auto store = MessageStore::open(temp.filePath(u"store"_s), &error);
    QVERIFY2(store, qPrintable(error));
    const QString maildir = temp.filePath(u"maildir"_s);
    QVERIFY2(store->setMaildirMirror(maildir, &error), qPrintable(error));
    QSignalSpy storeErrors(store.get(), &MessageStore::storeError);

    QByteArray large = sampleMessage("large", {});
    while (large.size() < 2 * 1024 * 1024)
        large += "0123456789abcdef\r\n";
    const auto small = deliverAndWait(*store, makeRequest(*store, sampleMessage("small", "x"), 1));
    const auto big = deliverAndWait(*store, makeRequest(*store, large, 1, 64 * 1024));
    QVERIFY(small && small->ok && big && big->ok);
    store->flush();

    auto reader = StoreReader::open(temp.filePath(u"store"_s), &error);
    QVERIFY2(reader, qPrintable(error));
    const QStringList names = QDir(maildir + u"/new"_s).entryList(QDir::Files, QDir::Name);
    QCOMPARE(names.size(), 2);
    QSet<QByteArray> mirrored;
    for (const QString &name : names) {
        QFile file(maildir + u"/new/"_s + name);
        QVERIFY(file.open(QIODevice::ReadOnly));
        mirrored.insert(file.readAll());
    }
    QVERIFY(mirrored.contains(reader->raw(small->storeId)));
    QVERIFY(mirrored.contains(reader->raw(big->storeId)));
    QVERIFY(QDir(maildir + u"/tmp"_s).entryList(QDir::Files).isEmpty());
    QCOMPARE(storeErrors.count(), 0);
}

void tst_MessageStore::maildirMirrorRefusesUnusableFolder()
{
    QTemporaryDir temp;
    QString error;
    auto store = MessageStore::open(temp.filePath(u"store"_s), &error);
    QVERIFY2(store, qPrintable(error));
    QFile file(temp.filePath(u"plain-file"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QVERIFY(!store->setMaildirMirror(temp.filePath(u"plain-file/maildir"_s), &error));
    QVERIFY2(error.contains(u"cannot be used"_s), qPrintable(error));
    // Delivery is unaffected.
    const auto result = deliverAndWait(*store, makeRequest(*store, sampleMessage("ok", "x"), 1));
    QVERIFY(result && result->ok);
}

QTEST_GUILESS_MAIN(tst_MessageStore)
#include "tst_messagestore.moc"
