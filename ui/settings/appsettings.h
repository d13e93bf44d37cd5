// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

class QSettings;
struct SmtpServerSettings;

/// Everything the desktop app remembers between runs, as plain values. load() and save() map
/// it to QSettings; toServerSettings() turns it into what the engine takes, loading the
/// certificate so that a bad file is reported before anything listens.
struct AppSettings
{
    // Server
    QString listen = QStringLiteral("127.0.0.1:1025");
    QString tlsListen; ///< empty: no implicit-TLS listener
    QString hostName;  ///< empty: the system's host name
    QString appName = QStringLiteral("Letterbox");
    qint64 maxMessageSize = 32 * 1024 * 1024;
    int maxRecipients = 1000;
    int timeoutSeconds = 300;
    int maxConnections = 100;
    QStringList acceptRcptPatterns; ///< empty: every recipient is accepted

    // TLS
    QString tlsCertFile;
    QString tlsKeyFile;
    QByteArray tlsPassphrase;
    bool requireTls = false;
    int tlsHandshakeSeconds = 15;

    // Authentication
    bool authEnabled = false;
    bool authRequired = false;
    bool authAcceptAny = false;
    QStringList authUsers; ///< "user:password"
    QStringList authMechanisms = {QStringLiteral("PLAIN"), QStringLiteral("LOGIN"),
                                  QStringLiteral("CRAM-MD5")};
    bool allowInsecureAuth = false;

    // Storage
    QString storeDirectory; ///< empty: the default (AppDataLocation)
    QString maildirDirectory;
    int retainMessages = 0; ///< keep at most this many messages, oldest go first; 0: all
    int retainDays = 0;     ///< delete messages older than this; 0: keep them

    // Desktop
    enum class Appearance { System, Light, Dark };
    bool notifications = true;
    bool closeToTray = false;
    Appearance appearance = Appearance::System;

    bool tlsConfigured() const { return !tlsCertFile.isEmpty(); }
    QString effectiveStoreDirectory() const;

    /// The settings file of the desktop app: <config>/letterbox/letterbox.conf (INI). Window
    /// geometry and column widths live there too. It holds the TLS passphrase and the AUTH
    /// users' passwords (test credentials the server must be able to check, CRAM-MD5 needs
    /// them in clear), so the file is created readable by its owner only; QSettings replaces
    /// it through QSaveFile, which keeps those permissions.
    static std::unique_ptr<QSettings> openSettingsFile();
    /// openSettingsFile() for a given path (tests).
    static std::unique_ptr<QSettings> openSettingsFile(const QString &path);

    static AppSettings load(const QSettings &settings);
    void save(QSettings &settings) const;

    /// Builds the engine's settings: parses the addresses, loads certificate and key, builds
    /// the credential and recipient hooks. Returns false with a one-line reason that names the
    /// field or file.
    bool toServerSettings(SmtpServerSettings *server, QString *error) const;

    friend bool operator==(const AppSettings &, const AppSettings &) = default;
};
