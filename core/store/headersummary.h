// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QString>

/// The few header fields the inbox shows, taken from the start of a message (the store writer
/// passes the first kMaxHeaderBytes). A pure value: parse() runs on any thread, keeps no state
/// beyond GMime's one-time initialisation, and never fails (missing fields stay null).
class HeaderSummary final
{
public:
    /// How much of a message the store hands to parse(): header blocks beyond this are rare
    /// and the rest is not needed for a summary.
    static constexpr qsizetype kMaxHeaderBytes = 64 * 1024;

    /// Reads the header block up to the first empty line (or the end of `head`), unfolding
    /// folded lines, accepting bare LF, keeping the first occurrence of each field, and
    /// decoding RFC 2047 encoded words.
    static HeaderSummary parse(QByteArrayView head);

    /// Bytes to text for display: UTF-8 when they are valid UTF-8, otherwise Latin-1 (which
    /// maps every byte, so nothing is lost or replaced).
    static QString textFromBytes(QByteArrayView bytes);

    QString subject() const { return m_subject; }
    QString from() const { return m_from; }
    QString to() const { return m_to; }
    QString cc() const { return m_cc; }
    /// The Date header as written (not parsed).
    QString date() const { return m_date; }
    /// The Message-ID header as written, angle brackets included.
    QString messageId() const { return m_messageId; }
    /// Offset of the body in `head` (just after the empty line), or -1 when `head` holds no
    /// empty line (a message without body, or a header block longer than `head`).
    qsizetype bodyOffset() const { return m_bodyOffset; }

private:
    QString m_subject;
    QString m_from;
    QString m_to;
    QString m_cc;
    QString m_date;
    QString m_messageId;
    qsizetype m_bodyOffset = -1;
};
