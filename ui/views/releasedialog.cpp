// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "releasedialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

ReleaseDialog::ReleaseDialog(const QString &subject, const QStringList &recipients,
                             const QString &target, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Release Message"));
    auto *intro = new QLabel(
        target.isEmpty()
            ? tr("No relay is set up: give Letterbox a relay (--relay-host and --relay-allow) "
                 "to deliver messages for real.")
            : tr("Deliver “%1” for real through %2. Only recipients that an allowed pattern "
                 "matches are accepted.")
                  .arg(subject.toHtmlEscaped(), target.toHtmlEscaped()),
        this);
    intro->setWordWrap(true);
    m_recipients = new QLineEdit(recipients.join(QStringLiteral(", ")), this);
    m_recipients->setObjectName(QStringLiteral("releaseRecipients"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Recipients:"), m_recipients);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *release = buttons->addButton(tr("&Release"), QDialogButtonBox::AcceptRole);
    release->setObjectName(QStringLiteral("releaseButton"));
    release->setEnabled(!target.isEmpty());
    connect(m_recipients, &QLineEdit::textChanged, this, [this, release, target] {
        release->setEnabled(!target.isEmpty() && !this->recipients().isEmpty());
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(520, sizeHint().height());
}

ReleaseDialog::~ReleaseDialog() = default;

QStringList ReleaseDialog::splitRecipients(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

QStringList ReleaseDialog::recipients() const
{
    return splitRecipients(m_recipients->text());
}
