// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtp/smtpcommand.h"
#include "smtp/smtpsyntax.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;

using Verb = SmtpCommand::Verb;
using Status = SmtpCommand::Status;
using Body = SmtpCommand::Body;

// Readable failure messages for QCOMPARE; found by argument-dependent lookup.
char *toString(const SmtpCommand::Status &status)
{
    switch (status) {
    case Status::Ok:
        return qstrdup("Ok");
    case Status::UnknownCommand:
        return qstrdup("UnknownCommand");
    case Status::InvalidCharacter:
        return qstrdup("InvalidCharacter");
    case Status::LineTooLong:
        return qstrdup("LineTooLong");
    case Status::SyntaxError:
        return qstrdup("SyntaxError");
    case Status::BadAddress:
        return qstrdup("BadAddress");
    case Status::BadParameter:
        return qstrdup("BadParameter");
    }
    return qstrdup("?");
}

char *toString(const SmtpCommand::Verb &verb)
{
    if (verb == Verb::Unknown)
        return qstrdup("Unknown");
    return qstrdup(
        QByteArray(SmtpCommand::verbName(verb).latin1(), SmtpCommand::verbName(verb).size())
            .constData());
}

namespace {

/// What a MAIL command carries besides its address; the defaults are "nothing given".
struct MailExpectation
{
    qint64 size = -1;
    Body body = Body::Unspecified;
    bool smtpUtf8 = false;
    bool nonAscii = false;
};

void addParseRow(const char *name, const QByteArray &line, Verb verb, Status status,
                 const QByteArray &address = {}, MailExpectation mail = {})
{
    QTest::addRow("%s", name) << line << verb << status << address << mail.size << mail.body
                              << mail.smtpUtf8 << mail.nonAscii;
}

// A valid domain of exactly `length` octets: labels "a" and "aa" separated by dots.
QByteArray domainOfLength(qsizetype length)
{
    QByteArray domain;
    while (domain.size() + 2 < length)
        domain += "a.";
    domain += QByteArray(length - domain.size(), 'a');
    return domain;
}

} // namespace

