// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "models/inboxmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>
#include <QTimeZone>

namespace {

StoredMessage message(qint64 id, const QString &subject = {}, bool read = false)
{
    StoredMessage m;
    m.id = id;
    m.received = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + id * 1000, QTimeZone::utc());
    m.mailFrom = "sender" + QByteArray::number(id) + "@example.test";
    m.recipients = {"rcpt@example.test"};
    m.subject = subject.isEmpty() ? QStringLiteral("subject %1").arg(id) : subject;
    m.size = 100 * id;
    m.read = read;
    return m;
}

QList<StoredMessage> messages(qint64 first, qint64 last)
{
    QList<StoredMessage> list;
    for (qint64 id = first; id <= last; ++id)
        list.append(message(id));
    return list;
}

} // namespace

class TestInboxModel final : public QObject
{
    Q_OBJECT

private slots:
    /// Arrivals wait for the tick, then come in with exactly one insert of the right range.
    void batchedInsertIsOneRange()
    {
        InboxModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.enqueue(messages(1, 3));
        model.enqueue(messages(4, 5));
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.pendingCount(), 5);
        QTRY_COMPARE(model.rowCount(), 5);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 4);

        model.enqueue(messages(6, 6));
        model.flush();
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(inserted.at(1).at(1).toInt(), 5);
        QCOMPARE(inserted.at(1).at(2).toInt(), 5);
        QCOMPARE(model.unreadCount(), 6);
    }

    /// A message already shown is updated in place (flags from the store), not added twice.
    void knownMessageUpdatesInPlace()
    {
        InboxModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.enqueue(messages(1, 3));
        model.flush();
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.enqueue({message(2, QStringLiteral("renamed"), true)});
        model.flush();
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(1, InboxModel::SubjectColumn).data().toString(), u"renamed");
        QCOMPARE(model.unreadCount(), 2);
        // Twice in one batch before the flush: still one row.
        model.enqueue({message(7), message(7, QStringLiteral("second"))});
        model.flush();
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(3, InboxModel::SubjectColumn).data().toString(), u"second");
    }

    void removeScatteredRows()
    {
        InboxModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.enqueue(messages(1, 10));
        model.flush();
        model.enqueue(messages(11, 12)); // pending: removed before they show
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.removeMessages({2, 3, 4, 8, 10, 11, 99});
        QCOMPARE(removed.count(), 3); // 2-4, 8, 10: one removal per run
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.rowOf(5), 1);
        QCOMPARE(model.rowOf(9), 4);
        QCOMPARE(model.rowOf(3), -1);
        model.flush();
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.rowOf(12), 5);
        QCOMPARE(model.unreadCount(), 6);
    }

    void readFlagIsBoldAndCounted()
    {
        InboxModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy unread(&model, &InboxModel::unreadCountChanged);
        model.enqueue(messages(1, 4));
        model.flush();
        QCOMPARE(model.index(0, 0).data(Qt::FontRole).value<QFont>().bold(), true);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setRead({1, 3}, true);
        QCOMPARE(changed.count(), 1); // one ranged signal
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 2);
        QCOMPARE(model.unreadCount(), 2);
        QVERIFY(!model.index(0, 0).data(Qt::FontRole).isValid());
        model.clear();
        QCOMPARE(model.unreadCount(), 0);
        QCOMPARE(unread.constLast().at(0).toInt(), 0);
    }

    /// Sorting and searching are the proxy's job, over SortRole and SearchTextRole.
    void proxySortsAndFilters()
    {
        InboxModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(InboxModel::SortRole);
        proxy.setFilterRole(InboxModel::SearchTextRole);
        proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<StoredMessage> list = messages(1, 3);
        list[0].size = 900;
        list[2].subject = QStringLiteral("Invoice");
        model.enqueue(list);
        model.flush();
        proxy.sort(InboxModel::SizeColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data(InboxModel::MessageIdRole).toLongLong(), 1);
        proxy.sort(InboxModel::ReceivedColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data(InboxModel::MessageIdRole).toLongLong(), 3);
        proxy.setFilterFixedString(QStringLiteral("invoice"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setFilterFixedString(QStringLiteral("sender2@"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data(InboxModel::MessageIdRole).toLongLong(), 2);
    }

    /// A flood: many ticks of arrivals, each one insert, never a reset.
    void floodInsertsInBatches()
    {
        InboxModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Warning);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        for (int batch = 0; batch < 20; ++batch) {
            model.enqueue(messages(batch * 500 + 1, batch * 500 + 500));
            model.flush();
        }
        QCOMPARE(model.rowCount(), 10000);
        QCOMPARE(inserted.count(), 20);
        QCOMPARE(reset.count(), 0);
    }
};

QTEST_MAIN(TestInboxModel)
#include "tst_inboxmodel.moc"
