// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "events/events.h"
#include "mime/messageoverview.h"
#include "openstore.h"
#include "relay/relayrecords.h"
#include "resulttext.h"
#include "store/messagestore.h"
#include "store/sqlitedatabase.h"
#include "store/storereader.h"
#include "store/tracecodec.h"
#include "storefiller.h"

#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

// What version 6 added; dropping it turns a current store into a version 5 one.
static const char kDropRelayTables[] = "DROP TABLE relay_attempts; DROP TABLE relay_queue;";

// The version 1 layout exactly as Letterbox 0.1 created it (core/store/messagestore.cpp at the
// first store commit), so the migration is tested against the real thing, not against
// whatever the current code would call version 1.
static const char kVersion1Schema[] = R"sql(
CREATE TABLE sessions(
    id INTEGER PRIMARY KEY,
    started INTEGER,
    ended INTEGER,
    remote_address TEXT,
    remote_port INTEGER,
    local_address TEXT,
    local_port INTEGER,
    implicit_tls INTEGER NOT NULL DEFAULT 0,
    tls INTEGER NOT NULL DEFAULT 0,
    tls_protocol TEXT,
    tls_cipher TEXT,
    helo TEXT,
    auth_user TEXT,
    messages INTEGER NOT NULL DEFAULT 0,
    end_reason TEXT,
    trace_bytes INTEGER NOT NULL DEFAULT 0,
    trace_chunks INTEGER NOT NULL DEFAULT 0,
    trace_truncated INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE session_trace(
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    UNIQUE(session_id, seq)
);
CREATE TABLE messages(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    received INTEGER NOT NULL,
    session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
    mail_from BLOB NOT NULL,
    mail_parameters BLOB NOT NULL,
    recipients BLOB NOT NULL,
    smtputf8 INTEGER NOT NULL DEFAULT 0,
    eightbitmime INTEGER NOT NULL DEFAULT 0,
    remote_address TEXT,
    helo TEXT,
    tls INTEGER NOT NULL DEFAULT 0,
    auth_user TEXT,
    size INTEGER NOT NULL,
    subject TEXT,
    header_from TEXT,
    header_to TEXT,
    header_cc TEXT,
    header_date TEXT,
    message_id TEXT,
    flags INTEGER NOT NULL DEFAULT 0,
    raw BLOB NOT NULL
);
CREATE INDEX messages_session ON messages(session_id);
CREATE VIRTUAL TABLE messages_fts USING fts5(
    subject, addresses, body, tokenize = 'unicode61 remove_diacritics 2');
)sql";

struct Version1Message
{
    qint64 id;
    qint64 sessionId;
    QByteArray mailFrom;
    QByteArray recipients; ///< LF-separated, as version 1 stored them
    QString subject;
    QString from;
    QString to;
    qint64 flags;
    QByteArray raw;
};

class tst_StoreMigration final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void migratesFromVersion1();
    void migratesFromVersion2();
    void migratesFromVersion3();
    void migratesFromVersion4();
    void migratesFromVersion5();
    void readerLeavesTheUpgradeToTheWriter();
    void failedMigrationChangesNothing();
    void emptyVersion1Store();

private:
    static QList<Version1Message> messages();
    static QList<ProtocolLine> trace();
    /// Writes a version 1 store into `directory`; `extra` runs after the schema.
    static bool createVersion1Store(const QString &directory, bool withMessages,
                                    const char *extra = "");
};

static constexpr qint64 kReceived = 1700000000000; // 2023-11-14
// AUTOINCREMENT had handed out ids up to this before the newest messages went away.
static constexpr qint64 kVersion1Sequence = 10;

