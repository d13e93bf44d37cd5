// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QStringList>

class QLabel;
class QLineEdit;

/// Message › Release…: the recipients a message goes to for real, prefilled from its envelope
/// and editable (comma- or space-separated). The relay decides the rest (MailService::release
/// refuses recipients no allowed pattern matches). GUI thread.
class ReleaseDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReleaseDialog)

public:
    /// `target` describes the relay ("smtp.example.com:587 (starttls)"), empty without one.
    ReleaseDialog(const QString &subject, const QStringList &recipients, const QString &target,
                  QWidget *parent = nullptr);
    ~ReleaseDialog() override;

    QStringList recipients() const;
    QLineEdit *recipientsEdit() const { return m_recipients; }

    /// The addresses in `text`, split at commas, semicolons and white space.
    static QStringList splitRecipients(const QString &text);

private:
    QLineEdit *m_recipients = nullptr;
};
