// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "openstore.h"
#include "resulttext.h"
#include "store/searchfunctions.h"
#include "store/sqlitedatabase.h"
#include "store/storelayout.h"
#include "store/storereader.h"
#include "storefiller.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

/// The shortcuts StoreReader takes for pages and counts on a large store give the answers of
/// the plain statements: a page deep in the list (a bare walk of the index when nothing is
/// flagged deleted) is that slice of the full list; the counts of searchCounts() (from the
/// store's counters, or from the full-text index's rowids and the partial indexes on flags)
/// are the number of messages search() returns and of the unread among them; an exact address
/// (its candidates in the full-text join) finds the same messages. Each runs with nothing
/// read, a handful read or flagged deleted (probed in the index one by one), a few read, half
/// read, most read, and more flagged deleted but not yet purged (all matches walked).
class tst_StoreReaderPages final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pagesAreSlicesOfTheFullList_data();
    void pagesAreSlicesOfTheFullList();
    void countsAreThoseOfTheMatches_data();
    void countsAreThoseOfTheMatches();
    void exactAddressFindsItsMessages_data();
    void exactAddressFindsItsMessages();
    void plainAddressNeedsNoParsing_data();
    void plainAddressNeedsNoParsing();

private:
    enum class State { NothingRead, FewExceptions, FewRead, HalfRead, MostRead, SomeDeleted };
    static void addStates();
    /// A reader over the shared store, with flags set for `state` (directly in SQL, with no
    /// MessageStore open, so flagged messages stay unpurged).
    std::unique_ptr<StoreReader> readerIn(State state);

    static constexpr int kMessages = 150;
    QTemporaryDir m_directory;
    QList<qint64> m_ids; ///< by StoreFiller number
};

void tst_StoreReaderPages::initTestCase()
{
    QVERIFY(m_directory.isValid());
    QString error;
    auto store = openStore(m_directory.path(), &error);
    QVERIFY2(store, qPrintable(error));
    m_ids = StoreFiller::deliver(*store, this, 0, kMessages);
    QCOMPARE(m_ids.size(), kMessages);
    store->flush();
}

void tst_StoreReaderPages::addStates()
{
    QTest::addColumn<State>("state");
    QTest::addRow("nothing-read") << State::NothingRead;
    QTest::addRow("few-exceptions") << State::FewExceptions;
    QTest::addRow("few-read") << State::FewRead;
    QTest::addRow("half-read") << State::HalfRead;
    QTest::addRow("most-read") << State::MostRead;
    QTest::addRow("some-deleted") << State::SomeDeleted;
}

std::unique_ptr<StoreReader> tst_StoreReaderPages::readerIn(State state)
{
    {
        auto opened = SqliteDatabase::open(m_directory.path() + u"/letterbox.sqlite3"_s,
                                           SqliteDatabase::OpenMode::ReadWriteCreate);
        if (!opened)
            return nullptr;
        SqliteDatabase &db = **opened;
        // Through UPDATE, so the counting triggers follow as they do for the store.
        QByteArray sql = "UPDATE messages SET flags = 0;";
        switch (state) {
        case State::NothingRead:
            break;
        case State::FewExceptions: // 3 read, 2 flagged deleted: probed one by one
            sql += "UPDATE messages SET flags = 1 WHERE id % 50 = 7;"
                   "UPDATE messages SET flags = flags | 2 WHERE id % 75 = 11;";
            break;
        case State::FewRead:
            sql += "UPDATE messages SET flags = 1 WHERE id % 10 = 3;";
            break;
        case State::HalfRead:
            sql += "UPDATE messages SET flags = 1 WHERE id % 2 = 0;";
            break;
        case State::MostRead:
            sql += "UPDATE messages SET flags = 1 WHERE id % 10 <> 3;";
            break;
        case State::SomeDeleted:
            sql += "UPDATE messages SET flags = 1 WHERE id % 3 = 1;"
                   "UPDATE messages SET flags = flags | 2 WHERE id % 7 = 2 OR id > "
                   + QByteArray::number(m_ids.at(kMessages - 3)) + ";";
            break;
        }
        if (!db.exec(sql.constData()))
            return nullptr;
    }
    Result<std::unique_ptr<StoreReader>> reader = StoreReader::open(m_directory.path());
    if (!reader)
        return nullptr;
    return std::move(*reader);
}

