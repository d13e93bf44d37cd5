// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "openapidocument.h"

#include <QFile>
#include <QString>

QByteArray OpenApiDocument::bytes()
{
    // Read on first use rather than per request: rcc stores the 55 KB document compressed.
    static const QByteArray document = [] {
        QFile file(QString::fromLatin1(kResourcePath));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    return document;
}

ApiReply OpenApiDocument::reply()
{
    const QByteArray document = bytes();
    // Missing only if the build left the resource out: a server fault, not the client's.
    if (document.isEmpty())
        return ApiReply::text(500, "the OpenAPI document is missing from this build");
    ApiReply reply;
    reply.contentType = "application/json";
    reply.body = document;
    return reply;
}
