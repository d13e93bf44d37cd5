// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "saslmechanism.h"

#include <QDateTime>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace {

SaslMechanism::Step challenge(QByteArray bytes)
{
    return {SaslMechanism::Step::Kind::Challenge, std::move(bytes), {}};
}

SaslMechanism::Step done()
{
    return {SaslMechanism::Step::Kind::Done, {}, {}};
}

SaslMechanism::Step failed(QByteArray why)
{
    return {SaslMechanism::Step::Kind::Failed, {}, std::move(why)};
}

// A value for describeResponse(): quoted, with quotes, backslashes and control characters
// escaped so that a NUL or a CRLF in a password cannot disguise what follows it.
QByteArray quoted(QByteArrayView value)
{
    const QByteArrayView shown = value.first(qMin(value.size(), SaslMechanism::kMaxDescribedValue));
    QByteArray result;
    result.reserve(shown.size() + 2);
    result += '"';
    for (const char c : shown) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            result += '\\';
            result += c;
        } else if (c == '\0') {
            result += "\\0";
        } else if (byte < 0x20 || byte == 0x7f) {
            result += "\\x" + QByteArray::number(byte, 16).rightJustified(2, '0');
        } else {
            result += c;
        }
    }
    result += '"';
    if (shown.size() < value.size())
        result += "… (+" + QByteArray::number(value.size() - shown.size()) + " bytes)";
    return result;
}

// RFC 4616: message = [authzid] NUL authcid NUL passwd.
class PlainMechanism final : public SaslMechanism
{
public:
    Type type() const override { return Type::Plain; }

    Step start(const std::optional<QByteArray> &initialResponse) override
    {
        if (initialResponse)
            return respond(*initialResponse);
        return challenge({});
    }

    Step respond(const QByteArray &response) override
    {
        const QList<QByteArray> parts = response.split('\0');
        if (parts.size() != 3)
            return failed("malformed PLAIN response");
        if (parts.at(1).isEmpty())
            return failed("empty user name");
        // We cannot act on behalf of another identity, so a different authzid is refused.
        if (!parts.at(0).isEmpty() && parts.at(0) != parts.at(1)) {
            m_credentials.username = parts.at(1);
            return failed("authorization identity differs from user name");
        }
        m_credentials.authorizationId = parts.at(0);
        m_credentials.username = parts.at(1);
        m_credentials.password = parts.at(2);
        return done();
    }

    QByteArray describeResponse(QByteArrayView response) const override
    {
        const QList<QByteArray> parts = response.toByteArray().split('\0');
        if (parts.size() != 3)
            return "[malformed PLAIN response " + quoted(response) + ']';
        return "[authzid " + quoted(parts.at(0)) + ", user " + quoted(parts.at(1)) + ", password "
               + quoted(parts.at(2)) + ']';
    }
};

// draft-murchison-sasl-login: "Username:" then "Password:"; some clients send the user name as
// an initial response.
class LoginMechanism final : public SaslMechanism
{
public:
    Type type() const override { return Type::Login; }

    Step start(const std::optional<QByteArray> &initialResponse) override
    {
        if (initialResponse)
            return respond(*initialResponse);
        return challenge("Username:");
    }

    Step respond(const QByteArray &response) override
    {
        if (!m_haveUser) {
            m_haveUser = true;
            m_credentials.username = response;
            if (response.isEmpty())
                return failed("empty user name");
            return challenge("Password:");
        }
        m_credentials.password = response;
        return done();
    }

    QByteArray describeResponse(QByteArrayView response) const override
    {
        return (m_haveUser ? "[password " : "[user ") + quoted(response) + ']';
    }

private:
    bool m_haveUser = false;
};

// RFC 2195: the server sends a unique msg-id-like challenge; the client answers
// "user SP hex(HMAC-MD5(password, challenge))".
class CramMd5Mechanism final : public SaslMechanism
{
public:
    explicit CramMd5Mechanism(QByteArrayView hostName)
        : m_hostName(hostName.isEmpty() ? QByteArray("localhost") : hostName.toByteArray())
    {}

    Type type() const override { return Type::CramMd5; }

    Step start(const std::optional<QByteArray> &initialResponse) override
    {
        if (initialResponse)
            return failed("CRAM-MD5 does not take an initial response");
        m_credentials.challenge = '<' + QByteArray::number(QRandomGenerator::system()->generate64())
                                  + '.' + QByteArray::number(QDateTime::currentMSecsSinceEpoch())
                                  + '@' + m_hostName + '>';
        return challenge(m_credentials.challenge);
    }

    Step respond(const QByteArray &response) override
    {
        const qsizetype space = response.lastIndexOf(' ');
        if (space <= 0)
            return failed("malformed CRAM-MD5 response");
        const QByteArray digest = response.sliced(space + 1);
        if (digest.size() != 32)
            return failed("malformed CRAM-MD5 digest");
        m_credentials.username = response.first(space);
        m_credentials.password = digest.toLower();
        return done();
    }

    QByteArray describeResponse(QByteArrayView response) const override
    {
        const qsizetype space = response.lastIndexOf(' ');
        if (space <= 0)
            return "[malformed CRAM-MD5 response " + quoted(response) + ']';
        return "[user " + quoted(response.first(space)) + ", digest "
               + quoted(response.sliced(space + 1)) + ']';
    }

private:
    QByteArray m_hostName;
};

} // namespace

std::unique_ptr<SaslMechanism> SaslMechanism::create(Type type, QByteArrayView hostName)
{
    switch (type) {
    case Type::Plain:
        return std::make_unique<PlainMechanism>();
    case Type::Login:
        return std::make_unique<LoginMechanism>();
    case Type::CramMd5:
        return std::make_unique<CramMd5Mechanism>(hostName);
    }
    return nullptr;
}

std::optional<SaslMechanism::Type> SaslMechanism::fromName(QByteArrayView name)
{
    for (const Type type : allTypes()) {
        if (name.compare(
                QByteArrayView(SaslMechanism::name(type).data(), SaslMechanism::name(type).size()),
                Qt::CaseInsensitive)
            == 0)
            return type;
    }
    return std::nullopt;
}

QLatin1StringView SaslMechanism::name(Type type)
{
    switch (type) {
    case Type::Plain:
        return QLatin1StringView("PLAIN");
    case Type::Login:
        return QLatin1StringView("LOGIN");
    case Type::CramMd5:
        return QLatin1StringView("CRAM-MD5");
    }
    return {};
}

QList<SaslMechanism::Type> SaslMechanism::allTypes()
{
    return {Type::Plain, Type::Login, Type::CramMd5};
}

QByteArray CramMd5::digest(QByteArrayView challenge, QByteArrayView password)
{
    return QMessageAuthenticationCode::hash(challenge.toByteArray(), password.toByteArray(),
                                            QCryptographicHash::Md5)
        .toHex();
}

bool CramMd5::verify(QByteArrayView challenge, QByteArrayView password, QByteArrayView hexDigest)
{
    const QByteArray expected = digest(challenge, password);
    const QByteArray given = hexDigest.toByteArray().toLower();
    if (expected.size() != given.size())
        return false;
    // Constant time, so the comparison does not leak how many characters matched.
    unsigned char difference = 0;
    for (qsizetype i = 0; i < expected.size(); ++i)
        difference |= static_cast<unsigned char>(expected[i] ^ given[i]);
    return difference == 0;
}
