// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "apitestclient.h"
#include "mime/linkextractor.h"
#include "mime/messagebuilder.h"
#include "mime/messageparts.h"
#include "service/mailservice.h"
#include "smtptestclient.h"
#include "store/messagestore.h"
#include "store/storereader.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

/// The API's inspection routes (/view, trace, envelope, checks, links, sessions) and
/// POST /api/v1/send, against a real listener, a real store, and real SMTP sessions on
/// 127.0.0.1; plus the pure link extraction and message building underneath.
class TestApiInspect : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void linkExtraction_data();
    void linkExtraction();
    void linkExtractionIsBounded();
    void builtMessageHasTheUsualStructure();

    void viewHtmlLinksInlinePartsUnderAStrictPolicy();
    void viewTextAndMissingBodies();
    void viewRoutesNeedTheSuffix();
    void linksInDocumentOrderWithoutDuplicates();
    void linksOfAHugeMessageAreCapped();
    void envelopeAndChecks();
    void traceMasksCredentialsAndMarksTheTransaction();
    void sessionsIncludeThoseThatDeliveredNothing();
    void sessionRoutesRefuseBadInput();
    void sendRoundTrip();
    void sendRefusesBadRequests_data();
    void sendRefusesBadRequests();
    void sendRecordsTheBasicAuthUser();
    void sendAboveTheSizeLimitIs413();

private:
    using Response = ApiTestClient::Response;

    Response request(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        return m_api->request(method, path, body);
    }
    MailService *service() const { return m_api->service(); }
    quint16 smtpPort() const { return service()->listenAddress()->port; }
    /// A server with SMTP AUTH (alice:secret, allowed without TLS) and recipients limited to
    /// example.test.
    bool startWithAuth();

    std::unique_ptr<ApiTestClient> m_api;
};

namespace {

const QByteArray kRelatedMessage =
    "From: a@example.test\r\nTo: b@example.test\r\nSubject: view\r\nMIME-Version: 1.0\r\n"
    "Content-Type: multipart/related; boundary=r\r\n\r\n"
    "--r\r\nContent-Type: multipart/alternative; boundary=a\r\n\r\n"
    "--a\r\nContent-Type: text/plain\r\n\r\nPlain body, see https://text.test/t.\r\n"
    "--a\r\nContent-Type: text/html\r\n\r\n"
    "<p>Hello <img src=\"cid:logo@x\"> <img src=cid:unknown@x>"
    " <a href='https://a.test/x?y=1&amp;z=2'>go</a><script>alert(1)</script></p>\r\n"
    "--a--\r\n"
    "--r\r\nContent-Type: image/png\r\nContent-ID: <logo@x>\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--r--\r\n"_ba;

QJsonArray urlsOf(const ApiTestClient::Response &links)
{
    return QJsonDocument::fromJson(links.body).array();
}

} // namespace

bool TestApiInspect::startWithAuth()
{
    ServerConfig config;
    config.authEnabled = true;
    config.authUsers = {u"alice:secret"_s};
    config.allowInsecureAuth = true;
    config.acceptRcptPatterns = {u"*@example.test"_s};
    return m_api->startWith(config);
}

void TestApiInspect::init()
{
    m_api = std::make_unique<ApiTestClient>();
    QVERIFY(m_api->start());
}

void TestApiInspect::cleanup()
{
    m_api.reset();
}

