// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class QLabel;
class QWidget;

/// A FieldErrorLabel under a settings field: what is wrong with it, in the error colour, on a
/// line that stays reserved while there is nothing to say.
QLabel *createFieldErrorLabel(QWidget *parent);
/// Shows `message` (nothing when it is empty). Returns whether the field is valid.
bool setFieldError(QLabel *label, const QString &message);

/// A failure of applying the settings, shown at its field until the field is edited. It does
/// not make the field invalid: applying again may work (the port may be free by then).
struct AppliedError
{
    QString text;    ///< the field's text when it failed
    QString message; ///< empty: none

    /// The message while the field still says `current`.
    QString shownFor(const QString &current) const { return current == text ? message : QString(); }
};
