// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtpserversettings.h"

#include "smtp/smtpsyntax.h"

#include <QSysInfo>

Result<ListenAddress> ListenAddress::parse(const QString &text, const QString &field)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon < 0)
        return Error(ErrorCode::InvalidValue,
                     QStringLiteral("\"%1\" is not ADDRESS:PORT").arg(text), field);
    QString host = text.left(colon);
    const QString portText = text.mid(colon + 1);
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port > 65535)
        return Error(ErrorCode::InvalidValue,
                     QStringLiteral("\"%1\": port must be a number from 0 to 65535").arg(text),
                     field);
    ListenAddress result;
    result.port = quint16(port);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    if (host.isEmpty() || host == u"*") {
        result.address = QHostAddress(QHostAddress::Any);
    } else if (host.compare(u"localhost", Qt::CaseInsensitive) == 0) {
        // No resolver on the listen path: "localhost" means the IPv4 loopback, like the default.
        result.address = QHostAddress(QHostAddress::LocalHost);
    } else if (!result.address.setAddress(host)) {
        return Error(ErrorCode::InvalidValue,
                     QStringLiteral("\"%1\" is not an IP address").arg(host), field);
    }
    return result;
}

QString ListenAddress::toString() const
{
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return u'[' + address.toString() + u"]:" + QString::number(port);
    return address.toString() + u':' + QString::number(port);
}

void SmtpServerSettings::allowAuthMechanism(SaslMechanism::Type mechanism, bool allowBeforeTls)
{
    authMechanisms.insert(mechanism);
    if (allowBeforeTls)
        authMechanismsBeforeTls.insert(mechanism);
    else
        authMechanismsBeforeTls.remove(mechanism);
}

QString SmtpServerSettings::effectiveHostName() const
{
    if (!hostName.isEmpty())
        return hostName;
    const QString system = QSysInfo::machineHostName();
    // The greeting and the Received header need a syntactically valid domain.
    return SmtpSyntax::isDomain(system.toUtf8(), false) ? system : QStringLiteral("localhost");
}