void TestApiInspect::linkExtraction_data()
{
    QTest::addColumn<QString>("html");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("urls");

    QTest::addRow("entities-decoded")
        << u"<a href=\"https://x.test/a?b=1&amp;c=2&#38;d=&#x33;\">x</a>"_s << QString()
        << QStringList{u"https://x.test/a?b=1&c=2&d=3"_s};
    QTest::addRow("document-order-then-text")
        << u"<a href=http://b.test/1>b</a><a href=https://a.test/>a</a>"_s
        << u"text https://t.test/x"_s
        << QStringList{u"http://b.test/1"_s, u"https://a.test/"_s, u"https://t.test/x"_s};
    // A logo above the button is no link: `.[0]` is what the reader clicks first.
    QTest::addRow("images-and-stylesheets-are-not-links")
        << u"<link rel=stylesheet href='https://css.test/s.css'><img src='https://i.test/logo.png'>"
           "<area href='https://map.test/'><a href='https://a.test/go'>go</a>"_s
        << QString() << QStringList{u"https://map.test/"_s, u"https://a.test/go"_s};
    QTest::addRow("duplicates-once")
        << u"<a href='https://a.test/'>1</a><a href='https://a.test/'>2</a>"_s
        << u"again https://a.test/ and https://b.test/"_s
        << QStringList{u"https://a.test/"_s, u"https://b.test/"_s};
    QTest::addRow("comments-scripts-styles-skipped")
        << u"<!-- <a href='https://c.test/'> --><script>var u='https://s.test/';</script>"
           "<style>a{background:url(https://st.test/)}</style><a href='https://ok.test/'>"_s
        << QString() << QStringList{u"https://ok.test/"_s};
    QTest::addRow("other-schemes-ignored")
        << u"<a href='mailto:a@b.test'>m</a><a href='javascript:x()'>j</a><a href='/rel'>r</a>"
           "<a href='ftp://f.test/'>f</a>"_s
        << QString() << QStringList{};
    QTest::addRow("whitespace-in-attribute") << u"<A HREF=\"  https://x.test/a\n/b \">x</A>"_s
                                             << QString() << QStringList{u"https://x.test/a/b"_s};
    QTest::addRow("bare-url-in-html-text")
        << u"<p>Copy https://x.test/confirm?t=1&amp;u=2 into your browser</p>"_s << QString()
        << QStringList{u"https://x.test/confirm?t=1&u=2"_s};
    QTest::addRow("text-trailing-punctuation")
        << QString() << u"Go to https://x.test/a. Or (https://y.test/b), or <https://z.test/c>"_s
        << QStringList{u"https://x.test/a"_s, u"https://y.test/b"_s, u"https://z.test/c"_s};
    QTest::addRow("not-inside-a-word")
        << QString() << u"xhttps://no.test/ https://"_s << QStringList{};
    QTest::addRow("unclosed-tag-and-stray-brackets")
        << u"a < b <a href='https://x.test/'>x</a> <a href='https://y.test/"_s << QString()
        << QStringList{u"https://x.test/"_s};
}

void TestApiInspect::linkExtraction()
{
    QFETCH(QString, html);
    QFETCH(QString, text);
    QFETCH(QStringList, urls);
    const LinkExtractor::Links links = LinkExtractor::extract(html, text);
    QStringList found;
    for (const LinkExtractor::Link &link : links.links)
        found.append(link.url);
    QCOMPARE(found, urls);
    QVERIFY(!links.truncated);
}

void TestApiInspect::linkExtractionIsBounded()
{
    QString html;
    for (int i = 0; i < 100000; ++i)
        html += u"<a href=\"https://x.test/%1\">l</a>"_s.arg(i);
    QElapsedTimer timer;
    timer.start();
    const LinkExtractor::Links links = LinkExtractor::extract(html, QString());
    QCOMPARE(links.links.size(), LinkExtractor::kMaxLinks);
    QVERIFY(links.truncated);
    QCOMPARE(links.links.first().url, u"https://x.test/0"_s);
    qInfo("100000 links: %lld ms", qint64(timer.elapsed()));

    // Exactly as many as the limit is not "truncated"; repeats after the limit are not either.
    const LinkExtractor::Links exact =
        LinkExtractor::extract(u"<a href='https://a.test/'>x</a> https://a.test/"_s, {}, 1);
    QCOMPARE(exact.links.size(), 1);
    QVERIFY(!exact.truncated);
}

void TestApiInspect::builtMessageHasTheUsualStructure()
{
    MessageBuilder::Draft draft;
    draft.from = {u"Zoë Sender"_s, u"zoe@example.test"_s};
    draft.to = {{u"Bob"_s, u"bob@example.test"_s}};
    draft.subject = u"Grüße"_s;
    draft.text = u"Hello\nworld"_s;
    draft.html = u"<p>Hello <img src=\"cid:pic\"></p>"_s;
    draft.attachments = {{"PNGDATA", u"p.png"_s, u"image/png"_s, u"pic"_s},
                         {"report", u"Bericht ä.txt"_s, u"text/plain"_s, QString()}};
    draft.messageIdDomain = u"example.test"_s;
    const QByteArray raw = MessageBuilder::build(draft);
    QVERIFY2(!raw.contains("\n") || raw.count("\n") == raw.count("\r\n"), raw.constData());
    for (const char c : raw)
        QVERIFY2(uchar(c) < 0x80, "the output is 7-bit");
    QVERIFY(raw.contains("multipart/mixed"));
    QVERIFY(raw.contains("multipart/related"));
    QVERIFY(raw.contains("multipart/alternative"));
    QVERIFY(raw.contains("Date: "));
    QVERIFY(raw.contains("@example.test>"));
    QVERIFY(raw.contains("Subject: =?"));
    const MessageParts parts = MessageParts::parse(raw);
    QCOMPARE(parts.subject, u"Grüße"_s);
    QCOMPARE(parts.text.trimmed(), u"Hello\nworld"_s);
    QCOMPARE(parts.html.trimmed(), draft.html);
    QVERIFY(parts.from.contains(u"Zoë Sender"_s));
    QCOMPARE(parts.inlineImages.size(), 1);
    QCOMPARE(parts.inlineImages.first().contentId, u"pic"_s);
    QCOMPARE(parts.attachments.size(), 1);
    QCOMPARE(parts.attachments.first().fileName, u"Bericht ä.txt"_s);
    QCOMPARE(MessageParts::partContent(raw, parts.attachments.first().partIndex).value(),
             QByteArray("report"));

    // Only what is needed: a text-only message is a single text/plain part.
    MessageBuilder::Draft plain;
    plain.from = {QString(), u"a@example.test"_s};
    plain.subject = u"s"_s;
    plain.text = u"just text"_s;
    const QByteArray simple = MessageBuilder::build(plain);
    QVERIFY(!simple.contains("multipart"));
    QVERIFY(simple.contains("text/plain"));
}

