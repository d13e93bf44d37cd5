// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <string_view>

/// One blocking SMTP client connection to 127.0.0.1. Used only by the load threads.
class SmtpClientConnection
{
public:
    /// A blocked client gives up after this, so a wedged server cannot hang the benchmark.
    static constexpr int kTimeoutSeconds = 30;

    SmtpClientConnection() = default;
    ~SmtpClientConnection() { close(); }
    Q_DISABLE_COPY_MOVE(SmtpClientConnection)

    /// Connects and reads the greeting; true on 220.
    bool open(quint16 port)
    {
        close();
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (m_fd < 0)
            return fail("socket() failed");
        const timeval timeout{kTimeoutSeconds, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
        const int noDelay = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &noDelay, sizeof noDelay);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0)
            return fail("connect() to 127.0.0.1 failed");
        return readReply() == 220;
    }

    void close()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
        m_buffer.clear();
    }

    /// Sends `text` and reads one whole reply; returns its code, or -1.
    int exchange(std::string_view text)
    {
        if (!sendAll(text))
            return -1;
        return readReply();
    }

    /// The last reply, or what went wrong instead.
    const std::string &lastReply() const { return m_lastReply; }

private:
    bool fail(const char *what)
    {
        m_lastReply = what;
        return false;
    }

    bool sendAll(std::string_view text)
    {
        while (!text.empty()) {
            const ssize_t sent = ::send(m_fd, text.data(), text.size(), MSG_NOSIGNAL);
            if (sent <= 0)
                return fail("send() failed");
            text.remove_prefix(static_cast<size_t>(sent));
        }
        return true;
    }

    // A reply ends with the line whose fourth character is a space (RFC 5321 4.2.1); the lines
    // before it have a hyphen there.
    int readReply()
    {
        m_lastReply.clear();
        size_t lineStart = 0;
        for (;;) {
            const size_t lineEnd = m_buffer.find("\r\n", lineStart);
            if (lineEnd == std::string::npos) {
                char chunk[4096];
                const ssize_t received = ::recv(m_fd, chunk, sizeof chunk, 0);
                if (received <= 0) {
                    m_buffer.clear();
                    fail(received == 0 ? "connection closed" : "recv() failed or timed out");
                    return -1;
                }
                m_buffer.append(chunk, static_cast<size_t>(received));
                continue;
            }
            const std::string_view line(m_buffer.data() + lineStart, lineEnd - lineStart);
            lineStart = lineEnd + 2;
            if (line.size() < 3 || (line.size() > 3 && line[3] == '-'))
                continue;
            m_lastReply.assign(m_buffer, 0, lineEnd);
            m_buffer.erase(0, lineStart);
            return std::atoi(m_lastReply.c_str() + (m_lastReply.size() - line.size()));
        }
    }

    int m_fd = -1;
    std::string m_buffer;
    std::string m_lastReply;
};
