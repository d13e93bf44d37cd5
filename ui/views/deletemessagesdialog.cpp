// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "deletemessagesdialog.h"

#include <QPushButton>

DeleteMessagesDialog::DeleteMessagesDialog(int shownCount, int total, QWidget *parent)
    : QMessageBox(parent)
{
    setObjectName(QStringLiteral("deleteAllDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    setIcon(QMessageBox::Warning);
    setWindowTitle(tr("Delete Messages"));
    const bool offerShown = shownCount > 0 && shownCount < total;
    if (offerShown) {
        setText(tr("Delete the %n message(s) the search shows, or every message in the store?",
                   nullptr, shownCount));
        setInformativeText(
            tr("The store holds %n message(s). Deleting cannot be undone.", nullptr, total));
    } else {
        setText(tr("Delete all %n message(s) from the store?", nullptr, total));
        setInformativeText(tr("Deleting cannot be undone."));
    }
    QPushButton *shownButton =
        offerShown ? addButton(tr("Delete the %n shown", nullptr, shownCount), DestructiveRole)
                   : nullptr;
    QPushButton *allButton = addButton(tr("Delete all %n", nullptr, total), DestructiveRole);
    QPushButton *cancel = addButton(QMessageBox::Cancel);
    setDefaultButton(cancel);
    setEscapeButton(cancel);
    connect(this, &QMessageBox::buttonClicked, this,
            [this, shownButton, allButton](QAbstractButton *clicked) {
                if (clicked == allButton)
                    emit chosen(Choice::All);
                else if (clicked && clicked == shownButton)
                    emit chosen(Choice::Shown);
                else
                    emit chosen(Choice::Cancel);
            });
}

DeleteMessagesDialog::~DeleteMessagesDialog() = default;