void TestApiInspect::viewHtmlLinksInlinePartsUnderAStrictPolicy()
{
    const qint64 id = m_api->deliverRaw(kRelatedMessage, {"b@example.test"});
    QVERIFY(id > 0);
    const QJsonObject summary = request("GET", u"/api/v1/message/%1"_s.arg(id)).json();
    const QString partId =
        summary.value("Inline"_L1).toArray().first().toObject().value("PartID"_L1).toString();
    QVERIFY(!partId.isEmpty());

    for (const QString &name : {QString::number(id), u"latest"_s}) {
        const Response html = request("GET", u"/view/%1.html"_s.arg(name));
        QCOMPARE(html.status, 200);
        QCOMPARE(html.headers.value("content-type"), QByteArray("text/html; charset=utf-8"));
        const QByteArray policy = html.headers.value("content-security-policy");
        QVERIFY2(policy.contains("default-src 'none'"), policy.constData());
        QVERIFY(!policy.contains("script-src"));
        QVERIFY(policy.contains("img-src 'self' data:"));
        const QByteArray imageUrl =
            "src=\"/api/v1/message/" + QByteArray::number(id) + "/part/" + partId.toUtf8() + "\"";
        QVERIFY2(html.body.contains(imageUrl), html.body.constData());
        // A reference to no part of the message is left as it is.
        QVERIFY(html.body.contains("src=cid:unknown@x"));
        QVERIFY(!html.body.contains("cid:logo@x"));
    }
    // The rewritten URL serves the image.
    const Response image = request("GET", u"/api/v1/message/%1/part/%2"_s.arg(id).arg(partId));
    QCOMPARE(image.status, 200);
    QCOMPARE(image.headers.value("content-type"), QByteArray("image/png"));
}

void TestApiInspect::viewTextAndMissingBodies()
{
    const qint64 both = m_api->deliverRaw(kRelatedMessage, {"b@example.test"});
    const Response text = request("GET", u"/view/%1.txt"_s.arg(both));
    QCOMPARE(text.status, 200);
    QCOMPARE(text.headers.value("content-type"), QByteArray("text/plain; charset=utf-8"));
    QVERIFY(text.body.startsWith("Plain body, see https://text.test/t."));

    const qint64 textOnly = m_api->deliverRaw(
        "From: a@example.test\r\nSubject: t\r\n\r\nonly text\r\n", {"b@example.test"});
    QCOMPARE(request("GET", u"/view/%1.html"_s.arg(textOnly)).status, 404);
    QCOMPARE(request("GET", u"/view/latest.txt"_s).body, QByteArray("only text\n"));

    const qint64 htmlOnly = m_api->deliverRaw(
        "From: a@example.test\r\nSubject: h\r\nContent-Type: text/html\r\n\r\n<b>x</b>\r\n",
        {"b@example.test"});
    const Response noText = request("GET", u"/view/%1.txt"_s.arg(htmlOnly));
    QCOMPARE(noText.status, 404);
    QVERIFY(noText.body.contains("no text body"));
    QCOMPARE(request("GET", u"/view/%1.html"_s.arg(htmlOnly)).status, 200);

    QCOMPARE(request("GET", u"/view/99999.html"_s).status, 404);
    QCOMPARE(request("GET", u"/view/abc.txt"_s).status, 400);
}

void TestApiInspect::viewRoutesNeedTheSuffix()
{
    QVERIFY(m_api->deliverRaw(kRelatedMessage, {"b@example.test"}) > 0);
    QCOMPARE(request("GET", u"/view/.html"_s).status, 404);
    QCOMPARE(request("GET", u"/view/1.htm"_s).status, 404);
    QCOMPARE(request("GET", u"/view/1"_s).status, 404);
    const Response post = request("POST", u"/view/latest.html"_s, "x");
    QCOMPARE(post.status, 405);
    QCOMPARE(post.headers.value("allow"), QByteArray("GET"));
}

