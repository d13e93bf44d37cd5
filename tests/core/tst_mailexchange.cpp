// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "exchange/emlfolderwriter.h"
#include "exchange/exclusivefile.h"
#include "exchange/maildirreader.h"
#include "exchange/maildirwriter.h"
#include "exchange/mboxreader.h"
#include "exchange/mboxwriter.h"
#include "exchange/messageexporter.h"
#include "exchange/messageimporter.h"
#include "resulttext.h"
#include "store/messagestore.h"
#include "store/storereader.h"

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

#include <atomic>
#include <memory>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// A message as the corpus holds it: its bytes, envelope sender and received time.
struct Sample
{
    QByteArray bytes;
    QByteArray sender;
    QDateTime received;
};

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Over MessageSpool's 1 MiB, so it is spooled to disk on the way in; long lines and "From "
// lines on both sides of every read chunk.
QByteArray largeMessage()
{
    QByteArray message = "From: big@x.test\r\nTo: b@y.test\r\nSubject: large\r\n\r\n"_ba;
    for (int i = 0; message.size() < 1536 * 1024; ++i) {
        message += "line " + QByteArray::number(i) + ' ' + QByteArray(90 + i % 7, 'a') + "\r\n";
        if (i % 97 == 0)
            message += "From the middle of a big message\r\n>From quoted\r\n";
        if (i % 1009 == 0)
            message += QByteArray(5000, 'z') + "\r\n"; // longer than the reader's smallest piece
    }
    return message;
}

// Messages that test every rule of the formats. None starts with "From ", which as an .eml
// file would be taken for an mbox (see fromFirstLineIsKeptByMboxAndMaildir).
QList<Sample> corpus()
{
    const QDateTime base(QDate(2026, 3, 1), QTime(9, 30, 0), QTimeZone::utc());
    QList<Sample> samples;
    samples.append({"From: Alice <a@x.test>\r\nTo: Bob <b@y.test>\r\nSubject: crlf\r\n\r\n"
                    "From the start of a line\r\n>From once quoted\r\n>>From twice\r\n"
                    "From\r\nFrom:not a separator\r\n\r\nFrom after an empty line\r\n"_ba,
                    "a@x.test", base});
    samples.append({"From: c@x.test\nTo: d@y.test\nCc: e@y.test\nSubject: lf only\n\n"
                    "From here\n\n\n>From there\nend\n"_ba,
                    "c@x.test", base.addSecs(60)});
    samples.append({"From: =?UTF-8?Q?J=C3=B6rg?= <j@x.test>\r\nTo: k@y.test\r\n"
                    "Subject: 8-bit\r\nContent-Type: text/plain; charset=utf-8\r\n"
                    "Content-Transfer-Encoding: 8bit\r\n\r\nGr\xc3\xbc\xc3\x9f"
                    "e \xe2\x9c\x89 and a stray \xff\xfe byte\r\n"_ba,
                    "j@x.test", base.addSecs(120)});
    samples.append({largeMessage(), "big@x.test", base.addSecs(180)});
    samples.append({"From: m@x.test\r\nTo: n@y.test\r\nSubject: empty lines at the end\r\n\r\n"
                    "body\r\n\r\n\r\n"_ba,
                    "m@x.test", base.addSecs(240)});
    samples.append({"From: o@x.test\r\nSubject: ends in an empty line\r\n\r\n"_ba, "o@x.test",
                    base.addSecs(300)});
    return samples;
}

} // namespace

class tst_MailExchange final : public QObject
{
    Q_OBJECT

private slots:
    void fromLineIsAsctimeInUtc();
    void parseFromLine_data();
    void parseFromLine();
    void mboxWriterQuotesFromLines();
    void mboxRoundTripInAnyChunking_data();
    void mboxRoundTripInAnyChunking();
    void mboxReaderAcceptsCrlfFiles();
    void mboxFromLineOnlyAfterEmptyLineSeparates();
    void mboxReaderRefusesOtherFiles();
    void messageWithoutFinalLineBreak();
    void maildirNamesCarryTimeAndFlags();
    void maildirWriterNeverReplacesAFile();
    void maildirReaderSortsAndSkipsTmpAndDotFiles();

    void roundTripMbox();
    void roundTripMaildirKeepsReadFlags();
    void roundTripEml();
    void fromFirstLineIsKeptByMboxAndMaildir();
    void exportSelections();
    void exportRefusesToOverwrite();
    void exportNeverWritesThroughSymlinks_data();
    void exportNeverWritesThroughSymlinks();
    void mboxReplaceReplacesTheLinkNotItsTarget();
    void importsMaildirWrittenByMirror();
    void importManyMessagesKeepsOrder();
    void importEnvelopeAndTimes();
    void cancelImportLeavesStoreUnchanged();
    void cancelExportLeavesNothing_data();
    void cancelExportLeavesNothing();
    void damagedInputsAreReportedPerEntry();

private:
    std::unique_ptr<MessageStore> openStore(const QString &directory);
    QList<qint64> fill(MessageStore &store, const QList<Sample> &samples);
    QList<QByteArray> storedBytes(const QString &directory);
    QList<StoredMessage> storedMessages(const QString &directory);
    ExportReport exportAll(const QString &store, MessageExporter::Format format,
                           const QString &destination);

    QTemporaryDir m_temp;
};

std::unique_ptr<MessageStore> tst_MailExchange::openStore(const QString &directory)
{
    Result<std::unique_ptr<MessageStore>> opened = MessageStore::open(directory);
    if (!opened) {
        qWarning("cannot open the store: %s", qPrintable(opened.error().message));
        return nullptr;
    }
    return std::move(*opened);
}

QList<qint64> tst_MailExchange::fill(MessageStore &store, const QList<Sample> &samples)
{
    for (const Sample &sample : samples) {
        auto spool = std::make_shared<MessageSpool>(store.spoolDirectory());
        if (const Result<void> appended = spool->append(sample.bytes); !appended)
            qFatal("cannot spool: %s", qPrintable(appended.error().message));
        DeliveryRequest request;
        request.session.sessionId = store.allocateSessionId();
        request.session.started = sample.received;
        request.session.remoteAddress = u"127.0.0.1"_s;
        request.received = sample.received;
        request.envelope.mailFrom = sample.sender;
        request.envelope.recipients = {"b@y.test"_ba};
        request.data = spool;
        store.deliver(std::move(request), nullptr, {});
    }
    store.flush();
    QString error;
    auto readerOpened = StoreReader::open(store.directory());
    if (!readerOpened)
        error = readerOpened.error().message;
    const auto reader = readerOpened ? std::move(*readerOpened) : nullptr;
    QList<qint64> ids;
    for (const StoredMessage &message : reader->list())
        ids.append(message.id);
    return ids;
}

QList<StoredMessage> tst_MailExchange::storedMessages(const QString &directory)
{
    QString error;
    auto readerOpened = StoreReader::open(directory);
    if (!readerOpened)
        error = readerOpened.error().message;
    const auto reader = readerOpened ? std::move(*readerOpened) : nullptr;
    return reader ? reader->list() : QList<StoredMessage>();
}

QList<QByteArray> tst_MailExchange::storedBytes(const QString &directory)
{
    QString error;
    auto readerOpened = StoreReader::open(directory);
    if (!readerOpened)
        error = readerOpened.error().message;
    const auto reader = readerOpened ? std::move(*readerOpened) : nullptr;
    QList<QByteArray> result;
    if (!reader)
        return result;
    for (const StoredMessage &message : reader->list())
        result.append(reader->raw(message.id));
    return result;
}

