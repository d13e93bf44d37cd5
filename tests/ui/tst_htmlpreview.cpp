// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "views/htmlpreview.h"
#include "views/linkpolicy.h"
#include "views/messageschemehandler.h"
#include "views/openlinkdialog.h"
#include "views/previewpage.h"
#include "views/remoteloadinterceptor.h"
#include "views/renderersandbox.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryFile>
#include <QTest>
#include <QTextDocument>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineView>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

/// A 1x1 GIF.
const QByteArray kGif = QByteArray::fromBase64("R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=");

/// A web server on 127.0.0.1 that answers every request with the GIF and remembers the paths
/// asked for, so a test can see what the preview fetched.
class LoopbackWebServer final : public QObject
{
public:
    LoopbackWebServer()
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_buffers[socket] += socket->readAll();
                    const QByteArray &request = m_buffers[socket];
                    if (!request.contains("\r\n\r\n"))
                        return;
                    const QList<QByteArray> line = request.left(request.indexOf("\r\n")).split(' ');
                    m_paths.append(QString::fromLatin1(line.value(1)));
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: image/gif\r\nContent-Length: "
                                  + QByteArray::number(kGif.size())
                                  + "\r\nConnection: close\r\n\r\n" + kGif);
                    socket->disconnectFromHost();
                    m_buffers.remove(socket);
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    QString url(const QString &path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path);
    }
    const QStringList &paths() const { return m_paths; }

private:
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QStringList m_paths;
};