static QList<qint64> idsOf(const QList<StoredMessage> &messages)
{
    QList<qint64> ids;
    for (const StoredMessage &message : messages)
        ids.append(message.id);
    return ids;
}

void tst_StoreReaderPages::pagesAreSlicesOfTheFullList_data()
{
    addStates();
}

void tst_StoreReaderPages::pagesAreSlicesOfTheFullList()
{
    QFETCH(State, state);
    const std::unique_ptr<StoreReader> reader = readerIn(state);
    QVERIFY(reader);
    // list() without a page is the plain statement: every live message, oldest first.
    QList<StoredMessage> all = reader->list();
    std::reverse(all.begin(), all.end());
    const QList<qint64> newestFirst = idsOf(all);
    QCOMPARE(newestFirst.size(), reader->counts().messages);
    QList<qint64> withAttachments;
    for (const StoredMessage &message : std::as_const(all)) {
        if (message.hasAttachments)
            withAttachments.append(message.id);
    }
    QVERIFY(!withAttachments.isEmpty());
    for (const int limit : {1, 7, 50}) {
        for (const int offset : {0, 1, 49, 50, 99, 120, kMessages - 2, kMessages, 400}) {
            const QString where = u"limit %1 offset %2"_s.arg(limit).arg(offset);
            QCOMPARE(idsOf(reader->list(limit, offset)), newestFirst.mid(offset, limit));
            const Result<QList<StoredMessage>> found =
                reader->search(u"has:attachment"_s, limit, offset);
            QVERIFY2(found, qPrintable(where));
            QCOMPARE(idsOf(*found), withAttachments.mid(offset, limit));
        }
    }
    QCOMPARE(idsOf(reader->list(-1, 3)), newestFirst.mid(3));
}

void tst_StoreReaderPages::countsAreThoseOfTheMatches_data()
{
    addStates();
}

void tst_StoreReaderPages::countsAreThoseOfTheMatches()
{
    QFETCH(State, state);
    const std::unique_ptr<StoreReader> reader = readerIn(state);
    QVERIFY(reader);
    // Full-text only (words in every message, in a third, a phrase, OR, NOT), the read state
    // only, and what still needs SQL.
    const QStringList queries = {
        u"text"_s,
        u"alice"_s,
        u"alice OR bob"_s,
        u"text -alice"_s,
        u"\"example test\""_s,
        u"from:carol"_s,
        u"nosuchword"_s,
        u"7919"_s,         // the subject of message 1 only: joined, not walked
        u"7919 OR 5831"_s, // and of message 2
        u"is:unread"_s,
        u"is:read"_s,
        u"-is:read"_s,
        u"is:read OR is:unread"_s,
        u"is:read is:unread"_s,
        u"NOT (is:read OR -is:unread)"_s,
        u"has:attachment"_s,
        u"has:attachment -is:read"_s,
        u"has:attachment OR is:read"_s,
        u"alice has:attachment"_s,
        u"from:<alice@example.test>"_s,
        u"from:<alice@example.test> is:unread"_s,
        u"from:<alice@example.test> -note"_s,
        u"to:<dev1@example.test> OR from:<bob@example.test>"_s,
    };
    for (const QString &query : queries) {
        const Result<QList<StoredMessage>> found = reader->search(query);
        QVERIFY2(found, qPrintable(query));
        const Result<StoreReader::Counts> counts = reader->searchCounts(query);
        QVERIFY2(counts, qPrintable(query));
        const qint64 unread = std::count_if(found->cbegin(), found->cend(),
                                            [](const StoredMessage &m) { return !m.read; });
        QVERIFY2(counts->messages == found->size() && counts->unread == unread,
                 qPrintable(u"%1: counted %2 (%3 unread), found %4 (%5 unread)"_s.arg(query)
                                .arg(counts->messages)
                                .arg(counts->unread)
                                .arg(found->size())
                                .arg(unread)));
    }
    // The totals are those of the empty query.
    const Result<StoreReader::Counts> everything = reader->searchCounts(QString());
    QVERIFY(everything);
    QCOMPARE(everything->messages, reader->counts().messages);
    QCOMPARE(everything->unread, reader->counts().unread);
    QCOMPARE(everything->messages, reader->list().size());
}

