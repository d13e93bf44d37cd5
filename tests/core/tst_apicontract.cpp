// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "api/apirouter.h"
#include "api/openapidocument.h"
#include "apitestclient.h"
#include "openapischemacheck.h"
#include "smtptestclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <memory>

namespace {

// Documented routes whose handlers are built on other branches (search, wait and events,
// message inspection and send). Each entry must be documented and not yet served; the test
// says when one is served, so that it is removed. Empty once those branches are merged.
const QList<QByteArray> kDocumentedButServedElsewhere{};

// The HTTP methods an OpenAPI path item may hold (OpenAPI 3.0.3 §4.7.9).
const QStringList kOperationKeys{
    QStringLiteral("get"),    QStringLiteral("put"),     QStringLiteral("post"),
    QStringLiteral("delete"), QStringLiteral("options"), QStringLiteral("head"),
    QStringLiteral("patch"),  QStringLiteral("trace"),
};

// "/api/v1/message/{ID}/part/{PartID}" -> "/api/v1/message/{}/part/{}", as ApiRouter writes it.
QByteArray normalisedPattern(const QString &openApiPath)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{[^{}/]*\\}"));
    return QString(openApiPath).replace(placeholder, QStringLiteral("{}")).toUtf8();
}

// A failure message: `text` followed by `detail`.
QByteArray said(const char *text, const QByteArray &detail)
{
    return QByteArray(text) + detail;
}

struct Operation
{
    QByteArray key; ///< "GET /api/v1/message/{}"
    QString path;   ///< as documented
    QJsonObject object;
};

} // namespace

/// The API's OpenAPI document (resources/api/openapi.json) against what the API serves: it is
/// valid OpenAPI 3.0, describes every route of ApiRouter's table and nothing else, says which
/// routes need no credentials, is itself served at /api/v1/openapi.json, and describes the JSON
/// each route sends field by field (names, types, nullability, required), checked against a
/// real server.
class TestApiContract : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void documentIsOpenApi30();
    void everyOperationHasResponsesAndErrors();
    void everyReferenceResolves();
    void pathParametersAreDeclared();
    void servedRoutesAreDocumented();
    void documentedRoutesAreServed();
    void documentedSecurityMatchesServedAuth();
    void documentIsServed();
    void schemaCheckFindsDrift();
    void servedJsonMatchesDocumentedSchemas();

private:
    QJsonObject resolve(const QJsonObject &maybeReference) const;
    QList<Operation> operations() const;
    static QSet<QByteArray> servedKeys();

    QJsonObject m_document;
};

void TestApiContract::initTestCase()
{
    const QByteArray bytes = OpenApiDocument::bytes();
    QVERIFY2(!bytes.isEmpty(), "the resource :/api/openapi.json is missing");
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    QVERIFY2(error.error == QJsonParseError::NoError,
             qPrintable(QStringLiteral("openapi.json does not parse at offset %1: %2")
                            .arg(error.offset)
                            .arg(error.errorString())));
    QVERIFY(document.isObject());
    m_document = document.object();
}

QJsonObject TestApiContract::resolve(const QJsonObject &maybeReference) const
{
    const QString reference = maybeReference.value(QStringLiteral("$ref")).toString();
    if (reference.isEmpty())
        return maybeReference;
    if (!reference.startsWith(u"#/"))
        return {};
    QJsonValue value = m_document;
    for (const QString &segment : reference.mid(2).split(u'/'))
        value = value.toObject().value(segment);
    return value.toObject();
}

QList<Operation> TestApiContract::operations() const
{
    QList<Operation> list;
    const QJsonObject paths = m_document.value(QStringLiteral("paths")).toObject();
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        const QJsonObject item = path.value().toObject();
        for (const QString &method : kOperationKeys) {
            if (item.contains(method))
                list.append(
                    Operation{method.toUpper().toUtf8() + ' ' + normalisedPattern(path.key()),
                              path.key(), item.value(method).toObject()});
        }
    }
    return list;
}

