// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apireply.h"

#include <QHttpServerResponder>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

ApiReply ApiReply::text(int status, const QByteArray &text)
{
    ApiReply reply;
    reply.status = status;
    reply.body = text + '\n';
    return reply;
}

ApiReply ApiReply::json(const QJsonObject &object)
{
    ApiReply reply;
    reply.contentType = "application/json";
    reply.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return reply;
}

ApiReply ApiReply::json(const QJsonArray &array)
{
    ApiReply reply;
    reply.contentType = "application/json";
    reply.body = QJsonDocument(array).toJson(QJsonDocument::Compact);
    return reply;
}

void ApiReply::sendTo(QHttpServerResponder &responder) const
{
    // QHttpServerResponder::write() takes headers only as an initializer_list, so the answer
    // is written piece by piece.
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(status));
    responder.writeHeader("Content-Type", contentType);
    for (const auto &[name, value] : headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    responder.writeBody(body);
}

void ApiReply::sendTo(QHttpServerResponder &responder, QIODevice *socket) const
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(status));
    responder.writeHeader("Content-Type", contentType);
    for (const auto &[name, value] : headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    responder.writeBody("", 0); // the empty line that ends the header block
    socket->write(body);
}
