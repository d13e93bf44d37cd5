// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
// The real program started twice on one store: the second desktop launch hands over to the
// first and exits 0, a launch beside a headless instance says so and exits 3, `--quit` stops
// the instance the orderly way and exits 0 (1 when none runs), and two stores run side by side.
#include "instance/instanceaddress.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

constexpr int kStartTimeout = 60000; // the desktop app loads QtWebEngine; CI machines are slow

struct Finished
{
    int exitCode = -1;
    QByteArray standardError;
};

} // namespace

class TestInstanceLaunch : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home; // runtime, configuration and data folders of the launches
    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_home.filePath(QStringLiteral("run")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        return env;
    }
    QString store(const QString &name) const { return m_home.filePath(name); }
    QString socketOf(const QString &storeName) const
    {
        return InstanceAddress::forStore(store(storeName), m_home.filePath(QStringLiteral("run")))
            .serverName();
    }
    std::unique_ptr<QProcess> start(const QStringList &arguments)
    {
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(environment());
        process->start(QStringLiteral(LETTERBOX_BINARY), arguments);
        return process;
    }
    Finished run(const QStringList &arguments)
    {
        const std::unique_ptr<QProcess> process = start(arguments);
        Finished finished;
        if (!process->waitForFinished(kStartTimeout)) {
            process->kill();
            process->waitForFinished();
            return finished;
        }
        finished.exitCode =
            process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
        finished.standardError = process->readAllStandardError();
        return finished;
    }
    std::unique_ptr<QProcess> startHeadless(const QString &storeName)
    {
        auto process =
            start({QStringLiteral("--headless"), QStringLiteral("--store"), store(storeName),
                   QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                   QStringLiteral("--api-listen"), QStringLiteral("off"),
                   QStringLiteral("--events"), QStringLiteral("json")});
        QByteArray output;
        QElapsedTimer clock;
        clock.start();
        // Listening means the instance socket was there before the port.
        while (!output.contains("listening") && clock.elapsed() < kStartTimeout
               && process->state() != QProcess::NotRunning) {
            process->waitForReadyRead(1000);
            output += process->readAllStandardOutput();
        }
        return output.contains("listening") ? std::move(process) : nullptr;
    }
    static bool stopped(QProcess *process, int *exitCode)
    {
        if (process->state() != QProcess::NotRunning && !process->waitForFinished(kStartTimeout))
            return false;
        *exitCode = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
        return true;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(QDir().mkpath(m_home.filePath(QStringLiteral("run"))));
        QVERIFY(QFile::setPermissions(m_home.filePath(QStringLiteral("run")),
                                      QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                          | QFileDevice::ExeOwner));
    }

    void secondLaunchesBesideHeadless()
    {
        const std::unique_ptr<QProcess> first = startHeadless(QStringLiteral("h1"));
        QVERIFY(first);
        QVERIFY(QFileInfo::exists(socketOf(QStringLiteral("h1"))));

        const Finished desktop = run({QStringLiteral("--store"), store(QStringLiteral("h1"))});
        QCOMPARE(desktop.exitCode, 3);
        QVERIFY2(desktop.standardError.contains("a headless Letterbox already runs on"),
                 desktop.standardError.constData());
        QVERIFY(desktop.standardError.contains("no window to show"));

        const Finished headless = run({QStringLiteral("--headless"), QStringLiteral("--store"),
                                       store(QStringLiteral("h1")), QStringLiteral("--listen"),
                                       QStringLiteral("127.0.0.1:0"),
                                       QStringLiteral("--api-listen"), QStringLiteral("off")});
        QCOMPARE(headless.exitCode, 3);
        QVERIFY(headless.standardError.contains("already runs on"));
        QCOMPARE(first->state(), QProcess::Running);

        const Finished quit =
            run({QStringLiteral("--quit"), QStringLiteral("--store"), store(QStringLiteral("h1"))});
        QCOMPARE(quit.exitCode, 0);
        QCOMPARE(quit.standardError, QByteArray());
        // --quit returned once the instance had closed the store; the process is at its end.
        int exitCode = -1;
        QVERIFY(stopped(first.get(), &exitCode));
        QCOMPARE(exitCode, 0);
        QVERIFY(!QFileInfo::exists(socketOf(QStringLiteral("h1"))));

        const Finished again =
            run({QStringLiteral("--quit"), QStringLiteral("--store"), store(QStringLiteral("h1"))});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.standardError.contains("no Letterbox runs on"),
                 again.standardError.constData());
    }

    void secondDesktopLaunchShowsTheFirst()
    {
        const std::unique_ptr<QProcess> first = start(
            {QStringLiteral("--store"), store(QStringLiteral("d1")), QStringLiteral("--listen"),
             QStringLiteral("127.0.0.1:0"), QStringLiteral("--api-listen"), QStringLiteral("off")});
        QVERIFY(first->waitForStarted());
        // The socket is made before the window, the ports and the store.
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(socketOf(QStringLiteral("d1"))), kStartTimeout);

        const Finished second = run({QStringLiteral("--store"), store(QStringLiteral("d1"))});
        QCOMPARE(second.exitCode, 0);
        QByteArray firstError;
        QTRY_VERIFY_WITH_TIMEOUT((firstError += first->readAllStandardError())
                                     .contains("another launch asked for this window"),
                                 kStartTimeout);
        QCOMPARE(first->state(), QProcess::Running);

        const Finished quit =
            run({QStringLiteral("--quit"), QStringLiteral("--store"), store(QStringLiteral("d1"))});
        QCOMPARE(quit.exitCode, 0);
        int exitCode = -1;
        QVERIFY(stopped(first.get(), &exitCode));
        QCOMPARE(exitCode, 0);
    }

    void twoStoresRunSideBySide()
    {
        const std::unique_ptr<QProcess> one = startHeadless(QStringLiteral("s1"));
        const std::unique_ptr<QProcess> two = startHeadless(QStringLiteral("s2"));
        QVERIFY(one);
        QVERIFY(two);
        for (const QString &name : {QStringLiteral("s1"), QStringLiteral("s2")}) {
            const Finished quit =
                run({QStringLiteral("--quit"), QStringLiteral("--store"), store(name)});
            QCOMPARE(quit.exitCode, 0);
        }
        int exitCode = -1;
        QVERIFY(stopped(one.get(), &exitCode));
        QCOMPARE(exitCode, 0);
        QVERIFY(stopped(two.get(), &exitCode));
        QCOMPARE(exitCode, 0);
    }

    void quitTakesOnlyTheStore()
    {
        const Finished bad = run({QStringLiteral("--quit"), QStringLiteral("--headless")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.standardError.contains("--quit takes only --store DIR"));
    }
};

QTEST_GUILESS_MAIN(TestInstanceLaunch)
#include "tst_instancelaunch.moc"
