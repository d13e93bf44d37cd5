// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QString>

/// Turns the decoded bytes of a text part into Unicode, following its charset parameter. Pure
/// and thread-safe (GMime's iconv cache is locked); never fails: whatever cannot be converted
/// is shown as Latin-1 or U+FFFD and reported in `status`.
class CharsetDecoder final
{
public:
    enum class Status {
        Ok,
        Undeclared8Bit, ///< no charset but 8-bit bytes: read as UTF-8 if valid, else Latin-1
        Unknown,        ///< a charset iconv does not know: read as UTF-8 if valid, else Latin-1
        Invalid,        ///< the bytes are not valid in the declared charset (U+FFFD used)
    };

    /// The text and how well the bytes decoded; decoding never fails.
    struct Decoded
    {
        QString text;
        Status status = Status::Ok;
        qsizetype invalidSequences = 0; ///< with Status::Invalid; 0 when not counted (UTF-8)
    };

    /// `charset` is the part's charset parameter as written; empty when there is none.
    static Decoded decode(QByteArrayView bytes, QByteArrayView charset);
    /// Whether decode() can convert from `charset`. An empty charset counts as known.
    static bool isKnown(QByteArrayView charset);
    /// Whether `bytes` has any octet above 127.
    static bool hasEightBit(QByteArrayView bytes);
};
