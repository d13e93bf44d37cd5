// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "models/attachmentfolder.h"
#include "resulttext.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace {

int modeOf(const QString &path)
{
    struct stat info;
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

/// "Open attachment" writes into a folder nobody else can have prepared.
class TestAttachmentFolder final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        // QDir::tempPath() follows TMPDIR: each test gets a temporary location of its own.
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        m_hadTmp = qEnvironmentVariableIsSet("TMPDIR");
        m_oldTmp = qgetenv("TMPDIR");
        qputenv("TMPDIR", QFile::encodeName(m_tmp->path()));
    }
    void cleanup()
    {
        if (m_hadTmp)
            qputenv("TMPDIR", m_oldTmp);
        else
            qunsetenv("TMPDIR");
        m_tmp.reset();
    }

    void safeFileName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::addRow("plain") << u"report.csv"_s << u"report.csv"_s;
        QTest::addRow("unicode") << u"Grüße ✉.txt"_s << u"Grüße ✉.txt"_s;
        QTest::addRow("path") << u"../../.ssh/authorized_keys"_s << u"_.._.ssh_authorized_keys"_s;
        QTest::addRow("absolute") << u"/etc/passwd"_s << u"_etc_passwd"_s;
        QTest::addRow("dot-dot") << u".."_s << u"attachment-7"_s;
        QTest::addRow("dot") << u"."_s << u"attachment-7"_s;
        QTest::addRow("hidden") << u".bashrc"_s << u"bashrc"_s;
        QTest::addRow("empty") << QString() << u"attachment-7"_s;
        QTest::addRow("blanks") << u"   "_s << u"attachment-7"_s;
        QTest::addRow("only-slashes") << u"///"_s << u"attachment-7"_s;
        QTest::addRow("control") << u"a\x01\nb\x7f.txt"_s << u"a__b_.txt"_s;
        QTest::addRow("c1-control") << u"a\u0085b"_s << u"a_b"_s;
        QTest::addRow("rtl-override") << u"invoice\u202Efdp.exe"_s << u"invoice_fdp.exe"_s;
        QTest::addRow("zero-width") << u"a\u200Bb"_s << u"a_b"_s;
        QTest::addRow("windows") << u"a\\b:c*d?e\"f<g>h|i"_s << u"a_b_c_d_e_f_g_h_i"_s;
        QTest::addRow("trailing-dots") << u"name. . "_s << u"name"_s;
    }
    void safeFileName()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        QCOMPARE(AttachmentFolder::safeFileName(name, u"attachment-7"_s), expected);
    }

    void longNamesKeepTheirExtension()
    {
        const QString name = QString(300, u'ä') + u".pdf"_s;
        const QString safe = AttachmentFolder::safeFileName(name, u"x"_s);
        QVERIFY(safe.endsWith(u".pdf"_s));
        QVERIFY(safe.toUtf8().size() <= AttachmentFolder::kMaxNameBytes);
        QVERIFY(safe.startsWith(u"ää"_s));
        // Never half a surrogate pair.
        const QString emoji = QString(200, u'x').replace(u'x', u"\U0001F600"_s);
        const QString cut = AttachmentFolder::safeFileName(emoji, u"x"_s);
        QVERIFY(cut.toUtf8().size() <= AttachmentFolder::kMaxNameBytes);
        QVERIFY(!cut.back().isHighSurrogate());
        QCOMPARE(QString::fromUtf8(cut.toUtf8()), cut);
    }

    /// The file is 0600 in a subfolder 0700 of a fresh folder 0700 under TMPDIR, holds the
    /// bytes, and every write gets a folder of its own.
    void writesPrivateFilesInAFreshFolder()
    {
        AttachmentFolder folder;
        const Result<QString> firstWritten =
            folder.write(u"data.bin"_s, u"attachment-1"_s, "\x00\x01\x02"_ba);
        QVERIFY2(firstWritten, qPrintable(errorText(firstWritten)));
        const QString first = *firstWritten;
        const Result<QString> secondWritten =
            folder.write(u"data.bin"_s, u"attachment-1"_s, "second"_ba);
        QVERIFY2(secondWritten, qPrintable(errorText(secondWritten)));
        const QString second = *secondWritten;
        QVERIFY(first != second);
        QCOMPARE(QFileInfo(first).fileName(), u"data.bin"_s);
        QCOMPARE(QFileInfo(second).fileName(), u"data.bin"_s);
        QCOMPARE(readFile(first), "\x00\x01\x02"_ba);
        QCOMPARE(readFile(second), "second"_ba);

        const QString root = folder.path();
        QCOMPARE(QFileInfo(root).absolutePath(), QFileInfo(m_tmp->path()).absoluteFilePath());
        QVERIFY(QFileInfo(root).fileName().startsWith(u"letterbox-open-"_s));
        QCOMPARE(modeOf(root), 0700);
        for (const QString &file : {first, second}) {
            QVERIFY(file.startsWith(root + u'/'));
            QCOMPARE(modeOf(QFileInfo(file).absolutePath()), 0700);
            QCOMPARE(modeOf(file), 0600);
        }
        // Nothing else: no temporary files left over.
        QCOMPARE(QDir(QFileInfo(first).absolutePath())
                     .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList({u"data.bin"_s}));

        // A second folder object (another run) gets another folder; each removes its own.
        {
            AttachmentFolder other;
            QVERIFY(other.write(u"data.bin"_s, u"a"_s, "x"_ba));
            QVERIFY(other.path() != root);
        }
        QVERIFY(QFileInfo::exists(first));
    }

    /// Another local user prepared the folder the old code used ($TMPDIR/letterbox-<id>), with
    /// a symlink named like the attachment pointing at a file of ours. It is not used.
    void preparedFolderIsNotUsed()
    {
        const QString victim = m_tmp->filePath(u"victim"_s);
        {
            QFile file(victim);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("precious");
        }
        const QString trap = m_tmp->filePath(u"letterbox-1"_s);
        QVERIFY(QDir().mkpath(trap));
        QVERIFY(QFile::link(victim, trap + u"/data.bin"_s));
        QVERIFY(QFile::link(m_tmp->filePath(u"missing"_s), trap + u"/other.bin"_s));

        AttachmentFolder folder;
        for (const QString &name : {u"data.bin"_s, u"other.bin"_s}) {
            const Result<QString> pathWritten = folder.write(name, u"attachment-1"_s, "payload"_ba);
            QVERIFY2(pathWritten, qPrintable(errorText(pathWritten)));
            const QString path = *pathWritten;
            QVERIFY(!path.startsWith(trap));
            QCOMPARE(readFile(path), "payload"_ba);
        }
        QCOMPARE(readFile(victim), "precious"_ba);
        QVERIFY(!QFileInfo::exists(m_tmp->filePath(u"missing"_s)));
        QVERIFY(QFileInfo(trap + u"/data.bin"_s).isSymLink());
    }

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    QByteArray m_oldTmp;
    bool m_hadTmp = false;
};

QTEST_GUILESS_MAIN(TestAttachmentFolder)
#include "tst_attachmentfolder.moc"