void TestApiInspect::linksInDocumentOrderWithoutDuplicates()
{
    const qint64 id = m_api->deliverRaw(kRelatedMessage, {"b@example.test"});
    const Response links = request("GET", u"/api/v1/message/%1/links"_s.arg(id));
    QCOMPARE(links.status, 200);
    QCOMPARE(links.headers.value("content-type"), QByteArray("application/json"));
    QCOMPARE(urlsOf(links), (QJsonArray{u"https://a.test/x?y=1&z=2"_s, u"https://text.test/t"_s}));
    QVERIFY(!links.headers.contains("x-links-truncated"));
    QCOMPARE(request("GET", u"/api/v1/message/latest/links"_s).body, links.body);
    QCOMPARE(request("GET", u"/api/v1/message/424242/links"_s).status, 404);
}

void TestApiInspect::linksOfAHugeMessageAreCapped()
{
    QByteArray html = "From: a@example.test\r\nSubject: many\r\nContent-Type: text/html\r\n\r\n";
    for (int i = 0; i < 100000; ++i)
        html += "<a href=\"https://x.test/" + QByteArray::number(i) + "\">l</a>\r\n";
    const qint64 id = m_api->deliverRaw(html, {"b@example.test"});
    QVERIFY(id > 0);
    QElapsedTimer timer;
    timer.start();
    const Response links = request("GET", u"/api/v1/message/%1/links"_s.arg(id));
    QCOMPARE(links.status, 200);
    QCOMPARE(urlsOf(links).size(), LinkExtractor::kMaxLinks);
    QCOMPARE(urlsOf(links).first().toString(), u"https://x.test/0"_s);
    QCOMPARE(links.headers.value("x-links-truncated"), QByteArray("true"));
    qInfo("links of a 100000-link message: %lld ms", qint64(timer.elapsed()));
}

void TestApiInspect::envelopeAndChecks()
{
    // No Date and no Message-ID: the checks say so.
    const qint64 id = m_api->deliverRaw("From: a@example.test\r\nSubject: e\r\n\r\nx\r\n",
                                        {"one@example.test", "two@example.test"});
    const Response envelope = request("GET", u"/api/v1/message/%1/envelope"_s.arg(id));
    QCOMPARE(envelope.status, 200);
    const QJsonObject e = envelope.json();
    QCOMPARE(e.value("MailFrom"_L1).toString(), u"sender@example.test"_s);
    QCOMPARE(e.value("Recipients"_L1).toArray(),
             (QJsonArray{u"one@example.test"_s, u"two@example.test"_s}));
    QCOMPARE(e.value("RemoteAddress"_L1).toString(), u"127.0.0.1"_s);
    QCOMPARE(e.value("TLS"_L1).toBool(), false);
    QVERIFY(e.value("Received"_L1).toString().endsWith(u'Z'));

    const Response checks = request("GET", u"/api/v1/message/latest/checks"_s);
    QCOMPARE(checks.status, 200);
    QStringList codes;
    for (const QJsonValue &finding : QJsonDocument::fromJson(checks.body).array()) {
        codes.append(finding.toObject().value("Code"_L1).toString());
        QVERIFY(!finding.toObject().value("Severity"_L1).toString().isEmpty());
        QVERIFY(!finding.toObject().value("Message"_L1).toString().isEmpty());
    }
    QVERIFY2(codes.contains(u"missing-date"_s), qPrintable(codes.join(u',')));
    QCOMPARE(request("GET", u"/api/v1/message/777/checks"_s).status, 404);
    QCOMPARE(request("GET", u"/api/v1/message/777/envelope"_s).status, 404);
}

