// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "commandline.h"
#include "exchangecommands.h"
#include "headlessrunner.h"
#include "instancelaunch.h"
#include "releasecommand.h"
#include "signalwatcher.h"
#include "storecommands.h"

#include "events/events.h"
#include "mainwindow.h"
#include "settings/appsettings.h"
#include "themeicon.h"
#include "translations.h"
#include "views/browserglcontext.h"
#include "views/messageschemehandler.h"
#include "views/renderersandbox.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>
#include <QIcon>
#include <QSettings>

#include <csignal>

#include <cstdio>
#include <unistd.h>

namespace {

/// Every option given on the command line wins over the saved settings for this run (it is
/// not saved), whatever its value, also where it equals the default.
void applyCommandLine(const CommandLine &commandLine, AppSettings *settings)
{
    settings->assign(commandLine.config, commandLine.given);
}

void printWarnings(const QStringList &warnings)
{
    for (const QString &warning : warnings)
        std::fprintf(stderr, "letterbox: %s\n", warning.toLocal8Bit().constData());
}

/// The store the desktop app opens without --store: the saved one (without creating the
/// settings file when there is none).
QString desktopStoreDirectory()
{
    if (!QFileInfo::exists(AppSettings::settingsFilePath()))
        return ServerConfig::defaultStoreDirectory();
    return AppSettings::load(*AppSettings::openSettingsFile()).effectiveStoreDirectory();
}

/// `letterbox [options]`: the desktop window, on the saved settings plus the command line.
int runGui(int &argc, char **argv, const CommandLine &commandLine)
{
#ifdef Q_OS_LINUX
    // Without this, Qt aborts with a page about platform plugins.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        std::fprintf(stderr, "letterbox: no display (DISPLAY and WAYLAND_DISPLAY are unset); "
                             "run with --headless for no window\n");
        return 2;
    }
#endif
    // Chromium refuses to start its sandbox as root (and QtWebEngine then renders nothing), so
    // root is the one case that needs --no-sandbox. The HTML preview sees it in the environment
    // and shows each message's HTML as text until the user asks to render it (HtmlPreview).
    if (RendererSandbox::runsAsRoot()) {
        const QByteArray flags = qgetenv("QTWEBENGINE_CHROMIUM_FLAGS");
        if (!RendererSandbox::disabledBy(flags,
                                         qEnvironmentVariableIsSet("QTWEBENGINE_DISABLE_SANDBOX")))
            qputenv("QTWEBENGINE_CHROMIUM_FLAGS", QByteArray(flags + " --no-sandbox").trimmed());
    }
    BrowserGlContext::reserve();
    MessageSchemeHandler::registerSchemes();
    QApplication app(argc, argv);
    Translations::install(app);
    QApplication::setWindowIcon(ThemeIcon::icon(ThemeIcon::Name::Letterbox));
    // The desktop file id (packaging/), so that desktops match the window to its entry and icon.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.letterbox.Letterbox"));
    registerEventMetaTypes();

    AppSettings settings = AppSettings::load(*AppSettings::openSettingsFile());
    applyCommandLine(commandLine, &settings);
    // Before the ports and the store: when a Letterbox runs on this store, it shows its window
    // and this launch ends. Declared before the window, so that it goes after it: `letterbox
    // --quit` sees the connection close once the store has closed.
    InstanceLaunch::Outcome instance =
        InstanceLaunch::claim(settings.effectiveStoreDirectory(), InstanceServer::Mode::Desktop);
    if (instance.exitCode)
        return *instance.exitCode;
    MainWindow window(settings);
    // SIGTERM (logout, kill) and SIGINT end the event loop, so the window goes the normal way:
    // the store is closed and this run's temporary folder (opened attachments) is removed.
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::stopRequested, &app,
                     [] { QApplication::quit(); });
    if (instance.server) {
        QObject::connect(instance.server.get(), &InstanceServer::showRequested, &window, [&window] {
            std::fprintf(stderr, "letterbox: %s\n",
                         QCoreApplication::translate("InstanceLaunch",
                                                     "another launch asked for this window")
                             .toLocal8Bit()
                             .constData());
            window.bringToFront();
        });
        // As File > Quit: also when the window only hides in the tray on close.
        QObject::connect(instance.server.get(), &InstanceServer::quitRequested, &window,
                         &MainWindow::quit);
    }
    window.showAtStart(commandLine.minimized);
    window.startServer();
    return QApplication::exec();
}

} // namespace

int main(int argc, char *argv[])
{
    // A reader that goes away (letterbox list | head) must not kill us with SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    // GLib 2.74's slice allocator (GMime's objects come from it) keeps every block it ever
    // handed out in its own caches: one message with 120,000 To addresses left 53 MiB behind
    // for good. With G_SLICE=always-malloc it uses malloc, whose free memory the SMTP workers
    // give back (malloc_trim). GLib reads the variable in its own constructor, before main(),
    // so it takes a fresh start of this program to apply.
    if (qEnvironmentVariableIsEmpty("G_SLICE")) {
        ::setenv("G_SLICE", "always-malloc", 1);
        ::execv("/proc/self/exe", argv);
        // Without /proc, run on with GLib's default allocator.
    }
    QCoreApplication::setApplicationName(QStringLiteral("letterbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LETTERBOX_VERSION));
    // Parsing needs no application object, and the GUI needs a QApplication from the start;
    // everything else (subcommands, --headless, --help, errors) takes the console path below.
    {
        QStringList arguments;
        for (int i = 0; i < argc; ++i)
            arguments.append(QString::fromLocal8Bit(argv[i]));
        const CommandLineResult parsed = parseCommandLine(arguments);
        if (parsed.commandLine && parsed.commandLine->command == CommandLine::Command::Serve
            && !parsed.commandLine->headless && !parsed.commandLine->quit) {
            printWarnings(parsed.warnings);
            return runGui(argc, argv, *parsed.commandLine);
        }
    }
    // Qt's own event dispatcher does less per wake-up than the GLib one, and a headless mail
    // server wakes up for every SMTP line.
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("letterbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LETTERBOX_VERSION));
    // The store commands' and --help's texts for people are translated like the window's.
    Translations::install(app);
    registerEventMetaTypes();

    const CommandLineResult parsed = parseCommandLine(QCoreApplication::arguments());
    if (!parsed.commandLine) {
        std::FILE *stream = parsed.exitCode == 0 ? stdout : stderr;
        std::fprintf(stream, "%s\n", parsed.output.toLocal8Bit().constData());
        return parsed.exitCode;
    }
    printWarnings(parsed.warnings);
    const CommandLine &commandLine = *parsed.commandLine;
    if (commandLine.quit)
        return InstanceLaunch::runQuit(commandLine, desktopStoreDirectory());
    switch (commandLine.command) {
    case CommandLine::Command::List:
        return runList(commandLine);
    case CommandLine::Command::Show:
        return runShow(commandLine);
    case CommandLine::Command::Search:
        return runSearch(commandLine);
    case CommandLine::Command::Delete:
        return runDelete(commandLine);
    case CommandLine::Command::RebuildIndex:
        return runRebuildIndex(commandLine);
    case CommandLine::Command::Export:
        return runExport(commandLine);
    case CommandLine::Command::Import:
        return runImport(commandLine);
    case CommandLine::Command::Release:
        return runRelease(commandLine);
    case CommandLine::Command::Serve:
        break;
    }
    return runHeadless(commandLine);
}
