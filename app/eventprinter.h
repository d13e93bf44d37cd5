// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "commandline.h"
#include "events/events.h"
#include "linewriter.h"

#include <QObject>

#include <chrono>
#include <memory>

/// Writes one line per engine event to a file descriptor (stdout in headless mode): JSON
/// objects for scripts (`--events json`) or short text for people. Lives in the main thread,
/// which only formats; a LineWriter writes each line as soon as it can, from its own thread,
/// so a reader that stops reading costs events (counted and reported), never the listener.
class EventPrinter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventPrinter)

public:
    EventPrinter(CommandLine::EventFormat format, int fd, QObject *parent = nullptr);

    /// The fault rules in effect at start, with the random seed of their draws, so a run can
    /// be repeated with --fault-seed.
    void faults(int activeRules, quint64 seed);
    void listening(const QString &kind, const QString &address);
    void sessionStarted(const SessionInfo &session);
    void sessionEnded(const SessionInfo &session);
    void authAttempted(const AuthAttempt &attempt);
    void messageReceived(const ReceivedMessage &message);
    void errorOccurred(const ServerError &error);

    /// Gives the queued lines up to `timeout` to be written, then stops writing (LineWriter::
    /// finish()). Returns how many events were dropped, those still unwritten included.
    quint64 finish(std::chrono::milliseconds timeout);

private:
    void write(const QByteArray &line);

    CommandLine::EventFormat m_format;
    std::unique_ptr<LineWriter> m_writer; ///< none with --events none
};
