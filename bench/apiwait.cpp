// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
//
// GET /api/v1/wait under load: a MailService as headless mode runs it (SMTP and the HTTP API
// on 127.0.0.1, a durable store in a temporary folder), flooded over SMTP by blocking client
// threads. Prints, in one run:
//   1. SMTP throughput without waiting requests (the reference);
//   2. the same with WAITS requests held (each its own query, none of which any message
//      matches: every commit must be checked against every one of them);
// a prober measures the latency of a wait of its own during both floods (so both carry its
// load);
//   3. the reference again, after the held requests are gone (how noisy the machine is);
//   4. the latency of a wait with the WAITS requests held and no flood.
// Latency is from the SMTP 250 of the prober's message (sent right after its commit) to the
// complete wait answer, and from its final "." (before the commit; includes the fsync) to it.
//
// Usage: apiwait [MESSAGES] [CONNECTIONS] [WAITS] [ROUNDS] [QUERIES]
//        (defaults 3000, 8, 500, 3, and as many distinct queries as waits: the worst case;
//        waits with the same query share one check)

#include "config/serverconfig.h"
#include "service/mailservice.h"
#include "smtpclientconnection.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start, Clock::time_point end = Clock::now())
{
    return std::chrono::duration<double, std::milli>(end - start).count();
}

// A blocking HTTP/1.1 connection to 127.0.0.1; reads one whole answer (Content-Length).
class HttpConnection
{
public:
    explicit HttpConnection(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        const timeval timeout{330, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
            std::perror("apiwait: connect");
            std::exit(1);
        }
    }
    ~HttpConnection() { ::close(m_fd); }
    Q_DISABLE_COPY_MOVE(HttpConnection)

    void get(const std::string &path)
    {
        const std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        if (::send(m_fd, request.data(), request.size(), MSG_NOSIGNAL) != ssize_t(request.size())) {
            std::perror("apiwait: send");
            std::exit(1);
        }
    }
    /// The status of the next answer; its body in `body`. -1 on failure.
    int read(std::string *body = nullptr)
    {
        for (;;) {
            const size_t end = m_buffer.find("\r\n\r\n");
            if (end != std::string::npos) {
                std::string head = m_buffer.substr(0, end);
                std::transform(head.begin(), head.end(), head.begin(), ::tolower);
                const size_t length = head.find("content-length:");
                const size_t size =
                    length == std::string::npos ? 0 : std::stoul(head.substr(length + 15));
                if (m_buffer.size() >= end + 4 + size) {
                    if (body)
                        *body = m_buffer.substr(end + 4, size);
                    const int status = std::atoi(m_buffer.c_str() + 9);
                    m_buffer.erase(0, end + 4 + size);
                    return status;
                }
            }
            char chunk[16384];
            const ssize_t received = ::recv(m_fd, chunk, sizeof chunk, 0);
            if (received <= 0)
                return -1;
            m_buffer.append(chunk, size_t(received));
        }
    }

private:
    int m_fd = -1;
    std::string m_buffer;
};

long waitingRequests(quint16 apiPort)
{
    HttpConnection info(apiPort);
    info.get("/api/v1/info");
    std::string body;
    if (info.read(&body) != 200)
        return -1;
    const size_t at = body.find("\"WaitingRequests\":");
    return at == std::string::npos ? -1 : std::atol(body.c_str() + at + 18);
}

