// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "deliveryreply.h"

#include "common/threadhandoff.h"

#include <mutex>

struct DeliveryReply::Channel
{
    std::mutex mutex;
    DeliveryReplyReceiver *receiver = nullptr; ///< guarded by `mutex`; null once it is gone
};

DeliveryReply::DeliveryReply(QObject *context, Callback done)
    : m_channel(std::make_shared<Channel>())
{
    auto *receiver = new DeliveryReplyReceiver(std::move(done), m_channel);
    receiver->moveToThread(context->thread());
    // Emitted in the context's thread, where the receiver lives: deleted there, at once.
    QObject::connect(
        context, &QObject::destroyed, receiver, [receiver] { delete receiver; },
        Qt::DirectConnection);
    m_channel->receiver = receiver;
}

DeliveryReply &DeliveryReply::operator=(DeliveryReply &&other) noexcept
{
    if (this != &other) {
        DeliveryReply dropped(std::move(*this));
        m_channel = std::move(other.m_channel);
    }
    return *this;
}

DeliveryReply::~DeliveryReply()
{
    if (m_channel) {
        DeliveryResult result;
        result.error = Error(ErrorCode::Cancelled,
                             QStringLiteral("the store closed before the message was stored"));
        send(result);
    }
}

void DeliveryReply::send(const DeliveryResult &result)
{
    const std::shared_ptr<Channel> channel = std::exchange(m_channel, nullptr);
    if (!channel)
        return;
    std::lock_guard lock(channel->mutex);
    DeliveryReplyReceiver *receiver = std::exchange(channel->receiver, nullptr);
    if (!receiver)
        return;
    // While the mutex is held the receiver cannot finish being deleted (its destructor takes
    // the mutex first); once deleted, Qt drops the events posted to it.
    ThreadHandoff::post(receiver, [receiver, result] {
        receiver->m_done(result);
        ThreadHandoff::deleteLater(receiver);
    });
}

DeliveryReplyReceiver::DeliveryReplyReceiver(DeliveryReply::Callback done,
                                             std::shared_ptr<DeliveryReply::Channel> channel)
    : m_done(std::move(done))
    , m_channel(std::move(channel))
{}

DeliveryReplyReceiver::~DeliveryReplyReceiver()
{
    ThreadHandoff::acquire(this);
    std::lock_guard lock(m_channel->mutex);
    m_channel->receiver = nullptr;
}

bool DeliveryReplyReceiver::event(QEvent *event)
{
    return ThreadHandoff::dispatch(this, event) || QObject::event(event);
}
