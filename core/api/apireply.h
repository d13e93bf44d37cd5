// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>

#include <utility>

class QHttpServerResponder;
class QIODevice;
class QJsonObject;
class QJsonArray;

/// One whole HTTP answer of the API: status, content type, extra headers and body. Route
/// handlers build one; ApiHttpServer writes it (now, or once a store change is committed).
struct ApiReply
{
    int status = 200;
    QByteArray contentType = "text/plain; charset=utf-8";
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;

    /// A plain-text answer (a newline is added), as every error of the API is.
    static ApiReply text(int status, const QByteArray &text);
    /// A JSON answer with status 200.
    static ApiReply json(const QJsonObject &object);
    static ApiReply json(const QJsonArray &array);

    /// Writes the answer to `responder`, with Content-Length.
    void sendTo(QHttpServerResponder &responder) const;
    /// The same, with the body handed to `socket` (the responder's) as it is: Qt 6 keeps a
    /// QByteArray written with QIODevice::write(const QByteArray &) in the write buffer
    /// without copying it, where the responder's writeBody() copies. For large bodies (a
    /// message of tens of MiB).
    void sendTo(QHttpServerResponder &responder, QIODevice *socket) const;
};
