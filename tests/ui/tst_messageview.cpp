// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "loader/storeloader.h"
#include "models/inboxmodel.h"
#include "models/inboxrowformat.h"
#include "translations.h"
#include "views/messageschemehandler.h"
#include "views/messageview.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QLayout>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

namespace {

/// A message as the loader gives it: parsed from `raw`.
MessageDetails detailsOf(qint64 id, const QByteArray &raw)
{
    MessageDetails details;
    details.id = id;
    details.found = true;
    details.raw = raw;
    details.parts = MessageParts::parse(raw);
    details.message.id = id;
    details.message.subject = details.parts.subject;
    return details;
}

const QByteArray kPlain = "From: a@x.test\r\nTo: b@x.test\r\nSubject: plain\r\n\r\nhello\r\n"_ba;

/// HTML with an image it shows by cid: (named, as Outlook names them) and a real attachment.
const QByteArray kNewsletter =
    "From: news@x.test\r\nTo: b@x.test\r\nCc: c@x.test\r\nSubject: news\r\n"
    "Received: from a.test\r\n\tby b.test with ESMTP;\r\n\tMon, 1 Jan 2024 00:00:00 +0000\r\n"
    "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n"
    "--m\r\nContent-Type: multipart/related; boundary=r\r\n\r\n"
    "--r\r\nContent-Type: text/html\r\n\r\n<p><img src=\"cid:img1@x.test\"></p>\r\n"
    "--r\r\nContent-Type: image/png; name=image001.png\r\nContent-ID: <img1@x.test>\r\n"
    "Content-Disposition: inline; filename=image001.png\r\n\r\nPNG\r\n--r--\r\n"
    "--m\r\nContent-Type: application/pdf; name=invoice.pdf\r\n"
    "Content-Disposition: attachment; filename=invoice.pdf\r\n\r\n%PDF\r\n--m--\r\n"_ba;

QTabWidget *tabs(const MessageView &view)
{
    return view.findChild<QTabWidget *>(u"messageTabs"_s);
}

} // namespace

