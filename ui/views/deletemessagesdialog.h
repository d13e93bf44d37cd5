// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QMessageBox>

/// Delete All: asks whether to delete every message in the store or, while a search shows
/// only some of them, just those. Deleting cannot be undone, so Cancel is the default button
/// and Esc's. Deletes itself when closed.
class DeleteMessagesDialog final : public QMessageBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeleteMessagesDialog)

public:
    enum class Choice { Cancel, Shown, All };
    Q_ENUM(Choice)

    /// `shownCount`: how many messages the running search lists, 0 without a search (or
    /// when it lists them all); `total`: how many the store holds.
    DeleteMessagesDialog(int shownCount, int total, QWidget *parent);
    ~DeleteMessagesDialog() override;

signals:
    /// The user answered (Cancel also when the dialog was closed another way).
    void chosen(DeleteMessagesDialog::Choice choice);
};
