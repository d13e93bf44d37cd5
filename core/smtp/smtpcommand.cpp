// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtpcommand.h"

#include "smtp/smtpsyntax.h"

#include <QList>
#include <QString>

#include <algorithm>
#include <array>

using SmtpSyntax::isAlpha;
using SmtpSyntax::isDigit;
using SmtpSyntax::isHigh;
using SmtpSyntax::localPartEnd;
using SmtpSyntax::startsWithNoCase;

namespace {

struct VerbEntry
{
    QByteArrayView name;
    SmtpCommand::Verb verb;
};

constexpr std::array kVerbs{
    VerbEntry{"HELO", SmtpCommand::Verb::Helo}, VerbEntry{"EHLO", SmtpCommand::Verb::Ehlo},
    VerbEntry{"MAIL", SmtpCommand::Verb::Mail}, VerbEntry{"RCPT", SmtpCommand::Verb::Rcpt},
    VerbEntry{"DATA", SmtpCommand::Verb::Data}, VerbEntry{"RSET", SmtpCommand::Verb::Rset},
    VerbEntry{"NOOP", SmtpCommand::Verb::Noop}, VerbEntry{"QUIT", SmtpCommand::Verb::Quit},
    VerbEntry{"VRFY", SmtpCommand::Verb::Vrfy}, VerbEntry{"EXPN", SmtpCommand::Verb::Expn},
    VerbEntry{"HELP", SmtpCommand::Verb::Help}, VerbEntry{"STARTTLS", SmtpCommand::Verb::StartTls},
    VerbEntry{"AUTH", SmtpCommand::Verb::Auth},
};

QByteArrayView trimmedSpaces(QByteArrayView text)
{
    while (!text.isEmpty() && text.front() == ' ')
        text = text.sliced(1);
    while (!text.isEmpty() && text.back() == ' ')
        text.chop(1);
    return text;
}

SmtpCommand fail(SmtpCommand command, SmtpCommand::Status status, const QByteArray &error)
{
    command.status = status;
    command.error = error;
    return command;
}

// Parses "<path>" at the start of `text`; returns the rest after '>', or nullopt with `status`
// and `error` set.
std::optional<QByteArrayView> parsePath(QByteArrayView text, bool allowEmpty, bool allowPostmaster,
                                        QByteArray *address, SmtpCommand::Status *status,
                                        QByteArray *error)
{
    using Status = SmtpCommand::Status;
    // Which failures count as a bad address (5.1.7 / 5.1.3) rather than plain syntax (5.5.4)
    // is what clients have seen so far; it is kept as it is.
    *status = Status::SyntaxError;
    if (text.isEmpty() || text.front() != '<') {
        *status = Status::BadAddress;
        *error = "Syntax error: address must be in angle brackets";
        return std::nullopt;
    }
    qsizetype pos = 1;
    // RFC 5321 §4.1.2 A-d-l: an obsolete source route ("@a,@b:"), accepted and ignored.
    if (pos < text.size() && text[pos] == '@') {
        const qsizetype colon = text.indexOf(':', pos);
        if (colon < 0) {
            *error = "Syntax error in source route";
            return std::nullopt;
        }
        for (const QByteArrayView hop :
             QByteArrayView(text).sliced(pos, colon - pos).toByteArray().split(',')) {
            if (hop.size() < 2 || hop.front() != '@'
                || !(SmtpSyntax::isDomain(hop.sliced(1), true)
                     || SmtpSyntax::isAddressLiteral(hop.sliced(1)))) {
                *error = "Syntax error in source route";
                return std::nullopt;
            }
        }
        pos = colon + 1;
    }
    const QByteArrayView rest = text.sliced(pos);
    qsizetype close = -1;
    if (!rest.isEmpty() && rest.front() == '"') {
        const qsizetype at = localPartEnd(rest);
        close = at < 0 ? -1 : rest.indexOf('>', at);
    } else {
        close = rest.indexOf('>');
    }
    if (close < 0) {
        *error = "Syntax error: missing '>'";
        return std::nullopt;
    }
    const QByteArrayView mailbox = rest.first(close);
    if (pos + close + 1 > SmtpCommand::kMaxPath) {
        *error = "Path too long";
        return std::nullopt;
    }
    if (mailbox.isEmpty()) {
        if (!allowEmpty || pos != 1) {
            *status = Status::BadAddress;
            *error = "Syntax error: empty address";
            return std::nullopt;
        }
        address->clear();
        return rest.sliced(close + 1);
    }
    if (!SmtpSyntax::isMailbox(mailbox, true, allowPostmaster)) {
        *status = Status::BadAddress;
        *error = "Syntax error in mailbox address";
        return std::nullopt;
    }
    if (!SmtpSyntax::isValidUtf8(mailbox)) {
        *error = "Address is not valid UTF-8";
        return std::nullopt;
    }
    *address = mailbox.toByteArray();
    return rest.sliced(close + 1);
}

bool isEsmtpKeyword(QByteArrayView keyword)
{
    if (keyword.isEmpty() || !(isAlpha(keyword.front()) || isDigit(keyword.front())))
        return false;
    for (const char c : keyword) {
        if (!(isAlpha(c) || isDigit(c) || c == '-'))
            return false;
    }
    return true;
}

// RFC 5321 esmtp-value, widened to UTF-8 by RFC 6531 §3.3.
bool isEsmtpValue(QByteArrayView value)
{
    if (value.isEmpty())
        return false;
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 33 || u == '=' || u == 127)
            return false;
    }
    return SmtpSyntax::isValidUtf8(value);
}

