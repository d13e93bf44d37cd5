// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
// One Letterbox per store and user, over real local sockets: a second launch reaches the
// first, two stores run side by side, a crash's socket and lock are taken over, a peer that
// is not ours is closed, and --quit waits until the instance is gone.
#include "instance/instanceaddress.h"
#include "instance/instanceclient.h"
#include "instance/instanceprotocol.h"
#include "instance/instanceserver.h"
#include "instance/singleinstance.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocalSocket>
#include <QLockFile>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstring>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using InstanceProtocol::Reply;
using InstanceProtocol::Request;
using Mode = InstanceServer::Mode;

class TestSingleInstance : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_runtime;
    QTemporaryDir m_stores;
    InstanceAddress address(const QString &store) const
    {
        return InstanceAddress::forStore(m_stores.filePath(store), m_runtime.path());
    }
    std::unique_ptr<InstanceServer> becomeInstance(const InstanceAddress &where, Mode mode)
    {
        Result<InstanceClaim> claim = SingleInstance::claimOrAsk(where, mode, Request::Show);
        if (!claim || !claim->server)
            return nullptr;
        return std::move(claim->server);
    }

private slots:
    void secondDesktopLaunchShowsTheFirst()
    {
        const InstanceAddress where = address(QStringLiteral("s1"));
        auto first = becomeInstance(where, Mode::Desktop);
        QVERIFY(first);
        QVERIFY(first->isListening());
        QCOMPARE(first->serverName(), where.serverName());
        QSignalSpy shown(first.get(), &InstanceServer::showRequested);

        const Result<InstanceClaim> second =
            SingleInstance::claimOrAsk(where, Mode::Desktop, Request::Show);
        QVERIFY2(second, qPrintable(second ? QString() : second.error().message));
        QVERIFY(!second->server);
        QCOMPARE(second->reply, std::optional(Reply::Shown));
        QCOMPARE(shown.count(), 1);
    }

    void headlessInstanceHasNoWindowToShow()
    {
        const InstanceAddress where = address(QStringLiteral("headless"));
        auto first = becomeInstance(where, Mode::Headless);
        QVERIFY(first);
        QSignalSpy shown(first.get(), &InstanceServer::showRequested);

        const Result<InstanceClaim> show =
            SingleInstance::claimOrAsk(where, Mode::Desktop, Request::Show);
        QVERIFY(show);
        QCOMPARE(show->reply, std::optional(Reply::NoWindow));
        const Result<InstanceClaim> ping =
            SingleInstance::claimOrAsk(where, Mode::Headless, Request::Ping);
        QVERIFY(ping);
        QCOMPARE(ping->reply, std::optional(Reply::RunsHeadless));
        QCOMPARE(shown.count(), 0);
    }

    void twoStoresRunSideBySide()
    {
        const InstanceAddress one = address(QStringLiteral("one"));
        const InstanceAddress two = address(QStringLiteral("two"));
        QVERIFY(one.serverName() != two.serverName());
        auto first = becomeInstance(one, Mode::Desktop);
        auto second = becomeInstance(two, Mode::Desktop);
        QVERIFY(first);
        QVERIFY(second);
        QVERIFY(first->isListening());
        QVERIFY(second->isListening());
    }

    void addressIsTheCanonicalStore()
    {
        // The same store however it is written, also before it exists; symlinks resolved.
        const QString store = m_stores.filePath(QStringLiteral("later/store"));
        QCOMPARE(address(QStringLiteral("later/store")).serverName(),
                 address(QStringLiteral("later/../later/./store/")).serverName());
        QVERIFY(QDir().mkpath(store));
        const QString link = m_stores.filePath(QStringLiteral("link"));
        QVERIFY(QFile::link(m_stores.filePath(QStringLiteral("later")), link));
        QCOMPARE(InstanceAddress::canonicalStorePath(link + QStringLiteral("/store")),
                 InstanceAddress::canonicalStorePath(store));
        QCOMPARE(address(QStringLiteral("link/store")).serverName(),
                 address(QStringLiteral("later/store")).serverName());
        // Short enough for sockaddr_un even in a long runtime folder.
        QVERIFY(QFileInfo(address(QStringLiteral("x")).serverName()).fileName().size() < 60);
    }

    void crashedInstanceLeftoversAreTakenOver()
    {
        const InstanceAddress where = address(QStringLiteral("crashed"));
        // A socket file nobody listens on, as a killed process leaves it.
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        sockaddr_un name{};
        name.sun_family = AF_UNIX;
        const QByteArray path = QFile::encodeName(where.serverName());
        QVERIFY(std::size_t(path.size()) < sizeof(name.sun_path));
        std::memcpy(name.sun_path, path.constData(), std::size_t(path.size()));
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&name), sizeof(name)), 0);
        ::close(fd);
        QVERIFY(QFileInfo::exists(where.serverName()));
        // And its lock file, naming a process that does not exist.
        {
            QFile lock(where.lockPath());
            QVERIFY(lock.open(QIODevice::WriteOnly));
            lock.write("999999999\nletterbox\n" + QSysInfo::machineHostName().toUtf8() + '\n');
        }
        InstanceClient client;
        QCOMPARE(client.connectTo(where.serverName(), std::chrono::seconds(1)).error().code,
                 ErrorCode::NotFound);

        auto instance = becomeInstance(where, Mode::Desktop);
        QVERIFY(instance);
        QVERIFY(instance->isListening());
        const Result<InstanceClaim> second =
            SingleInstance::claimOrAsk(where, Mode::Desktop, Request::Show);
        QVERIFY(second);
        QCOMPARE(second->reply, std::optional(Reply::Shown));
    }

    void instanceGoneRemovesItsSocket()
    {
        const InstanceAddress where = address(QStringLiteral("gone"));
        auto instance = becomeInstance(where, Mode::Desktop);
        QVERIFY(instance);
        QVERIFY(QFileInfo::exists(where.serverName()));
        instance.reset();
        QVERIFY(!QFileInfo::exists(where.serverName()));
        // The next launch becomes the instance.
        QVERIFY(becomeInstance(where, Mode::Desktop));
    }

    void socketIsTheOwnersOnly()
    {
        const InstanceAddress where = address(QStringLiteral("private"));
        auto instance = becomeInstance(where, Mode::Desktop);
        QVERIFY(instance);
        const QFile::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
                                          | QFileDevice::ReadOther | QFileDevice::WriteOther;
        QCOMPARE(QFileInfo(where.serverName()).permissions() & others, QFile::Permissions());
    }

    void garbagePeerIsClosed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("unknown word") << QByteArray("hello\n");
        QTest::newRow("binary") << QByteArray("\x00\xff\x16\x03\x01\n", 6);
        QTest::newRow("endless line") << QByteArray(4096, 'x');
    }

    void garbagePeerIsClosed()
    {
        QFETCH(QByteArray, bytes);
        const InstanceAddress where = address(QStringLiteral("garbage"));
        auto instance = becomeInstance(where, Mode::Desktop);
        QVERIFY(instance);
        QSignalSpy shown(instance.get(), &InstanceServer::showRequested);
        QSignalSpy quit(instance.get(), &InstanceServer::quitRequested);

        QLocalSocket peer;
        peer.connectToServer(where.serverName());
        QTRY_COMPARE(peer.state(), QLocalSocket::ConnectedState);
        QSignalSpy closed(&peer, &QLocalSocket::disconnected);
        peer.write(bytes);
        QVERIFY(closed.wait(2000));
        QCOMPARE(peer.readAll(), QByteArray()); // no answer to what is not ours
        QCOMPARE(shown.count(), 0);
        QCOMPARE(quit.count(), 0);
        // The instance still serves the next launch.
        const Result<InstanceClaim> next =
            SingleInstance::claimOrAsk(where, Mode::Desktop, Request::Show);
        QVERIFY(next);
        QCOMPARE(next->reply, std::optional(Reply::Shown));
    }

    void silentPeerIsClosedAfterTheTimeout()
    {
        const InstanceAddress where = address(QStringLiteral("silent"));
        auto instance = becomeInstance(where, Mode::Desktop);
        QVERIFY(instance);
        QElapsedTimer clock; // started before the server can start its own
        clock.start();
        QLocalSocket peer;
        QSignalSpy closed(&peer, &QLocalSocket::disconnected);
        peer.connectToServer(where.serverName());
        QVERIFY(closed.wait(int(InstanceProtocol::kLineTimeout.count()) + 5000));
        // Not before the timeout (a coarse timer may fire up to 5 % early).
        QVERIFY(clock.elapsed() >= InstanceProtocol::kLineTimeout.count() * 9 / 10);
    }

    void peersAreBounded()
    {
        const InstanceAddress where = address(QStringLiteral("bounded"));
        auto instance = becomeInstance(where, Mode::Desktop);
        QVERIFY(instance);
        std::vector<std::unique_ptr<QLocalSocket>> silent;
        for (int i = 0; i < InstanceServer::kMaxPeers; ++i) {
            silent.push_back(std::make_unique<QLocalSocket>());
            silent.back()->connectToServer(where.serverName());
        }
        // Every one of them is accepted and held, so the next peer is turned away at once.
        QLocalSocket extra;
        QSignalSpy closed(&extra, &QLocalSocket::disconnected);
        for (auto &peer : silent)
            QTRY_COMPARE(peer->state(), QLocalSocket::ConnectedState);
        QTRY_COMPARE(instance->findChildren<QLocalSocket *>().size(), InstanceServer::kMaxPeers);
        extra.connectToServer(where.serverName());
        QVERIFY(closed.wait(int(InstanceProtocol::kLineTimeout.count()) / 2));
    }

    void quitStopsTheInstanceAndWaits()
    {
        const InstanceAddress where = address(QStringLiteral("quit"));
        auto instance = becomeInstance(where, Mode::Headless);
        QVERIFY(instance);
        // The front end's orderly stop, a little later: the connection must stay open until
        // the instance is gone, not close when the answer is sent.
        bool stopped = false;
        connect(instance.get(), &InstanceServer::quitRequested, this, [&instance, &stopped] {
            QTimer::singleShot(200, [&instance, &stopped] {
                stopped = true;
                instance.reset();
            });
        });
        const Result<void> quit = SingleInstance::quit(where);
        QVERIFY2(quit, qPrintable(quit ? QString() : quit.error().message));
        QVERIFY(stopped);
        QVERIFY(!instance);
    }

    void quitWithoutInstance()
    {
        const Result<void> quit = SingleInstance::quit(address(QStringLiteral("nothing")));
        QVERIFY(!quit);
        QCOMPARE(quit.error().code, ErrorCode::NotFound);
        QVERIFY(quit.error().message.contains(QStringLiteral("no Letterbox runs on")));
    }

    void quitTimesOutWhenTheInstanceDoesNotStop()
    {
        const InstanceAddress where = address(QStringLiteral("stuck"));
        auto instance = becomeInstance(where, Mode::Desktop);
        QVERIFY(instance);
        QSignalSpy quitRequested(instance.get(), &InstanceServer::quitRequested);
        const Result<void> quit = SingleInstance::quit(where, std::chrono::milliseconds(300));
        QVERIFY(!quit);
        QCOMPARE(quit.error().code, ErrorCode::Timeout);
        QCOMPARE(quitRequested.count(), 1);
    }

    void simultaneousLaunchWaitsForTheOneStarting()
    {
        const InstanceAddress where = address(QStringLiteral("race"));
        // Another launch has taken the lock and not yet listens.
        auto starting = std::make_unique<QLockFile>(where.lockPath());
        QVERIFY(starting->tryLock(0));
        const Result<InstanceClaim> tooEarly = SingleInstance::claimOrAsk(
            where, Mode::Desktop, Request::Show, std::chrono::milliseconds(200));
        QVERIFY(!tooEarly);
        QCOMPARE(tooEarly.error().code, ErrorCode::Timeout);

        // It gets going while this launch retries: this one asks it instead of starting.
        std::unique_ptr<InstanceServer> winner;
        QTimer::singleShot(150, this, [&] {
            starting.reset();
            winner = std::make_unique<InstanceServer>(Mode::Desktop);
            QVERIFY(winner->claim(where));
        });
        const Result<InstanceClaim> later =
            SingleInstance::claimOrAsk(where, Mode::Desktop, Request::Show);
        QVERIFY(later);
        QVERIFY(!later->server);
        QCOMPARE(later->reply, std::optional(Reply::Shown));
        QVERIFY(winner && winner->isListening());
    }

    void protocolWords()
    {
        for (const Request request : {Request::Show, Request::Quit, Request::Ping})
            QCOMPARE(InstanceProtocol::parseRequest(InstanceProtocol::line(request)),
                     std::optional(request));
        for (const Reply reply : {Reply::Shown, Reply::NoWindow, Reply::Quitting,
                                  Reply::RunsDesktop, Reply::RunsHeadless})
            QCOMPARE(InstanceProtocol::parseReply(InstanceProtocol::line(reply)),
                     std::optional(reply));
        QVERIFY(!InstanceProtocol::parseRequest("SHOW\n"));
        QVERIFY(!InstanceProtocol::parseRequest("show now\n"));
        QVERIFY(!InstanceProtocol::parseReply(""));
    }

    void runtimeDirectoryMustBePrivate()
    {
        const QByteArray saved = qgetenv("XDG_RUNTIME_DIR");
        QTemporaryDir open;
        QVERIFY(QFile::setPermissions(
            open.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                             | QFileDevice::ReadOther | QFileDevice::ExeOther));
        qputenv("XDG_RUNTIME_DIR", open.path().toUtf8());
        QCOMPARE(InstanceAddress::runtimeDirectory(), QDir::tempPath());
        qputenv("XDG_RUNTIME_DIR", m_runtime.path().toUtf8()); // 0700, ours
        QCOMPARE(InstanceAddress::runtimeDirectory(), m_runtime.path());
        qunsetenv("XDG_RUNTIME_DIR");
        QCOMPARE(InstanceAddress::runtimeDirectory(), QDir::tempPath());
        if (!saved.isEmpty())
            qputenv("XDG_RUNTIME_DIR", saved);
    }
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
