// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

/// A reply of a remote SMTP server, as the relay's client reads it (RFC 5321 §4.2): the
/// three-digit code, the enhanced status code of its last line when it carries one (RFC 3463,
/// "2.1.5"), and the text of each line after the code and its separator.
struct RemoteReply
{
    int code = 0;
    QByteArray enhancedCode;
    QList<QByteArray> lines;

    bool isPositive() const { return code >= 200 && code < 400; }
    bool isTemporary() const { return code >= 400 && code < 500; }
    bool isPermanent() const { return code >= 500; }
    /// The lines joined by a space, each without the enhanced code, for results.
    QByteArray text() const;
    /// "550 5.1.1 no such user": the code and the last line, for results and messages.
    QByteArray summary() const;
};

/// Assembles replies from the lines a server sends (RFC 5321 §4.2.1): "250-first" lines
/// continue a reply, "250 last" (or a bare "250") ends it, and every line of one reply has the
/// same code. Anything else (no code, a code that changes within a reply, a reply of too many
/// lines) is MalformedInput: a client cannot trust what follows. Pure; one per connection.
class RemoteReplyParser final
{
public:
    /// Lines one reply may have; an EHLO reply has one per extension, a dozen or two.
    static constexpr qsizetype kMaxLines = 100;

    /// Takes one line without its CRLF. A finished reply when the line ends one, nullopt while
    /// the reply continues.
    Result<std::optional<RemoteReply>> takeLine(QByteArrayView line);

    /// Whether a reply has begun and not ended.
    bool inReply() const { return !m_pending.lines.isEmpty(); }

private:
    RemoteReply m_pending;
};