QSet<QByteArray> TestApiContract::servedKeys()
{
    QSet<QByteArray> keys;
    for (const ApiRouter::Route &route : ApiRouter::routes())
        keys.insert(route.method + ' ' + route.pattern);
    return keys;
}

void TestApiContract::documentIsOpenApi30()
{
    const QString version = m_document.value(QStringLiteral("openapi")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^3\\.0\\.\\d+$")).match(version).hasMatch(),
             qPrintable(u"openapi is \"" + version + u"\", not 3.0.x"));
    const QJsonObject info = m_document.value(QStringLiteral("info")).toObject();
    QVERIFY(!info.value(QStringLiteral("title")).toString().isEmpty());
    QVERIFY(!info.value(QStringLiteral("version")).toString().isEmpty());
    QVERIFY(!m_document.value(QStringLiteral("paths")).toObject().isEmpty());
    // The document is served by every Letterbox, wherever it listens: a server URL with a
    // host would send clients elsewhere.
    for (const QJsonValue &server : m_document.value(QStringLiteral("servers")).toArray()) {
        const QString url = server.toObject().value(QStringLiteral("url")).toString();
        QVERIFY2(!url.contains(u"://"), qPrintable(u"servers names a host: " + url));
    }
    const QJsonObject schemes = m_document.value(QStringLiteral("components"))
                                    .toObject()
                                    .value(QStringLiteral("securitySchemes"))
                                    .toObject();
    const QJsonObject basic = schemes.value(QStringLiteral("basicAuth")).toObject();
    QCOMPARE(basic.value(QStringLiteral("type")).toString(), QStringLiteral("http"));
    QCOMPARE(basic.value(QStringLiteral("scheme")).toString(), QStringLiteral("basic"));
}

void TestApiContract::everyOperationHasResponsesAndErrors()
{
    QSet<QString> operationIds;
    const QList<Operation> all = operations();
    QVERIFY(!all.isEmpty());
    for (const Operation &operation : all) {
        const auto where = [&operation](const char *what) -> QByteArray {
            return operation.key + ": " + what;
        };
        const QString id = operation.object.value(QStringLiteral("operationId")).toString();
        QVERIFY2(!id.isEmpty(), where("no operationId").constData());
        QVERIFY2(!operationIds.contains(id), where("operationId used twice").constData());
        operationIds.insert(id);
        const QJsonObject responses =
            operation.object.value(QStringLiteral("responses")).toObject();
        QVERIFY2(!responses.isEmpty(), where("no responses").constData());
        QVERIFY2(responses.contains(QStringLiteral("200"))
                     || responses.contains(QStringLiteral("101")),
                 where("no success response").constData());
        for (auto response = responses.begin(); response != responses.end(); ++response) {
            const QJsonObject resolved = resolve(response.value().toObject());
            QVERIFY2(!resolved.value(QStringLiteral("description")).toString().isEmpty(),
                     where("a response without a description").constData());
        }
        const bool open = operation.object.contains(QStringLiteral("security"))
                          && operation.object.value(QStringLiteral("security")).toArray().isEmpty();
        QVERIFY2(open || responses.contains(QStringLiteral("401")),
                 where("401 not documented").constData());
        if (operation.object.contains(QStringLiteral("requestBody"))) {
            QVERIFY2(responses.contains(QStringLiteral("413")),
                     where("takes a body but does not document 413").constData());
        }
    }
    const QJsonObject wait = m_document.value(QStringLiteral("paths"))
                                 .toObject()
                                 .value(QStringLiteral("/api/v1/wait"))
                                 .toObject()
                                 .value(QStringLiteral("get"))
                                 .toObject();
    QVERIFY2(wait.value(QStringLiteral("responses")).toObject().contains(QStringLiteral("408")),
             "wait does not document its timeout (408)");
}

void TestApiContract::everyReferenceResolves()
{
    QStringList unresolved;
    QList<QJsonValue> pending{QJsonValue(m_document)};
    while (!pending.isEmpty()) {
        const QJsonValue value = pending.takeLast();
        if (value.isArray()) {
            for (const QJsonValue &element : value.toArray())
                pending.append(element);
        } else if (value.isObject()) {
            const QJsonObject object = value.toObject();
            if (object.contains(QStringLiteral("$ref")) && resolve(object).isEmpty())
                unresolved.append(object.value(QStringLiteral("$ref")).toString());
            for (const QJsonValue &member : object)
                pending.append(member);
        }
    }
    QVERIFY2(unresolved.isEmpty(), qPrintable(unresolved.join(u", ")));
}