ExportReport tst_MailExchange::exportAll(const QString &store, MessageExporter::Format format,
                                         const QString &destination)
{
    QString error;
    auto readerOpened = StoreReader::open(store);
    if (!readerOpened)
        error = readerOpened.error().message;
    const auto reader = readerOpened ? std::move(*readerOpened) : nullptr;
    if (!reader) {
        ExportReport failed;
        failed.outcome = ExportReport::Outcome::Failed;
        failed.error = Error(ErrorCode::DatabaseError, error);
        return failed;
    }
    MessageExporter exporter(*reader);
    return exporter.run(MessageExporter::Selection::all(), format, destination);
}

// ---------------------------------------------------------------------------------------------
// The formats on their own

void tst_MailExchange::fromLineIsAsctimeInUtc()
{
    const QDateTime berlin(QDate(2026, 11, 8), QTime(5, 43, 40), QTimeZone("Europe/Berlin"));
    QCOMPARE(MboxWriter::fromLine("a@x.test", berlin),
             "From a@x.test Sun Nov  8 04:43:40 2026\n"_ba);
    QCOMPARE(MboxWriter::fromLine("", berlin), "From MAILER-DAEMON Sun Nov  8 04:43:40 2026\n"_ba);
    QCOMPARE(MboxWriter::fromLine("\"a b\"@x.test", berlin),
             "From \"a_b\"@x.test Sun Nov  8 04:43:40 2026\n"_ba);
}

void tst_MailExchange::parseFromLine_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("sender");
    QTest::addColumn<QDateTime>("received");
    const QDateTime when(QDate(2026, 11, 28), QTime(4, 43, 40), QTimeZone::utc());
    QTest::addRow("asctime") << "From a@x.test Sat Nov 28 04:43:40 2026\n"_ba
                             << "a@x.test"_ba << when;
    QTest::addRow("crlf") << "From a@x.test Sat Nov 28 04:43:40 2026\r\n"_ba
                          << "a@x.test"_ba << when;
    QTest::addRow("padded-day") << "From x Sun Nov  8 04:43:40 2026\n"_ba
                                << "x"_ba
                                << QDateTime(QDate(2026, 11, 8), QTime(4, 43, 40),
                                             QTimeZone::utc());
    QTest::addRow("zone-after-year") << "From a Sat Nov 28 05:43:40 2026 +0100\n"_ba
                                     << "a"_ba << when;
    QTest::addRow("zone-before-year") << "From a Sat Nov 28 03:43:40 -0100 2026\n"_ba
                                      << "a"_ba << when;
    QTest::addRow("no-seconds") << "From a Sat Nov 28 04:43 2026\n"_ba
                                << "a"_ba << when.addSecs(-40);
    QTest::addRow("no-date") << "From a\n"_ba
                             << "a"_ba << QDateTime();
    QTest::addRow("garbage-date") << "From a Sat Nov 99 04:43:40 2026\n"_ba
                                  << "a"_ba << QDateTime();
    QTest::addRow("daemon") << "From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n"_ba
                            << "MAILER-DAEMON"_ba
                            << QDateTime::fromMSecsSinceEpoch(0, QTimeZone::utc());
}

void tst_MailExchange::parseFromLine()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, sender);
    QFETCH(QDateTime, received);
    QByteArray parsedSender;
    QDateTime parsedTime;
    QVERIFY(MboxReader::parseFromLine(line, &parsedSender, &parsedTime));
    QCOMPARE(parsedSender, sender);
    QCOMPARE(parsedTime.isValid(), received.isValid());
    if (received.isValid())
        QCOMPARE(parsedTime.toMSecsSinceEpoch(), received.toMSecsSinceEpoch());
    QVERIFY(!MboxReader::parseFromLine(">From a Sat Nov 28 04:43:40 2026\n", &parsedSender,
                                       &parsedTime));
}

void tst_MailExchange::mboxWriterQuotesFromLines()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    MboxWriter writer(&buffer);
    const QDateTime when(QDate(2026, 11, 28), QTime(4, 43, 40), QTimeZone::utc());
    QVERIFY(writer.beginMessage("a@x.test", when));
    // Split inside "From " and inside the quotes, to show the writer decides across chunks.
    for (const QByteArray &chunk :
         {"Subject: x\n\nFr"_ba, "om the start\n>"_ba, ">Fro"_ba, "m twice\nFrom\n>From"_ba,
          " once\nFromage\n From indented\n"_ba})
        QVERIFY(writer.append(chunk));
    QVERIFY(writer.endMessage());
    QVERIFY(writer.beginMessage("", when));
    QVERIFY(writer.append("From"_ba)); // ends undecided, without a line break
    QVERIFY(writer.endMessage());
    QCOMPARE(buffer.data(), "From a@x.test Sat Nov 28 04:43:40 2026\n"
                            "Subject: x\n\n>From the start\n>>>From twice\nFrom\n>>From once\n"
                            "Fromage\n From indented\n\n"
                            "From MAILER-DAEMON Sat Nov 28 04:43:40 2026\nFrom\n\n"_ba);
}

void tst_MailExchange::mboxRoundTripInAnyChunking_data()
{
    QTest::addColumn<int>("writeChunk");
    QTest::addColumn<int>("readChunk");
    QTest::addRow("bytewise") << 1 << 1;
    QTest::addRow("odd") << 7 << 13;
    QTest::addRow("default") << 256 * 1024 << int(MboxReader::kDefaultChunkSize);
}

void tst_MailExchange::mboxRoundTripInAnyChunking()
{
    QFETCH(int, writeChunk);
    QFETCH(int, readChunk);
    QList<Sample> samples = corpus();
    if (writeChunk < 100)
        samples.removeAt(3); // the large one, byte by byte, would only cost time
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    MboxWriter writer(&buffer);
    for (const Sample &sample : samples) {
        QVERIFY(writer.beginMessage(sample.sender, sample.received));
        for (qsizetype offset = 0; offset < sample.bytes.size(); offset += writeChunk)
            QVERIFY(writer.append(
                QByteArrayView(sample.bytes)
                    .sliced(offset, qMin<qsizetype>(writeChunk, sample.bytes.size() - offset))));
        QVERIFY(writer.endMessage());
    }
    buffer.close();
    buffer.open(QIODevice::ReadOnly);
    MboxReader reader(&buffer, readChunk);
    for (const Sample &sample : std::as_const(samples)) {
        QByteArray bytes;
        MboxReader::Message message;
        QCOMPARE(*reader.next(&message,
                              [&bytes](QByteArrayView chunk) -> Result<void> {
                                  bytes.append(chunk);
                                  return {};
                              }),
                 MboxReader::Status::Message);
        QCOMPARE(message.sender, sample.sender);
        QCOMPARE(message.received, sample.received);
        QCOMPARE(bytes.size(), sample.bytes.size());
        QVERIFY(bytes == sample.bytes);
    }
    MboxReader::Message message;
    QCOMPARE(*reader.next(&message, [](QByteArrayView) -> Result<void> { return {}; }),
             MboxReader::Status::End);
}

void tst_MailExchange::mboxReaderAcceptsCrlfFiles()
{
    QByteArray file = "From a@x.test Sat Nov 28 04:43:40 2026\r\nSubject: one\r\n\r\nbody\r\n"
                      ">From quoted\r\n\r\nFrom b@x.test Sat Nov 28 04:44:40 2026\r\n"
                      "Subject: two\r\n\r\nlast\r\n\r\n"_ba;
    QBuffer buffer(&file);
    buffer.open(QIODevice::ReadOnly);
    MboxReader reader(&buffer);
    QList<QByteArray> messages;
    MboxReader::Message message;
    for (;;) {
        QByteArray bytes;
        const auto status = reader.next(&message, [&bytes](QByteArrayView chunk) -> Result<void> {
            bytes.append(chunk);
            return {};
        });
        QVERIFY2(status, qPrintable(status ? QString() : status.error().message));
        if (*status != MboxReader::Status::Message) {
            QCOMPARE(*status, MboxReader::Status::End);
            break;
        }
        messages.append(bytes);
    }
    QCOMPARE(messages, QList<QByteArray>({"Subject: one\r\n\r\nbody\r\nFrom quoted\r\n"_ba,
                                          "Subject: two\r\n\r\nlast\r\n"_ba}));
    QCOMPARE(message.offset, file.indexOf("From b@x.test"));
}