/// SmtpCommand::parse() and the RFC 5321 §4.1.2 syntax helpers, table-driven, plus a fuzz run.
class TestSmtpCommand final : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<Verb>("verb");
        QTest::addColumn<Status>("status");
        QTest::addColumn<QByteArray>("address");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<Body>("body");
        QTest::addColumn<bool>("smtpUtf8");
        QTest::addColumn<bool>("nonAscii");

        // Every verb, in upper, lower and mixed case (RFC 5321 §2.4: verbs are case-insensitive).
        struct VerbRow
        {
            const char *name;
            QByteArray text;
            QByteArray rest;
            Verb verb;
            QByteArray address;
        };
        const VerbRow verbs[] = {
            {"helo", "HELO"_ba, " client.example"_ba, Verb::Helo, {}},
            {"ehlo", "EHLO"_ba, " client.example"_ba, Verb::Ehlo, {}},
            {"mail", "MAIL"_ba, " FROM:<a@example.com>"_ba, Verb::Mail, "a@example.com"_ba},
            {"rcpt", "RCPT"_ba, " TO:<b@example.com>"_ba, Verb::Rcpt, "b@example.com"_ba},
            {"data", "DATA"_ba, {}, Verb::Data, {}},
            {"rset", "RSET"_ba, {}, Verb::Rset, {}},
            {"noop", "NOOP"_ba, {}, Verb::Noop, {}},
            {"quit", "QUIT"_ba, {}, Verb::Quit, {}},
            {"vrfy", "VRFY"_ba, " user"_ba, Verb::Vrfy, {}},
            {"expn", "EXPN"_ba, " list"_ba, Verb::Expn, {}},
            {"help", "HELP"_ba, {}, Verb::Help, {}},
            {"starttls", "STARTTLS"_ba, {}, Verb::StartTls, {}},
            {"auth", "AUTH"_ba, " PLAIN"_ba, Verb::Auth, {}},
        };
        for (const VerbRow &row : verbs) {
            QByteArray mixed = row.text;
            for (qsizetype i = 0; i < mixed.size(); i += 2)
                mixed[i] = static_cast<char>(mixed[i] - 'A' + 'a');
            QTest::addRow("verb-%s-upper", row.name)
                << QByteArray(row.text + row.rest) << row.verb << Status::Ok << row.address
                << qint64(-1) << Body::Unspecified << false << false;
            QTest::addRow("verb-%s-lower", row.name)
                << QByteArray(row.text + row.rest).toLower() << row.verb << Status::Ok
                << row.address << qint64(-1) << Body::Unspecified << false << false;
            QTest::addRow("verb-%s-mixed", row.name)
                << QByteArray(mixed + row.rest) << row.verb << Status::Ok << row.address
                << qint64(-1) << Body::Unspecified << false << false;
        }
        addParseRow("noop-with-argument", "NOOP anything at all"_ba, Verb::Noop, Status::Ok);
        addParseRow("help-with-topic", "HELP MAIL"_ba, Verb::Help, Status::Ok);
        addParseRow("unknown-verb", "FOO bar"_ba, Verb::Unknown, Status::UnknownCommand);
        addParseRow("verb-prefix-is-not-a-verb", "HELOX client"_ba, Verb::Unknown,
                    Status::UnknownCommand);
        addParseRow("mail-without-space", "MAILFROM:<a@b.example>"_ba, Verb::Unknown,
                    Status::UnknownCommand);
        addParseRow("leading-space", " NOOP"_ba, Verb::Unknown, Status::UnknownCommand);

        // MAIL (RFC 5321 §4.1.1.2) and its parameters (RFC 1870, 6152, 6531, 4954 §5).
        addParseRow("mail-null-sender", "MAIL FROM:<>"_ba, Verb::Mail, Status::Ok, {});
        addParseRow("mail-space-after-colon", "MAIL FROM: <a@b.example>"_ba, Verb::Mail, Status::Ok,
                    "a@b.example"_ba);
        addParseRow("mail-from-lowercase-keyword", "MAIL from:<a@b.example>"_ba, Verb::Mail,
                    Status::Ok, "a@b.example"_ba);
        addParseRow("mail-from-with-size", "MAIL FROM:<a@b.example> SIZE=10"_ba, Verb::Mail,
                    Status::Ok, "a@b.example"_ba, {.size = 10});
        addParseRow("mail-size-zero", "MAIL FROM:<a@b.example> SIZE=0"_ba, Verb::Mail, Status::Ok,
                    "a@b.example"_ba, {.size = 0});
        addParseRow("mail-size-int64-max", "MAIL FROM:<a@b.example> SIZE=9223372036854775807"_ba,
                    Verb::Mail, Status::Ok, "a@b.example"_ba, {.size = 9223372036854775807LL});
        addParseRow("mail-size-20-digits", "MAIL FROM:<a@b.example> SIZE=00000000000000000042"_ba,
                    Verb::Mail, Status::Ok, "a@b.example"_ba, {.size = 42});
        addParseRow("mail-size-21-digits", "MAIL FROM:<a@b.example> SIZE=000000000000000000042"_ba,
                    Verb::Mail, Status::BadParameter);
        addParseRow("mail-size-non-numeric", "MAIL FROM:<a@b.example> SIZE=ten"_ba, Verb::Mail,
                    Status::BadParameter);
        addParseRow("mail-size-trailing-junk", "MAIL FROM:<a@b.example> SIZE=10k"_ba, Verb::Mail,
                    Status::BadParameter);
        addParseRow("mail-size-negative", "MAIL FROM:<a@b.example> SIZE=-1"_ba, Verb::Mail,
                    Status::BadParameter);
        addParseRow("mail-size-plus-sign", "MAIL FROM:<a@b.example> SIZE=+1"_ba, Verb::Mail,
                    Status::BadParameter);
        addParseRow("mail-size-without-value", "MAIL FROM:<a@b.example> SIZE"_ba, Verb::Mail,
                    Status::BadParameter);
        addParseRow("mail-size-empty-value", "MAIL FROM:<a@b.example> SIZE="_ba, Verb::Mail,
                    Status::SyntaxError);
        addParseRow("mail-size-duplicate", "MAIL FROM:<a@b.example> SIZE=1 SIZE=1"_ba, Verb::Mail,
                    Status::BadParameter);
        addParseRow("mail-body-7bit", "MAIL FROM:<a@b.example> BODY=7BIT"_ba, Verb::Mail,
                    Status::Ok, "a@b.example"_ba, {.body = Body::SevenBit});
        addParseRow("mail-body-8bitmime", "MAIL FROM:<a@b.example> BODY=8BITMIME"_ba, Verb::Mail,
                    Status::Ok, "a@b.example"_ba, {.body = Body::EightBitMime});
        addParseRow("mail-body-lowercase", "MAIL FROM:<a@b.example> body=8bitmime"_ba, Verb::Mail,
                    Status::Ok, "a@b.example"_ba, {.body = Body::EightBitMime});
        addParseRow("mail-body-binarymime", "MAIL FROM:<a@b.example> BODY=BINARYMIME"_ba,
                    Verb::Mail, Status::BadParameter);
        addParseRow("mail-body-duplicate", "MAIL FROM:<a@b.example> BODY=7BIT BODY=8BITMIME"_ba,
                    Verb::Mail, Status::BadParameter);
        addParseRow("mail-smtputf8", "MAIL FROM:<a@b.example> SMTPUTF8"_ba, Verb::Mail, Status::Ok,
                    "a@b.example"_ba, {.smtpUtf8 = true});
        addParseRow("mail-smtputf8-with-value", "MAIL FROM:<a@b.example> SMTPUTF8=YES"_ba,
                    Verb::Mail, Status::BadParameter);
        addParseRow("mail-auth-empty", "MAIL FROM:<a@b.example> AUTH=<>"_ba, Verb::Mail, Status::Ok,
                    "a@b.example"_ba);
        addParseRow("mail-auth-xtext", "MAIL FROM:<a@b.example> AUTH=e+2Bf@b.example"_ba,
                    Verb::Mail, Status::Ok, "a@b.example"_ba);
        addParseRow("mail-auth-without-value", "MAIL FROM:<a@b.example> AUTH"_ba, Verb::Mail,
                    Status::BadParameter);
        addParseRow("mail-all-parameters",
                    "MAIL FROM:<a@b.example> SIZE=1000 BODY=8BITMIME SMTPUTF8 AUTH=<>"_ba,
                    Verb::Mail, Status::Ok, "a@b.example"_ba,
                    {.size = 1000, .body = Body::EightBitMime, .smtpUtf8 = true});
        addParseRow("mail-parameters-lowercase",
                    "mail from:<a@b.example> size=5 body=7bit smtputf8"_ba, Verb::Mail, Status::Ok,
                    "a@b.example"_ba, {.size = 5, .body = Body::SevenBit, .smtpUtf8 = true});
        addParseRow("mail-unknown-parameter", "MAIL FROM:<a@b.example> FOO=bar"_ba, Verb::Mail,
                    Status::BadParameter);
        addParseRow("mail-dsn-parameter-unsupported", "MAIL FROM:<a@b.example> RET=HDRS"_ba,
                    Verb::Mail, Status::BadParameter);
        addParseRow("mail-parameter-bad-keyword", "MAIL FROM:<a@b.example> -X=1"_ba, Verb::Mail,
                    Status::SyntaxError);
        addParseRow("mail-no-space-before-parameter", "MAIL FROM:<a@b.example>SIZE=1"_ba,
                    Verb::Mail, Status::BadAddress);
        addParseRow("mail-missing-brackets", "MAIL FROM:a@b.example"_ba, Verb::Mail,
                    Status::BadAddress);
        addParseRow("mail-missing-close-bracket", "MAIL FROM:<a@b.example"_ba, Verb::Mail,
                    Status::SyntaxError);
        addParseRow("mail-to-instead-of-from", "MAIL TO:<a@b.example>"_ba, Verb::Mail,
                    Status::BadAddress);
        addParseRow("mail-without-argument", "MAIL"_ba, Verb::Mail, Status::BadAddress);
        addParseRow("mail-from-postmaster-without-domain", "MAIL FROM:<postmaster>"_ba, Verb::Mail,
                    Status::BadAddress);
        addParseRow("mail-empty-after-source-route", "MAIL FROM:<@a.example:>"_ba, Verb::Mail,
                    Status::BadAddress);
        addParseRow("mail-local-part-leading-dot", "MAIL FROM:<.a@b.example>"_ba, Verb::Mail,
                    Status::BadAddress);
        addParseRow("mail-local-part-double-dot", "MAIL FROM:<a..b@b.example>"_ba, Verb::Mail,
                    Status::BadAddress);
        addParseRow("mail-local-part-space", "MAIL FROM:<a b@b.example>"_ba, Verb::Mail,
                    Status::BadAddress);
        addParseRow("mail-domain-leading-hyphen", "MAIL FROM:<a@-b.example>"_ba, Verb::Mail,
                    Status::BadAddress);
        addParseRow("mail-domain-empty-label", "MAIL FROM:<a@b..example>"_ba, Verb::Mail,
                    Status::BadAddress);
        addParseRow("mail-domain-missing", "MAIL FROM:<a@>"_ba, Verb::Mail, Status::BadAddress);
        addParseRow("mail-two-at-signs", "MAIL FROM:<a@b@c.example>"_ba, Verb::Mail,
                    Status::BadAddress);
        addParseRow("mail-label-63-octets", "MAIL FROM:<a@" + QByteArray(63, 'l') + ".example>",
                    Verb::Mail, Status::Ok, "a@" + QByteArray(63, 'l') + ".example");
        addParseRow("mail-label-64-octets", "MAIL FROM:<a@" + QByteArray(64, 'l') + ".example>",
                    Verb::Mail, Status::BadAddress);

        // RCPT (RFC 5321 §4.1.1.3).
        addParseRow("rcpt-postmaster", "RCPT TO:<postmaster>"_ba, Verb::Rcpt, Status::Ok,
                    "postmaster"_ba);
        addParseRow("rcpt-postmaster-capitalised", "RCPT TO:<Postmaster>"_ba, Verb::Rcpt,
                    Status::Ok, "Postmaster"_ba);
        addParseRow("rcpt-postmaster-uppercase", "RCPT TO:<POSTMASTER>"_ba, Verb::Rcpt, Status::Ok,
                    "POSTMASTER"_ba);
        addParseRow("rcpt-postmaster-with-domain", "RCPT TO:<postmaster@b.example>"_ba, Verb::Rcpt,
                    Status::Ok, "postmaster@b.example"_ba);
        addParseRow("rcpt-not-postmaster-without-domain", "RCPT TO:<webmaster>"_ba, Verb::Rcpt,
                    Status::BadAddress);
        addParseRow("rcpt-null-path", "RCPT TO:<>"_ba, Verb::Rcpt, Status::BadAddress);
        addParseRow("rcpt-with-parameter", "RCPT TO:<b@c.example> NOTIFY=NEVER"_ba, Verb::Rcpt,
                    Status::BadParameter);
        addParseRow("rcpt-from-instead-of-to", "RCPT FROM:<b@c.example>"_ba, Verb::Rcpt,
                    Status::BadAddress);
        addParseRow("rcpt-space-after-colon", "RCPT TO: <b@c.example>"_ba, Verb::Rcpt, Status::Ok,
                    "b@c.example"_ba);
        addParseRow("rcpt-trailing-spaces", "RCPT TO:<b@c.example>   "_ba, Verb::Rcpt, Status::Ok,
                    "b@c.example"_ba);

        // Quoted local parts (RFC 5321 Quoted-string, with quoted-pairSMTP).
        addParseRow("quoted-local-part-space-quote-at", "RCPT TO:<\"a b\\\"@c\"@example.com>"_ba,
                    Verb::Rcpt, Status::Ok, "\"a b\\\"@c\"@example.com"_ba);
        addParseRow("quoted-local-part-with-angle", "RCPT TO:<\"a>b\"@example.com>"_ba, Verb::Rcpt,
                    Status::Ok, "\"a>b\"@example.com"_ba);
        addParseRow("quoted-local-part-empty", "RCPT TO:<\"\"@example.com>"_ba, Verb::Rcpt,
                    Status::Ok, "\"\"@example.com"_ba);
        addParseRow("quoted-local-part-unterminated", "RCPT TO:<\"ab@example.com>"_ba, Verb::Rcpt,
                    Status::SyntaxError);
        addParseRow("quoted-local-part-escaped-close", "RCPT TO:<\"ab\\\"@example.com>"_ba,
                    Verb::Rcpt, Status::SyntaxError);
        addParseRow("quoted-local-part-tab", "RCPT TO:<\"a\tb\"@example.com>"_ba, Verb::Rcpt,
                    Status::BadAddress);
        addParseRow("quoted-local-part-text-after-quote", "RCPT TO:<\"ab\"c@example.com>"_ba,
                    Verb::Rcpt, Status::SyntaxError);

        // Source routes (RFC 5321 §4.1.2 A-d-l, accepted and ignored per Appendix C).
        addParseRow("source-route", "RCPT TO:<@a.example,@b.example:u@c.example>"_ba, Verb::Rcpt,
                    Status::Ok, "u@c.example"_ba);
        addParseRow("source-route-mail", "MAIL FROM:<@a.example:u@c.example>"_ba, Verb::Mail,
                    Status::Ok, "u@c.example"_ba);
        addParseRow("source-route-bad-hop", "RCPT TO:<@a..example:u@c.example>"_ba, Verb::Rcpt,
                    Status::SyntaxError);
        addParseRow("source-route-missing-at", "RCPT TO:<@a.example,b.example:u@c.example>"_ba,
                    Verb::Rcpt, Status::SyntaxError);
        addParseRow("source-route-without-colon", "RCPT TO:<@a.example>"_ba, Verb::Rcpt,
                    Status::SyntaxError);

        // Address literals (RFC 5321 §4.1.3).
        addParseRow("literal-ipv4", "RCPT TO:<u@[127.0.0.1]>"_ba, Verb::Rcpt, Status::Ok,
                    "u@[127.0.0.1]"_ba);
        addParseRow("literal-ipv6-loopback", "RCPT TO:<u@[IPv6:::1]>"_ba, Verb::Rcpt, Status::Ok,
                    "u@[IPv6:::1]"_ba);
        addParseRow("literal-ipv6-lowercase-tag", "RCPT TO:<u@[ipv6:2001:db8::1]>"_ba, Verb::Rcpt,
                    Status::Ok, "u@[ipv6:2001:db8::1]"_ba);
        addParseRow("literal-general", "RCPT TO:<u@[x-tag:some-thing]>"_ba, Verb::Rcpt, Status::Ok,
                    "u@[x-tag:some-thing]"_ba);
        addParseRow("literal-ipv4-octet-999", "RCPT TO:<u@[999.1.1.1]>"_ba, Verb::Rcpt,
                    Status::BadAddress);
        addParseRow("literal-ipv4-three-parts", "RCPT TO:<u@[1.2.3]>"_ba, Verb::Rcpt,
                    Status::BadAddress);
        addParseRow("literal-ipv4-with-space", "RCPT TO:<u@[1.2.3.4 ]>"_ba, Verb::Rcpt,
                    Status::BadAddress);
        addParseRow("literal-ipv6-with-space", "RCPT TO:<u@[IPv6: ::1]>"_ba, Verb::Rcpt,
                    Status::BadAddress);
        addParseRow("literal-ipv6-scope-id", "RCPT TO:<u@[IPv6:fe80::1%eth0]>"_ba, Verb::Rcpt,
                    Status::BadAddress);
        addParseRow("literal-ipv6-garbage", "RCPT TO:<u@[IPv6:zzzz::1]>"_ba, Verb::Rcpt,
                    Status::BadAddress);

        // UTF-8 (RFC 6531 §3.3). The parser accepts it; the session checks SMTPUTF8.
        addParseRow("utf8-local-part", "RCPT TO:<j\xc3\xb6rg@example.com>"_ba, Verb::Rcpt,
                    Status::Ok, "j\xc3\xb6rg@example.com"_ba, {.nonAscii = true});
        addParseRow("utf8-domain", "MAIL FROM:<u@b\xc3\xbc\x63her.example> SMTPUTF8"_ba, Verb::Mail,
                    Status::Ok, "u@b\xc3\xbc\x63her.example"_ba,
                    {.smtpUtf8 = true, .nonAscii = true});
        addParseRow("utf8-emoji-local-part", "RCPT TO:<\xf0\x9f\x93\xa7@example.com>"_ba,
                    Verb::Rcpt, Status::Ok, "\xf0\x9f\x93\xa7@example.com"_ba, {.nonAscii = true});
        addParseRow("invalid-utf8-latin1-byte", "RCPT TO:<j\xf6rg@example.com>"_ba, Verb::Rcpt,
                    Status::SyntaxError);
        addParseRow("invalid-utf8-overlong-slash", "RCPT TO:<a\xc0\xaf@example.com>"_ba, Verb::Rcpt,
                    Status::SyntaxError);
        addParseRow("invalid-utf8-truncated", "RCPT TO:<a\xe2\x82@example.com>"_ba, Verb::Rcpt,
                    Status::SyntaxError);
        addParseRow("invalid-utf8-in-domain", "RCPT TO:<a@b\xff.example>"_ba, Verb::Rcpt,
                    Status::BadAddress);
        addParseRow("invalid-utf8-in-parameter", "MAIL FROM:<a@b.example> AUTH=\xff"_ba, Verb::Mail,
                    Status::SyntaxError);

        // RFC 5321 §4.5.3.1.3: a path is at most 256 octets including the angle brackets.
        // "<u@" + domain + ">" is 4 + domain octets.
        addParseRow("path-256-octets", "RCPT TO:<u@" + domainOfLength(252) + '>', Verb::Rcpt,
                    Status::Ok, "u@" + domainOfLength(252));
        addParseRow("path-257-octets", "RCPT TO:<u@" + domainOfLength(253) + '>', Verb::Rcpt,
                    Status::SyntaxError);
        addParseRow("path-257-octets-mail", "MAIL FROM:<u@" + domainOfLength(253) + '>', Verb::Mail,
                    Status::SyntaxError);
        // The source route counts towards the path: "<@" + 240 + ":" + "u@" + 12 + ">" = 257.
        addParseRow("path-257-octets-with-source-route",
                    "RCPT TO:<@" + domainOfLength(240) + ":u@" + domainOfLength(12) + '>',
                    Verb::Rcpt, Status::SyntaxError);

        // Hostile lines. RFC 5321 §4.5.3.1.4: 512 octets including CRLF, so 510 before it.
        addParseRow("noop-510-octets", "NOOP " + QByteArray(505, 'x'), Verb::Noop, Status::Ok);
        addParseRow("noop-511-octets", "NOOP " + QByteArray(506, 'x'), Verb::Noop,
                    Status::LineTooLong);
        addParseRow("unknown-verb-600-octets", QByteArray(600, 'Z'), Verb::Unknown,
                    Status::LineTooLong);
        // RFC 5321 §4.5.3.1.4 + RFC 1869: MAIL may be 512 octets longer, 1024 with CRLF.
        const QByteArray mailPrefix = "MAIL FROM:<a@b.example> AUTH="_ba;
        addParseRow("mail-1024-octets-with-crlf",
                    mailPrefix + QByteArray(1022 - mailPrefix.size(), 'x'), Verb::Mail, Status::Ok,
                    "a@b.example"_ba);
        addParseRow("mail-1025-octets-with-crlf",
                    mailPrefix + QByteArray(1023 - mailPrefix.size(), 'x'), Verb::Mail,
                    Status::LineTooLong);
        // RFC 4954 §4: an AUTH line may be 12288 octets including CRLF.
        addParseRow("auth-12288-octets-with-crlf", "AUTH PLAIN " + QByteArray(12286 - 11, 'A'),
                    Verb::Auth, Status::Ok);
        addParseRow("auth-12289-octets-with-crlf", "AUTH PLAIN " + QByteArray(12287 - 11, 'A'),
                    Verb::Auth, Status::LineTooLong);
        addParseRow("nul-byte", "NOOP\0"_ba, Verb::Unknown, Status::InvalidCharacter);
        addParseRow("nul-in-address", "MAIL FROM:<a\0b@c.example>"_ba, Verb::Mail,
                    Status::InvalidCharacter);
        addParseRow("bare-cr", "NOOP a\rb"_ba, Verb::Noop, Status::InvalidCharacter);
        addParseRow("bare-cr-at-end", "DATA\r"_ba, Verb::Unknown, Status::InvalidCharacter);
        addParseRow("bare-lf-inside", "RCPT TO:<b@c.example>\nDATA"_ba, Verb::Rcpt,
                    Status::InvalidCharacter);
        addParseRow("eight-bit-in-verb", "NO\xc3\x96P"_ba, Verb::Unknown, Status::UnknownCommand);
        addParseRow("nbsp-after-verb", "MAIL\xc2\xa0\x46ROM:<a@b.example>"_ba, Verb::Unknown,
                    Status::UnknownCommand);
        addParseRow("empty-line", ""_ba, Verb::Unknown, Status::UnknownCommand);
        addParseRow("only-spaces", "    "_ba, Verb::Unknown, Status::UnknownCommand);
        addParseRow("data-with-argument", "DATA x"_ba, Verb::Data, Status::SyntaxError);
        addParseRow("starttls-with-argument", "STARTTLS x"_ba, Verb::StartTls, Status::SyntaxError);
        addParseRow("quit-with-argument", "QUIT now"_ba, Verb::Quit, Status::SyntaxError);
        addParseRow("rset-with-argument", "RSET x"_ba, Verb::Rset, Status::SyntaxError);
        addParseRow("helo-without-argument", "HELO"_ba, Verb::Helo, Status::SyntaxError);
        addParseRow("helo-only-spaces", "HELO   "_ba, Verb::Helo, Status::SyntaxError);
        addParseRow("ehlo-without-argument", "EHLO"_ba, Verb::Ehlo, Status::SyntaxError);
        addParseRow("vrfy-without-argument", "VRFY"_ba, Verb::Vrfy, Status::SyntaxError);
        addParseRow("auth-without-mechanism", "AUTH"_ba, Verb::Auth, Status::SyntaxError);
    }

    void parse()
    {
        QFETCH(QByteArray, line);
        QFETCH(Verb, verb);
        QFETCH(Status, status);
        QFETCH(QByteArray, address);
        QFETCH(qint64, size);
        QFETCH(Body, body);
        QFETCH(bool, smtpUtf8);
        QFETCH(bool, nonAscii);

        const SmtpCommand command = SmtpCommand::parse(line);
        QCOMPARE(command.status, status);
        QCOMPARE(command.ok(), status == Status::Ok);
        QCOMPARE(command.error.isEmpty(), status == Status::Ok);
        if (status != Status::Ok && status != Status::InvalidCharacter)
            QCOMPARE(command.verb, verb);
        if (status != Status::Ok)
            return;
        QCOMPARE(command.verb, verb);
        QCOMPARE(command.address, address);
        QCOMPARE(command.size.value_or(-1), size);
        QCOMPARE(command.body, body);
        QCOMPARE(command.smtpUtf8, smtpUtf8);
        QCOMPARE(command.hasNonAscii, nonAscii);
    }

    void parseArgument_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QByteArray>("argument");

        QTest::addRow("helo") << "HELO a.example"_ba
                              << "a.example"_ba;
        QTest::addRow("ehlo-extra-spaces-trimmed") << "EHLO  host  "_ba
                                                   << "host"_ba;
        QTest::addRow("ehlo-address-literal") << "EHLO [192.0.2.1]"_ba
                                              << "[192.0.2.1]"_ba;
        QTest::addRow("vrfy-inner-space-kept") << "VRFY  John Smith "_ba
                                               << "John Smith"_ba;
        QTest::addRow("noop-argument") << "NOOP x"_ba
                                       << "x"_ba;
    }

    void parseArgument()
    {
        QFETCH(QByteArray, line);
        QFETCH(QByteArray, argument);

        const SmtpCommand command = SmtpCommand::parse(line);
        QVERIFY2(command.ok(), command.error.constData());
        QCOMPARE(command.argument, argument);
    }

    void parseAuth_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<Status>("status");
        QTest::addColumn<QByteArray>("mechanism");
        QTest::addColumn<bool>("hasInitialResponse");
        QTest::addColumn<QByteArray>("initialResponse");

        QTest::addRow("plain-without-initial-response")
            << "AUTH PLAIN"_ba << Status::Ok << "PLAIN"_ba << false << QByteArray();
        QTest::addRow("plain-with-initial-response")
            << "AUTH PLAIN AHVzZXIAcGFzcw=="_ba << Status::Ok << "PLAIN"_ba << true
            << "AHVzZXIAcGFzcw=="_ba;
        QTest::addRow("plain-with-empty-initial-response")
            << "AUTH PLAIN ="_ba << Status::Ok << "PLAIN"_ba << true << "="_ba;
        QTest::addRow("plain-two-tokens-after-mechanism")
            << "AUTH PLAIN abc def"_ba << Status::SyntaxError << QByteArray() << false
            << QByteArray();
        QTest::addRow("mechanism-lowercase-is-uppercased")
            << "auth plain"_ba << Status::Ok << "PLAIN"_ba << false << QByteArray();
        QTest::addRow("mechanism-with-hyphen-uppercased")
            << "AUTH cram-md5"_ba << Status::Ok << "CRAM-MD5"_ba << false << QByteArray();
        QTest::addRow("mechanism-bad-character")
            << "AUTH PL@IN"_ba << Status::SyntaxError << QByteArray() << false << QByteArray();
        // RFC 4422 §3.1: a mechanism name is 1 to 20 characters.
        QTest::addRow("mechanism-20-characters")
            << QByteArray("AUTH " + QByteArray(20, 'M')) << Status::Ok << QByteArray(20, 'M')
            << false << QByteArray();
        QTest::addRow("mechanism-21-characters")
            << QByteArray("AUTH " + QByteArray(21, 'M')) << Status::SyntaxError << QByteArray()
            << false << QByteArray();
        QTest::addRow("without-mechanism")
            << "AUTH"_ba << Status::SyntaxError << QByteArray() << false << QByteArray();
    }

    void parseAuth()
    {
        QFETCH(QByteArray, line);
        QFETCH(Status, status);
        QFETCH(QByteArray, mechanism);
        QFETCH(bool, hasInitialResponse);
        QFETCH(QByteArray, initialResponse);

        const SmtpCommand command = SmtpCommand::parse(line);
        QCOMPARE(command.verb, Verb::Auth);
        QCOMPARE(command.status, status);
        if (status != Status::Ok)
            return;
        QCOMPARE(command.mechanism, mechanism);
        QCOMPARE(command.initialResponse.has_value(), hasInitialResponse);
        if (hasInitialResponse)
            QCOMPARE(*command.initialResponse, initialResponse);
    }

    void maxLineLength()
    {
        QCOMPARE(SmtpCommand::maxLineLength(Verb::Noop), 512);
        QCOMPARE(SmtpCommand::maxLineLength(Verb::Unknown), 512);
        QCOMPARE(SmtpCommand::maxLineLength(Verb::Mail), 1024);
        QCOMPARE(SmtpCommand::maxLineLength(Verb::Rcpt), 1024);
        QCOMPARE(SmtpCommand::maxLineLength(Verb::Auth), 12288);
    }

    void isValidUtf8_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");

        QTest::addRow("empty") << ""_ba << true;
        QTest::addRow("ascii") << "hello"_ba << true;
        QTest::addRow("two-byte") << "\xc3\xa9"_ba << true;
        QTest::addRow("three-byte-euro") << "\xe2\x82\xac"_ba << true;
        QTest::addRow("four-byte-emoji") << "\xf0\x9f\x98\x80"_ba << true;
        QTest::addRow("highest-code-point") << "\xf4\x8f\xbf\xbf"_ba << true;
        QTest::addRow("u-ffff-noncharacter-is-valid") << "\xef\xbf\xbf"_ba << true;
        QTest::addRow("above-10ffff") << "\xf4\x90\x80\x80"_ba << false;
        QTest::addRow("overlong-nul-c0") << "\xc0\x80"_ba << false;
        QTest::addRow("overlong-c1") << "\xc1\xbf"_ba << false;
        QTest::addRow("overlong-three-byte") << "\xe0\x80\xaf"_ba << false;
        QTest::addRow("overlong-three-byte-max") << "\xe0\x9f\xbf"_ba << false;
        QTest::addRow("overlong-four-byte") << "\xf0\x8f\xbf\xbf"_ba << false;
        QTest::addRow("surrogate-high") << "\xed\xa0\x80"_ba << false;
        QTest::addRow("surrogate-low") << "\xed\xbf\xbf"_ba << false;
        QTest::addRow("five-byte") << "\xf8\x88\x80\x80\x80"_ba << false;
        QTest::addRow("six-byte") << "\xfc\x84\x80\x80\x80\x80"_ba << false;
        QTest::addRow("byte-fe") << "\xfe"_ba << false;
        QTest::addRow("byte-ff") << "\xff"_ba << false;
        QTest::addRow("lone-continuation") << "a\x80"_ba << false;
        QTest::addRow("truncated-two-byte") << "\xc3"_ba << false;
        QTest::addRow("truncated-three-byte") << "\xe2\x82"_ba << false;
        QTest::addRow("truncated-four-byte") << "\xf0\x9f\x98"_ba << false;
        QTest::addRow("truncated-then-ascii") << "\xc3\x41"_ba << false;
        QTest::addRow("continuation-missing-mid-string") << "a\xe2\x82z"_ba << false;
    }

    void isValidUtf8()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);

        QCOMPARE(SmtpSyntax::isValidUtf8(text), valid);
        // Cross-check the expectation with an independent decoder.
        QCOMPARE(QUtf8StringView(text).isValidUtf8(), valid);
    }

    void isDomain_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("allowUtf8");
        QTest::addColumn<bool>("valid");

        QTest::addRow("simple") << "example.com"_ba << false << true;
        QTest::addRow("single-label") << "localhost"_ba << false << true;
        QTest::addRow("digits-and-hyphens") << "1-2.x-y.example"_ba << false << true;
        QTest::addRow("empty") << ""_ba << false << false;
        QTest::addRow("empty-label") << "a..b"_ba << false << false;
        QTest::addRow("leading-dot") << ".a"_ba << false << false;
        QTest::addRow("trailing-dot") << "a."_ba << false << false;
        QTest::addRow("label-leading-hyphen") << "-a.b"_ba << false << false;
        QTest::addRow("label-trailing-hyphen") << "a-.b"_ba << false << false;
        QTest::addRow("underscore") << "a_b.example"_ba << false << false;
        QTest::addRow("space") << "a b.example"_ba << false << false;
        QTest::addRow("label-63") << QByteArray(QByteArray(63, 'a') + ".example") << false << true;
        QTest::addRow("label-64") << QByteArray(QByteArray(64, 'a') + ".example") << false << false;
        QTest::addRow("length-255") << domainOfLength(255) << false << true;
        QTest::addRow("length-256") << domainOfLength(256) << false << false;
        QTest::addRow("utf8-allowed") << "b\xc3\xbc\x63her.example"_ba << true << true;
        QTest::addRow("utf8-not-allowed") << "b\xc3\xbc\x63her.example"_ba << false << false;
        QTest::addRow("invalid-utf8") << "b\xfc\x63her.example"_ba << true << false;
    }

    void isDomain()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, allowUtf8);
        QFETCH(bool, valid);

        QCOMPARE(SmtpSyntax::isDomain(text, allowUtf8), valid);
    }

    void isAddressLiteral_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");

        // IPv4-address-literal = Snum 3("." Snum); Snum = 1*3DIGIT, 0-255.
        QTest::addRow("ipv4") << "[127.0.0.1]"_ba << true;
        QTest::addRow("ipv4-zero") << "[0.0.0.0]"_ba << true;
        QTest::addRow("ipv4-max") << "[255.255.255.255]"_ba << true;
        QTest::addRow("ipv4-leading-zero") << "[01.2.3.4]"_ba << true;
        QTest::addRow("ipv4-256") << "[256.0.0.1]"_ba << false;
        QTest::addRow("ipv4-999") << "[999.1.1.1]"_ba << false;
        QTest::addRow("ipv4-four-digits") << "[0001.2.3.4]"_ba << false;
        QTest::addRow("ipv4-three-parts") << "[1.2.3]"_ba << false;
        QTest::addRow("ipv4-five-parts") << "[1.2.3.4.5]"_ba << false;
        QTest::addRow("ipv4-empty-part") << "[1..3.4]"_ba << false;
        QTest::addRow("ipv4-plus-sign") << "[+1.2.3.4]"_ba << false;
        QTest::addRow("ipv4-minus-sign") << "[1.2.3.-4]"_ba << false;
        QTest::addRow("ipv4-trailing-space") << "[1.2.3.4 ]"_ba << false;
        QTest::addRow("ipv4-inner-space") << "[1.2 .3.4]"_ba << false;
        QTest::addRow("ipv4-leading-space") << "[ 1.2.3.4]"_ba << false;
        QTest::addRow("ipv4-tab") << "[1.2.3.4\t]"_ba << false;
        QTest::addRow("no-brackets") << "127.0.0.1"_ba << false;
        QTest::addRow("empty-brackets") << "[]"_ba << false;
        QTest::addRow("missing-close") << "[127.0.0.1"_ba << false;
        // IPv6-address-literal = "IPv6:" IPv6-addr.
        QTest::addRow("ipv6-loopback") << "[IPv6:::1]"_ba << true;
        QTest::addRow("ipv6-tag-lowercase") << "[ipv6:::1]"_ba << true;
        QTest::addRow("ipv6-unspecified") << "[IPv6:::]"_ba << true;
        QTest::addRow("ipv6-documentation") << "[IPv6:2001:db8::1]"_ba << true;
        QTest::addRow("ipv6-full") << "[IPv6:1:2:3:4:5:6:7:8]"_ba << true;
        QTest::addRow("ipv6-full-uppercase-hex") << "[IPv6:ABCD:EF01:2:3:4:5:6:7]"_ba << true;
        QTest::addRow("ipv6-nine-groups") << "[IPv6:1:2:3:4:5:6:7:8:9]"_ba << false;
        QTest::addRow("ipv6-five-hex-digits") << "[IPv6:12345::1]"_ba << false;
        QTest::addRow("ipv6-comp-six-groups") << "[IPv6:1:2:3:4:5:6::]"_ba << true;
        // IPv6-comp: "::" stands for at least two groups, so at most 6 others.
        QTest::addRow("ipv6-comp-seven-groups") << "[IPv6:1:2:3:4:5:6:7::]"_ba << false;
        QTest::addRow("ipv6-comp-seven-groups-middle") << "[IPv6:1:2:3::4:5:6:7]"_ba << false;
        QTest::addRow("ipv6-two-double-colons") << "[IPv6:1::2::3]"_ba << false;
        QTest::addRow("ipv6v4-full") << "[IPv6:1:2:3:4:5:6:192.0.2.1]"_ba << true;
        QTest::addRow("ipv6v4-mapped") << "[IPv6:::ffff:192.0.2.1]"_ba << true;
        QTest::addRow("ipv6v4-comp-four-groups") << "[IPv6:1:2:3:4::192.0.2.1]"_ba << true;
        // IPv6v4-comp: at most 4 groups besides "::" and the IPv4 part.
        QTest::addRow("ipv6v4-comp-five-groups") << "[IPv6:1:2:3:4:5::192.0.2.1]"_ba << false;
        QTest::addRow("ipv6v4-bad-ipv4") << "[IPv6:::ffff:192.0.2.256]"_ba << false;
        QTest::addRow("ipv6-tag-with-ipv4") << "[IPv6:192.0.2.1]"_ba << false;
        QTest::addRow("ipv6-garbage") << "[IPv6:zzzz::1]"_ba << false;
        QTest::addRow("ipv6-scope-id") << "[IPv6:fe80::1%eth0]"_ba << false;
        QTest::addRow("ipv6-leading-space") << "[IPv6: ::1]"_ba << false;
        QTest::addRow("ipv6-trailing-space") << "[IPv6:::1 ]"_ba << false;
        QTest::addRow("ipv6-inner-space") << "[IPv6::: 1]"_ba << false;
        QTest::addRow("ipv6-prefix-length") << "[IPv6:::1/64]"_ba << false;
        QTest::addRow("ipv6-empty") << "[IPv6:]"_ba << false;
        QTest::addRow("ipv6-without-tag") << "[::1]"_ba << false;
        // General-address-literal = Standardized-tag ":" 1*dcontent; tag = Ldh-str.
        QTest::addRow("general") << "[x-tag:anything]"_ba << true;
        QTest::addRow("general-colons-in-content") << "[tag:a:b]"_ba << true;
        QTest::addRow("general-tag-digits") << "[x400:c=gb]"_ba << true;
        QTest::addRow("general-tag-trailing-hyphen") << "[tag-:x]"_ba << false;
        QTest::addRow("general-tag-underscore") << "[t_g:x]"_ba << false;
        QTest::addRow("general-empty-tag") << "[:x]"_ba << false;
        QTest::addRow("general-empty-content") << "[tag:]"_ba << false;
        QTest::addRow("general-space") << "[tag:a b]"_ba << false;
        QTest::addRow("general-backslash") << "[tag:a\\b]"_ba << false;
        QTest::addRow("general-open-bracket") << "[tag:a[b]"_ba << false;
        QTest::addRow("general-close-bracket") << "[tag:a]b]"_ba << false;
        QTest::addRow("general-del") << "[tag:a\x7f]"_ba << false;
        QTest::addRow("general-eight-bit") << "[tag:\xc3\xa9]"_ba << false;
    }

    void isAddressLiteral()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);

        QCOMPARE(SmtpSyntax::isAddressLiteral(text), valid);
    }

    void isMailbox_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("allowUtf8");
        QTest::addColumn<bool>("allowPostmaster");
        QTest::addColumn<bool>("valid");

        QTest::addRow("simple") << "a@b.example"_ba << false << false << true;
        QTest::addRow("atext-specials")
            << "!#$%&'*+-/=?^_`{|}~@b.example"_ba << false << false << true;
        QTest::addRow("dotted-local-part") << "first.last@b.example"_ba << false << false << true;
        QTest::addRow("address-literal") << "a@[127.0.0.1]"_ba << false << false << true;
        QTest::addRow("bad-address-literal") << "a@[999.1.1.1]"_ba << false << false << false;
        QTest::addRow("quoted") << "\"a b\"@c.example"_ba << false << false << true;
        QTest::addRow("quoted-escaped-quote")
            << "\"a\\\"b\"@c.example"_ba << false << false << true;
        QTest::addRow("quoted-unterminated") << "\"ab@c.example"_ba << false << false << false;
        QTest::addRow("postmaster-allowed") << "postmaster"_ba << false << true << true;
        QTest::addRow("postmaster-mixed-case") << "PostMaster"_ba << false << true << true;
        QTest::addRow("postmaster-not-allowed") << "postmaster"_ba << false << false << false;
        QTest::addRow("bare-local-part") << "abuse"_ba << false << true << false;
        QTest::addRow("two-ats") << "a@b@c.example"_ba << false << false << false;
        QTest::addRow("empty-local-part") << "@b.example"_ba << false << false << false;
        QTest::addRow("empty-domain") << "a@"_ba << false << false << false;
        QTest::addRow("utf8-allowed") << "j\xc3\xb6rg@b.example"_ba << true << false << true;
        QTest::addRow("utf8-not-allowed") << "j\xc3\xb6rg@b.example"_ba << false << false << false;
        QTest::addRow("space-in-local-part") << "a b@c.example"_ba << false << false << false;
    }

    void isMailbox()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, allowUtf8);
        QFETCH(bool, allowPostmaster);
        QFETCH(bool, valid);

        QCOMPARE(SmtpSyntax::isMailbox(text, allowUtf8, allowPostmaster), valid);
    }

    void fuzz()
    {
        // Deterministic: the same seed gives the same 20 000 lines on every run and machine.
        QRandomGenerator random(0x5eed'2026u);
        static constexpr char kSpecials[] = ":<>@\"\\ .[]=,-+AaZz09";
        const QByteArray corpus[] = {
            "MAIL FROM:<a@b.example> SIZE=10 BODY=8BITMIME SMTPUTF8 AUTH=<>"_ba,
            "RCPT TO:<\"a b\\\"@c\"@example.com>"_ba,
            "RCPT TO:<@a.example,@b.example:u@[IPv6:::1]>"_ba,
            "RCPT TO:<postmaster>"_ba,
            "MAIL FROM:<j\xc3\xb6rg@[127.0.0.1]>"_ba,
            "EHLO client.example"_ba,
            "AUTH PLAIN AHVzZXIAcGFzcw=="_ba,
            "MAIL FROM:<>"_ba,
        };
        int okCount = 0;
        int okPathCount = 0;
        for (int round = 0; round < 20000; ++round) {
            QByteArray line;
            if (random.bounded(2) == 0) {
                // Mutate a valid line a few times, so the fuzzing reaches the deep paths.
                line = corpus[random.bounded(int(std::size(corpus)))];
                const int mutations = 1 + random.bounded(4);
                for (int m = 0; m < mutations; ++m) {
                    const qsizetype at = random.bounded(int(line.size()) + 1);
                    const char byte = random.bounded(2) == 0
                                          ? kSpecials[random.bounded(int(sizeof kSpecials) - 1)]
                                          : char(random.bounded(256));
                    switch (random.bounded(3)) {
                    case 0:
                        line.insert(at, byte);
                        break;
                    case 1:
                        if (at < line.size())
                            line[at] = byte;
                        break;
                    default:
                        if (at < line.size())
                            line.remove(at, 1);
                        break;
                    }
                }
            } else {
                const char *const verbs[] = {"MAIL FROM:", "RCPT TO:", "AUTH ",
                                             "EHLO ",      "",         "NOOP "};
                line = verbs[random.bounded(int(std::size(verbs)))];
                const int length = random.bounded(1201);
                for (int i = 0; i < length; ++i) {
                    const int kind = random.bounded(8);
                    if (kind < 4)
                        line += kSpecials[random.bounded(int(sizeof kSpecials) - 1)];
                    else if (kind < 6)
                        line += char(0x80 + random.bounded(0x80));
                    else if (kind < 7)
                        line += char('a' + random.bounded(26));
                    else
                        line += char(random.bounded(256));
                }
            }

            const SmtpCommand command = SmtpCommand::parse(line);
            if (!command.ok()) {
                QVERIFY2(!command.error.isEmpty(), line.toHex().constData());
                continue;
            }
            ++okCount;
            QVERIFY2(command.verb != Verb::Unknown, line.toHex().constData());
            QVERIFY2(command.error.isEmpty(), line.toHex().constData());
            QVERIFY2(line.size() + 2 <= SmtpCommand::maxLineLength(command.verb),
                     line.toHex().constData());
            QVERIFY2(!line.contains('\0') && !line.contains('\r') && !line.contains('\n'),
                     line.toHex().constData());
            if (command.verb == Verb::Mail || command.verb == Verb::Rcpt) {
                ++okPathCount;
                const bool isRcpt = command.verb == Verb::Rcpt;
                QVERIFY2((!isRcpt && command.address.isEmpty())
                             || SmtpSyntax::isMailbox(command.address, true, isRcpt),
                         line.toHex().constData());
                QVERIFY2(SmtpSyntax::isValidUtf8(command.address), line.toHex().constData());
                QVERIFY2(command.address.size() + 2 <= SmtpCommand::kMaxPath,
                         line.toHex().constData());
                bool high = false;
                for (const char c : command.address)
                    high = high || static_cast<unsigned char>(c) >= 0x80;
                QCOMPARE(command.hasNonAscii, high);
            }
            if (command.verb == Verb::Auth) {
                QVERIFY(!command.mechanism.isEmpty());
                QCOMPARE(command.mechanism, command.mechanism.toUpper());
            }
        }
        // The harness must actually reach accepted commands, or it tests nothing.
        QVERIFY2(okCount > 1000, QByteArray::number(okCount).constData());
        QVERIFY2(okPathCount > 300, QByteArray::number(okPathCount).constData());
    }
};

QTEST_GUILESS_MAIN(TestSmtpCommand)
#include "tst_smtpcommand.moc"
