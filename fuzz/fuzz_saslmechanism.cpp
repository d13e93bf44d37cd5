// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "smtp/saslmechanism.h"

#include <cstddef>
#include <cstdint>

// Input: byte 0 picks the mechanism (bits 0-1) and whether AUTH carried an initial response
// (bit 2); then each client response as one length byte and that many bytes (already base64-
// decoded, as the session hands them over). Runs the exchange until it is Done or Failed.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const QList<SaslMechanism::Type> types = SaslMechanism::allTypes();
    const SaslMechanism::Type type = types.at((data[0] & 3) % types.size());
    const bool initial = data[0] & 4;
    std::size_t pos = 1;
    auto nextResponse = [&]() -> std::optional<QByteArray> {
        if (pos >= size)
            return std::nullopt;
        const std::size_t length = std::min<std::size_t>(data[pos], size - pos - 1);
        QByteArray response(reinterpret_cast<const char *>(data + pos + 1), qsizetype(length));
        pos += 1 + length;
        return response;
    };

    const std::unique_ptr<SaslMechanism> mechanism =
        SaslMechanism::create(type, "mx.letterbox.test");
    if (!mechanism || mechanism->type() != type)
        __builtin_trap();
    (void)SaslMechanism::fromName(SaslMechanism::name(type).data());

    std::optional<QByteArray> initialResponse;
    if (initial) {
        initialResponse = nextResponse();
        if (initialResponse)
            (void)mechanism->describeResponse(*initialResponse);
    }
    SaslMechanism::Step step = mechanism->start(initialResponse);
    for (int round = 0; round < 8 && step.kind == SaslMechanism::Step::Kind::Challenge; ++round) {
        const std::optional<QByteArray> response = nextResponse();
        if (!response)
            break;
        const QByteArray described = mechanism->describeResponse(*response);
        // Each of at most three values is cut at kMaxDescribedValue, plus quoting and labels.
        if (described.size() > 4 * (3 * SaslMechanism::kMaxDescribedValue + 64))
            __builtin_trap();
        step = mechanism->respond(*response);
    }
    if (step.kind == SaslMechanism::Step::Kind::Failed && step.error.isEmpty())
        __builtin_trap();
    if (step.kind == SaslMechanism::Step::Kind::Done) {
        const SaslMechanism::Credentials &credentials = mechanism->credentials();
        (void)CramMd5::verify(credentials.challenge, "secret", credentials.password);
    }
    // The fuzzer's own words as both name and digest input.
    const QByteArrayView whole(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)SaslMechanism::fromName(whole);
    (void)CramMd5::verify(whole, whole, whole);
    return 0;
}
