// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "fielderror.h"

#include "settings/fielderrorlabel.h"

QLabel *createFieldErrorLabel(QWidget *parent)
{
    return new FieldErrorLabel(parent);
}

bool setFieldError(QLabel *label, const QString &message)
{
    if (auto *line = qobject_cast<FieldErrorLabel *>(label))
        line->setError(message);
    else
        label->setText(message);
    return message.isEmpty();
}
