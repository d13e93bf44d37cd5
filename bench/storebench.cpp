// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
//
// Store benchmark: fills a fresh store with generated messages through MessageStore::deliver
// (the path SMTP sessions use), then times searches through StoreReader, a plain full scan for
// reference, and a big deletion with deliveries arriving while it is purged.
//
// Usage: storebench [MESSAGES] [STORE_DIR]   (defaults: 100000, a temporary directory)

#include "events/events.h"
#include "store/messagestore.h"
#include "store/sqlitedatabase.h"
#include "store/storereader.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTimeZone>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <random>
#include <vector>

// MessageStore::open in the shape these tests were written for: the store, or nullptr with the
// reason in `error`.
[[maybe_unused]] static std::unique_ptr<MessageStore> openStore(const QString &directory,
                                                                QString *error)
{
    Result<std::unique_ptr<MessageStore>> store = MessageStore::open(directory);
    if (!store) {
        *error = store.error().message;
        return nullptr;
    }
    return std::move(*store);
}

namespace {

constexpr int kDefaultMessages = 100000;
// Messages handed to the store before waiting for their commits: about what a few hundred
// busy SMTP sessions would have in flight.
constexpr int kDeliveryBatch = 500;
constexpr int kSearchRuns = 50;
// Searches fetch what an inbox view shows first: one page of the newest matches.
constexpr int kPageSize = 100;
constexpr int kScanRuns = 5;
// The deletion part: this many of the oldest messages go at once, and this many deliveries
// arrive, one after the other, while they are purged.
constexpr int kRemovedMessages = 20000;
constexpr int kDeliveriesDuringPurge = 200;
// Generated messages: this share carries an attachment, this share is big, this share lacks
// a Date header (so the checks find something).
constexpr int kAttachmentPercent = 10;
constexpr int kBigPercent = 1;
constexpr int kUndatedPercent = 5;
constexpr qint64 kMillisecondsPerDay = 24 * 60 * 60 * 1000;
constexpr int kSpanDays = 365;

// The vocabulary, most frequent first: function words, then words of office mail, then a few
// with accents, then made-up words; frequencies fall off as 1/rank (Zipf), as in real text.
const char *const kCommonWords[] = {
    "the",       "a",         "and",         "of",         "to",       "in",       "for",
    "is",        "on",        "that",        "with",       "this",     "please",   "thanks",
    "regards",   "hello",     "you",         "we",         "will",     "be",       "our",
    "your",      "if",        "have",        "any",        "new",      "next",     "last",
    "week",      "today",     "tomorrow",    "let",        "know",     "find",     "below",
    "attached",  "questions", "invoice",     "meeting",    "project",  "budget",   "report",
    "quarterly", "deadline",  "review",      "draft",      "release",  "customer", "account",
    "password",  "reset",     "welcome",     "newsletter", "order",    "shipping", "receipt",
    "payment",   "reminder",  "update",      "security",   "alert",    "team",     "schedule",
    "agenda",    "notes",     "contract",    "proposal",   "feedback", "survey",   "discount",
    "offer",     "ticket",    "support",     "request",    "approval", "paid",     "pending",
    "confirmed", "cancelled", "server",      "database",   "backup",   "deploy",   "build",
    "test",      "failure",   "success",     "weekly",     "monthly",  "summary",  "travel",
    "hotel",     "flight",    "lunch",       "dinner",     "office",   "holiday",  "vacation",
    "training",  "webinar",   "straße",      "café",       "München",  "naïve",    "résumé",
    "Grüße",     "jalapeño",  "smörgåsbord",
};
// Rare words at fixed ranks, so their searches have a known, small number of matches.
constexpr int kZebraRank = 5000;
constexpr int kQuokkaRank = 15000;
constexpr int kVocabularySize = 20000;
const char *const kSyllables[] = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "pe", "da",
                                  "go", "hu", "ji", "ba", "ze", "fo", "wi", "xa", "qu", "yo"};
const char *const kNames[] = {"alice",  "bob",   "carol", "dave",    "erin",   "frank",  "grace",
                              "heidi",  "ivan",  "judy",  "mallory", "niaj",   "olivia", "peggy",
                              "rupert", "sybil", "trent", "victor",  "walter", "yolanda"};
const char *const kDomains[] = {"example.com", "example.org", "example.net", "shop.test",
                                "corp.test",   "mail.test",   "bank.test",   "news.test"};

