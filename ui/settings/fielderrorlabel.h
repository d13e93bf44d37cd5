// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QLabel>

/// The line under a settings field that says what is wrong with it (in the error colour) or
/// what to be careful about (a warning). Its one line is reserved whether or not there is
/// something to say, and a long message is elided in the middle (a path keeps its file name)
/// with the whole of it in the tooltip: showing a message never moves the rows below it, or a
/// button under the cursor. text() is always the whole message.
class FieldErrorLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FieldErrorLabel)

public:
    explicit FieldErrorLabel(QWidget *parent = nullptr);
    ~FieldErrorLabel() override;

    /// Shows `message` as an error, or nothing when it is empty (the line stays).
    void setError(const QString &message);
    /// Shows `message` as a warning: the field is valid, but think twice.
    void setWarning(const QString &message);
    bool isWarning() const { return m_warning; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void display(const QString &message, bool warning);
    void updateHeight();

    bool m_warning = false;
};
