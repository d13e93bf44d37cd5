// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "events/events.h"
#include "openstore.h"
#include "relay/relayrecords.h"
#include "resulttext.h"
#include "store/messageanalysis.h"
#include "store/messagestore.h"
#include "store/sessionrecorder.h"
#include "store/sqlitedatabase.h"
#include "store/storemaintenance.h"
#include "store/storereader.h"
#include "store/storewriter.h"
#include "store/tracebacklog.h"
#include "store/tracecodec.h"

#include <QBuffer>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <iterator>
#include <latch>
#include <memory>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace Qt::StringLiterals;

// A relay attempt of message `id` as the relay stores it, different for every message.
static RelayOutcome relayAttemptOf(qint64 id)
{
    RelayOutcome outcome;
    outcome.messageId = id;
    outcome.started = QDateTime::fromSecsSinceEpoch(1'600'000'000 + id, Qt::UTC);
    outcome.target = u"127.0.0.1:%1"_s.arg(2000 + id);
    RecipientResult recipient;
    recipient.address = "bob@example.test";
    recipient.code = 451;
    recipient.enhancedCode = "4.7.1";
    recipient.text = u"greylisted %1"_s.arg(id);
    outcome.recipients = {recipient};
    return outcome;
}

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
    void removedMessagesDisappearEverywhere();
    void setReadIsReported();
    void readerSortsIdsAndCounts();
    void senderSortFollowsTheDisplayedSender();
    void pendingChangesSurviveShutdown();
    void removeAllKeepsLaterMessages();
    void bigRemovalIsPurgedInSteps();
    void flaggedMessagesArePurgedAfterRestart();
    void sessionIdsAreNotReusedAfterDeletion();
    void retentionKeepsTheNewest();
    void retentionDropsOldMessages();
    void findingsAndAttachmentsAreStored();
    void largeMessagesAreCheckedInPart();
    void attachmentHeuristic_data();
    void attachmentHeuristic();
    void rebuildIndexRepairsTheIndex();
    void rebuildIndexSalvagesAGarbageFile();
    void rebuildIndexSalvagesReadableRows();
    void rebuildIndexRefusesAStoreInUse();
    void lockFileKeepsSecondStoreOut();
    void openSaysStoreInUseWhenLocked();
    void openSaysStoreUnwritableForReadOnlyDirectory();
    void traceCodecRoundTrip();
    void traceCodecUnknownDirectionIsANote();
    void traceCodecSplitsSquashedReplies();
    void setMaildirMirrorFromAnotherThread();
    void openFailsWhenDirectoryCannotBeCreated();
    void newStoreIsPrivateWhateverTheUmask();
    void existingStoreIsMadePrivate();
    void damagedDatabaseIsReported();
    void foreignDatabaseIsRefused();
    void readerNeedsAStore();
    void sessionTraceRoundTrip();
    void sessionTraceIsCapped();
    void revealedCredentialsAreNeverStored();
    void sessionIdsContinueAfterReopen();
    void sessionsWithoutMessagesAreBounded();
    void callbackSkippedWhenContextDestroyed();
    void callbackRunsInContextThread();
    void missingDataFailsOnlyThatMessage();
    void maildirMirrorGetsTheStoredBytes();
    void maildirMirrorRefusesUnusableFolder();

private:
    QList<qint64> deliverMany(MessageStore &store, int count);
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
        const Result<void> appended = spool->append(QByteArrayView(bytes).sliced(
            offset, qMin<qsizetype>(64 * 1024, bytes.size() - offset)));
        if (!appended)
            qFatal("spool append failed: %s", qPrintable(appended.error().message));
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

QList<qint64> tst_MessageStore::deliverMany(MessageStore &store, int count)
{
    QList<qint64> ids;
    int done = 0;
    for (int i = 0; i < count; ++i) {
        const QByteArray subject = "bulk " + QByteArray::number(i);
        store.deliver(makeRequest(store, sampleMessage(subject, "body " + subject + "\r\n"), 1),
                      this, [&ids, &done](const DeliveryResult &result) {
                          ++done;
                          if (result.ok)
                              ids.append(result.storeId);
                      });
    }
    if (!QTest::qWaitFor([&done, count] { return done == count; }, 60000))
        return {};
    std::sort(ids.begin(), ids.end());
    return ids;
}

static qint64 queryNumber(const QString &databasePath, const QByteArray &sql)
{
    QString error;
    auto dbOpened = SqliteDatabase::open(databasePath, SqliteDatabase::OpenMode::ReadOnly);
    if (!dbOpened)
        error = dbOpened.error().message;
    auto db = dbOpened ? std::move(*dbOpened) : nullptr;
    return db ? db->queryInt64(sql.constData()).valueOr(-1) : -1;
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

void tst_MessageStore::initTestCase()
{
    registerEventMetaTypes();
}

void tst_MessageStore::smallMessageRoundTrip()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    QString error;
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    QCOMPARE(store->databasePath(), temp.filePath(u"letterbox.sqlite3"_s));
    QVERIFY(QFileInfo(store->spoolDirectory()).isDir());

    const QByteArray bytes =
        sampleMessage("=?UTF-8?B?R3LDvMOfZQ==?=", "Hello\r\n..not unstuffed twice\r\n\x01\xff\r\n");
    DeliveryRequest request = makeRequest(*store, bytes, store->allocateSessionId());
    const DeliveryRequest copy = request;
    const auto result = deliverAndWait(*store, std::move(request));
    QVERIFY(result);
    QVERIFY2(result->ok, qPrintable(result->error.message));
    QVERIFY(result->storeId > 0);
    QCOMPARE(result->subject, u"Grüße"_s);

    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    QCOMPARE(reader->raw(result->storeId), bytes);
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    const Result<void> written = reader->writeRaw(result->storeId, &buffer);
    QVERIFY2(written, qPrintable(errorText(written)));
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
    const Result<void> missing = reader->writeRaw(result->storeId + 1, &buffer);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    QCOMPARE(missing.error().message, u"no message %1"_s.arg(result->storeId + 1));

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
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));

    QByteArray bytes = sampleMessage("large", {});
    for (int i = 0; bytes.size() < 5 * 1024 * 1024; ++i)
        bytes +=
            "Line " + QByteArray::number(i) + " of a large message, with some \xc3\xa9 bytes\r\n";
    DeliveryRequest request = makeRequest(*store, bytes, store->allocateSessionId(), 64 * 1024);
    QVERIFY(!request.data->isInMemory());
    const auto result = deliverAndWait(*store, std::move(request));
    QVERIFY(result);
    QVERIFY2(result->ok, qPrintable(result->error.message));
    QCOMPARE(result->subject, u"large"_s);

    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    ChunkRecorder recorder;
    const Result<void> written = reader->writeRaw(result->storeId, &recorder);
    QVERIFY2(written, qPrintable(errorText(written)));
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
    auto store = openStore(temp.path(), &error);
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

    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
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
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
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
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    auto dbOpened = SqliteDatabase::open(store->databasePath(), SqliteDatabase::OpenMode::ReadOnly);
    QVERIFY2(dbOpened, qPrintable(errorText(dbOpened)));
    auto db = std::move(*dbOpened);
    QCOMPARE(db->queryText("PRAGMA journal_mode").valueOr({}), u"wal"_s);
    QCOMPARE(db->queryInt64("PRAGMA auto_vacuum").valueOr(-1), qint64(2)); // INCREMENTAL
    QCOMPARE(db->queryInt64("PRAGMA user_version").valueOr(-1),
             qint64(MessageStore::kSchemaVersion));
}

