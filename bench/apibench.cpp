// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
//
// The HTTP API on a store of 100,000 messages: p50/p99 of the list (first page and a deep one),
// a message summary and searches, over real HTTP on loopback, against the targets (list 20 ms,
// search 50 ms) and against /livez, the round trip of the same client without any store work,
// measured in the same run. Also how a list page's time splits between reading the rows and
// parsing the 50 messages' starts. Usage: bin/apibench [MESSAGES] [RUNS] [STORE]
//
// Filling 100,000 messages takes minutes; with STORE (a directory) the store is kept there and a
// later run over the same directory with the same MESSAGES measures it again without filling.

#include "api/apimessage.h"
#include "api/mailpitquery.h"
#include "events/events.h"
#include "mime/messageoverview.h"
#include "service/mailservice.h"
#include "store/messagespool.h"
#include "store/messagestore.h"
#include "store/storereader.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QUrl>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

namespace {

constexpr int kDefaultMessages = 100000;
constexpr int kDefaultRuns = 200;
// Handed to the store before waiting for their commits.
constexpr int kDeliveryBatch = 500;
constexpr int kAttachmentPercent = 10;
constexpr int kHtmlPercent = 5;
constexpr double kListTargetMs = 20;
constexpr double kSearchTargetMs = 50;

const char *const kWords[] = {
    "the",     "a",        "and",      "of",      "to",       "in",      "for",      "please",
    "thanks",  "regards",  "hello",    "invoice", "meeting",  "project", "budget",   "report",
    "review",  "draft",    "release",  "account", "password", "reset",   "welcome",  "order",
    "receipt", "payment",  "reminder", "update",  "security", "team",    "schedule", "notes",
    "ticket",  "support",  "request",  "deploy",  "build",    "test",    "summary",  "travel",
    "lunch",   "training", "straße",   "café",    "zebra",    "quokka",  "confirm",  "signup"};
const char *const kNames[] = {"alice", "bob",  "carol", "dave",   "erin",  "frank", "grace",
                              "heidi", "ivan", "judy",  "niaj",   "oscar", "peggy", "sybil",
                              "trent", "uma",  "vic",   "walter", "yves",  "zoe"};
const char *const kDomains[] = {"example.com", "example.org", "shop.test", "corp.test"};

class Generator
{
public:
    explicit Generator(quint32 seed)
        : m_random(seed)
    {}

    int uniform(int below) { return std::uniform_int_distribution<int>(0, below - 1)(m_random); }

    QByteArray address()
    {
        return QByteArray(kNames[uniform(int(std::size(kNames)))]) + '@'
               + kDomains[uniform(int(std::size(kDomains)))];
    }

    QByteArray words(int count)
    {
        QByteArray text;
        for (int i = 0; i < count; ++i)
            text += QByteArray(i == 0 ? "" : (i % 12 == 0 ? "\r\n" : " "))
                    + kWords[uniform(int(std::size(kWords)))];
        return text;
    }

