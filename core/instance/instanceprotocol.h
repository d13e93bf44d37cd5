// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <chrono>
#include <optional>

/// What a launch and the instance already running on a store say to each other over the local
/// socket: the launch sends one request line, the instance answers with one reply line. A
/// line is one lowercase word and a LF; anything else is not ours and gets the peer closed.
namespace InstanceProtocol {

enum class Request {
    Show, ///< raise and activate the window (a second desktop launch)
    Quit, ///< stop as SIGTERM would (letterbox --quit)
    Ping, ///< only say what runs (a second headless launch)
};

enum class Reply {
    Shown,        ///< Show: the window is on its way to the front
    NoWindow,     ///< Show: this instance is headless and has no window to show
    Quitting,     ///< Quit: the orderly stop has begun; the connection closes when it is done
    RunsDesktop,  ///< Ping: the desktop app runs on the store
    RunsHeadless, ///< Ping: headless mode runs on the store
};

/// The longest line either side accepts, LF included; a peer that sends more is not ours.
constexpr qsizetype kMaxLineLength = 32;
/// How long a peer has to send its request, and a launch to get its reply: both sides are on
/// the same machine, so this only ends a peer that connected and then said nothing.
constexpr std::chrono::milliseconds kLineTimeout{3000};

QByteArray line(Request request);
QByteArray line(Reply reply);
/// The request in `line` (with or without its LF), or nothing when it is none of ours.
std::optional<Request> parseRequest(QByteArrayView line);
std::optional<Reply> parseReply(QByteArrayView line);

} // namespace InstanceProtocol
