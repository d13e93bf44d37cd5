// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "relaysettingspage.h"

#include "errortext.h"

#include "relay/relaytlsmode.h"
#include "settings/fielderror.h"
#include "settings/settingspinbox.h"
#include "settings/settingtexts.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace {

using Id = ConfigSetting::Id;

QString helpOf(Id id)
{
    return SettingTexts::help(id);
}

} // namespace

RelaySettingsPage::RelaySettingsPage(QWidget *parent)
    : QWidget(parent)
{
    m_host = new QLineEdit(this);
    m_host->setObjectName(QStringLiteral("relayHostEdit"));
    m_host->setPlaceholderText(tr("off, e.g. smtp.example.com:587"));
    m_host->setToolTip(helpOf(Id::RelayHost));
    m_tls = new QComboBox(this);
    m_tls->setObjectName(QStringLiteral("relayTlsBox"));
    m_tls->addItem(tr("STARTTLS"), QString(toString(RelayTlsMode::StartTls)));
    m_tls->addItem(tr("Implicit TLS (SMTPS)"), QString(toString(RelayTlsMode::Implicit)));
    m_tls->addItem(tr("None (plain text)"), QString(toString(RelayTlsMode::None)));
    m_noVerify = new QCheckBox(tr("Do not check the server's certificate"), this);
    m_noVerify->setObjectName(QStringLiteral("relayNoVerifyBox"));
    m_noVerify->setToolTip(helpOf(Id::RelayNoVerify));
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("relayUserEdit"));
    m_user->setPlaceholderText(tr("no authentication"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("relayPasswordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_sender = new QLineEdit(this);
    m_sender->setObjectName(QStringLiteral("relaySenderEdit"));
    m_sender->setPlaceholderText(tr("the message's own sender"));
    m_sender->setToolTip(helpOf(Id::RelaySender));
    m_allow = new QPlainTextEdit(this);
    m_allow->setObjectName(QStringLiteral("relayAllowEdit"));
    m_allow->setPlaceholderText(tr("One pattern per line, e.g. *@example.com; none: nothing "
                                   "can be relayed"));
    m_allow->setTabChangesFocus(true);
    m_auto = new QLineEdit(this);
    m_auto->setObjectName(QStringLiteral("relayAutoEdit"));
    m_auto->setPlaceholderText(tr("off; a search, e.g. to:@staging.example.com"));
    m_auto->setToolTip(helpOf(Id::RelayAuto));
    m_timeout = new SettingSpinBox(Id::RelayTimeout, this);
    m_timeout->setObjectName(QStringLiteral("relayTimeoutBox"));
    m_error = createFieldErrorLabel(this);
    m_error->setObjectName(QStringLiteral("relayError"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Relay host:"), m_host);
    form->addRow(tr("&Encryption:"), m_tls);
    form->addRow(QString(), m_noVerify);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("Envelope &sender:"), m_sender);
    form->addRow(tr("&Allowed recipients:"), m_allow);
    form->addRow(tr("Relay &automatically:"), m_auto);
    form->addRow(tr("&Timeout per reply:"), m_timeout);
    auto *note = new QLabel(tr("Message › Release… delivers a caught message for real through "
                               "this server, to allowed recipients only."),
                            this);
    note->setWordWrap(true);
    note->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(note);
    layout->addStretch(1);

    for (QLineEdit *edit : {m_host, m_user, m_password, m_sender, m_auto})
        connect(edit, &QLineEdit::textChanged, this, &RelaySettingsPage::changed);
    connect(m_allow, &QPlainTextEdit::textChanged, this, &RelaySettingsPage::changed);
    connect(m_tls, &QComboBox::currentIndexChanged, this, &RelaySettingsPage::changed);
    connect(m_noVerify, &QCheckBox::toggled, this, &RelaySettingsPage::changed);
    connect(m_timeout, &QSpinBox::valueChanged, this, &RelaySettingsPage::changed);
}

RelaySettingsPage::~RelaySettingsPage() = default;

void RelaySettingsPage::load(const AppSettings &settings)
{
    m_host->setText(settings.relayHost);
    const int tls = m_tls->findData(settings.relayTls.trimmed().toLower());
    m_tls->setCurrentIndex(tls >= 0 ? tls : 0);
    m_noVerify->setChecked(settings.relayNoVerify);
    const qsizetype colon = settings.relayUser.indexOf(u':');
    m_user->setText(colon < 0 ? settings.relayUser : settings.relayUser.left(colon));
    m_password->setText(colon < 0 ? QString() : settings.relayUser.mid(colon + 1));
    m_sender->setText(settings.relaySender);
    m_allow->setPlainText(settings.relayAllow.join(u'\n'));
    m_auto->setText(settings.relayAuto);
    m_timeout->setSettingValue(settings.relayTimeoutSeconds);
}

void RelaySettingsPage::store(AppSettings *settings) const
{
    settings->relayHost = m_host->text().trimmed();
    settings->relayTls = m_tls->currentData().toString();
    settings->relayNoVerify = m_noVerify->isChecked();
    settings->relayUser = m_user->text().trimmed().isEmpty()
                              ? QString()
                              : m_user->text().trimmed() + u':' + m_password->text();
    settings->relaySender = m_sender->text().trimmed();
    settings->relayAllow.clear();
    for (const QString &line : m_allow->toPlainText().split(u'\n', Qt::SkipEmptyParts)) {
        if (!line.trimmed().isEmpty())
            settings->relayAllow.append(line.trimmed());
    }
    settings->relayAuto = m_auto->text().trimmed();
    settings->relayTimeoutSeconds = int(m_timeout->settingValue(settings->relayTimeoutSeconds));
}

bool RelaySettingsPage::validate()
{
    AppSettings entered;
    store(&entered);
    for (const Error &error : entered.validate()) {
        if (showApplyError(error))
            return false;
    }
    setFieldError(m_error, QString());
    return true;
}

bool RelaySettingsPage::showApplyError(const Error &error)
{
    if (!error.field.startsWith(u"relay."))
        return false;
    setFieldError(m_error, ErrorText::of(error));
    return true;
}