void tst_MailExchange::mboxFromLineOnlyAfterEmptyLineSeparates()
{
    QByteArray file = "From a Sat Nov 28 04:43:40 2026\nSubject: one\n\nbody\nFrom not a new one\n"
                      "\nFrom b Sat Nov 28 04:43:40 2026\n\nFrom c Sat Nov 28 04:43:40 2026\n"
                      "Subject: three\n\nend without separator\n"_ba;
    QBuffer buffer(&file);
    buffer.open(QIODevice::ReadOnly);
    MboxReader reader(&buffer, 5);
    QList<QByteArray> messages;
    QList<QByteArray> senders;
    MboxReader::Message message;
    QByteArray bytes;
    const auto sink = [&bytes](QByteArrayView chunk) -> Result<void> {
        bytes.append(chunk);
        return {};
    };
    while (reader.next(&message, sink).valueOr(MboxReader::Status::End)
           == MboxReader::Status::Message) {
        messages.append(std::exchange(bytes, {}));
        senders.append(message.sender);
    }
    QCOMPARE(senders, QList<QByteArray>({"a"_ba, "b"_ba, "c"_ba}));
    QCOMPARE(messages, QList<QByteArray>({"Subject: one\n\nbody\nFrom not a new one\n"_ba, ""_ba,
                                          "Subject: three\n\nend without separator\n"_ba}));
}

void tst_MailExchange::mboxReaderRefusesOtherFiles()
{
    QByteArray file = "Subject: not an mbox\n\nFrom a Sat Nov 28 04:43:40 2026\n"_ba;
    QBuffer buffer(&file);
    buffer.open(QIODevice::ReadOnly);
    MboxReader reader(&buffer);
    MboxReader::Message message;
    const Result<MboxReader::Status> refused =
        reader.next(&message, [](QByteArrayView) -> Result<void> { return {}; });
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::MalformedInput);
    // The reader cannot continue: it says the same again.
    QCOMPARE(reader.next(&message, [](QByteArrayView) -> Result<void> { return {}; }).error(),
             refused.error());

    QByteArray empty;
    QBuffer emptyBuffer(&empty);
    emptyBuffer.open(QIODevice::ReadOnly);
    MboxReader emptyReader(&emptyBuffer);
    QCOMPARE(*emptyReader.next(&message, [](QByteArrayView) -> Result<void> { return {}; }),
             MboxReader::Status::End);
}

// The one thing mbox cannot hold: a message whose last line has no line break. The writer
// ends that line (CRLF for a CRLF message), and that is what comes back; Maildir and .eml
// files keep such a message exactly.
void tst_MailExchange::messageWithoutFinalLineBreak()
{
    const QByteArray crlf = "Subject: no final break\r\n\r\nlast line"_ba;
    const QByteArray lf = "Subject: no final break\n\nlast line"_ba;
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    MboxWriter writer(&buffer);
    for (const QByteArray &bytes : {crlf, lf}) {
        QVERIFY(writer.beginMessage("a@x.test", QDateTime::currentDateTimeUtc()));
        QVERIFY(writer.append(bytes));
        QVERIFY(writer.endMessage());
    }
    buffer.close();
    buffer.open(QIODevice::ReadOnly);
    MboxReader reader(&buffer);
    QList<QByteArray> messages;
    QByteArray bytes;
    MboxReader::Message message;
    while (reader
               .next(&message,
                     [&bytes](QByteArrayView chunk) -> Result<void> {
                         bytes.append(chunk);
                         return {};
                     })
               .valueOr(MboxReader::Status::End)
           == MboxReader::Status::Message)
        messages.append(std::exchange(bytes, {}));
    QCOMPARE(messages, QList<QByteArray>({crlf + "\r\n", lf + "\n"}));

    // Through a store and a Maildir nothing is added.
    const QString storeDir = m_temp.filePath(u"no-final-break/store"_s);
    const QString copyDir = m_temp.filePath(u"no-final-break/copy"_s);
    const QString maildir = m_temp.filePath(u"no-final-break/maildir"_s);
    const QString emlDir = m_temp.filePath(u"no-final-break/eml"_s);
    {
        auto store = openStore(storeDir);
        QVERIFY(store);
        fill(*store, {{crlf, "a@x.test", QDateTime::currentDateTimeUtc()}});
    }
    QCOMPARE(exportAll(storeDir, MessageExporter::Format::Maildir, maildir).exported, 1);
    QCOMPARE(exportAll(storeDir, MessageExporter::Format::Eml, emlDir).exported, 1);
    auto copy = openStore(copyDir);
    QVERIFY(copy);
    const ImportReport result = MessageImporter(copy.get()).run({maildir, emlDir});
    QVERIFY2(result.problems.isEmpty(), qPrintable(result.problemLines().join(u'\n')));
    QCOMPARE(storedBytes(copyDir), QList<QByteArray>({crlf, crlf}));
}

void tst_MailExchange::maildirNamesCarryTimeAndFlags()
{
    QCOMPARE(MaildirReader::timeFromName(u"1764305020.M123456P99Q1.host,S=10:2,S"),
             QDateTime::fromMSecsSinceEpoch(1764305020123, QTimeZone::utc()));
    QCOMPARE(MaildirReader::timeFromName(u"1764305020.12345_1.host"),
             QDateTime::fromSecsSinceEpoch(1764305020, QTimeZone::utc()));
    QVERIFY(!MaildirReader::timeFromName(u"message.eml").isValid());
    QVERIFY(MaildirReader::seenFromName(u"1.M1P1Q1.h,S=1:2,FRS"));
    QVERIFY(!MaildirReader::seenFromName(u"1.M1P1Q1.h,S=1:2,FR"));
    QVERIFY(!MaildirReader::seenFromName(u"1.M1P1Q1.h,S=1"));

    const QString maildir = m_temp.filePath(u"names/maildir"_s);
    MaildirWriter writer(maildir);
    const Result<void> prepared = MaildirWriter::prepare(maildir);
    QVERIFY2(prepared, qPrintable(prepared.error().message));
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(1764305020123, QTimeZone::utc());
    const auto fill = [](QIODevice *out) -> Result<void> {
        if (out->write("Subject: x\r\n\r\n") != 14)
            return Error(ErrorCode::FileUnwritable, out->errorString());
        return {};
    };
    const Result<QString> unreadPath = writer.write(fill, when, false);
    const Result<QString> readPath = writer.write(fill, when, true);
    QVERIFY(unreadPath && readPath);
    const QString unread = *unreadPath;
    const QString read = *readPath;
    QVERIFY(unread.startsWith(maildir + u"/new/1764305020.M123000P"_s));
    QVERIFY(unread.endsWith(u",S=14"_s));
    QVERIFY(read.startsWith(maildir + u"/cur/1764305020.M123000P"_s));
    QVERIFY(read.endsWith(u",S=14:2,S"_s));
    QVERIFY(QDir(maildir + u"/tmp"_s).isEmpty());
    QCOMPARE(readFile(read), "Subject: x\r\n\r\n"_ba);

    // A failing fill leaves nothing behind.
    const Result<QString> failed = writer.write(
        [](QIODevice *out) -> Result<void> {
            out->write("partial");
            return Error(ErrorCode::FileUnwritable, u"store went away"_s);
        },
        when, false);
    QVERIFY(!failed);
    const QString error = failed.error().message;
    QVERIFY2(error.contains(u"store went away"_s), qPrintable(error));
    QVERIFY(QDir(maildir + u"/tmp"_s).isEmpty());
    QCOMPARE(QDir(maildir + u"/new"_s).count() - 2, 1u);
}