QList<Version1Message> tst_StoreMigration::messages()
{
    const QByteArray withAttachment =
        "Received: from client.test by letterbox; Tue, 14 Nov 2023 22:13:20 +0000\r\n"
        "From: Alice <alice@example.com>\r\nTo: bob@example.org\r\n"
        "Subject: Quarterly report\r\nDate: Tue, 14 Nov 2023 22:13:20 +0000\r\n"
        "Message-ID: <q3@example.com>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=\"sep\"\r\n\r\n"
        "--sep\r\nContent-Type: text/plain\r\n\r\nNumbers attached.\r\n"
        "--sep\r\nContent-Type: text/csv; name=\"q3.csv\"\r\n"
        "Content-Disposition: attachment;\r\n filename=\"q3.csv\"\r\n\r\n1,2,3\r\n--sep--\r\n";
    const QByteArray withoutDate =
        "Received: from client.test by letterbox; Tue, 14 Nov 2023 22:13:20 +0000\r\n"
        "From: bob@example.org\r\nTo: Carol <carol@example.net>\r\nSubject: Lunch?\r\n\r\n"
        "Noon at the usual place.\r\n";
    const QByteArray deleted =
        "Received: from client.test by letterbox; Tue, 14 Nov 2023 22:13:20 +0000\r\n"
        "From: dan@example.com\r\nTo: erin@example.com\r\nSubject: Old news\r\n\r\nGone.\r\n";
    return {
        {1, 1, "alice@example.com", "bob@example.org", u"Quarterly report"_s,
         u"Alice <alice@example.com>"_s, u"bob@example.org"_s, 0, withAttachment},
        {2, 1, "bob@example.org", "carol@example.net\nteam@example.net", u"Lunch?"_s,
         u"bob@example.org"_s, u"Carol <carol@example.net>"_s, 1, withoutDate},
        {4, 2, "dan@example.com", "erin@example.com", u"Old news"_s, u"dan@example.com"_s,
         u"erin@example.com"_s, 2, deleted},
    };
}

QList<ProtocolLine> tst_StoreMigration::trace()
{
    QList<ProtocolLine> lines;
    for (const QByteArray &bytes : {"220 letterbox ESMTP\r\n"_ba, "EHLO client.test\r\n"_ba}) {
        ProtocolLine line;
        line.sessionId = 1;
        line.time = QDateTime::fromMSecsSinceEpoch(kReceived, QTimeZone::utc());
        line.direction =
            bytes.startsWith("220") ? Direction::ServerToClient : Direction::ClientToServer;
        line.bytes = bytes;
        lines.append(line);
    }
    return lines;
}

bool tst_StoreMigration::createVersion1Store(const QString &directory, bool withMessages,
                                             const char *extra)
{
    auto dbOpened = SqliteDatabase::open(directory + u"/letterbox.sqlite3"_s,
                                         SqliteDatabase::OpenMode::ReadWriteCreate);
    if (!dbOpened)
        return false;
    auto db = std::move(*dbOpened);
    // The pragmas version 1 set before creating its tables.
    if (!db->exec("PRAGMA auto_vacuum = INCREMENTAL; PRAGMA journal_mode = WAL;")
        || !db->exec(kVersion1Schema) || !db->exec(extra))
        return false;
    if (withMessages) {
        if (!db->exec("INSERT INTO sessions(id, started, remote_address, helo, messages)"
                      " VALUES(1, 1700000000000, '127.0.0.1', 'client.test', 2),"
                      " (2, 1700000000000, '127.0.0.1', 'client.test', 1),"
                      " (3, 1700000000000, '127.0.0.1', 'failed.test', 0)"))
            return false;
        auto insertTrace =
            db->prepare("INSERT INTO session_trace(session_id, seq, data) VALUES(1, 0, ?1)");
        insertTrace.bindBlob(1, TraceCodec::encode(trace()));
        if (!insertTrace.execute())
            return false;
        auto insert = db->prepare(
            "INSERT INTO messages(id, received, session_id, mail_from, mail_parameters,"
            " recipients, remote_address, helo, size, subject, header_from, header_to, flags,"
            " raw) VALUES(?1, ?2, ?3, ?4, '', ?5, '127.0.0.1', 'client.test', ?6, ?7, ?8, ?9,"
            " ?10, ?11)");
        auto index = db->prepare(
            "INSERT INTO messages_fts(rowid, subject, addresses, body) VALUES(?1, ?2, ?3, ?4)");
        for (const Version1Message &m : messages()) {
            insert.bindInt64(1, m.id);
            insert.bindInt64(2, kReceived + m.id);
            insert.bindInt64(3, m.sessionId);
            insert.bindBlob(4, m.mailFrom);
            insert.bindBlob(5, m.recipients);
            insert.bindInt64(6, m.raw.size());
            insert.bindText(7, m.subject);
            insert.bindText(8, m.from);
            insert.bindText(9, m.to);
            insert.bindInt64(10, m.flags);
            insert.bindBlob(11, m.raw);
            index.bindInt64(1, m.id);
            index.bindText(2, m.subject);
            index.bindText(3, m.from + u'\n' + m.to);
            index.bindText(4, QString::fromUtf8(m.raw));
            if (!insert.execute() || !index.execute())
                return false;
        }
        const QByteArray sequence =
            "UPDATE sqlite_sequence SET seq = " + QByteArray::number(kVersion1Sequence)
            + " WHERE name = 'messages'";
        if (!db->exec(sequence.constData()))
            return false;
    }
    return db->exec("PRAGMA user_version = 1").ok();
}

