// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/error.h"
#include "common/result.h"
#include "config/serverconfig.h"
#include "smtp/smtpserversettings.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class MessageStore;
class QThread;

/// The disk part of MailService::apply(): loads certificate and key, probes the new listen
/// addresses, and opens a new store or switches the open store's Maildir mirror. run() is the
/// only code that touches the disk while applying; it runs in MailService's apply thread, and
/// reaches nothing of MailService but what its Job carries.
class ApplyTask
{
public:
    /// Opens a store; MessageStore::open unless replaced. Called in the apply thread.
    using StoreOpener =
        std::function<Result<std::unique_ptr<MessageStore>>(const QString &directory)>;

    /// What the worker is asked to do.
    struct Job
    {
        ServerConfig settings;
        QString directory;
        MessageStore *kept = nullptr; ///< the open store, when the folder is the same
        bool switchMirror = false;    ///< `kept` mirrors into another Maildir from now on
        /// No store is open: a new one stays open even when the rest of the settings fail, so
        /// the inbox shows. Otherwise a new store that cannot serve closes again and the open
        /// one stays.
        bool keepNewStore = false;
        /// The ports the running listeners hold. They are not probed: they are ours, and the
        /// listeners let go of them just before binding again.
        QList<quint16> ownPorts;
        /// The port the running HTTP API holds (0: none); not probed either, for the same
        /// reason.
        quint16 ownApiPort = 0;
        StoreOpener opener;
        QThread *home = nullptr; ///< the controller's thread, where a new store must end up
    };

    /// What the worker found. A new store has already been moved to the controller's thread.
    struct Outcome
    {
        ServerConfig settings;
        QString directory;
        /// Newly opened and not in use yet; null when the open store was kept, or when the new
        /// one failed or was closed again because the settings failed.
        std::unique_ptr<MessageStore> store;
        bool kept = false;          ///< the open store serves these settings
        bool mirrorApplied = false; ///< the store mirrors as settings.maildirDirectory says
        /// Set when everything checked out: the store opened, certificate and key loaded, and
        /// the new addresses could be bound a moment ago.
        std::optional<SmtpServerSettings> server;
        Error error;
    };

    static std::shared_ptr<Outcome> run(Job job);
};