void waitForWaiting(quint16 apiPort, long wanted)
{
    const Clock::time_point start = Clock::now();
    while (waitingRequests(apiPort) != wanted) {
        if (msSince(start) > 60000) {
            std::fprintf(stderr, "apiwait: the server never held %ld requests\n", wanted);
            std::exit(1);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

std::string message(const std::string &subject)
{
    return "From: a@x.test\r\nTo: b@x.test\r\nSubject: " + subject + "\r\n\r\n"
           + std::string(900, 'x') + "\r\n.\r\n";
}

// Sends `perConnection` messages on each of `connections` sessions; messages per second.
double flood(quint16 smtpPort, int connections, int perConnection, const char *tag)
{
    std::atomic<int> failures{0};
    const Clock::time_point start = Clock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < connections; ++c) {
        threads.emplace_back([&, c] {
            SmtpClientConnection smtp;
            if (!smtp.open(smtpPort) || smtp.exchange("EHLO bench.test\r\n") != 250) {
                ++failures;
                return;
            }
            for (int i = 0; i < perConnection; ++i) {
                if (smtp.exchange("MAIL FROM:<a@x.test>\r\n") != 250
                    || smtp.exchange("RCPT TO:<b@x.test>\r\n") != 250
                    || smtp.exchange("DATA\r\n") != 354
                    || smtp.exchange(message(std::string(tag) + " " + std::to_string(c) + " "
                                             + std::to_string(i)))
                           != 250) {
                    ++failures;
                    return;
                }
            }
            smtp.exchange("QUIT\r\n");
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    if (failures > 0) {
        std::fprintf(stderr, "apiwait: %d SMTP sessions failed\n", failures.load());
        std::exit(1);
    }
    return connections * perConnection / (msSince(start) / 1000.0);
}

struct Latency
{
    std::vector<double> fromReply; ///< 250 to answer
    std::vector<double> fromDot;   ///< final "." to answer
};

// One prober round: a wait for a subject of its own, registered, then that message.
void probe(quint16 smtpPort, quint16 apiPort, long held, int round, Latency *latency)
{
    const std::string subject = "probe" + std::to_string(round);
    HttpConnection wait(apiPort);
    wait.get("/api/v1/wait?timeout=60&query=subject:" + subject);
    waitForWaiting(apiPort, held + 1);
    SmtpClientConnection smtp;
    if (!smtp.open(smtpPort) || smtp.exchange("EHLO probe.test\r\n") != 250
        || smtp.exchange("MAIL FROM:<a@x.test>\r\n") != 250
        || smtp.exchange("RCPT TO:<b@x.test>\r\n") != 250 || smtp.exchange("DATA\r\n") != 354) {
        std::fprintf(stderr, "apiwait: the prober's session failed\n");
        std::exit(1);
    }
    const Clock::time_point dot = Clock::now();
    if (smtp.exchange(message(subject)) != 250) {
        std::fprintf(stderr, "apiwait: the prober's message was refused\n");
        std::exit(1);
    }
    const Clock::time_point replied = Clock::now();
    if (wait.read() != 200) {
        std::fprintf(stderr, "apiwait: the prober's wait failed\n");
        std::exit(1);
    }
    const Clock::time_point answered = Clock::now();
    latency->fromReply.push_back(std::max(0.0, msSince(replied, answered)));
    latency->fromDot.push_back(msSince(dot, answered));
    smtp.exchange("QUIT\r\n");
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5))];
}

void printLatency(const char *label, const Latency &latency)
{
    std::printf("%-44s %4zu waits  250->answer p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  "
                "\".\"->answer p50 %6.2f ms  p99 %6.2f ms\n",
                label, latency.fromReply.size(), percentile(latency.fromReply, 0.5),
                percentile(latency.fromReply, 0.99), percentile(latency.fromReply, 1.0),
                percentile(latency.fromDot, 0.5), percentile(latency.fromDot, 0.99));
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_NO_GLIB", "1"); // as headless mode runs
    QCoreApplication app(argc, argv);
    const int messages = argc > 1 ? std::atoi(argv[1]) : 3000;
    const int connections = argc > 2 ? std::atoi(argv[2]) : 8;
    const long waits = argc > 3 ? std::atol(argv[3]) : 500;
    const int rounds = argc > 4 ? std::atoi(argv[4]) : 3;
    const long distinct = argc > 5 ? std::atol(argv[5]) : std::max(1L, waits);
    if (messages <= 0 || connections <= 0 || waits < 0 || rounds <= 0 || distinct <= 0) {
        std::fputs("usage: apiwait [MESSAGES] [CONNECTIONS] [WAITS] [ROUNDS] [QUERIES]\n", stderr);
        return 2;
    }
    // Each held wait is two descriptors in this process (client and server side).
    rlimit files{};
    ::getrlimit(RLIMIT_NOFILE, &files);
    files.rlim_cur = files.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &files);

    QTemporaryDir store;
    MailService service;
    ServerConfig config;
    config.storeDirectory = store.path();
    config.listen = QStringLiteral("127.0.0.1:0");
    config.apiListen = QStringLiteral("127.0.0.1:0");
    bool applied = false;
    QObject::connect(&service, &MailService::applyFinished, &app, [&](bool ok, const Error &error) {
        if (!ok) {
            std::fprintf(stderr, "apiwait: %s\n", qPrintable(error.message));
            std::exit(1);
        }
        applied = true;
        app.quit();
    });
    service.apply(config);
    app.exec();
    if (!applied)
        return 1;
    const quint16 smtpPort = service.listenAddress()->port;
    const quint16 apiPort = service.apiAddress()->port;
    const int perConnection = std::max(1, messages / connections);
    std::printf("apiwait: %d messages of ~1 KiB per flood over %d SMTP connections, %ld held "
                "waits with %ld distinct queries, %d rounds, durable store in %s\n",
                perConnection * connections, connections, waits, distinct, rounds,
                qPrintable(store.path()));

    int status = 0;
    std::thread controller([&] {
        // Warm-up: the store, the API's reader, the page cache.
        flood(smtpPort, connections, std::max(1, perConnection / 10), "warm");
        // Alternating rounds, reference first, so a machine busy with other work shows as
        // spread between the rounds rather than as a difference between the two cases.
        std::vector<double> ratios;
        Latency underLoad;
        Latency referenceLoad;
        for (int round = 0; round < rounds; ++round) {
            // The same prober runs in both cases, so both floods carry its load.
            std::atomic<bool> referenceFlooding{true};
            std::thread referenceProber([&] {
                for (int probeRound = 0; referenceFlooding; ++probeRound)
                    probe(smtpPort, apiPort, 0, 500000 + round * 10000 + probeRound,
                          &referenceLoad);
            });
            const double reference = flood(smtpPort, connections, perConnection, "ref");
            referenceFlooding = false;
            referenceProber.join();
            std::vector<std::unique_ptr<HttpConnection>> held;
            for (long i = 0; i < waits; ++i) {
                held.push_back(std::make_unique<HttpConnection>(apiPort));
                held.back()->get("/api/v1/wait?timeout=300&query=subject:never"
                                 + std::to_string(i % distinct));
            }
            waitForWaiting(apiPort, waits);
            std::atomic<bool> flooding{true};
            std::thread prober([&] {
                for (int probeRound = 0; flooding; ++probeRound)
                    probe(smtpPort, apiPort, waits, round * 10000 + probeRound, &underLoad);
            });
            const double withWaits = flood(smtpPort, connections, perConnection, "held");
            flooding = false;
            prober.join();
            const long stillHeld = waitingRequests(apiPort);
            held.clear();
            waitForWaiting(apiPort, 0);
            ratios.push_back(withWaits / reference);
            std::printf("round %d: no waits %6.0f messages/s, %ld waits held %6.0f messages/s "
                        "(%+.1f%%)\n",
                        round + 1, reference, waits, withWaits, (withWaits / reference - 1) * 100);
            if (stillHeld != waits) {
                std::printf("  only %ld of the %ld held waits were still held\n", stillHeld, waits);
                status = 1;
            }
        }
        std::printf("median throughput with %ld waits held: %+.1f%% against none\n", waits,
                    (percentile(ratios, 0.5) - 1) * 100);
        printLatency("wait latency during the floods without waits", referenceLoad);
        printLatency("wait latency during the floods with waits held", underLoad);

        std::vector<std::unique_ptr<HttpConnection>> held;
        for (long i = 0; i < waits; ++i) {
            held.push_back(std::make_unique<HttpConnection>(apiPort));
            held.back()->get("/api/v1/wait?timeout=300&query=subject:never"
                             + std::to_string(i % distinct));
        }
        waitForWaiting(apiPort, waits);
        Latency idle;
        for (int probeRound = 0; probeRound < 50; ++probeRound)
            probe(smtpPort, apiPort, waits, 900000 + probeRound, &idle);
        printLatency(("wait latency, " + std::to_string(waits) + " held, no flood").c_str(), idle);
        held.clear();
        waitForWaiting(apiPort, 0);
        Latency alone;
        for (int probeRound = 0; probeRound < 50; ++probeRound)
            probe(smtpPort, apiPort, 0, 990000 + probeRound, &alone);
        printLatency("wait latency, no other waits, no flood", alone);
        std::printf("target: throughput within 10%% of the reference, latency <= 50 ms\n");
        QMetaObject::invokeMethod(
            &app, [&app] { app.quit(); }, Qt::QueuedConnection);
    });
    app.exec();
    controller.join();
    return status;
}
