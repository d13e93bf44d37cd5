// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "eventprinter.h"

#include "terminaltext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

// Text mode is for a person at a terminal or a log: a subject, name or address gets this much
// room, and the rest is "…". JSON carries every value whole.
constexpr qsizetype kMaxTextSubject = 200;
// RFC 5321 §4.5.3.1.3: a path is at most 256 octets; HELO names and user names get the same.
constexpr qsizetype kMaxTextField = 256;
// Text mode names this many recipients of a message, then says how many more there are.
constexpr qsizetype kMaxTextRecipients = 10;
// Error messages can quote what a client sent.
constexpr qsizetype kMaxTextError = 500;

// Every client-derived field in text mode goes through this (see TerminalText::oneLine).
QString clean(const QString &text, qsizetype maxLength = kMaxTextField)
{
    return TerminalText::oneLine(text, maxLength);
}

QString clean(const QByteArray &text)
{
    return clean(QString::fromUtf8(text));
}

QString timeText(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QJsonObject base(const char *event, quint64 sessionId, const QDateTime &time)
{
    return {{QStringLiteral("event"), QLatin1StringView(event)},
            {QStringLiteral("session"), qint64(sessionId)},
            {QStringLiteral("time"), timeText(time)}};
}

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

} // namespace

EventPrinter::EventPrinter(CommandLine::EventFormat format, int fd, QObject *parent)
    : QObject(parent)
    , m_format(format)
{
    if (format == CommandLine::EventFormat::None)
        return;
    // Runs on the writer thread; QDateTime and QJsonDocument are reentrant.
    m_writer = std::make_unique<LineWriter>(fd, [format](quint64 count) {
        if (format == CommandLine::EventFormat::Json) {
            const QJsonObject object{
                {QStringLiteral("event"), QStringLiteral("events_dropped")},
                {QStringLiteral("count"), qint64(count)},
                {QStringLiteral("time"), timeText(QDateTime::currentDateTimeUtc())}};
            return QJsonDocument(object).toJson(QJsonDocument::Compact);
        }
        return QStringLiteral("events: %1 dropped (stdout was not being read)").arg(count).toUtf8();
    });
}

void EventPrinter::write(const QByteArray &line)
{
    if (m_writer)
        m_writer->post(line);
}

quint64 EventPrinter::finish(std::chrono::milliseconds timeout)
{
    const quint64 dropped = m_writer ? m_writer->finish(timeout) : 0;
    m_writer.reset();
    return dropped;
}

void EventPrinter::listening(const QString &kind, const QString &address)
{
    if (m_format == CommandLine::EventFormat::Json) {
        const QJsonObject object{{QStringLiteral("event"), QStringLiteral("listening")},
                                 {QStringLiteral("time"), timeText(QDateTime::currentDateTime())},
                                 {QStringLiteral("kind"), kind},
                                 {QStringLiteral("address"), address}};
        write(QJsonDocument(object).toJson(QJsonDocument::Compact));
    } else if (m_format == CommandLine::EventFormat::Text) {
        write(QStringLiteral("listening on %1 (%2)").arg(address, kind).toUtf8());
    }
}

void EventPrinter::faults(int activeRules, quint64 seed)
{
    if (m_format == CommandLine::EventFormat::Json) {
        const QJsonObject object{{QStringLiteral("event"), QStringLiteral("faults")},
                                 {QStringLiteral("time"), timeText(QDateTime::currentDateTime())},
                                 {QStringLiteral("rules"), activeRules},
                                 {QStringLiteral("seed"), QString::number(seed)}};
        write(QJsonDocument(object).toJson(QJsonDocument::Compact));
    } else if (m_format == CommandLine::EventFormat::Text) {
        write(
            QStringLiteral("fault rules: %1 active (seed %2)").arg(activeRules).arg(seed).toUtf8());
    }
}

void EventPrinter::sessionStarted(const SessionInfo &session)
{
    if (m_format == CommandLine::EventFormat::Json) {
        QJsonObject object = base("session_start", session.sessionId, session.started);
        object.insert(QStringLiteral("remote"), session.remoteAddress);
        object.insert(QStringLiteral("remote_port"), session.remotePort);
        object.insert(QStringLiteral("implicit_tls"), session.implicitTls);
        write(QJsonDocument(object).toJson(QJsonDocument::Compact));
    } else if (m_format == CommandLine::EventFormat::Text) {
        write(QStringLiteral("session %1: connection from %2:%3%4")
                  .arg(session.sessionId)
                  .arg(session.remoteAddress)
                  .arg(session.remotePort)
                  .arg(session.implicitTls ? QStringLiteral(" (implicit TLS)") : QString())
                  .toUtf8());
    }
}

