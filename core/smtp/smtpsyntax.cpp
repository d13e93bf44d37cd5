// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtpsyntax.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>

#include <algorithm>

using SmtpSyntax::isAlpha;
using SmtpSyntax::isDigit;
using SmtpSyntax::isHigh;

namespace {

// RFC 5322 atext, widened by RFC 6531 to UTF-8 when the session allows it.
bool isAtext(char c, bool allowUtf8)
{
    if (isAlpha(c) || isDigit(c))
        return true;
    if (isHigh(c))
        return allowUtf8;
    return QByteArrayView("!#$%&'*+-/=?^_`{|}~").contains(c);
}

bool isDotString(QByteArrayView text, bool allowUtf8)
{
    if (text.isEmpty() || text.front() == '.' || text.back() == '.')
        return false;
    char previous = 0;
    for (const char c : text) {
        if (c == '.') {
            if (previous == '.')
                return false;
        } else if (!isAtext(c, allowUtf8)) {
            return false;
        }
        previous = c;
    }
    return true;
}

// RFC 5321 Quoted-string: DQUOTE *QcontentSMTP DQUOTE.
bool isQuotedString(QByteArrayView text, bool allowUtf8)
{
    if (text.size() < 2 || text.front() != '"' || text.back() != '"')
        return false;
    for (qsizetype i = 1; i + 1 < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\\') {
            ++i;
            if (i + 1 >= text.size())
                return false;
            const auto escaped = static_cast<unsigned char>(text[i]);
            if (escaped < 32 || escaped > 126)
                return false;
        } else if (c == '"') {
            return false;
        } else if (c >= 0x80) {
            if (!allowUtf8)
                return false;
        } else if (c < 32 || c > 126) {
            return false;
        }
    }
    return true;
}

// RFC 5321 §4.1.3: Ldh-str = *( ALPHA / DIGIT / "-" ) Let-dig.
bool isLdhString(QByteArrayView text)
{
    if (text.isEmpty() || !(isAlpha(text.back()) || isDigit(text.back())))
        return false;
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return isAlpha(c) || isDigit(c) || c == '-'; });
}

// RFC 5321 §4.1.3 IPv6-addr. QHostAddress parses the groups, but it also takes what the SMTP
// grammar does not: surrounding or inner spaces, scope ids ("%eth0"), and a "::" that stands
// for a single group ("1:2:3:4:5:6:7::").
bool isIpv6Address(QByteArrayView text)
{
    const bool onlyAddressCharacters = std::all_of(text.begin(), text.end(), [](char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':'
               || c == '.';
    });
    QHostAddress address;
    if (!onlyAddressCharacters || !address.setAddress(QString::fromLatin1(text))
        || address.protocol() != QAbstractSocket::IPv6Protocol)
        return false;
    if (!text.contains("::"))
        return true;
    // IPv6-comp allows at most 6 groups besides "::", IPv6v4-comp at most 4 besides the IPv4 part.
    qsizetype groups = 0;
    for (const QByteArray &group : text.toByteArray().split(':')) {
        if (!group.isEmpty() && !group.contains('.'))
            ++groups;
    }
    return groups <= (text.contains('.') ? 4 : 6);
}

} // namespace

namespace SmtpSyntax {

qsizetype localPartEnd(QByteArrayView text)
{
    if (text.isEmpty() || text.front() != '"')
        return text.indexOf('@');
    for (qsizetype i = 1; i < text.size(); ++i) {
        if (text[i] == '\\')
            ++i;
        else if (text[i] == '"')
            return (i + 1 < text.size() && text[i + 1] == '@') ? i + 1 : -1;
    }
    return -1;
}

bool startsWithNoCase(QByteArrayView text, QByteArrayView prefix)
{
    return text.size() >= prefix.size()
           && text.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) == 0;
}

bool isValidUtf8(QByteArrayView text)
{
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        unsigned min = 0;
        unsigned code = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
            min = 0x80;
            code = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            min = 0x800;
            code = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            min = 0x10000;
            code = c & 0x07;
        } else {
            return false;
        }
        for (int k = 1; k <= extra; ++k) {
            if (i + k >= n)
                return false;
            const auto cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xC0) != 0x80)
                return false;
            code = (code << 6) | (cc & 0x3F);
        }
        if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

bool isDomain(QByteArrayView text, bool allowUtf8)
{
    if (text.isEmpty() || text.size() > 255)
        return false;
    qsizetype labelStart = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != '.')
            continue;
        const QByteArrayView label = text.sliced(labelStart, i - labelStart);
        if (label.isEmpty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
            return false;
        for (const char c : label) {
            if (!(isAlpha(c) || isDigit(c) || c == '-' || (allowUtf8 && isHigh(c))))
                return false;
        }
        labelStart = i + 1;
    }
    return !allowUtf8 || isValidUtf8(text);
}

bool isAddressLiteral(QByteArrayView text)
{
    if (text.size() < 3 || text.front() != '[' || text.back() != ']')
        return false;
    const QByteArrayView inner = text.sliced(1, text.size() - 2);
    if (startsWithNoCase(inner, "IPv6:"))
        return isIpv6Address(inner.sliced(5));
    // IPv4-address-literal: Snum 3("." Snum), Snum = 1*3DIGIT with a value of 0-255. Digits
    // only: QByteArray::toInt() alone would also take signs and surrounding whitespace.
    const QList<QByteArray> parts = inner.toByteArray().split('.');
    if (parts.size() == 4) {
        bool allNumeric = true;
        for (const QByteArray &part : parts) {
            if (part.isEmpty() || part.size() > 3 || !std::all_of(part.begin(), part.end(), isDigit)
                || part.toInt() > 255)
                allNumeric = false;
        }
        if (allNumeric)
            return true;
    }
    // General-address-literal: Standardized-tag ":" 1*dcontent.
    const qsizetype colon = inner.indexOf(':');
    if (colon <= 0 || colon + 1 >= inner.size() || !isLdhString(inner.first(colon)))
        return false;
    for (const char c : inner.sliced(colon + 1)) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 33 || u > 126 || c == '[' || c == ']' || c == '\\')
            return false;
    }
    return true;
}

bool isMailbox(QByteArrayView text, bool allowUtf8, bool allowPostmaster)
{
    const qsizetype at = localPartEnd(text);
    if (at < 0)
        return allowPostmaster && text.compare("postmaster", Qt::CaseInsensitive) == 0;
    const QByteArrayView local = text.first(at);
    const QByteArrayView domain = text.sliced(at + 1);
    const bool localOk = isDotString(local, allowUtf8) || isQuotedString(local, allowUtf8);
    return localOk && (isDomain(domain, allowUtf8) || isAddressLiteral(domain));
}

} // namespace SmtpSyntax
