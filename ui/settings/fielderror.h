// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class QLabel;
class QWidget;

/// A label under a settings field that says what is wrong with it, in the palette's error
/// colour; hidden while there is nothing to say.
QLabel *createFieldErrorLabel(QWidget *parent);
/// Shows `message` (or hides the label when it is empty). Returns whether the field is valid.
bool setFieldError(QLabel *label, const QString &message);