void tst_MailExchange::maildirWriterNeverReplacesAFile()
{
    // A file (or a symlink) already at the final name stays as it is: the writer links into
    // new/, which fails on a taken name, and tries another. rename() would have replaced it.
    const QString maildir = m_temp.filePath(u"noreplace/maildir"_s);
    QVERIFY(MaildirWriter::prepare(maildir));
    MaildirWriter writer(maildir);
    const auto fill = [](QIODevice *out) -> Result<void> {
        out->write("Subject: new\r\n\r\n");
        return {};
    };
    Result<MaildirWriter::Staged> staged = writer.stage(fill, {});
    QVERIFY(staged);
    const QStringList inTmp = QDir(maildir + u"/tmp"_s).entryList(QDir::Files);
    QCOMPARE(inTmp.size(), 1);
    const QString planted = maildir + u"/new/"_s + inTmp.first() + u",S=17"_s;
    QVERIFY(writeFile(planted, "planted"));
    const Result<QString> path = writer.commit(*staged, false);
    QVERIFY2(path, qPrintable(path ? QString() : path.error().message));
    QVERIFY(*path != planted);
    QCOMPARE(readFile(planted), "planted"_ba);
    QCOMPARE(readFile(*path), "Subject: new\r\n\r\n"_ba);
    QVERIFY(QDir(maildir + u"/tmp"_s).isEmpty());
}

void tst_MailExchange::maildirReaderSortsAndSkipsTmpAndDotFiles()
{
    const QString maildir = m_temp.filePath(u"sorting/maildir"_s);
    for (const char *sub : {"tmp", "new", "cur"})
        QVERIFY(QDir().mkpath(maildir + u'/' + QLatin1StringView(sub)));
    QVERIFY(writeFile(maildir + u"/new/300.M0P1Q1.h"_s, "third"));
    QVERIFY(writeFile(maildir + u"/cur/100.M5P1Q1.h:2,S"_s, "first"));
    QVERIFY(writeFile(maildir + u"/cur/200.M0P1Q1.h:2,"_s, "second"));
    QVERIFY(writeFile(maildir + u"/cur/no-time-at-all"_s, "last"));
    QVERIFY(writeFile(maildir + u"/tmp/150.M0P1Q1.h"_s, "in delivery"));
    QVERIFY(writeFile(maildir + u"/new/.hidden"_s, "dot file"));
    const auto entries = MaildirReader::list(maildir);
    QVERIFY2(entries, qPrintable(errorText(entries)));
    QStringList contents;
    QList<bool> seen;
    for (const MaildirReader::Entry &entry : *entries) {
        contents.append(QString::fromLatin1(readFile(entry.path)));
        seen.append(entry.seen);
    }
    QCOMPARE(contents, QStringList({u"first"_s, u"second"_s, u"third"_s, u"last"_s}));
    QCOMPARE(seen, QList<bool>({true, false, false, false}));
    const auto notAMaildir = MaildirReader::list(m_temp.filePath(u"sorting"_s));
    QVERIFY(!notAMaildir);
    QCOMPARE(notAMaildir.error().code, ErrorCode::MalformedInput);
}

// ---------------------------------------------------------------------------------------------
// Through a real store

void tst_MailExchange::roundTripMbox()
{
    const QString dir = m_temp.filePath(u"mbox-trip"_s);
    const QList<Sample> samples = corpus();
    {
        auto store = openStore(dir + u"/a"_s);
        QVERIFY(store);
        QCOMPARE(fill(*store, samples).size(), samples.size());
    }
    const auto first = exportAll(dir + u"/a"_s, MessageExporter::Format::Mbox, dir + u"/a.mbox"_s);
    QCOMPARE(first.outcome, ExportReport::Outcome::Finished);
    QCOMPARE(first.exported, samples.size());
    const QByteArray mbox = readFile(dir + u"/a.mbox"_s);
    QVERIFY(mbox.startsWith("From a@x.test Sun Mar  1 09:30:00 2026\n"));
    QVERIFY(
        mbox.contains("\r\n>From the start of a line\r\n>>From once quoted\r\n>>>From twice\r\n"));

    {
        auto store = openStore(dir + u"/b"_s);
        QVERIFY(store);
        const ImportReport result = MessageImporter(store.get()).run({dir + u"/a.mbox"_s});
        QVERIFY2(result.problems.isEmpty(), qPrintable(result.problemLines().join(u'\n')));
        QCOMPARE(result.ids.size(), samples.size());
        QCOMPARE(result.sources, 1);
    }
    const QList<QByteArray> bytes = storedBytes(dir + u"/b"_s);
    QCOMPARE(bytes.size(), samples.size());
    for (qsizetype i = 0; i < samples.size(); ++i)
        QVERIFY2(bytes.at(i) == samples.at(i).bytes, qPrintable(u"message %1"_s.arg(i)));
    const QList<StoredMessage> imported = storedMessages(dir + u"/b"_s);
    for (qsizetype i = 0; i < samples.size(); ++i) {
        QCOMPARE(imported.at(i).received, samples.at(i).received);
        QCOMPARE(imported.at(i).mailFrom, samples.at(i).sender);
        QCOMPARE(imported.at(i).remoteAddress, u"import"_s);
    }

    const auto second = exportAll(dir + u"/b"_s, MessageExporter::Format::Mbox, dir + u"/b.mbox"_s);
    QCOMPARE(second.exported, samples.size());
    QVERIFY(readFile(dir + u"/b.mbox"_s) == mbox);
}

void tst_MailExchange::roundTripMaildirKeepsReadFlags()
{
    const QString dir = m_temp.filePath(u"maildir-trip"_s);
    const QList<Sample> samples = corpus();
    {
        auto store = openStore(dir + u"/a"_s);
        QVERIFY(store);
        const QList<qint64> ids = fill(*store, samples);
        store->setRead({ids.at(0), ids.at(3)}, true);
        store->flush();
    }
    const auto first =
        exportAll(dir + u"/a"_s, MessageExporter::Format::Maildir, dir + u"/maildir"_s);
    QCOMPARE(first.outcome, ExportReport::Outcome::Finished);
    QCOMPARE(QDir(dir + u"/maildir/cur"_s).entryList(QDir::Files).size(), 2);
    QCOMPARE(QDir(dir + u"/maildir/new"_s).entryList(QDir::Files).size(), samples.size() - 2);
    for (const QString &name : QDir(dir + u"/maildir/cur"_s).entryList(QDir::Files))
        QVERIFY2(name.endsWith(u":2,S"_s), qPrintable(name));
    QVERIFY(QDir(dir + u"/maildir/tmp"_s).isEmpty());
    QCOMPARE(MessageExporter::defaultFormat(dir + u"/maildir"_s), MessageExporter::Format::Maildir);

    {
        auto store = openStore(dir + u"/b"_s);
        QVERIFY(store);
        const auto result = MessageImporter(store.get()).run({dir + u"/maildir"_s});
        QVERIFY2(result.problems.isEmpty(), qPrintable(result.problemLines().join(u'\n')));
    }
    QCOMPARE(storedBytes(dir + u"/b"_s).size(), samples.size());
    const QList<QByteArray> bytes = storedBytes(dir + u"/b"_s);
    const QList<StoredMessage> imported = storedMessages(dir + u"/b"_s);
    for (qsizetype i = 0; i < samples.size(); ++i) {
        QVERIFY2(bytes.at(i) == samples.at(i).bytes, qPrintable(u"message %1"_s.arg(i)));
        QCOMPARE(imported.at(i).read, i == 0 || i == 3);
        QCOMPARE(imported.at(i).received, samples.at(i).received);
    }

    // And once more: the same files, the same flags.
    const auto second =
        exportAll(dir + u"/b"_s, MessageExporter::Format::Maildir, dir + u"/maildir2"_s);
    QCOMPARE(second.exported, samples.size());
    for (const char *sub : {"new", "cur"}) {
        const auto contents = [&](const QString &root) {
            QList<QByteArray> result;
            const QDir folder(root + u'/' + QLatin1StringView(sub));
            for (const QString &name : folder.entryList(QDir::Files, QDir::Name))
                result.append(readFile(folder.filePath(name)));
            return result;
        };
        QCOMPARE(contents(dir + u"/maildir2"_s), contents(dir + u"/maildir"_s));
    }
}

