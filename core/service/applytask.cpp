// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "service/applytask.h"

#include "smtp/listenprobe.h"
#include "store/messagestore.h"

#include <QThread>

namespace {

Error mirrorError(const Error &error)
{
    return Error(error.code, error.message,
                 QString(ConfigSetting::of(ConfigSetting::Id::MaildirDirectory).key));
}

} // namespace

// Only this function touches the disk while applying.
std::shared_ptr<ApplyTask::Outcome> ApplyTask::run(Job job)
{
    auto outcome = std::make_shared<Outcome>();
    outcome->settings = job.settings;
    outcome->directory = job.directory;
    const QString &maildir = job.settings.maildirDirectory;

    // The listeners first: loading the certificate and probing the ports changes nothing, so a
    // failure here leaves even the Maildir mirror of the open store as it was.
    Result<SmtpServerSettings> server = job.settings.toServerSettings();
    if (server) {
        const std::pair<std::optional<ListenAddress>, ConfigSetting::Id> listeners[] = {
            {server->listen, ConfigSetting::Id::Listen},
            {server->tlsListen, ConfigSetting::Id::TlsListen}};
        for (const auto &[address, id] : listeners) {
            if (!address || job.ownPorts.contains(address->port))
                continue;
            if (Result<void> probed =
                    ListenProbe::check(*address, QString(ConfigSetting::of(id).key));
                !probed) {
                server = std::move(probed).error();
                break;
            }
        }
    }
    // An API address somebody chose must be free too, or nothing is switched: the listeners
    // would otherwise be replaced before the API's bind fails. A busy default address only
    // costs the API (ApiBridge warns and runs without it), so it is not probed.
    if (server && job.settings.apiEnabled() && !job.settings.apiListenIsDefault()) {
        const QString field = QString(ConfigSetting::of(ConfigSetting::Id::ApiListen).key);
        const Result<ListenAddress> api =
            ListenAddress::parse(job.settings.apiListen.trimmed(), field);
        if (!api)
            server = api.error();
        else if (api->port != job.ownApiPort)
            if (Result<void> probed = ListenProbe::check(*api, field); !probed)
                server = std::move(probed).error();
    }

    if (job.kept) {
        outcome->kept = true;
        if (!server) {
            outcome->error = std::move(server).error();
            return outcome;
        }
        // setMaildirMirror() runs the switch in the store's writer thread, whichever thread
        // calls it. The store must not be destroyed meanwhile; only this controller does that,
        // and never while an apply runs (its destructor waits for the apply first).
        if (job.switchMirror) {
            if (const Result<void> mirrored = job.kept->setMaildirMirror(maildir); !mirrored) {
                outcome->error = mirrorError(mirrored.error());
                return outcome;
            }
        }
        outcome->mirrorApplied = true;
        outcome->server = std::move(server).value();
        return outcome;
    }

    if (!server && !job.keepNewStore) {
        outcome->error = std::move(server).error();
        return outcome;
    }
    Result<std::unique_ptr<MessageStore>> opened = job.opener(job.directory);
    if (!opened) {
        outcome->error =
            opened.error().about(QString(ConfigSetting::of(ConfigSetting::Id::StoreDirectory).key));
        return outcome;
    }
    std::unique_ptr<MessageStore> store = std::move(*opened);
    // The store is still this thread's, so the mirror is set up from the store's thread as it
    // asks. Its writer and mirror threads run event loops of their own and reach the store only
    // through queued signals, which follow the store to its new thread when it moves (events
    // already posted to it move along); the QThread objects that run them keep this thread's
    // affinity, which is harmless: nothing posts events to them, and the store's destructor
    // quits, joins and deletes them directly.
    const Result<void> mirrored =
        maildir.isEmpty() ? Result<void>() : store->setMaildirMirror(maildir);
    outcome->mirrorApplied = mirrored.ok();
    if (!mirrored)
        outcome->error = mirrorError(mirrored.error());
    else if (!server)
        outcome->error = std::move(server).error();
    else
        outcome->server = std::move(server).value();
    // A store for settings that fail closes here, unless it is the only one.
    if (outcome->server || job.keepNewStore) {
        store->moveToThread(job.home);
        outcome->store = std::move(store);
    }
    return outcome;
}