class Generator
{
public:
    explicit Generator(quint32 seed)
        : m_random(seed)
    {
        for (const char *word : kCommonWords)
            m_vocabulary.append(QByteArray(word));
        // Made-up words of three syllables ("kalomi"), distinct and deterministic.
        constexpr int syllables = int(std::size(kSyllables));
        for (int n = 0; m_vocabulary.size() < kVocabularySize; ++n) {
            m_vocabulary.append(QByteArray(kSyllables[n % syllables])
                                + kSyllables[(n / syllables) % syllables]
                                + kSyllables[(n / syllables / syllables) % syllables]);
        }
        m_vocabulary[kZebraRank] = "zebra";
        m_vocabulary[kQuokkaRank] = "quokka";
        // A quantile table of the 1/rank distribution: one random number and one lookup per
        // word, instead of a search through 20,000 weights.
        double total = 0;
        for (qsizetype rank = 1; rank <= m_vocabulary.size(); ++rank)
            total += 1.0 / double(rank);
        m_quantiles.resize(kQuantiles);
        double cumulative = 0;
        qsizetype rank = 0;
        for (size_t q = 0; q < m_quantiles.size(); ++q) {
            const double target = (double(q) + 0.5) / double(m_quantiles.size()) * total;
            while (rank < m_vocabulary.size() - 1 && cumulative + 1.0 / double(rank + 1) < target)
                cumulative += 1.0 / double(++rank);
            m_quantiles[q] = quint16(rank);
        }
    }

    int uniform(int below) { return std::uniform_int_distribution<int>(0, below - 1)(m_random); }

    const QByteArray &word() { return m_vocabulary[m_quantiles[m_random() % kQuantiles]]; }

    QByteArray address()
    {
        return QByteArray(kNames[uniform(int(std::size(kNames)))]) + '.'
               + QByteArray::number(uniform(50)) + '@'
               + kDomains[uniform(int(std::size(kDomains)))];
    }

    QByteArray words(int count)
    {
        QByteArray text;
        text.reserve(count * 8);
        for (int i = 0; i < count; ++i) {
            if (i > 0)
                text += (i % 14 == 0) ? "\r\n" : " ";
            text += word();
        }
        return text;
    }

    struct Message
    {
        QByteArray bytes;
        Envelope envelope;
    };

    Message message(qint64 serial)
    {
        Message m;
        const QByteArray from = address();
        const QByteArray to = address();
        m.envelope.mailFrom = from;
        m.envelope.recipients = {to};
        if (uniform(4) == 0)
            m.envelope.recipients.append(address());
        QByteArray headers = "Received: from client.test ([127.0.0.1]) by letterbox with ESMTP;"
                             " Mon, 15 Jan 2024 12:00:00 +0000\r\n"
                             "From: "
                             + from + "\r\nTo: " + to + "\r\nSubject: " + words(3 + uniform(6))
                             + "\r\nMessage-ID: <" + QByteArray::number(serial)
                             + "@bench.test>\r\n";
        if (uniform(100) >= kUndatedPercent)
            headers += "Date: Mon, 15 Jan 2024 12:00:00 +0000\r\n";
        if (m.envelope.recipients.size() > 1)
            headers += "Cc: " + m.envelope.recipients.last() + "\r\n";
        headers += "MIME-Version: 1.0\r\n";
        // Bodies of 2-4 KB; a few messages carry a big attachment, for `larger:`.
        const QByteArray text = words(280 + uniform(280)) + "\r\n";
        const bool big = uniform(100) < kBigPercent;
        if (big || uniform(100) < kAttachmentPercent) {
            const QByteArray line = "QmVuY2htYXJrIGF0dGFjaG1lbnQgZGF0YSBibG9jayBudW1iZXIgb25l\r\n";
            const QByteArray attachment = line.repeated(big ? 2000 + uniform(2000) : 12);
            m.bytes = headers
                      + "Content-Type: multipart/mixed; boundary=\"bench\"\r\n\r\n--bench\r\n"
                        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                      + text
                      + "--bench\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\n"
                        "Content-Disposition: attachment; filename=\"report.pdf\"\r\n"
                        "Content-Transfer-Encoding: base64\r\n\r\n"
                      + attachment + "--bench--\r\n";
        } else {
            m.bytes = headers + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + text;
        }
        return m;
    }

private:
    // Enough quantiles that the rarest word still comes up (1/rank: p = 5e-6 at rank 20,000).
    static constexpr size_t kQuantiles = size_t(1) << 20;

    std::mt19937 m_random;
    QList<QByteArray> m_vocabulary;
    std::vector<quint16> m_quantiles;
};

double milliseconds(qint64 nanoseconds)
{
    return double(nanoseconds) / 1e6;
}

