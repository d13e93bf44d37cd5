// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

/// One SMTP reply: a three-digit code, an enhanced status code (RFC 2034/3463; empty for the
/// greeting and the HELO/EHLO replies, which must not carry one) and text lines.
struct SmtpReply
{
    int code = 250;
    QByteArray enhancedCode;
    QList<QByteArray> lines;

    SmtpReply(int code, QByteArrayView enhancedCode, const QByteArray &text);
    SmtpReply(int code, QByteArrayView enhancedCode, QList<QByteArray> lines);

    /// The reply on the wire: "250-first\r\n250 last\r\n", each line with the enhanced code.
    QByteArray toBytes() const;
    bool isPositive() const { return code < 400; }
};
