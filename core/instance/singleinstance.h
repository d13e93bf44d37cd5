// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "instance/instanceaddress.h"
#include "instance/instanceclient.h"
#include "instance/instanceprotocol.h"
#include "instance/instanceserver.h"

#include <chrono>
#include <memory>
#include <optional>

/// What a launch found on its store: either it is now the instance (`server` listens), or
/// another one runs and gave `reply`.
struct InstanceClaim
{
    std::unique_ptr<InstanceServer> server;
    std::optional<InstanceProtocol::Reply> reply;
};

/// One Letterbox per store and user: a launch first asks the instance on its store, and only
/// when none answers becomes that instance, before it touches a port or the store. Two launches
/// at the same moment meet at the address's lock file: one listens, the other finds it on its
/// next try and asks it. (The store's lock still refuses a second writer, whatever happens
/// here.)
class SingleInstance final
{
public:
    /// How long a launch keeps trying while another one holds the lock but does not answer yet
    /// (it is between taking the lock and listening).
    static constexpr std::chrono::milliseconds kClaimTimeout{20000};
    /// The pause between two tries.
    static constexpr std::chrono::milliseconds kRetryInterval{50};
    /// How long `letterbox --quit` waits for the instance to finish its orderly stop: sessions
    /// get their 421, the store commits what was answered 250 and closes.
    static constexpr std::chrono::milliseconds kQuitTimeout{30000};

    /// Sends `request` to the instance at `address`, or becomes it (in `mode`) when none runs.
    /// Errors: Timeout (another launch holds the lock and never answers), or what asking a
    /// connected instance gave (it answers nothing or not in our words), or what claim() gave.
    static Result<InstanceClaim> claimOrAsk(const InstanceAddress &address,
                                            InstanceServer::Mode mode,
                                            InstanceProtocol::Request request,
                                            std::chrono::milliseconds timeout = kClaimTimeout);

    /// `letterbox --quit`: asks the instance at `address` to stop and waits until it has.
    /// NotFound when none runs; Timeout when it does not stop within `timeout`.
    static Result<void> quit(const InstanceAddress &address,
                             std::chrono::milliseconds timeout = kQuitTimeout);
};