class TestMessageView final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(Translations::install(*qApp) >= 1); }

    /// A clean message says so on the Checks tab instead of showing an empty table.
    void cleanMessageSaysNoProblems()
    {
        MessageView view;
        view.setDetails(detailsOf(1, kPlain));
        auto *stack = view.findChild<QLabel *>(u"noProblems"_s)->parentWidget();
        QCOMPARE(static_cast<QStackedWidget *>(stack)->currentWidget()->objectName(),
                 u"noProblems"_s);
        QVERIFY(view.findChild<QLabel *>(u"messageSummary"_s)->text().contains(u"no problems"));
    }

    /// Findings get the theme's severity icon and a colour; the summary counts them in real
    /// English and its link opens the Checks tab.
    void findingsHaveIconsAndALink()
    {
        MessageView view;
        MessageDetails details = detailsOf(2, kPlain);
        details.findings = {{CheckFinding::Severity::Error, u"missing-from"_s, u"no From"_s}};
        view.setDetails(details);
        auto *checks = view.findChild<QTreeWidget *>(u"checksView"_s);
        QCOMPARE(checks->topLevelItemCount(), 1);
        QTreeWidgetItem *item = checks->topLevelItem(0);
        QVERIFY(!item->icon(0).isNull());
        QCOMPARE(item->text(0), u"Error"_s);
        QVERIFY(item->foreground(0).color() != view.palette().color(QPalette::Text));
        auto *summary = view.findChild<QLabel *>(u"messageSummary"_s);
        QVERIFY2(summary->text().contains(u"1 finding, see the Checks tab"),
                 qPrintable(summary->text()));
        QVERIFY(!summary->text().contains(u"(s)"));
        tabs(view)->setCurrentIndex(MessageView::TextTab);
        emit summary->linkActivated(u"#checks"_s);
        QCOMPARE(tabs(view)->currentIndex(), int(MessageView::ChecksTab));

        details.findings.append({CheckFinding::Severity::Warning, u"bare-lf"_s, u"x"_s});
        view.setDetails(details);
        QVERIFY(summary->text().contains(u"2 findings, see the Checks tab"));
    }

    /// A tab shown because the chosen one had nothing for a message is no choice: the next
    /// message with HTML is shown as HTML again. A tab the user picks stays picked.
    void theChosenTabComesBack()
    {
        MessageView view;
        QTabWidget *tabWidget = tabs(view);
        view.setDetails(detailsOf(6, kNewsletter));
        QCOMPARE(tabWidget->currentIndex(), int(MessageView::HtmlTab));
        view.setDetails(detailsOf(7, kPlain));
        QCOMPARE(tabWidget->currentIndex(), int(MessageView::TextTab));
        // Text and HTML: the Text tab it fell back to is enabled here too, and still no choice.
        view.setDetails(detailsOf(8, "From: a@x.test\r\nSubject: both\r\nMIME-Version: 1.0\r\n"
                                     "Content-Type: multipart/alternative; boundary=a\r\n\r\n"
                                     "--a\r\nContent-Type: text/plain\r\n\r\ntext\r\n"
                                     "--a\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n"
                                     "--a--\r\n"_ba));
        QCOMPARE(tabWidget->currentIndex(), int(MessageView::HtmlTab));

        tabWidget->setCurrentIndex(MessageView::HeadersTab);
        view.setDetails(detailsOf(9, kPlain));
        QCOMPARE(tabWidget->currentIndex(), int(MessageView::HeadersTab));

        tabWidget->setCurrentIndex(MessageView::RawTab);
        view.setDetails(detailsOf(10, kNewsletter));
        QCOMPARE(tabWidget->currentIndex(), int(MessageView::RawTab));

        // Attachments is disabled for a message without any; it comes back with one.
        tabWidget->setCurrentIndex(MessageView::AttachmentsTab);
        view.setDetails(detailsOf(11, kPlain));
        QCOMPARE(tabWidget->currentIndex(), int(MessageView::TextTab));
        view.setDetails(detailsOf(12, kNewsletter));
        QCOMPARE(tabWidget->currentIndex(), int(MessageView::AttachmentsTab));
    }

    /// The tabs stay where they are whether or not a message has Cc, attachments or findings.
    void tabsStayInPlace()
    {
        MessageView view;
        view.resize(700, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        MessageDetails rich = detailsOf(3, kNewsletter);
        rich.findings = {{CheckFinding::Severity::Warning, u"x"_s, u"y"_s}};
        view.setDetails(detailsOf(4, kPlain));
        QTRY_VERIFY(tabs(view)->y() > 0);
        const int plainTop = tabs(view)->mapTo(&view, QPoint()).y();
        view.setDetails(rich);
        QTest::qWait(0);
        view.layout()->activate();
        QCOMPARE(tabs(view)->mapTo(&view, QPoint()).y(), plainTop);
    }

    /// The image the HTML shows by cid: is listed as an inline image, not as an attachment.
    void inlineImagesAreNotAttachments()
    {
        MessageView view;
        view.setDetails(detailsOf(5, kNewsletter));
        QCOMPARE(tabs(view)->tabText(MessageView::AttachmentsTab), u"Attachments (1)"_s);
        auto *tree = view.findChild<QTreeWidget *>(u"attachmentsView"_s);
        QCOMPARE(tree->topLevelItemCount(), 2);
        QCOMPARE(tree->topLevelItem(0)->child(0)->text(0), u"invoice.pdf"_s);
        QVERIFY(tree->topLevelItem(1)->text(0).startsWith(u"Inline images"));
        QCOMPARE(tree->topLevelItem(1)->child(0)->text(0), u"image001.png"_s);
        auto *summary = view.findChild<QLabel *>(u"messageSummary"_s);
        QVERIFY2(summary->text().contains(u"1 attachment<")
                     && summary->text().contains(u"1 inline image"),
                 qPrintable(summary->text()));
    }

    /// Folded header fields are shown on one line, without the tabs of the folding.
    void foldedHeadersAreUnfolded()
    {
        MessageView view;
        view.setDetails(detailsOf(6, kNewsletter));
        auto *headers = view.findChild<QTreeWidget *>(u"headersView"_s);
        QString received;
        for (int i = 0; i < headers->topLevelItemCount(); ++i) {
            if (headers->topLevelItem(i)->text(0) == u"Received")
                received = headers->topLevelItem(i)->text(1);
        }
        QCOMPARE(received, u"from a.test by b.test with ESMTP; Mon, 1 Jan 2024 00:00:00 +0000"_s);
    }

    /// An attachment no program opens says so, and offers to save it instead.
    void attachmentNoProgramOpensIsReported()
    {
        QTemporaryDir folder;
        StoreLoader loader;
        loader.setTemporaryFolder(folder.path());
        MessageView view;
        view.setLoader(&loader);
        QList<QUrl> asked;
        view.setUrlOpener([&](const QUrl &url) {
            asked.append(url);
            return false;
        });
        view.setDetails(detailsOf(7, kNewsletter));
        QVERIFY(view.openFailure().isEmpty());
        view.findChild<QPushButton *>(u"openAttachment"_s)->click();
        QTRY_COMPARE(asked.size(), 1);
        // Written into the folder it was given, which its owner removes.
        QVERIFY(asked.constFirst().toLocalFile().startsWith(folder.path()));
        QVERIFY2(view.openFailure().contains(u"invoice.pdf"), qPrintable(view.openFailure()));
        bool saveOffered = false;
        QWidget *bar = view.findChild<QWidget *>(u"attachmentBar"_s);
        for (QAbstractButton *button : bar->findChildren<QAbstractButton *>())
            saveOffered |= button->text() == u"Save As…" && !button->isHidden();
        QVERIFY(saveOffered);
        view.setDetails(detailsOf(8, kPlain));
        QVERIFY(view.openFailure().isEmpty());
    }

    /// The inbox marks a message with findings, as it marks one with attachments.
    void inboxMarksFindings()
    {
        const InboxRowFormat format;
        StoredMessage message;
        QVERIFY(format.data(message, InboxModel::ChecksColumn, Qt::DecorationRole).isNull());
        message.findingCount = 2;
        QVERIFY(!format.data(message, InboxModel::ChecksColumn, Qt::DecorationRole).isNull());
        QVERIFY(format.data(message, InboxModel::ChecksColumn, Qt::ToolTipRole)
                    .toString()
                    .startsWith(u"2 findings;"));
        message.findingCount = 1;
        QVERIFY(format.data(message, InboxModel::ChecksColumn, Qt::ToolTipRole)
                    .toString()
                    .startsWith(u"1 finding;"));
    }

    void countedStringsHaveRealPlurals()
    {
        QCOMPARE(MessageView::tr("%n attachment(s)", nullptr, 1), u"1 attachment"_s);
        QCOMPARE(MessageView::tr("%n attachment(s)", nullptr, 3), u"3 attachments"_s);
    }
};

int main(int argc, char *argv[])
{
    // As the app does (main.cpp): a message with HTML creates the browser engine.
    MessageSchemeHandler::registerSchemes();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    TestMessageView test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_messageview.moc"
