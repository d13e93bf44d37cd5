// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "instancelaunch.h"

#include "instance/instanceaddress.h"
#include "instance/singleinstance.h"

#include <QCoreApplication>
#include <QDir>

#include <cstdio>

namespace InstanceLaunch {
namespace {

void print(const QString &line)
{
    std::fprintf(stderr, "letterbox: %s\n", line.toLocal8Bit().constData());
}

} // namespace

Outcome claim(const QString &storeDirectory, InstanceServer::Mode mode)
{
    using InstanceProtocol::Reply;
    using InstanceProtocol::Request;
    const InstanceAddress address = InstanceAddress::forStore(storeDirectory);
    const QString store = QDir::toNativeSeparators(address.storePath());
    const bool desktop = mode == InstanceServer::Mode::Desktop;
    Result<InstanceClaim> claimed =
        SingleInstance::claimOrAsk(address, mode, desktop ? Request::Show : Request::Ping);
    Outcome outcome;
    if (!claimed) {
        // Without a socket this process still runs (the store's lock keeps a second writer
        // out); only a later launch cannot reach it.
        if (claimed.error().code == ErrorCode::FileUnwritable) {
            print(QCoreApplication::translate(
                      "InstanceLaunch",
                      "warning: a second launch on this store will not find this one: %1")
                      .arg(claimed.error().message));
            return outcome;
        }
        print(claimed.error().message);
        outcome.exitCode = 1;
        return outcome;
    }
    if (claimed->server) {
        outcome.server = std::move(claimed->server);
        return outcome;
    }
    switch (*claimed->reply) {
    case Reply::Shown:
        outcome.exitCode = 0;
        break;
    case Reply::NoWindow:
    case Reply::RunsHeadless:
        print(QCoreApplication::translate("InstanceLaunch",
                                          "a headless Letterbox already runs on %1 (%2)")
                  .arg(store,
                       desktop ? QCoreApplication::translate(
                           "InstanceLaunch", "it has no window to show; stop it with letterbox "
                                             "--quit --store DIR first")
                               : QCoreApplication::translate(
                                   "InstanceLaunch",
                                   "stop it with letterbox --quit --store DIR first")));
        outcome.exitCode = kExitOtherInstance;
        break;
    case Reply::RunsDesktop:
    case Reply::Quitting:
        print(QCoreApplication::translate(
                  "InstanceLaunch",
                  "the Letterbox desktop app already runs on %1 (stop it with letterbox --quit "
                  "--store DIR first)")
                  .arg(store));
        outcome.exitCode = kExitOtherInstance;
        break;
    }
    return outcome;
}

int runQuit(const CommandLine &commandLine, const QString &desktopStoreDirectory)
{
    QStringList stores{commandLine.storeDirectory};
    // Without --store: the store `letterbox` alone opens (the desktop's saved one), then the
    // one `letterbox --headless` alone opens.
    if (!commandLine.storeGiven && !desktopStoreDirectory.isEmpty()
        && InstanceAddress::canonicalStorePath(desktopStoreDirectory)
               != InstanceAddress::canonicalStorePath(commandLine.storeDirectory))
        stores.prepend(desktopStoreDirectory);
    Result<void> stopped = Error(ErrorCode::NotFound, QString());
    for (const QString &store : stores) {
        stopped = SingleInstance::quit(InstanceAddress::forStore(store));
        if (stopped || stopped.error().code != ErrorCode::NotFound)
            break;
    }
    if (stopped)
        return 0;
    if (stopped.error().code == ErrorCode::NotFound)
        print(QCoreApplication::translate("InstanceLaunch", "no Letterbox runs on %1")
                  .arg(QDir::toNativeSeparators(
                      InstanceAddress::canonicalStorePath(stores.constFirst()))));
    else
        print(stopped.error().message);
    return 1;
}

} // namespace InstanceLaunch