void tst_MessageStore::fullTextIndexIsWrittenWithTheMessage()
{
    QTemporaryDir temp;
    QString error;
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    const auto result = deliverAndWait(
        *store,
        makeRequest(*store, sampleMessage("Quarterly report", "See you in Zanzibar.\r\n"), 3));
    QVERIFY(result && result->ok);

    auto dbOpened = SqliteDatabase::open(store->databasePath(), SqliteDatabase::OpenMode::ReadOnly);
    QVERIFY2(dbOpened, qPrintable(errorText(dbOpened)));
    auto db = std::move(*dbOpened);
    for (const char *query :
         {"SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'body:zanzibar'",
          "SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'subject:quarterly'",
          "SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'cc:carol'",
          "SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'sender:jurgen'",
          "SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'sender:sender'",
          "SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'recipients:bob'",
          "SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'recipients:zweiter'"}) {
        const Result<qint64> id = db->queryInt64(query);
        QVERIFY2(id, query);
        QCOMPARE(*id, result->storeId);
    }
    QCOMPARE(db->queryInt64("SELECT count(*) FROM messages_fts WHERE messages_fts MATCH "
                            "'body:quarterly'")
                 .valueOr(-1),
             qint64(0));
}

void tst_MessageStore::removedMessagesDisappearEverywhere()
{
    QTemporaryDir temp;
    QString error;
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    const quint64 shared = store->allocateSessionId();
    const quint64 alone = store->allocateSessionId();
    DeliveryRequest first = makeRequest(*store, sampleMessage("alpha", "kept apart"), shared);
    first.traceDelta = {line(shared, Direction::ClientToServer, "EHLO shared\r\n"_ba)};
    DeliveryRequest third = makeRequest(*store, sampleMessage("gamma", "kept apart"), alone);
    third.traceDelta = {line(alone, Direction::ClientToServer, "EHLO alone\r\n"_ba)};
    const auto a = deliverAndWait(*store, std::move(first));
    const auto b = deliverAndWait(*store, makeRequest(*store, sampleMessage("beta", "x"), shared));
    const auto c = deliverAndWait(*store, std::move(third));
    QVERIFY(a && a->ok && b && b->ok && c && c->ok);

    QSignalSpy removed(store.get(), &MessageStore::messagesRemoved);
    store->remove({a->storeId, c->storeId, c->storeId + 1000});
    QVERIFY(removed.wait(30000));
    QCOMPARE(removed.at(0).at(0).value<QList<qint64>>(), (QList<qint64>{a->storeId, c->storeId}));

    // Gone for readers with the signal, whether or not the purge has run yet.
    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    QCOMPARE(reader->messageCount(), qint64(1));
    QCOMPARE(reader->list().size(), 1);
    QCOMPARE(reader->list().first().id, b->storeId);
    const auto found = reader->search(u"apart"_s);
    QVERIFY2(found && found->isEmpty(), qPrintable(errorText(found)));

    store->finishMaintenance();
    const QString path = store->databasePath();
    const QByteArray ids =
        "(" + QByteArray::number(a->storeId) + ", " + QByteArray::number(c->storeId) + ")";
    QCOMPARE(queryNumber(path, "SELECT count(*) FROM messages WHERE id IN " + ids), 0);
    QCOMPARE(queryNumber(path, "SELECT count(*) FROM message_raw WHERE id IN " + ids), 0);
    QCOMPARE(queryNumber(path, "SELECT count(*) FROM messages_fts WHERE rowid IN " + ids), 0);
    QCOMPARE(queryNumber(path, "SELECT count(*) FROM findings WHERE message_id IN " + ids), 0);
    QCOMPARE(queryNumber(path, "SELECT count(*) FROM messages_fts"), 1);
    // The session that still has a message keeps its trace; the other one is gone.
    QCOMPARE(
        queryNumber(path, "SELECT count(*) FROM sessions WHERE id = " + QByteArray::number(shared)),
        1);
    QCOMPARE(reader->sessionTrace(shared).size(), 1);
    QVERIFY(!reader->session(alone));
    QVERIFY(reader->sessionTrace(alone).isEmpty());
    QCOMPARE(queryNumber(path, "PRAGMA freelist_count"), 0);
    QVERIFY(!reader->message(a->storeId));
    QVERIFY(reader->raw(a->storeId).isEmpty());

    // Removing what is gone reports nothing.
    store->remove({a->storeId});
    store->flush();
    QCOMPARE(removed.count(), 1);
}

void tst_MessageStore::setReadIsReported()
{
    QTemporaryDir temp;
    QString error;
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    const auto a = deliverAndWait(*store, makeRequest(*store, sampleMessage("a", "a"), 1));
    const auto b = deliverAndWait(*store, makeRequest(*store, sampleMessage("b", "b"), 1));
    QVERIFY(a && a->ok && b && b->ok);
    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);

    QSignalSpy changed(store.get(), &MessageStore::messagesChanged);
    store->setRead({a->storeId, b->storeId + 1000}, true);
    QVERIFY(changed.wait(30000));
    QCOMPARE(changed.at(0).at(0).value<QList<qint64>>(), QList<qint64>{a->storeId});
    QVERIFY(reader->message(a->storeId)->read);
    QVERIFY(!reader->message(b->storeId)->read);

    store->setRead({a->storeId}, false);
    QVERIFY(changed.wait(30000));
    QVERIFY(!reader->message(a->storeId)->read);
}

// The inbox's window over the store: ordered ids by column in SQL, summaries by id, counts.
void tst_MessageStore::readerSortsIdsAndCounts()
{
    QTemporaryDir temp;
    QString error;
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    QList<qint64> ids;
    for (const QByteArray subject : {"beta", "Alpha", "gamma", ""}) {
        const auto result = deliverAndWait(
            *store, makeRequest(*store, sampleMessage(subject, subject + " body\r\n"), 1));
        QVERIFY(result && result->ok);
        ids.append(result->storeId);
    }
    store->setRead({ids.at(0)}, true);
    store->remove({ids.at(2)});
    store->flush();
    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    using Field = StoreReader::SortField;

    // Text sorts without ASCII case; an empty subject first; deleted messages are left out.
    QCOMPARE(reader->searchIds({}, Field::Subject, Qt::AscendingOrder).valueOr({}),
             QList<qint64>({ids.at(3), ids.at(1), ids.at(0)}));
    QCOMPARE(reader->searchIds({}, Field::Subject, Qt::DescendingOrder).valueOr({}),
             QList<qint64>({ids.at(0), ids.at(1), ids.at(3)}));
    // Equal keys fall back to the id, in the same direction.
    QCOMPARE(reader->searchIds({}, Field::Attachments, Qt::DescendingOrder).valueOr({}),
             QList<qint64>({ids.at(3), ids.at(1), ids.at(0)}));
    QCOMPARE(reader->searchIds({}, Field::Received, Qt::AscendingOrder).valueOr({}),
             QList<qint64>({ids.at(0), ids.at(1), ids.at(3)}));
    QCOMPARE(reader->searchIds(QStringLiteral("is:unread"), Field::Subject, Qt::AscendingOrder)
                 .valueOr({}),
             QList<qint64>({ids.at(3), ids.at(1)}));
    QCOMPARE(reader
                 ->searchIds(QStringLiteral("body:alpha OR subject:beta"), Field::Subject,
                             Qt::DescendingOrder)
                 .valueOr({}),
             QList<qint64>({ids.at(0), ids.at(1)}));
    const auto unparsed =
        reader->searchIds(QStringLiteral("nope:x"), Field::Size, Qt::AscendingOrder);
    QVERIFY(!unparsed);
    QCOMPARE(unparsed.error().code, ErrorCode::InvalidValue);
    QVERIFY(unparsed.error().message.contains(u"nope"));

    const QList<StoredMessage> page = reader->messages({ids.at(3), 424242, ids.at(2), ids.at(0)});
    QCOMPARE(page.size(), 2);
    QCOMPARE(page.at(0).id, ids.at(3));
    QCOMPARE(page.at(1).id, ids.at(0));
    QVERIFY(page.at(1).read);

    const StoreReader::Counts counts = reader->counts();
    QCOMPARE(counts.messages, 3);
    QCOMPARE(counts.unread, 2);
}

