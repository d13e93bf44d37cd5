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

#include <utility>

ReleaseDialog::ReleaseDialog(const QString &subject, const QStringList &recipients,
                             const QString &target, Release startRelease, QWidget *parent)
    : QDialog(parent)
    , m_release(std::move(startRelease))
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
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("releaseProblem"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setStyleSheet(QStringLiteral("QLabel { color: #d0453a; }"));
    m_problem->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *release = buttons->addButton(tr("&Release"), QDialogButtonBox::AcceptRole);
    release->setObjectName(QStringLiteral("releaseButton"));
    release->setEnabled(!target.isEmpty());
    connect(m_recipients, &QLineEdit::textChanged, this, [this, release, target] {
        release->setEnabled(!target.isEmpty() && !this->recipients().isEmpty());
        m_problem->hide();
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &ReleaseDialog::releaseClicked);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    resize(520, sizeHint().height());
}

ReleaseDialog::~ReleaseDialog() = default;

void ReleaseDialog::releaseClicked()
{
    if (const Result<void> started = m_release(recipients()); !started) {
        m_problem->setText(tr("Not released: %1").arg(started.error().message));
        m_problem->show();
        m_recipients->setFocus();
        return;
    }
    accept();
}

QStringList ReleaseDialog::splitRecipients(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

QStringList ReleaseDialog::recipients() const
{
    return splitRecipients(m_recipients->text());
}