    DeliveryRequest request(MessageStore &store, qint64 serial, qint64 received)
    {
        const QByteArray from = address();
        const QByteArray to = address();
        QByteArray headers = "From: " + from + "\r\nTo: " + to + "\r\n";
        if (uniform(3) == 0)
            headers += "Cc: Someone <" + address() + ">\r\n";
        if (uniform(5) == 0)
            headers += "Reply-To: " + address() + "\r\n";
        headers += "Subject: " + words(3 + uniform(5)) + "\r\nMessage-ID: <"
                   + QByteArray::number(serial)
                   + "@bench.test>\r\nDate: Mon, 15 Jan 2024 12:00:00 +0000\r\nMIME-Version: "
                     "1.0\r\n";
        // Every word of kWords is in nearly every message; "kumquat" in one of a hundred.
        const QByteArray text =
            words(150 + uniform(250)) + (uniform(100) == 0 ? " kumquat" : "") + "\r\n";
        QByteArray bytes;
        if (uniform(100) < kAttachmentPercent) {
            const QByteArray line = "QmVuY2htYXJrIGF0dGFjaG1lbnQgZGF0YSBibG9jayBudW1iZXIgb25l\r\n";
            bytes = headers
                    + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
                      "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                    + text
                    + "--b\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\n"
                      "Content-Disposition: attachment; filename=\"report.pdf\"\r\n"
                      "Content-Transfer-Encoding: base64\r\n\r\n"
                    + line.repeated(20 + uniform(200)) + "--b--\r\n";
        } else if (uniform(100) < kHtmlPercent) {
            bytes = headers + "Content-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>" + text
                    + "</p><a href=\"https://example.com/confirm\">confirm</a></body></html>\r\n";
        } else {
            bytes = headers + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + text;
        }
        auto spool = std::make_shared<MessageSpool>(store.spoolDirectory());
        if (!spool->append(bytes))
            qFatal("cannot spool");
        DeliveryRequest request;
        request.session.sessionId = store.allocateSessionId();
        request.session.remoteAddress = QStringLiteral("127.0.0.1");
        request.received = QDateTime::fromMSecsSinceEpoch(received, QTimeZone::utc());
        request.envelope.mailFrom = from;
        request.envelope.recipients = {to};
        request.data = std::move(spool);
        return request;
    }

private:
    std::mt19937 m_random;
};

int fill(MessageStore &store, int count)
{
    Generator generator(20261205);
    // A year of mail, oldest first.
    const qint64 span = 365LL * 24 * 3600 * 1000;
    const qint64 first = QDateTime::currentMSecsSinceEpoch() - span;
    int failed = 0;
    QObject context;
    for (int start = 0; start < count; start += kDeliveryBatch) {
        const int batch = std::min(kDeliveryBatch, count - start);
        int done = 0;
        QEventLoop loop;
        for (int i = 0; i < batch; ++i) {
            const qint64 n = start + i;
            store.deliver(generator.request(store, n, first + n * (span / count)), &context,
                          [&](const DeliveryResult &result) {
                              failed += result.ok ? 0 : 1;
                              if (++done == batch)
                                  loop.quit();
                          });
        }
        loop.exec();
    }
    return failed;
}

double percentile(std::vector<double> samples, double fraction)
{
    std::sort(samples.begin(), samples.end());
    const size_t index =
        std::min(samples.size() - 1, size_t(fraction * double(samples.size() - 1) + 0.5));
    return samples[index];
}

struct Figures
{
    double p50 = 0;
    double p99 = 0;
    int status = 0;
    qint64 bytes = 0;
};

// `runs` sequential GETs of `path` (the first one unmeasured), in milliseconds.
Figures measure(QNetworkAccessManager &network, quint16 port, const QString &path, int runs)
{
    std::vector<double> samples;
    Figures figures;
    for (int i = 0; i <= runs; ++i) {
        const QUrl url(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path));
        QElapsedTimer timer;
        timer.start();
        QNetworkReply *reply = network.get(QNetworkRequest(url));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        figures.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        figures.bytes = reply->readAll().size();
        reply->deleteLater();
        if (i > 0)
            samples.push_back(ms);
    }
    figures.p50 = percentile(samples, 0.5);
    figures.p99 = percentile(samples, 0.99);
    return figures;
}

