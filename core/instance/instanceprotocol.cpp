// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "instanceprotocol.h"

#include <array>

namespace InstanceProtocol {
namespace {

constexpr std::array kRequests{Request::Show, Request::Quit, Request::Ping};
constexpr std::array kReplies{Reply::Shown, Reply::NoWindow, Reply::Quitting, Reply::RunsDesktop,
                              Reply::RunsHeadless};

const char *word(Request request)
{
    switch (request) {
    case Request::Show:
        return "show";
    case Request::Quit:
        return "quit";
    case Request::Ping:
        return "ping";
    }
    return "";
}

const char *word(Reply reply)
{
    switch (reply) {
    case Reply::Shown:
        return "shown";
    case Reply::NoWindow:
        return "no-window";
    case Reply::Quitting:
        return "quitting";
    case Reply::RunsDesktop:
        return "desktop";
    case Reply::RunsHeadless:
        return "headless";
    }
    return "";
}

QByteArrayView withoutLineEnd(QByteArrayView line)
{
    return line.endsWith('\n') ? line.chopped(1) : line;
}

} // namespace

QByteArray line(Request request)
{
    return QByteArray(word(request)).append('\n');
}

QByteArray line(Reply reply)
{
    return QByteArray(word(reply)).append('\n');
}

std::optional<Request> parseRequest(QByteArrayView line)
{
    for (const Request request : kRequests) {
        if (withoutLineEnd(line) == QByteArrayView(word(request)))
            return request;
    }
    return std::nullopt;
}

std::optional<Reply> parseReply(QByteArrayView line)
{
    for (const Reply reply : kReplies) {
        if (withoutLineEnd(line) == QByteArrayView(word(reply)))
            return reply;
    }
    return std::nullopt;
}

} // namespace InstanceProtocol
