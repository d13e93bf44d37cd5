// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QFrame>

class QHBoxLayout;
class QLabel;
class QToolButton;

/// A one-line note inside a view, with an icon and buttons for what the user can do about it
/// ("No program opens this link" [Copy link]): for failures that concern what the user just
/// did in that view, where a status bar message would go unseen and a dialog would be too much.
/// Hidden until show() is called; a close button hides it again. Palette-aware: the colours are
/// the theme's tooltip/highlight roles, so it reads in the dark appearance too.
class MessageBar final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageBar)

public:
    explicit MessageBar(QWidget *parent = nullptr);
    ~MessageBar() override;

    /// Shows `text` (plain) with the warning icon and, as buttons, `actions` (removed again by
    /// the next showMessage() or hide).
    void showMessage(const QString &text, const QList<QAction *> &actions = {});
    QString text() const;

private:
    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
    QHBoxLayout *m_buttons = nullptr;
    QToolButton *m_close = nullptr;
};
