// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

/// Checks JSON values against the schemas of an OpenAPI 3.0 document, for tests that compare
/// what a server sends with what its document says. It reads the parts of the Schema Object
/// (OpenAPI 3.0.3 §4.7.24) the API's document uses: `$ref` (to "#/..."), `type`, `nullable`,
/// `enum`, `properties`, `required`, `additionalProperties`, `items`, `allOf`, `oneOf` and
/// `anyOf`. Stricter than JSON Schema where a test wants it: an object schema with
/// `properties` and no `additionalProperties` takes no other property, so that a field the
/// server sends but the document does not name is found.
class OpenApiSchemaCheck
{
public:
    explicit OpenApiSchemaCheck(QJsonObject document);

    /// The `application/json` schema of the `status` response of `method` (lower case, "get")
    /// on `path` (as the document writes it, "/api/v1/message/{ID}"); empty when there is none.
    QJsonObject responseSchema(const QString &path, const QString &method,
                               const QString &status = QStringLiteral("200")) const;

    /// Every way `value` differs from `schema`, one line each, starting with where in the value
    /// ("$.messages[0].From"); empty when it fits.
    QStringList mismatches(const QJsonValue &value, const QJsonObject &schema,
                           const QString &where = QStringLiteral("$")) const;

private:
    QJsonObject resolved(QJsonObject schema) const;

    QJsonObject m_document;
};
