// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "commandline.h"
#include "events/events.h"

#include <QObject>

#include <cstdio>

/// Writes one line per engine event to a stream (stdout in headless mode): JSON objects for
/// scripts (`--events json`) or short text for people. Lives in the main thread; flushes each
/// line so a reader on a pipe sees events as they happen.
class EventPrinter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventPrinter)

public:
    EventPrinter(CommandLine::EventFormat format, FILE *stream, QObject *parent = nullptr);

    void listening(const QString &kind, const QString &address);
    void sessionStarted(const SessionInfo &session);
    void sessionEnded(const SessionInfo &session);
    void authAttempted(const AuthAttempt &attempt);
    void messageReceived(const ReceivedMessage &message);
    void errorOccurred(const ServerError &error);

private:
    void write(const QByteArray &line);

    CommandLine::EventFormat m_format;
    FILE *m_stream;
};
