// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "config/configsetting.h"
#include "relay/relaytlsmode.h"

#include <QByteArray>
#include <QString>

#include <chrono>

/// The server a relay delivers to and how to talk to it. A value; crosses threads.
struct RelayTarget
{
    QString host;
    quint16 port = 25;
    RelayTlsMode tls = RelayTlsMode::None;
    /// Check the server's certificate against the system's CAs and its host name. Off for a
    /// staging server with a self-signed certificate.
    bool verifyCertificate = true;
    QByteArray user; ///< empty: no AUTH
    QByteArray password;
    QByteArray heloName = "localhost";
    std::chrono::milliseconds stepTimeout{
        std::chrono::seconds(ConfigSetting::of(ConfigSetting::Id::RelayTimeout).defaultNumber)};

    /// "smtp.example.com:587 (starttls)": for results, the trace and messages.
    QString describe() const;
};
