// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtpcommand.h"

#include <QHostAddress>
#include <QString>

#include <algorithm>
#include <array>

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

bool isAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isHigh(char c)
{
    return static_cast<unsigned char>(c) >= 0x80;
}

// RFC 5322 atext, widened by RFC 6531 to UTF-8 when the session allows it.
bool isAtext(char c, bool allowUtf8)
{
    if (isAlpha(c) || isDigit(c))
        return true;
    if (isHigh(c))
        return allowUtf8;
    return QByteArrayView("!#$%&'*+-/=?^_`{|}~").contains(c);
}

bool isDotString(QByteArrayView text, bool allowUtf8)
{
    if (text.isEmpty() || text.front() == '.' || text.back() == '.')
        return false;
    char previous = 0;
    for (const char c : text) {
        if (c == '.') {
            if (previous == '.')
                return false;
        } else if (!isAtext(c, allowUtf8)) {
            return false;
        }
        previous = c;
    }
    return true;
}

// RFC 5321 Quoted-string: DQUOTE *QcontentSMTP DQUOTE.
bool isQuotedString(QByteArrayView text, bool allowUtf8)
{
    if (text.size() < 2 || text.front() != '"' || text.back() != '"')
        return false;
    for (qsizetype i = 1; i + 1 < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\\') {
            ++i;
            if (i + 1 >= text.size())
                return false;
            const auto escaped = static_cast<unsigned char>(text[i]);
            if (escaped < 32 || escaped > 126)
                return false;
        } else if (c == '"') {
            return false;
        } else if (c >= 0x80) {
            if (!allowUtf8)
                return false;
        } else if (c < 32 || c > 126) {
            return false;
        }
    }
    return true;
}

// Finds the end of a local part that may be a quoted string with escaped quotes and '@'.
qsizetype localPartEnd(QByteArrayView text)
{
    if (text.isEmpty() || text.front() != '"')
        return text.indexOf('@');
    for (qsizetype i = 1; i < text.size(); ++i) {
        if (text[i] == '\\')
            ++i;
        else if (text[i] == '"')
            return (i + 1 < text.size() && text[i + 1] == '@') ? i + 1 : -1;
    }
    return -1;
}

bool startsWithNoCase(QByteArrayView text, QByteArrayView prefix)
{
    return text.size() >= prefix.size()
           && text.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) == 0;
}

QByteArrayView trimmedSpaces(QByteArrayView text)
{
    while (!text.isEmpty() && text.front() == ' ')
        text = text.sliced(1);
    while (!text.isEmpty() && text.back() == ' ')
        text.chop(1);
    return text;
}

// RFC 5321 §4.1.3: Ldh-str = *( ALPHA / DIGIT / "-" ) Let-dig.
bool isLdhString(QByteArrayView text)
{
    if (text.isEmpty() || !(isAlpha(text.back()) || isDigit(text.back())))
        return false;
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return isAlpha(c) || isDigit(c) || c == '-'; });
}

// RFC 5321 §4.1.3 IPv6-addr. QHostAddress parses the groups, but it also takes what the SMTP
// grammar does not: surrounding or inner spaces, scope ids ("%eth0"), and a "::" that stands
// for a single group ("1:2:3:4:5:6:7::").
bool isIpv6Address(QByteArrayView text)
{
    const bool onlyAddressCharacters = std::all_of(text.begin(), text.end(), [](char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':'
               || c == '.';
    });
    QHostAddress address;
    if (!onlyAddressCharacters || !address.setAddress(QString::fromLatin1(text))
        || address.protocol() != QAbstractSocket::IPv6Protocol)
        return false;
    if (!text.contains("::"))
        return true;
    // IPv6-comp allows at most 6 groups besides "::", IPv6v4-comp at most 4 besides the IPv4 part.
    qsizetype groups = 0;
    for (const QByteArray &group : text.toByteArray().split(':')) {
        if (!group.isEmpty() && !group.contains('.'))
            ++groups;
    }
    return groups <= (text.contains('.') ? 4 : 6);
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

namespace SmtpSyntax {

bool isValidUtf8(QByteArrayView text)
{
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        unsigned min = 0;
        unsigned code = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
            min = 0x80;
            code = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            min = 0x800;
            code = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            min = 0x10000;
            code = c & 0x07;
        } else {
            return false;
        }
        for (int k = 1; k <= extra; ++k) {
            if (i + k >= n)
                return false;
            const auto cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xC0) != 0x80)
                return false;
            code = (code << 6) | (cc & 0x3F);
        }
        if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

bool isDomain(QByteArrayView text, bool allowUtf8)
{
    if (text.isEmpty() || text.size() > 255)
        return false;
    qsizetype labelStart = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != '.')
            continue;
        const QByteArrayView label = text.sliced(labelStart, i - labelStart);
        if (label.isEmpty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
            return false;
        for (const char c : label) {
            if (!(isAlpha(c) || isDigit(c) || c == '-' || (allowUtf8 && isHigh(c))))
                return false;
        }
        labelStart = i + 1;
    }
    return !allowUtf8 || isValidUtf8(text);
}

bool isAddressLiteral(QByteArrayView text)
{
    if (text.size() < 3 || text.front() != '[' || text.back() != ']')
        return false;
    const QByteArrayView inner = text.sliced(1, text.size() - 2);
    if (startsWithNoCase(inner, "IPv6:"))
        return isIpv6Address(inner.sliced(5));
    // IPv4-address-literal: Snum 3("." Snum), Snum = 1*3DIGIT with a value of 0-255. Digits
    // only: QByteArray::toInt() alone would also take signs and surrounding whitespace.
    const QList<QByteArray> parts = inner.toByteArray().split('.');
    if (parts.size() == 4) {
        bool allNumeric = true;
        for (const QByteArray &part : parts) {
            if (part.isEmpty() || part.size() > 3 || !std::all_of(part.begin(), part.end(), isDigit)
                || part.toInt() > 255)
                allNumeric = false;
        }
        if (allNumeric)
            return true;
    }
    // General-address-literal: Standardized-tag ":" 1*dcontent.
    const qsizetype colon = inner.indexOf(':');
    if (colon <= 0 || colon + 1 >= inner.size() || !isLdhString(inner.first(colon)))
        return false;
    for (const char c : inner.sliced(colon + 1)) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 33 || u > 126 || c == '[' || c == ']' || c == '\\')
            return false;
    }
    return true;
}

bool isMailbox(QByteArrayView text, bool allowUtf8, bool allowPostmaster)
{
    const qsizetype at = localPartEnd(text);
    if (at < 0)
        return allowPostmaster && text.compare("postmaster", Qt::CaseInsensitive) == 0;
    const QByteArrayView local = text.first(at);
    const QByteArrayView domain = text.sliced(at + 1);
    const bool localOk = isDotString(local, allowUtf8) || isQuotedString(local, allowUtf8);
    return localOk && (isDomain(domain, allowUtf8) || isAddressLiteral(domain));
}

} // namespace SmtpSyntax

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
