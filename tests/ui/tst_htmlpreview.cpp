// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "views/htmlpreview.h"
#include "views/messageschemehandler.h"
#include "views/remoteloadinterceptor.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTest>
#include <QWebEnginePage>
#include <QWebEngineView>

class TestHtmlPreview final : public QObject
{
    Q_OBJECT

private slots:
    void interceptorAllowsOnlyTheMessage()
    {
        QVERIFY(RemoteLoadInterceptor::isLocal(QUrl(QStringLiteral("letterbox://message/1"))));
        QVERIFY(RemoteLoadInterceptor::isLocal(QUrl(QStringLiteral("cid:logo@x.test"))));
        QVERIFY(RemoteLoadInterceptor::isLocal(QUrl(QStringLiteral("data:image/png;base64,AA=="))));
        QVERIFY(RemoteLoadInterceptor::isLocal(QUrl(QStringLiteral("about:blank"))));
        QVERIFY(
            !RemoteLoadInterceptor::isLocal(QUrl(QStringLiteral("https://tracker.test/p.gif"))));
        QVERIFY(!RemoteLoadInterceptor::isLocal(QUrl(QStringLiteral("http://127.0.0.1/x"))));
        QVERIFY(!RemoteLoadInterceptor::isLocal(QUrl(QStringLiteral("file:///etc/passwd"))));
        QVERIFY(!RemoteLoadInterceptor::isLocal(QUrl(QStringLiteral("ftp://x.test/y"))));
    }

    void schemeHandlerServesBodyAndCidParts()
    {
        MessageSchemeHandler handler;
        QHash<QString, InlinePart> parts;
        parts.insert(QStringLiteral("logo@x.test"), InlinePart{"image/png", "PNGDATA"});
        handler.setContent(5, QStringLiteral("<p>hé</p>"), parts);
        QByteArray type;
        QByteArray data;
        QVERIFY(handler.resolve(MessageSchemeHandler::bodyUrl(5), &type, &data));
        QCOMPARE(type, QByteArray("text/html;charset=utf-8"));
        QCOMPARE(data, QStringLiteral("<p>hé</p>").toUtf8());
        QVERIFY(!handler.resolve(MessageSchemeHandler::bodyUrl(6), &type, &data));
        QVERIFY(handler.resolve(QUrl(QStringLiteral("cid:logo@x.test")), &type, &data));
        QCOMPARE(type, QByteArray("image/png"));
        QCOMPARE(data, QByteArray("PNGDATA"));
        // RFC 2392: the Content-ID is percent-encoded in the URL.
        parts.insert(QStringLiteral("a b@x"), InlinePart{"image/gif", "GIF"});
        handler.setContent(5, {}, parts);
        QVERIFY(handler.resolve(QUrl(QStringLiteral("cid:a%20b@x")), &type, &data));
        QCOMPARE(data, QByteArray("GIF"));
        QVERIFY(!handler.resolve(QUrl(QStringLiteral("cid:other@x")), &type, &data));
    }

    /// The real engine, offscreen: the body renders, its cid: image is served from the
    /// message, and the remote image is blocked and counted.
    void rendersAndBlocksRemote()
    {
        HtmlPreview preview;
        preview.resize(600, 400);
        preview.show();
        MessageDetails details;
        details.id = 9;
        details.found = true;
        details.parts.html =
            QStringLiteral("<html><body><h1 id='t'>Hello</h1><img id='i' src='cid:logo@x.test'>"
                           "<img src='https://remote.invalid/track.gif'></body></html>");
        // A 1x1 GIF.
        details.inlineParts.insert(
            QStringLiteral("logo@x.test"),
            InlinePart{"image/gif",
                       QByteArray::fromBase64("R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=")});
        QSignalSpy loaded(&preview, &HtmlPreview::loadFinished);
        preview.setMessage(details);
        QVERIFY(loaded.wait(30000));
        QVERIFY(loaded.constLast().at(0).toBool());
        QTRY_COMPARE_WITH_TIMEOUT(preview.blockedCount(), 1, 10000);
        QVERIFY(!preview.remoteAllowed());
        QString text;
        preview.webView()->page()->toPlainText([&text](const QString &result) { text = result; });
        QTRY_VERIFY_WITH_TIMEOUT(text.contains(u"Hello"), 10000);
    }
};

int main(int argc, char *argv[])
{
    MessageSchemeHandler::registerSchemes();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    TestHtmlPreview test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_htmlpreview.moc"
