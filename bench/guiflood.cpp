// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
//
// The desktop app under a flood of mail (issue 4: "the window keeps repainting and accepting
// input"). Runs the real MainWindow offscreen, with its store in a temporary folder and its
// SMTP server on 127.0.0.1, while client threads deliver MESSAGES messages of about 2 KB over
// CONNECTIONS parallel connections as fast as the server answers (every 10th connection, the
// first included, opens a new session per message, so there are many sessions and traces).
// A probe in the GUI thread measures what a user would feel:
//   - tick lateness: how late a 5 ms precise timer fires (a stall of the event loop);
//   - input latency: how long an event posted every 50 ms from another thread (as the
//     platform's input thread would) waits until it is delivered;
//   - repaints: paint events of the inbox and protocol log viewports.
// The same probe over an idle window in the same run is the reference. The inbox tab is on
// screen for the first half of the flood; then the Sessions tab (live protocol log) is shown
// until every message is listed in the inbox.
//
// Usage: guiflood [MESSAGES] [CONNECTIONS]   (defaults: 5000, 8)
// QT_QPA_PLATFORM=offscreen and QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox are set unless the
// environment sets them (as for the UI tests). Exits 0 when it ran to the end, whatever the
// verdicts; 1 when the window could not start listening; 2 on a bad command line.

#include "events/events.h"
#include "mainwindow.h"
#include "models/inboxmodel.h"
#include "models/sessionlistmodel.h"
#include "models/sessionlogmodel.h"
#include "pages/inboxpage.h"
#include "service/mailservice.h"
#include "smtp/smtpserversettings.h"
#include "views/inboxview.h"
#include "views/messageschemehandler.h"
#include "views/sessionlogview.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEvent>
#include <QLabel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kDefaultMessages = 5000;
constexpr int kDefaultConnections = 8;
constexpr int kTickIntervalMs = 5;
constexpr int kInputIntervalMs = 50;
// Lets the first layout and paints of the shown window settle before the idle reference.
constexpr int kWarmUpMs = 500;
constexpr int kIdleMs = 2000;
constexpr int kApplyTimeoutMs = 30000;
// After the last 250, the inbox has this long to list every message.
constexpr int kDrainTimeoutMs = 60000;
constexpr int kReconnectEvery = 10;
// A blocked client gives up after this, so a wedged server cannot hang the benchmark.
constexpr int kSocketTimeoutSeconds = 30;
// More failed deliveries than this stop the flood: something is broken, not slow.
constexpr int kMaxClientErrors = 20;
constexpr int kBodyLines = 26;
constexpr double kStallTargetMs = 100;
constexpr double kInputTargetMs = 50;

double millisecondsBetween(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration<double, std::milli>(to - from).count();
}

double percentile(std::vector<double> values, double fraction)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<size_t>(fraction * static_cast<double>(values.size() - 1) + 0.5);
    return values.at(std::min(rank, values.size() - 1));
}

double maximum(const std::vector<double> &values)
{
    return values.empty() ? 0 : *std::max_element(values.cbegin(), values.cend());
}

/// What the probe saw while one phase ran.
struct PhaseFigures
{
    std::vector<double> tickLatenessMs;
    std::vector<double> inputLatencyMs;
    qint64 inboxPaints = 0;
    qint64 logPaints = 0;
    double seconds = 0;

    void add(const PhaseFigures &other)
    {
        tickLatenessMs.insert(tickLatenessMs.end(), other.tickLatenessMs.cbegin(),
                              other.tickLatenessMs.cend());
        inputLatencyMs.insert(inputLatencyMs.end(), other.inputLatencyMs.cbegin(),
                              other.inputLatencyMs.cend());
        inboxPaints += other.inboxPaints;
        logPaints += other.logPaints;
        seconds += other.seconds;
    }
};

/// Stands for a key press or mouse move: posted from outside the GUI thread, stamped when
/// posted, so its delivery measures how long input would wait for the event loop.
class ProbeInputEvent final : public QEvent
{
public:
    explicit ProbeInputEvent(Clock::time_point posted)
        : QEvent(type())
        , m_posted(posted)
    {}

