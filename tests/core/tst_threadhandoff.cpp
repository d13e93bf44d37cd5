// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "common/threadhandoff.h"
#include "store/deliveryreply.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

namespace {

/// A receiver that runs posted calls, as every ThreadHandoff receiver must.
class Receiver final : public QObject
{
public:
    using QObject::QObject;

protected:
    bool event(QEvent *event) override
    {
        return ThreadHandoff::dispatch(this, event) || QObject::event(event);
    }
};

/// A thread with an event loop, stopped and joined on destruction. Objects move to it before
/// start(): the thread's start orders the move before everything the thread does, where a move
/// into a running thread is ordered only by locks inside Qt that ThreadSanitizer cannot see.
struct RunningThread
{
    QThread thread;
    void start() { thread.start(); }
    ~RunningThread()
    {
        thread.quit();
        thread.wait();
    }
};

} // namespace

class ThreadHandoffTest final : public QObject
{
    Q_OBJECT

private slots:
    void postRunsInTheReceiversThread()
    {
        Receiver receiver; // outlives the thread, so it is deleted once nothing runs it
        RunningThread worker;
        receiver.moveToThread(&worker.thread);
        worker.start();
        std::atomic<QThread *> ranIn = nullptr;
        ThreadHandoff::post(&receiver, [&ranIn] { ranIn = QThread::currentThread(); });
        QTRY_VERIFY(ranIn.load() != nullptr);
        QCOMPARE(ranIn.load(), &worker.thread);
    }

    void callBlockingWaitsForTheCall()
    {
        RunningThread worker;
        auto receiver = std::make_unique<Receiver>();
        receiver->moveToThread(&worker.thread);
        worker.start();
        int value = 0;
        QThread *ranIn = nullptr;
        ThreadHandoff::callBlocking(receiver.get(), [&] {
            QThread::msleep(50); // the caller must still be waiting when this returns
            value = 42;
            ranIn = QThread::currentThread();
        });
        QCOMPARE(value, 42);
        QCOMPARE(ranIn, &worker.thread);
        ThreadHandoff::callBlocking(receiver.get(), [&receiver] { receiver.reset(); });
        QVERIFY(!receiver);
    }

    void callBlockingInTheOwnThreadRunsAtOnce()
    {
        Receiver receiver;
        bool ran = false;
        ThreadHandoff::callBlocking(&receiver, [&ran] { ran = true; });
        QVERIFY(ran);
    }

    void replyCallsBackInTheContextsThread()
    {
        QObject context;
        RunningThread worker;
        context.moveToThread(&worker.thread);
        worker.start();
        std::atomic<QThread *> ranIn = nullptr;
        std::atomic<qint64> storeId = 0;
        DeliveryReply reply(&context, [&](const DeliveryResult &result) {
            storeId = result.storeId;
            ranIn = QThread::currentThread();
        });
        DeliveryResult result;
        result.ok = true;
        result.storeId = 7;
        reply.send(result);
        QVERIFY(!reply);
        QTRY_COMPARE(storeId.load(), qint64(7));
        QCOMPARE(ranIn.load(), &worker.thread);
    }

    void droppedReplySaysTheStoreClosed()
    {
        QObject context;
        QString error;
        ErrorCode code = ErrorCode::Internal;
        bool ok = true;
        {
            DeliveryReply reply(&context, [&](const DeliveryResult &result) {
                ok = result.ok;
                error = result.error.message;
                code = result.error.code;
            });
        }
        QTRY_VERIFY(!error.isEmpty());
        QVERIFY(!ok);
        QVERIFY2(error.contains(QStringLiteral("closed")), qPrintable(error));
        QCOMPARE(code, ErrorCode::Cancelled);
    }

    void replyToADeletedContextGoesNowhere()
    {
        int calls = 0;
        auto context = std::make_unique<QObject>();
        DeliveryReply reply(context.get(), [&calls](const DeliveryResult &) { ++calls; });
        QCOMPARE(context->children().size(), 0); // the receiver is not a child: any thread may ask
        context.reset();
        reply.send(DeliveryResult{true, 1, {}, {}});
        QCoreApplication::processEvents();
        QCoreApplication::sendPostedEvents();
        QCOMPARE(calls, 0);
    }
};

QTEST_GUILESS_MAIN(ThreadHandoffTest)
#include "tst_threadhandoff.moc"
