// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "instanceprotocol.h"

#include <array>
#include <utility>

namespace InstanceProtocol {
namespace {

constexpr std::array kRequestWords{std::pair{Request::Show, "show"},
                                   std::pair{Request::Quit, "quit"},
                                   std::pair{Request::Ping, "ping"}};
constexpr std::array kReplyWords{
    std::pair{Reply::Shown, "shown"}, std::pair{Reply::NoWindow, "no-window"},
    std::pair{Reply::Quitting, "quitting"}, std::pair{Reply::RunsDesktop, "desktop"},
    std::pair{Reply::RunsHeadless, "headless"}};

QByteArrayView withoutLineEnd(QByteArrayView line)
{
    return line.endsWith('\n') ? line.chopped(1) : line;
}

template<typename Words> QByteArray wordLine(const Words &words, decltype(words[0].first) value)
{
    for (const auto &[candidate, word] : words) {
        if (candidate == value)
            return QByteArray(word) + '\n';
    }
    return {};
}

template<typename Words>
std::optional<decltype(std::declval<Words>()[0].first)> parseWord(const Words &words,
                                                                  QByteArrayView line)
{
    const QByteArrayView word = withoutLineEnd(line);
    for (const auto &[value, candidate] : words) {
        if (word == QByteArrayView(candidate))
            return value;
    }
    return std::nullopt;
}

} // namespace

QByteArray line(Request request)
{
    return wordLine(kRequestWords, request);
}

QByteArray line(Reply reply)
{
    return wordLine(kReplyWords, reply);
}

std::optional<Request> parseRequest(QByteArrayView line)
{
    return parseWord(kRequestWords, line);
}

std::optional<Reply> parseReply(QByteArrayView line)
{
    return parseWord(kReplyWords, line);
}

} // namespace InstanceProtocol
