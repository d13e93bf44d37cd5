// SPDX-FileCopyrightText: 2026 The Letterbox developers
// SPDX-License-Identifier: MIT
#include "authsettingspage.h"

#include "settings/fielderror.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
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
    m_users = new QTableWidget(0, 2, m_enabled);
    m_users->setObjectName(QStringLiteral("authUsersTable"));
    m_users->setHorizontalHeaderLabels({tr("User"), tr("Password")});
    m_users->horizontalHeader()->setStretchLastSection(true);
    m_users->verticalHeader()->hide();
    m_users->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_add = new QPushButton(tr("Add User"), m_enabled);
    QPushButton *add = m_add;
    auto *remove = new QPushButton(tr("Remove"), m_enabled);
    connect(add, &QPushButton::clicked, this, [this] {
        addUser(QString(), QString());
        m_users->editItem(m_users->item(m_users->rowCount() - 1, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_users->currentRow() >= 0)
            m_users->removeRow(m_users->currentRow());
        emit changed();
    });
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

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(add);
    buttons->addWidget(remove);
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
    box->addLayout(buttons);
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
    connect(m_users, &QTableWidget::itemChanged, this, &AuthSettingsPage::changed);
}

AuthSettingsPage::~AuthSettingsPage() = default;

void AuthSettingsPage::addUser(const QString &user, const QString &password)
{
    const int row = m_users->rowCount();
    m_users->insertRow(row);
    m_users->setItem(row, 0, new QTableWidgetItem(user));
    m_users->setItem(row, 1, new QTableWidgetItem(password));
    emit changed();
}

void AuthSettingsPage::load(const AppSettings &settings)
{
    m_enabled->setChecked(settings.authEnabled);
    m_required->setChecked(settings.authRequired);
    m_acceptAny->setChecked(settings.authAcceptAny);
    m_users->setRowCount(0);
    for (const QString &spec : settings.authUsers) {
        const qsizetype colon = spec.indexOf(u':');
        addUser(spec.left(colon), colon < 0 ? QString() : spec.mid(colon + 1));
    }
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
    settings->authUsers.clear();
    for (int row = 0; row < m_users->rowCount(); ++row) {
        const QString user =
            m_users->item(row, 0) ? m_users->item(row, 0)->text().trimmed() : QString();
        const QString password = m_users->item(row, 1) ? m_users->item(row, 1)->text() : QString();
        if (!user.isEmpty())
            settings->authUsers.append(user + u':' + password);
    }
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
    QString usersError;
    int users = 0;
    for (int row = 0; row < m_users->rowCount(); ++row) {
        const QString user =
            m_users->item(row, 0) ? m_users->item(row, 0)->text().trimmed() : QString();
        if (user.contains(u':'))
            usersError = tr("“%1”: a user name cannot contain “:”").arg(user);
        users += user.isEmpty() ? 0 : 1;
    }
    if (usersError.isEmpty() && m_enabled->isChecked() && users == 0 && !m_acceptAny->isChecked())
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