    static QEvent::Type type()
    {
        static const auto registered = static_cast<QEvent::Type>(QEvent::registerEventType());
        return registered;
    }

    Clock::time_point posted() const { return m_posted; }

private:
    Clock::time_point m_posted;
};

/// Lives in the GUI thread and charges what it sees to the current phase.
class GuiProbe final : public QObject
{
public:
    GuiProbe(QWidget *inboxViewport, QWidget *logViewport)
        : m_inboxViewport(inboxViewport)
        , m_logViewport(logViewport)
    {
        inboxViewport->installEventFilter(this);
        logViewport->installEventFilter(this);
        m_ticks.setTimerType(Qt::PreciseTimer);
        m_ticks.setInterval(kTickIntervalMs);
        connect(&m_ticks, &QTimer::timeout, this, &GuiProbe::tick);
        m_ticks.start();
    }
    Q_DISABLE_COPY_MOVE(GuiProbe)

    /// Ends the current phase (if any) and charges everything from now on to `phase`; null
    /// stops measuring for good. The timer ticks from construction, which also keeps
    /// runUntil() waking up.
    void measure(PhaseFigures *phase)
    {
        const Clock::time_point now = Clock::now();
        if (m_phase)
            m_phase->seconds = millisecondsBetween(m_phaseStart, now) / 1000;
        m_phase = phase;
        m_phaseStart = now;
        m_lastTick = now;
        if (!phase)
            m_ticks.stop();
    }

protected:
    bool event(QEvent *event) override
    {
        if (event->type() != ProbeInputEvent::type())
            return QObject::event(event);
        if (m_phase) {
            const auto *input = static_cast<ProbeInputEvent *>(event);
            m_phase->inputLatencyMs.push_back(millisecondsBetween(input->posted(), Clock::now()));
        }
        return true;
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (m_phase && event->type() == QEvent::Paint) {
            if (watched == m_inboxViewport)
                ++m_phase->inboxPaints;
            else if (watched == m_logViewport)
                ++m_phase->logPaints;
        }
        return false;
    }

private:
    void tick()
    {
        const Clock::time_point now = Clock::now();
        // Qt keeps a precise timer on its schedule, so a tick after a late one may come early;
        // only lateness counts.
        const double late = millisecondsBetween(m_lastTick, now) - kTickIntervalMs;
        m_lastTick = now;
        if (m_phase)
            m_phase->tickLatenessMs.push_back(std::max(0.0, late));
    }

    QWidget *m_inboxViewport = nullptr;
    QWidget *m_logViewport = nullptr;
    QTimer m_ticks;
    PhaseFigures *m_phase = nullptr;
    Clock::time_point m_phaseStart;
    Clock::time_point m_lastTick;
};

/// Posts a ProbeInputEvent to the probe every kInputIntervalMs from its own thread, the way
/// the platform's input thread hands events over, so a stalled GUI thread cannot delay the
/// posting, only the delivery.
class InputInjector
{
public:
    explicit InputInjector(GuiProbe *probe)
        : m_thread([this, probe] {
            while (!m_stop.load()) {
                QCoreApplication::postEvent(probe, new ProbeInputEvent(Clock::now()));
                std::this_thread::sleep_for(std::chrono::milliseconds(kInputIntervalMs));
            }
        })
    {}
    ~InputInjector()
    {
        m_stop.store(true);
        m_thread.join();
    }
    Q_DISABLE_COPY_MOVE(InputInjector)

private:
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

/// One blocking SMTP client connection to 127.0.0.1. Used only by the load threads.
class SmtpClientConnection
{
public:
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
        const timeval timeout{kSocketTimeoutSeconds, 0};
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

/// Shared by the load threads; the GUI thread only reads it.
struct FloodProgress
{
    std::atomic<int> nextMessage{0};
    std::atomic<int> accepted{0};
    std::atomic<int> errors{0};
    std::atomic<int> finishedConnections{0};
    std::atomic<bool> abort{false};
    std::atomic<Clock::rep> lastAccepted{0}; ///< time_since_epoch() of the latest 250

    std::mutex errorMutex;
    std::string firstError;

