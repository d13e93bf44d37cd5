// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "mailtransaction.h"

#include "smtp/smtpcommand.h"

void MailTransaction::begin(const SmtpCommand &mail, const SessionTrace &trace)
{
    m_thread.check("MailTransaction");
    // Once the trace is capped its lines no longer reach the store.
    m_firstTraceLine = trace.isCapped() ? -1 : trace.lineCount() - 1;
    m_envelope = Envelope();
    m_envelope.mailFrom = mail.address;
    m_envelope.mailParameters = mail.parameters;
    m_envelope.smtpUtf8 = mail.smtpUtf8;
    m_envelope.eightBitMime = mail.body == SmtpCommand::Body::EightBitMime;
    m_recipientAttempts = 0;
}

void MailTransaction::startData(const QString &spoolDirectory, const QByteArray &receivedHeader,
                                const QDateTime &started, qint64 maxSize)
{
    m_thread.check("MailTransaction");
    m_started = started;
    m_spool = std::make_shared<MessageSpool>(spoolDirectory);
    m_spoolError.reset();
    if (Result<void> appended = m_spool->append(receivedHeader); !appended)
        m_spoolError = std::move(appended).error();
    m_reader = std::make_unique<DataReader>(m_spool.get(), maxSize);
}

Result<void> MailTransaction::spoolResult() const
{
    const Error *failed = m_spoolError               ? &*m_spoolError
                          : m_reader->hasSinkError() ? &m_reader->sinkError()
                                                     : nullptr;
    if (failed)
        return Error(ErrorCode::FileUnwritable,
                     QStringLiteral("cannot spool message: ") + failed->message, failed->field);
    return {};
}

DeliveryRequest MailTransaction::deliveryRequest(const SessionInfo &session,
                                                 SessionTrace &trace) const
{
    DeliveryRequest request;
    request.session = session;
    request.received = m_started;
    request.envelope = m_envelope;
    request.data = m_spool;
    request.traceDelta = trace.take();
    if (m_firstTraceLine >= 0 && !trace.isCapped()) {
        request.traceFirst = m_firstTraceLine;
        // The session logs nothing between the store's answer and its reply (250 queued as
        // N), so the reply is the next line of the trace.
        request.traceLast = trace.lineCount();
    }
    return request;
}

ReceivedMessage MailTransaction::receivedMessage(const SessionInfo &session,
                                                 const DeliveryResult &result) const
{
    ReceivedMessage message;
    message.sessionId = session.sessionId;
    message.storeId = result.storeId;
    message.received = m_started;
    message.envelope = m_envelope;
    message.size = m_spool->size();
    message.remoteAddress = session.remoteAddress;
    message.heloName = session.heloName;
    message.tls = session.tls;
    message.authUser = session.authUser;
    message.subject = result.subject;
    return message;
}

void MailTransaction::reset()
{
    m_thread.check("MailTransaction");
    m_envelope = Envelope();
    m_recipientAttempts = 0;
    m_firstTraceLine = -1;
    m_reader.reset();
    m_spool.reset();
}
