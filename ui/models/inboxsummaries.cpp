// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "inboxsummaries.h"

#include "loader/storeloader.h"

#include <algorithm>

InboxSummaries::InboxSummaries(StoreLoader *loader, QObject *parent)
    : QObject(parent)
    , m_loader(loader)
    , m_cache(kCapacity)
{
    connect(m_loader, &StoreLoader::summariesLoaded, this, &InboxSummaries::summariesReceived);
}

InboxSummaries::~InboxSummaries() = default;

void InboxSummaries::insert(const StoredMessage &message)
{
    m_requested.remove(message.id);
    m_cache.insert(message.id, new StoredMessage(message));
}

void InboxSummaries::reset(bool summaries)
{
    ++m_generation;
    m_requested.clear();
    m_pageRequests.clear();
    if (summaries)
        m_cache.clear();
}

void InboxSummaries::requestPage(const QList<qint64> &ids, int row, quint64 version)
{
    if (m_requested.contains(ids.at(row)))
        return;
    const int first = row - row % kPageSize;
    const int last = std::min(first + kPageSize, int(ids.size())) - 1;
    PageRequest page{version, first, {}};
    page.ids.reserve(last - first + 1);
    for (int r = first; r <= last; ++r) {
        const qint64 id = ids.at(r);
        if (!m_cache.contains(id) && !m_requested.contains(id)) {
            page.ids.append(id);
            m_requested.insert(id);
        }
    }
    const quint64 serial = ++m_pageSerial;
    QMetaObject::invokeMethod(m_loader,
                              [loader = m_loader, generation = m_generation, serial,
                               ids = page.ids] { loader->loadSummaries(generation, serial, ids); });
    m_pageRequests.insert(serial, std::move(page));
}

void InboxSummaries::summariesReceived(quint64 generation, quint64 serial,
                                       const QList<StoredMessage> &messages)
{
    if (generation != m_generation)
        return;
    const PageRequest page = m_pageRequests.take(serial);
    for (const qint64 id : page.ids)
        m_requested.remove(id);
    QSet<qint64> loaded;
    for (const StoredMessage &message : messages) {
        m_cache.insert(message.id, new StoredMessage(message));
        loaded.insert(message.id);
    }
    if (!loaded.isEmpty())
        emit pageLoaded(page.version, page.firstRow, loaded);
}