static std::unique_ptr<SqliteDatabase> openReadOnly(const QString &directory)
{
    auto opened = SqliteDatabase::open(directory + u"/letterbox.sqlite3"_s,
                                       SqliteDatabase::OpenMode::ReadOnly);
    return opened ? std::move(*opened) : nullptr;
}

void tst_StoreMigration::initTestCase()
{
    registerEventMetaTypes();
}

void tst_StoreMigration::migratesFromVersion1()
{
    QTemporaryDir temp;
    QVERIFY(createVersion1Store(temp.path(), true));

    QString error;
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    // The flagged message is purged and the space of the old table given back.
    store->finishMaintenance();

    {
        auto db = openReadOnly(temp.path());
        QVERIFY(db);
        QCOMPARE(db->queryInt64("PRAGMA user_version").valueOr(-1), qint64(StoreSchema::kVersion));
        QVERIFY(!db->prepare("SELECT raw FROM messages").isValid()); // the bytes moved out
        QCOMPARE(db->queryInt64("SELECT count(*) FROM message_raw").valueOr(-1), qint64(2));
        QCOMPARE(
            db->queryInt64("SELECT count(*) FROM sqlite_schema WHERE name = 'messages_received'")
                .valueOr(-1),
            qint64(1));
        QCOMPARE(db->queryInt64("PRAGMA freelist_count").valueOr(-1), qint64(0));
        QCOMPARE(db->queryInt64("SELECT count(*) FROM sessions WHERE id = 2").valueOr(-1),
                 qint64(0)); // its only message was the deleted one
        QCOMPARE(db->queryInt64("SELECT count(*) FROM sessions WHERE id = 3").valueOr(-1),
                 qint64(1)); // a session without messages stays
    }

    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    const QList<StoredMessage> listed = reader->list();
    QCOMPARE(listed.size(), 2);
    const QList<Version1Message> originals = messages();
    for (int i = 0; i < 2; ++i) {
        const StoredMessage &message = listed[i];
        const Version1Message &original = originals[i];
        QCOMPARE(message.id, original.id);
        QCOMPARE(message.received.toMSecsSinceEpoch(), kReceived + original.id);
        QCOMPARE(message.mailFrom, original.mailFrom);
        QCOMPARE(message.recipients, original.recipients.split('\n'));
        QCOMPARE(message.subject, original.subject);
        QCOMPARE(message.from, original.from);
        QCOMPARE(message.size, qint64(original.raw.size()));
        QCOMPARE(message.read, (original.flags & 1) != 0);
        QCOMPARE(reader->raw(message.id), original.raw);
    }
    QVERIFY(listed[0].hasAttachments);
    QVERIFY(!listed[1].hasAttachments);
    // The checks ran on the old messages: the second one has no Date and no Message-ID.
    QVERIFY(listed[1].findingCount > 0);
    QVERIFY(!reader->findings(2).isEmpty());
    QVERIFY(!reader->message(4));
    QVERIFY(reader->raw(4).isEmpty());

    const QList<ProtocolLine> lines = reader->sessionTrace(1);
    QCOMPARE(lines.size(), trace().size());
    QCOMPARE(lines[1].bytes, trace()[1].bytes);

    // The new index columns were filled from the stored bytes and envelopes.
    for (const auto &[query, id] :
         {std::pair{u"from:alice"_s, qint64(1)}, std::pair{u"to:team"_s, qint64(2)},
          std::pair{u"to:carol"_s, qint64(2)}, std::pair{u"quarterly"_s, qint64(1)},
          std::pair{u"body:noon"_s, qint64(2)}, std::pair{u"has:attachment"_s, qint64(1)},
          std::pair{u"is:read"_s, qint64(2)}}) {
        const auto found = reader->search(query);
        QVERIFY2(found, qPrintable(errorText(found)));
        QCOMPARE(found->size(), 1);
        QCOMPARE(found->front().id, id);
    }

    // Ids are never reused: neither message ids AUTOINCREMENT had handed out nor session ids.
    QCOMPARE(store->allocateSessionId(), quint64(4));
    auto spool = std::make_shared<MessageSpool>(store->spoolDirectory());
    QVERIFY(spool->append("Subject: after the upgrade\r\n\r\nhi\r\n"));
    DeliveryRequest request;
    request.session.sessionId = 4;
    request.data = spool;
    std::optional<DeliveryResult> result;
    store->deliver(std::move(request), this, [&result](const DeliveryResult &r) { result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 30000);
    QVERIFY2(result->ok, qPrintable(result->error.message));
    QCOMPARE(result->storeId, kVersion1Sequence + 1);

    // Opening again finds the current version and changes nothing.
    store.reset();
    store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    QCOMPARE(store->allocateSessionId(), quint64(5));
}

// Version 3 adds the transaction's place in the trace and takes imports out of the sessions.
void tst_StoreMigration::migratesFromVersion2()
{
    QTemporaryDir temp;
    QString error;
    {
        auto store = openStore(temp.path(), &error);
        QVERIFY2(store, qPrintable(error));
        const auto deliver = [&](quint64 sessionId, const QString &remote) {
            auto spool = std::make_shared<MessageSpool>(store->spoolDirectory());
            QVERIFY(spool->append("Subject: s\r\n\r\nhi\r\n"));
            DeliveryRequest request;
            request.session.sessionId = sessionId;
            request.session.remoteAddress = remote;
            request.traceDelta = trace();
            request.data = spool;
            std::optional<DeliveryResult> result;
            store->deliver(std::move(request), this,
                           [&result](const DeliveryResult &r) { result = r; });
            QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 30000);
            QVERIFY2(result->ok, qPrintable(result->error.message));
        };
        deliver(1, u"127.0.0.1"_s);
        // How imports were recorded up to version 2: a session with remote "import".
        deliver(2, u"import"_s);
        store->flush();
    }
    {
        // Back to the version 2 layout (SQLite 3.35 can drop columns).
        auto opened = SqliteDatabase::open(temp.path() + u"/letterbox.sqlite3"_s,
                                           SqliteDatabase::OpenMode::ReadWriteCreate);
        QVERIFY(opened);
        QVERIFY((*opened)->exec("DROP INDEX messages_list; DROP TRIGGER messages_count_insert;"
                                "DROP TRIGGER messages_count_delete;"
                                "DROP TRIGGER messages_count_update;"
                                "ALTER TABLE messages DROP COLUMN trace_first;"
                                "ALTER TABLE messages DROP COLUMN trace_last;"
                                "ALTER TABLE messages DROP COLUMN overview;"
                                "DELETE FROM store_state;"
                                "DROP TABLE relay_attempts; DROP TABLE relay_queue;"
                                "PRAGMA user_version = 2;"));
    }
    QVERIFY(StoreReader::needsUpgrade(temp.path()));

    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    {
        auto db = openReadOnly(temp.path());
        QVERIFY(db);
        QCOMPARE(db->queryInt64("PRAGMA user_version").valueOr(-1), qint64(StoreSchema::kVersion));
        QCOMPARE(
            db->queryInt64("SELECT count(*) FROM session_trace WHERE session_id = 2").valueOr(-1),
            qint64(0));
    }
    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    const auto reader = std::move(*readerOpened);
    const QList<StoredMessage> listed = reader->list();
    QCOMPARE(listed.size(), 2);
    QCOMPARE(listed[0].sessionId, quint64(1));
    QCOMPARE(listed[0].traceFirst, qint64(-1)); // unknown for what came before
    QCOMPARE(listed[1].sessionId, quint64(0));  // the import has no session any more
    QCOMPARE(listed[1].remoteAddress, u"import"_s);
    const QList<SessionInfo> sessions = reader->recentSessions(10);
    QCOMPARE(sessions.size(), 1);
    QCOMPARE(sessions[0].sessionId, quint64(1));
    // The number the import had is not handed out again.
    QCOMPARE(store->allocateSessionId(), quint64(3));

    // New deliveries keep their place in the trace.
    auto spool = std::make_shared<MessageSpool>(store->spoolDirectory());
    QVERIFY(spool->append("Subject: after the upgrade\r\n\r\nhi\r\n"));
    DeliveryRequest request;
    request.session.sessionId = 3;
    request.traceDelta = trace();
    request.traceFirst = 1;
    request.traceLast = 5;
    request.data = spool;
    std::optional<DeliveryResult> result;
    store->deliver(std::move(request), this, [&result](const DeliveryResult &r) { result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 30000);
    QVERIFY2(result->ok, qPrintable(result->error.message));
    const std::optional<StoredMessage> stored = reader->message(result->storeId);
    QVERIFY(stored);
    QCOMPARE(stored->traceFirst, qint64(1));
    QCOMPARE(stored->traceLast, qint64(5));
}

void tst_StoreMigration::migratesFromVersion3()
{
    QTemporaryDir temp;
    QString error;
    const QByteArray message = "From: Ann <ann@example.com>\r\nTo: bob@example.org\r\n"
                               "Reply-To: help@example.com\r\nSubject: s\r\n\r\nhello there\r\n";
    const auto deliver = [&](MessageStore &store) -> qint64 {
        auto spool = std::make_shared<MessageSpool>(store.spoolDirectory());
        if (!spool->append(message))
            return 0;
        DeliveryRequest request;
        request.session.sessionId = store.allocateSessionId();
        request.data = spool;
        std::optional<DeliveryResult> result;
        store.deliver(std::move(request), this, [&result](const DeliveryResult &r) { result = r; });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 30000) || !result->ok)
            return 0;
        return result->storeId;
    };
    qint64 old = 0;
    {
        auto store = openStore(temp.path(), &error);
        QVERIFY2(store, qPrintable(error));
        old = deliver(*store);
        QVERIFY(old > 0);
        store->flush();
    }
    {
        // Back to the version 3 layout.
        auto opened = SqliteDatabase::open(temp.path() + u"/letterbox.sqlite3"_s,
                                           SqliteDatabase::OpenMode::ReadWriteCreate);
        QVERIFY(opened);
        QVERIFY((*opened)->exec("DROP INDEX messages_list; DROP TRIGGER messages_count_insert;"
                                "DROP TRIGGER messages_count_delete;"
                                "DROP TRIGGER messages_count_update;"
                                "ALTER TABLE messages DROP COLUMN overview;"
                                "DELETE FROM store_state WHERE key LIKE '%_messages';"
                                "DROP TABLE relay_attempts; DROP TABLE relay_queue;"
                                "PRAGMA user_version = 3;"));
    }
    QVERIFY(StoreReader::needsUpgrade(temp.path()));
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    const auto reader = std::move(*readerOpened);
    // The counters start from what is there and follow every change.
    QCOMPARE(reader->counts().messages, 1);
    QCOMPARE(reader->counts().unread, 1);
    const qint64 fresh = deliver(*store);
    QVERIFY(fresh > 0);
    QCOMPARE(reader->counts().messages, 2);
    QCOMPARE(reader->counts().unread, 2);
    QSignalSpy changed(store.get(), &MessageStore::messagesChanged);
    store->setRead({old}, true);
    QVERIFY(changed.wait(30000));
    QCOMPARE(reader->counts().messages, 2);
    QCOMPARE(reader->counts().unread, 1);
    // The old row keeps no overview (nothing is rewritten); the new one has it.
    const std::optional<StoredMessage> before = reader->message(old);
    QVERIFY(before);
    QVERIFY(before->overview.isEmpty());
    QVERIFY(!MessageOverview::fromJson(before->overview));
    const std::optional<StoredMessage> after = reader->message(fresh);
    QVERIFY(after);
    const std::optional<MessageOverview> overview = MessageOverview::fromJson(after->overview);
    QVERIFY2(overview, after->overview.constData());
    QVERIFY(overview->from);
    QCOMPARE(overview->from->name, u"Ann"_s);
    QCOMPARE(overview->from->address, u"ann@example.com"_s);
    QCOMPARE(overview->to.size(), 1);
    QCOMPARE(overview->replyTo.size(), 1);
    QCOMPARE(overview->replyTo.first().address, u"help@example.com"_s);
    QCOMPARE(overview->snippet, u"hello there"_s);
    QCOMPARE(overview->attachmentCount, 0);
    QSignalSpy removed(store.get(), &MessageStore::messagesRemoved);
    store->remove({fresh});
    QVERIFY(removed.wait(30000));
    QCOMPARE(reader->counts().messages, 1);
    QCOMPARE(reader->counts().unread, 0);
}

