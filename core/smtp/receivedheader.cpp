// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "receivedheader.h"

#include "smtp/smtpsyntax.h"

#include <cstdio>

namespace {

// Text inside a header comment: ctext or quoted-pair (RFC 5322 §3.2.2). The HELO name comes
// from the client, so anything that could close the comment or break the line is escaped or
// replaced.
QByteArray commentText(QByteArrayView text, bool allowUtf8)
{
    QByteArray out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '(' || c == ')' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 32 || u == 127 || (u >= 128 && !allowUtf8)) {
            out += '?';
        } else {
            out += c;
        }
    }
    return out;
}

// The HELO argument may be 505 octets and escaping can double it, but RFC 5322 §2.1.1 caps a
// header line at 998. A name that goes into the comment is never a valid domain anyway, so
// keep the 255 octets a domain may have (RFC 5321 §4.5.3.1.2), without splitting a UTF-8
// sequence.
QByteArrayView heloForComment(QByteArrayView name)
{
    constexpr qsizetype kMaxKept = 255;
    if (name.size() <= kMaxKept)
        return name;
    qsizetype end = kMaxKept;
    while (end > 0 && (static_cast<unsigned char>(name[end]) & 0xC0) == 0x80)
        --end;
    return name.first(end);
}

} // namespace

QByteArray ReceivedHeader::protocolKeyword(bool esmtp, bool tls, bool authenticated, bool smtpUtf8)
{
    if (!esmtp)
        return "SMTP";
    QByteArray keyword = smtpUtf8 ? "UTF8SMTP" : "ESMTP";
    if (tls)
        keyword += 'S';
    if (authenticated)
        keyword += 'A';
    return keyword;
}

QByteArray ReceivedHeader::formatDate(const QDateTime &time)
{
    static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDate date = time.date();
    const QTime clock = time.time();
    const int offsetMinutes = time.offsetFromUtc() / 60;
    const int absOffset = offsetMinutes < 0 ? -offsetMinutes : offsetMinutes;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s, %d %s %04d %02d:%02d:%02d %c%02d%02d",
                  days[date.dayOfWeek() - 1], date.day(), months[date.month() - 1], date.year(),
                  clock.hour(), clock.minute(), clock.second(), offsetMinutes < 0 ? '-' : '+',
                  absOffset / 60, absOffset % 60);
    return QByteArray(buffer);
}

QByteArray ReceivedHeader::addressLiteral(const QHostAddress &address)
{
    bool isMappedV4 = false;
    const quint32 v4 = address.toIPv4Address(&isMappedV4);
    if (address.protocol() == QAbstractSocket::IPv4Protocol || isMappedV4)
        return '[' + QHostAddress(v4).toString().toLatin1() + ']';
    QHostAddress plain = address;
    plain.setScopeId(QString());
    return "[IPv6:" + plain.toString().toLatin1() + ']';
}

QByteArray ReceivedHeader::toBytes() const
{
    const QByteArray literal = addressLiteral(remoteAddress);
    QByteArray out = "Received: from ";
    // From-domain must be a Domain or an address literal; a HELO name that is neither is kept
    // in a comment instead, so the header stays valid whatever the client sent.
    if (SmtpSyntax::isDomain(heloName, smtpUtf8) || SmtpSyntax::isAddressLiteral(heloName)) {
        out += heloName + " (" + literal + ')';
    } else {
        out += literal + " (helo=" + commentText(heloForComment(heloName), smtpUtf8) + ')';
    }
    out += "\r\n\tby " + hostName.toUtf8() + " (" + commentText(appName.toUtf8(), true) + ") with "
           + protocolKeyword(esmtp, tls, authenticated, smtpUtf8);
    if (tls && !tlsProtocol.isEmpty()) {
        out += " (" + commentText(tlsProtocol.toLatin1(), false);
        if (!tlsCipher.isEmpty())
            out += ' ' + commentText(tlsCipher.toLatin1(), false);
        out += ')';
    }
    out += "\r\n\tid " + id;
    if (recipients.size() == 1)
        out += " for <" + recipients.front() + '>';
    out += "; " + formatDate(time) + "\r\n";
    return out;
}
