// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHash>
#include <QStringList>

/// HTTP Basic authentication (RFC 7617) for the API: the users it accepts and the check of an
/// Authorization header. A value; check() is const and may run on any thread.
class ApiAuth final
{
public:
    /// `userSpecs` are "user:password" (the password may contain ':'); specs that do not parse
    /// are skipped (ServerConfig::validate() refuses them before they get here).
    explicit ApiAuth(const QStringList &userSpecs = {});

    /// True when at least one user is configured: requests must then authenticate.
    bool isEnabled() const { return !m_users.isEmpty(); }
    /// Whether the Authorization header value `authorization` names a configured user with its
    /// password. Always true when authentication is off.
    bool check(const QByteArray &authorization) const;
    /// The WWW-Authenticate header value that goes with a 401.
    static QByteArray challenge();

private:
    QHash<QByteArray, QByteArray> m_users; ///< user → password
};
