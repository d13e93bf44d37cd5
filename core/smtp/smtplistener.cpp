// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtplistener.h"

SmtpListener::SmtpListener(bool implicitTls, Handoff handoff, QObject *parent)
    : QTcpServer(parent)
    , m_implicitTls(implicitTls)
    , m_handoff(std::move(handoff))
{
    // The connection limit is ours to enforce (with a 421), not the kernel backlog's. Qt's
    // default backlog of 50 overflows when a test suite opens a hundred connections at once:
    // the kernel drops the surplus SYNs and those clients retry only after a second.
    setMaxPendingConnections(1024);
    setListenBacklogSize(kListenBacklog);
}

SmtpListener::~SmtpListener() = default;

void SmtpListener::incomingConnection(qintptr socketDescriptor)
{
    m_handoff(socketDescriptor, m_implicitTls);
}
