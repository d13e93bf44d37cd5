// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "serverextensions.h"

ServerExtensions ServerExtensions::fromEhloReply(const RemoteReply &reply)
{
    ServerExtensions result;
    result.esmtp = true;
    // The first line is the greeting part ("host Hello"); keywords start on the second.
    for (qsizetype i = 1; i < reply.lines.size(); ++i) {
        const QList<QByteArray> words = reply.lines.at(i).simplified().split(' ');
        const QByteArray keyword = words.value(0).toUpper();
        if (keyword == "PIPELINING") {
            result.pipelining = true;
        } else if (keyword == "STARTTLS") {
            result.startTls = true;
        } else if (keyword == "8BITMIME") {
            result.eightBitMime = true;
        } else if (keyword == "SMTPUTF8") {
            result.smtpUtf8 = true;
        } else if (keyword == "ENHANCEDSTATUSCODES") {
            result.enhancedStatusCodes = true;
        } else if (keyword == "SIZE") {
            result.sizeOffered = true;
            bool ok = false;
            const qint64 limit = words.value(1).toLongLong(&ok);
            result.maxSize = ok && limit > 0 ? limit : 0;
        } else if (keyword == "AUTH") {
            for (qsizetype w = 1; w < words.size(); ++w)
                result.authTypes.insert(words.at(w).toUpper());
        }
    }
    return result;
}