void tst_MailExchange::roundTripEml()
{
    const QString dir = m_temp.filePath(u"eml-trip"_s);
    const QList<Sample> samples = corpus();
    {
        auto store = openStore(dir + u"/a"_s);
        QVERIFY(store);
        fill(*store, samples);
    }
    QCOMPARE(MessageExporter::defaultFormat(dir + u"/eml"_s), MessageExporter::Format::Eml);
    const auto first = exportAll(dir + u"/a"_s, MessageExporter::Format::Eml, dir + u"/eml"_s);
    QCOMPARE(first.outcome, ExportReport::Outcome::Finished);
    const QStringList names = QDir(dir + u"/eml"_s).entryList(QDir::Files, QDir::Name);
    QCOMPARE(names.first(), u"000001.eml"_s);
    QCOMPARE(names.size(), samples.size());
    for (qsizetype i = 0; i < samples.size(); ++i)
        QVERIFY(readFile(dir + u"/eml/"_s + names.at(i)) == samples.at(i).bytes);

    {
        auto store = openStore(dir + u"/b"_s);
        QVERIFY(store);
        const auto result = MessageImporter(store.get()).run({dir + u"/eml"_s});
        QVERIFY2(result.problems.isEmpty(), qPrintable(result.problemLines().join(u'\n')));
        QCOMPARE(result.ids.size(), samples.size());
    }
    const QList<QByteArray> bytes = storedBytes(dir + u"/b"_s);
    QCOMPARE(bytes.size(), samples.size());
    for (qsizetype i = 0; i < samples.size(); ++i)
        QVERIFY2(bytes.at(i) == samples.at(i).bytes, qPrintable(u"message %1"_s.arg(i)));

    const auto second = exportAll(dir + u"/b"_s, MessageExporter::Format::Eml, dir + u"/eml2"_s);
    QCOMPARE(second.exported, samples.size());
    QCOMPARE(QDir(dir + u"/eml2"_s).entryList(QDir::Files, QDir::Name), names);
    for (const QString &name : names)
        QVERIFY(readFile(dir + u"/eml2/"_s + name) == readFile(dir + u"/eml/"_s + name));
}

// A message whose first line starts with "From " (an mbox leftover) survives mbox, where the
// writer quotes it, and Maildir. As a lone .eml file it would be taken for an mbox.
void tst_MailExchange::fromFirstLineIsKeptByMboxAndMaildir()
{
    const QString dir = m_temp.filePath(u"from-first"_s);
    const QByteArray bytes =
        "From nobody Mon Jan  1 00:00:00 2001\r\nSubject: x\r\n\r\nbody\r\n"_ba;
    {
        auto store = openStore(dir + u"/a"_s);
        QVERIFY(store);
        fill(*store, {{bytes, "a@x.test", QDateTime::currentDateTimeUtc()}});
    }
    QCOMPARE(exportAll(dir + u"/a"_s, MessageExporter::Format::Mbox, dir + u"/a.mbox"_s).exported,
             1);
    QCOMPARE(
        exportAll(dir + u"/a"_s, MessageExporter::Format::Maildir, dir + u"/maildir"_s).exported,
        1);
    auto store = openStore(dir + u"/b"_s);
    QVERIFY(store);
    const auto result = MessageImporter(store.get()).run({dir + u"/a.mbox"_s, dir + u"/maildir"_s});
    QVERIFY2(result.problems.isEmpty(), qPrintable(result.problemLines().join(u'\n')));
    QCOMPARE(storedBytes(dir + u"/b"_s), QList<QByteArray>({bytes, bytes}));
}

void tst_MailExchange::exportSelections()
{
    const QString dir = m_temp.filePath(u"selections"_s);
    const QList<Sample> samples = corpus();
    QList<qint64> ids;
    {
        auto store = openStore(dir + u"/a"_s);
        QVERIFY(store);
        ids = fill(*store, samples);
    }
    QString error;
    auto readerOpened = StoreReader::open(dir + u"/a"_s);
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    const auto reader = std::move(*readerOpened);
    MessageExporter exporter(*reader);
    QList<std::pair<qint64, qint64>> progress;
    exporter.setProgressCallback([&progress](qint64 done, qint64 total) {
        progress.append({done, total});
    });

    auto result = exporter.run(MessageExporter::Selection::ofIds({ids.at(2), 4711, ids.at(0)}),
                               MessageExporter::Format::Eml, dir + u"/ids"_s);
    QCOMPARE(result.outcome, ExportReport::Outcome::Finished);
    QCOMPARE(result.exported, 2);
    QCOMPARE(result.skippedLines(), QStringList({u"no message 4711"_s}));
    QCOMPARE(result.skipped.first().code, ErrorCode::NotFound);
    QCOMPARE(
        QDir(dir + u"/ids"_s).entryList(QDir::Files, QDir::Name),
        QStringList({EmlFolderWriter::fileName(ids.at(0)), EmlFolderWriter::fileName(ids.at(2))}));
    QCOMPARE(progress, (QList<std::pair<qint64, qint64>>{{0, 2}, {1, 2}, {2, 2}}));

    result = exporter.run(MessageExporter::Selection::ofQuery(u"subject:crlf OR subject:large"_s),
                          MessageExporter::Format::Mbox, dir + u"/query.mbox"_s);
    QCOMPARE(result.exported, 2);
    const QByteArray mbox = readFile(dir + u"/query.mbox"_s);
    QVERIFY(mbox.indexOf("Subject: crlf") < mbox.indexOf("Subject: large")); // oldest first

    result = exporter.run(MessageExporter::Selection::ofQuery(u"(unbalanced"_s),
                          MessageExporter::Format::Mbox, dir + u"/bad.mbox"_s);
    QCOMPARE(result.outcome, ExportReport::Outcome::Failed);
    QCOMPARE(result.error.code, ErrorCode::InvalidValue);
    QVERIFY2(result.error.message.startsWith(u"query: "_s), qPrintable(result.error.message));
    QVERIFY(!QFile::exists(dir + u"/bad.mbox"_s));
}