void TestApiInspect::traceMasksCredentialsAndMarksTheTransaction()
{
    QVERIFY(startWithAuth());
    SmtpTestClient smtp;
    QVERIFY(smtp.connectPlain(smtpPort()));
    QCOMPARE(smtp.replyCode(), 220);
    smtp.send("EHLO client.test\r\n");
    QCOMPARE(smtp.replyCode(), 250);
    const QByteArray credentials = QByteArray("\0alice\0secret", 13).toBase64();
    smtp.send("AUTH PLAIN " + credentials + "\r\n");
    QCOMPARE(smtp.replyCode(), 235);
    QCOMPARE(smtp.sendMessage("a@example.test", {"b@example.test"},
                              "From: a@example.test\r\nSubject: traced\r\n\r\nbody\r\n"),
             250);
    smtp.send("QUIT\r\n");
    QCOMPARE(smtp.replyCode(), 221);

    // The trace is stored as the session goes; its end (the reply to DATA onwards) comes with
    // the session's end.
    QJsonObject trace;
    QTRY_VERIFY_WITH_TIMEOUT((trace = request("GET", u"/api/v1/message/latest/trace"_s).json(),
                              trace.value("Session"_L1).toObject().value("Ended"_L1).isString()),
                             10000);
    QCOMPARE(trace.value("Session"_L1).toObject().value("AuthUser"_L1).toString(), u"alice"_s);
    QCOMPARE(trace.value("Session"_L1).toObject().value("HeloName"_L1).toString(),
             u"client.test"_s);
    const QByteArray json = QJsonDocument(trace).toJson();
    QVERIFY2(!json.contains(credentials), json.constData());
    QVERIFY(!json.contains("secret"));
    QStringList transaction;
    bool sawAuth = false;
    for (const QJsonValue &value : trace.value("Lines"_L1).toArray()) {
        const QJsonObject line = value.toObject();
        const QString text = line.value("Text"_L1).toString();
        if (line.value("Direction"_L1).toString() == u"client"_s && text.startsWith(u"AUTH"_s)) {
            sawAuth = true;
            QCOMPARE(text, u"AUTH PLAIN ****"_s);
        }
        if (line.value("Message"_L1).toBool())
            transaction.append(text);
        QVERIFY(!line.value("Time"_L1).toString().isEmpty());
    }
    QVERIFY(sawAuth);
    QVERIFY2(transaction.size() >= 4, qPrintable(transaction.join(u'|')));
    QVERIFY(transaction.first().startsWith(u"MAIL FROM:<a@example.test>"_s));
    QVERIFY2(transaction.last().startsWith(u"250"_s), qPrintable(transaction.join(u"|"_s)));
    QVERIFY(!transaction.contains(u"QUIT"_s));
}

void TestApiInspect::sessionsIncludeThoseThatDeliveredNothing()
{
    QVERIFY(startWithAuth());
    {
        // A failed AUTH, then a refused RCPT, and nothing delivered.
        SmtpTestClient smtp;
        QVERIFY(smtp.connectPlain(smtpPort()));
        QCOMPARE(smtp.replyCode(), 220);
        smtp.send("EHLO refused.test\r\n");
        QCOMPARE(smtp.replyCode(), 250);
        smtp.send("AUTH PLAIN " + QByteArray("\0alice\0wrong", 12).toBase64() + "\r\n");
        QCOMPARE(smtp.replyCode(), 535);
        smtp.send("MAIL FROM:<a@example.test>\r\n");
        QCOMPARE(smtp.replyCode(), 250);
        smtp.send("RCPT TO:<someone@elsewhere.test>\r\n");
        QCOMPARE(smtp.replyCode(), 550);
        smtp.send("QUIT\r\n");
        QCOMPARE(smtp.replyCode(), 221);
        QVERIFY(smtp.waitForDisconnected());
    }
    QTRY_COMPARE_WITH_TIMEOUT(
        request("GET", u"/api/v1/sessions"_s).json().value("total"_L1).toInteger(), 1, 10000);
    const QList<qint64> ids = {m_api->deliverRaw("Subject: a\r\n\r\na\r\n", {"b@example.test"}),
                               m_api->deliverRaw("Subject: b\r\n\r\nb\r\n", {"b@example.test"})};
    QVERIFY(ids[0] > 0 && ids[1] > 0);

    const QJsonObject all = request("GET", u"/api/v1/sessions"_s).json();
    QCOMPARE(all.value("total"_L1).toInteger(), 3);
    QCOMPARE(all.value("count"_L1).toInteger(), 3);
    const QJsonArray sessions = all.value("sessions"_L1).toArray();
    // Newest first: the refused session is the oldest.
    const QJsonObject refused = sessions.at(2).toObject();
    QCOMPARE(refused.value("HeloName"_L1).toString(), u"refused.test"_s);
    QCOMPARE(refused.value("Messages"_L1).toInt(), 0);
    QCOMPARE(refused.value("AuthUser"_L1).toString(), QString());
    QCOMPARE(refused.value("EndReason"_L1).toString(), u"quit"_s);
    QVERIFY(sessions.at(0).toObject().value("ID"_L1).toString().toLongLong()
            > sessions.at(1).toObject().value("ID"_L1).toString().toLongLong());

    const QJsonObject page = request("GET", u"/api/v1/sessions?start=2&limit=1"_s).json();
    QCOMPARE(page.value("count"_L1).toInteger(), 1);
    QCOMPARE(page.value("start"_L1).toInteger(), 2);
    QCOMPARE(page.value("sessions"_L1).toArray().first().toObject().value("ID"_L1),
             refused.value("ID"_L1));

    const Response trace =
        request("GET", u"/api/v1/session/%1/trace"_s.arg(refused.value("ID"_L1).toString()));
    QCOMPARE(trace.status, 200);
    QStringList replies;
    for (const QJsonValue &line : trace.json().value("Lines"_L1).toArray()) {
        if (line.toObject().value("Direction"_L1).toString() == u"server"_s)
            replies.append(line.toObject().value("Text"_L1).toString().left(3));
        QVERIFY(!line.toObject().contains("Message"_L1));
    }
    QVERIFY2(replies.contains(u"535"_s) && replies.contains(u"550"_s),
             qPrintable(replies.join(u',')));
    QVERIFY(!trace.body.contains("wrong"));
    QVERIFY(!trace.body.contains(QByteArray("\0alice\0wrong", 12).toBase64()));
}

