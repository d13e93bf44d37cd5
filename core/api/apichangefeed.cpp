// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apichangefeed.h"

#include "common/threadhandoff.h"

ApiChangeFeed::ApiChangeFeed(QObject *parent)
    : QObject(parent)
{}

ApiChangeFeed::~ApiChangeFeed()
{
    ThreadHandoff::acquire(this); // posted changes are freed with this object
}

void ApiChangeFeed::post(const Change &change)
{
    ThreadHandoff::post(this, [this, change] { publish(change); });
}

void ApiChangeFeed::publish(const Change &change)
{
    if (change.kind != Change::Kind::Truncated && change.ids.isEmpty())
        return;
    switch (change.kind) {
    case Change::Kind::Added:
        emit messagesAdded(change.ids);
        break;
    case Change::Kind::Changed:
        emit messagesChanged(change.ids);
        break;
    case Change::Kind::Removed:
        emit messagesRemoved(change.ids);
        break;
    case Change::Kind::Truncated:
        emit truncated();
        break;
    }
}

bool ApiChangeFeed::event(QEvent *event)
{
    return ThreadHandoff::dispatch(this, event) || QObject::event(event);
}
