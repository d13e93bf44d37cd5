// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "credentialchecker.h"

#include <QCryptographicHash>

void CredentialChecker::addUser(const QByteArray &user, const QByteArray &password)
{
    m_users.insert(user, password);
}

bool CredentialChecker::check(const AuthRequest &request) const
{
    if (m_acceptAny)
        return true;
    const auto it = m_users.constFind(request.username);
    if (it == m_users.constEnd())
        return false;
    if (request.mechanism == SaslMechanism::Type::CramMd5)
        return CramMd5::verify(request.challenge, *it, request.password);
    // Compare digests so the time taken does not depend on where the passwords differ.
    return QCryptographicHash::hash(request.password, QCryptographicHash::Sha256)
           == QCryptographicHash::hash(*it, QCryptographicHash::Sha256);
}

AuthHandler CredentialChecker::handler() const
{
    return [checker = *this](const AuthRequest &request) {
        return checker.check(request);
    };
}

Result<CredentialChecker::UserSpec> CredentialChecker::parseUserSpec(const QString &spec)
{
    const qsizetype colon = spec.indexOf(u':');
    if (colon <= 0)
        return Error(ErrorCode::InvalidValue, QStringLiteral("not USER:PASSWORD"));
    return UserSpec{spec.left(colon).toUtf8(), spec.mid(colon + 1).toUtf8()};
}