void print(const char *name, const Figures &figures, double target, const Figures &floor)
{
    std::printf("%-44s %4d %8lld B  p50 %7.2f ms  p99 %7.2f ms", name, figures.status,
                static_cast<long long>(figures.bytes), figures.p50, figures.p99);
    if (target > 0)
        std::printf("  target p99 < %.0f ms: %s", target, figures.p99 < target ? "met" : "MISSED");
    std::printf("  (%.1fx livez p50)\n", floor.p50 > 0 ? figures.p50 / floor.p50 : 0.0);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    registerEventMetaTypes();
    const QStringList arguments = QCoreApplication::arguments();
    const int count = arguments.size() > 1 ? arguments.at(1).toInt() : kDefaultMessages;
    const int runs = arguments.size() > 2 ? arguments.at(2).toInt() : kDefaultRuns;
    if (count <= 0 || runs <= 0) {
        std::fprintf(stderr, "usage: apibench [MESSAGES] [RUNS] [STORE]\n");
        return 2;
    }
    QTemporaryDir temporary;
    const QString storeDirectory = arguments.size() > 3 ? arguments.at(3) : temporary.path();
    MailService service;
    ServerConfig config;
    config.storeDirectory = storeDirectory;
    config.listen = QStringLiteral("127.0.0.1:0");
    config.apiListen = QStringLiteral("127.0.0.1:0");
    bool started = false;
    QEventLoop applying;
    QObject::connect(&service, &MailService::applyFinished, &applying, [&](bool ok, const Error &) {
        started = ok;
        applying.quit();
    });
    service.apply(config);
    applying.exec();
    if (!started || !service.apiAddress()) {
        std::fprintf(stderr, "apibench: the service did not start\n");
        return 1;
    }
    const quint16 port = service.apiAddress()->port;

    Result<std::unique_ptr<StoreReader>> reader = StoreReader::open(storeDirectory);
    if (!reader) {
        std::fprintf(stderr, "apibench: %s\n", qPrintable(reader.error().message));
        return 1;
    }
    const qint64 kept = (*reader)->counts().messages;
    if (kept == 0) {
        QElapsedTimer filling;
        filling.start();
        const int failed = fill(*service.store(), count);
        std::printf("filled %d messages in %.1f s (%d failed), API on 127.0.0.1:%u, %d runs each\n",
                    count, double(filling.elapsed()) / 1000, failed, unsigned(port), runs);
    } else if (kept == count) {
        std::printf("kept store %s: %d messages, API on 127.0.0.1:%u, %d runs each\n",
                    qPrintable(storeDirectory), count, unsigned(port), runs);
    } else {
        std::fprintf(stderr, "apibench: %s holds %lld messages, not %d\n",
                     qPrintable(storeDirectory), static_cast<long long>(kept), count);
        return 2;
    }

    // Where a list page's time goes, without HTTP: the rows, then the 50 parses.
    std::vector<double> rows;
    std::vector<double> overviews;
    std::vector<double> parses;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        const QList<StoredMessage> page = (*reader)->list(50, 0);
        (void)(*reader)->counts();
        rows.push_back(double(timer.nsecsElapsed()) / 1e6);
        timer.restart();
        for (const StoredMessage &stored : page) {
            if (const std::optional<MessageOverview> overview =
                    MessageOverview::fromJson(stored.overview))
                (void)ApiMessage::fromOverview(stored, *overview);
        }
        overviews.push_back(double(timer.nsecsElapsed()) / 1e6);
        timer.restart();
        for (const StoredMessage &stored : page)
            (void)ApiMessage::parse(stored,
                                    (*reader)->raw(stored.id).left(ApiMessage::kSummaryBytes));
        parses.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("list page of 50 in process: rows and totals p50 %.2f ms p99 %.2f ms; "
                "50 stored overviews p50 %.2f ms p99 %.2f ms; parsing the 50 messages instead "
                "(stores older than schema 4) p50 %.2f ms p99 %.2f ms\n",
                percentile(rows, 0.5), percentile(rows, 0.99), percentile(overviews, 0.5),
                percentile(overviews, 0.99), percentile(parses, 0.5), percentile(parses, 0.99));

    QNetworkAccessManager network;
    const Figures livez = measure(network, port, QStringLiteral("/livez"), runs);
    print("GET /livez (reference: the round trip)", livez, 0, livez);
    print("GET /api/v1/messages", measure(network, port, QStringLiteral("/api/v1/messages"), runs),
          kListTargetMs, livez);
    print("GET /api/v1/messages?start=90000",
          measure(network, port, QStringLiteral("/api/v1/messages?start=%1").arg(count * 9 / 10),
                  runs),
          kListTargetMs, livez);
    print("GET /api/v1/message/{id} (read)",
          measure(network, port, QStringLiteral("/api/v1/message/%1").arg(count / 2), runs), 0,
          livez);
    const struct
    {
        const char *name;
        const char *query;
    } searches[] = {
        {"search from:alice@example.com", "from%3Aalice%40example.com"},
        {"search from:alice", "from%3Aalice"},
        {"search kumquat (a word in 1%)", "kumquat"},
        {"search invoice (a word in 96%)", "invoice"},
        {"search quokka zebra (two words in 92%)", "quokka+zebra"},
        {"search is:unread", "is%3Aunread"},
        {"search has:attachment -is:read", "has%3Aattachment+-is%3Aread"},
    };
    // Where a search's time goes, without HTTP: the page of 50, then the counts of matches.
    for (const auto &search : searches) {
        const Result<QString> query = MailpitQuery::translate(
            QUrl::fromPercentEncoding(QByteArray(search.query).replace('+', ' ')),
            QTimeZone::utc());
        std::vector<double> pages;
        std::vector<double> matched;
        for (int i = 0; query && i < runs; ++i) {
            QElapsedTimer timer;
            timer.start();
            (void)(*reader)->search(*query, 50, 0);
            pages.push_back(double(timer.nsecsElapsed()) / 1e6);
            timer.restart();
            (void)(*reader)->searchCounts(*query);
            matched.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        if (query)
            std::printf("%-44s in process: page p50 %7.2f ms p99 %7.2f ms; counts p50 %7.2f ms "
                        "p99 %7.2f ms\n",
                        search.name, percentile(pages, 0.5), percentile(pages, 0.99),
                        percentile(matched, 0.5), percentile(matched, 0.99));
    }
    for (const auto &search : searches)
        print(search.name,
              measure(network, port,
                      QStringLiteral("/api/v1/search?query=") + QLatin1StringView(search.query),
                      runs),
              kSearchTargetMs, livez);
    return 0;
}