void tst_StoreReaderPages::exactAddressFindsItsMessages_data()
{
    addStates();
}

void tst_StoreReaderPages::exactAddressFindsItsMessages()
{
    QFETCH(State, state);
    const std::unique_ptr<StoreReader> reader = readerIn(state);
    QVERIFY(reader);
    QList<StoredMessage> all = reader->list();
    std::reverse(all.begin(), all.end());
    QList<qint64> fromAlice;
    QList<qint64> fromAliceUnread;
    for (const StoredMessage &message : std::as_const(all)) {
        if (message.mailFrom == "alice@example.test") {
            fromAlice.append(message.id);
            if (!message.read)
                fromAliceUnread.append(message.id);
        }
    }
    QVERIFY(!fromAlice.isEmpty());
    for (const int offset : {0, 5, 30}) {
        const Result<QList<StoredMessage>> page =
            reader->search(u"from:<alice@example.test>"_s, 10, offset);
        QVERIFY(page);
        QCOMPARE(idsOf(*page), fromAlice.mid(offset, 10));
        const Result<QList<StoredMessage>> unread =
            reader->search(u"is:unread from:<ALICE@example.test>"_s, 10, offset);
        QVERIFY(unread);
        QCOMPARE(idsOf(*unread), fromAliceUnread.mid(offset, 10));
    }
    // The words of the address are not enough.
    const Result<QList<StoredMessage>> none = reader->search(u"from:<ice@example.test>"_s);
    QVERIFY(none);
    QVERIFY(none->isEmpty());
}

void tst_StoreReaderPages::plainAddressNeedsNoParsing_data()
{
    QTest::addColumn<QByteArray>("list");
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("holds");
    QTest::addRow("plain") << "ann@example.com"_ba << u"ann@example.com"_s << true;
    QTest::addRow("plain-other-case") << "Ann@Example.COM"_ba << u"ann@example.com"_s << true;
    QTest::addRow("plain-atext") << "a.b+c_d@x-y.example"_ba << u"a.b+c_d@x-y.example"_s << true;
    QTest::addRow("longer-local-part") << "joann@example.com"_ba << u"ann@example.com"_s << false;
    QTest::addRow("longer-domain") << "ann@example.com.evil"_ba << u"ann@example.com"_s << false;
    QTest::addRow("named") << "Ann <ann@example.com>"_ba << u"ann@example.com"_s << true;
    QTest::addRow("in-a-list") << "bob@example.org, ann@example.com"_ba << u"ann@example.com"_s
                               << true;
    QTest::addRow("quoted-local-part")
        << "\"x ann@example.com\"@evil.test"_ba << u"ann@example.com"_s << false;
    QTest::addRow("comma-is-a-list") << "a,b@example.com"_ba << u"a,b@example.com"_s << false;
}

void tst_StoreReaderPages::plainAddressNeedsNoParsing()
{
    QFETCH(QByteArray, list);
    QFETCH(QString, address);
    QFETCH(bool, holds);
    QCOMPARE(SearchFunctions::addressIn(list, address), holds);
}

QTEST_GUILESS_MAIN(tst_StoreReaderPages)
#include "tst_storereaderpages.moc"
