// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

/// Turns message bytes into DATA content (RFC 5321 §4.5.2): a line that starts with "." gets
/// one more, and the content ends with <CRLF>.<CRLF>. Lines are CRLF lines, as the receiving
/// side (ours included) counts them: the stored bytes go out unchanged otherwise, so a strict
/// server stores exactly what was stored here. A message whose last line lacks its CRLF gets
/// one, since the end-of-data mark needs it. Works a chunk at a time, linear in the bytes.
class DotStuffer final
{
public:
    /// The next chunk, stuffed.
    QByteArray stuff(QByteArrayView chunk);
    /// The end of the content: CRLF if the message did not end with one, then ".\r\n".
    QByteArray finish() const;

private:
    /// What came last: the start of the content counts as after a CRLF.
    bool m_afterCrlf = true;
    bool m_afterCr = false;
};
