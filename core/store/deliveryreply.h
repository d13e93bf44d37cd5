// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "store/deliveryrequest.h"

#include <QObject>

#include <functional>
#include <memory>

class DeliveryReplyReceiver;

/// Carries the store's answer to a delivery from the writer thread back to the thread of the
/// object that asked (usually the SMTP session), and calls `done` there. Move-only; a reply
/// dropped without send() answers "the store closed before the message was stored", so a
/// waiting session always hears back.
///
/// The asking object may be deleted in its own thread while the writer commits. The reply then
/// goes nowhere: its receiver lives in that object's thread and is deleted with it, and the two
/// threads agree on whether it still exists under a mutex, so the writer never posts to a deleted
/// object. Posting goes through ThreadHandoff, whose ordering ThreadSanitizer can see (a queued
/// connection's slot object is freed inside Qt, where it cannot).
class DeliveryReply final
{
public:
    using Callback = std::function<void(const DeliveryResult &)>;

    DeliveryReply() = default;
    /// Any thread, while `context` surely exists.
    DeliveryReply(QObject *context, Callback done);
    DeliveryReply(DeliveryReply &&) noexcept = default;
    DeliveryReply &operator=(DeliveryReply &&other) noexcept;
    ~DeliveryReply();

    /// Any thread, once. Calls `done` in the context's thread, unless the context is gone.
    void send(const DeliveryResult &result);
    explicit operator bool() const { return m_channel != nullptr; }

private:
    friend class DeliveryReplyReceiver;
    struct Channel;
    std::shared_ptr<Channel> m_channel;
};

/// The reply's end in the asking object's thread; deleted when that object is, and after calling
/// back.
class DeliveryReplyReceiver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryReplyReceiver)

public:
    DeliveryReplyReceiver(DeliveryReply::Callback done,
                          std::shared_ptr<DeliveryReply::Channel> channel);
    ~DeliveryReplyReceiver() override;

protected:
    bool event(QEvent *event) override;

private:
    friend class DeliveryReply;
    DeliveryReply::Callback m_done;
    std::shared_ptr<DeliveryReply::Channel> m_channel;
};