void TestApiInspect::sessionRoutesRefuseBadInput()
{
    QCOMPARE(request("GET", u"/api/v1/sessions?limit=5000"_s).status, 400);
    QCOMPARE(request("GET", u"/api/v1/sessions?start=-1"_s).status, 400);
    QCOMPARE(request("GET", u"/api/v1/session/abc/trace"_s).status, 400);
    QCOMPARE(request("GET", u"/api/v1/session/987654/trace"_s).status, 404);
    QCOMPARE(request("DELETE", u"/api/v1/sessions"_s).status, 405);
    const QJsonObject empty = request("GET", u"/api/v1/sessions"_s).json();
    QCOMPARE(empty.value("total"_L1).toInteger(), 0);
    QCOMPARE(empty.value("sessions"_L1).toArray().size(), 0);
}

void TestApiInspect::sendRoundTrip()
{
    QSignalSpy received(service(), &MailService::messageReceived);
    const QJsonObject body{
        {u"From"_s, QJsonObject{{u"Email"_s, u"app@example.test"_s}, {u"Name"_s, u"Äpp"_s}}},
        {u"To"_s,
         QJsonArray{QJsonObject{{u"Email"_s, u"to@example.test"_s}, {u"Name"_s, u"To"_s}}}},
        {u"Cc"_s, QJsonArray{QJsonObject{{u"Email"_s, u"cc@example.test"_s}}}},
        {u"Bcc"_s, QJsonArray{u"hidden@example.test"_s}},
        {u"ReplyTo"_s, QJsonArray{QJsonObject{{u"Email"_s, u"reply@example.test"_s}}}},
        {u"Subject"_s, u"Willkommen, Zoë"_s},
        {u"Text"_s, u"Confirm: https://app.test/confirm?t=1"_s},
        {u"HTML"_s, u"<p><a href=\"https://app.test/confirm?t=1&amp;h=1\">Confirm</a>"
                    "<img src=\"cid:logo\"></p>"_s},
        {u"Attachments"_s,
         QJsonArray{
             QJsonObject{{u"Content"_s, QString::fromLatin1(QByteArray("a,b\n1,2\n").toBase64())},
                         {u"Filename"_s, u"report.txt"_s}},
             QJsonObject{{u"Content"_s, u"data:image/png;base64,iVBORw0KGgo="_s},
                         {u"Filename"_s, u"logo.png"_s},
                         {u"ContentType"_s, u"image/png"_s},
                         {u"ContentID"_s, u"logo"_s}}}},
        {u"Headers"_s, QJsonObject{{u"X-Campaign"_s, u"spring"_s}}},
        {u"Tags"_s, QJsonArray{u"signup"_s}}};
    const Response sent =
        request("POST", u"/api/v1/send"_s, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QCOMPARE(sent.status, 200);
    QCOMPARE(sent.headers.value("content-type"), QByteArray("application/json"));
    const QString id = sent.json().value("ID"_L1).toString();
    QVERIFY2(id.toLongLong() > 0, sent.body.constData());
    // Stored before the answer: the next read sees it; the service announced it.
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.first().first().value<ReceivedMessage>().storeId, id.toLongLong());

    const QJsonObject message = request("GET", u"/api/v1/message/"_s + id).json();
    QCOMPARE(message.value("Subject"_L1).toString(), u"Willkommen, Zoë"_s);
    QCOMPARE(message.value("From"_L1).toObject().value("Name"_L1).toString(), u"Äpp"_s);
    QCOMPARE(message.value("From"_L1).toObject().value("Address"_L1).toString(),
             u"app@example.test"_s);
    QCOMPARE(message.value("To"_L1).toArray().first().toObject().value("Address"_L1).toString(),
             u"to@example.test"_s);
    QCOMPARE(message.value("Cc"_L1).toArray().first().toObject().value("Address"_L1).toString(),
             u"cc@example.test"_s);
    QCOMPARE(message.value("Bcc"_L1).toArray().size(), 1);
    QCOMPARE(message.value("Bcc"_L1).toArray().first().toObject().value("Address"_L1).toString(),
             u"hidden@example.test"_s);
    QCOMPARE(
        message.value("ReplyTo"_L1).toArray().first().toObject().value("Address"_L1).toString(),
        u"reply@example.test"_s);
    QCOMPARE(message.value("Text"_L1).toString().trimmed(),
             u"Confirm: https://app.test/confirm?t=1"_s);
    QVERIFY(message.value("HTML"_L1).toString().contains(u"cid:logo"_s));
    const QJsonArray attachments = message.value("Attachments"_L1).toArray();
    QCOMPARE(attachments.size(), 1);
    QCOMPARE(attachments.first().toObject().value("FileName"_L1).toString(), u"report.txt"_s);
    QCOMPARE(attachments.first().toObject().value("ContentType"_L1).toString(), u"text/plain"_s);
    QCOMPARE(message.value("Inline"_L1).toArray().size(), 1);
    const Response part =
        request("GET", u"/api/v1/message/%1/part/%2"_s.arg(
                           id, attachments.first().toObject().value("PartID"_L1).toString()));
    // The bytes as sent: an attachment's line ends are not the message's.
    QCOMPARE(part.body, QByteArray("a,b\n1,2\n"));

    const Response raw = request("GET", u"/api/v1/message/%1/raw"_s.arg(id));
    QVERIFY(raw.body.startsWith("Received: from [127.0.0.1] by "));
    QVERIFY(!raw.body.contains("hidden@example.test")); // Bcc is the envelope's only
    QVERIFY(raw.body.contains("\r\nDate: "));
    QVERIFY(raw.body.contains("\r\nMessage-Id: <") || raw.body.contains("\r\nMessage-ID: <"));
    QVERIFY(raw.body.contains("\r\nX-Campaign: spring\r\n"));
    QVERIFY(raw.body.contains("\r\nX-Tags: signup\r\n"));
    QVERIFY2(raw.body.contains("Subject: Willkommen, =?UTF-8?"), raw.body.constData());
    QCOMPARE(raw.body.count("\n"), raw.body.count("\r\n"));

    const QJsonObject envelope = request("GET", u"/api/v1/message/%1/envelope"_s.arg(id)).json();
    QCOMPARE(envelope.value("MailFrom"_L1).toString(), u"app@example.test"_s);
    QCOMPARE(envelope.value("Recipients"_L1).toArray(),
             (QJsonArray{u"to@example.test"_s, u"cc@example.test"_s, u"hidden@example.test"_s}));
    QCOMPARE(envelope.value("RemoteAddress"_L1).toString(), u"api"_s);

    const QJsonObject trace = request("GET", u"/api/v1/message/%1/trace"_s.arg(id)).json();
    QCOMPARE(trace.value("Session"_L1).toObject().value("RemoteAddress"_L1).toString(), u"api"_s);
    const QJsonArray lines = trace.value("Lines"_L1).toArray();
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first().toObject().value("Direction"_L1).toString(), u"note"_s);
    QVERIFY(lines.first().toObject().value("Text"_L1).toString().contains(u"POST /api/v1/send"_s));
    QCOMPARE(lines.first().toObject().value("Message"_L1).toBool(), true);

    // The usual path: checks ran, the index knows it, links find the confirmation link.
    QCOMPARE(request("GET", u"/api/v1/message/%1/checks"_s.arg(id)).status, 200);
    QCOMPARE(urlsOf(request("GET", u"/api/v1/message/%1/links"_s.arg(id))).first(),
             QJsonValue(u"https://app.test/confirm?t=1&h=1"_s));
    const Result<QList<StoredMessage>> found = [&] {
        Result<std::unique_ptr<StoreReader>> reader = StoreReader::open(m_api->storeDirectory());
        return (*reader)->search(u"subject:Willkommen"_s);
    }();
    QVERIFY(found.ok());
    QCOMPARE(found->size(), 1);
}