void tst_MailExchange::exportRefusesToOverwrite()
{
    const QString dir = m_temp.filePath(u"overwrite"_s);
    {
        auto store = openStore(dir + u"/a"_s);
        QVERIFY(store);
        fill(*store, corpus().mid(0, 2));
    }
    QVERIFY(writeFile(dir + u"/old.mbox"_s, "precious"));
    auto result = exportAll(dir + u"/a"_s, MessageExporter::Format::Mbox, dir + u"/old.mbox"_s);
    QCOMPARE(result.outcome, ExportReport::Outcome::Failed);
    QCOMPARE(result.error.code, ErrorCode::FileExists);
    QCOMPARE(result.error.field, dir + u"/old.mbox"_s);
    QCOMPARE(readFile(dir + u"/old.mbox"_s), "precious"_ba);

    QVERIFY(QDir().mkpath(dir + u"/eml"_s));
    QVERIFY(writeFile(dir + u"/eml/000002.eml"_s, "precious"));
    result = exportAll(dir + u"/a"_s, MessageExporter::Format::Eml, dir + u"/eml"_s);
    QCOMPARE(result.outcome, ExportReport::Outcome::Failed);
    QCOMPARE(QDir(dir + u"/eml"_s).entryList(QDir::Files), QStringList({u"000002.eml"_s}));
    QCOMPARE(readFile(dir + u"/eml/000002.eml"_s), "precious"_ba);

    // A folder with other things in it is no Maildir to write into.
    result = exportAll(dir + u"/a"_s, MessageExporter::Format::Maildir, dir + u"/eml"_s);
    QCOMPARE(result.outcome, ExportReport::Outcome::Failed);
    QVERIFY(!QFile::exists(dir + u"/eml/new"_s));
}

void tst_MailExchange::exportNeverWritesThroughSymlinks_data()
{
    QTest::addColumn<MessageExporter::Format>("format");
    QTest::addColumn<QString>("destination");
    QTest::addColumn<QString>("link"); ///< where the planted symlink goes; %1: the first .eml name
    QTest::addColumn<bool>("victimExists");
    using Format = MessageExporter::Format;
    QTest::addRow("eml-dangling") << Format::Eml << u"eml"_s << u"eml/%1"_s << false;
    QTest::addRow("eml-to-file") << Format::Eml << u"eml"_s << u"eml/%1"_s << true;
    QTest::addRow("mbox-dangling") << Format::Mbox << u"out.mbox"_s << u"out.mbox"_s << false;
    QTest::addRow("mbox-to-file") << Format::Mbox << u"out.mbox"_s << u"out.mbox"_s << true;
    QTest::addRow("maildir-dangling") << Format::Maildir << u"maildir"_s << u"maildir"_s << false;
    QTest::addRow("maildir-new-dangling")
        << Format::Maildir << u"maildir"_s << u"maildir/new"_s << false;
    QTest::addRow("maildir-to-file") << Format::Maildir << u"maildir"_s << u"maildir"_s << true;
}

// Someone who can write where the export goes plants a symlink under a name the export will
// use. The export must fail and leave whatever the link points at as it was: not created, not
// written.
void tst_MailExchange::exportNeverWritesThroughSymlinks()
{
    QFETCH(MessageExporter::Format, format);
    QFETCH(QString, destination);
    QFETCH(QString, link);
    QFETCH(bool, victimExists);
    const QString storeDir = m_temp.filePath(u"symlinks/store"_s);
    if (!QFile::exists(storeDir)) {
        auto store = openStore(storeDir);
        QVERIFY(store);
        fill(*store, corpus().mid(0, 2));
    }
    const QList<StoredMessage> messages = storedMessages(storeDir);
    QVERIFY(!messages.isEmpty());
    const QString dir =
        m_temp.filePath(u"symlinks/"_s + QLatin1StringView(QTest::currentDataTag()));
    QVERIFY(QDir().mkpath(dir));
    const QString victim = dir + u"/victim"_s;
    if (victimExists)
        QVERIFY(writeFile(victim, "precious"));
    const QString linkPath =
        dir + u'/'
        + (link.contains(u"%1"_s) ? link.arg(EmlFolderWriter::fileName(messages.first().id))
                                  : link);
    QVERIFY(QDir().mkpath(QFileInfo(linkPath).path()));
    if (format == MessageExporter::Format::Maildir && link.endsWith(u"/new"_s)) {
        QVERIFY(QDir().mkpath(dir + u"/maildir/tmp"_s));
        QVERIFY(QDir().mkpath(dir + u"/maildir/cur"_s));
    }
    QVERIFY(QFile::link(victim, linkPath));

    const auto result = exportAll(storeDir, format, dir + u'/' + destination);
    QCOMPARE(result.outcome, ExportReport::Outcome::Failed);
    QCOMPARE(result.exported, 0);
    QVERIFY2(result.error.message.contains(dir), qPrintable(result.error.message));
    if (victimExists)
        QCOMPARE(readFile(victim), "precious"_ba);
    else
        QVERIFY(!ExclusiveFile::nameTaken(victim));
    QVERIFY(QFileInfo(linkPath).isSymLink());
    // Nothing of the failed run is left: no temporary file, no message file.
    QStringList left;
    for (QDirIterator it(dir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                         QDirIterator::Subdirectories);
         it.hasNext();) {
        const QString path = it.next();
        if (!QFileInfo(path).isDir() || QFileInfo(path).isSymLink())
            left.append(path);
    }
    QStringList expected = {linkPath};
    if (victimExists)
        expected.append(victim);
    left.sort();
    expected.sort();
    QCOMPARE(left, expected);
}

// A replace the user asked for replaces the name: the link goes, its target stays untouched.
void tst_MailExchange::mboxReplaceReplacesTheLinkNotItsTarget()
{
    const QString storeDir = m_temp.filePath(u"replace-link/store"_s);
    {
        auto store = openStore(storeDir);
        QVERIFY(store);
        fill(*store, corpus().mid(0, 2));
    }
    const QString dir = m_temp.filePath(u"replace-link"_s);
    QVERIFY(writeFile(dir + u"/victim"_s, "precious"));
    QVERIFY(QFile::link(dir + u"/victim"_s, dir + u"/to-file.mbox"_s));
    QVERIFY(QFile::link(dir + u"/missing"_s, dir + u"/dangling.mbox"_s));

    QString error;
    auto readerOpened = StoreReader::open(storeDir);
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    const auto reader = std::move(*readerOpened);
    MessageExporter exporter(*reader);
    exporter.setReplaceExisting(true);
    for (const QString &name : {u"to-file.mbox"_s, u"dangling.mbox"_s}) {
        const QString target = dir + u'/' + name;
        const auto result =
            exporter.run(MessageExporter::Selection::all(), MessageExporter::Format::Mbox, target);
        QCOMPARE(result.outcome, ExportReport::Outcome::Finished);
        QVERIFY(!QFileInfo(target).isSymLink());
        QVERIFY(readFile(target).startsWith("From a@x.test "));
    }
    QCOMPARE(readFile(dir + u"/victim"_s), "precious"_ba);
    QVERIFY(!ExclusiveFile::nameTaken(dir + u"/missing"_s));
}

void tst_MailExchange::importsMaildirWrittenByMirror()
{
    const QString dir = m_temp.filePath(u"mirror"_s);
    const QList<Sample> samples = corpus();
    {
        auto store = openStore(dir + u"/a"_s);
        QVERIFY(store);
        QString error;
        QVERIFY(store->setMaildirMirror(dir + u"/mirror"_s));
        fill(*store, samples);
    }
    QCOMPARE(QDir(dir + u"/mirror/new"_s).entryList(QDir::Files).size(), samples.size());
    auto store = openStore(dir + u"/b"_s);
    QVERIFY(store);
    const auto result = MessageImporter(store.get()).run({dir + u"/mirror"_s});
    QVERIFY2(result.problems.isEmpty(), qPrintable(result.problemLines().join(u'\n')));
    // The mirror names carry the time of mirroring, all within the same few moments, so
    // compare as sets.
    QList<QByteArray> stored = storedBytes(dir + u"/b"_s);
    QList<QByteArray> expected;
    for (const Sample &sample : samples)
        expected.append(sample.bytes);
    std::sort(stored.begin(), stored.end());
    std::sort(expected.begin(), expected.end());
    QVERIFY(stored == expected);
}

