// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtp/smtpcommand.h"
#include "smtp/smtpsyntax.h"

#include <cstddef>
#include <cstdint>

// One command line (without CRLF) through the parser, plus the syntax checks it shares with the
// Received header, and the promises smtpcommand.h makes about what an accepted line can hold.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView line(reinterpret_cast<const char *>(data), qsizetype(size));
    const SmtpCommand command = SmtpCommand::parse(line);
    (void)SmtpCommand::verbName(command.verb);

    if (command.ok()) {
        // An accepted line is never longer than its verb allows and never carries NUL, CR or
        // LF (RFC 5321 §2.3.8, §4.5.3.1.4).
        if (line.size() + 2 > SmtpCommand::maxLineLength(command.verb))
            __builtin_trap();
        if (line.contains('\0') || line.contains('\r') || line.contains('\n'))
            __builtin_trap();
        if (command.verb == SmtpCommand::Verb::Unknown)
            __builtin_trap();
        if (command.address.size() > SmtpCommand::kMaxPath)
            __builtin_trap();
        if (command.size && *command.size < 0)
            __builtin_trap();
    } else if (command.error.isEmpty()) {
        __builtin_trap(); // a refusal always says why
    }

    (void)SmtpSyntax::isDomain(line, true);
    (void)SmtpSyntax::isDomain(line, false);
    (void)SmtpSyntax::isAddressLiteral(line);
    (void)SmtpSyntax::isMailbox(line, true, true);
    (void)SmtpSyntax::isMailbox(line, false, false);
    (void)SmtpSyntax::isValidUtf8(line);
    return 0;
}
