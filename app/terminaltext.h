// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringView>

/// Client-controlled text (subjects, addresses, HELO names, AUTH user names) made safe for one
/// line of terminal or log output: a client must not be able to end the line and forge the
/// next one, move the cursor, recolour the terminal, or reorder what is shown.
namespace TerminalText {

/// Every character that could do that as a visible escape: C0 controls, DEL and C1 controls
/// (U+0080-U+009F) as `\xHH`; the line and paragraph separators U+2028/U+2029 and the bidi
/// embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) as `\uHHHH`. With
/// `maxLength` >= 1, the result is cut to at most that many UTF-16 units, the last one "…",
/// never inside an escape or a surrogate pair.
QString oneLine(QStringView text, qsizetype maxLength = -1);

} // namespace TerminalText
