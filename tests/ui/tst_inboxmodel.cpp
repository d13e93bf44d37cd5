// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "common/gracefulthread.h"
#include "loader/storeloader.h"
#include "models/inboxmodel.h"
#include "openstore.h"
#include "store/storereader.h"
#include "storefiller.h"
#include "views/inboxview.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QElapsedTimer>
#include <QItemSelectionModel>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

/// A real store, a StoreLoader in its own thread (as MainWindow has it), and the model over it.
class InboxFixture
{
public:
    explicit InboxFixture(QObject *context)
        : m_context(context)
    {
        QString error;
        store = openStore(m_dir.filePath(QStringLiteral("store")), &error);
        if (!store)
            qFatal("cannot open the store: %s", qPrintable(error));
        m_thread.reset(new QThread);
        m_thread->setObjectName(QStringLiteral("inbox-loader"));
        loader = new StoreLoader;
        loader->moveToThread(m_thread.get());
        QObject::connect(m_thread.get(), &QThread::finished, loader, &QObject::deleteLater);
        m_thread->start();
        model = std::make_unique<InboxModel>(loader);
        tester = std::make_unique<QAbstractItemModelTester>(
            model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    QList<qint64> fill(int first, int count, const QByteArray &subject = {})
    {
        return StoreFiller::deliver(*store, m_context, first, count, subject);
    }

    /// Opens the loader on the store and waits for the first list.
    bool open()
    {
        QMetaObject::invokeMethod(loader, [l = loader, d = store->directory()] { l->open(d); });
        return relist([this] { model->reload(); });
    }

    /// Runs `change` and waits until the model has applied the list it asked for.
    template<typename Change> bool relist(Change change)
    {
        QSignalSpy listed(model.get(), &InboxModel::listed);
        change();
        return listed.wait(30000);
    }

    /// The ids SQL gives for this query and order, straight from a reader of our own.
    QList<qint64> sqlIds(const QString &query, StoreReader::SortField field, Qt::SortOrder order)
    {
        QString error;
        auto readerOpened = StoreReader::open(store->directory());
        if (!readerOpened)
            error = readerOpened.error().message;
        auto reader = readerOpened ? std::move(*readerOpened) : nullptr;
        return reader ? reader->searchIds(query, field, order).valueOr(QList<qint64>())
                      : QList<qint64>();
    }

    /// Asks for the summary of `row` and waits until it is loaded.
    bool load(int row)
    {
        model->index(row, 0).data();
        return QTest::qWaitFor(
            [this, row] { return model->index(row, 0).data(InboxModel::LoadedRole).toBool(); },
            10000);
    }

private:
    // Declared in the order they are needed, so they go in reverse: the model before its
    // loader's thread, the store before its folder.
    QObject *m_context;
    QTemporaryDir m_dir;

public:
    std::unique_ptr<MessageStore> store;

private:
    GracefulThread m_thread;

public:
    StoreLoader *loader = nullptr;
    std::unique_ptr<InboxModel> model;
    std::unique_ptr<QAbstractItemModelTester> tester;
};

class TestInboxModel final : public QObject
{
    Q_OBJECT

private slots:
    /// 20 000 stored messages: every row is there, but only a bounded number of summaries is
    /// in memory, whichever rows are looked at; the last page loads when scrolled to.
    void holdsOnlyTheVisiblePart()
    {
        constexpr int kMessages = 20000;
        InboxFixture f(this);
        QElapsedTimer timer;
        timer.start();
        for (int first = 0; first < kMessages; first += 2000)
            QCOMPARE(f.fill(first, 2000).size(), 2000);
        qInfo("stored %d messages in %lld ms", kMessages, timer.elapsed());
        timer.restart();
        QVERIFY(f.open());
        qInfo("listed them in %lld ms", timer.elapsed());
        QCOMPARE(f.model->rowCount(), kMessages);
        QCOMPARE(f.model->totalCount(), kMessages);
        QCOMPARE(f.model->unreadCount(), kMessages);

        InboxView view;
        view.setModel(f.model.get());
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY(f.model->index(0, 0).data(InboxModel::LoadedRole).toBool());
        QVERIFY(f.model->cachedCount() <= InboxModel::kPageSize);
        view.scrollToBottom();
        QTRY_VERIFY(f.model->index(kMessages - 1, 0).data(InboxModel::LoadedRole).toBool());
        // Newest first: the last row is the first message stored.
        const QList<qint64> sql =
            f.sqlIds({}, StoreReader::SortField::Received, Qt::DescendingOrder);
        QCOMPARE(f.model->ids(), sql);
        QVERIFY(f.model->index(kMessages - 1, InboxModel::FromColumn)
                    .data()
                    .toString()
                    .contains(u"alice@example.test"));

        // What a live change costs: the loader lists every id again and the model merges.
        timer.restart();
        f.model->noteChanged({});
        f.model->flush();
        QTRY_VERIFY(!f.model->isBusy());
        qInfo("a refresh of %d rows took %lld ms", kMessages, timer.elapsed());

        // Look at every page once: the cache stays bounded.
        for (int row = 0; row < kMessages; row += InboxModel::kPageSize) {
            QVERIFY(f.load(row));
            QVERIFY(f.model->cachedCount() <= InboxModel::kCacheCapacity);
        }
        qInfo("after visiting every page: %lld summaries in memory for %d rows",
              qlonglong(f.model->cachedCount()), f.model->rowCount());
        QCOMPARE(f.model->cachedCount(), InboxModel::kCacheCapacity);
    }

    /// Every column sorts in SQL, in the order the store gives.
    void sortingFollowsSql()
    {
        InboxFixture f(this);
        QCOMPARE(f.fill(0, 300).size(), 300);
        QVERIFY(f.open());
        QSignalSpy reset(f.model.get(), &QAbstractItemModel::modelReset);
        QVERIFY(f.relist([&f] { f.model->sort(InboxModel::SubjectColumn, Qt::AscendingOrder); }));
        QCOMPARE(f.model->ids(), f.sqlIds({}, StoreReader::SortField::Subject, Qt::AscendingOrder));
        QVERIFY(f.load(0));
        QVERIFY(f.load(1));
        QVERIFY(f.model->index(0, InboxModel::SubjectColumn)
                    .data()
                    .toString()
                    .compare(f.model->index(1, InboxModel::SubjectColumn).data().toString(),
                             Qt::CaseInsensitive)
                <= 0);
        QVERIFY(f.relist([&f] { f.model->sort(InboxModel::SizeColumn, Qt::DescendingOrder); }));
        QCOMPARE(f.model->ids(), f.sqlIds({}, StoreReader::SortField::Size, Qt::DescendingOrder));
        QVERIFY(f.load(0));
        QVERIFY(f.load(299));
        QVERIFY(f.model->messageAt(0)->size >= f.model->messageAt(299)->size);
        QVERIFY(f.relist([&f] { f.model->sort(InboxModel::FromColumn, Qt::AscendingOrder); }));
        QCOMPARE(f.model->ids(), f.sqlIds({}, StoreReader::SortField::From, Qt::AscendingOrder));
        QVERIFY(
            f.relist([&f] { f.model->sort(InboxModel::AttachmentColumn, Qt::DescendingOrder); }));
        QCOMPARE(f.model->ids(),
                 f.sqlIds({}, StoreReader::SortField::Attachments, Qt::DescendingOrder));
        QVERIFY(f.model->index(0, 0).data(InboxModel::MessageIdRole).toLongLong() > 0);
        QCOMPARE(reset.count(), 0); // a new order is a layout change
    }

    /// A new order moves the selected rows with their messages.
    void resortKeepsSelection()
    {
        InboxFixture f(this);
        QCOMPARE(f.fill(0, 50).size(), 50);
        QVERIFY(f.open());
        QItemSelectionModel selection(f.model.get());
        const qint64 current = f.model->idAt(10);
        const qint64 other = f.model->idAt(20);
        selection.setCurrentIndex(f.model->index(10, 0),
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        selection.select(f.model->index(20, 0),
                         QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QVERIFY(f.relist([&f] { f.model->sort(InboxModel::SubjectColumn, Qt::AscendingOrder); }));
        QCOMPARE(selection.currentIndex().data(InboxModel::MessageIdRole).toLongLong(), current);
        QList<qint64> selected;
        for (const QModelIndex &row : selection.selectedRows())
            selected.append(row.data(InboxModel::MessageIdRole).toLongLong());
        std::sort(selected.begin(), selected.end());
        QCOMPARE(selected, QList<qint64>({std::min(current, other), std::max(current, other)}));
    }

    /// The query language filters in SQL; an invalid query says why and changes nothing.
    void queryFilters()
    {
        InboxFixture f(this);
        QCOMPARE(f.fill(0, 120).size(), 120);
        QVERIFY(f.open());
        const QString query = QStringLiteral("from:alice has:attachment");
        QVERIFY(f.relist([&f, &query] { QVERIFY(f.model->setQuery(query)); }));
        const QList<qint64> expected =
            f.sqlIds(query, StoreReader::SortField::Received, Qt::DescendingOrder);
        QCOMPARE(expected.size(), 10); // i % 3 == 0 and i % 4 == 0
        QCOMPARE(f.model->ids(), expected);
        QVERIFY(f.model->queryError().isEmpty());
        QCOMPARE(f.model->totalCount(), 120);

        QSignalSpy error(f.model.get(), &InboxModel::queryErrorChanged);
        QVERIFY(!f.model->setQuery(QStringLiteral("from:alice bogus:field")));
        QCOMPARE(error.count(), 1);
        QVERIFY(f.model->queryError().contains(u"bogus"));
        QCOMPARE(f.model->ids(), expected);
        QCOMPARE(f.model->query(), query);

        QVERIFY(f.relist([&f] { f.model->setQuery(QString()); }));
        QVERIFY(f.model->queryError().isEmpty());
        QCOMPARE(f.model->rowCount(), 120);

        // Reading a message takes it out of is:unread, but not away from under the reader;
        // another one read elsewhere goes.
        QVERIFY(f.relist([&f] { f.model->setQuery(QStringLiteral("is:unread")); }));
        const qint64 reading = f.model->idAt(0);
        const qint64 other = f.model->idAt(5);
        f.model->keepListed(reading);
        f.store->setRead({reading, other}, true);
        f.store->flush();
        f.model->noteChanged({reading, other});
        QTRY_COMPARE(f.model->rowCount(), 119);
        QCOMPARE(f.model->idAt(0), reading);
        QCOMPARE(f.model->rowOf(other), -1);
        QVERIFY(f.model->messageAt(0)->read);
        QCOMPARE(f.model->unreadCount(), 118);
    }

    /// Arrivals in the default order come in at the top, as one insert per tick, with their
    /// summaries loaded and no reset; under a query only the matching ones appear.
    void arrivalsInsertAtTop()
    {
        InboxFixture f(this);
        QCOMPARE(f.fill(0, 200).size(), 200);
        QVERIFY(f.open());
        QSignalSpy inserted(f.model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(f.model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy arrived(f.model.get(), &InboxModel::messagesArrived);
        QList<qint64> ids = f.fill(200, 3);
        QCOMPARE(ids.size(), 3);
        for (const qint64 id : ids)
            f.model->noteArrivals({id});
        QTRY_COMPARE(f.model->rowCount(), 203);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 2);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(f.model->idAt(0), ids.at(2));
        QVERIFY(f.model->index(0, 0).data(InboxModel::LoadedRole).toBool());
        QCOMPARE(arrived.count(), 1);
        QCOMPARE(arrived.at(0).at(0).value<QList<StoredMessage>>().size(), 3);
        QCOMPARE(f.model->unreadCount(), 203);

        // Oldest first: arrivals go to the bottom.
        QVERIFY(f.relist([&f] { f.model->sort(InboxModel::ReceivedColumn, Qt::AscendingOrder); }));
        ids = f.fill(203, 2);
        f.model->noteArrivals(ids);
        QTRY_COMPARE(f.model->rowCount(), 205);
        QCOMPARE(f.model->idAt(204), ids.at(1));
        QCOMPARE(inserted.constLast().at(1).toInt(), 203);

        QVERIFY(f.relist([&f] { f.model->setQuery(QStringLiteral("subject:urgent")); }));
        QCOMPARE(f.model->rowCount(), 0);
        const int before = int(inserted.count());
        const QList<qint64> other = f.fill(205, 2);
        const QList<qint64> urgent = f.fill(207, 2, "Urgent call");
        f.model->noteArrivals(other + urgent);
        QTRY_COMPARE(f.model->rowCount(), 2);
        QCOMPARE(inserted.count(), before + 1);
        QCOMPARE(f.model->ids(), urgent);
        QCOMPARE(reset.count(), 1); // the new query, only
        QCOMPARE(f.model->totalCount(), 209);
    }

    /// A flood: thousands of arrivals, noted one by one, come in as one insert per tick at
    /// most, never a reset.
    void floodInsertsInBatches()
    {
        InboxFixture f(this);
        QCOMPARE(f.fill(0, 100).size(), 100);
        QVERIFY(f.open());
        QSignalSpy inserted(f.model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(f.model.get(), &QAbstractItemModel::modelReset);
        int expected = 100;
        for (int batch = 0; batch < 10; ++batch) {
            const QList<qint64> ids = f.fill(expected, 300);
            QCOMPARE(ids.size(), 300);
            for (const qint64 id : ids)
                f.model->noteArrivals({id});
            expected += 300;
        }
        QTRY_COMPARE(f.model->rowCount(), expected);
        QVERIFY2(inserted.count() <= 10, qPrintable(QString::number(inserted.count())));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(f.model->ids(),
                 f.sqlIds({}, StoreReader::SortField::Received, Qt::DescendingOrder));
        QVERIFY(f.model->cachedCount() <= InboxModel::kCacheCapacity);
    }

    /// Deletions remove contiguous runs; read flags change in place with one ranged signal;
    /// a message deleted here does not come back with a list read before the store removed it.
    void removeAndMarkRead()
    {
        InboxFixture f(this);
        QCOMPARE(f.fill(0, 20).size(), 20);
        QVERIFY(f.open());
        for (int row = 0; row < 6; ++row)
            QVERIFY(f.load(row));
        QSignalSpy changed(f.model.get(), &QAbstractItemModel::dataChanged);
        f.model->setRead({f.model->idAt(1), f.model->idAt(3)}, true);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 3);
        QCOMPARE(f.model->unreadCount(), 18);
        QVERIFY(!f.model->index(1, 0).data(Qt::FontRole).isValid());
        QVERIFY(f.model->index(0, 0).data(Qt::FontRole).value<QFont>().bold());

        const QList<qint64> gone = {f.model->idAt(2), f.model->idAt(3),  f.model->idAt(4),
                                    f.model->idAt(8), f.model->idAt(19), 999999};
        QSignalSpy removed(f.model.get(), &QAbstractItemModel::rowsRemoved);
        f.model->removeMessages(gone);
        QCOMPARE(removed.count(), 3); // 19, 8, 2-4: one removal per run
        QCOMPARE(f.model->rowCount(), 15);
        QCOMPARE(f.model->rowOf(gone.at(0)), -1);
        // A list that still has them (the store has not removed them yet) leaves them out.
        f.model->noteChanged({});
        f.model->flush();
        QTRY_VERIFY(!f.model->isBusy());
        QCOMPARE(f.model->rowCount(), 15);

        f.store->remove(gone);
        f.store->flush();
        f.model->storeRemoved(gone);
        QTRY_VERIFY(!f.model->isBusy());
        QCOMPARE(f.model->rowCount(), 15);
        QCOMPARE(f.model->totalCount(), 15);

        QSignalSpy reset(f.model.get(), &QAbstractItemModel::modelReset);
        f.model->clear();
        QCOMPARE(f.model->rowCount(), 0);
        QCOMPARE(f.model->unreadCount(), 0);
        QCOMPARE(reset.count(), 1);
    }
};

QTEST_MAIN(TestInboxModel)
#include "tst_inboxmodel.moc"