void TestApiContract::pathParametersAreDeclared()
{
    static const QRegularExpression placeholder(QStringLiteral("\\{([^{}/]*)\\}"));
    for (const Operation &operation : operations()) {
        QSet<QString> declared;
        const QJsonObject item =
            m_document.value(QStringLiteral("paths")).toObject().value(operation.path).toObject();
        QJsonArray parameters = item.value(QStringLiteral("parameters")).toArray();
        for (const QJsonValue &parameter :
             operation.object.value(QStringLiteral("parameters")).toArray())
            parameters.append(parameter);
        for (const QJsonValue &parameter : parameters) {
            const QJsonObject resolved = resolve(parameter.toObject());
            if (resolved.value(QStringLiteral("in")).toString() == u"path") {
                QVERIFY2(resolved.value(QStringLiteral("required")).toBool(),
                         qPrintable(QString::fromUtf8(operation.key) + u": path parameter "
                                    + resolved.value(QStringLiteral("name")).toString()
                                    + u" is not required"));
                declared.insert(resolved.value(QStringLiteral("name")).toString());
            }
        }
        QStringList used;
        for (const QRegularExpressionMatch &match : placeholder.globalMatch(operation.path))
            used.append(match.captured(1));
        QStringList declaredList = declared.values();
        declaredList.sort();
        used.sort();
        QVERIFY2(declaredList == used,
                 qPrintable(QString::fromUtf8(operation.key) + u": path parameters declared "
                            + declaredList.join(u',') + u", in the path " + used.join(u',')));
    }
}

void TestApiContract::servedRoutesAreDocumented()
{
    QSet<QByteArray> documented;
    for (const Operation &operation : operations())
        documented.insert(operation.key);
    QByteArrayList missing;
    for (const QByteArray &served : servedKeys()) {
        if (!documented.contains(served))
            missing.append(served);
    }
    std::sort(missing.begin(), missing.end());
    QVERIFY2(missing.isEmpty(),
             said("served but not in openapi.json: ", missing.join(", ")).constData());
}

void TestApiContract::documentedRoutesAreServed()
{
    const QSet<QByteArray> served = servedKeys();
    QSet<QByteArray> documented;
    QByteArrayList missing;
    for (const Operation &operation : operations()) {
        documented.insert(operation.key);
        if (!served.contains(operation.key)
            && !kDocumentedButServedElsewhere.contains(operation.key))
            missing.append(operation.key);
    }
    QVERIFY2(missing.isEmpty(),
             said("in openapi.json but not served: ", missing.join(", ")).constData());
    // The exceptions list only shrinks: an entry now served, or no longer documented, goes.
    for (const QByteArray &entry : kDocumentedButServedElsewhere) {
        QVERIFY2(
            documented.contains(entry),
            said("kDocumentedButServedElsewhere names an undocumented route: ", entry).constData());
        QVERIFY2(
            !served.contains(entry),
            said("now served, remove it from kDocumentedButServedElsewhere: ", entry).constData());
    }
}

void TestApiContract::documentedSecurityMatchesServedAuth()
{
    // With --api-auth, every route answers 401 without credentials, except those the document
    // opens with `security: []` (health checks for orchestrators).
    QSet<QByteArray> open;
    for (const Operation &operation : operations()) {
        if (operation.object.contains(QStringLiteral("security"))
            && operation.object.value(QStringLiteral("security")).toArray().isEmpty())
            open.insert(operation.key);
    }
    ApiTestClient client;
    QVERIFY(client.start({QStringLiteral("ann:pw")}));
    for (const ApiRouter::Route &route : ApiRouter::routes()) {
        const QByteArray key = route.method + ' ' + route.pattern;
        const QString path =
            QString::fromUtf8(route.pattern).replace(QStringLiteral("{}"), QStringLiteral("1"));
        const ApiTestClient::Response response = client.request(route.method, path);
        if (open.contains(key))
            QVERIFY2(response.status != 401,
                     said("documented open but asks for auth: ", key).constData());
        else
            QVERIFY2(response.status == 401, said("documented as authenticated but answered ",
                                                  QByteArray::number(response.status) + ": " + key)
                                                 .constData());
    }
}

