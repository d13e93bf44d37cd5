// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QTcpServer>

#include <functional>

/// A listening socket that only accepts: each new connection's descriptor goes to `handoff`
/// at once, without creating a socket here, so that the socket is born in the worker thread
/// that will use it. Lives in the server's thread.
class SmtpListener final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SmtpListener)

public:
    using Handoff = std::function<void(qintptr socketDescriptor, bool implicitTls)>;
    /// Connections the kernel may hold before we accept them (it caps this at somaxconn).
    static constexpr int kListenBacklog = 4096;

    SmtpListener(bool implicitTls, Handoff handoff, QObject *parent = nullptr);
    ~SmtpListener() override;

    bool isImplicitTls() const { return m_implicitTls; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    bool m_implicitTls;
    Handoff m_handoff;
};
