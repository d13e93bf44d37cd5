// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "mime/messagechecker.h"
#include "mime/messageparts.h"

#include <cstddef>
#include <cstdint>

// Arbitrary bytes as a stored message: the viewer's parse, every leaf's content, the cid: lookup
// and every message check. All of them promise to take malformed input without failing.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray raw(reinterpret_cast<const char *>(data), qsizetype(size));
    const MessageParts parts = MessageParts::parse(raw);
    QList<MessageAttachment> leaves = parts.attachments;
    leaves.append(parts.inlineImages);
    for (const MessageAttachment &attachment : std::as_const(leaves)) {
        const std::optional<QByteArray> content =
            MessageParts::partContent(raw, attachment.partIndex);
        if (!content)
            __builtin_trap(); // a listed leaf must exist
        if (!attachment.contentId.isEmpty()
            && !MessageParts::findByContentId(parts, attachment.contentId))
            __builtin_trap();
    }
    (void)MessageParts::partContent(raw, -1);
    (void)MessageParts::partContent(raw, 0);
    (void)MessageParts::partContent(raw, 7);

    Envelope envelope;
    envelope.mailFrom = "sender@example.test";
    envelope.recipients = {"rcpt@example.test"};
    envelope.eightBitMime = size % 2;
    envelope.smtpUtf8 = size % 3 == 0;
    for (const CheckFinding &finding : MessageChecker::check(raw, envelope))
        if (finding.code.isEmpty() || finding.message.isEmpty())
            __builtin_trap();
    return 0;
}