void TestApiContract::documentIsServed()
{
    ApiTestClient client;
    QVERIFY(client.start());
    const ApiTestClient::Response response =
        client.request("GET", QStringLiteral("/api/v1/openapi.json"));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.headers.value("content-type"), QByteArray("application/json"));
    QCOMPARE(response.body, OpenApiDocument::bytes());
}

void TestApiContract::schemaCheckFindsDrift()
{
    // The checker itself, on the document's own schemas: each kind of drift is found.
    const OpenApiSchemaCheck check(m_document);
    const QJsonObject envelope{
        {QStringLiteral("$ref"), QStringLiteral("#/components/schemas/Envelope")}};
    QJsonObject sent{{QStringLiteral("ID"), QStringLiteral("1")},
                     {QStringLiteral("MailFrom"), QStringLiteral("a@example.test")},
                     {QStringLiteral("MailParameters"), QString()},
                     {QStringLiteral("Recipients"), QJsonArray{QStringLiteral("b@example.test")}},
                     {QStringLiteral("RemoteAddress"), QStringLiteral("127.0.0.1")},
                     {QStringLiteral("HeloName"), QStringLiteral("client.test")},
                     {QStringLiteral("TLS"), false},
                     {QStringLiteral("AuthUser"), QString()},
                     {QStringLiteral("Received"), QStringLiteral("2026-01-02T03:04:05.000Z")},
                     {QStringLiteral("SessionID"), QStringLiteral("7")}};
    QCOMPARE(check.mismatches(sent, envelope), QStringList());

    QJsonObject renamed = sent;
    renamed.insert(QStringLiteral("Helo"), renamed.take(QStringLiteral("HeloName")));
    QCOMPARE(check.mismatches(renamed, envelope),
             (QStringList{QStringLiteral("$: required HeloName is missing"),
                          QStringLiteral("$.Helo: not documented")}));
    QJsonObject wrongType = sent;
    wrongType.insert(QStringLiteral("TLS"), QStringLiteral("no"));
    QCOMPARE(check.mismatches(wrongType, envelope),
             QStringList{QStringLiteral("$.TLS: \"no\" is not of type boolean")});
    QJsonObject wrongItem = sent;
    wrongItem.insert(QStringLiteral("Recipients"), QJsonArray{1});
    QCOMPARE(check.mismatches(wrongItem, envelope),
             QStringList{QStringLiteral("$.Recipients[0]: 1 is not of type string")});
    QJsonObject null = sent;
    null.insert(QStringLiteral("SessionID"), QJsonValue());
    QCOMPARE(check.mismatches(null, envelope),
             QStringList{QStringLiteral("$.SessionID: null (not nullable) is not of type string")});

    // Nullable through allOf (MessageSummary.From), an integer that is not whole, an enum.
    const QJsonObject summary{
        {QStringLiteral("$ref"), QStringLiteral("#/components/schemas/MessageSummary")}};
    const QStringList fromNull = check.mismatches(
        QJsonObject{{QStringLiteral("From"), QJsonValue()}, {QStringLiteral("Size"), 1.5}},
        summary);
    QVERIFY2(!fromNull.join(u'\n').contains(u"$.From"), qPrintable(fromNull.join(u'\n')));
    QVERIFY2(fromNull.contains(QStringLiteral("$.Size: 1.5 is not of type integer")),
             qPrintable(fromNull.join(u'\n')));
    const QJsonObject finding{
        {QStringLiteral("$ref"), QStringLiteral("#/components/schemas/CheckFinding")}};
    QCOMPARE(check.mismatches(QJsonObject{{QStringLiteral("Severity"), QStringLiteral("fatal")},
                                          {QStringLiteral("Code"), QStringLiteral("x")},
                                          {QStringLiteral("Message"), QStringLiteral("y")}},
                              finding),
             QStringList{QStringLiteral(
                 "$.Severity: \"fatal\" is not one of [\"info\",\"warning\",\"error\"]")});
}

