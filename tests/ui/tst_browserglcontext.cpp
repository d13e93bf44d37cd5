// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "views/browserglcontext.h"
#include "views/htmlpreview.h"
#include "views/messageschemehandler.h"

#include <QApplication>
#include <QOpenGLContext>
#include <QTest>
#include <QWebEngineProfile>

// Runs with BrowserGlContext::reserve() before QApplication, as the app does (see main()).
class BrowserGlContextTest final : public QObject
{
    Q_OBJECT

private slots:
    void nothingIsCreatedAtStart()
    {
        // QtWebEngine's start-up routine and QGuiApplication would both have made one by now.
        QVERIFY(!BrowserGlContext::isCreated());
    }

    void theFirstBrowserCreatesIt()
    {
        HtmlPreview preview;
        MessageDetails details;
        details.id = 1;
        details.found = true;
        details.parts.html = QStringLiteral("<p>hello</p>");
        preview.setMessage(details);
        preview.renderThisMessage(); // consent, as the window gives it when running as root
        QTRY_VERIFY(preview.findChild<QWebEngineProfile *>() != nullptr);
        if (!BrowserGlContext::isCreated()) {
            QOpenGLContext probe;
            if (!probe.create())
                QSKIP("this platform plugin has no OpenGL");
        }
        QVERIFY(BrowserGlContext::isCreated());
    }
};

int main(int argc, char *argv[])
{
    BrowserGlContext::reserve();
    MessageSchemeHandler::registerSchemes();
    QApplication app(argc, argv);
    BrowserGlContextTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_browserglcontext.moc"
