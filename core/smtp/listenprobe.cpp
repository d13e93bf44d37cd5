// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "listenprobe.h"

#include "smtp/smtpserversettings.h"

#include <QTcpServer>

Result<void> ListenProbe::check(const ListenAddress &address, const QString &field)
{
    if (address.port == 0)
        return {};
    // QTcpServer sets SO_REUSEADDR on Unix like the real listener, so a port that only has
    // connections in TIME_WAIT counts as free here exactly when it is free there.
    QTcpServer probe;
    if (!probe.listen(address.address, address.port))
        return Error(errorCode(probe.serverError()),
                     address.toString() + QStringLiteral(": ") + probe.errorString(), field);
    probe.close();
    return {};
}

ErrorCode ListenProbe::errorCode(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::AddressInUseError:
        return ErrorCode::AddressInUse;
    case QAbstractSocket::SocketAddressNotAvailableError:
        return ErrorCode::AddressUnavailable;
    case QAbstractSocket::SocketAccessError:
        return ErrorCode::AccessDenied;
    default:
        return ErrorCode::NetworkError;
    }
}