/// Sorting by sender in SQL (StoredMessage::kDisplayedSenderSql) and the inbox's From column
/// (StoredMessage::displayedSender()) apply one rule: the From header, or MAIL FROM without it.
void tst_MessageStore::senderSortFollowsTheDisplayedSender()
{
    QTemporaryDir temp;
    QString error;
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    struct Sample
    {
        QByteArray fromHeader; ///< empty: no From header at all
        QByteArray mailFrom;
    };
    const Sample samples[] = {
        {"From: zed <z@example.test>\r\n", "a-first@example.test"},
        {{}, "mallory@example.test"},
        {"From: Bob <b@example.test>\r\n", "zz-last@example.test"},
        {"From: \r\n", "Carol@example.test"}, // an empty From header falls back too
        {{}, "alice@example.test"},
    };
    for (const Sample &sample : samples) {
        DeliveryRequest request =
            makeRequest(*store, "Subject: s\r\n" + sample.fromHeader + "\r\nbody\r\n", 1);
        request.envelope.mailFrom = sample.mailFrom;
        const auto result = deliverAndWait(*store, std::move(request));
        QVERIFY(result && result->ok);
    }
    store->flush();
    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);

    for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        const QList<qint64> ids =
            reader->searchIds({}, StoreReader::SortField::From, order).valueOr({});
        QCOMPARE(ids.size(), qsizetype(std::size(samples)));
        QStringList shown;
        for (const StoredMessage &message : reader->messages(ids))
            shown.append(message.displayedSender());
        QVERIFY2(shown.contains(u"mallory@example.test"_s), qPrintable(shown.join(u" | ")));
        QVERIFY2(shown.contains(u"Carol@example.test"_s), qPrintable(shown.join(u" | ")));
        QStringList sorted = shown;
        std::stable_sort(sorted.begin(), sorted.end(), [order](const QString &a, const QString &b) {
            const int compared = a.compare(b, Qt::CaseInsensitive);
            return order == Qt::AscendingOrder ? compared < 0 : compared > 0;
        });
        QCOMPARE(shown, sorted);
    }
}

void tst_MessageStore::pendingChangesSurviveShutdown()
{
    QTemporaryDir temp;
    QString error;
    constexpr int kCount = 1500;
    QList<qint64> ids;
    {
        auto store = openStore(temp.path(), &error);
        QVERIFY2(store, qPrintable(error));
        ids = deliverMany(*store, kCount);
        QCOMPARE(ids.size(), kCount);
        // Applied a time slice per turn; whatever is left when the store closes still counts.
        store->setRead(ids, true);
        store->remove(ids.first(kCount / 3));
    }
    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    QCOMPARE(reader->messageCount(), qint64(kCount - kCount / 3));
    const auto unread = reader->search(u"is:unread"_s);
    QVERIFY2(unread && unread->isEmpty(), qPrintable(errorText(unread)));
}

void tst_MessageStore::removeAllKeepsLaterMessages()
{
    QTemporaryDir temp;
    QString error;
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    const QList<qint64> before = deliverMany(*store, 20);
    QCOMPARE(before.size(), 20);

    QSignalSpy removed(store.get(), &MessageStore::messagesRemoved);
    store->removeAll();
    const auto later = deliverAndWait(*store, makeRequest(*store, sampleMessage("later", "x"), 2));
    QVERIFY(later && later->ok);
    QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 1, 30000);
    QVERIFY(removed.at(0).at(0).value<QList<qint64>>().isEmpty());
    store->finishMaintenance();

    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    QCOMPARE(reader->messageCount(), qint64(1));
    QCOMPARE(reader->list().first().id, later->storeId);
    QCOMPARE(queryNumber(store->databasePath(), "SELECT count(*) FROM message_raw"), 1);
}

void tst_MessageStore::bigRemovalIsPurgedInSteps()
{
    QTemporaryDir temp;
    QString error;
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    constexpr int kCount = 2 * StoreMaintenance::kPurgeBatchMessages + 100;
    const QList<qint64> ids = deliverMany(*store, kCount);
    QCOMPARE(ids.size(), kCount);

    const quint64 commitsBefore = store->commitCount();
    const qint64 pagesBefore = queryNumber(store->databasePath(), "PRAGMA page_count");
    QSignalSpy removed(store.get(), &MessageStore::messagesRemoved);
    store->remove(ids);
    // Flagged a time slice per turn, so possibly reported in several parts.
    QList<qint64> reported;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (; !removed.isEmpty(); removed.removeFirst())
                reported += removed.first().at(0).value<QList<qint64>>();
            return reported.size() >= ids.size();
        }(),
        30000);
    std::sort(reported.begin(), reported.end());
    QCOMPARE(reported, ids);
    // Delivery goes on while the purge runs.
    const auto during =
        deliverAndWait(*store, makeRequest(*store, sampleMessage("during", "x"), 2));
    QVERIFY(during && during->ok);
    store->finishMaintenance();

    // One step per turn: at least three purge turns for this many, each its own commit.
    const quint64 turns = store->commitCount() - commitsBefore;
    QVERIFY2(turns >= 3, qPrintable(QString::number(turns)));
    QCOMPARE(queryNumber(store->databasePath(), "SELECT count(*) FROM messages"), 1);
    QCOMPARE(queryNumber(store->databasePath(), "SELECT count(*) FROM messages_fts"), 1);
    // The file shrank. (The freelist need not be empty: the delivery may come after the
    // vacuum, and the index frees pages whenever it merges segments.)
    const qint64 pagesAfter = queryNumber(store->databasePath(), "PRAGMA page_count");
    QVERIFY2(pagesAfter < pagesBefore / 2,
             qPrintable(u"%1 pages before, %2 after"_s.arg(pagesBefore).arg(pagesAfter)));
}

void tst_MessageStore::flaggedMessagesArePurgedAfterRestart()
{
    QTemporaryDir temp;
    QString error;
    qint64 flagged = 0;
    {
        auto store = openStore(temp.path(), &error);
        QVERIFY2(store, qPrintable(error));
        const auto a = deliverAndWait(*store, makeRequest(*store, sampleMessage("a", "a"), 1));
        const auto b = deliverAndWait(*store, makeRequest(*store, sampleMessage("b", "b"), 1));
        QVERIFY(a && a->ok && b && b->ok);
        flagged = a->storeId;
    }
    {
        // As if the process had stopped between flagging and purging.
        auto dbOpened = SqliteDatabase::open(temp.filePath(u"letterbox.sqlite3"_s),
                                             SqliteDatabase::OpenMode::ReadWriteCreate);
        QVERIFY2(dbOpened, qPrintable(errorText(dbOpened)));
        auto db = std::move(*dbOpened);
        QVERIFY(db->exec(
            QByteArray("UPDATE messages SET flags = 3 WHERE id = " + QByteArray::number(flagged))
                .constData()));
    }
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    store->finishMaintenance();
    QCOMPARE(queryNumber(store->databasePath(), "SELECT count(*) FROM messages"), 1);
    QCOMPARE(queryNumber(store->databasePath(), "SELECT count(*) FROM message_raw"), 1);
}

void tst_MessageStore::sessionIdsAreNotReusedAfterDeletion()
{
    QTemporaryDir temp;
    QString error;
    quint64 last = 0;
    {
        auto store = openStore(temp.path(), &error);
        QVERIFY2(store, qPrintable(error));
        for (int i = 0; i < 3; ++i) {
            last = store->allocateSessionId();
            const auto result =
                deliverAndWait(*store, makeRequest(*store, sampleMessage("s", "s"), last));
            QVERIFY(result && result->ok);
        }
        store->removeAll();
        store->finishMaintenance();
        QCOMPARE(queryNumber(store->databasePath(), "SELECT count(*) FROM sessions"), 0);
    }
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    QCOMPARE(store->allocateSessionId(), last + 1);
}