void TestApiInspect::sendRefusesBadRequests_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("says");

    const QByteArray ok =
        R"("From":{"Email":"a@example.test"},"To":[{"Email":"b@example.test"}],"Subject":"s")";
    QTest::addRow("not-json") << QByteArray("{nope") << QByteArray("invalid JSON");
    QTest::addRow("not-an-object") << QByteArray("[1]") << QByteArray("not an object");
    QTest::addRow("no-from") << QByteArray(R"({"To":[{"Email":"b@example.test"}],"Subject":"s"})")
                             << QByteArray("From is required");
    QTest::addRow("bad-from") << QByteArray(
        R"({"From":{"Email":"nobody"},"To":[{"Email":"b@example.test"}],"Subject":"s"})")
                              << QByteArray("invalid From address");
    QTest::addRow("from-not-object") << QByteArray(
        R"({"From":"a@example.test","To":[{"Email":"b@example.test"}],"Subject":"s"})")
                                     << QByteArray("From must be an object");
    QTest::addRow("no-recipients")
        << QByteArray(R"({"From":{"Email":"a@example.test"},"Subject":"s"})")
        << QByteArray("no recipients");
    QTest::addRow("bad-to") << QByteArray(
        R"({"From":{"Email":"a@example.test"},"To":[{"Email":"x y@z"}],"Subject":"s"})")
                            << QByteArray("invalid To[0] address");
    QTest::addRow("to-not-array") << QByteArray(
        R"({"From":{"Email":"a@example.test"},"To":{"Email":"b@example.test"},"Subject":"s"})")
                                  << QByteArray("To must be an array");
    QTest::addRow("bcc-number") << "{" + ok + R"(,"Bcc":[5]})" << QByteArray("Bcc[0]");
    QTest::addRow("no-subject") << QByteArray(
        R"({"From":{"Email":"a@example.test"},"To":[{"Email":"b@example.test"}]})")
                                << QByteArray("Subject is required");
    QTest::addRow("subject-number") << QByteArray(
        R"({"From":{"Email":"a@example.test"},"To":[{"Email":"b@example.test"}],"Subject":1})")
                                    << QByteArray("Subject must be a string");
    QTest::addRow("bad-base64") << "{" + ok
                                       + R"(,"Attachments":[{"Content":"!!!","Filename":"a"}]})"
                                << QByteArray("not valid base64");
    QTest::addRow("bad-content-type")
        << "{" + ok
               + R"(,"Attachments":[{"Content":"YQ==","Filename":"a","ContentType":"nonsense"}]})"
        << QByteArray("is not type/subtype");
    QTest::addRow("restricted-header")
        << "{" + ok + R"(,"Headers":{"subject":"x"}})" << QByteArray("cannot overwrite header");
    QTest::addRow("header-injection")
        << "{" + ok + R"(,"Headers":{"X-A":"a\r\nBcc: evil@x.test"}})" << QByteArray("line breaks");
    QTest::addRow("header-name") << "{" + ok + R"(,"Headers":{"X A":"a"}})"
                                 << QByteArray("not a header field name");
    QTest::addRow("tags-not-array") << "{" + ok + R"(,"Tags":"a"})" << QByteArray("Tags must be");
}