void tst_StoreMigration::migratesFromVersion4()
{
    QTemporaryDir temp;
    QString error;
    QList<qint64> ids;
    {
        auto store = openStore(temp.path(), &error);
        QVERIFY2(store, qPrintable(error));
        ids = StoreFiller::deliver(*store, this, 0, 8); // 0 and 4 have attachments
        QCOMPARE(ids.size(), 8);
        QSignalSpy changed(store.get(), &MessageStore::messagesChanged);
        store->setRead({ids.at(0), ids.at(1)}, true);
        QVERIFY(changed.wait(30000));
        store->flush();
    }
    {
        // Back to the version 4 layout: messages_list on (id, flags), no partial indexes.
        auto opened = SqliteDatabase::open(temp.path() + u"/letterbox.sqlite3"_s,
                                           SqliteDatabase::OpenMode::ReadWriteCreate);
        QVERIFY(opened);
        QVERIFY((*opened)->exec("DROP INDEX messages_list; DROP INDEX messages_attachments;"
                                "DROP INDEX messages_unread; DROP INDEX messages_read;"
                                "CREATE INDEX messages_list ON messages(id, flags);"
                                "DROP TABLE relay_attempts; DROP TABLE relay_queue;"
                                "PRAGMA user_version = 4;"));
    }
    QVERIFY(StoreReader::needsUpgrade(temp.path()));
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    {
        auto db = openReadOnly(temp.path());
        QVERIFY(db);
        QCOMPARE(db->queryInt64("PRAGMA user_version").valueOr(-1), qint64(StoreSchema::kVersion));
        QCOMPARE(db->queryText("SELECT sql FROM sqlite_schema WHERE name = 'messages_list'")
                     .valueOr(QString()),
                 u"CREATE INDEX messages_list ON messages(id, flags, has_attachments, "
                 "finding_count)"_s);
        QCOMPARE(db->queryInt64("SELECT count(*) FROM sqlite_schema WHERE name IN"
                                " ('messages_attachments', 'messages_unread', 'messages_read')")
                     .valueOr(-1),
                 qint64(3));
    }
    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    const auto reader = std::move(*readerOpened);
    // The new indexes hold the messages stored before: the counts and pages that use them.
    const auto counts = [&reader](const QString &query) {
        const Result<StoreReader::Counts> counted = reader->searchCounts(query);
        return counted ? QList<qint64>{counted->messages, counted->unread} : QList<qint64>{};
    };
    QCOMPARE(counts(u"has:attachment"_s), (QList<qint64>{2, 1}));
    QCOMPARE(counts(u"text"_s), (QList<qint64>{8, 6}));
    QCOMPARE(counts(u"text -is:unread"_s), (QList<qint64>{2, 0}));
    const Result<QList<StoredMessage>> attached = reader->search(u"has:attachment"_s, 1, 1);
    QVERIFY(attached);
    QCOMPARE(attached->size(), 1);
    QCOMPARE(attached->first().id, ids.at(0));
    // And follow later changes.
    const QList<qint64> more = StoreFiller::deliver(*store, this, 8, 1); // has an attachment
    QCOMPARE(more.size(), 1);
    QCOMPARE(counts(u"has:attachment"_s), (QList<qint64>{3, 2}));
    QSignalSpy removed(store.get(), &MessageStore::messagesRemoved);
    store->remove({ids.at(4)});
    QVERIFY(removed.wait(30000));
    QCOMPARE(counts(u"has:attachment"_s), (QList<qint64>{2, 1}));
    QCOMPARE(counts(u"text"_s), (QList<qint64>{8, 6}));
}

