// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"
#include "common/threadcheck.h"
#include "events/events.h"
#include "smtp/datareader.h"
#include "smtp/sessiontrace.h"
#include "store/deliveryrequest.h"

#include <QDateTime>

#include <memory>
#include <optional>

struct SmtpCommand;

/// One mail transaction of a session (RFC 5321 §3.3): the envelope from MAIL and RCPT, then
/// the message content spooled through a DataReader, and what the store and the session's
/// listeners are told about it. The session decides what is allowed and answers; this class
/// holds the transaction's data. Used in the session's thread only.
class MailTransaction final
{
public:
    /// A new envelope from an accepted MAIL command, whose line is the last one in `trace`.
    void begin(const SmtpCommand &mail, const SessionTrace &trace);
    const Envelope &envelope() const { return m_envelope; }
    /// A RCPT command arrived (accepted or not): DATA after refused recipients only is 554.
    void countRecipientAttempt() { ++m_recipientAttempts; }
    int recipientAttempts() const { return m_recipientAttempts; }
    void addRecipient(const QByteArray &address) { m_envelope.recipients.append(address); }

    /// Opens a spool in `spoolDirectory`, writes `receivedHeader` at its top and starts
    /// reading the content; `maxSize` 0 is no limit.
    void startData(const QString &spoolDirectory, const QByteArray &receivedHeader,
                   const QDateTime &started, qint64 maxSize);
    /// DATA bytes; returns how many belonged to the message (see DataReader::feed()).
    qsizetype feed(QByteArrayView bytes) { return m_reader->feed(bytes); }
    const DataReader &reader() const { return *m_reader; }
    /// Whether the content could be written; the error (FileUnwritable) says why not.
    Result<void> spoolResult() const;
    QDateTime started() const { return m_started; }

    /// What the store is handed after the final ".": with the lines of `trace` not yet
    /// handed over, and where the transaction sits in the session's trace (from its MAIL line
    /// to the reply that follows the store's answer).
    DeliveryRequest deliveryRequest(const SessionInfo &session, SessionTrace &trace) const;
    /// What the session announces once the store has the message.
    ReceivedMessage receivedMessage(const SessionInfo &session, const DeliveryResult &result) const;

    /// Forgets the envelope and the content.
    void reset();

private:
    Envelope m_envelope;
    int m_recipientAttempts = 0;
    std::shared_ptr<MessageSpool> m_spool;
    std::unique_ptr<DataReader> m_reader;
    std::optional<Error> m_spoolError; ///< the Received header could not be spooled
    QDateTime m_started;
    qint64 m_firstTraceLine = -1; ///< the MAIL line in the session's trace; -1: not traced
    ThreadCheck m_thread;         ///< the session's thread, which builds it
};