void tst_MessageStore::retentionKeepsTheNewest()
{
    QTemporaryDir temp;
    QString error;
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    const QList<qint64> ids = deliverMany(*store, 10);
    QCOMPARE(ids.size(), 10);

    QSignalSpy removed(store.get(), &MessageStore::messagesRemoved);
    store->setRetention({5, 0});
    QVERIFY(removed.wait(30000));
    QCOMPARE(removed.at(0).at(0).value<QList<qint64>>(), ids.first(5));

    // Each delivery batch pushes the oldest out.
    const auto next = deliverAndWait(*store, makeRequest(*store, sampleMessage("next", "x"), 1));
    QVERIFY(next && next->ok);
    QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 2, 30000);
    QCOMPARE(removed.at(1).at(0).value<QList<qint64>>(), QList<qint64>{ids[5]});
    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    QCOMPARE(reader->messageCount(), qint64(5));

    store->setRetention({});
    const auto more = deliverAndWait(*store, makeRequest(*store, sampleMessage("more", "x"), 1));
    QVERIFY(more && more->ok);
    store->finishMaintenance();
    QCOMPARE(removed.count(), 2);
    QCOMPARE(reader->messageCount(), qint64(6));
}

void tst_MessageStore::retentionDropsOldMessages()
{
    QTemporaryDir temp;
    QString error;
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    QList<qint64> old;
    for (int i = 0; i < 3; ++i) {
        DeliveryRequest request = makeRequest(*store, sampleMessage("old", "x"), 1);
        request.received = nowMs().addDays(-10 - i);
        const auto result = deliverAndWait(*store, std::move(request));
        QVERIFY(result && result->ok);
        old.append(result->storeId);
    }
    const auto fresh = deliverAndWait(*store, makeRequest(*store, sampleMessage("new", "x"), 1));
    QVERIFY(fresh && fresh->ok);

    QSignalSpy removed(store.get(), &MessageStore::messagesRemoved);
    store->setRetention({0, 7});
    QVERIFY(removed.wait(30000));
    QList<qint64> gone = removed.at(0).at(0).value<QList<qint64>>();
    std::sort(gone.begin(), gone.end());
    QCOMPARE(gone, old);
    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    QCOMPARE(reader->messageCount(), qint64(1));
    QCOMPARE(reader->list().first().id, fresh->storeId);
}

void tst_MessageStore::findingsAndAttachmentsAreStored()
{
    QTemporaryDir temp;
    QString error;
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    // sampleMessage() has neither Date nor MIME structure.
    const auto plain = deliverAndWait(*store, makeRequest(*store, sampleMessage("p", "p"), 1));
    const QByteArray multipart =
        "From: a@example.test\r\nTo: b@example.test\r\nSubject: files\r\n"
        "Date: Mon, 15 Jan 2024 12:00:00 +0000\r\nMessage-ID: <m@example.test>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n"
        "--x\r\nContent-Type: text/plain\r\n\r\nsee file\r\n"
        "--x\r\nContent-Type: application/octet-stream\r\n"
        "Content-Disposition: attachment; filename=a.bin\r\n\r\nAAAA\r\n--x--\r\n";
    const auto attached = deliverAndWait(*store, makeRequest(*store, multipart, 1));
    QVERIFY(plain && plain->ok && attached && attached->ok);

    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    const StoredMessage first = *reader->message(plain->storeId);
    QVERIFY(!first.hasAttachments);
    const QList<CheckFinding> findings = reader->findings(plain->storeId);
    QVERIFY(!findings.isEmpty());
    const auto counted = std::count_if(findings.cbegin(), findings.cend(), [](const auto &f) {
        return f.severity != CheckFinding::Severity::Info;
    });
    QCOMPARE(first.findingCount, int(counted));
    QVERIFY(first.findingCount > 0);
    for (const CheckFinding &finding : findings) {
        QVERIFY(!finding.code.isEmpty());
        QVERIFY(!finding.message.isEmpty());
    }
    QVERIFY(reader->message(attached->storeId)->hasAttachments);
    QCOMPARE(reader->list().last().hasAttachments, true);
    QVERIFY(reader->findings(attached->storeId + 1).isEmpty());
}

void tst_MessageStore::largeMessagesAreCheckedInPart()
{
    QTemporaryDir temp;
    QString error;
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    QByteArray bytes = sampleMessage("huge", {});
    const QByteArray line = QByteArray(76, 'x') + "\r\n";
    while (bytes.size() <= MessageAnalysis::kMaxCheckedBytes + 1024 * 1024)
        bytes += line;
    const auto result = deliverAndWait(*store, makeRequest(*store, bytes, 1, 64 * 1024));
    QVERIFY2(result && result->ok, result ? qPrintable(result->error.message) : "timed out");

    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    const QList<CheckFinding> findings = reader->findings(result->storeId);
    const auto note = std::find_if(findings.cbegin(), findings.cend(), [](const auto &f) {
        return f.code == MessageAnalysis::kPartiallyCheckedCode;
    });
    QVERIFY(note != findings.cend());
    QVERIFY(note->severity == CheckFinding::Severity::Info);
    QVERIFY2(note->message.contains(u"first 8 MiB"_s), qPrintable(note->message));
    const auto counted = std::count_if(findings.cbegin(), findings.cend(), [](const auto &f) {
        return f.severity != CheckFinding::Severity::Info;
    });
    QCOMPARE(reader->message(result->storeId)->findingCount, int(counted));
    QVERIFY(reader->raw(result->storeId) == bytes);
}

void tst_MessageStore::attachmentHeuristic_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<bool>("attachments");

    const QByteArray top = "Subject: x\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n";
    QTest::addRow("disposition-attachment")
        << top + "--b\r\nContent-Disposition: attachment\r\n\r\nx\r\n"
        << true;
    QTest::addRow("disposition-any-case")
        << top + "--b\r\ncontent-DISPOSITION:   ATTACHMENT; filename=a\r\n\r\nx\r\n"
        << true;
    QTest::addRow("folded-filename")
        << top + "--b\r\nContent-Disposition: inline;\r\n\tfilename=\"a.png\"\r\n\r\nx\r\n"
        << true;
    QTest::addRow("rfc2231-filename")
        << top + "--b\r\nContent-Disposition: inline; filename*=utf-8''a.txt\r\n\r\nx\r\n"
        << true;
    QTest::addRow("content-type-name")
        << top + "--b\r\nContent-Type: image/png; name=\"a.png\"\r\n\r\nx\r\n"
        << true;
    QTest::addRow("bare-lf") << QByteArray("Subject: x\nContent-Disposition: attachment\n\nx\n")
                             << true;
    QTest::addRow("plain-text") << QByteArray("Subject: x\r\n\r\nhello\r\n") << false;
    QTest::addRow("mixed-without-files")
        << top + "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n"
        << false;
    QTest::addRow("inline-without-name") << top + "--b\r\nContent-Disposition: inline\r\n\r\nx\r\n"
                                         << false;
    // Inline images shown by cid: are no attachments, even with a file name (image001.png).
    QTest::addRow("inline-image-with-content-id")
        << top
               + "--b\r\nContent-Type: image/png; name=\"image001.png\"\r\n"
                 "Content-ID: <image001@x.test>\r\nContent-Disposition: inline;\r\n"
                 " filename=\"image001.png\"\r\n\r\nx\r\n--b--\r\n"
        << false;
    QTest::addRow("content-id-but-attachment")
        << top + "--b\r\nContent-ID: <a@x.test>\r\nContent-Disposition: attachment\r\n\r\nx\r\n"
        << true;
    QTest::addRow("inline-image-then-attachment")
        << top
               + "--b\r\nContent-Type: image/png; name=a.png\r\nContent-ID: <a@x.test>\r\n\r\n"
                 "x\r\n--b\r\nContent-Type: application/pdf; name=b.pdf\r\n\r\nx\r\n--b--\r\n"
        << true;
    QTest::addRow("filename-is-not-name")
        << top + "--b\r\nContent-Type: text/plain; charset=utf-8; format=flowed\r\n\r\nx\r\n"
        << false;
    QTest::addRow("mentioned-in-text")
        << QByteArray("Subject: x\r\n\r\nset the Content-Disposition: attachment header\r\n")
        << false;
    QByteArray late = top + "--b\r\nContent-Type: text/plain\r\n\r\n";
    late += QByteArray(MessageAnalysis::kAttachmentScanBytes, 'x');
    late += "\r\n--b\r\nContent-Disposition: attachment\r\n\r\nx\r\n";
    QTest::addRow("beyond-the-scanned-start") << late << false;
}