void tst_StoreMigration::migratesFromVersion5()
{
    QTemporaryDir temp;
    QString error;
    QList<qint64> ids;
    {
        auto store = openStore(temp.path(), &error);
        QVERIFY2(store, qPrintable(error));
        ids = StoreFiller::deliver(*store, this, 0, 3);
        QCOMPARE(ids.size(), 3);
        store->flush();
    }
    {
        auto opened = SqliteDatabase::open(temp.path() + u"/letterbox.sqlite3"_s,
                                           SqliteDatabase::OpenMode::ReadWriteCreate);
        QVERIFY(opened);
        QVERIFY((*opened)->exec(
            QByteArray(kDropRelayTables + QByteArray("PRAGMA user_version = 5;")).constData()));
    }
    QVERIFY(StoreReader::needsUpgrade(temp.path()));
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    {
        auto db = openReadOnly(temp.path());
        QVERIFY(db);
        QCOMPARE(db->queryInt64("PRAGMA user_version").valueOr(-1), qint64(StoreSchema::kVersion));
        QCOMPARE(db->queryInt64("SELECT count(*) FROM relay_attempts").valueOr(-1), qint64(0));
        QCOMPARE(db->queryInt64("SELECT count(*) FROM relay_queue").valueOr(-1), qint64(0));
    }
    // The new tables work: an attempt and a queue entry are stored with their message, and go
    // with it.
    RelayOutcome outcome;
    outcome.messageId = ids.at(1);
    outcome.started = QDateTime::currentDateTimeUtc();
    outcome.target = u"relay.test:25"_s;
    outcome.recipients.append({"bob@example.test", 250, "2.0.0", u"ok"_s, false});
    outcome.trace.append({0, outcome.started, Direction::ClientToServer, "EHLO x\r\n", 0, {}});
    RelayQueueEntry entry{0, ids.at(1), {"bob@example.test"}, outcome.started, outcome.started, 1};
    store->writeRecord(
        [outcome](SqliteDatabase &db) { return RelayRecords::insertAttempt(db, outcome); });
    store->writeRecord(
        [entry](SqliteDatabase &db) { return RelayRecords::saveQueueEntry(db, entry); });
    // A message that is gone takes nothing: no error, no row.
    outcome.messageId = 999999;
    store->writeRecord(
        [outcome](SqliteDatabase &db) { return RelayRecords::insertAttempt(db, outcome); });
    QSignalSpy failed(store.get(), &MessageStore::storeError);
    store->flush();
    QCoreApplication::processEvents();
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    {
        auto readerOpened = StoreReader::open(temp.path());
        QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
        const auto attempts = (*readerOpened)->relayAttempts(ids.at(1));
        QVERIFY(attempts);
        QCOMPARE(attempts->size(), 1);
        QCOMPARE(attempts->first().recipients.first().code, 250);
        QCOMPARE(attempts->first().trace.first().bytes, "EHLO x\r\n"_ba);
        QCOMPARE((*readerOpened)->relayQueue()->size(), 1);
        QVERIFY((*readerOpened)->relayAttempts(999999)->isEmpty());
    }
    QSignalSpy removed(store.get(), &MessageStore::messagesRemoved);
    store->remove({ids.at(1)});
    QVERIFY(removed.wait(30000));
    store->finishMaintenance();
    auto db = openReadOnly(temp.path());
    QVERIFY(db);
    QCOMPARE(db->queryInt64("SELECT count(*) FROM relay_attempts").valueOr(-1), qint64(0));
    QCOMPARE(db->queryInt64("SELECT count(*) FROM relay_queue").valueOr(-1), qint64(0));
}

