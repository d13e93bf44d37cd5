// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "mainwindow.h"
#include "models/inboxmodel.h"
#include "store/storereader.h"
#include "testsettings.h"
#include "views/inboxview.h"
#include "views/messageschemehandler.h"
#include "views/messageview.h"
#include "windowparts.h"

#include <QApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace WindowParts;

namespace {

// Three messages in mboxrd: CRLF line ends (as SMTP stores them), a quoted ">From " body line,
// oldest first, with the envelope sender and the time in each "From " line.
const QByteArray kMbox = "From alice@example.test Mon Nov 23 09:00:00 2026\n"
                         "From: Alice <alice@example.test>\r\n"
                         "To: bob@example.test\r\n"
                         "Subject: First\r\n"
                         "\r\n"
                         "Hello\r\n"
                         ">From the start, this line was quoted\r\n"
                         "\n"
                         "From carol@example.test Tue Nov 24 10:30:00 2026\n"
                         "From: carol@example.test\r\n"
                         "To: dave@example.test\r\n"
                         "Subject: Second\r\n"
                         "\r\n"
                         "Body two\r\n"
                         "\n"
                         "From erin@example.test Wed Nov 25 11:45:00 2026\n"
                         "From: erin@example.test\r\n"
                         "To: frank@example.test\r\n"
                         "Subject: Third\r\n"
                         "\r\n"
                         "Body three\r\n"
                         "\n";

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// An mbox long enough to import for a while: there is time to cancel it or to act meanwhile.
QByteArray bulkMbox()
{
    QByteArray mbox;
    for (int i = 0; i < 20000; ++i) {
        mbox += "From sender@example.test Mon Nov 23 09:00:00 2026\nSubject: Bulk "
                + QByteArray::number(i) + "\r\nFrom: sender@example.test\r\n\r\nBody\r\n\n";
    }
    return mbox;
}

} // namespace

/// Import and export from the window: the menu's work runs in the background with progress and
/// cancel, files dropped on the window are imported, and a message can be dragged out without
/// the GUI thread touching the disk.
class TestMailTransfer final : public QObject
{
    Q_OBJECT

private:
    static bool started(MainWindow &window)
    {
        window.startServer();
        return QTest::qWaitFor([&window] { return controller(window)->store() != nullptr; }, 20000);
    }

    static ImportReport waitForImport(QSignalSpy &done)
    {
        if (done.isEmpty() && !done.wait(60000))
            return {};
        return done.takeFirst().at(0).value<ImportReport>();
    }

    static ExportReport waitForExport(QSignalSpy &done)
    {
        if (done.isEmpty() && !done.wait(60000)) {
            ExportReport timedOut;
            timedOut.outcome = ExportReport::Outcome::Failed;
            return timedOut;
        }
        return done.takeFirst().at(0).value<ExportReport>();
    }