void tst_MessageStore::attachmentHeuristic()
{
    QFETCH(QByteArray, message);
    QFETCH(bool, attachments);
    QCOMPARE(MessageAnalysis::looksLikeItHasAttachments(message), attachments);
}

void tst_MessageStore::rebuildIndexRepairsTheIndex()
{
    QTemporaryDir temp;
    QString error;
    {
        auto store = openStore(temp.path(), &error);
        QVERIFY2(store, qPrintable(error));
        for (const char *subject : {"apple", "banana", "cherry"}) {
            const auto result =
                deliverAndWait(*store, makeRequest(*store, sampleMessage(subject, "fruit"), 1));
            QVERIFY(result && result->ok);
        }
    }
    {
        // The index loses its segments, as a crash of a tool writing to it might leave it.
        auto dbOpened = SqliteDatabase::open(temp.filePath(u"letterbox.sqlite3"_s),
                                             SqliteDatabase::OpenMode::ReadWriteCreate);
        QVERIFY2(dbOpened, qPrintable(errorText(dbOpened)));
        auto db = std::move(*dbOpened);
        QVERIFY(db->exec("DELETE FROM messages_fts_data"));
    }
    {
        auto readerOpened = StoreReader::open(temp.path());
        QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
        auto reader = std::move(*readerOpened);
        const auto damaged = reader->search(u"banana"_s);
        QVERIFY(!damaged);
        QCOMPARE(damaged.error().code, ErrorCode::StoreDamaged);
        const QString error = damaged.error().message;
        QVERIFY2(
            error.contains(u"letterbox.sqlite3 is damaged ("_s)
                && error.contains(u"run `letterbox rebuild-index --store %1`"_s.arg(temp.path())),
            qPrintable(error));
    }
    QVERIFY(!openStore(temp.path(), &error));
    QVERIFY2(error.contains(u"letterbox.sqlite3 is damaged ("_s), qPrintable(error));
    const auto report = MessageStore::rebuildIndex(temp.path());
    QVERIFY2(report, qPrintable(errorText(report)));
    QVERIFY(!report->salvaged);
    QCOMPARE(report->messages, qint64(3));
    QVERIFY(report->damagedCopy.isEmpty());

    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    const auto found = reader->search(u"banana"_s);
    QVERIFY2(found, qPrintable(errorText(found)));
    QCOMPARE(found->size(), 1);
    QCOMPARE(found->front().subject, u"banana"_s);
    QVERIFY(!reader->findings(found->front().id).isEmpty());
}

void tst_MessageStore::rebuildIndexSalvagesAGarbageFile()
{
    QTemporaryDir temp;
    QFile file(temp.filePath(u"letterbox.sqlite3"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray garbage = QByteArray(8192, '\x5a');
    file.write(garbage);
    file.close();

    QString error;
    const auto report = MessageStore::rebuildIndex(temp.path());
    QVERIFY2(report, qPrintable(errorText(report)));
    QVERIFY(report->salvaged);
    QCOMPARE(report->messages, qint64(0));
    QVERIFY2(report->damagedCopy.startsWith(temp.filePath(u"letterbox.sqlite3.damaged-"_s)),
             qPrintable(report->damagedCopy));
    QFile kept(report->damagedCopy);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), garbage);

    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    const auto result = deliverAndWait(*store, makeRequest(*store, sampleMessage("new", "x"), 1));
    QVERIFY(result && result->ok);
}

void tst_MessageStore::rebuildIndexSalvagesReadableRows()
{
    QTemporaryDir temp;
    QString error;
    constexpr int kCount = 150;
    qint64 highest = 0;
    {
        auto store = openStore(temp.path(), &error);
        QVERIFY2(store, qPrintable(error));
        const QList<qint64> ids = deliverMany(*store, kCount);
        QCOMPARE(ids.size(), kCount);
        highest = ids.last();
    }
    const QString path = temp.filePath(u"letterbox.sqlite3"_s);
    // Each message's span in its trace and its overview, to be found again after the salvage.
    QHash<qint64, QByteArray> overviews;
    {
        auto opened = SqliteDatabase::open(path, SqliteDatabase::OpenMode::ReadWriteCreate);
        QVERIFY2(opened, qPrintable(errorText(opened)));
        SqliteDatabase &db = **opened;
        QVERIFY(db.exec("UPDATE messages SET trace_first = id + 1, trace_last = id + 7"));
        SqliteDatabase::Statement select = db.prepare("SELECT id, overview FROM messages");
        while (select.step() == SqliteDatabase::Statement::StepResult::Row)
            overviews.insert(select.columnInt64(0), select.columnBlob(1));
        QCOMPARE(overviews.size(), kCount);
        // Every message has a relay attempt and a queued retry, which must come along.
        for (auto it = overviews.cbegin(); it != overviews.cend(); ++it) {
            QVERIFY(RelayRecords::insertAttempt(db, relayAttemptOf(it.key())));
            RelayQueueEntry entry;
            entry.messageId = it.key();
            entry.recipients = {"bob@example.test"};
            entry.firstTry = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
            entry.nextTry = entry.firstTry.addSecs(it.key());
            entry.tries = 1;
            QVERIFY(RelayRecords::saveQueueEntry(db, entry));
        }
    }
    // Overwrite one leaf page of the message table in the middle of the file.
    const qint64 pageSize = queryNumber(path, "PRAGMA page_size");
    const qint64 leaves = queryNumber(
        path, "SELECT count(*) FROM dbstat WHERE name = 'messages' AND pagetype = 'leaf'");
    QVERIFY2(leaves >= 3, qPrintable(QString::number(leaves)));
    const qint64 page =
        queryNumber(path, "SELECT pageno FROM dbstat WHERE name = 'messages' AND pagetype = 'leaf'"
                          " ORDER BY pageno LIMIT 1 OFFSET "
                              + QByteArray::number(leaves / 2));
    QVERIFY(page > 1);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek((page - 1) * pageSize));
        QCOMPARE(file.write(QByteArray(pageSize, '\xab')), pageSize);
    }

    const auto report = MessageStore::rebuildIndex(temp.path());
    QVERIFY2(report, qPrintable(errorText(report)));
    QVERIFY(report->salvaged);
    QVERIFY2(report->lostMessages > 0, qPrintable(QString::number(report->lostMessages)));
    QVERIFY2(report->messages > 0, qPrintable(QString::number(report->messages)));
    QCOMPARE(report->messages + report->lostMessages, qint64(kCount));
    QVERIFY(QFileInfo::exists(report->damagedCopy));

    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    const QList<StoredMessage> kept = reader->list();
    QCOMPARE(kept.size(), report->messages);
    for (const StoredMessage &message : kept) {
        QVERIFY(reader->raw(message.id).startsWith("Received: "));
        QCOMPARE(message.traceFirst, message.id + 1);
        QCOMPARE(message.traceLast, message.id + 7);
        QVERIFY(!message.overview.isEmpty());
        QCOMPARE(message.overview, overviews.value(message.id));
    }
    const auto found = reader->search(u"bulk"_s);
    QVERIFY2(found, qPrintable(errorText(found)));
    QCOMPARE(found->size(), report->messages);
    // The relay rows of the kept messages, and only theirs, came along unchanged.
    for (const StoredMessage &message : kept) {
        const auto attempts = reader->relayAttempts(message.id);
        QVERIFY2(attempts, qPrintable(errorText(attempts)));
        QCOMPARE(attempts->size(), 1);
        const RelayOutcome expected = relayAttemptOf(message.id);
        QCOMPARE(attempts->front().target, expected.target);
        QCOMPARE(attempts->front().recipients, expected.recipients);
        QCOMPARE(attempts->front().started, expected.started);
    }
    const auto queue = reader->relayQueue();
    QVERIFY2(queue, qPrintable(errorText(queue)));
    QCOMPARE(queue->size(), kept.size());
    for (const RelayQueueEntry &entry : *queue) {
        QVERIFY(std::any_of(kept.cbegin(), kept.cend(), [&](const StoredMessage &message) {
            return message.id == entry.messageId;
        }));
        QCOMPARE(entry.nextTry.toSecsSinceEpoch(), 1'700'000'000 + entry.messageId);
        QCOMPARE(entry.recipients, QList<QByteArray>{"bob@example.test"});
    }

    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    const auto result = deliverAndWait(*store, makeRequest(*store, sampleMessage("new", "x"), 1));
    QVERIFY(result && result->ok);
    QVERIFY(result->storeId > highest); // ids of lost messages are not handed out again
}

