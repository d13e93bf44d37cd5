// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "openapischemacheck.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace {

// `value` as compact JSON, cut short: a whole message body would hide the other mismatches.
QString jsonText(const QJsonValue &value)
{
    const QString text =
        QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
            .chopped(1)
            .mid(1);
    return text.size() > 60 ? text.left(57) + u"..." : text;
}

// The JSON type of `value` in the words of OpenAPI: a number without a fraction is also an
// integer.
bool hasType(const QJsonValue &value, const QString &type)
{
    if (type == u"string")
        return value.isString();
    if (type == u"boolean")
        return value.isBool();
    if (type == u"array")
        return value.isArray();
    if (type == u"object")
        return value.isObject();
    if (type == u"number")
        return value.isDouble();
    if (type == u"integer")
        return value.isDouble() && std::trunc(value.toDouble()) == value.toDouble();
    return false;
}

} // namespace

OpenApiSchemaCheck::OpenApiSchemaCheck(QJsonObject document)
    : m_document(std::move(document))
{}

QJsonObject OpenApiSchemaCheck::resolved(QJsonObject schema) const
{
    // A chain of references ends within a few steps in any sane document; the bound stops a
    // cycle.
    for (int step = 0; step < 16 && schema.contains(QStringLiteral("$ref")); ++step) {
        const QString reference = schema.value(QStringLiteral("$ref")).toString();
        if (!reference.startsWith(u"#/"))
            return {};
        QJsonValue target = m_document;
        for (const QString &segment : reference.mid(2).split(u'/'))
            target = target.toObject().value(segment);
        schema = target.toObject();
    }
    return schema;
}

QJsonObject OpenApiSchemaCheck::responseSchema(const QString &path, const QString &method,
                                               const QString &status) const
{
    const QJsonObject response = resolved(m_document.value(QStringLiteral("paths"))
                                              .toObject()
                                              .value(path)
                                              .toObject()
                                              .value(method)
                                              .toObject()
                                              .value(QStringLiteral("responses"))
                                              .toObject()
                                              .value(status)
                                              .toObject());
    return response.value(QStringLiteral("content"))
        .toObject()
        .value(QStringLiteral("application/json"))
        .toObject()
        .value(QStringLiteral("schema"))
        .toObject();
}

QStringList OpenApiSchemaCheck::mismatches(const QJsonValue &value, const QJsonObject &reference,
                                           const QString &where) const
{
    const QJsonObject schema = resolved(reference);
    if (schema.isEmpty() && !reference.isEmpty())
        return {where + u": unresolved schema " + jsonText(reference)};
    if (value.isNull() && schema.value(QStringLiteral("nullable")).toBool())
        return {};
    QStringList found;
    for (const QJsonValue &part : schema.value(QStringLiteral("allOf")).toArray())
        found += mismatches(value, part.toObject(), where);
    for (const QString &choice : {QStringLiteral("oneOf"), QStringLiteral("anyOf")}) {
        const QJsonArray alternatives = schema.value(choice).toArray();
        if (alternatives.isEmpty())
            continue;
        const bool fits = std::any_of(
            alternatives.begin(), alternatives.end(), [&](const QJsonValue &alternative) {
                return mismatches(value, alternative.toObject(), where).isEmpty();
            });
        if (!fits)
            found.append(where + u": " + jsonText(value) + u" fits none of " + choice);
    }
    const QString type = schema.value(QStringLiteral("type")).toString();
    if (!type.isEmpty() && !hasType(value, type)) {
        found.append(where + u": "
                     + (value.isNull() ? QStringLiteral("null (not nullable)") : jsonText(value))
                     + u" is not of type " + type);
        return found;
    }
    if (value.isNull() && type.isEmpty() && !schema.contains(QStringLiteral("allOf"))
        && !schema.contains(QStringLiteral("oneOf")) && !schema.contains(QStringLiteral("anyOf")))
        found.append(where + u": null (not nullable)");
    const QJsonArray allowed = schema.value(QStringLiteral("enum")).toArray();
    if (!allowed.isEmpty() && !allowed.contains(value))
        found.append(where + u": " + jsonText(value) + u" is not one of " + jsonText(allowed));
    if (value.isArray()) {
        const QJsonObject items = schema.value(QStringLiteral("items")).toObject();
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            found += mismatches(array.at(i), items, where + u'[' + QString::number(i) + u']');
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
        const QJsonValue additional = schema.value(QStringLiteral("additionalProperties"));
        for (const QJsonValue &name : schema.value(QStringLiteral("required")).toArray()) {
            if (!object.contains(name.toString()))
                found.append(where + u": required " + name.toString() + u" is missing");
        }
        for (auto member = object.begin(); member != object.end(); ++member) {
            const QString at = where + u'.' + member.key();
            if (properties.contains(member.key()))
                found += mismatches(member.value(), properties.value(member.key()).toObject(), at);
            else if (additional.isObject())
                found += mismatches(member.value(), additional.toObject(), at);
            else if (additional.isBool() ? !additional.toBool() : !properties.isEmpty())
                found.append(at + u": not documented");
        }
    }
    return found;
}
