// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "maildirmirror.h"

#include "common/threadhandoff.h"

#include <QIODevice>
#include <QThread>

#include <algorithm>
#include <utility>
#include <vector>

Result<void> MaildirMirror::prepare(const QString &directory)
{
    return MaildirWriter::prepare(directory);
}

MaildirMirror::MaildirMirror(QString directory, QObject *parent)
    : MaildirMirror(std::move(directory), Limits{}, parent)
{}

MaildirMirror::MaildirMirror(QString directory, Limits limits, QObject *parent)
    : QObject(parent)
    , m_writer(std::move(directory))
    , m_limits(limits)
{}

MaildirMirror::~MaildirMirror()
{
    ThreadHandoff::acquire(this); // calls still queued are freed with this object
}

void MaildirMirror::assertMirrorThread() const
{
    Q_ASSERT_X(QThread::currentThread() == thread(), "MaildirMirror",
               "called outside the mirror thread");
}

void MaildirMirror::setDirectory(const QString &directory)
{
    assertMirrorThread();
    m_writer.setDirectory(directory);
}

qint64 MaildirMirror::writtenCount() const
{
    assertMirrorThread();
    return m_written;
}

qint64 MaildirMirror::cost(const Item &item)
{
    return kQueuedItemCost + (item.data && item.data->isInMemory() ? item.data->size() : 0);
}

MaildirMirror::Backlog MaildirMirror::backlog() const
{
    std::lock_guard lock(m_mutex);
    return m_backlog;
}

void MaildirMirror::enqueue(const QList<MaildirMirror::Item> &items)
{
    bool schedule = false;
    {
        std::lock_guard lock(m_mutex);
        for (const Item &item : items) {
            const qint64 itemCost = cost(item);
            // Checked before queueing, so the backlog never passes its limits.
            if (m_backlog.messages + 1 > m_limits.maxMessages
                || m_backlog.bytes + itemCost > m_limits.maxBytes) {
                ++m_backlog.dropped;
                if (m_burstDropped++ == 0)
                    m_burstTimer.start();
                continue;
            }
            m_queue.push_back(item);
            ++m_backlog.messages;
            m_backlog.bytes += itemCost;
            m_backlog.peakMessages = std::max(m_backlog.peakMessages, m_backlog.messages);
            m_backlog.peakBytes = std::max(m_backlog.peakBytes, m_backlog.bytes);
        }
        if (!m_queue.empty() && !m_drainScheduled) {
            m_drainScheduled = true;
            schedule = true;
        }
    }
    if (schedule)
        ThreadHandoff::post(this, [this] { drain(); });
}

void MaildirMirror::drain()
{
    assertMirrorThread();
    for (;;) {
        QList<Item> batch;
        {
            std::lock_guard lock(m_mutex);
            if (m_queue.empty()) {
                m_drainScheduled = false;
                break;
            }
            const qsizetype count = std::min<qsizetype>(kMaxBatch, qsizetype(m_queue.size()));
            batch.reserve(count);
            for (qsizetype i = 0; i < count; ++i) {
                batch.append(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        // The batch still counts against the backlog while it is written: it holds its
        // spools (memory, open files) until then.
        writeBatch(batch.constData(), batch.size());
        {
            std::lock_guard lock(m_mutex);
            for (const Item &item : std::as_const(batch)) {
                --m_backlog.messages;
                m_backlog.bytes -= cost(item);
            }
        }
        batch.clear();
        reportDrops(false);
    }
    reportDrops(true);
}

void MaildirMirror::reportDrops(bool caughtUp)
{
    qint64 dropped = 0;
    {
        std::lock_guard lock(m_mutex);
        if (m_burstDropped == 0 || (!caughtUp && m_burstTimer.elapsed() < kLagReportIntervalMs))
            return;
        dropped = m_burstDropped;
        m_burstDropped = 0;
        m_burstTimer.invalidate();
    }
    emit failed(QStringLiteral("Maildir mirror is lagging: %1 messages not mirrored (they are in "
                               "the store)")
                    .arg(dropped));
}

void MaildirMirror::write(const QList<MaildirMirror::Item> &items)
{
    assertMirrorThread();
    for (qsizetype first = 0; first < items.size(); first += kMaxBatch)
        writeBatch(items.constData() + first, std::min(kMaxBatch, items.size() - first));
}

void MaildirMirror::writeBatch(const Item *items, qsizetype count)
{
    const auto fail = [this](qint64 storeId, const QString &error) {
        emit failed(
            QStringLiteral("Maildir mirror: message %1 not copied: %2").arg(storeId).arg(error));
    };
    // 1. Every message into a file of its own in tmp/.
    std::vector<std::pair<qint64, MaildirWriter::Staged>> staged;
    staged.reserve(size_t(count));
    for (qsizetype i = 0; i < count; ++i) {
        const Item &item = items[i];
        if (!item.data) {
            fail(item.storeId, QStringLiteral("no message data"));
            continue;
        }
        const auto fill = [&item](QIODevice *out) -> Result<void> {
            bool written = true;
            const bool read = item.data->readChunks([out, &written](QByteArrayView chunk) {
                written = out->write(chunk.data(), chunk.size()) == chunk.size();
                return written;
            });
            if (!written)
                return Error(ErrorCode::FileUnwritable, out->errorString());
            if (!read)
                return Error(ErrorCode::FileUnreadable,
                             QStringLiteral("cannot read the spooled message"));
            return {};
        };
        Result<MaildirWriter::Staged> file = m_writer.stage(fill, {});
        if (!file) {
            fail(item.storeId, file.error().message);
            continue;
        }
        staged.emplace_back(item.storeId, std::move(*file));
    }

    // 2. Each file to disk and into new/. The kernel has been writing all of them out since
    // step 1, so these fsyncs mostly wait for the same journal commit instead of one each.
    bool anyMoved = false;
    for (auto &[storeId, file] : staged) {
        if (const Result<QString> moved = m_writer.commit(file, false); !moved) {
            fail(storeId, moved.error().message);
            continue;
        }
        ++m_written;
        anyMoved = true;
    }

    // 3. The new names are durable once the folders are synced: once per batch.
    if (anyMoved)
        m_writer.syncDirectories();
}

bool MaildirMirror::event(QEvent *event)
{
    return ThreadHandoff::dispatch(this, event) || QObject::event(event);
}