void TestApiInspect::sendRefusesBadRequests()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, says);
    const Response response = request("POST", u"/api/v1/send"_s, body);
    QCOMPARE(response.status, 400);
    QVERIFY2(response.body.contains(says), response.body.constData());
    QCOMPARE(service()->store()
                 ? request("GET", u"/api/v1/messages"_s).json().value("total"_L1).toInteger()
                 : 0,
             0);
}

void TestApiInspect::sendRecordsTheBasicAuthUser()
{
    QVERIFY(m_api->start({u"ann:pw"_s}));
    const QByteArray auth = "Basic " + QByteArray("ann:pw").toBase64();
    const Response sent = m_api->request(
        "POST", u"/api/v1/send"_s,
        R"({"From":{"Email":"a@example.test"},"To":[{"Email":"b@example.test"}],"Subject":"s"})",
        auth);
    QCOMPARE(sent.status, 200);
    const Response envelope = m_api->request(
        "GET", u"/api/v1/message/%1/envelope"_s.arg(sent.json().value("ID"_L1).toString()), {},
        auth);
    QCOMPARE(envelope.json().value("AuthUser"_L1).toString(), u"ann"_s);
    // Every new route asks for the credentials.
    for (const QString &path :
         {u"/view/latest.html"_s, u"/api/v1/sessions"_s, u"/api/v1/message/latest/trace"_s})
        QCOMPARE(request("GET", path).status, 401);
    QCOMPARE(request("POST", u"/api/v1/send"_s, "{}").status, 401);
}

void TestApiInspect::sendAboveTheSizeLimitIs413()
{
    QVERIFY(m_api->start({}, 1024));
    const QByteArray text(2000, 'x');
    const Response response = request(
        "POST", u"/api/v1/send"_s,
        R"({"From":{"Email":"a@example.test"},"To":[{"Email":"b@example.test"}],"Subject":"s",)"
        R"("Text":")"
            + text + R"("})");
    QCOMPARE(response.status, 413);
    QCOMPARE(request("GET", u"/api/v1/messages"_s).json().value("total"_L1).toInteger(), 0);
}

QTEST_GUILESS_MAIN(TestApiInspect)
#include "tst_apiinspect.moc"
