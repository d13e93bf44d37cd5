// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

/// Keeps the start of a message's DATA up to the end of its header block (the first empty
/// line), at most kMaxBytes of it, for fault rules that match a header at data-end. What it
/// costs is bounded by kMaxBytes whatever the message's size. The bytes are as sent (still
/// dot-stuffed), which no header field name can tell apart. Used in the session's thread.
class MessageHeadCapture final
{
public:
    static constexpr qsizetype kMaxBytes = 16 * 1024;

    void feed(QByteArrayView bytes);
    /// The header block seen so far, without the empty line that ends it.
    const QByteArray &headerBlock() const { return m_bytes; }
    void clear();

private:
    QByteArray m_bytes;
    bool m_complete = false;
};