void tst_MessageStore::rebuildIndexRefusesAStoreInUse()
{
    QTemporaryDir temp;
    QString error;
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    QVERIFY(MessageStore::isInUse(temp.path()));
    const auto refused = MessageStore::rebuildIndex(temp.path());
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::StoreInUse);
    QVERIFY2(refused.error().message.contains(u"is in use by another Letterbox process"_s),
             qPrintable(refused.error().message));
    store.reset();
    QVERIFY(!MessageStore::isInUse(temp.path()));
    const auto rebuilt = MessageStore::rebuildIndex(temp.path());
    QVERIFY2(rebuilt, qPrintable(errorText(rebuilt)));
}

void tst_MessageStore::openSaysStoreInUseWhenLocked()
{
    QTemporaryDir temp;
    Result<std::unique_ptr<MessageStore>> first = MessageStore::open(temp.path());
    QVERIFY(first);
    const Result<std::unique_ptr<MessageStore>> second = MessageStore::open(temp.path());
    QVERIFY(!second);
    QCOMPARE(second.error().code, ErrorCode::StoreInUse);
    QCOMPARE(second.error().field, u"store"_s);
}

void tst_MessageStore::openSaysStoreUnwritableForReadOnlyDirectory()
{
    if (::geteuid() == 0)
        QSKIP("running as root: permission bits do not stop root from writing");
    QTemporaryDir temp;
    const QString directory = temp.filePath(u"store"_s);
    QVERIFY(QDir().mkdir(directory));
    QVERIFY(QFile::setPermissions(directory, QFile::ReadOwner | QFile::ExeOwner));
    const auto restore = qScopeGuard([&] {
        QFile::setPermissions(directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    });
    const Result<std::unique_ptr<MessageStore>> store = MessageStore::open(directory);
    QVERIFY(!store);
    QCOMPARE(store.error().code, ErrorCode::StoreUnwritable);
    QCOMPARE(store.error().field, u"store"_s);
}

void tst_MessageStore::traceCodecRoundTrip()
{
    QList<ProtocolLine> lines;
    for (const Direction direction : {Direction::ClientToServer, Direction::ServerToClient,
                                      Direction::Note, Direction::Fault}) {
        ProtocolLine line;
        line.sessionId = 7;
        line.time =
            QDateTime::fromMSecsSinceEpoch(1764305020123 + int(direction), QTimeZone::utc());
        line.direction = direction;
        line.bytes = "EHLO a.test\x00\xff\r\n"_ba;
        line.truncatedBytes = 3 * int(direction);
        lines.append(line);
    }
    ProtocolLine timeless;
    timeless.sessionId = 7;
    timeless.direction = Direction::Note;
    timeless.bytes = ""_ba;
    lines.append(timeless);

    const QByteArray chunk = TraceCodec::encode(lines);
    QList<ProtocolLine> decoded;
    QVERIFY(TraceCodec::decode(chunk, 7, &decoded));
    QCOMPARE(decoded.size(), lines.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QCOMPARE(decoded[i].sessionId, lines[i].sessionId);
        QCOMPARE(decoded[i].time, lines[i].time);
        QVERIFY(decoded[i].direction == lines[i].direction);
        QCOMPARE(decoded[i].bytes, lines[i].bytes);
        QCOMPARE(decoded[i].truncatedBytes, lines[i].truncatedBytes);
    }
    // A cut chunk keeps what came before the damage.
    QList<ProtocolLine> partial;
    QVERIFY(!TraceCodec::decode(chunk.first(chunk.size() - 4), 7, &partial));
    QCOMPARE(partial.size(), lines.size() - 1);
}

// Traces stored before fault marks existed hold directions 0 to 2 only, and decode as before
// (the round trip above); a direction from a newer Letterbox decodes as a note.
void tst_MessageStore::traceCodecUnknownDirectionIsANote()
{
    QByteArray chunk;
    QDataStream stream(&chunk, QIODevice::WriteOnly);
    stream.setVersion(QDataStream::Qt_6_4);
    stream << quint32(2);
    for (const qint32 direction : {qint32(Direction::Fault), qint32(99)})
        stream << qint64(0) << direction << "text"_ba << qint64(0);
    QList<ProtocolLine> decoded;
    QVERIFY(TraceCodec::decode(chunk, 7, &decoded));
    QCOMPARE(decoded.size(), 2);
    QVERIFY(decoded[0].direction == Direction::Fault);
    QVERIFY(decoded[1].direction == Direction::Note);
}

// Stores written before replies were traced line by line hold a multi-line reply as one line;
// it decodes as the lines it was on the wire.
void tst_MessageStore::traceCodecSplitsSquashedReplies()
{
    ProtocolLine reply;
    reply.direction = Direction::ServerToClient;
    reply.bytes = "250-mx Hello\r\n250-SIZE 10\r\n250 HELP\r\n"_ba;
    QList<ProtocolLine> decoded;
    QVERIFY(TraceCodec::decode(TraceCodec::encode({reply}), 7, &decoded));
    QCOMPARE(decoded.size(), 3);
    QCOMPARE(decoded[0].bytes, "250-mx Hello\r\n"_ba);
    QCOMPARE(decoded[2].bytes, "250 HELP\r\n"_ba);
}

void tst_MessageStore::setMaildirMirrorFromAnotherThread()
{
    // MailService switches the mirror from its apply thread; the switch runs in the writer
    // thread (which asserts so in debug builds), and messages committed afterwards are mirrored.
    QTemporaryDir temp;
    QString error;
    auto store = openStore(temp.filePath(u"store"_s), &error);
    QVERIFY2(store, qPrintable(error));
    const QString maildir = temp.filePath(u"maildir"_s);
    Result<void> mirrored = Error(ErrorCode::Internal, u"not run"_s);
    std::unique_ptr<QThread> caller(
        QThread::create([&] { mirrored = store->setMaildirMirror(maildir); }));
    caller->start();
    QVERIFY(caller->wait(10000));
    QVERIFY(mirrored);
    const auto result = deliverAndWait(*store, makeRequest(*store, sampleMessage("m", "x"), 1));
    QVERIFY(result && result->ok);
    store->flush();
    QCOMPARE(QDir(maildir + u"/new"_s).entryList(QDir::Files).size(), 1);
}

void tst_MessageStore::lockFileKeepsSecondStoreOut()
{
    QTemporaryDir temp;
    QString error;
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));

    QString secondError;
    QVERIFY(!openStore(temp.path(), &secondError));
    QCOMPARE(secondError,
             u"store %1 is in use by another Letterbox process (pid %2)"_s.arg(temp.path())
                 .arg(QCoreApplication::applicationPid()));

    store.reset();
    auto again = openStore(temp.path(), &error);
    QVERIFY2(again, qPrintable(error));
}