    static qint64 storedCount(const QString &store)
    {
        QString error;
        auto readerOpened = StoreReader::open(store);
        if (!readerOpened)
            error = readerOpened.error().message;
        const auto reader = readerOpened ? std::move(*readerOpened) : nullptr;
        return reader ? reader->messageCount() : -1;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    /// An mbox goes in, shows in the inbox, and comes out byte for byte.
    void importedMboxExportsByteForByte()
    {
        QTemporaryDir store;
        QTemporaryDir files;
        const QString source = files.filePath(QStringLiteral("in.mbox"));
        QVERIFY(writeFile(source, kMbox));
        MainWindow window(testSettings(store.path()));
        QVERIFY(started(window));
        QSignalSpy imported(controller(window), &MailService::importFinished);
        QSignalSpy exported(controller(window), &MailService::exportFinished);

        QVERIFY(transfers(window)->importPaths({source}));
        const ImportReport report = waitForImport(imported);
        QVERIFY(!report.cancelled);
        QCOMPARE(report.ids.size(), 3);
        QVERIFY2(report.problems.isEmpty(), qPrintable(report.problemLines().join(u'\n')));
        QTRY_COMPARE(inboxModel(window)->rowCount(), 3);

        const QString mbox = files.filePath(QStringLiteral("out.mbox"));
        QVERIFY(transfers(window)->exportTo(MessageExporter::Selection::all(),
                                            MessageExporter::Format::Mbox, mbox));
        ExportReport outcome = waitForExport(exported);
        QCOMPARE(outcome.outcome, ExportReport::Outcome::Finished);
        QCOMPARE(outcome.exported, 3);
        QCOMPARE(outcome.destination, mbox);
        QCOMPARE(readFile(mbox), kMbox);

        // A search result exports just its matches, here as a Maildir.
        const QString maildir = files.filePath(QStringLiteral("maildir"));
        QVERIFY(transfers(window)->exportTo(
            MessageExporter::Selection::ofQuery(QStringLiteral("subject:second")),
            MessageExporter::Format::Maildir, maildir));
        outcome = waitForExport(exported);
        QCOMPARE(outcome.exported, 1);
        // In new/ while unread, in cur/ once the viewer has marked it read: the window shows
        // (and so reads) the newest message by itself.
        QStringList delivered;
        for (const QString &folder : {QStringLiteral("/new/"), QStringLiteral("/cur/")}) {
            const QDir dir(maildir + folder);
            for (const QString &name : dir.entryList(QDir::Files))
                delivered.append(dir.filePath(name));
        }
        QCOMPARE(delivered.size(), 1);
        QVERIFY(readFile(delivered.first()).contains("Subject: Second\r\n"));
    }

    /// An import through the service itself, with no presenter involved, shows in the inbox:
    /// the model follows MailService::messagesAdded.
    void serviceImportReachesTheInbox()
    {
        QTemporaryDir store;
        QTemporaryDir files;
        const QString source = files.filePath(QStringLiteral("in.mbox"));
        QVERIFY(writeFile(source, kMbox));
        MainWindow window(testSettings(store.path()));
        QVERIFY(started(window));
        QTRY_COMPARE(inboxModel(window)->rowCount(), 0);
        QSignalSpy added(controller(window), &MailService::messagesAdded);
        QVERIFY(controller(window)->importMessages({source}));
        QVERIFY(added.wait(20000));
        QTRY_COMPARE(inboxModel(window)->rowCount(), 3);
        QList<qint64> shown;
        for (int row = 0; row < inboxModel(window)->rowCount(); ++row)
            shown.append(inboxModel(window)->idAt(row));
        std::sort(shown.begin(), shown.end());
        QCOMPARE(shown, added.constFirst().at(0).value<QList<qint64>>());
    }

    /// "All" means all even though the window selects the newest message by itself, and a
    /// search narrows it to the matches; "Selected" is just the selection.
    void exportScopeFollowsSelectionAndSearch()
    {
        QTemporaryDir store;
        QTemporaryDir files;
        const QString source = files.filePath(QStringLiteral("in.mbox"));
        QVERIFY(writeFile(source, kMbox));
        MainWindow window(testSettings(store.path()));
        QVERIFY(started(window));
        QSignalSpy done(controller(window), &MailService::importFinished);
        QVERIFY(transfers(window)->importPaths({source}));
        waitForImport(done);
        QTRY_COMPARE(inboxModel(window)->rowCount(), 3);
        QTRY_VERIFY(inboxView(window)->currentIndex().isValid());

        using Kind = MessageExporter::Selection::Kind;
        qint64 count = -1;
        MessageExporter::Selection selection =
            transfers(window)->exportSelection(TransferPresenter::ExportScope::Listed, &count);
        QCOMPARE(selection.kind, Kind::All);
        QCOMPARE(count, 3);

        selection =
            transfers(window)->exportSelection(TransferPresenter::ExportScope::Selected, &count);
        QCOMPARE(selection.kind, Kind::Ids);
        QCOMPARE(count, 1);
        QCOMPARE(selection.ids,
                 QList<qint64>{inboxModel(window)->idAt(inboxView(window)->currentIndex().row())});

        QVERIFY(inboxModel(window)->setQuery(QStringLiteral("subject:second")));
        QTRY_COMPARE(inboxModel(window)->rowCount(), 1);
        selection =
            transfers(window)->exportSelection(TransferPresenter::ExportScope::Listed, &count);
        QCOMPARE(selection.kind, Kind::Query);
        QCOMPARE(selection.query, QStringLiteral("subject:second"));
        QCOMPARE(count, 1);
    }

    /// Files dropped on the window are imported; text is not taken for files.
    void droppedFilesAreImported()
    {
        QTemporaryDir store;
        QTemporaryDir files;
        MainWindow window(testSettings(store.path()));
        window.show();
        QVERIFY(started(window));
        QList<QUrl> urls;
        for (int i = 1; i <= 2; ++i) {
            const QString path = files.filePath(QStringLiteral("m%1.eml").arg(i));
            QVERIFY(writeFile(path, QByteArrayLiteral("From: a@example.test\r\nSubject: Dropped ")
                                        + QByteArray::number(i) + "\r\n\r\nBody\r\n"));
            urls.append(QUrl::fromLocalFile(path));
        }
        QMimeData mime;
        mime.setUrls(urls);
        const QPoint where = window.rect().center();

        QDragEnterEvent enter(where, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());

        QSignalSpy done(controller(window), &MailService::importFinished);
        QDropEvent drop(where, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QVERIFY(drop.isAccepted());
        const ImportReport report = waitForImport(done);
        QCOMPARE(report.ids.size(), 2);
        QTRY_COMPARE(inboxModel(window)->rowCount(), 2);
        QCOMPARE(storedCount(store.path()), 2);

        // Something that is not a file is not offered for import.
        QMimeData text;
        text.setText(QStringLiteral("hello"));
        QDragEnterEvent textEnter(where, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
        textEnter.setAccepted(false);
        QApplication::sendEvent(&window, &textEnter);
        QVERIFY(!textEnter.isAccepted());
    }

    /// Cancelling a long import takes back what it stored.
    void cancelledImportLeavesTheStoreAsItWas()
    {
        QTemporaryDir store;
        QTemporaryDir files;
        const QString source = files.filePath(QStringLiteral("big.mbox"));
        QVERIFY(writeFile(source, bulkMbox()));
        MainWindow window(testSettings(store.path()));
        QVERIFY(started(window));
        QSignalSpy done(controller(window), &MailService::importFinished);
        QSignalSpy progress(controller(window), &MailService::importProgress);
        QVERIFY(transfers(window)->importPaths({source}));
        // A second transfer waits for the first.
        QVERIFY(!transfers(window)->importPaths({source}));
        QVERIFY(progress.wait(20000));
        controller(window)->cancelTransfer();
        const ImportReport report = waitForImport(done);
        QVERIFY(report.cancelled);
        QCOMPARE(report.ids.size(), 0);
        QCOMPARE(storedCount(store.path()), 0);
        QTRY_COMPARE(inboxModel(window)->rowCount(), 0);
    }

    /// A new store folder applied during an import waits for the import to be taken back,
    /// then opens: the import never writes to a closed store.
    void storeSwitchDuringImportCancelsItFirst()
    {
        QTemporaryDir store;
        QTemporaryDir otherStore;
        QTemporaryDir files;
        const QString source = files.filePath(QStringLiteral("big.mbox"));
        QVERIFY(writeFile(source, bulkMbox()));
        MainWindow window(testSettings(store.path()));
        QVERIFY(started(window));
        QSignalSpy done(controller(window), &MailService::importFinished);
        QSignalSpy applied(&window, &MainWindow::serverApplied);
        QSignalSpy progress(controller(window), &MailService::importProgress);
        QVERIFY(transfers(window)->importPaths({source}));
        QVERIFY(progress.wait(20000));
        applied.clear();
        window.applySettings(testSettings(otherStore.path()), false);
        const ImportReport report = waitForImport(done);
        QVERIFY(report.cancelled);
        QVERIFY(applied.wait(20000));
        QVERIFY(applied.first().at(0).toBool());
        QCOMPARE(controller(window)->storeDirectory(), QDir::cleanPath(otherStore.path()));
        QCOMPARE(storedCount(store.path()), 0);
        QCOMPARE(storedCount(otherStore.path()), 0);
    }

    /// The shown message is on disk for dragging before anyone drags it.
    void shownMessageIsReadyToDrag()
    {
        QTemporaryDir store;
        QTemporaryDir files;
        const QString source = files.filePath(QStringLiteral("one.eml"));
        const QByteArray bytes = "From: a@example.test\r\nSubject: Drag me\r\n\r\nBody\r\n";
        QVERIFY(writeFile(source, bytes));
        MainWindow window(testSettings(store.path()));
        QVERIFY(started(window));
        QSignalSpy done(controller(window), &MailService::importFinished);
        QVERIFY(transfers(window)->importPaths({source}));
        const ImportReport report = waitForImport(done);
        QCOMPARE(report.ids.size(), 1);
        const qint64 id = report.ids.first();
        QTRY_COMPARE(inboxModel(window)->rowCount(), 1);
        inboxPage(window)->selectMessage(id);
        QTRY_VERIFY(messageView(window)->hasMessage() && messageView(window)->details().id == id);
        const QString dragFile = messageView(window)->details().dragFile;
        QVERIFY(!dragFile.isEmpty());
        QCOMPARE(readFile(dragFile), bytes);
        QVERIFY(!(QFile::permissions(QFileInfo(dragFile).path())
                  & (QFileDevice::ReadOther | QFileDevice::ReadGroup)));
    }
};

int main(int argc, char *argv[])
{
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(config.path()));
    MessageSchemeHandler::registerSchemes();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    registerEventMetaTypes();
    TestMailTransfer test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mailtransfer.moc"
