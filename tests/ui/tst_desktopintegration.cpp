// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
// Letterbox among the other desktop apps: where its files go (XDG base directories), the
// "open at login" entry, theme icons with the bundled ones as fallback, and the window a
// second launch brings to the front.
#include "autostartentry.h"
#include "config/serverconfig.h"
#include "mainwindow.h"
#include "settings/appsettings.h"
#include "settings/storagesettingspage.h"
#include "testsettings.h"
#include "themeicon.h"
#include "widgetchild.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QTest>

class TestDesktopIntegration : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_config;
    QString m_data;

private slots:
    void initTestCase()
    {
        // Before the first QStandardPaths call, which reads them.
        m_config = m_home.filePath(QStringLiteral("config"));
        m_data = m_home.filePath(QStringLiteral("data"));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_config));
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_data));
        QCoreApplication::setApplicationName(QStringLiteral("letterbox"));
    }

    void pathsFollowXdgBaseDirectories()
    {
        QCOMPARE(AppSettings::settingsFilePath(),
                 m_config + QStringLiteral("/letterbox/letterbox.conf"));
        QCOMPARE(ServerConfig::defaultStoreDirectory(), m_data + QStringLiteral("/letterbox"));
        QCOMPARE(AutostartEntry().path(),
                 m_config + QStringLiteral("/autostart/io.github.letterbox.Letterbox.desktop"));
        // Window state goes into the same file, nowhere else.
        AppSettings::openSettingsFile()->setValue(QStringLiteral("probe"), 1);
        QVERIFY(QFile::exists(m_config + QStringLiteral("/letterbox/letterbox.conf")));
    }

    void autostartEntryIsWrittenAndRemoved()
    {
        const AutostartEntry entry;
        QVERIFY(!entry.exists());
        const QString program = QStringLiteral("/usr/bin/letterbox");
        QVERIFY(entry.apply(true, true, program));
        QVERIFY(entry.exists());
        QFile file(entry.path());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        file.close();
        QVERIFY(text.startsWith("[Desktop Entry]\n"));
        QVERIFY(text.contains("\nType=Application\n"));
        QVERIFY(text.contains("\nExec=/usr/bin/letterbox --minimized\n"));
        QVERIFY(text.contains("\nIcon=io.github.letterbox.Letterbox\n"));

        // Without "start minimised" the window opens at login.
        QVERIFY(entry.apply(true, false, program));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("\nExec=/usr/bin/letterbox\n"));
        file.close();

        QVERIFY(entry.apply(false, true, program));
        QVERIFY(!entry.exists());
        QVERIFY(entry.apply(false, true, program)); // nothing there: nothing to do
    }

    void autostartExecIsQuoted()
    {
        // Desktop Entry Specification: reserved characters quote the argument; inside, the
        // quote, backtick, dollar and backslash take a backslash; % doubles; then every
        // backslash of the value doubles again.
        QCOMPARE(AutostartEntry::execLine(QStringLiteral("/opt/My Apps/letterbox"), true),
                 QStringLiteral("\"/opt/My Apps/letterbox\" --minimized"));
        QCOMPARE(AutostartEntry::execLine(QStringLiteral("/opt/a$b/100%/letterbox"), false),
                 QStringLiteral("\"/opt/a\\$b/100%%/letterbox\""));
        const AutostartEntry entry(m_home.filePath(QStringLiteral("other")));
        QVERIFY(entry.apply(true, false, QStringLiteral("/opt/a$b/letterbox")));
        QFile file(entry.path());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("\nExec=\"/opt/a\\\\$b/letterbox\"\n"));
    }

    void unwritableAutostartFolderIsAnError()
    {
        const QString blocked = m_home.filePath(QStringLiteral("blocked"));
        QFile blocker(blocked);
        QVERIFY(blocker.open(QIODevice::WriteOnly)); // a file where the folder should be
        blocker.close();
        const Result<void> result =
            AutostartEntry(blocked).apply(true, true, QStringLiteral("/usr/bin/letterbox"));
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::FileUnwritable);
    }

    void settingsPageHoldsTheLoginOptions()
    {
        AppSettings settings;
        QVERIFY(!settings.openAtLogin);
        QVERIFY(settings.startMinimized);
        StorageSettingsPage page;
        page.load(settings);
        auto *openAtLogin = child<QCheckBox>(&page, "openAtLoginBox");
        auto *minimized = child<QCheckBox>(&page, "startMinimizedBox");
        QVERIFY(!openAtLogin->isChecked());
        QVERIFY(!minimized->isEnabled()); // only means something with the entry
        openAtLogin->setChecked(true);
        QVERIFY(minimized->isEnabled());
        minimized->setChecked(false);
        AppSettings stored;
        page.store(&stored);
        QVERIFY(stored.openAtLogin);
        QVERIFY(!stored.startMinimized);

        // Saved and read back like the other desktop preferences.
        const std::unique_ptr<QSettings> file =
            AppSettings::openSettingsFile(m_home.filePath(QStringLiteral("login.conf")));
        stored.save(*file);
        const AppSettings loaded = AppSettings::load(*file);
        QVERIFY(loaded.openAtLogin);
        QVERIFY(!loaded.startMinimized);
    }

    void themeIconsFallBackToTheBundledOnes()
    {
        // A theme that has exactly one of the names: that one comes from it, the others are
        // the bundled icons.
        const QString themes = m_home.filePath(QStringLiteral("icons"));
        const QString actions = themes + QStringLiteral("/lbtest/scalable/actions");
        QVERIFY(QDir().mkpath(actions));
        QFile index(themes + QStringLiteral("/lbtest/index.theme"));
        QVERIFY(index.open(QIODevice::WriteOnly));
        index.write("[Icon Theme]\nName=lbtest\nDirectories=scalable/actions\n\n"
                    "[scalable/actions]\nSize=16\nMinSize=8\nMaxSize=512\nType=Scalable\n");
        index.close();
        QVERIFY(QFile::copy(QStringLiteral(":/icons/stop.svg"),
                            actions + QStringLiteral("/edit-delete.svg")));
        QIcon::setThemeSearchPaths({themes});
        QIcon::setFallbackSearchPaths({});
        QIcon::setFallbackThemeName(QStringLiteral("lbtest"));
        QIcon::setThemeName(QStringLiteral("lbtest"));

        const QIcon fromTheme = ThemeIcon::icon(ThemeIcon::Name::Delete);
        QCOMPARE(fromTheme.name(), QStringLiteral("edit-delete"));
        QVERIFY(!fromTheme.pixmap(16, 16).isNull());

        for (const ThemeIcon::Name name :
             {ThemeIcon::Name::Search, ThemeIcon::Name::Letterbox, ThemeIcon::Name::Lock}) {
            QVERIFY(!QIcon::hasThemeIcon(ThemeIcon::themeName(name)));
            const QIcon icon = ThemeIcon::icon(name);
            QVERIFY(!icon.isNull());
            QVERIFY2(icon.name().isEmpty(), qPrintable(icon.name())); // not a theme icon
            QVERIFY(!icon.pixmap(16, 16).isNull());
            QVERIFY(QFile::exists(ThemeIcon::bundledPath(name)));
        }
        QCOMPARE(ThemeIcon::themeName(ThemeIcon::Name::Search), QStringLiteral("edit-find"));
        QCOMPARE(ThemeIcon::bundledPath(ThemeIcon::Name::DeleteAll),
                 QStringLiteral(":/icons/delete-all.svg"));
    }

    void secondLaunchBringsTheWindowToTheFront()
    {
        QTemporaryDir store;
        MainWindow window(testSettings(store.path()));
        window.showAtStart(false);
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        window.showMinimized();
        QTRY_VERIFY(window.isMinimized());
        window.bringToFront();
        QTRY_VERIFY(!window.isMinimized());
        QVERIFY(window.isVisible());

        window.hide(); // closed into the tray
        window.bringToFront();
        QTRY_VERIFY(window.isVisible());
        QVERIFY(!window.isMinimized());
    }

    void minimizedStart()
    {
        // Only the tray icon; without a tray (offscreen has none) a minimised window to click.
        QTemporaryDir store;
        MainWindow window(testSettings(store.path()));
        window.showAtStart(true);
        if (QSystemTrayIcon::isSystemTrayAvailable()) {
            QVERIFY(!window.isVisible());
        } else {
            QTRY_VERIFY(window.isVisible());
            QVERIFY(window.isMinimized());
        }
    }
};

QTEST_MAIN(TestDesktopIntegration)
#include "tst_desktopintegration.moc"
