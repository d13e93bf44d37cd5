// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "credentialredactor.h"

#include "smtp/saslmechanism.h"
#include "smtp/smtpcommand.h"

namespace {

/// The line without its CRLF (or bare LF) and the ending itself.
std::pair<QByteArrayView, QByteArrayView> splitEnding(QByteArrayView line)
{
    qsizetype ending = 0;
    if (line.endsWith('\n'))
        ending = line.size() >= 2 && line[line.size() - 2] == '\r' ? 2 : 1;
    return {line.first(line.size() - ending), line.last(ending)};
}

/// What a base64 SASL response decodes to, described by `mechanism`.
QByteArray describeBase64Response(const SaslMechanism &mechanism, QByteArrayView base64)
{
    if (base64 == "=")
        return "[empty response]";
    const auto decoded = QByteArray::fromBase64Encoding(base64.toByteArray(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return "[not base64]";
    return mechanism.describeResponse(*decoded);
}

} // namespace

CredentialRedactor::CredentialRedactor(bool reveal, QByteArray hostName)
    : m_reveal(reveal)
    , m_hostName(std::move(hostName))
{}

std::optional<QByteArray> CredentialRedactor::maskedAuthCommand(QByteArrayView content)
{
    if (content.size() < 5 || content.first(5).compare("AUTH ", Qt::CaseInsensitive) != 0)
        return std::nullopt;
    QByteArrayView rest = content.sliced(5);
    while (!rest.isEmpty() && rest.front() == ' ')
        rest = rest.sliced(1);
    const qsizetype space = rest.indexOf(' ');
    if (space < 0)
        return std::nullopt;
    const QByteArrayView after = rest.sliced(space);
    if (after.trimmed().isEmpty())
        return std::nullopt;
    return content.first(content.size() - after.size()).toByteArray() + ' ' + kMask.toByteArray();
}

bool CredentialRedactor::mayHoldCredential(QByteArrayView lineStart, bool inAuthExchange)
{
    return inAuthExchange
           || (lineStart.size() >= 5
               && lineStart.first(5).compare("AUTH ", Qt::CaseInsensitive) == 0);
}

std::optional<CredentialRedactor::Redacted>
CredentialRedactor::commandLine(QByteArrayView line, const SmtpCommand &command) const
{
    const auto [content, ending] = splitEnding(line);
    const std::optional<QByteArray> masked = maskedAuthCommand(content);
    if (!masked)
        return std::nullopt;
    Redacted result;
    result.masked = *masked + ending.toByteArray();
    // Decoding costs something and holds the secret in memory: only when asked for.
    if (!m_reveal)
        return result;
    const auto type = SaslMechanism::fromName(command.mechanism);
    if (!command.initialResponse || !type) {
        result.revealed = revealedText(content, {});
        return result;
    }
    // A fresh mechanism describes the response as the first step would take it.
    const auto mechanism = SaslMechanism::create(*type, m_hostName);
    result.revealed =
        revealedText(content, describeBase64Response(*mechanism, *command.initialResponse));
    return result;
}

std::optional<CredentialRedactor::Redacted>
CredentialRedactor::saslResponse(QByteArrayView line, const SaslMechanism *mechanism) const
{
    const auto [content, ending] = splitEnding(line);
    if (content == "*")
        return std::nullopt; // a cancel carries no credential
    Redacted result;
    result.masked = kMask.toByteArray() + ending.toByteArray();
    if (m_reveal)
        result.revealed = revealedText(
            content, mechanism ? describeBase64Response(*mechanism, content) : QByteArray());
    return result;
}

QByteArray CredentialRedactor::revealedText(QByteArrayView content, const QByteArray &decoded) const
{
    // The line as sent, cut when absurdly long so the decoded part stays visible.
    QByteArray text = content.first(qMin(content.size(), kMaxShownLine)).toByteArray();
    if (content.size() > kMaxShownLine)
        text += "… (+" + QByteArray::number(content.size() - kMaxShownLine) + " bytes)";
    if (!decoded.isEmpty())
        text += "  " + decoded;
    return text;
}
