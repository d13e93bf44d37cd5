// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "store/storedmessage.h"

#include <QCache>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

class StoreLoader;

/// The summaries of the inbox rows recently on screen: an LRU cache of kCapacity messages,
/// filled a page of kPageSize rows at a time by the StoreLoader's thread, so that the inbox
/// model holds only ids for the rest and its memory does not grow with the store. Each row's
/// page is asked for once until it arrives; pages asked for before clear() are ignored when
/// they come. GUI thread.
class InboxSummaries final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InboxSummaries)

public:
    /// Rows asked for together when a row that is not loaded is shown.
    static constexpr int kPageSize = 128;
    /// Summaries kept in memory at most: many screens' worth, and about 1 MB.
    static constexpr int kCapacity = 2048;

    /// `loader` lives in another thread; it is only called through queued calls.
    explicit InboxSummaries(StoreLoader *loader, QObject *parent = nullptr);
    ~InboxSummaries() override;

    const StoredMessage *find(qint64 id) const { return m_cache.object(id); }
    StoredMessage *find(qint64 id) { return m_cache.object(id); }
    qsizetype size() const { return m_cache.size(); }
    /// A summary that came with a list answer; its row needs no page any more.
    void insert(const StoredMessage &message);
    void remove(qint64 id) { m_cache.remove(id); }
    /// Forgets the pages on their way (another store or "delete all"); with `summaries` also
    /// every summary (another store may reuse ids).
    void reset(bool summaries);

    /// Asks for the page of `row` of `ids` (the model's rows at `version`) unless its
    /// summaries are here or asked for.
    void requestPage(const QList<qint64> &ids, int row, quint64 version);

signals:
    /// Summaries of a page arrived: `loaded` ids, asked for when the rows were at `version`
    /// and the page started at `firstRow`.
    void pageLoaded(quint64 version, int firstRow, const QSet<qint64> &loaded);

private:
    void summariesReceived(quint64 generation, quint64 serial,
                           const QList<StoredMessage> &messages);

    struct PageRequest
    {
        quint64 version = 0;
        int firstRow = 0;
        QList<qint64> ids;
    };

    StoreLoader *m_loader = nullptr;
    quint64 m_generation = 0;
    QCache<qint64, StoredMessage> m_cache;
    QSet<qint64> m_requested;
    QHash<quint64, PageRequest> m_pageRequests;
    quint64 m_pageSerial = 0;
};