static int modeOf(const QString &path)
{
    struct stat info;
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
}

// The store holds other people's mail. Under a permissive umask (022, 002 are common), SQLite
// alone would create the database and its -wal and -shm files 0644 or 0664.
void tst_MessageStore::newStoreIsPrivateWhateverTheUmask()
{
    QTemporaryDir temp;
    const mode_t oldMask = ::umask(002);
    const auto restore = qScopeGuard([oldMask] { ::umask(oldMask); });
    const QString dir = temp.filePath(u"store"_s);
    QString error;
    auto store = openStore(dir, &error);
    QVERIFY2(store, qPrintable(error));
    const auto result = deliverAndWait(
        *store, makeRequest(*store, sampleMessage("private", "x\r\n"), store->allocateSessionId()));
    QVERIFY(result && result->ok);
    QCOMPARE(modeOf(dir), 0700);
    QCOMPARE(modeOf(store->spoolDirectory()), 0700);
    QCOMPARE(modeOf(store->databasePath()), 0600);
    QCOMPARE(modeOf(store->databasePath() + u"-wal"_s), 0600);
    QCOMPARE(modeOf(store->databasePath() + u"-shm"_s), 0600);
    QCOMPARE(modeOf(dir + u"/letterbox.lock"_s), 0600);
}

// A store that an older version (or a copy, or a restore) left readable by others is made
// private when it is opened, not only when it is created.
void tst_MessageStore::existingStoreIsMadePrivate()
{
    QTemporaryDir temp;
    const QString dir = temp.filePath(u"store"_s);
    QString error;
    {
        auto store = openStore(dir, &error);
        QVERIFY2(store, qPrintable(error));
        const auto result =
            deliverAndWait(*store, makeRequest(*store, sampleMessage("kept", "x\r\n"),
                                               store->allocateSessionId()));
        QVERIFY(result && result->ok);
    }
    const QString db = dir + u"/letterbox.sqlite3"_s;
    QVERIFY(::chmod(QFile::encodeName(dir).constData(), 0755) == 0);
    QVERIFY(::chmod(QFile::encodeName(dir + u"/spool"_s).constData(), 0755) == 0);
    QVERIFY(::chmod(QFile::encodeName(db).constData(), 0644) == 0);
    // A file elsewhere that a planted symlink in the store points at keeps its mode.
    const QString outside = temp.filePath(u"outside"_s);
    QFile outsideFile(outside);
    QVERIFY(outsideFile.open(QIODevice::WriteOnly));
    outsideFile.close();
    QVERIFY(::chmod(QFile::encodeName(outside).constData(), 0644) == 0);
    QVERIFY(QFile::link(outside, db + u"-journal"_s));

    auto store = openStore(dir, &error);
    QVERIFY2(store, qPrintable(error));
    QCOMPARE(modeOf(dir), 0700);
    QCOMPARE(modeOf(dir + u"/spool"_s), 0700);
    QCOMPARE(modeOf(db), 0600);
    QCOMPARE(modeOf(db + u"-wal"_s), 0600);
    QCOMPARE(modeOf(db + u"-shm"_s), 0600);
    QCOMPARE(modeOf(dir + u"/letterbox.lock"_s), 0600);
    QCOMPARE(modeOf(outside), 0644);
    // Still the same store.
    auto readerOpened = StoreReader::open(dir);
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    QCOMPARE(reader->list().size(), 1);
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
    QVERIFY(!openStore(directory, &error));
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

    const QString expected =
        u"%1 is damaged (file is not a database); run `letterbox rebuild-index --store %2`"_s.arg(
            temp.filePath(u"letterbox.sqlite3"_s), temp.path());
    QString error;
    QVERIFY(!openStore(temp.path(), &error));
    QCOMPARE(error, expected);

    const auto damaged = StoreReader::open(temp.path());
    QVERIFY(!damaged);
    QCOMPARE(damaged.error().code, ErrorCode::StoreDamaged);
    QCOMPARE(damaged.error().message, expected);

    // A failed open released the lock and left the file alone.
    QFile check(temp.filePath(u"letterbox.sqlite3"_s));
    QVERIFY(check.open(QIODevice::ReadOnly));
    QCOMPARE(check.readAll(), garbage);
    QVERIFY(!openStore(temp.path(), &error));
    QVERIFY2(!error.contains(u"in use"_s), qPrintable(error));
}

void tst_MessageStore::foreignDatabaseIsRefused()
{
    QTemporaryDir temp;
    QString error;
    {
        auto dbOpened = SqliteDatabase::open(temp.filePath(u"letterbox.sqlite3"_s),
                                             SqliteDatabase::OpenMode::ReadWriteCreate);
        QVERIFY2(dbOpened, qPrintable(errorText(dbOpened)));
        auto db = std::move(*dbOpened);
        QVERIFY(db->exec("CREATE TABLE other(x)"));
    }
    QVERIFY(!openStore(temp.path(), &error));
    QVERIFY2(error.contains(u"is not a Letterbox store"_s), qPrintable(error));
    const auto foreign = StoreReader::open(temp.path());
    QVERIFY(!foreign);
    QCOMPARE(foreign.error().code, ErrorCode::MalformedInput);
    QVERIFY2(foreign.error().message.contains(u"is not a Letterbox store"_s),
             qPrintable(foreign.error().message));
}

void tst_MessageStore::readerNeedsAStore()
{
    QTemporaryDir temp;
    const QString directory = temp.filePath(u"nothing-here"_s);
    const auto missing = StoreReader::open(directory);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::FileNotFound);
    QCOMPARE(missing.error().message, u"no store at %1"_s.arg(directory));
    QVERIFY(!QFileInfo::exists(directory)); // a reader never creates anything
}

void tst_MessageStore::sessionTraceRoundTrip()
{
    QTemporaryDir temp;
    QString error;
    auto store = openStore(temp.path(), &error);
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

    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
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
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    const quint64 sessionId = store->allocateSessionId();
    SessionInfo session;
    session.sessionId = sessionId;
    session.started = nowMs();

    constexpr qsizetype kLine = 64 * 1024;
    constexpr qsizetype kFitting = SessionRecorder::kMaxTraceBytesPerSession / kLine;
    static_assert(kFitting * kLine == SessionRecorder::kMaxTraceBytesPerSession);
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

    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    const QList<ProtocolLine> trace = reader->sessionTrace(sessionId);
    QCOMPARE(trace.size(), kFitting + 1);
    qint64 stored = 0;
    for (qsizetype i = 0; i < kFitting; ++i) {
        QCOMPARE(toString(trace[i].direction), toString(Direction::ClientToServer));
        stored += trace[i].bytes.size();
    }
    QCOMPARE(stored, SessionRecorder::kMaxTraceBytesPerSession);
    QCOMPARE(toString(trace.last().direction), toString(Direction::Note));
    QCOMPARE(trace.last().bytes, "trace truncated"_ba);
    QCOMPARE(trace.last().truncatedBytes, 4 * kLine);
    // Once written, the trace no longer counts against the backlog that holds sessions back.
    QTRY_COMPARE(store->traceBacklog()->bytes(), 0);
}

