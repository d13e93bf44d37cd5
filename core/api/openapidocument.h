// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "api/apireply.h"

#include <QByteArray>

/// The OpenAPI 3.0 description of the API (resources/api/openapi.json, compiled in as the
/// resource `:/api/openapi.json`), served at GET /api/v1/openapi.json. tst_apicontract checks
/// that it describes exactly the routes of ApiRouter. Pure functions; any thread.
class OpenApiDocument final
{
public:
    /// The resource path of the document.
    static constexpr const char *kResourcePath = ":/api/openapi.json";

    /// The document's bytes, as stored (read once; the resource never changes).
    static QByteArray bytes();
    /// The answer to GET /api/v1/openapi.json.
    static ApiReply reply();
};