    void noteAccepted()
    {
        accepted.fetch_add(1);
        const Clock::rep now = Clock::now().time_since_epoch().count();
        Clock::rep seen = lastAccepted.load();
        while (seen < now && !lastAccepted.compare_exchange_weak(seen, now)) {
        }
    }

    void noteError(const std::string &what)
    {
        {
            const std::lock_guard lock(errorMutex);
            if (firstError.empty())
                firstError = what;
        }
        if (errors.fetch_add(1) + 1 >= kMaxClientErrors)
            abort.store(true);
    }
};

struct FloodPlan
{
    quint16 port = 0;
    int messages = 0;
    std::string date; ///< RFC 5322 date for every message
};

std::string messageText(const FloodPlan &plan, int number, int connection)
{
    const std::string id = std::to_string(number + 1);
    std::string text;
    text.reserve(2200);
    text += "Date: " + plan.date + "\r\n";
    text += "From: Flood Sender " + std::to_string(connection) + " <sender"
            + std::to_string(connection) + "@flood.test>\r\n";
    text += "To: Flood Inbox <inbox@flood.test>\r\n";
    text += "Subject: Flood message " + id + " of " + std::to_string(plan.messages) + "\r\n";
    text += "Message-ID: <flood-" + id + "@flood.test>\r\n";
    text += "MIME-Version: 1.0\r\n";
    text += "Content-Type: text/plain; charset=us-ascii\r\n\r\n";
    for (int line = 1; line <= kBodyLines; ++line) {
        text += "Line " + std::to_string(line) + " of message " + id
                + ": the quick brown fox jumps over the lazy dog, twice.\r\n";
    }
    text += ".\r\n";
    return text;
}

/// One load thread: takes message numbers until all are taken, delivering them over one
/// connection (or a new one per message).
void deliverShare(const FloodPlan &plan, int connection, FloodProgress &progress)
{
    const bool reconnectPerMessage = connection % kReconnectEvery == 0;
    SmtpClientConnection client;
    bool ready = false;
    while (!progress.abort.load()) {
        const int number = progress.nextMessage.fetch_add(1);
        if (number >= plan.messages)
            break;
        if (!ready)
            ready = client.open(plan.port) && client.exchange("EHLO flood.test\r\n") == 250;
        const bool delivered = ready
                               && client.exchange("MAIL FROM:<sender" + std::to_string(connection)
                                                  + "@flood.test>\r\n")
                                      == 250
                               && client.exchange("RCPT TO:<inbox@flood.test>\r\n") == 250
                               && client.exchange("DATA\r\n") == 354
                               && client.exchange(messageText(plan, number, connection)) == 250;
        if (delivered) {
            progress.noteAccepted();
        } else {
            progress.noteError("message " + std::to_string(number + 1) + ": " + client.lastReply());
            client.close();
            ready = false;
        }
        if (ready && reconnectPerMessage) {
            client.exchange("QUIT\r\n");
            client.close();
            ready = false;
        }
    }
    if (ready)
        client.exchange("QUIT\r\n");
    progress.finishedConnections.fetch_add(1);
}

/// Runs the GUI event loop until `done` or `timeoutMs`; false on timeout. The probe's timer
/// wakes the loop every few milliseconds, so `done` is checked often without spinning (the
/// processEvents() overload with a time limit would spin: it drops WaitForMoreEvents).
bool runUntil(const std::function<bool()> &done, qint64 timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() >= timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

void printPhase(const char *name, const PhaseFigures &phase)
{
    const double seconds = std::max(phase.seconds, 0.001);
    std::printf("%-22s %6.1f %6zu %6.2f %7.2f %7.1f %6zu %6.2f %7.2f %7.1f %8.1f %8.1f\n", name,
                phase.seconds, phase.tickLatenessMs.size(), percentile(phase.tickLatenessMs, 0.5),
                percentile(phase.tickLatenessMs, 0.99), maximum(phase.tickLatenessMs),
                phase.inputLatencyMs.size(), percentile(phase.inputLatencyMs, 0.5),
                percentile(phase.inputLatencyMs, 0.99), maximum(phase.inputLatencyMs),
                static_cast<double>(phase.inboxPaints) / seconds,
                static_cast<double>(phase.logPaints) / seconds);
}

const char *passOrFail(bool pass)
{
    return pass ? "PASS" : "FAIL";
}

int usage()
{
    std::fputs("usage: guiflood [MESSAGES] [CONNECTIONS]\n", stderr);
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    // As the UI tests run: no display needed, and Chromium's sandbox refuses to run as root.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (qEnvironmentVariableIsEmpty("QTWEBENGINE_CHROMIUM_FLAGS"))
        qputenv("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox");
    MessageSchemeHandler::registerSchemes();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    registerEventMetaTypes();
    // The window reads and saves its settings and geometry; keep the user's own out of it.
    QStandardPaths::setTestModeEnabled(true);

    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() > 3)
        return usage();
    bool ok = true;
    const int messages = arguments.size() > 1 ? arguments.at(1).toInt(&ok) : kDefaultMessages;
    if (!ok || messages < 1)
        return usage();
    const int connections = arguments.size() > 2 ? arguments.at(2).toInt(&ok) : kDefaultConnections;
    if (!ok || connections < 1)
        return usage();

    QTemporaryDir storeDirectory;
    if (!storeDirectory.isValid()) {
        std::fprintf(stderr, "guiflood: FAIL: no temporary directory\n");
        return 1;
    }
    AppSettings settings;
    settings.listen = QStringLiteral("127.0.0.1:0");
    settings.storeDirectory = storeDirectory.path();
    settings.notifications = false;
    settings.maxConnections = std::max(settings.maxConnections, connections + 10);

    auto window = std::make_unique<MainWindow>(settings);
    window->findChild<QTabWidget *>(QStringLiteral("mainTabs"))->setCurrentIndex(0);
    window->resize(1400, 900);
    window->show();
    auto *logView = window->findChild<SessionLogView *>();
    if (!logView) {
        std::fprintf(stderr, "guiflood: FAIL: the window has no protocol log view\n");
        return 1;
    }
    GuiProbe probe(window->findChild<InboxView *>(QStringLiteral("inboxView"))->viewport(),
                   logView->viewport());

    std::optional<bool> applied;
    QObject::connect(window.get(), &MainWindow::serverApplied, &probe,
                     [&applied](bool listening) { applied = listening; });
    window->startServer();
    const auto address = runUntil([&applied] { return applied.has_value(); }, kApplyTimeoutMs)
                             ? window->findChild<MailService *>()->listenAddress()
                             : std::nullopt;
    if (!applied.value_or(false) || !address) {
        std::fprintf(
            stderr, "guiflood: FAIL: the window did not start listening: %s\n",
            qPrintable(window->findChild<QLabel *>(QStringLiteral("problemLabel"))->text()));
        return 1;
    }
    InboxModel *inbox = window->findChild<InboxPage *>()->model();
    SessionLogModel *log = window->findChild<SessionLogModel *>(QStringLiteral("sessionLog"));
    int inboxResets = 0;
    QObject::connect(inbox, &QAbstractItemModel::modelReset, &probe,
                     [&inboxResets] { ++inboxResets; });

    std::printf("guiflood: %d messages over %d connections (%d of them a new session per "
                "message), Qt %s, platform %s, store %s\n",
                messages, connections, (connections + kReconnectEvery - 1) / kReconnectEvery,
                qVersion(), qPrintable(QGuiApplication::platformName()),
                qPrintable(storeDirectory.path()));

    InputInjector injector(&probe);
    PhaseFigures warmUp;
    probe.measure(&warmUp);
    runUntil([] { return false; }, kWarmUpMs);
    inboxResets = 0;

    PhaseFigures idle;
    probe.measure(&idle);
    runUntil([] { return false; }, kIdleMs);

    FloodPlan plan;
    plan.port = address->port;
    plan.messages = messages;
    plan.date = QDateTime::currentDateTime().toString(Qt::RFC2822Date).toStdString();
    FloodProgress progress;
    PhaseFigures inboxHalf;
    PhaseFigures sessionsHalf;
    probe.measure(&inboxHalf);
    const Clock::time_point floodStart = Clock::now();
    std::vector<std::thread> clients;
    clients.reserve(static_cast<size_t>(connections));
    for (int connection = 0; connection < connections; ++connection)
        clients.emplace_back(deliverShare, std::cref(plan), connection, std::ref(progress));

    Clock::time_point allShown;
    bool showingSessions = false;
    const auto watch = [&] {
        if (allShown == Clock::time_point() && inbox->rowCount() >= messages)
            allShown = Clock::now();
        if (!showingSessions && progress.accepted.load() >= messages / 2) {
            probe.measure(&sessionsHalf);
            window->findChild<QTabWidget *>(QStringLiteral("mainTabs"))->setCurrentIndex(1);
            showingSessions = true;
        }
    };
    runUntil(
        [&] {
            watch();
            return progress.finishedConnections.load() == connections;
        },
        std::numeric_limits<qint64>::max());
    for (std::thread &client : clients)
        client.join();
    const Clock::time_point floodEnd = Clock::now();
    const int accepted = progress.accepted.load();
    const bool drained = runUntil(
        [&] {
            watch();
            return inbox->rowCount() >= accepted;
        },
        kDrainTimeoutMs);
    probe.measure(nullptr);
    const int rows = inbox->rowCount();

    PhaseFigures flood = inboxHalf;
    flood.add(sessionsHalf);
    std::printf("\n%-22s %6s %6s %6s %7s %7s %6s %6s %7s %7s %8s %8s\n", "phase", "s", "ticks",
                "late50", "late99", "lateMax", "inputs", "in50", "in99", "inMax", "inbox/s",
                "log/s");
    std::printf("%-22s %6s %6s %24s %6s %24s %17s\n", "", "", "", "tick lateness (ms)", "",
                "input latency (ms)", "paints/s");
    printPhase("idle, inbox tab", idle);
    printPhase("flood, inbox tab", inboxHalf);
    printPhase("flood, sessions tab", sessionsHalf);
    printPhase("flood, whole", flood);

    const double floodSeconds = millisecondsBetween(floodStart, floodEnd) / 1000;
    std::printf("\nsent: %d of %d messages accepted in %.2f s = %.0f messages/s, %d client "
                "errors%s%s\n",
                accepted, messages, floodSeconds, accepted / std::max(floodSeconds, 0.001),
                progress.errors.load(),
                progress.firstError.empty() ? "" : ", first: ", progress.firstError.c_str());
    const Clock::time_point lastAccepted{Clock::duration(progress.lastAccepted.load())};
    if (allShown != Clock::time_point())
        std::printf("last message shown %.0f ms after the last 250\n",
                    millisecondsBetween(lastAccepted, allShown));
    else
        std::printf("last message not shown %d s after the last 250%s\n", kDrainTimeoutMs / 1000,
                    drained ? " (fewer were accepted)" : "");
    std::printf("inbox rows: %d of %d; inbox model resets during the flood: %d; sessions listed: "
                "%d (capacity %d); protocol log rows: %d (capacity %d)\n",
                rows, messages, inboxResets, window->findChild<SessionListModel *>()->rowCount(),
                window->findChild<SessionListModel *>()->capacity(), log->rowCount(),
                log->capacity());

    const double stall = maximum(flood.tickLatenessMs);
    const double inputP99 = percentile(flood.inputLatencyMs, 0.99);
    std::printf("\nmax GUI stall during flood: %.1f ms (idle reference %.1f ms; target < %.0f "
                "ms): %s\n",
                stall, maximum(idle.tickLatenessMs), kStallTargetMs,
                passOrFail(stall < kStallTargetMs));
    std::printf("input latency p99 during flood: %.1f ms (idle reference %.1f ms; target < %.0f "
                "ms): %s\n",
                inputP99, percentile(idle.inputLatencyMs, 0.99), kInputTargetMs,
                passOrFail(inputP99 < kInputTargetMs));
    std::printf("window repainted during flood: inbox %lld, protocol log %lld paints: %s\n",
                static_cast<long long>(inboxHalf.inboxPaints),
                static_cast<long long>(sessionsHalf.logPaints),
                passOrFail(inboxHalf.inboxPaints > 0 && sessionsHalf.logPaints > 0));
    std::printf("all %d messages shown: %s\n", messages, rows == messages ? "yes" : "no (FAIL)");
    std::fflush(stdout);

    window->close();
    window.reset();
    return 0;
}
