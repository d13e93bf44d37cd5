// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "exchange/messageimporter.h"
#include "loader/storeloader.h"
#include "openstore.h"
#include "store/messagestore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QByteArray kEml = "From: Ann <ann@example.test>\r\n"
                        "To: bob@example.test\r\n"
                        "Cc: Cy <cy@example.test>\r\n"
                        "Bcc: dee@example.test\r\n"
                        "Subject: Imported\r\n"
                        "MIME-Version: 1.0\r\n"
                        "Content-Type: multipart/mixed; boundary=b\r\n"
                        "\r\n"
                        "--b\r\n"
                        "Content-Type: text/plain\r\n"
                        "\r\n"
                        "Body text\r\n"
                        "--b\r\n"
                        "Content-Type: application/octet-stream; name=data.bin\r\n"
                        "Content-Disposition: attachment; filename=data.bin\r\n"
                        "Content-Transfer-Encoding: base64\r\n"
                        "\r\n"
                        "AAECAw==\r\n"
                        "--b--\r\n";

} // namespace

/// The loader does the UI's disk work off the GUI thread; here it runs in the test's thread.
class TestStoreLoader final : public QObject
{
    Q_OBJECT

private slots:
    /// A store that cannot be read is reported with a code, not only words.
    void unreadableStoreFailsWithACode()
    {
        QTemporaryDir dir;
        StoreLoader loader;
        loader.open(dir.filePath(QStringLiteral("no-store-here")));
        QSignalSpy failed(&loader, &StoreLoader::loadFailed);
        loader.loadMessage(1, 1);
        QCOMPARE(failed.size(), 1);
        const Error error = failed.constFirst().at(0).value<Error>();
        QVERIFY2(error.code != ErrorCode::Internal, qPrintable(error.message));
        QVERIFY(!error.message.isEmpty());
    }

    void listLoadAndSave()
    {
        QTemporaryDir dir;
        QString error;
        std::unique_ptr<MessageStore> store =
            openStore(dir.filePath(QStringLiteral("store")), &error);
        QVERIFY2(store, qPrintable(error));
        const QString eml = dir.filePath(QStringLiteral("in.eml"));
        {
            QFile file(eml);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(kEml);
        }
        StoreLoader loader;
        loader.open(store->directory());

        const ImportReport imported = MessageImporter(store.get()).run({eml});
        const QList<qint64> ids = imported.ids;
        QCOMPARE(ids.size(), 1);

        QSignalSpy listed(&loader, &StoreLoader::idsListed);
        InboxListRequest request;
        request.generation = 7;
        request.serial = 2;
        request.current = {ids.constFirst(), 999};
        request.fetch = {ids.constFirst(), 998};
        loader.listIds(request);
        QCOMPARE(listed.count(), 1);
        const auto result = listed.at(0).at(0).value<InboxListResult>();
        QCOMPARE(result.generation, 7u);
        QCOMPARE(result.serial, 2u);
        QVERIFY(result.error.isEmpty());
        QCOMPARE(result.ids, ids);
        QVERIFY(result.added.isEmpty());
        QCOMPARE(result.removed, QList<qint64>({999}));
        QCOMPARE(result.fetched.size(), 1);
        QCOMPARE(result.fetched.constFirst().subject, u"Imported");
        QCOMPARE(result.total, 1);
        QCOMPARE(result.unread, 1);
        request.query = QStringLiteral("subject:(");
        loader.listIds(request);
        QVERIFY(!listed.at(1).at(0).value<InboxListResult>().error.isEmpty());

        QSignalSpy summaries(&loader, &StoreLoader::summariesLoaded);
        loader.loadSummaries(7, 3, {998, ids.constFirst()});
        QCOMPARE(summaries.count(), 1);
        QCOMPARE(summaries.at(0).at(1).toULongLong(), 3u);
        QCOMPARE(summaries.at(0).at(2).value<QList<StoredMessage>>().size(), 1);

        QSignalSpy loaded(&loader, &StoreLoader::messageLoaded);
        loader.loadMessage(3, ids.constFirst());
        QCOMPARE(loaded.count(), 1);
        const auto details = loaded.at(0).at(0).value<MessageDetails>();
        QCOMPARE(details.requestId, 3u);
        QVERIFY(details.found);
        QCOMPARE(details.raw, kEml); // exactly the bytes of the file
        QCOMPARE(details.parts.subject, u"Imported");
        QCOMPARE(details.message.mailFrom, QByteArray("ann@example.test"));
        QCOMPARE(details.message.recipients,
                 QList<QByteArray>({"bob@example.test", "cy@example.test", "dee@example.test"}));
        QCOMPARE(details.parts.attachments.size(), 1);
        // Ready to be dragged out, without the GUI thread writing it.
        QFile dragFile(details.dragFile);
        QVERIFY(dragFile.open(QIODevice::ReadOnly));
        QCOMPARE(dragFile.readAll(), kEml);

        QSignalSpy saved(&loader, &StoreLoader::partSaved);
        QSignalSpy notSaved(&loader, &StoreLoader::partNotSaved);
        const QString out = dir.filePath(QStringLiteral("data.bin"));
        loader.savePart(details.raw, details.parts.attachments.constFirst().partIndex, out);
        QCOMPARE(saved.count(), 1);
        QCOMPARE(notSaved.count(), 0);
        QFile part(out);
        QVERIFY(part.open(QIODevice::ReadOnly));
        QCOMPARE(part.readAll(), QByteArray("\x00\x01\x02\x03", 4));
        // A part the message does not have, and a file that cannot be written: codes, not text.
        loader.savePart(details.raw, 999, dir.filePath(QStringLiteral("none.bin")));
        QCOMPARE(notSaved.count(), 1);
        QCOMPARE(notSaved.at(0).at(0).value<Error>().code, ErrorCode::NotFound);
        const QString unwritable = dir.filePath(QStringLiteral("no/such/folder/data.bin"));
        loader.savePart(details.raw, details.parts.attachments.constFirst().partIndex, unwritable);
        QCOMPARE(notSaved.count(), 2);
        QCOMPARE(notSaved.at(1).at(0).value<Error>().code, ErrorCode::FileUnwritable);
        QCOMPARE(notSaved.at(1).at(0).value<Error>().field, unwritable);
        QCOMPARE(saved.count(), 1);

        loader.loadMessage(4, 999);
        QCOMPARE(loaded.count(), 2);
        QVERIFY(!loaded.at(1).at(0).value<MessageDetails>().found);
        // Only the message on screen keeps its drag file.
        loader.loadMessage(5, ids.constFirst());
        QVERIFY(QFile::exists(details.dragFile));
    }
};

QTEST_GUILESS_MAIN(TestStoreLoader)
#include "tst_storeloader.moc"
