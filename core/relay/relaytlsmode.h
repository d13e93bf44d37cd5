// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QLatin1StringView>
#include <QStringView>

#include <optional>

/// How the relay's connection is encrypted: not at all, STARTTLS after the greeting (RFC 3207;
/// a server that does not offer it is an error, never a silent fallback to plain text), or TLS
/// from the first byte (RFC 8314).
enum class RelayTlsMode { None, StartTls, Implicit };

/// "none", "starttls", "implicit": the words of the settings file and of --relay-tls.
QLatin1StringView toString(RelayTlsMode mode);
std::optional<RelayTlsMode> relayTlsModeFromString(QStringView text);
