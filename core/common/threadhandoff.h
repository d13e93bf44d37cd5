// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

// Qt hands work from thread to thread under locks of its own: the posted-event queue behind
// queued calls and queued signals, and QThreadPool's queue. They are futex-based and live in
// libQt6Core, so with a Qt that is not built with ThreadSanitizer, TSan cannot see them and
// reports every object handed over that way as a data race (./build.sh tsan found hundreds).
// These calls state the ordering Qt provides, at the places where we hand work over, so that
// TSan goes on checking everything else. Without TSan they compile to nothing.
//
// The token is the receiving object (its address only; it is never read): the sender calls
// release(receiver) after its last write and before posting, and the receiver calls
// acquire(this) before it touches what arrived, first thing in its event() override.
//
// A thread's posted events wait in one list per thread, which every thread that posts to it
// appends to under a lock inside Qt. Two threads posting to the same thread therefore write the
// same memory when the list grows; the posts made here take a stand-in for that lock
// (postQueueToken), so TSan sees them ordered. A receiver's destructor calls acquire(this) too:
// ~QObject frees the events still queued for it, which the posting threads wrote.
//
// Use post() rather than QMetaObject::invokeMethod(receiver, functor) across threads: the slot
// object that invokeMethod builds is written inside the call that also posts it, so no release
// can come between the two. post() builds the event first, then releases, then posts.

#if defined(__SANITIZE_THREAD__)
#define LETTERBOX_THREAD_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define LETTERBOX_THREAD_SANITIZER 1
#endif
#endif

#include <QCoreApplication>
#include <QEvent>
#include <QObject>
#include <QRunnable>
#include <QThread>
#include <QThreadPool>

#include <condition_variable>
#include <mutex>
#include <type_traits>
#include <utility>

#ifdef LETTERBOX_THREAD_SANITIZER
extern "C" void __tsan_acquire(void *address);
extern "C" void __tsan_release(void *address);
#endif

namespace ThreadHandoff {

/// Stands for the lock of Qt's posted-event lists; its address is the token, never its value.
inline char postQueueToken = 0;

/// In the sending thread: everything written so far is visible to whoever acquire()s `token`.
inline void release([[maybe_unused]] const void *token)
{
#ifdef LETTERBOX_THREAD_SANITIZER
    __tsan_release(const_cast<void *>(token));
#endif
}

/// In the receiving thread, before touching what was handed over.
inline void acquire([[maybe_unused]] const void *token)
{
#ifdef LETTERBOX_THREAD_SANITIZER
    __tsan_acquire(const_cast<void *>(token));
#endif
}

/// An event that runs a function in the receiver's thread; see post().
class CallEvent : public QEvent
{
public:
    static QEvent::Type eventType()
    {
        static const auto type = static_cast<QEvent::Type>(QEvent::registerEventType());
        return type;
    }
    CallEvent()
        : QEvent(eventType())
    {}
    virtual void call() = 0;
};

template<typename Function> class FunctionCallEvent final : public CallEvent
{
public:
    explicit FunctionCallEvent(Function function)
        : m_function(std::move(function))
    {}
    void call() override { m_function(); }

private:
    Function m_function;
};

/// Runs `function` in `receiver`'s thread, from its event loop. The receiver's event() must
/// start with dispatch(this, event).
template<typename Function> void post(QObject *receiver, Function &&function)
{
    auto *event = new FunctionCallEvent<std::decay_t<Function>>(std::forward<Function>(function));
    release(receiver);
    acquire(&postQueueToken);
    QCoreApplication::postEvent(receiver, event);
    release(&postQueueToken);
}

/// Re-emits `senderSignal` of `sender` as `receiverSignal` of `receiver`, in the receiver's
/// thread, through post(). A queued signal-to-signal connection would have Qt build the event
/// in the sender's thread and read it in the receiver's, ordered only by locks inside Qt. The
/// receiver's event() must start with dispatch(this, event).
template<typename Sender, typename SenderSignal, typename Receiver, typename ReceiverSignal>
QMetaObject::Connection forward(Sender *sender, SenderSignal senderSignal, Receiver *receiver,
                                ReceiverSignal receiverSignal)
{
    return QObject::connect(
        sender, senderSignal, sender,
        [receiver, receiverSignal](const auto &...values) {
            post(receiver, [receiver, receiverSignal, values...] {
                Q_EMIT(receiver->*receiverSignal)(values...);
            });
        },
        Qt::DirectConnection);
}

/// QObject::deleteLater(), posted under the same stand-in lock as post(), for receivers whose
/// thread is also posted to by others.
inline void deleteLater(QObject *object)
{
    acquire(&postQueueToken);
    object->deleteLater();
    release(&postQueueToken);
}

/// Runs `function` in `receiver`'s thread and waits until it has run. In that very thread it
/// runs at once: a blocking post to one's own thread would never return. The receiver's thread
/// must run its event loop.
template<typename Function> void callBlocking(QObject *receiver, Function &&function)
{
    if (QThread::currentThread() == receiver->thread()) {
        function();
        return;
    }
    std::mutex mutex;
    std::condition_variable finished;
    bool done = false;
    post(receiver, [&] {
        function();
        // Notified under the lock: the waiter cannot return, and destroy the condition
        // variable, before notify_one() is done with it.
        std::lock_guard lock(mutex);
        done = true;
        finished.notify_one();
    });
    std::unique_lock lock(mutex);
    finished.wait(lock, [&] { return done; });
}

/// QThreadPool::start(function), ordered for TSan: the pool's queue is locked inside Qt. The
/// task acquires the pool's token before it runs and releases it when done, so a thread that
/// calls waitForDone(pool) sees everything the tasks did.
template<typename Function> void startInPool(QThreadPool &pool, Function &&function)
{
    class Task final : public QRunnable
    {
    public:
        Task(QThreadPool *pool, std::decay_t<Function> function)
            : m_pool(pool)
            , m_function(std::move(function))
        {}
        void run() override
        {
            // The task itself first: the pool token is read from it.
            acquire(this);
            acquire(m_pool);
            m_function();
            release(m_pool);
        }

    private:
        QThreadPool *m_pool;
        std::decay_t<Function> m_function;
    };
    auto *task = new Task(&pool, std::forward<Function>(function));
    release(task);
    release(&pool);
    pool.start(task);
}

/// QThreadPool::waitForDone(), then acquires what the pool's tasks released.
inline void waitForDone(QThreadPool &pool)
{
    pool.waitForDone();
    acquire(&pool);
}

/// For the receiver's event() override: acquires what senders released, and runs a posted
/// call. Returns true when `event` was one (the override then returns true as well).
inline bool dispatch(QObject *receiver, QEvent *event)
{
    acquire(receiver);
    if (event->type() != CallEvent::eventType())
        return false;
    static_cast<CallEvent *>(event)->call();
    return true;
}

} // namespace ThreadHandoff