void tst_MailExchange::importManyMessagesKeepsOrder()
{
    // More than MessageImporter::kMaxInFlight, so the importer has to wait for commits.
    const QString dir = m_temp.filePath(u"many"_s);
    QVERIFY(QDir().mkpath(dir));
    QByteArray mbox;
    const int count = 3 * MessageImporter::kMaxInFlight + 17;
    for (int i = 0; i < count; ++i) {
        mbox += "From sender@x.test Sat Nov 28 04:43:40 2026\n"
                "From: sender@x.test\nTo: r@y.test\nSubject: number "
                + QByteArray::number(i) + "\n\nbody\n\n";
    }
    QVERIFY(writeFile(dir + u"/many.mbox"_s, mbox));
    auto store = openStore(dir + u"/store"_s);
    QVERIFY(store);
    MessageImporter importer(store.get());
    QList<MessageImporter::Progress> progress;
    importer.setProgressCallback(
        [&progress](const MessageImporter::Progress &p) { progress.append(p); });
    const auto result = importer.run({dir + u"/many.mbox"_s});
    QVERIFY2(result.problems.isEmpty(), qPrintable(result.problemLines().join(u'\n')));
    QCOMPARE(result.ids.size(), count);
    QVERIFY(std::is_sorted(result.ids.begin(), result.ids.end()));
    const QList<StoredMessage> stored = storedMessages(dir + u"/store"_s);
    QCOMPARE(stored.size(), count);
    for (int i = 0; i < count; ++i)
        QCOMPARE(stored.at(i).subject, u"number %1"_s.arg(i));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().imported, count);
    QCOMPARE(progress.last().bytesDone, mbox.size());
    QCOMPARE(progress.last().bytesTotal, mbox.size());
    // An import is not an SMTP session: no message has one.
    for (const StoredMessage &message : stored)
        QCOMPARE(message.sessionId, quint64(0));
}

void tst_MailExchange::importEnvelopeAndTimes()
{
    const QString dir = m_temp.filePath(u"envelope"_s);
    QVERIFY(QDir().mkpath(dir + u"/folder"_s));
    QVERIFY(writeFile(dir + u"/folder/b-dated.eml"_s,
                      "From: Ann <ann@x.test>\r\nTo: b@y.test, Carl <c@y.test>\r\n"
                      "Cc: d@y.test\r\nBcc: hidden@y.test\r\n"
                      "Date: Tue, 03 Mar 2026 10:00:00 +0100\r\nSubject: dated\r\n\r\nx\r\n"));
    QVERIFY(writeFile(dir + u"/folder/a-undated.eml"_s, "Subject: undated\r\n\r\nx\r\n"));
    QVERIFY(writeFile(dir + u"/folder/ignored.txt"_s, "Subject: not an eml\r\n\r\nx\r\n"));
    const QDateTime mtime(QDate(2025, 1, 2), QTime(3, 4, 5), QTimeZone::utc());
    {
        QFile file(dir + u"/folder/a-undated.eml"_s);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(mtime, QFileDevice::FileModificationTime));
    }
    QVERIFY(writeFile(dir + u"/python.mbox"_s,
                      "From MAILER-DAEMON Wed Mar  4 12:00:00 2026\n"
                      "From: eve@x.test\nTo: f@y.test\nSubject: mbox\n\nbody\n\n"));
    auto store = openStore(dir + u"/store"_s);
    QVERIFY(store);
    const quint64 sessionBefore = store->allocateSessionId();
    const auto result =
        MessageImporter(store.get()).run({dir + u"/folder"_s, dir + u"/python.mbox"_s});
    QVERIFY2(result.problems.isEmpty(), qPrintable(result.problemLines().join(u'\n')));
    QCOMPARE(result.sources, 2);
    const QList<StoredMessage> stored = storedMessages(dir + u"/store"_s);
    QCOMPARE(stored.size(), 3);
    // oldest first: the undated one (file time), the dated one, the mbox one
    QCOMPARE(stored.at(0).subject, u"undated"_s);
    QCOMPARE(stored.at(0).received, mtime);
    QCOMPARE(stored.at(0).mailFrom, QByteArray());
    QCOMPARE(stored.at(0).heloName, u"a-undated.eml"_s);
    QCOMPARE(stored.at(1).subject, u"dated"_s);
    QCOMPARE(stored.at(1).received, QDateTime(QDate(2026, 3, 3), QTime(9, 0, 0), QTimeZone::utc()));
    QCOMPARE(stored.at(1).mailFrom, "ann@x.test"_ba);
    QCOMPARE(stored.at(1).recipients,
             QList<QByteArray>({"b@y.test"_ba, "c@y.test"_ba, "d@y.test"_ba, "hidden@y.test"_ba}));
    QCOMPARE(stored.at(2).subject, u"mbox"_s);
    QCOMPARE(stored.at(2).received,
             QDateTime(QDate(2026, 3, 4), QTime(12, 0, 0), QTimeZone::utc()));
    // MAILER-DAEMON is no address: the From header gives the sender.
    QCOMPARE(stored.at(2).mailFrom, "eve@x.test"_ba);
    QCOMPARE(stored.at(0).remoteAddress, u"import"_s);

    // The import is neither a session in the store nor a number taken from the SMTP sessions:
    // the next session follows the one before the import.
    for (const StoredMessage &message : stored)
        QCOMPARE(message.sessionId, quint64(0));
    QCOMPARE(store->allocateSessionId(), sessionBefore + 1);
    auto readerOpened = StoreReader::open(dir + u"/store"_s);
    QVERIFY2(readerOpened, qPrintable(readerOpened ? QString() : readerOpened.error().message));
    QVERIFY((*readerOpened)->recentSessions(10).isEmpty());
}

void tst_MailExchange::cancelImportLeavesStoreUnchanged()
{
    const QString dir = m_temp.filePath(u"cancel-import"_s);
    const QList<Sample> samples = corpus();
    {
        auto store = openStore(dir + u"/a"_s);
        QVERIFY(store);
        fill(*store, samples);
    }
    QCOMPARE(exportAll(dir + u"/a"_s, MessageExporter::Format::Mbox, dir + u"/a.mbox"_s).exported,
             samples.size());
    QCOMPARE(exportAll(dir + u"/a"_s, MessageExporter::Format::Eml, dir + u"/eml"_s).exported,
             samples.size());

    auto store = openStore(dir + u"/b"_s);
    QVERIFY(store);
    fill(*store, corpus().mid(1, 1));
    const QList<QByteArray> before = storedBytes(dir + u"/b"_s);
    QCOMPARE(before.size(), 1);

    std::atomic_bool cancel{false};
    MessageImporter importer(store.get());
    importer.setCancelFlag(&cancel);
    qint64 calls = 0;
    importer.setProgressCallback([&](const MessageImporter::Progress &progress) {
        ++calls;
        if (progress.bytesDone > 0 && calls == 3)
            cancel = true;
    });
    const auto result = importer.run({dir + u"/eml"_s, dir + u"/a.mbox"_s});
    QVERIFY(result.cancelled);
    QVERIFY(result.ids.isEmpty());
    QCOMPARE(calls, 4); // three entries, then the final report after the cancel
    QCOMPARE(storedBytes(dir + u"/b"_s), before);

    // Cancelled after everything was read: still nothing stays.
    cancel = false;
    importer.setProgressCallback([&](const MessageImporter::Progress &progress) {
        if (progress.bytesDone == progress.bytesTotal)
            cancel = true;
    });
    QVERIFY(importer.run({dir + u"/a.mbox"_s}).cancelled);
    QCOMPARE(storedBytes(dir + u"/b"_s), before);

    // Without the flag the same import goes through.
    cancel = false;
    importer.setProgressCallback({});
    QCOMPARE(importer.run({dir + u"/a.mbox"_s}).ids.size(), samples.size());
    QCOMPARE(storedBytes(dir + u"/b"_s).size(), samples.size() + 1);
}

