// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtplistener.h"

SmtpListener::SmtpListener(bool implicitTls, Handoff handoff, QObject *parent)
    : QTcpServer(parent)
    , m_implicitTls(implicitTls)
    , m_handoff(std::move(handoff))
{
    // The connection limit is ours to enforce (with a 421), not the kernel backlog's.
    setMaxPendingConnections(1024);
}

SmtpListener::~SmtpListener() = default;

void SmtpListener::incomingConnection(qintptr socketDescriptor)
{
    m_handoff(socketDescriptor, m_implicitTls);
}