SmtpCommand parseMailParameters(SmtpCommand command, QByteArrayView text)
{
    bool seenSize = false;
    bool seenBody = false;
    bool seenAuth = false;
    for (QByteArrayView item : text.toByteArray().split(' ')) {
        if (item.isEmpty())
            continue;
        const qsizetype eq = item.indexOf('=');
        const QByteArrayView keyword = eq < 0 ? item : item.first(eq);
        const QByteArrayView value = eq < 0 ? QByteArrayView() : item.sliced(eq + 1);
        if (!isEsmtpKeyword(keyword) || (eq >= 0 && !isEsmtpValue(value)))
            return fail(command, SmtpCommand::Status::SyntaxError, "Syntax error in parameters");
        if (keyword.compare("SIZE", Qt::CaseInsensitive) == 0) {
            bool ok = false;
            const qint64 size = value.toLongLong(&ok);
            if (seenSize || !ok || size < 0 || value.size() > 20)
                return fail(command, SmtpCommand::Status::BadParameter, "Bad SIZE parameter");
            for (const char c : value) {
                if (!isDigit(c))
                    return fail(command, SmtpCommand::Status::BadParameter, "Bad SIZE parameter");
            }
            seenSize = true;
            command.size = size;
        } else if (keyword.compare("BODY", Qt::CaseInsensitive) == 0) {
            if (seenBody)
                return fail(command, SmtpCommand::Status::BadParameter, "Duplicate BODY parameter");
            seenBody = true;
            if (value.compare("7BIT", Qt::CaseInsensitive) == 0)
                command.body = SmtpCommand::Body::SevenBit;
            else if (value.compare("8BITMIME", Qt::CaseInsensitive) == 0)
                command.body = SmtpCommand::Body::EightBitMime;
            else
                return fail(command, SmtpCommand::Status::BadParameter,
                            "Unsupported BODY type (7BIT and 8BITMIME are supported)");
        } else if (keyword.compare("SMTPUTF8", Qt::CaseInsensitive) == 0) {
            // A repeated SMTPUTF8 is harmless and real clients send it: Python's smtplib
            // send_message() adds its own to a caller's mail_options=['SMTPUTF8'].
            if (eq >= 0)
                return fail(command, SmtpCommand::Status::BadParameter, "SMTPUTF8 takes no value");
            command.smtpUtf8 = true;
        } else if (keyword.compare("AUTH", Qt::CaseInsensitive) == 0) {
            // RFC 4954 §5: accepted; the claimed submitter is only informational here.
            if (seenAuth || eq < 0)
                return fail(command, SmtpCommand::Status::BadParameter, "Bad AUTH parameter");
            seenAuth = true;
        } else {
            return fail(command, SmtpCommand::Status::BadParameter,
                        QByteArray("Unsupported parameter ") + keyword.toByteArray().toUpper());
        }
    }
    return command;
}

} // namespace

QLatin1StringView SmtpCommand::verbName(Verb verb)
{
    for (const VerbEntry &entry : kVerbs) {
        if (entry.verb == verb)
            return QLatin1StringView(entry.name.data(), entry.name.size());
    }
    return QLatin1StringView("?");
}

qsizetype SmtpCommand::maxLineLength(Verb verb)
{
    switch (verb) {
    case Verb::Mail:
    case Verb::Rcpt:
        return kMaxMailRcptLine;
    case Verb::Auth:
        return kMaxAuthLine;
    default:
        return kMaxCommandLine;
    }
}