double percentile(std::vector<qint64> samples, double fraction)
{
    std::sort(samples.begin(), samples.end());
    const size_t index =
        std::min(samples.size() - 1, size_t(fraction * double(samples.size() - 1) + 0.5));
    return milliseconds(samples[index]);
}

qint64 fileSize(const QString &path)
{
    return QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
}

long peakResidentKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss; // KiB on Linux
}

// Time the producer spends making messages up and in deliver() (which runs the message
// checks and prepares the index text in the calling thread), for the fill report.
qint64 g_generateNs = 0;
qint64 g_deliverCallNs = 0;

// Delivers `count` generated messages starting at `serial`, `kDeliveryBatch` at a time, each
// batch waited for through its callbacks. Returns the number that failed.
int fill(MessageStore &store, Generator &generator, qint64 serial, int count, QObject *context,
         qint64 firstReceived)
{
    int failed = 0;
    for (int start = 0; start < count; start += kDeliveryBatch) {
        const int batch = std::min(kDeliveryBatch, count - start);
        int done = 0;
        QEventLoop loop;
        for (int i = 0; i < batch; ++i) {
            const qint64 n = serial + start + i;
            QElapsedTimer generating;
            generating.start();
            Generator::Message message = generator.message(n);
            auto spool = std::make_shared<MessageSpool>(store.spoolDirectory());
            if (const Result<void> appended = spool->append(message.bytes); !appended) {
                std::fprintf(stderr, "storebench: %s\n", qPrintable(appended.error().message));
                return 1;
            }
            DeliveryRequest request;
            request.session.sessionId = store.allocateSessionId();
            request.session.remoteAddress = QStringLiteral("127.0.0.1");
            // Spread over the last year, in arrival order.
            request.received = QDateTime::fromMSecsSinceEpoch(
                firstReceived + n * (kSpanDays * kMillisecondsPerDay / kDefaultMessages),
                QTimeZone::utc());
            request.envelope = message.envelope;
            request.data = std::move(spool);
            g_generateNs += generating.nsecsElapsed();
            QElapsedTimer delivering;
            delivering.start();
            store.deliver(std::move(request), context,
                          [&done, &failed, &loop, batch](const DeliveryResult &result) {
                              if (!result.ok)
                                  ++failed;
                              if (++done == batch)
                                  loop.quit();
                          });
            g_deliverCallNs += delivering.nsecsElapsed();
        }
        // Callbacks are queued to this thread, so none can have run before exec().
        loop.exec();
    }
    return failed;
}