void TestApiContract::servedJsonMatchesDocumentedSchemas()
{
    ApiTestClient client;
    QVERIFY(client.start());

    // Messages that fill the optional parts of the shapes: every address list, an attachment
    // and an inline image, links and findings; one without From or Date (From is null); one
    // built by /api/v1/send; one over SMTP, whose session ends (Ended is a string, not null).
    const QByteArray rich = "From: Ann Example <ann@example.test>\r\n"
                            "To: Bob <bob@example.test>, carol@example.test\r\n"
                            "Cc: dave@example.test\r\n"
                            "Reply-To: replies@example.test\r\n"
                            "Subject: contract shapes\r\n"
                            "Date: Fri, 02 Jan 2026 03:04:05 +0000\r\n"
                            "Message-ID: <shapes@example.test>\r\n"
                            "MIME-Version: 1.0\r\n"
                            "Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
                            "\r\n"
                            "--outer\r\n"
                            "Content-Type: multipart/related; boundary=\"inner\"\r\n"
                            "\r\n"
                            "--inner\r\n"
                            "Content-Type: text/html; charset=utf-8\r\n"
                            "\r\n"
                            "<p><a href=\"https://app.example.test/confirm?t=1\">confirm</a>"
                            "<img src=\"cid:logo@example.test\"></p>\r\n"
                            "--inner\r\n"
                            "Content-Type: image/png\r\n"
                            "Content-ID: <logo@example.test>\r\n"
                            "Content-Transfer-Encoding: base64\r\n"
                            "\r\n"
                            "iVBORw0KGgo=\r\n"
                            "--inner--\r\n"
                            "--outer\r\n"
                            "Content-Type: application/pdf; name=\"terms.pdf\"\r\n"
                            "Content-Disposition: attachment; filename=\"terms.pdf\"\r\n"
                            "Content-Transfer-Encoding: base64\r\n"
                            "\r\n"
                            "JVBERi0xLjQK\r\n"
                            "--outer--\r\n";
    QVERIFY(client.deliverRaw(rich, {"bob@example.test", "hidden@example.test"}) > 0);
    QVERIFY(client.deliverRaw("Subject: bare\r\n\r\nhttps://example.test/plain\r\n",
                              {"bob@example.test"})
            > 0);
    // The request is documented too (SendRequest: Bcc takes strings and {Email, Name}).
    const QByteArray sendBody = R"({"From": {"Email": "app@example.test", "Name": "App"},
        "To": [{"Email": "to@example.test"}],
        "Bcc": ["hidden@example.test", {"Email": "other@example.test", "Name": "O"}],
        "Subject": "sent", "Text": "hello https://example.test/sent", "Tags": ["a"],
        "Attachments": [{"Content": "aGVsbG8=", "Filename": "a.txt"}]})";
    const OpenApiSchemaCheck check(m_document);
    QCOMPARE(check.mismatches(QJsonDocument::fromJson(sendBody).object(),
                              QJsonObject{{QStringLiteral("$ref"),
                                           QStringLiteral("#/components/schemas/SendRequest")}}),
             QStringList());
    const ApiTestClient::Response sent =
        client.request("POST", QStringLiteral("/api/v1/send"), sendBody);
    QCOMPARE(sent.status, 200);
    QCOMPARE(check.mismatches(sent.json(), check.responseSchema(QStringLiteral("/api/v1/send"),
                                                                QStringLiteral("post"))),
             QStringList());
    QCOMPARE(SmtpTestClient::deliver(
                 client.service()->listenAddress()->port, "smtp@example.test", {"bob@example.test"},
                 "From: smtp@example.test\r\nSubject: over smtp\r\n\r\nbody\r\n"),
             250);
    QTRY_VERIFY_WITH_TIMEOUT(client.request("GET", QStringLiteral("/api/v1/message/latest/trace"))
                                 .json()
                                 .value(QStringLiteral("Session"))
                                 .toObject()
                                 .value(QStringLiteral("Ended"))
                                 .isString(),
                             10000);

    QStringList messageIds{QStringLiteral("latest")};
    for (const QJsonValue &message : client.request("GET", QStringLiteral("/api/v1/messages"))
                                         .json()
                                         .value(QStringLiteral("messages"))
                                         .toArray())
        messageIds.append(message.toObject().value(QStringLiteral("ID")).toString());
    QCOMPARE(messageIds.size(), 5);
    QStringList sessionIds;
    for (const QJsonValue &session : client.request("GET", QStringLiteral("/api/v1/sessions"))
                                         .json()
                                         .value(QStringLiteral("sessions"))
                                         .toArray())
        sessionIds.append(session.toObject().value(QStringLiteral("ID")).toString());
    QVERIFY(!sessionIds.isEmpty());

    // The requests for each documented path; a JSON route without any fails below, so that a
    // new route gets its sample here.
    const auto samples = [&](const QString &path) -> QStringList {
        QStringList urls;
        if (path.startsWith(u"/api/v1/message/{ID}")) {
            for (const QString &id : messageIds)
                urls.append(QString(path).replace(QStringLiteral("{ID}"), id));
        } else if (path == u"/api/v1/session/{ID}/trace") {
            for (const QString &id : sessionIds)
                urls.append(QString(path).replace(QStringLiteral("{ID}"), id));
        } else if (path == u"/api/v1/search") {
            urls = {path + u"?query=subject%3Acontract", path + u"?query=bob&start=1&limit=2"};
        } else if (path == u"/api/v1/wait") {
            urls = {path + u"?count=2"};
        } else if (path == u"/api/v1/messages" || path == u"/api/v1/sessions") {
            urls = {path, path + u"?start=1&limit=2"};
        } else if (!path.contains(u'{')) {
            urls = {path};
        }
        return urls;
    };

    // Every mismatch of every route, reported together: drift seldom comes alone.
    QStringList problems;
    int checked = 0;
    const QJsonObject paths = m_document.value(QStringLiteral("paths")).toObject();
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        const QJsonObject schema = check.responseSchema(path.key(), QStringLiteral("get"));
        if (schema.isEmpty())
            continue; // not JSON, or no GET
        const QStringList urls = samples(path.key());
        QVERIFY2(!urls.isEmpty(), qPrintable(u"no sample request for GET " + path.key()));
        int answered = 0;
        for (const QString &url : urls) {
            const ApiTestClient::Response response = client.request("GET", url);
            if (response.status != 200)
                continue; // e.g. the trace of a message delivered without a session
            ++answered;
            QCOMPARE(response.headers.value("content-type"), QByteArray("application/json"));
            QJsonParseError error;
            const QJsonDocument body = QJsonDocument::fromJson(response.body, &error);
            QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(url));
            const QJsonValue value =
                body.isArray() ? QJsonValue(body.array()) : QJsonValue(body.object());
            for (const QString &mismatch : check.mismatches(value, schema))
                problems.append(u"GET " + url + u" " + mismatch);
        }
        QVERIFY2(answered > 0, qPrintable(u"no request answered 200: GET " + path.key()));
        ++checked;
    }
    // QTest cuts long failure messages; the warnings show every line.
    for (const QString &problem : std::as_const(problems))
        qWarning().noquote() << problem;
    QVERIFY2(problems.isEmpty(),
             qPrintable(QStringLiteral("%1 mismatches, listed above").arg(problems.size())));
    QVERIFY(checked >= 11);

    // The one JSON error: wait's timeout.
    const ApiTestClient::Response timedOut = client.request(
        "GET", QStringLiteral("/api/v1/wait?query=subject%3Anothing-like-this&timeout=0"));
    QCOMPARE(timedOut.status, 408);
    const QStringList found = check.mismatches(
        timedOut.json(), check.responseSchema(QStringLiteral("/api/v1/wait"), QStringLiteral("get"),
                                              QStringLiteral("408")));
    QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestApiContract)
#include "tst_apicontract.moc"
