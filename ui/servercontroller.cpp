// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "servercontroller.h"

#include "smtp/smtpserver.h"
#include "store/messagestore.h"

#include <QDir>

ServerController::ServerController(QObject *parent)
    : QObject(parent)
{}

ServerController::~ServerController()
{
    // The server goes first: sessions answer 421 and deliveries commit before the store closes.
    m_server.reset();
    if (m_store)
        m_store->flush();
}

bool ServerController::openStore(const AppSettings &settings, QString *error)
{
    const QString directory = QDir::cleanPath(settings.effectiveStoreDirectory());
    if (m_store && directory == m_storeDirectory) {
        if (settings.maildirDirectory != m_maildirDirectory && !settings.maildirDirectory.isEmpty()
            && !m_store->setMaildirMirror(settings.maildirDirectory, error)) {
            *error = QStringLiteral("Maildir: ") + *error;
            return false;
        }
        m_maildirDirectory = settings.maildirDirectory;
        return true;
    }
    stop();
    m_server.reset();
    if (m_store)
        m_store->flush();
    m_store.reset();
    m_storeDirectory.clear();

    m_store = MessageStore::open(directory, error);
    if (!m_store)
        return false;
    if (!settings.maildirDirectory.isEmpty()
        && !m_store->setMaildirMirror(settings.maildirDirectory, error)) {
        *error = QStringLiteral("Maildir: ") + *error;
        return false;
    }
    m_storeDirectory = directory;
    m_maildirDirectory = settings.maildirDirectory;
    connect(m_store.get(), &MessageStore::storeError, this, &ServerController::storeError);
    connect(m_store.get(), &MessageStore::messagesChanged, this,
            &ServerController::messagesChanged);
    connect(m_store.get(), &MessageStore::messagesRemoved, this,
            &ServerController::messagesRemoved);

    m_server = std::make_unique<SmtpServer>(m_store.get());
    connect(m_server.get(), &SmtpServer::sessionStarted, this, &ServerController::sessionStarted);
    connect(m_server.get(), &SmtpServer::sessionEnded, this, &ServerController::sessionEnded);
    connect(m_server.get(), &SmtpServer::protocolLine, this, &ServerController::protocolLine);
    connect(m_server.get(), &SmtpServer::authAttempted, this, &ServerController::authAttempted);
    connect(m_server.get(), &SmtpServer::messageReceived, this, &ServerController::messageReceived);
    connect(m_server.get(), &SmtpServer::errorOccurred, this, &ServerController::errorOccurred);
    emit storeOpened(m_storeDirectory);
    return true;
}

bool ServerController::apply(const AppSettings &settings, QString *error, Problem *problem)
{
    m_settings = settings;
    if (!openStore(settings, error)) {
        *problem = Problem::Store;
        return false;
    }
    m_store->setRetention({settings.retainMessages, settings.retainDays});
    return start(error, problem);
}

bool ServerController::start(QString *error, Problem *problem)
{
    *problem = Problem::None;
    if (!m_server) {
        *error = QStringLiteral("No store is open");
        *problem = Problem::Store;
        return false;
    }
    SmtpServerSettings serverSettings;
    if (!m_settings.toServerSettings(&serverSettings, error)) {
        // TlsSettings::load() names the file first; our own checks name TLS or the listener.
        const bool tls = (m_settings.tlsConfigured()
                          && (error->startsWith(m_settings.tlsCertFile)
                              || error->startsWith(m_settings.tlsKeyFile)))
                         || error->contains(QStringLiteral("TLS"));
        const bool auth = error->startsWith(QStringLiteral("User"))
                          || error->startsWith(QStringLiteral("Authentication"));
        *problem = tls ? Problem::Tls : auth ? Problem::Auth : Problem::Server;
        stop();
        return false;
    }
    serverSettings.revealCredentials = true; // hidden until "Show credentials" in the log
    m_server->stop();
    const bool started = m_server->start(serverSettings, error);
    if (!started)
        *problem = Problem::Server;
    emit runningChanged(started);
    return started;
}

void ServerController::stop()
{
    if (m_server && m_server->isRunning()) {
        m_server->stop();
        emit runningChanged(false);
    }
}

bool ServerController::isRunning() const
{
    return m_server && m_server->isRunning();
}

std::optional<ListenAddress> ServerController::listenAddress() const
{
    return m_server ? m_server->listenAddress() : std::nullopt;
}

std::optional<ListenAddress> ServerController::tlsListenAddress() const
{
    return m_server ? m_server->tlsListenAddress() : std::nullopt;
}

int ServerController::activeSessions() const
{
    return m_server ? m_server->activeSessions() : 0;
}