/// ProtocolLine::revealedBytes (SmtpServerSettings::revealCredentials) is for the live log
/// only: a trace handed over with it, at delivery or at the session's end, is stored without it,
/// and the password appears nowhere in the database files.
void tst_MessageStore::revealedCredentialsAreNeverStored()
{
    QTemporaryDir temp;
    QString error;
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    const quint64 sessionId = store->allocateSessionId();
    const auto credential = [sessionId](const QByteArray &masked, const QByteArray &revealed) {
        ProtocolLine l = line(sessionId, Direction::ClientToServer, masked);
        l.revealedBytes = revealed;
        return l;
    };
    DeliveryRequest request = makeRequest(*store, sampleMessage("creds", "x"), sessionId);
    request.traceDelta = {credential("AUTH PLAIN ****\r\n"_ba,
                                     "AUTH PLAIN AGFsaWNlAGh1bnRlcjI=  [authzid \"\", user "
                                     "\"alice\", password \"hunter2\"]"_ba)};
    const auto result = deliverAndWait(*store, std::move(request));
    QVERIFY(result && result->ok);
    SessionInfo end;
    end.sessionId = sessionId;
    end.started = nowMs();
    end.ended = nowMs();
    store->recordSessionEnd(end,
                            {credential("****\r\n"_ba, "aHVudGVyMg==  [password \"hunter2\"]"_ba)});
    store->flush();

    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    const QList<ProtocolLine> trace = reader->sessionTrace(sessionId);
    QCOMPARE(trace.size(), 2);
    QCOMPARE(trace[0].bytes, "AUTH PLAIN ****\r\n"_ba);
    QCOMPARE(trace[1].bytes, "****\r\n"_ba);
    for (const ProtocolLine &stored : trace)
        QVERIFY(stored.revealedBytes.isEmpty());
    reader.reset();
    store.reset();
    for (const QString &name : QDir(temp.path()).entryList(QDir::Files)) {
        QFile file(temp.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY2(!bytes.contains("hunter2"), qPrintable(name));
        QVERIFY2(!bytes.contains("aHVudGVyMg"), qPrintable(name));
        QVERIFY2(!bytes.contains("AGFsaWNlAGh1bnRlcjI"), qPrintable(name));
    }
}

void tst_MessageStore::sessionIdsContinueAfterReopen()
{
    QTemporaryDir temp;
    QString error;
    quint64 last = 0;
    {
        auto store = openStore(temp.path(), &error);
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
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    QCOMPARE(store->allocateSessionId(), last + 1);
}

/// A client that keeps connecting and delivering nothing cannot grow the store without bound:
/// only the newest StoreMaintenance::kMaxEmptySessions such sessions stay (give or take one
/// check interval, and exactly after a reopen), sessions that delivered a message stay with it,
/// and session ids are still never handed out twice.
void tst_MessageStore::sessionsWithoutMessagesAreBounded()
{
    constexpr int kMax = StoreMaintenance::kMaxEmptySessions;
    constexpr int kEvery = StoreMaintenance::kEmptySessionCheckEvery;
    QTemporaryDir temp;
    QString error;
    quint64 delivering = 0;
    quint64 firstEmpty = 0;
    quint64 lastEmpty = 0;
    {
        auto store = openStore(temp.path(), &error);
        QVERIFY2(store, qPrintable(error));
        delivering = store->allocateSessionId();
        const auto delivered =
            deliverAndWait(*store, makeRequest(*store, sampleMessage("kept", "x"), delivering));
        QVERIFY(delivered && delivered->ok);
        for (int i = 0; i < kMax + kEvery + 44; ++i) {
            SessionInfo session;
            session.sessionId = store->allocateSessionId();
            session.started = nowMs();
            session.ended = nowMs();
            session.remoteAddress = u"127.0.0.1"_s;
            session.endReason = u"quit"_s;
            if (i == 0)
                firstEmpty = session.sessionId;
            lastEmpty = session.sessionId;
            store->recordSessionEnd(session, {line(session.sessionId, Direction::ClientToServer,
                                                   "EHLO scanner\r\n"_ba)});
        }
        store->flush();
        auto reader = StoreReader::open(temp.path());
        QVERIFY2(reader, qPrintable(errorText(reader)));
        QTRY_VERIFY_WITH_TIMEOUT((*reader)->sessionCount() <= 1 + kMax + kEvery, 30000);
        QVERIFY((*reader)->sessionCount() >= 1 + kMax);
        QVERIFY((*reader)->session(delivering));
        QVERIFY((*reader)->session(lastEmpty));
        QVERIFY(!(*reader)->session(firstEmpty));
        QCOMPARE((*reader)->sessionTrace(firstEmpty).size(), 0);
    }
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    QVERIFY(store->allocateSessionId() > lastEmpty);
    auto reader = StoreReader::open(temp.path());
    QVERIFY2(reader, qPrintable(errorText(reader)));
    QTRY_COMPARE_WITH_TIMEOUT((*reader)->sessionCount(), qint64(1 + kMax), 30000);
    QVERIFY((*reader)->session(delivering));
    QCOMPARE((*reader)->messageCount(), qint64(1));
}

void tst_MessageStore::callbackSkippedWhenContextDestroyed()
{
    QTemporaryDir temp;
    QString error;
    auto store = openStore(temp.path(), &error);
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

    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    QCOMPARE(reader->messageCount(), qint64(2)); // the message itself was stored
}

void tst_MessageStore::callbackRunsInContextThread()
{
    QTemporaryDir temp;
    QString error;
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));

    QThread worker;
    worker.setObjectName(u"session-worker"_s);
    QObject context;
    context.moveToThread(&worker); // before start(), see tst_threadhandoff's RunningThread
    worker.start();
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
    auto store = openStore(temp.path(), &error);
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
    QCOMPARE(broken->error.code, ErrorCode::Internal);
    QCOMPARE(broken->error.message, u"no message data"_s);
    QVERIFY2(fine->ok, qPrintable(fine->error.message));
    QTRY_COMPARE_WITH_TIMEOUT(storeErrors.count(), 1, 30000);
    QVERIFY(storeErrors.at(0).at(0).toString().contains(u"no message data"_s));

    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    QCOMPARE(reader->messageCount(), qint64(1));
}

void tst_MessageStore::maildirMirrorGetsTheStoredBytes()
{
    QTemporaryDir temp;
    QString error;
    auto store = openStore(temp.filePath(u"store"_s), &error);
    QVERIFY2(store, qPrintable(error));
    const QString maildir = temp.filePath(u"maildir"_s);
    QVERIFY(store->setMaildirMirror(maildir));
    QSignalSpy storeErrors(store.get(), &MessageStore::storeError);

    QByteArray large = sampleMessage("large", {});
    while (large.size() < 2 * 1024 * 1024)
        large += "0123456789abcdef\r\n";
    const auto small = deliverAndWait(*store, makeRequest(*store, sampleMessage("small", "x"), 1));
    const auto big = deliverAndWait(*store, makeRequest(*store, large, 1, 64 * 1024));
    QVERIFY(small && small->ok && big && big->ok);
    store->flush();

    auto readerOpened = StoreReader::open(temp.filePath(u"store"_s));
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
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
    auto store = openStore(temp.filePath(u"store"_s), &error);
    QVERIFY2(store, qPrintable(error));
    QFile file(temp.filePath(u"plain-file"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const Result<void> mirrored = store->setMaildirMirror(temp.filePath(u"plain-file/maildir"_s));
    QVERIFY(!mirrored);
    error = mirrored.error().message;
    QVERIFY2(error.contains(u"cannot be used"_s), qPrintable(error));
    // Delivery is unaffected.
    const auto result = deliverAndWait(*store, makeRequest(*store, sampleMessage("ok", "x"), 1));
    QVERIFY(result && result->ok);
}

QTEST_GUILESS_MAIN(tst_MessageStore)
#include "tst_messagestore.moc"
