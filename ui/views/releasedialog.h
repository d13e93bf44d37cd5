// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#pragma once

#include "common/result.h"

#include <QDialog>
#include <QStringList>

#include <functional>

class QLabel;
class QLineEdit;

/// Message › Release…: the recipients a message goes to for real, prefilled from its envelope
/// and editable (comma- or space-separated). The relay decides the rest (MailService::release
/// refuses recipients no allowed pattern matches): a refusal is shown in the dialog, which
/// stays open so that the recipients can be corrected. GUI thread.
class ReleaseDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReleaseDialog)

public:
    /// Starts the release to the given recipients, or says why it cannot.
    using Release = std::function<Result<void>(const QStringList &recipients)>;

    /// `target` describes the relay ("smtp.example.com:587 (starttls)"), empty without one.
    /// The dialog is accepted once `startRelease` has started.
    ReleaseDialog(const QString &subject, const QStringList &recipients, const QString &target,
                  Release startRelease, QWidget *parent = nullptr);
    ~ReleaseDialog() override;

    QStringList recipients() const;
    QLineEdit *recipientsEdit() const { return m_recipients; }

    /// The addresses in `text`, split at commas, semicolons and white space.
    static QStringList splitRecipients(const QString &text);

private:
    void releaseClicked();

    Release m_release;
    QLineEdit *m_recipients = nullptr;
    QLabel *m_problem = nullptr;
};