void tst_StoreMigration::readerLeavesTheUpgradeToTheWriter()
{
    QTemporaryDir temp;
    QVERIFY(createVersion1Store(temp.path(), true));
    QVERIFY(StoreReader::needsUpgrade(temp.path()));
    QString error;
    {
        const auto refused = StoreReader::open(temp.path());
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::StoreTooOld);
        QVERIFY2(refused.error().message.contains(u"older Letterbox (schema 1)"_s),
                 qPrintable(refused.error().message));
    }
    {
        auto db = openReadOnly(temp.path());
        QVERIFY(db);
        QCOMPARE(db->queryInt64("PRAGMA user_version").valueOr(-1),
                 qint64(1)); // a reader never writes
    }
    QVERIFY2(openStore(temp.path(), &error), qPrintable(error));
    QVERIFY(!StoreReader::needsUpgrade(temp.path()));
    const auto reopened = StoreReader::open(temp.path());
    QVERIFY2(reopened, qPrintable(errorText(reopened)));
}

void tst_StoreMigration::failedMigrationChangesNothing()
{
    QTemporaryDir temp;
    // A table in the way of the migration's own: it must fail, and fail as a whole.
    QVERIFY(createVersion1Store(temp.path(), true, "CREATE TABLE message_raw(x);"));
    QString error;
    QVERIFY(!openStore(temp.path(), &error));
    QVERIFY2(error.contains(u"cannot upgrade"_s)
                 && error.contains(u"from schema 1 to %1"_s.arg(StoreSchema::kVersion))
                 && error.contains(u"message_raw already exists"_s),
             qPrintable(error));

    auto db = openReadOnly(temp.path());
    QVERIFY(db);
    QCOMPARE(db->queryInt64("PRAGMA user_version").valueOr(-1), qint64(1));
    auto raw = db->prepare("SELECT raw FROM messages WHERE id = 1");
    QVERIFY(raw.isValid());
    QCOMPARE(raw.step(), SqliteDatabase::Statement::StepResult::Row);
    QCOMPARE(raw.columnBlob(0), messages().front().raw);
    QCOMPARE(db->queryInt64(
                   "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'addresses:alice'")
                 .valueOr(-1),
             qint64(1));
    QVERIFY(!db->prepare("SELECT 1 FROM findings").isValid());
}

void tst_StoreMigration::emptyVersion1Store()
{
    QTemporaryDir temp;
    QVERIFY(createVersion1Store(temp.path(), false));
    QString error;
    auto store = openStore(temp.path(), &error);
    QVERIFY2(store, qPrintable(error));
    QCOMPARE(store->allocateSessionId(), quint64(1));
    auto readerOpened = StoreReader::open(temp.path());
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    auto reader = std::move(*readerOpened);
    QCOMPARE(reader->messageCount(), qint64(0));
    const auto all = reader->search(QString());
    QVERIFY2(all && all->isEmpty(), qPrintable(errorText(all)));
}

QTEST_GUILESS_MAIN(tst_StoreMigration)
#include "tst_storemigration.moc"