void tst_MailExchange::cancelExportLeavesNothing_data()
{
    QTest::addColumn<MessageExporter::Format>("format");
    QTest::addColumn<QString>("destination");
    QTest::addColumn<bool>("destinationExists");
    QTest::addRow("mbox") << MessageExporter::Format::Mbox << u"out.mbox"_s << false;
    QTest::addRow("eml") << MessageExporter::Format::Eml << u"eml"_s << false;
    QTest::addRow("eml-existing-folder") << MessageExporter::Format::Eml << u"eml2"_s << true;
    QTest::addRow("maildir") << MessageExporter::Format::Maildir << u"maildir"_s << false;
    QTest::addRow("maildir-existing") << MessageExporter::Format::Maildir << u"maildir2"_s << true;
}

void tst_MailExchange::cancelExportLeavesNothing()
{
    QFETCH(MessageExporter::Format, format);
    QFETCH(QString, destination);
    QFETCH(bool, destinationExists);
    const QString dir = m_temp.filePath(u"cancel-export"_s);
    if (!QFile::exists(dir + u"/store"_s)) {
        auto store = openStore(dir + u"/store"_s);
        QVERIFY(store);
        fill(*store, corpus());
    }
    const QString target = dir + u'/' + destination;
    if (destinationExists) {
        QVERIFY(QDir().mkpath(target));
        if (format == MessageExporter::Format::Maildir) {
            QVERIFY(MaildirWriter::prepare(target));
            QVERIFY(writeFile(target + u"/cur/1.M1P1Q1.h:2,S"_s, "kept"));
        }
    }
    QString error;
    auto readerOpened = StoreReader::open(dir + u"/store"_s);
    QVERIFY2(readerOpened, qPrintable(errorText(readerOpened)));
    const auto reader = std::move(*readerOpened);
    std::atomic_bool cancel{false};
    MessageExporter exporter(*reader);
    exporter.setCancelFlag(&cancel);
    exporter.setProgressCallback([&cancel](qint64 done, qint64) {
        if (done == 3)
            cancel = true;
    });
    const auto result = exporter.run(MessageExporter::Selection::all(), format, target);
    QCOMPARE(result.outcome, ExportReport::Outcome::Cancelled);
    QCOMPARE(result.exported, 0);
    if (!destinationExists) {
        QVERIFY(!QFileInfo::exists(target));
        QCOMPARE(QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 QStringList({u"store"_s}));
    } else if (format == MessageExporter::Format::Maildir) {
        QVERIFY(QDir(target + u"/new"_s).isEmpty());
        QVERIFY(QDir(target + u"/tmp"_s).isEmpty());
        QCOMPARE(QDir(target + u"/cur"_s).entryList(QDir::Files),
                 QStringList({u"1.M1P1Q1.h:2,S"_s}));
        QVERIFY(QDir(target).removeRecursively());
    } else {
        QVERIFY(QDir(target).isEmpty());
        QVERIFY(QDir(target).removeRecursively());
    }
}

void tst_MailExchange::damagedInputsAreReportedPerEntry()
{
    const QString dir = m_temp.filePath(u"damaged"_s);
    QVERIFY(QDir().mkpath(dir + u"/folder"_s));
    QVERIFY(writeFile(dir + u"/empty.eml"_s, {}));
    QVERIFY(writeFile(dir + u"/blank.eml"_s, "\r\n\r\n"));
    QVERIFY(writeFile(dir + u"/nothing.mbox"_s, "From a Sat Nov 28 04:43:40 2026\n"));
    QVERIFY(writeFile(dir + u"/fake.mbox"_s, "Subject: I am no mbox\n\nx\n"));
    const QByteArray mixed = "From a Sat Nov 28 04:43:40 2026\nSubject: good one\n\nx\n\n"
                             "From b Sat Nov 28 04:43:40 2026\n\n"
                             "From c Sat Nov 28 04:43:40 2026\nSubject: good two\n\ny\n\n"_ba;
    QVERIFY(writeFile(dir + u"/mixed.mbox"_s, mixed));
    QVERIFY(writeFile(dir + u"/folder/good.eml"_s, "Subject: good three\r\n\r\nz\r\n"));
    QVERIFY(writeFile(dir + u"/folder/zero.eml"_s, {}));
    QVERIFY(QDir().mkpath(dir + u"/no-eml-here"_s));
    const QString unreadable = dir + u"/folder/unreadable.eml"_s;
    QVERIFY(writeFile(unreadable, "Subject: locked\r\n\r\nz\r\n"));
    QVERIFY(QFile::setPermissions(unreadable, QFileDevice::Permissions()));
    // root reads anything; then the file is simply imported.
    const bool canLockOut = ::geteuid() != 0;

    auto store = openStore(dir + u"/store"_s);
    QVERIFY(store);
    const auto result =
        MessageImporter(store.get())
            .run({dir + u"/empty.eml"_s, dir + u"/blank.eml"_s, dir + u"/nothing.mbox"_s,
                  dir + u"/fake.mbox"_s, dir + u"/mixed.mbox"_s, dir + u"/folder"_s,
                  dir + u"/no-eml-here"_s, dir + u"/missing.eml"_s});
    QVERIFY(!result.cancelled);
    QCOMPARE(result.sources, 8);
    const QStringList expected = {
        dir + u"/empty.eml: empty file"_s,
        dir + u"/fake.mbox: not an mbox file (it does not start with a \"From \" line)"_s,
        dir + u"/no-eml-here: no .eml files in this folder"_s,
        dir + u"/missing.eml: no such file or folder"_s,
        dir + u"/blank.eml: empty message"_s,
        dir + u"/nothing.mbox: message 1 (at byte 0): empty message"_s,
        dir + u"/mixed.mbox: message 2 (at byte %1): empty message"_s.arg(mixed.indexOf("From b")),
    };
    QStringList errors = result.problemLines();
    if (canLockOut) {
        QCOMPARE(errors.size(), expected.size() + 2);
        QVERIFY(errors.removeOne(unreadable + u": cannot open: Permission denied"_s));
    } else {
        QCOMPARE(errors.size(), expected.size() + 1);
    }
    QVERIFY(errors.removeOne(dir + u"/folder/zero.eml: empty message"_s));
    QCOMPARE(errors, expected);
    for (const QString &error : result.problemLines())
        QVERIFY2(!error.contains(u'\n'), qPrintable(error));
    // Callers tell the cases apart by code.
    QHash<QString, ErrorCode> codes;
    for (const Error &problem : result.problems)
        codes.insert(problem.field, problem.code);
    QCOMPARE(codes.value(dir + u"/missing.eml"_s), ErrorCode::FileNotFound);
    QCOMPARE(codes.value(dir + u"/fake.mbox"_s), ErrorCode::MalformedInput);
    QCOMPARE(codes.value(dir + u"/blank.eml"_s), ErrorCode::MalformedInput);
    if (canLockOut)
        QCOMPARE(codes.value(unreadable), ErrorCode::FileUnreadable);

    QStringList subjects;
    for (const StoredMessage &message : storedMessages(dir + u"/store"_s))
        subjects.append(message.subject);
    std::sort(subjects.begin(), subjects.end());
    QStringList expectedSubjects = {u"good one"_s, u"good three"_s, u"good two"_s};
    if (!canLockOut)
        expectedSubjects.append(u"locked"_s);
    QCOMPARE(subjects, expectedSubjects);
    QCOMPARE(result.ids.size(), expectedSubjects.size());
}

QTEST_GUILESS_MAIN(tst_MailExchange)
#include "tst_mailexchange.moc"