MessageDetails htmlMessage(qint64 id, const QString &html)
{
    MessageDetails details;
    details.id = id;
    details.found = true;
    details.parts.html = html;
    return details;
}

} // namespace

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

    void linkPolicyDecides_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("opens");
        QTest::addRow("http") << "http://example.test/a?b=c" << true;
        QTest::addRow("https") << "https://example.test/" << true;
        QTest::addRow("https-upper-case") << "HTTPS://EXAMPLE.TEST/" << true;
        QTest::addRow("mailto") << "mailto:ann@example.test?subject=hi" << true;
        QTest::addRow("http-without-host") << "http:/etc/passwd" << false;
        QTest::addRow("mailto-without-address") << "mailto:" << false;
        QTest::addRow("file") << "file:///etc/passwd" << false;
        QTest::addRow("file-on-host") << "file://server/share/x.exe" << false;
        QTest::addRow("javascript") << "javascript:alert(1)" << false;
        QTest::addRow("data") << "data:text/html,<script>alert(1)</script>" << false;
        QTest::addRow("ftp") << "ftp://example.test/x" << false;
        QTest::addRow("vscode") << "vscode://file/etc/passwd" << false;
        QTest::addRow("ms-msdt") << "ms-msdt:/id PCWDiagnostic /skip force" << false;
        QTest::addRow("smb") << "smb://server/share" << false;
        QTest::addRow("our-own-scheme") << "letterbox://message/1" << false;
        QTest::addRow("cid") << "cid:logo@x.test" << false;
        QTest::addRow("no-scheme") << "//example.test/x" << false;
        QTest::addRow("empty") << "" << false;
    }

    void linkPolicyDecides()
    {
        QFETCH(QString, url);
        QFETCH(bool, opens);
        QCOMPARE(LinkPolicy::decide(QUrl(url)) == LinkPolicy::Decision::AskThenOpen, opens);
    }

    void linkPolicyShowsTheRealUrl()
    {
        // Short URLs are shown whole and encoded: punycode hosts, no bidirectional controls.
        QCOMPARE(LinkPolicy::shownUrl(QUrl(QStringLiteral("https://bücher.test/a b"))),
                 u"https://xn--bcher-kva.test/a%20b");
        QVERIFY(!LinkPolicy::shownUrl(QUrl(QStringLiteral("https://x.test/\u202Egpj.exe")))
                     .contains(QChar(0x202E)));
        // Long ones keep their start and their end.
        const QString tail = QStringLiteral("/end-of-the-url");
        const QUrl longUrl(QStringLiteral("https://bank.test/") + QString(500, u'a') + tail);
        const QString shown = LinkPolicy::shownUrl(longUrl);
        QCOMPARE(shown.size(), LinkPolicy::kMaxShownUrl);
        QVERIFY(shown.startsWith(u"https://bank.test/aaa"));
        QVERIFY(shown.endsWith(tail));
        QVERIFY(shown.contains(u'…'));
    }

    void linkPolicySeesMisleadingText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("misleads");
        QTest::addRow("words") << "Click here"
                               << "https://evil.test/" << false;
        QTest::addRow("same-host") << "https://bank.test/login"
                                   << "https://bank.test/x" << false;
        QTest::addRow("www-and-case") << "WWW.Bank.test"
                                      << "https://bank.test/" << false;
        QTest::addRow("target-is-subdomain") << "https://bank.test"
                                             << "https://login.bank.test/" << false;
        QTest::addRow("other-host") << "https://bank.test/login"
                                    << "https://evil.test/" << true;
        QTest::addRow("suffix-trick") << "https://bank.test"
                                      << "https://bank.test.evil.test/" << true;
        QTest::addRow("userinfo-trick") << "https://bank.test"
                                        << "https://bank.test@evil.test/" << true;
        QTest::addRow("look-alike") << "https://bаnk.test"
                                    << "https://bank.test/" << true;
        QTest::addRow("mail-same") << "ann@bank.test"
                                   << "mailto:ann@bank.test" << false;
        QTest::addRow("mail-other") << "help@bank.test"
                                    << "mailto:help@evil.test" << true;
    }

    void linkPolicySeesMisleadingText()
    {
        QFETCH(QString, text);
        QFETCH(QString, url);
        QFETCH(bool, misleads);
        QCOMPARE(LinkPolicy::textMisleads(text, QUrl(url)), misleads);
    }

    /// The question names the real target; a link whose text names another host gets a
    /// warning, and an elided URL is given whole in the details. Cancel is the default.
    void openLinkDialogWarnsOfMisleadingText()
    {
        const QUrl target(QStringLiteral("https://evil.test/login"));
        OpenLinkDialog plain(target, {QStringLiteral("Click here")});
        QCOMPARE(plain.icon(), QMessageBox::Question);
        QVERIFY(plain.text().contains(u"https://evil.test/login"));
        QVERIFY(!plain.text().contains(u"Careful"));
        QCOMPARE(plain.defaultButton(), plain.button(QMessageBox::Cancel));
        QVERIFY(plain.detailedText().isEmpty());

        OpenLinkDialog misleading(
            target, {QStringLiteral("Click here"), QStringLiteral("https://bank.test/<b>")});
        QCOMPARE(misleading.icon(), QMessageBox::Warning);
        QVERIFY2(misleading.text().contains(u"Careful: the link text shows bank.test, but the "
                                            u"link goes to evil.test."),
                 qPrintable(misleading.text()));

        const QUrl longUrl(QStringLiteral("https://x.test/") + QString(300, u'a'));
        OpenLinkDialog elided(longUrl, {});
        QCOMPARE(elided.detailedText(), QString::fromLatin1(longUrl.toEncoded()));
        QVERIFY(!elided.text().contains(QString(300, u'a')));
    }

    void navigationStaysInThePreview_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("mainFrame");
        QTest::addColumn<bool>("accepted");
        QTest::addRow("main-message") << "letterbox://message/1" << true << true;
        QTest::addRow("main-blank") << "about:blank" << true << true;
        QTest::addRow("main-http") << "http://127.0.0.1/" << true << false;
        QTest::addRow("main-https") << "https://example.test/" << true << false;
        QTest::addRow("main-file") << "file:///etc/passwd" << true << false;
        QTest::addRow("main-data") << "data:text/html,x" << true << false;
        QTest::addRow("main-javascript") << "javascript:alert(1)" << true << false;
        QTest::addRow("frame-cid") << "cid:x@y" << false << true;
        QTest::addRow("frame-http") << "http://127.0.0.1/" << false << true;
        QTest::addRow("frame-file") << "file:///etc/passwd" << false << false;
        QTest::addRow("frame-javascript") << "javascript:alert(1)" << false << false;
        QTest::addRow("frame-app-scheme") << "vscode://file/x" << false << false;
    }

    void navigationStaysInThePreview()
    {
        QFETCH(QString, url);
        QFETCH(bool, mainFrame);
        QFETCH(bool, accepted);
        QCOMPARE(PreviewPage::acceptsNavigation(QUrl(url), mainFrame), accepted);
    }

    /// Links of other schemes never reach the opener, not even asked about; web and mail
    /// links reach it only when the user confirms.
    void clickedLinksOpenOnlyWhenConfirmed()
    {
        HtmlPreview preview;
        // The tests run as root with --no-sandbox; these tests are about the rendered page.
        preview.setRendererSandboxed(true);
        preview.resize(600, 400);
        preview.show();
        QSignalSpy loaded(&preview, &HtmlPreview::loadFinished);
        preview.setMessage(htmlMessage(3, QStringLiteral("<p><a href='https://evil.test/'>"
                                                         "https://bank.test/login</a></p>")));
        QVERIFY(loaded.wait(30000));

        QList<QUrl> asked;
        QStringList askedTexts;
        QList<QUrl> opened;
        bool answer = false;
        PreviewPage *page = preview.findChild<PreviewPage *>();
        page->setLinkConfirmer([&](const QUrl &url, const QStringList &texts) {
            asked.append(url);
            askedTexts += texts;
            return answer;
        });
        page->setLinkOpener([&](const QUrl &url) {
            opened.append(url);
            return true;
        });
        QSignalSpy refused(page, &PreviewPage::linkRefused);
        QSignalSpy openedSpy(page, &PreviewPage::linkOpened);

        const QStringList hostile{
            QStringLiteral("file:///etc/passwd"),       QStringLiteral("javascript:alert(1)"),
            QStringLiteral("data:text/html,x"),         QStringLiteral("ftp://example.test/x"),
            QStringLiteral("vscode://file/etc/passwd"), QStringLiteral("ms-msdt:/id x")};
        for (const QString &url : hostile)
            page->linkClicked(QUrl(url));
        QCOMPARE(refused.size(), hostile.size());
        QVERIFY(preview.linkNote().contains(u"ms-msdt:"));

        // Refused by the user: nothing opens.
        page->linkClicked(QUrl(QStringLiteral("https://evil.test/")));
        QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 10000);
        QCOMPARE(asked.constFirst(), QUrl(QStringLiteral("https://evil.test/")));
        // The visible text of the message's link came along, for the warning.
        QCOMPARE(askedTexts, QStringList{QStringLiteral("https://bank.test/login")});
        QVERIFY(opened.isEmpty());

        // Confirmed: it opens, exactly as shown.
        answer = true;
        page->linkClicked(QUrl(QStringLiteral("mailto:ann@example.test")));
        QVERIFY(openedSpy.wait(10000));
        QCOMPARE(opened, QList<QUrl>{QUrl(QStringLiteral("mailto:ann@example.test"))});
        QCOMPARE(asked.size(), 2);
        QCOMPARE(refused.size(), hostile.size());
        for (const QUrl &url : std::as_const(asked))
            QVERIFY(url.scheme() == u"https" || url.scheme() == u"mailto");
    }

    /// A real click on a link in the rendered page goes through acceptNavigationRequest: the
    /// page stays on the message and the link goes to the confirmation, not to the engine.
    void realClickDoesNotLeaveThePreview()
    {
        LoopbackWebServer web;
        HtmlPreview preview;
        // The tests run as root with --no-sandbox; these tests are about the rendered page.
        preview.setRendererSandboxed(true);
        preview.resize(600, 400);
        preview.show();
        QVERIFY(QTest::qWaitForWindowExposed(&preview));
        QSignalSpy loaded(&preview, &HtmlPreview::loadFinished);
        const QString link = web.url(QStringLiteral("/clicked"));
        preview.setMessage(htmlMessage(
            4, QStringLiteral("<body style='margin:0'><a href='%1' style='display:block;"
                              "position:fixed;left:0;top:0;width:300px;height:200px'>go</a>"
                              "</body>")
                   .arg(link)));
        QVERIFY(loaded.wait(30000));
        QList<QUrl> asked;
        preview.findChild<PreviewPage *>()->setLinkConfirmer(
            [&](const QUrl &url, const QStringList &) {
                asked.append(url);
                return false;
            });
        bool openedWithoutConsent = false;
        preview.findChild<PreviewPage *>()->setLinkOpener([&](const QUrl &) {
            openedWithoutConsent = true;
            return true;
        });
        QWidget *target = preview.findChild<QWebEngineView *>()->focusProxy();
        QVERIFY(target);
        QTest::mouseClick(target, Qt::LeftButton, {}, QPoint(50, 50));
        QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 10000);
        QCOMPARE(asked.constFirst(), QUrl(link));
        QCOMPARE(preview.findChild<QWebEngineView *>()->url(), MessageSchemeHandler::bodyUrl(4));
        QVERIFY(web.paths().isEmpty());
        QVERIFY(!openedWithoutConsent);
    }

    /// A confirmed link that no program takes (no browser set up) says so in the preview and
    /// offers the link to copy, instead of nothing happening.
    void linkNoProgramOpensIsReported()
    {
        HtmlPreview preview;
        preview.setRendererSandboxed(true);
        preview.resize(600, 400);
        preview.show();
        QSignalSpy loaded(&preview, &HtmlPreview::loadFinished);
        preview.setMessage(
            htmlMessage(11, QStringLiteral("<p><a href='https://shop.test/track?u=1'>Track</a>")));
        QVERIFY(loaded.wait(30000));
        auto *page = preview.findChild<PreviewPage *>();
        page->setLinkConfirmer([](const QUrl &, const QStringList &) { return true; });
        page->setLinkOpener([](const QUrl &) { return false; });
        QVERIFY(preview.openFailure().isEmpty());
        page->linkClicked(QUrl(QStringLiteral("https://shop.test/track?u=1")));
        QTRY_VERIFY_WITH_TIMEOUT(preview.openFailure().contains(u"https://shop.test/track?u=1"),
                                 10000);
        QAbstractButton *copy = nullptr;
        for (QAbstractButton *button : preview.findChildren<QAbstractButton *>()) {
            if (button->text() == u"Copy Link" && button->isVisible())
                copy = button;
        }
        QVERIFY(copy);
        copy->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), u"https://shop.test/track?u=1"_s);
        QVERIFY(preview.openFailure().isEmpty());
        // Another message starts without the note.
        page->linkClicked(QUrl(QStringLiteral("https://shop.test/track?u=1")));
        QTRY_VERIFY_WITH_TIMEOUT(!preview.openFailure().isEmpty(), 10000);
        preview.setMessage(htmlMessage(12, QStringLiteral("<p>next</p>")));
        QVERIFY(preview.openFailure().isEmpty());
    }

    /// Hovering a link shows where it really goes, so a tracking link can be checked.
    void hoveringALinkShowsItsTarget()
    {
        HtmlPreview preview;
        preview.setRendererSandboxed(true);
        preview.resize(600, 400);
        preview.show();
        preview.setMessage(htmlMessage(13, QStringLiteral("<a href='https://t.test/c'>Shop</a>")));
        auto *page = preview.findChild<PreviewPage *>();
        QVERIFY(page);
        QVERIFY(preview.hoveredLink().isEmpty());
        emit page->linkHovered(QStringLiteral("https://t.test/c?id=\u202Egpj.exe"));
        // As LinkPolicy shows it: encoded, so no direction override can reverse it.
        QCOMPARE(preview.hoveredLink(), u"https://t.test/c?id=%E2%80%AEgpj.exe"_s);
        auto *label = preview.findChild<QLabel *>(QStringLiteral("hoveredLink"));
        QVERIFY(label->isVisible());
        QCOMPARE(label->geometry().bottom(), preview.rect().bottom());
        emit page->linkHovered(QString());
        QVERIFY(preview.hoveredLink().isEmpty());
    }

    /// "Load remote content" holds for the message for the rest of the run; "always for this
    /// sender" for every message from that address, in a list the owner saves.
    void remoteContentIsRemembered()
    {
        HtmlPreview preview;
        preview.setRendererSandboxed(true);
        const auto message = [](qint64 id, const QString &from) {
            MessageDetails details =
                htmlMessage(id, QStringLiteral("<img src='https://r.test/p'>"));
            details.parts.from = from;
            return details;
        };
        preview.setMessage(message(21, QStringLiteral("News <News@Shop.test>")));
        QVERIFY(!preview.remoteAllowed());
        preview.allowRemote();
        preview.setMessage(message(22, QStringLiteral("other@x.test")));
        QVERIFY(!preview.remoteAllowed());
        preview.setMessage(message(21, QStringLiteral("News <News@Shop.test>")));
        QVERIFY(preview.remoteAllowed());

        QSignalSpy trusted(&preview, &HtmlPreview::trustedSendersChanged);
        preview.trustSender();
        QCOMPARE(trusted.size(), 1);
        QCOMPARE(trusted.constFirst().at(0).toStringList(), QStringList{u"news@shop.test"_s});
        preview.setMessage(message(23, QStringLiteral("news@shop.test")));
        QVERIFY(preview.remoteAllowed());
        preview.distrustSender();
        QVERIFY(!preview.remoteAllowed());
        QCOMPARE(trusted.constLast().at(0).toStringList(), QStringList());

        // A list saved by an earlier run.
        HtmlPreview later;
        later.setRendererSandboxed(true);
        later.setTrustedSenders({u"news@shop.test"_s});
        later.setMessage(message(24, QStringLiteral("News <news@shop.test>")));
        QVERIFY(later.remoteAllowed());
    }

    /// A meta refresh (no script needed) must not take the main frame away from the message,
    /// not even with remote content allowed.
    void metaRefreshIsRefused()
    {
        LoopbackWebServer web;
        HtmlPreview preview;
        // The tests run as root with --no-sandbox; these tests are about the rendered page.
        preview.setRendererSandboxed(true);
        preview.resize(600, 400);
        preview.show();
        QSignalSpy loaded(&preview, &HtmlPreview::loadFinished);
        // The page exists from the first HTML body on.
        std::unique_ptr<QSignalSpy> refused;
        connect(&preview, &HtmlPreview::browserCreated, &preview, [&] {
            refused = std::make_unique<QSignalSpy>(preview.findChild<PreviewPage *>(),
                                                   &PreviewPage::navigationRefused);
        });
        const QString away = web.url(QStringLiteral("/refresh"));
        preview.setMessage(htmlMessage(
            5, QStringLiteral("<head><meta http-equiv='refresh' content='0; url=%1'></head>"
                              "<body><img src='%2'></body>")
                   .arg(away, web.url(QStringLiteral("/pixel.gif")))));
        QVERIFY(loaded.wait(30000));
        QTRY_COMPARE_WITH_TIMEOUT(preview.blockedCount(), 1, 10000);
        preview.allowRemote();
        QTRY_VERIFY_WITH_TIMEOUT(web.paths().contains(u"/pixel.gif"), 10000);
        QVERIFY(refused);
        QTRY_VERIFY_WITH_TIMEOUT(!refused->isEmpty(), 10000);
        QCOMPARE(refused->constFirst().at(0).toUrl(), QUrl(away));
        QVERIFY(!web.paths().contains(u"/refresh"));
        QCOMPARE(preview.findChild<QWebEngineView *>()->url(), MessageSchemeHandler::bodyUrl(5));
    }

    void interceptorDecides_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<RemoteLoadInterceptor::Decision>("blocked");
        QTest::addColumn<RemoteLoadInterceptor::Decision>("allowed");
        using D = RemoteLoadInterceptor::Decision;
        QTest::addRow("message") << "letterbox://message/1" << D::Allow << D::Allow;
        QTest::addRow("cid") << "cid:logo@x.test" << D::Allow << D::Allow;
        QTest::addRow("data") << "data:image/png;base64,AA==" << D::Allow << D::Allow;
        QTest::addRow("about-blank") << "about:blank" << D::Allow << D::Allow;
        QTest::addRow("http") << "http://127.0.0.1/x" << D::BlockUntilAllowed << D::Allow;
        QTest::addRow("https") << "https://tracker.test/p.gif" << D::BlockUntilAllowed << D::Allow;
        QTest::addRow("file") << "file:///etc/hostname" << D::BlockAlways << D::BlockAlways;
        QTest::addRow("ftp") << "ftp://x.test/y" << D::BlockAlways << D::BlockAlways;
        QTest::addRow("qrc") << "qrc:/icons/letterbox.svg" << D::BlockAlways << D::BlockAlways;
        QTest::addRow("chrome") << "chrome://gpu" << D::BlockAlways << D::BlockAlways;
        QTest::addRow("about-other") << "about:version" << D::BlockAlways << D::BlockAlways;
        QTest::addRow("ws") << "ws://127.0.0.1/" << D::BlockAlways << D::BlockAlways;
        QTest::addRow("app-scheme") << "vscode://file/x" << D::BlockAlways << D::BlockAlways;
    }

    void interceptorDecides()
    {
        QFETCH(QString, url);
        QFETCH(RemoteLoadInterceptor::Decision, blocked);
        QFETCH(RemoteLoadInterceptor::Decision, allowed);
        QCOMPARE(RemoteLoadInterceptor::decide(QUrl(url), false), blocked);
        QCOMPARE(RemoteLoadInterceptor::decide(QUrl(url), true), allowed);
    }

    /// The real engine: before "Load remote content" nothing leaves the message; after it, the
    /// web server on 127.0.0.1 is asked, and file: URLs stay blocked whatever the user allowed.
    void loadRemoteContentLiftsOnlyHttp()
    {
        LoopbackWebServer web;
        HtmlPreview preview;
        // The tests run as root with --no-sandbox; these tests are about the rendered page.
        preview.setRendererSandboxed(true);
        preview.resize(600, 400);
        preview.show();
        QSignalSpy loaded(&preview, &HtmlPreview::loadFinished);
        // The interceptor exists from the first HTML body on.
        std::unique_ptr<QSignalSpy> decided;
        connect(&preview, &HtmlPreview::browserCreated, &preview, [&] {
            decided = std::make_unique<QSignalSpy>(preview.findChild<RemoteLoadInterceptor *>(),
                                                   &RemoteLoadInterceptor::decided);
        });
        const QString file = QStringLiteral("file:///etc/hostname");
        preview.setMessage(
            htmlMessage(6, QStringLiteral("<head><link rel='stylesheet' href='%1'></head><body>"
                                          "<img src='%1'><iframe src='%1'></iframe>"
                                          "<img src='%2'><p>end</p></body>")
                               .arg(file, web.url(QStringLiteral("/remote.gif")))));
        QVERIFY(loaded.wait(30000));
        QTRY_COMPARE_WITH_TIMEOUT(preview.blockedCount(), 1, 10000);
        QVERIFY(web.paths().isEmpty());

        QVERIFY(preview.refusedCount() > 0);
        QVERIFY(decided);
        const auto fileDecisions = [&decided] {
            QList<RemoteLoadInterceptor::Decision> decisions;
            for (const QList<QVariant> &call : std::as_const(*decided)) {
                if (call.at(0).toUrl().scheme() == u"file")
                    decisions.append(call.at(1).value<RemoteLoadInterceptor::Decision>());
            }
            return decisions;
        };
        QVERIFY(!fileDecisions().isEmpty());
        QVERIFY(!fileDecisions().contains(RemoteLoadInterceptor::Decision::Allow));

        decided->clear();
        const qsizetype loadsBefore = loaded.size();
        preview.allowRemote();
        QTRY_COMPARE_WITH_TIMEOUT(web.paths(), QStringList{QStringLiteral("/remote.gif")}, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.size() > loadsBefore, 30000);
        QVERIFY(preview.remoteAllowed());
        // The file: loads were asked for again with remote content allowed, and refused.
        QTRY_VERIFY_WITH_TIMEOUT(!fileDecisions().isEmpty(), 10000);
        QVERIFY(!fileDecisions().contains(RemoteLoadInterceptor::Decision::Allow));
        QVERIFY(preview.refusedCount() > 0);
    }

    void rendererSandboxFromEnvironment_data()
    {
        QTest::addColumn<QByteArray>("flags");
        QTest::addColumn<bool>("disableSandboxSet");
        QTest::addColumn<bool>("disabled");
        QTest::addRow("nothing") << QByteArray() << false << false;
        QTest::addRow("other-flags") << QByteArray("--enable-logging --v=1") << false << false;
        QTest::addRow("no-sandbox") << QByteArray("--no-sandbox") << false << true;
        QTest::addRow("no-sandbox-among-others")
            << QByteArray("  --enable-logging\t--no-sandbox ") << false << true;
        QTest::addRow("no-sandbox-with-value") << QByteArray("--no-sandbox=1") << false << true;
        QTest::addRow("single-process") << QByteArray("--single-process") << false << true;
        QTest::addRow("look-alike") << QByteArray("--no-sandboxing-here") << false << false;
        QTest::addRow("environment-variable") << QByteArray() << true << true;
    }

    void rendererSandboxFromEnvironment()
    {
        QFETCH(QByteArray, flags);
        QFETCH(bool, disableSandboxSet);
        QFETCH(bool, disabled);
        QCOMPARE(RendererSandbox::disabledBy(flags, disableSandboxSet), disabled);
    }

    /// The text shown instead of unsandboxed HTML comes from a parse that reads no files: a
    /// style sheet on disk that would change the text is not applied.
    void plainTextLoadsNothing()
    {
        QTemporaryFile css;
        QVERIFY(css.open());
        css.write(".x { white-space: pre }");
        css.flush();
        const QString html =
            QStringLiteral("<html><head><link rel='stylesheet' type='text/css' href='%1'></head>"
                           "<body><p class='x'>a    b</p><img src='%1'></body></html>")
                .arg(QUrl::fromLocalFile(css.fileName()).toString());
        // Control: a plain QTextDocument reads the file and keeps the spaces.
        QTextDocument reading;
        reading.setHtml(html);
        QVERIFY(reading.toPlainText().contains(u"a    b"));
        const QString text = HtmlPreview::plainTextOf(html);
        QVERIFY2(text.contains(u"a b"), qPrintable(text));
        QVERIFY(!text.contains(QChar::ObjectReplacementCharacter));
        // Bounded: a huge body is cut.
        const QString huge = QStringLiteral("<p>") + QString(HtmlPreview::kMaxTextSource, u'x');
        const QString cut = HtmlPreview::plainTextOf(huge + QStringLiteral("TAIL</p>"));
        QVERIFY(!cut.contains(u"TAIL"));
        QVERIFY(cut.size() < HtmlPreview::kMaxTextSource + 200);
    }

    /// Without a sandbox the HTML is not loaded into the engine until the user asks, for this
    /// message only; meanwhile its text shows under the banner.
    void unsandboxedHtmlWaitsForConsent()
    {
        HtmlPreview preview;
        preview.setRendererSandboxed(false);
        preview.resize(600, 400);
        preview.show();
        std::unique_ptr<QSignalSpy> decided;
        connect(&preview, &HtmlPreview::browserCreated, &preview, [&] {
            decided = std::make_unique<QSignalSpy>(preview.findChild<RemoteLoadInterceptor *>(),
                                                   &RemoteLoadInterceptor::decided);
        });
        QSignalSpy loaded(&preview, &HtmlPreview::loadFinished);
        const MessageDetails first =
            htmlMessage(7, QStringLiteral("<h1 style='color:red'>Hello</h1><p>world</p>"));
        preview.setMessage(first);
        QVERIFY(preview.waitingForConsent());
        QVERIFY(preview.findChild<QWidget *>(QStringLiteral("riskBanner"))->isVisible());
        QVERIFY(preview.findChild<QPushButton *>(QStringLiteral("renderButton"))->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(preview.findChild<QPlainTextEdit *>(QStringLiteral("htmlAsText"))
                                     ->toPlainText()
                                     .contains(u"Hello"),
                                 10000);
        QVERIFY(preview.findChild<QPlainTextEdit *>(QStringLiteral("htmlAsText"))
                    ->toPlainText()
                    .contains(u"world"));
        QVERIFY(!preview.findChild<QPlainTextEdit *>(QStringLiteral("htmlAsText"))
                     ->toPlainText()
                     .contains(u"color"));
        // Showing it as text does not even start the browser engine.
        QVERIFY(!preview.findChild<QWebEngineView *>());
        QVERIFY(!preview.findChild<QWebEngineProfile *>());
        QVERIFY(!decided);
        QVERIFY(loaded.isEmpty());

        QTest::mouseClick(preview.findChild<QPushButton *>(QStringLiteral("renderButton")),
                          Qt::LeftButton);
        QVERIFY(!preview.waitingForConsent());
        QVERIFY(!preview.findChild<QWidget *>(QStringLiteral("riskBanner"))->isVisible());
        QVERIFY(preview.findChild<QWebEngineView *>()->isVisible());
        QVERIFY(loaded.wait(30000));
        QCOMPARE(preview.findChild<QWebEngineView *>()->url(), MessageSchemeHandler::bodyUrl(7));
        QString text;
        preview.findChild<QWebEngineView *>()->page()->toPlainText(
            [&text](const QString &result) { text = result; });
        QTRY_VERIFY_WITH_TIMEOUT(text.contains(u"Hello"), 10000);
        // The same message shown again (the store reloaded it) keeps its consent.
        preview.setMessage(first);
        QVERIFY(!preview.waitingForConsent());

        // Another message asks again, and so does the first one when it comes back.
        preview.setMessage(htmlMessage(8, QStringLiteral("<p>Second</p>")));
        QVERIFY(preview.waitingForConsent());
        QVERIFY(preview.findChild<QWidget *>(QStringLiteral("riskBanner"))->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(preview.findChild<QPlainTextEdit *>(QStringLiteral("htmlAsText"))
                                     ->toPlainText()
                                     .contains(u"Second"),
                                 10000);
        preview.setMessage(first);
        QVERIFY(preview.waitingForConsent());
        QTRY_VERIFY_WITH_TIMEOUT(preview.findChild<QPlainTextEdit *>(QStringLiteral("htmlAsText"))
                                     ->toPlainText()
                                     .contains(u"Hello"),
                                 10000);
        // Nothing of message 8 ever reached the engine.
        QVERIFY(decided);
        for (const QList<QVariant> &call : std::as_const(*decided))
            QVERIFY(call.at(0).toUrl() != MessageSchemeHandler::bodyUrl(8));
        QVERIFY(preview.findChild<QWebEngineView *>()->url() != MessageSchemeHandler::bodyUrl(8));
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
        // The tests run as root with --no-sandbox; these tests are about the rendered page.
        preview.setRendererSandboxed(true);
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
        preview.findChild<QWebEngineView *>()->page()->toPlainText(
            [&text](const QString &result) { text = result; });
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
