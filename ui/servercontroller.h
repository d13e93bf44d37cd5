// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "events/events.h"
#include "settings/appsettings.h"

#include <QObject>

#include <memory>
#include <optional>

class MessageStore;
class SmtpServer;
struct ListenAddress;

/// Owns the store and the engine for the desktop app, so that settings can be applied at run
/// time: a new store directory closes the old store and opens the new one; anything else
/// restarts the listeners on the same store, without losing the inbox. The engine's signals are
/// forwarded, so receivers connect once however often the engine is rebuilt. GUI thread.
class ServerController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerController)

public:
    /// Which part of the settings a failure is about, so the UI can open the right page.
    enum class Problem { None, Store, Server, Tls, Auth };

    explicit ServerController(QObject *parent = nullptr);
    ~ServerController() override;

    /// Opens the store of `settings` if it is not the open one, then starts the listeners.
    /// Returns false with a one-line reason and the part of the settings it concerns; after a
    /// failure to listen the store stays open (the inbox stays visible).
    bool apply(const AppSettings &settings, QString *error, Problem *problem);
    /// Starts the listeners again with the last applied settings.
    bool start(QString *error, Problem *problem);
    void stop();
    bool isRunning() const;

    MessageStore *store() const { return m_store.get(); }
    QString storeDirectory() const { return m_storeDirectory; }
    std::optional<ListenAddress> listenAddress() const;
    std::optional<ListenAddress> tlsListenAddress() const;
    int activeSessions() const;

signals:
    void storeOpened(const QString &directory);
    void runningChanged(bool running);
    void sessionStarted(const SessionInfo &session);
    void sessionEnded(const SessionInfo &session);
    void protocolLine(const ProtocolLine &line);
    void authAttempted(const AuthAttempt &attempt);
    void messageReceived(const ReceivedMessage &message);
    void errorOccurred(const ServerError &error);
    void storeError(const QString &message);
    void messagesChanged(const QList<qint64> &ids);
    void messagesRemoved(const QList<qint64> &ids);

private:
    bool openStore(const AppSettings &settings, QString *error);

    AppSettings m_settings;
    QString m_storeDirectory;
    QString m_maildirDirectory;
    std::unique_ptr<MessageStore> m_store;
    std::unique_ptr<SmtpServer> m_server;
};
