// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "sessionfixture.h"

#include "smtp/saslmechanism.h"

#include <QCoreApplication>

#include <cstddef>
#include <cstdint>

namespace {

// Runs what is queued (readyRead, the session's own queued calls, the fixture's delivery
// completions and fake TLS handshakes) without letting time pass, so a run depends on the
// input alone: the session's timers (idle, handshake) are minutes long and never fire here.
void settle()
{
    for (int round = 0; round < 8; ++round)
        QCoreApplication::sendPostedEvents();
}

// Every line the session writes is a reply line, "NNN-" or "NNN " and text (RFC 5321 §4.2),
// or the fixture's TLS marker.
void checkReplies(const QByteArray &written)
{
    qsizetype pos = 0;
    while (pos < written.size()) {
        const qsizetype end = written.indexOf("\r\n", pos);
        if (end < 0)
            __builtin_trap(); // a reply without its CRLF
        const QByteArrayView line = QByteArrayView(written).sliced(pos, end - pos);
        const bool marker = line.startsWith('[');
        const bool reply = line.size() >= 3 && line[0] >= '2' && line[0] <= '5' && line[1] >= '0'
                           && line[1] <= '9' && line[2] >= '0' && line[2] <= '9'
                           && (line.size() == 3 || line[3] == ' ' || line[3] == '-');
        if (!marker && !reply)
            __builtin_trap();
        if (line.contains('\r') || line.contains('\n') || line.contains('\0'))
            __builtin_trap();
        pos = end + 2;
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    static int argc = 1;
    static char name[] = "fuzz_smtpsession";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    return 0;
}

// Input: byte 0 picks the server settings (bit 0 STARTTLS offered, bit 1 AUTH offered with
// every mechanism allowed before TLS, bit 2 AUTH required, bit 3 TLS required, bit 4 implicit
// TLS, bit 5 deliveries fail); byte 1 the size of the pieces the client's bytes arrive in (0:
// all at once); the rest is what the client sends. Each piece is followed by event-loop turns.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 2)
        return 0;
    const std::uint8_t config = data[0];
    const qsizetype piece = data[1];
    const QByteArray stream(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));

    SmtpServerSettings settings = (config & 1 || config & 16) ? SessionFixture::tlsSettings()
                                                              : SessionFixture::defaultSettings();
    if (config & 2) {
        settings.authHandler = SessionFixture::aliceHandler();
        for (const SaslMechanism::Type type : SaslMechanism::allTypes())
            settings.allowAuthMechanism(type, true);
    }
    settings.authRequired = config & 4;
    settings.requireTls = config & 8;
    {
        SessionFixture fixture(settings, config & 16);
        fixture.failDeliveries = config & 32;
        settle();
        for (qsizetype pos = 0; pos < stream.size() && !fixture.finished;) {
            const qsizetype length = piece == 0 ? stream.size() : qMin(piece, stream.size() - pos);
            fixture.client(stream.sliced(pos, length));
            pos += length;
            settle();
        }
        checkReplies(fixture.device()->written());
        if (!fixture.finished) {
            fixture.session()->transportClosed();
            settle();
            if (!fixture.finished)
                __builtin_trap(); // a closed transport always ends the session
        }
        // A transaction is only delivered with 1 to maxRecipients recipients.
        for (const DeliveryRequest &request : fixture.delivered)
            if (request.envelope.recipients.isEmpty()
                || request.envelope.recipients.size() > settings.maxRecipients)
                __builtin_trap();
    }
    settle();
    return 0;
}
