// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "smtp/smtpserversettings.h"

#include <QHash>

/// The credential check behind --auth-user and the Authentication settings: a fixed table of
/// users and clear-text passwords (this is a test tool; CRAM-MD5 needs the clear text), or
/// "accept anything" so an application's AUTH step can be watched without configuring it.
/// Immutable once built, so the handler it makes is safe on every worker thread.
class CredentialChecker final
{
public:
    void addUser(const QByteArray &user, const QByteArray &password);
    void setAcceptAny(bool acceptAny) { m_acceptAny = acceptAny; }
    bool acceptsAny() const { return m_acceptAny; }
    bool isEmpty() const { return m_users.isEmpty() && !m_acceptAny; }

    bool check(const AuthRequest &request) const;
    /// A copy of this checker as the server's hook.
    AuthHandler handler() const;

    struct UserSpec
    {
        QByteArray user;
        QByteArray password;
    };
    /// Parses "user:password" (the password may contain ':'). InvalidValue on a missing ':'
    /// or an empty user name; the message never repeats the text, which may hold a password.
    static Result<UserSpec> parseUserSpec(const QString &spec);

private:
    QHash<QByteArray, QByteArray> m_users;
    bool m_acceptAny = false;
};
