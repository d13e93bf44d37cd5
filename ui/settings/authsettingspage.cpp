// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "authsettingspage.h"

#include "settings/fielderror.h"
#include "settings/usertable.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

AuthSettingsPage::AuthSettingsPage(QWidget *parent)
    : QWidget(parent)
{
    m_enabled = new QGroupBox(tr("Offer SMTP &authentication (AUTH)"), this);
    m_enabled->setObjectName(QStringLiteral("authEnabledBox"));
    m_enabled->setCheckable(true);
    m_required = new QCheckBox(tr("Re&quire it before MAIL (only AUTH, EHLO, HELO, NOOP, RSET, "
                                  "QUIT and STARTTLS before)"),
                               m_enabled);
    m_acceptAny =
        new QCheckBox(tr("Accept &any user name and password (still shown in the log)"), m_enabled);
    m_users = new UserTable(QStringLiteral("auth"), m_enabled);
    connect(m_users, &UserTable::changed, this, &AuthSettingsPage::changed);
    m_usersError = createFieldErrorLabel(m_enabled);
    m_usersError->setObjectName(QStringLiteral("authUsersError"));

    m_plain = new QCheckBox(QStringLiteral("PLAIN"), m_enabled);
    m_login = new QCheckBox(QStringLiteral("LOGIN"), m_enabled);
    m_cramMd5 = new QCheckBox(QStringLiteral("CRAM-MD5"), m_enabled);
    m_mechanismsError = createFieldErrorLabel(m_enabled);
    m_allowInsecure = new QCheckBox(tr("Allow PLAIN and LOGIN &before TLS"), m_enabled);
    auto *rule = new QLabel(tr("PLAIN and LOGIN send the password in the clear, so by default "
                               "(RFC 4954) they are offered and accepted only after STARTTLS or "
                               "on the implicit-TLS port. CRAM-MD5 is always available. Allow "
                               "them before TLS only to test a client that cannot do TLS."),
                            m_enabled);
    rule->setWordWrap(true);
    rule->setEnabled(false);

    auto *mechanisms = new QHBoxLayout;
    mechanisms->addWidget(new QLabel(tr("Mechanisms:"), m_enabled));
    mechanisms->addWidget(m_plain);
    mechanisms->addWidget(m_login);
    mechanisms->addWidget(m_cramMd5);
    mechanisms->addStretch(1);
    auto *box = new QVBoxLayout(m_enabled);
    box->addWidget(m_required);
    box->addWidget(m_acceptAny);
    box->addWidget(m_users, 1);
    box->addWidget(m_usersError);
    box->addLayout(mechanisms);
    box->addWidget(m_mechanismsError);
    box->addWidget(m_allowInsecure);
    box->addWidget(rule);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_enabled);

    connect(m_enabled, &QGroupBox::toggled, this, &AuthSettingsPage::changed);
    for (QCheckBox *box : {m_required, m_acceptAny, m_plain, m_login, m_cramMd5, m_allowInsecure})
        connect(box, &QCheckBox::toggled, this, &AuthSettingsPage::changed);
}

AuthSettingsPage::~AuthSettingsPage() = default;

void AuthSettingsPage::load(const AppSettings &settings)
{
    m_enabled->setChecked(settings.authEnabled);
    m_required->setChecked(settings.authRequired);
    m_acceptAny->setChecked(settings.authAcceptAny);
    m_users->setSpecs(settings.authUsers);
    m_plain->setChecked(settings.authMechanisms.contains(QStringLiteral("PLAIN")));
    m_login->setChecked(settings.authMechanisms.contains(QStringLiteral("LOGIN")));
    m_cramMd5->setChecked(settings.authMechanisms.contains(QStringLiteral("CRAM-MD5")));
    m_allowInsecure->setChecked(settings.allowInsecureAuth);
}

void AuthSettingsPage::store(AppSettings *settings) const
{
    settings->authEnabled = m_enabled->isChecked();
    settings->authRequired = m_required->isChecked();
    settings->authAcceptAny = m_acceptAny->isChecked();
    settings->authUsers = m_users->specs();
    settings->authMechanisms.clear();
    if (m_plain->isChecked())
        settings->authMechanisms.append(QStringLiteral("PLAIN"));
    if (m_login->isChecked())
        settings->authMechanisms.append(QStringLiteral("LOGIN"));
    if (m_cramMd5->isChecked())
        settings->authMechanisms.append(QStringLiteral("CRAM-MD5"));
    settings->allowInsecureAuth = m_allowInsecure->isChecked();
}

bool AuthSettingsPage::validate()
{
    QString usersError = m_users->problem();
    if (usersError.isEmpty() && m_enabled->isChecked() && m_users->specs().isEmpty()
        && !m_acceptAny->isChecked())
        usersError = tr("Add a user, or accept any credentials");
    bool ok = setFieldError(m_usersError, usersError);
    const bool anyMechanism =
        m_plain->isChecked() || m_login->isChecked() || m_cramMd5->isChecked();
    ok = setFieldError(m_mechanismsError, m_enabled->isChecked() && !anyMechanism
                                              ? tr("Choose at least one mechanism")
                                              : QString())
         && ok;
    return ok;
}