void EventPrinter::sessionEnded(const SessionInfo &session)
{
    if (m_format == CommandLine::EventFormat::Json) {
        QJsonObject object = base("session_end", session.sessionId, session.ended);
        object.insert(QStringLiteral("remote"), session.remoteAddress);
        object.insert(QStringLiteral("reason"), session.endReason);
        object.insert(QStringLiteral("messages"), session.messages);
        object.insert(QStringLiteral("tls"), session.tls);
        object.insert(QStringLiteral("tls_protocol"), orNull(session.tlsProtocol));
        object.insert(QStringLiteral("auth_user"), orNull(session.authUser));
        object.insert(QStringLiteral("helo"), orNull(session.heloName));
        write(QJsonDocument(object).toJson(QJsonDocument::Compact));
    } else if (m_format == CommandLine::EventFormat::Text) {
        write(QStringLiteral("session %1: ended (%2), %3 message(s)")
                  .arg(QString::number(session.sessionId), clean(session.endReason),
                       QString::number(session.messages))
                  .toUtf8());
    }
}

void EventPrinter::authAttempted(const AuthAttempt &attempt)
{
    if (m_format == CommandLine::EventFormat::Json) {
        QJsonObject object = base("auth", attempt.sessionId, attempt.time);
        object.insert(QStringLiteral("mechanism"), attempt.mechanism);
        object.insert(QStringLiteral("user"), attempt.user);
        object.insert(QStringLiteral("success"), attempt.success);
        object.insert(QStringLiteral("reason"), orNull(attempt.reason));
        write(QJsonDocument(object).toJson(QJsonDocument::Compact));
    } else if (m_format == CommandLine::EventFormat::Text) {
        write(QStringLiteral("session %1: AUTH %2 as \"%3\" %4")
                  .arg(QString::number(attempt.sessionId), clean(attempt.mechanism),
                       clean(attempt.user),
                       attempt.success
                           ? QStringLiteral("accepted")
                           : QString(QStringLiteral("refused (") + clean(attempt.reason) + u')'))
                  .toUtf8());
    }
}

void EventPrinter::messageReceived(const ReceivedMessage &message)
{
    if (m_format == CommandLine::EventFormat::Json) {
        QJsonObject object = base("message", message.sessionId, message.received);
        QJsonArray to;
        for (const QByteArray &recipient : message.envelope.recipients)
            to.append(QString::fromUtf8(recipient));
        object.insert(QStringLiteral("id"), message.storeId);
        object.insert(QStringLiteral("from"), QString::fromUtf8(message.envelope.mailFrom));
        object.insert(QStringLiteral("to"), to);
        object.insert(QStringLiteral("subject"), message.subject);
        object.insert(QStringLiteral("size"), message.size);
        object.insert(QStringLiteral("remote"), message.remoteAddress);
        object.insert(QStringLiteral("tls"), message.tls);
        object.insert(QStringLiteral("auth_user"), orNull(message.authUser));
        write(QJsonDocument(object).toJson(QJsonDocument::Compact));
    } else if (m_format == CommandLine::EventFormat::Text) {
        const QList<QByteArray> &recipients = message.envelope.recipients;
        QStringList to;
        for (const QByteArray &recipient :
             recipients.first(std::min(recipients.size(), kMaxTextRecipients)))
            to.append(clean(recipient));
        if (recipients.size() > kMaxTextRecipients)
            to.append(QStringLiteral("and %1 more").arg(recipients.size() - kMaxTextRecipients));
        // One multi-argument arg(): chained calls would take a "%1" in an address or the
        // subject for a placeholder.
        write(QStringLiteral("session %1: message %2 from <%3> to %4, %5 bytes: %6")
                  .arg(QString::number(message.sessionId), QString::number(message.storeId),
                       clean(message.envelope.mailFrom), to.join(QStringLiteral(", ")),
                       QString::number(message.size), clean(message.subject, kMaxTextSubject))
                  .toUtf8());
    }
}

void EventPrinter::errorOccurred(const ServerError &error)
{
    if (m_format == CommandLine::EventFormat::Json) {
        QJsonObject object = base("error", error.sessionId, error.time);
        object.insert(QStringLiteral("remote"), orNull(error.remoteAddress));
        object.insert(QStringLiteral("message"), error.message);
        write(QJsonDocument(object).toJson(QJsonDocument::Compact));
    } else if (m_format == CommandLine::EventFormat::Text) {
        write(QStringLiteral("error (session %1): %2")
                  .arg(QString::number(error.sessionId), clean(error.message, kMaxTextError))
                  .toUtf8());
    }
}
