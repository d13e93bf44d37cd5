// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apiauth.h"

#include "smtp/credentialchecker.h"

namespace {

// Compares without stopping at the first difference, so the time taken does not tell how much
// of a guessed password was right.
bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

} // namespace

ApiAuth::ApiAuth(const QStringList &userSpecs)
{
    for (const QString &spec : userSpecs) {
        if (const Result<CredentialChecker::UserSpec> parsed =
                CredentialChecker::parseUserSpec(spec))
            m_users.insert(parsed->user, parsed->password);
    }
}

bool ApiAuth::check(const QByteArray &authorization) const
{
    if (m_users.isEmpty())
        return true;
    // RFC 7617 §2: the scheme name is case-insensitive; the credentials are base64 of
    // "user-id:password", split at the first colon.
    const QByteArray trimmed = authorization.trimmed();
    const qsizetype space = trimmed.indexOf(' ');
    if (space < 0 || trimmed.left(space).toLower() != "basic")
        return false;
    const QByteArray::FromBase64Result result = QByteArray::fromBase64Encoding(
        trimmed.mid(space + 1).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return false;
    const QByteArray *decoded = &*result;
    const qsizetype colon = decoded->indexOf(':');
    if (colon < 0)
        return false;
    const auto user = m_users.constFind(decoded->left(colon));
    return user != m_users.constEnd() && sameBytes(*user, decoded->mid(colon + 1));
}

QByteArray ApiAuth::challenge()
{
    return QByteArrayLiteral("Basic realm=\"Letterbox\", charset=\"UTF-8\"");
}
