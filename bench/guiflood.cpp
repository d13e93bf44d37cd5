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
#include "floodplan.h"
#include "floodprogress.h"
#include "guiprobe.h"
#include "inputinjector.h"
#include "mainwindow.h"
#include "models/inboxmodel.h"
#include "models/sessionlistmodel.h"
#include "models/sessionlogmodel.h"
#include "pages/inboxpage.h"
#include "phasefigures.h"
#include "service/mailservice.h"
#include "smtp/smtpserversettings.h"
#include "views/inboxview.h"
#include "views/messageschemehandler.h"
#include "views/sessionlogview.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QLabel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace {

constexpr int kDefaultMessages = 5000;
constexpr int kDefaultConnections = 8;
// Lets the first layout and paints of the shown window settle before the idle reference.
constexpr int kWarmUpMs = 500;
constexpr int kIdleMs = 2000;
constexpr int kApplyTimeoutMs = 30000;
// After the last 250, the inbox has this long to list every message.
constexpr int kDrainTimeoutMs = 60000;
constexpr double kStallTargetMs = 100;
constexpr double kInputTargetMs = 50;

using Clock = PhaseFigures::Clock;

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
                messages, connections,
                (connections + FloodPlan::kReconnectEvery - 1) / FloodPlan::kReconnectEvery,
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
        clients.emplace_back(
            [&plan, &progress, connection] { plan.deliverShare(connection, progress); });

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
    idle.print("idle, inbox tab");
    inboxHalf.print("flood, inbox tab");
    sessionsHalf.print("flood, sessions tab");
    flood.print("flood, whole");

    const double floodSeconds = PhaseFigures::millisecondsBetween(floodStart, floodEnd) / 1000;
    std::printf("\nsent: %d of %d messages accepted in %.2f s = %.0f messages/s, %d client "
                "errors%s%s\n",
                accepted, messages, floodSeconds, accepted / std::max(floodSeconds, 0.001),
                progress.errors.load(),
                progress.firstError.empty() ? "" : ", first: ", progress.firstError.c_str());
    const Clock::time_point lastAccepted{Clock::duration(progress.lastAccepted.load())};
    if (allShown != Clock::time_point())
        std::printf("last message shown %.0f ms after the last 250\n",
                    PhaseFigures::millisecondsBetween(lastAccepted, allShown));
    else
        std::printf("last message not shown %d s after the last 250%s\n", kDrainTimeoutMs / 1000,
                    drained ? " (fewer were accepted)" : "");
    std::printf("inbox rows: %d of %d; inbox model resets during the flood: %d; sessions listed: "
                "%d (capacity %d); protocol log rows: %d (capacity %d)\n",
                rows, messages, inboxResets, window->findChild<SessionListModel *>()->rowCount(),
                window->findChild<SessionListModel *>()->capacity(), log->rowCount(),
                log->capacity());

    const double stall = PhaseFigures::maximum(flood.tickLatenessMs);
    const double inputP99 = PhaseFigures::percentile(flood.inputLatencyMs, 0.99);
    std::printf("\nmax GUI stall during flood: %.1f ms (idle reference %.1f ms; target < %.0f "
                "ms): %s\n",
                stall, PhaseFigures::maximum(idle.tickLatenessMs), kStallTargetMs,
                passOrFail(stall < kStallTargetMs));
    std::printf("input latency p99 during flood: %.1f ms (idle reference %.1f ms; target < %.0f "
                "ms): %s\n",
                inputP99, PhaseFigures::percentile(idle.inputLatencyMs, 0.99), kInputTargetMs,
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
