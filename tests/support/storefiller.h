// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "store/messagestore.h"

#include <QTest>
#include <QTimeZone>

#include <memory>

/// Fills a real store for the inbox tests, through MessageStore::deliver like the engine, many
/// messages per commit. Message `i` (from 0) is from alice, bob or carol (i % 3), has an
/// attachment when i % 4 == 0, a subject that sorts differently from its number, and a size
/// that grows with i % 7.
namespace StoreFiller {

inline QByteArray sender(int i)
{
    static const char *const names[] = {"alice", "bob", "carol"};
    return names[i % 3];
}

inline QByteArray message(int i, const QByteArray &subject = {})
{
    const QByteArray name = sender(i);
    QByteArray bytes =
        "From: " + name + " <" + name + "@example.test>\r\nTo: dev" + QByteArray::number(i % 5)
        + "@example.test\r\nSubject: "
        + (subject.isEmpty() ? "Note " + QByteArray::number((i * 7919) % 10007) : subject)
        + "\r\nMessage-ID: <m" + QByteArray::number(i) + "@example.test>\r\n";
    const QByteArray padding((i % 7) * 100, 'x');
    if (i % 4 != 0)
        return bytes + "\r\nText " + padding + "\r\n";
    return bytes
           + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
             "Content-Type: text/plain\r\n\r\nText "
           + padding
           + "\r\n--b\r\nContent-Type: application/octet-stream\r\n"
             "Content-Disposition: attachment; filename=a.bin\r\n\r\nAAAA\r\n--b--\r\n";
}

/// Delivers `count` messages numbered from `first` and waits for their commits. Returns the
/// new ids in delivery order (empty on failure).
inline QList<qint64> deliver(MessageStore &store, QObject *context, int first, int count,
                             const QByteArray &subject = {})
{
    auto ids = std::make_shared<QList<qint64>>(count, 0);
    auto done = std::make_shared<int>(0);
    auto failed = std::make_shared<bool>(false);
    const quint64 session = store.allocateSessionId();
    for (int n = 0; n < count; ++n) {
        const int i = first + n;
        auto spool = std::make_shared<MessageSpool>(store.spoolDirectory());
        if (!spool->append(message(i, subject)))
            qFatal("cannot spool message %d", i);
        DeliveryRequest request;
        request.session.sessionId = session;
        request.session.started = QDateTime::currentDateTimeUtc();
        request.session.remoteAddress = QStringLiteral("127.0.0.1");
        request.session.tls = i % 2 == 0;
        request.received = QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch() + i,
                                                          QTimeZone::utc());
        request.envelope.mailFrom = sender(i) + "@example.test";
        request.envelope.recipients = {"dev" + QByteArray::number(i % 5) + "@example.test"};
        request.data = std::move(spool);
        store.deliver(std::move(request), context,
                      [ids, done, failed, n](const DeliveryResult &result) {
                          ++*done;
                          if (result.ok)
                              (*ids)[n] = result.storeId;
                          else
                              *failed = true;
                      });
    }
    if (!QTest::qWaitFor([done, count] { return *done == count; }, 120000) || *failed)
        return {};
    return *ids;
}

} // namespace StoreFiller