SmtpCommand SmtpCommand::parse(QByteArrayView line)
{
    SmtpCommand command;
    const qsizetype space = line.indexOf(' ');
    const QByteArrayView verbText = space < 0 ? line : line.first(space);
    for (const VerbEntry &entry : kVerbs) {
        if (verbText.compare(entry.name, Qt::CaseInsensitive) == 0) {
            command.verb = entry.verb;
            break;
        }
    }
    for (const char c : line) {
        if (c == '\0' || c == '\r' || c == '\n')
            return fail(command, Status::InvalidCharacter,
                        "Syntax error: NUL, bare CR or bare LF in command line");
    }
    if (line.size() + 2 > maxLineLength(command.verb))
        return fail(command, Status::LineTooLong, "Line too long");
    if (command.verb == Verb::Unknown)
        return fail(command, Status::UnknownCommand, "Command unrecognized");

    const QByteArrayView rawArgument = space < 0 ? QByteArrayView() : line.sliced(space + 1);
    const QByteArrayView argument = trimmedSpaces(rawArgument);
    command.argument = argument.toByteArray();
    command.status = Status::Ok;

    switch (command.verb) {
    case Verb::Helo:
    case Verb::Ehlo:
        if (argument.isEmpty())
            return fail(command, Status::SyntaxError,
                        QByteArray("Syntax: ") + verbName(command.verb).data() + " hostname");
        return command;
    case Verb::Vrfy:
    case Verb::Expn:
        if (argument.isEmpty())
            return fail(command, Status::SyntaxError, "Syntax error: argument required");
        return command;
    case Verb::Data:
    case Verb::Rset:
    case Verb::Quit:
    case Verb::StartTls:
        if (!argument.isEmpty())
            return fail(command, Status::SyntaxError,
                        QByteArray("Syntax: ") + verbName(command.verb).data()
                            + " takes no arguments");
        return command;
    case Verb::Noop:
    case Verb::Help:
    case Verb::Unknown:
        return command;
    case Verb::Mail:
    case Verb::Rcpt: {
        const bool isMail = command.verb == Verb::Mail;
        const QByteArrayView prefix = isMail ? QByteArrayView("FROM:") : QByteArrayView("TO:");
        if (!startsWithNoCase(rawArgument, prefix))
            return fail(command, Status::BadAddress,
                        isMail ? "Syntax: MAIL FROM:<address> [parameters]"
                               : "Syntax: RCPT TO:<address>");
        // Strictly "FROM:<", but "FROM: <" is common enough to take (Postfix does too).
        QByteArrayView rest = rawArgument.sliced(prefix.size());
        while (!rest.isEmpty() && rest.front() == ' ')
            rest = rest.sliced(1);
        Status pathStatus = Status::SyntaxError;
        QByteArray error;
        const auto after = parsePath(rest, isMail, !isMail, &command.address, &pathStatus, &error);
        if (!after)
            return fail(command, pathStatus, error);
        for (const char c : command.address) {
            if (isHigh(c))
                command.hasNonAscii = true;
        }
        const QByteArrayView parameters = trimmedSpaces(*after);
        if (!after->isEmpty() && after->front() != ' ')
            return fail(command, Status::BadAddress, "Syntax error after address");
        command.parameters = parameters.toByteArray();
        if (parameters.isEmpty())
            return command;
        if (!isMail)
            return fail(command, Status::BadParameter, "RCPT parameters are not supported");
        return parseMailParameters(command, parameters);
    }
    case Verb::Auth: {
        const qsizetype sep = argument.indexOf(' ');
        const QByteArrayView mechanism = sep < 0 ? argument : argument.first(sep);
        if (mechanism.isEmpty() || mechanism.size() > 20)
            return fail(command, Status::SyntaxError, "Syntax: AUTH mechanism [initial-response]");
        for (const char c : mechanism) {
            if (!(isAlpha(c) || isDigit(c) || c == '-' || c == '_'))
                return fail(command, Status::SyntaxError, "Syntax error in mechanism name");
        }
        command.mechanism = mechanism.toByteArray().toUpper();
        if (sep >= 0) {
            const QByteArrayView response = trimmedSpaces(argument.sliced(sep + 1));
            if (response.isEmpty() || response.contains(' '))
                return fail(command, Status::SyntaxError,
                            "Syntax: AUTH mechanism [initial-response]");
            command.initialResponse = response.toByteArray();
        }
        return command;
    }
    }
    return command;
}