qint64 timeScan(SqliteDatabase &db, const char *sql, qint64 *result)
{
    std::vector<qint64> samples;
    for (int i = 0; i < kScanRuns; ++i) {
        QElapsedTimer timer;
        timer.start();
        *result = db.queryInt64(sql).valueOr(-1);
        samples.push_back(timer.nsecsElapsed());
    }
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    registerEventMetaTypes();
    const QStringList arguments = QCoreApplication::arguments();
    const int count = arguments.size() > 1 ? arguments.at(1).toInt() : kDefaultMessages;
    QTemporaryDir temporary;
    const QString directory = arguments.size() > 2 ? arguments.at(2) : temporary.path();
    if (count <= 0 || directory.isEmpty()) {
        std::fprintf(stderr, "usage: storebench [MESSAGES] [STORE_DIR]\n");
        return 2;
    }

    QString error;
    std::unique_ptr<MessageStore> store = openStore(directory, &error);
    if (!store) {
        std::fprintf(stderr, "storebench: %s\n", qPrintable(error));
        return 1;
    }
    QObject context;
    Generator generator(20260101);
    const qint64 firstReceived =
        QDateTime::currentMSecsSinceEpoch() - qint64(kSpanDays) * kMillisecondsPerDay;

    std::printf("store: %s\n", qPrintable(store->databasePath()));
    QElapsedTimer fillTimer;
    fillTimer.start();
    const int failed = fill(*store, generator, 0, count, &context, firstReceived);
    const qint64 fillNs = fillTimer.nsecsElapsed();
    store->flush();
    std::printf("fill: %d messages in %.2f s = %.0f messages/s (%d failed, %llu commits)\n", count,
                double(fillNs) / 1e9, count / (double(fillNs) / 1e9), failed,
                static_cast<unsigned long long>(store->commitCount()));
    std::printf("  producer thread: %.2f s generating messages, %.2f s in deliver() (checks and "
                "index text: %.0f us a message)\n",
                double(g_generateNs) / 1e9, double(g_deliverCallNs) / 1e9,
                double(g_deliverCallNs) / 1e3 / count);
    std::printf("database: %.1f MiB + %.1f MiB WAL\n",
                double(QFileInfo(store->databasePath()).size()) / (1024.0 * 1024.0),
                double(QFileInfo(store->databasePath() + QStringLiteral("-wal")).size())
                    / (1024.0 * 1024.0));

    auto readerOpened = StoreReader::open(directory);
    if (!readerOpened)
        error = readerOpened.error().message;
    auto reader = readerOpened ? std::move(*readerOpened) : nullptr;
    if (!reader) {
        std::fprintf(stderr, "storebench: %s\n", qPrintable(error));
        return 1;
    }
    // A third of the inbox read, for is:read / is:unread.
    {
        QList<qint64> read;
        for (qint64 id = 1; id <= count; id += 3)
            read.append(id);
        QElapsedTimer timer;
        timer.start();
        store->setRead(read, true);
        store->flush(); // all of them, a time slice per turn
        std::printf("setRead: %lld messages in %.1f ms\n", static_cast<long long>(read.size()),
                    milliseconds(timer.nsecsElapsed()));
    }

    auto dbOpened = SqliteDatabase::open(store->databasePath(), SqliteDatabase::OpenMode::ReadOnly);
    if (!dbOpened)
        error = dbOpened.error().message;
    auto db = dbOpened ? std::move(*dbOpened) : nullptr;
    {
        // Where the bytes are: message bytes, message rows, the full-text index, the rest.
        auto breakdown =
            db->prepare("SELECT CASE WHEN name = 'message_raw' THEN 'message bytes'"
                        " WHEN name LIKE 'messages_fts%' THEN 'full-text index'"
                        " WHEN name LIKE 'messages%' THEN 'message rows + indexes'"
                        " ELSE 'sessions, findings, other' END AS part, sum(pgsize) FROM dbstat"
                        " GROUP BY part ORDER BY 2 DESC");
        std::printf("  pages:");
        while (breakdown.step() == SqliteDatabase::Statement::StepResult::Row) {
            std::printf(" %s %.1f MiB;", qPrintable(breakdown.columnText(0)),
                        double(breakdown.columnInt64(1)) / (1024.0 * 1024.0));
        }
        std::printf("\n");
    }
    qint64 rows = 0;
    const qint64 countNs = timeScan(*db, "SELECT count(*) FROM messages", &rows);
    std::printf("reference: SELECT count(*) FROM messages: %.2f ms (%lld rows, median of %d)\n",
                milliseconds(countNs), static_cast<long long>(rows), kScanRuns);
    // The unary + keeps SQLite from answering out of an index: every message row is read.
    const qint64 scanNs =
        timeScan(*db, "SELECT count(*) FROM messages WHERE +flags >= 0 AND +size >= 0", &rows);
    std::printf("reference: full row scan of messages: %.2f ms (median of %d)\n",
                milliseconds(scanNs), kScanRuns);

    const QDate today = QDate::currentDate();
    const QString recent = today.addDays(-30).toString(Qt::ISODate);
    const QString springStart = today.addDays(-200).toString(Qt::ISODate);
    const QString springEnd = today.addDays(-170).toString(Qt::ISODate);
    const QStringList queries = {
        QStringLiteral("the"),
        QStringLiteral("invoice"),
        QStringLiteral("zebra"),
        QStringLiteral("quokka"),
        QStringLiteral("xyzzyq"),
        QStringLiteral("\"quarterly report\""),
        QStringLiteral("inv*"),
        QStringLiteral("from:alice"),
        QStringLiteral("to:bob.7@example.com"),
        QStringLiteral("subject:meeting"),
        QStringLiteral("body:deadline"),
        QStringLiteral("invoice OR receipt"),
        QStringLiteral("invoice -paid"),
        QStringLiteral("has:attachment"),
        QStringLiteral("is:unread"),
        QStringLiteral("larger:100k"),
        QStringLiteral("after:") + recent,
        QStringLiteral("after:%1 before:%2").arg(springStart, springEnd),
        QStringLiteral("from:alice has:attachment"),
        QStringLiteral("meeting is:unread larger:3k"),
        QStringLiteral("-invoice -meeting"),
        QStringLiteral("finding:missing-date"),
        QStringLiteral("has:findings"),
        QStringLiteral("id:%1").arg(count / 2),
        QStringLiteral("(project OR budget) from:carol -draft"),
        QStringLiteral("München"),
    };
    std::printf("\nsearch: %d runs each, first page of %d, newest first\n", kSearchRuns, kPageSize);
    std::printf("%-42s %8s %8s %8s %9s %10s\n", "query", "page", "p50 ms", "p99 ms", "all ms",
                "matches");
    std::vector<qint64> everything;
    struct Result
    {
        std::vector<qint64> samples;
        qsizetype pageRows = 0;
    };
    std::vector<Result> results;
    for (const QString &query : queries) {
        Result result;
        // One run first, not counted: it prepares the statement and pulls its pages into the
        // caches; cold-cache latency shows in the "all" column below.
        if (const auto warmed = reader->search(query, kPageSize, 0); !warmed) {
            std::fprintf(stderr, "storebench: %s: %s\n", qPrintable(query),
                         qPrintable(warmed.error().message));
            return 1;
        }
        for (int run = 0; run < kSearchRuns; ++run) {
            QElapsedTimer timer;
            timer.start();
            const auto found = reader->search(query, kPageSize, 0);
            result.samples.push_back(timer.nsecsElapsed());
            if (!found) {
                std::fprintf(stderr, "storebench: %s: %s\n", qPrintable(query),
                             qPrintable(found.error().message));
                return 1;
            }
            result.pageRows = found->size();
        }
        everything.insert(everything.end(), result.samples.begin(), result.samples.end());
        results.push_back(std::move(result));
    }
    const long pagedPeak = peakResidentKiB();
    for (size_t i = 0; i < results.size(); ++i) {
        // Once without a limit, for how many match and what fetching them all costs.
        QElapsedTimer timer;
        timer.start();
        const auto all = reader->search(queries[qsizetype(i)]);
        const qint64 allNs = timer.nsecsElapsed();
        std::printf("%-42s %8lld %8.2f %8.2f %9.1f %10lld\n", qPrintable(queries[qsizetype(i)]),
                    static_cast<long long>(results[i].pageRows),
                    percentile(results[i].samples, 0.5), percentile(results[i].samples, 0.99),
                    milliseconds(allNs), static_cast<long long>(all ? all->size() : -1));
    }
    std::printf("%-42s %8s %8.2f %8.2f\n", "overall (all queries)", "", percentile(everything, 0.5),
                percentile(everything, 0.99));
    std::printf("peak resident memory after fill and paged searches: %.1f MiB\n",
                double(pagedPeak) / 1024.0);

    // Deletion: the oldest messages at once; deliveries keep arriving while they are purged.
    // First the same deliveries without a purge, as the baseline.
    {
        std::vector<qint64> latencies;
        for (int i = 0; i < kDeliveriesDuringPurge; ++i) {
            QElapsedTimer one;
            one.start();
            fill(*store, generator, count + i, 1, &context, firstReceived);
            latencies.push_back(one.nsecsElapsed());
        }
        std::printf(
            "\ndelivery latency, nothing else going on (%d single deliveries): p50 %.2f ms, "
            "p99 %.2f ms, max %.2f ms\n",
            kDeliveriesDuringPurge, percentile(latencies, 0.5), percentile(latencies, 0.99),
            percentile(latencies, 1.0));
    }
    {
        QList<qint64> oldest;
        for (qint64 id = 1; id <= std::min(count, kRemovedMessages); ++id)
            oldest.append(id);
        QElapsedTimer timer;
        timer.start();
        store->remove(oldest);
        store->flush(); // the flags are committed: readers no longer see them
        const qint64 flagNs = timer.nsecsElapsed();
        std::vector<qint64> latencies;
        for (int i = 0; i < kDeliveriesDuringPurge; ++i) {
            QElapsedTimer one;
            one.start();
            fill(*store, generator, count + kDeliveriesDuringPurge + i, 1, &context, firstReceived);
            latencies.push_back(one.nsecsElapsed());
        }
        store->finishMaintenance();
        const qint64 totalNs = timer.nsecsElapsed();
        std::printf("delete: %lld messages flagged in %.1f ms, purged and vacuumed in %.2f s "
                    "in total\n",
                    static_cast<long long>(oldest.size()), milliseconds(flagNs),
                    double(totalNs) / 1e9);
        std::printf("delivery latency while purging (%d single deliveries): p50 %.2f ms, "
                    "p99 %.2f ms, max %.2f ms\n",
                    kDeliveriesDuringPurge, percentile(latencies, 0.5), percentile(latencies, 0.99),
                    percentile(latencies, 1.0));
        std::printf("database after delete: %.1f MiB\n",
                    double(fileSize(store->databasePath())) / (1024.0 * 1024.0));
    }

    std::printf("\npeak resident memory (including the unpaged \"all\" searches): %.1f MiB\n",
                double(peakResidentKiB()) / 1024.0);
    return 0;
}
